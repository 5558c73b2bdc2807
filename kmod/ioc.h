/* SPDX-License-Identifier: GPL-2.0 */
/* Copying the ioctls' structures in from user space. */
#ifndef EM_IOC_H
#define EM_IOC_H

#include <linux/uaccess.h>

/*
 * A structure user space may know in a newer (larger) or older (smaller)
 * version than this module: copy_struct_from_user(), but nonzero bytes
 * past the ones this module knows are -EINVAL, a field it does not have
 * set, as for every other field of ours that must be zero (-E2BIG would
 * read as an argument list too long).
 */
static inline int em_copy_in(void *dst, size_t ksize, const void __user *src, size_t usize)
{
	int ret = copy_struct_from_user(dst, ksize, src, usize);

	return ret == -E2BIG ? -EINVAL : ret;
}

#endif /* EM_IOC_H */
