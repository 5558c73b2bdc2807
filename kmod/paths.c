// SPDX-License-Identifier: GPL-2.0
/*
 * Files and paths.  An event gathers the files whose full paths it needs
 * as it is built (em_put_files(), em_put_stdin_cwd(): struct em_files),
 * writing at once only what needs no d_path(): each file's stat, and on
 * PREEMPT_RT a working directory that is the root.  One
 * resolver, em_paths_finish(), turns the rest into attributes, lets the
 * policy's path rules decide, and sends the record: at the end of the
 * probe, or on PREEMPT_RT from the task work (later.c), where d_path() may
 * take its locks.
 */
#include <linux/binfmts.h>
#include <linux/dcache.h>
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/kdev_t.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/string.h>
#include <uapi/linux/auxvec.h>
#include "chain.h"
#include "paths.h"
#include "policy.h"

static unsigned int em_host_mnt_ns;		/* the initial mount namespace's inode */

void em_paths_init(void)
{
	em_host_mnt_ns = em_mnt_ns_inum(&init_task);
}

/* A string attribute; returns it as the record holds it, or NULL if it is not there. */
const char *em_put_kstr(struct em_ev *b, u16 type, const char *s)
{
	char *p = em_attr_begin(b, type, PATH_MAX);
	ssize_t n;

	if (!p)
		return NULL;
	n = strscpy(p, s, PATH_MAX);
	em_attr_end(b, type, n < 0 ? EXECMON_AF_TRUNCATED : 0,
		    (n < 0 ? PATH_MAX - 1 : n) + 1);
	return p;
}

/* A working directory that is the task's root: "/", without a copy or a d_path(). */
static void em_put_cwd_root(struct em_ev *b)
{
	char *p = em_attr_begin(b, EXECMON_A_CWD, 2);

	if (!p)
		return;
	p[0] = '/';
	p[1] = '\0';
	em_attr_end(b, EXECMON_A_CWD, 0, 2);
}

/*
 * d_path() into a buffer of PATH_MAX, and the length of the name (without
 * its NUL).  d_path() builds a path from the buffer's end back, so the name
 * ends at the buffer's last byte and its length comes without a strlen();
 * a name that a filesystem makes up instead (->d_dname(): a pipe, a socket,
 * which d_path() tests the same way) is wherever that filesystem put it.
 */
static __always_inline char *em_d_path(const struct path *path, char *buf, size_t *len)
{
	char *s = d_path(path, buf, PATH_MAX);

	if (IS_ERR(s))
		return s;
	if (unlikely(path->dentry->d_op && path->dentry->d_op->d_dname))
		*len = strlen(s);
	else
		*len = buf + PATH_MAX - 1 - s;
	return s;
}

static const char *em_put_path(struct em_ev *b, u16 type, const struct path *path)
{
	char *p = em_attr_begin(b, type, PATH_MAX);
	char *s;
	size_t n;

	if (!p)
		return NULL;
	/* d_path() builds the name at the end of the buffer */
	s = em_d_path(path, p, &n);
	if (IS_ERR(s)) {
		em_path_missed(b, type);	/* longer than PATH_MAX, mostly */
		return NULL;
	}
	n++;
	memmove(p, s, n);
	em_attr_end(b, type, 0, n);
	return p;
}

static void em_put_stat(struct em_ev *b, u16 type, const struct inode *inode)
{
	struct execmon_stat *st = em_attr_begin(b, type, sizeof(*st));

	if (!st)
		return;
	st->dev = new_encode_dev(inode->i_sb->s_dev);	/* as stat(2) reports st_dev */
	st->ino = inode->i_ino;
	st->ctime_ns = em_inode_ctime_ns(inode);
	st->mode = inode->i_mode;
	st->flags = inode->i_nlink ? 0 : EXECMON_STAT_UNLINKED;
	em_attr_end(b, type, 0, sizeof(*st));
}

/* ---- gathering ---- */

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
	em_files_add(b, &b->files.pathname, file);
	em_put_stat(b, EXECMON_A_PATHNAME_STAT, file_inode(file));
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
		em_put_stat(b, EXECMON_A_LOADER_STAT, file_inode(vma->vm_file));
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
 * A task's root and working directory as of one moment, read under fs->seq
 * without waiting for a writer: false if one was writing in each of a few
 * tries.  A probe cannot wait.  It runs with preemption off, and on
 * PREEMPT_RT the writers of fs->seq (chdir(), chroot() of a CLONE_FS
 * sibling) can be preempted mid-write, by this very task on this CPU: a
 * reader that spun until the count is even, as raw_read_seqcount_begin()
 * does, would spin for ever, and read_seqcount_begin() would take the
 * writer's lock, a sleeping one there.  So the plain count is read once
 * per try (fs->seq is a seqcount_spinlock_t; its .seqcount has no lock).
 * Pointers only: a caller that follows them holds rcu_read_lock().
 */
