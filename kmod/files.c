// SPDX-License-Identifier: GPL-2.0
/*
 * The files an event names, gathered as it is built (struct em_files):
 * the file opened, the chain of a binary handler's files, the loader,
 * fd 0 and the working directory.  What needs no d_path() is written at
 * once: each file's stat, and on PREEMPT_RT a working directory that is
 * the root.  The paths come at the event's end, from paths.c.
 */
#include <linux/binfmts.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kdev_t.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/sched.h>
#include <uapi/linux/auxvec.h>
#include "chain.h"
#include "files.h"
#include "paths.h"

static void em_put_stat(struct em_ev *b, u16 type, const struct inode *inode, u32 flags)
{
	struct execmon_stat *st = em_attr_begin(b, type, sizeof(*st));

	if (!st)
		return;
	st->dev = new_encode_dev(inode->i_sb->s_dev);	/* as stat(2) reports st_dev */
	st->ino = inode->i_ino;
	st->ctime_ns = em_inode_ctime_ns(inode);
	st->mode = inode->i_mode;
	st->flags = flags | (inode->i_nlink ? 0 : EXECMON_STAT_UNLINKED);
	em_attr_end(b, type, 0, sizeof(*st));
}

/*
 * Does the file's mode let the event's credentials write it: the owner bit
 * for its owner, the group bit for its group (in_group_p(): the fsgid and
 * the groups), the others bit for anyone?  Each class's bit on its own,
 * not the kernel's precedence of classes; ACLs, LSMs, idmapped and
 * read-only mounts not considered (EXECMON_STAT_WRITABLE).
 */
static u32 em_writable(const struct inode *inode)
{
	umode_t m = inode->i_mode;

	if ((m & S_IWOTH) || ((m & S_IWUSR) && uid_eq(inode->i_uid, current_fsuid())) ||
	    ((m & S_IWGRP) && in_group_p(inode->i_gid)))
		return EXECMON_STAT_WRITABLE;
	return 0;
}

/*
 * A file whose path the event needs, into its slot.  On PREEMPT_RT every
 * file is referenced, to outlive the probe.  Elsewhere these live at least
 * as long as the probe without one, which keeps an atomic off the exec
 * path: the exec's own file and the chain table's are put only at
 * free_bprm(), after the events; the loader is the file of a mapping of
 * the new mm, which has no user but this task, inside the probe
 * (de_thread() ended the other threads, no process shares the new mm yet,
 * and no call of another process unmaps a mapping of it), so the
 * mapping's reference holds until the probe ends.
 */
static void em_files_add(struct em_ev *b, struct file **slot, struct file *file)
{
	if (EM_PATHS_LATER)
		get_file(file);
	*slot = file;
	b->files.pending += EM_PATH_ROOM;
}

/* The file opened: its path to come, its stat now. */
static void em_put_pathname(struct em_ev *b, struct file *file)
{
	struct inode *inode = file_inode(file);

	em_files_add(b, &b->files.pathname, file);
	em_put_stat(b, EXECMON_A_PATHNAME_STAT, inode, em_writable(inode) | em_overlay_layer(file));
}

/*
 * The ELF program interpreter (dynamic loader) the new image runs: the file
 * mapped at AT_BASE.  A static binary has no AT_BASE, so nothing.  The mm is
 * the exec's own and has no other user yet, so the trylock succeeds; if it
 * does not, the field is left out.
 */
static void em_put_loader(struct em_ev *b, struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned long base = 0;
	unsigned int i;

	for (i = 0; i + 1 < ARRAY_SIZE(mm->saved_auxv) && mm->saved_auxv[i] != AT_NULL; i += 2) {
		if (mm->saved_auxv[i] == AT_BASE) {
			base = mm->saved_auxv[i + 1];
			break;
		}
	}
	if (!base || !mmap_read_trylock(mm))
		return;
	vma = find_vma(mm, base);
	if (vma && vma->vm_start <= base && vma->vm_file) {
		em_files_add(b, &b->files.loader, vma->vm_file);
		em_put_stat(b, EXECMON_A_LOADER_STAT, file_inode(vma->vm_file), 0);
	}
	mmap_read_unlock(mm);
}

/*
 * The chain, when a binary handler went through more than one file.  A
 * handler that names an interpreter (binfmt_script, binfmt_misc) changes
 * bprm->interp: then a successful exec had two files at least, and a
 * failed one at least one, and fewer means the chain table had no slot
 * for this exec (em_chain_misses()): the event says so.
 */
static void em_put_chain(struct em_ev *b, const struct linux_binprm *bprm, bool failed)
{
	struct file **files;
	int i, nr = em_chain_get(bprm, &files);

	if (bprm->interp != bprm->filename && nr < (failed ? 1 : 2))
		em_missing(b, EXECMON_A_CHAIN);
	if (nr < 2)
		return;
	for (i = 0; i < nr; i++)
		em_files_add(b, &b->files.chain[i], files[i]);
	b->files.nr_chain = nr;
}

/*
 * fd 0 and the working directory: the task's own.  fd 0's file is taken by
 * reference: until begin_new_exec() the file table may be shared (a
 * CLONE_FILES sibling, any other thread of a failing exec's process), so
 * fd 0 can be closed, freed and, since 6.7 (struct file is
 * SLAB_TYPESAFE_BY_RCU), reused for another file while the probe looks;
 * only a reference keeps it, and its inode (a pipe's d_path() reads that).
 * fget_raw() takes one the way the kernel's own lookup does on every
 * version.  The working directory is resolved with the rest, from the
 * task's fs then.  On PREEMPT_RT that is in the task work, which for a
 * usermode helper whose exec failed runs only from do_exit(), after the
 * task's fs is gone: so there a working directory that is the task's root
 * (most daemons, and every helper) is "/" at once.  Elsewhere the resolver
 * runs before the probe returns, and reads the fs once.
 */
void em_put_stdin_cwd(struct em_ev *b)
{
	struct file *f = current->files ? fget_raw(0) : NULL;

	if (f) {
		b->files.stdin = f;	/* fget_raw()'s reference */
		b->files.pending += EM_PATH_ROOM;
	}
	if (!current->fs || (EM_PATHS_LATER && em_put_cwd_if_root(b)))
		return;
	b->files.cwd = true;
	b->files.pending += EM_PATH_ROOM;
}

/*
 * The files of an exec that reached bprm_execve(): the file opened, if it
 * was, the chain of a binary handler's files, the loader of the new image
 * (mm: the exec succeeded), fd 0 and the working directory.
 */
void em_put_files(struct em_ev *b, const struct linux_binprm *bprm, struct mm_struct *mm)
{
	if (bprm->file)
		em_put_pathname(b, bprm->file);
	em_put_chain(b, bprm, !mm);
	if (mm)
		em_put_loader(b, mm);
	em_put_stdin_cwd(b);
}
