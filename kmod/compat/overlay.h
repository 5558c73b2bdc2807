/* SPDX-License-Identifier: GPL-2.0 */
/* overlayfs's layers: what overlayfs keeps private, read as it reads it */
#ifndef EM_COMPAT_OVERLAY_H
#define EM_COMPAT_OVERLAY_H

#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/magic.h>
#include <linux/uaccess.h>
#include <uapi/linux/execmon.h>

/*
 * Whether an open file on an overlayfs is on its upper layer:
 * EXECMON_STAT_* flags, 0 for a file on any other filesystem.  overlayfs
 * exports nothing that tells (ovl_i_dentry_upper() is private to
 * fs/overlayfs/, which exports no symbol at all), so this reads two of its
 * own facts, each as overlayfs itself reads it, and takes an answer only
 * when they agree (read in 6.1's and 6.12's fs/overlayfs/):
 *  - every inode of an overlay superblock is a struct ovl_inode
 *    (ovl_alloc_inode()), whose __upperdentry comes right after its
 *    embedded struct inode (ovl_upperdentry_dereference(); so from 4.13
 *    on): set once, at copy-up, kept until the inode goes, which the open
 *    file holds;
 *  - an overlay file's private_data is the file ovl_open() opened on the
 *    layer that holds the data (ovl_real_fdget_meta()).
 * Upper: the upper dentry's inode is that file's.  Lower: no upper dentry,
 * and that file is on another superblock.  Anything else (a layout that
 * is not this one, a file whose metadata alone was copied up with
 * metacopy=on, one copied up since it was opened) is unknown.  The loads
 * cannot fault (copy_from_kernel_nofault()): what is read is checked, not
 * trusted.
 */
static inline u32 em_overlay_layer(const struct file *file)
{
	const size_t off = ALIGN(sizeof(struct inode), __alignof__(struct dentry *));
	const struct inode *inode = file_inode(file);
	const u32 unknown = EXECMON_STAT_OVERLAY | EXECMON_STAT_LAYER_UNKNOWN;
	struct inode *upper_inode = NULL, *real_inode;
	struct super_block *real_sb;
	struct dentry *upper;
	struct file *real;

	if (inode->i_sb->s_magic != OVERLAYFS_SUPER_MAGIC)
		return 0;
	if (copy_from_kernel_nofault(&upper, (const char *)inode + off, sizeof(upper)) ||
	    copy_from_kernel_nofault(&real, &file->private_data, sizeof(real)) || !real ||
	    copy_from_kernel_nofault(&real_inode, &real->f_inode, sizeof(real_inode)) ||
	    !real_inode ||
	    copy_from_kernel_nofault(&real_sb, &real_inode->i_sb, sizeof(real_sb)) ||
	    real_sb == inode->i_sb)
		return unknown;
	if (!upper)
		return EXECMON_STAT_OVERLAY;	/* on a lower layer */
	if (copy_from_kernel_nofault(&upper_inode, &upper->d_inode, sizeof(upper_inode)) ||
	    upper_inode != real_inode)
		return unknown;
	return EXECMON_STAT_OVERLAY | EXECMON_STAT_UPPER;
}

#endif /* EM_COMPAT_OVERLAY_H */