static bool em_fs_paths(struct fs_struct *fs, struct path *root, struct path *pwd)
{
	unsigned int seq, tries;

	for (tries = 0; tries < 4; tries++) {
		seq = raw_read_seqcount(&fs->seq.seqcount);
		if (seq & 1) {
			cpu_relax();
			continue;
		}
		*root = fs->root;
		*pwd = fs->pwd;
		if (!read_seqcount_retry(&fs->seq.seqcount, seq))
			return true;
	}
	return false;
}

enum em_cwd { EM_CWD_ROOT, EM_CWD_PATH, EM_CWD_RACING };

/* Caller holds rcu_read_lock(); *pwd is valid for EM_CWD_PATH. */
static enum em_cwd em_cwd_read(struct fs_struct *fs, struct path *pwd)
{
	struct path root;

	if (!em_fs_paths(fs, &root, pwd))
		return EM_CWD_RACING;
	return path_equal(pwd, &root) && !d_unlinked(pwd->dentry) ? EM_CWD_ROOT : EM_CWD_PATH;
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
	struct path pwd;
	enum em_cwd cwd;

	if (f) {
		b->files.stdin = f;	/* fget_raw()'s reference */
		b->files.pending += EM_PATH_ROOM;
	}
	if (!current->fs)
		return;
	if (!EM_PATHS_LATER) {
		b->files.cwd = true;
		b->files.pending += EM_PATH_ROOM;
		return;
	}
	rcu_read_lock();
	cwd = em_cwd_read(current->fs, &pwd);
	rcu_read_unlock();
	if (cwd == EM_CWD_ROOT) {
		em_put_cwd_root(b);
	} else {
		b->files.cwd = true;
		b->files.pending += EM_PATH_ROOM;
	}
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

/* ---- resolving ---- */

/*
 * The working directory.  fs->pwd is read without the lock, giving up after
 * a few tries if chdir() keeps racing.  No reference is taken: the last
 * dput() or mntput() may sleep, which a probe cannot.  None is needed: a
 * sibling's chdir() drops the old path after it is replaced, and dentries,
 * inodes and mounts are freed only after an RCU grace period, which the
 * read-side section below, begun before fs->pwd is read, holds off;
 * d_path() walks under RCU as the kernel's own lockless lookups do.
 */
static void em_resolve_cwd(struct em_ev *b)
{
	struct path pwd;

	rcu_read_lock();
	switch (em_cwd_read(current->fs, &pwd)) {
	case EM_CWD_ROOT:
		em_put_cwd_root(b);
		break;
	case EM_CWD_PATH:
		em_put_path(b, EXECMON_A_CWD, &pwd);
		break;
	case EM_CWD_RACING:
		em_path_missed(b, EXECMON_A_CWD);	/* chdir() kept racing */
		break;
	}
	rcu_read_unlock();
}

/* fd 0: its type and path ("/dev/pts/0", "pipe:[1234]", a file). */
static void em_resolve_stdin(struct em_ev *b, struct file *f)
{
	struct execmon_stdin *in = em_attr_begin(b, EXECMON_A_STDIN, sizeof(*in) + PATH_MAX);
	char *p, *s;
	size_t n;

	if (!in)
		return;
	p = (char *)(in + 1);
	s = em_d_path(&f->f_path, p, &n);
	if (IS_ERR(s)) {
		em_path_missed(b, EXECMON_A_STDIN);	/* its type stays */
		n = 0;
	} else {
		memmove(p, s, n);
	}
	p[n] = '\0';
	in->type = file_inode(f)->i_mode & S_IFMT;
	in->resv = 0;
	em_attr_end(b, EXECMON_A_STDIN, 0, sizeof(*in) + n + 1);
}

/*
 * The full path of every file the binary handlers loaded, in order, when
 * there was more than one (a script and its interpreters); one file is
 * already pathname.
 */
static void em_resolve_chain(struct em_ev *b, struct file **files, unsigned int nr)
{
	struct execmon_strv *v;
	size_t used = 0, n;
	unsigned int i;
	char *p, *s;

	v = em_attr_begin(b, EXECMON_A_CHAIN, sizeof(*v) + nr * PATH_MAX);
	if (!v)
		return;
	p = (char *)(v + 1);
	v->count = nr;
	v->nr_present = 0;
	for (i = 0; i < nr; i++) {
		s = em_d_path(&files[i]->f_path, p + used, &n);
		if (IS_ERR(s))
			break;
		n++;
		memmove(p + used, s, n);
		used += n;
		v->nr_present++;
	}
	if (v->nr_present < nr)
		em_path_missed(b, EXECMON_A_CHAIN);
	em_attr_end(b, EXECMON_A_CHAIN, v->nr_present < nr ? EXECMON_AF_TRUNCATED : 0,
		    sizeof(*v) + used);
}

/* The files' references, once their paths are had or given up. */
static void em_files_put(struct em_files *f)
{
	unsigned int i;

	if (f->stdin)
		fput(f->stdin);	/* the VFS defers the last one */
	if (EM_PATHS_LATER) {
		if (f->pathname)
			fput(f->pathname);
		if (f->loader)
			fput(f->loader);
		for (i = 0; i < f->nr_chain; i++)
			fput(f->chain[i]);
	}
	f->pathname = f->loader = f->stdin = NULL;
	f->nr_chain = 0;
	f->cwd = false;
	f->pending = 0;
}

/* The event goes without the paths it gathered: each flagged, the references put. */
void em_paths_abandon(struct em_ev *b)
{
	struct em_files *f = &b->files;

	if (f->pathname)
		em_path_missed(b, EXECMON_A_PATHNAME);
	if (f->loader)
		em_path_missed(b, EXECMON_A_LOADER);
	if (f->stdin)
		em_path_missed(b, EXECMON_A_STDIN);
	if (f->nr_chain)
		em_path_missed(b, EXECMON_A_CHAIN);
	if (f->cwd)
		em_path_missed(b, EXECMON_A_CWD);
	em_files_put(f);
}

/* An absolute path with no empty, "." or ".." component: it names one place. */
static bool em_path_canonical(const char *p)
{
	if (*p != '/')
		return false;
	while (*p) {
		const char *c = ++p;	/* a component starts after each '/' */

		while (*p && *p != '/')
			p++;
		if (p == c ? *p : (p - c == 1 && c[0] == '.') ||
				  (p - c == 2 && c[0] == '.' && c[1] == '.'))
			return false;
	}
	return true;
}

/*
 * Is the task's root the host's (p->host_root: pid 1's when the policy was
 * set)?  Pointers compared: nothing is dereferenced, so no reference is
 * needed.
 */
static bool em_task_at_host_root(const struct em_policy *p)
{
	struct path root, pwd;

	return current->fs && p->host_root.mnt && em_fs_paths(current->fs, &root, &pwd) &&
	       path_equal(&root, &p->host_root);
}

/*
 * What the policy's path rules test (their host view, see
 * EXECMON_MATCH_PATH): path, as the task sees it, when the task is in the
 * initial mount namespace and not chrooted (its root is the host's), and,
 * with no file opened, the caller's path is canonical.  NULL for a task in
 * any other mount namespace or chroot, whose paths are what its mounts and
 * root make them (any user can make a mount namespace, and chroot in a
 * user namespace), and for a path that cannot be resolved: a rule then
 * keeps the event.
 */
static const char *em_host_path(const struct em_policy *p, const struct execmon_event *ev,
				const char *path, bool file)
{
	if (!path || ev->mnt_ns != em_host_mnt_ns || !em_task_at_host_root(p))
		return NULL;
	return file || em_path_canonical(path) ? path : NULL;
}

/*
 * The event's paths, as the task sees them (none when the task has no fs
 * left: a task work run from do_exit()), and what the policy's path rules
 * will test: the executed file's path, or the caller's when no file was
 * opened.
 */
void em_paths_resolve(struct em_ev *b)
{
	struct em_files *f = &b->files;
	const char *path = NULL, *host = NULL;
	bool opened = f->pathname;

	if (!current->fs)
		em_paths_abandon(b);
	if (f->pathname)
		path = em_put_path(b, EXECMON_A_PATHNAME, &f->pathname->f_path);
	if (f->loader)
		em_put_path(b, EXECMON_A_LOADER, &f->loader->f_path);
	if (f->nr_chain)
		em_resolve_chain(b, f->chain, f->nr_chain);
	if (f->stdin)
		em_resolve_stdin(b, f->stdin);
	if (f->cwd)
		em_resolve_cwd(b);
	em_files_put(f);

	if (!opened && b->cmdpath_off)
		path = (const char *)b->ev + b->cmdpath_off;
	if (b->pol && b->pol->nr_rules && b->pol->filter_path)
		host = em_host_path(b->pol, b->ev, path, opened);
	b->path = path;
	b->host_path = host;
}
