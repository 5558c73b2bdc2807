// SPDX-License-Identifier: GPL-2.0
/*
 * Files and paths.  An event gathers the files whose full paths it needs
 * as it is built (em_put_file(), em_put_loader(), em_put_chain(),
 * em_put_stdin_cwd(): struct em_files), writing at once only what needs no
 * d_path(): each file's stat, a working directory that is the root.  One
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

static const char *em_put_path(struct em_ev *b, u16 type, const struct path *path)
{
	char *p = em_attr_begin(b, type, PATH_MAX);
	char *s;
	size_t n;

	if (!p)
		return NULL;
	/* d_path() builds the name at the end of the buffer */
	s = d_path(path, p, PATH_MAX);
	if (IS_ERR(s)) {
		em_path_missed(b, type);	/* longer than PATH_MAX, mostly */
		return NULL;
	}
	n = strlen(s) + 1;
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
 * A file whose path the event needs.  held: the caller hands over a
 * reference of its own.  On PREEMPT_RT every file is held, to outlive the
 * probe.  Elsewhere the others live at least as long as the probe without
 * one, which keeps an atomic off the exec path: the exec's own file and
 * the chain table's are put only at free_bprm(), after the events; the
 * loader is the file of a mapping of the new mm, which has no user but
 * this task, inside the probe (de_thread() ended the other threads, no
 * process shares the new mm yet, and no call of another process unmaps a
 * mapping of it), so the mapping's reference holds until the probe ends.
 */
static void em_files_add(struct em_ev *b, u16 type, struct file *file, bool held)
{
	struct em_files *f = &b->files;

	if (f->nr == EM_FILES_MAX) {
		em_path_missed(b, type);
		if (held)
			fput(file);
		return;
	}
	if (!held && EM_PATHS_LATER) {
		get_file(file);
		held = true;
	}
	f->types[f->nr] = type;
	f->files[f->nr] = file;
	if (held)
		f->held |= 1U << f->nr;
	f->nr++;
	if (type == EXECMON_A_PATHNAME)
		f->pathname = true;
}

/* The executed file (or the loader): its path to come, its stat now. */
void em_put_file(struct em_ev *b, u16 path_type, u16 stat_type, struct file *file)
{
	em_files_add(b, path_type, file, false);
	em_put_stat(b, stat_type, file_inode(file));
}

/*
 * The ELF program interpreter (dynamic loader) the new image runs: the file
 * mapped at AT_BASE.  A static binary has no AT_BASE, so nothing.  The mm is
 * the exec's own and has no other user yet, so the trylock succeeds; if it
 * does not, the field is left out.
 */
void em_put_loader(struct em_ev *b, struct mm_struct *mm)
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
	if (vma && vma->vm_start <= base && vma->vm_file)
		em_put_file(b, EXECMON_A_LOADER, EXECMON_A_LOADER_STAT, vma->vm_file);
	mmap_read_unlock(mm);
}

/*
 * The chain, when a binary handler went through more than one file.  A
 * handler that names an interpreter (binfmt_script, binfmt_misc) changes
 * bprm->interp: then a successful exec had two files at least, and a
 * failed one at least one, and fewer means the chain table had no slot
 * for this exec (em_chain_misses()): the event says so.
 */
void em_put_chain(struct em_ev *b, const struct linux_binprm *bprm, bool failed)
{
	struct file **files;
	int i, nr = em_chain_get(bprm, &files);

	if (bprm->interp != bprm->filename && nr < (failed ? 1 : 2))
		em_missing(b, EXECMON_A_CHAIN);
	if (nr < 2)
		return;
	for (i = 0; i < nr; i++)
		em_files_add(b, EXECMON_A_CHAIN, files[i], false);
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
 * version.  A working directory that is the task's root (most daemons, and
 * usermode helpers, whose failed exec never returns to user space) is "/"
 * at once; any other is resolved with the rest, from the task's fs then.
 */
void em_put_stdin_cwd(struct em_ev *b)
{
	struct file *f = current->files ? fget_raw(0) : NULL;
	struct path pwd;
	enum em_cwd cwd;

	if (f)
		em_files_add(b, EXECMON_A_STDIN, f, true);
	if (!current->fs)
		return;
	rcu_read_lock();
	cwd = em_cwd_read(current->fs, &pwd);
	rcu_read_unlock();
	if (cwd == EM_CWD_ROOT)
		em_put_kstr(b, EXECMON_A_CWD, "/");
	else
		b->files.cwd = true;
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
		em_put_kstr(b, EXECMON_A_CWD, "/");
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
	s = d_path(&f->f_path, p, PATH_MAX);
	if (IS_ERR(s))
		em_path_missed(b, EXECMON_A_STDIN);	/* its type stays */
	n = IS_ERR(s) ? 0 : strlen(s);
	memmove(p, IS_ERR(s) ? "" : s, n);
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
		s = d_path(&files[i]->f_path, p + used, PATH_MAX);
		if (IS_ERR(s))
			break;
		n = strlen(s) + 1;
		memmove(p + used, s, n);
		used += n;
		v->nr_present++;
	}
	if (v->nr_present < nr)
		em_path_missed(b, EXECMON_A_CHAIN);
	em_attr_end(b, EXECMON_A_CHAIN, v->nr_present < nr ? EXECMON_AF_TRUNCATED : 0,
		    sizeof(*v) + used);
}

/* The event goes without the paths it gathered: each flagged, the references put. */
void em_paths_abandon(struct em_ev *b)
{
	struct em_files *f = &b->files;
	unsigned int i;

	for (i = 0; i < f->nr; i++) {
		em_path_missed(b, f->types[i]);
		if (f->held & (1U << i))
			fput(f->files[i]);
	}
	if (f->cwd)
		em_path_missed(b, EXECMON_A_CWD);
	f->nr = f->held = 0;
	f->cwd = false;
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
	struct file *chain[EM_CHAIN_MAX];
	const char *path = NULL, *host = NULL, *p;
	unsigned int i, nr_chain = 0;

	if (!current->fs)
		em_paths_abandon(b);
	for (i = 0; i < f->nr; i++) {
		switch (f->types[i]) {
		case EXECMON_A_CHAIN:
			if (nr_chain < ARRAY_SIZE(chain))
				chain[nr_chain++] = f->files[i];
			break;
		case EXECMON_A_STDIN:
			em_resolve_stdin(b, f->files[i]);
			break;
		default:
			p = em_put_path(b, f->types[i], &f->files[i]->f_path);
			if (f->types[i] == EXECMON_A_PATHNAME)
				path = p;
		}
	}
	if (nr_chain)
		em_resolve_chain(b, chain, nr_chain);
	if (f->cwd)
		em_resolve_cwd(b);
	for (i = 0; i < f->nr; i++)
		if (f->held & (1U << i))
			fput(f->files[i]);	/* the VFS defers the last one */

	f->nr = f->held = 0;
	f->cwd = false;

	if (!f->pathname && b->cmdpath_off)
		path = (const char *)b->ev + b->cmdpath_off;
	if (b->pol && b->pol->nr_rules && b->pol->filter_path)
		host = em_host_path(b->pol, b->ev, path, f->pathname);
	b->path = path;
	b->host_path = host;
}

/* The end of every event that began, where it began: resolved, decided, sent. */
void em_paths_finish(struct em_ev *b)
{
	em_paths_resolve(b);
	em_record_send(b, b->path, b->host_path);
}
