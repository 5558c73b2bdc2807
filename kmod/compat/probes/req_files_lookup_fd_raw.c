// SPDX-License-Identifier: GPL-2.0
/* required: fd 0 looked up under RCU without a reference (5.11) */
#include <linux/fdtable.h>
struct file *em_probe(struct files_struct *files);
struct file *em_probe(struct files_struct *files) { return files_lookup_fd_raw(files, 0); }
