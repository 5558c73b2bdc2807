// SPDX-License-Identifier: GPL-2.0
/* required: extensible ioctl structures (5.4) */
#include <linux/uaccess.h>
int em_probe(void *dst, const void __user *src);
int em_probe(void *dst, const void __user *src) { return copy_struct_from_user(dst, 8, src, 16); }
