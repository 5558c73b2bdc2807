/* SPDX-License-Identifier: GPL-2.0 */
/* Files, inodes and namespaces: what moved between versions */
#ifndef EM_COMPAT_FS_H
#define EM_COMPAT_FS_H

#include "config.h"
#include <linux/fs.h>
#include <linux/ns_common.h>
#include <linux/nsproxy.h>
#include <linux/sched.h>
#include <linux/time64.h>

/*
 * Namespaces.  struct mnt_namespace is private to fs/; its ns_common member
 * has been its first member since ns_common was introduced (3.19) and still
 * is in 6.12, so its address is the namespace's.
 */
static inline unsigned int em_mnt_ns_inum(struct task_struct *t)
{
	struct nsproxy *nsp = t->nsproxy;

	return nsp && nsp->mnt_ns ? ((struct ns_common *)nsp->mnt_ns)->inum : 0;
}


/* An inode's change time; the field went behind accessors in 6.6. */
static inline u64 em_inode_ctime_ns(const struct inode *inode)
{
#ifdef EM_HAVE_INODE_GET_CTIME
	struct timespec64 ts = inode_get_ctime(inode);
#else
	struct timespec64 ts = inode->i_ctime;
#endif /* EM_HAVE_INODE_GET_CTIME */

	return timespec64_to_ns(&ts);
}

#endif /* EM_COMPAT_FS_H */
