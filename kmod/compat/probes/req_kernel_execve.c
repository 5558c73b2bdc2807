// SPDX-License-Identifier: GPL-2.0
/* required: kernel_execve(), the kernel's own exec (5.9) */
#include <linux/binfmts.h>
int (*em_probe)(const char *, const char *const *, const char *const *) = kernel_execve;
