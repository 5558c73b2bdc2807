// SPDX-License-Identifier: GPL-2.0
/*
 * Paths.  One resolver, em_paths_resolve(), turns the files an event
 * gathered (files.c) into attributes, names the terminal (ident.c), and
 * says what the policy's late rules test; em_paths_finish() then sends the
 * record: at the end of the probe, or on PREEMPT_RT from the task work
 * (later.c), where d_path() and the terminal may take their locks.
 */
#include <linux/dcache.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/string.h>
#include "ident.h"
#include "paths.h"
#include "policy.h"

static unsigned int em_host_mnt_ns;		/* the initial mount namespace's inode */

void em_paths_init(void)
{
	em_host_mnt_ns = em_mnt_ns_inum(&init_task);
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

/*
 * On PREEMPT_RT, at the probe: a working directory that is the task's root
 * is "/" at once, with no d_path(); false when it is another path, or
 * chdir() kept racing, for the resolver to do in the task work.
 */
bool em_put_cwd_if_root(struct em_ev *b)
{
	struct path pwd;
	enum em_cwd cwd;

	if (!EM_PATHS_LATER)
		return false;	/* and em_resolve_cwd() is the helpers' one caller, inlining them */
	rcu_read_lock();
	cwd = em_cwd_read(current->fs, &pwd);
	rcu_read_unlock();
	if (cwd != EM_CWD_ROOT)
		return false;
	em_put_cwd_root(b);
	return true;
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
	f->tty = false;
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
	if (f->tty)
		em_missing(b, EXECMON_A_TTY);	/* not a path: flagged, not counted */
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
	/* a terminal not gathered: none, or given up (em_paths_abandon()) */
	if (f->tty)
		b->late.tty = em_resolve_tty(b);
	else
		b->late.tty = b->ev->missing & (1U << EXECMON_A_TTY) ? NULL : "";
	em_files_put(f);

	if (!opened && b->cmdpath_off)
		path = (const char *)b->ev + b->cmdpath_off;
	if (b->pol && b->pol->nr_rules && b->pol->late)
		host = em_host_path(b->pol, b->ev, path, opened);
	b->late.path = path;
	b->late.host_path = host;
}
