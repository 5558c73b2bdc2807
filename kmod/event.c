// SPDX-License-Identifier: GPL-2.0
/*
 * Building event records in probe context: preemption off, no sleeping, no
 * allocation, no lock shared across CPUs.  A record is built once, in this
 * CPU's scratch buffer, then copied into every session's ring for this CPU.
 * Every byte of a record is written (fields, or zero padding) before it leaves.
 *
 * Each event reads the policy once (em_event_begin()) and is built and
 * filtered under it to the end.  The filter runs as early as it can: right
 * after the context (pids, ids, comm), or, when a rule tests the path, right
 * after the path; a dropped event costs that much and no more.
 *
 * On PREEMPT_RT the paths are resolved later, in the task's own context
 * before it returns to user space: see "Paths, later" below.
 */
#include <linux/binfmts.h>
#include <linux/cgroup.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/kdev_t.h>
#include <linux/mmap_lock.h>
#include <linux/module.h>
#include <linux/pid_namespace.h>
#include <linux/percpu.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/task_work.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <uapi/linux/auxvec.h>
#include "chain.h"
#include "event.h"
#include "policy.h"
#include "session.h"
#include "../common/emredact.h"

static DEFINE_PER_CPU(void *, em_scratch);
static DEFINE_PER_CPU(int, em_nest);
static unsigned int em_host_mnt_ns;		/* the initial mount namespace's inode */

/* A record under construction in this CPU's scratch buffer. */
struct em_ev {
	struct execmon_event *ev;
	u32 len;
	/*
	 * The policy in force when the event began.  The probes run with
	 * preemption off, which is an RCU read-side critical section (one RCU
	 * since 5.0): the object outlives the event; see em_policy_set().
	 */
	const struct em_policy *pol;

	/* PREEMPT_RT: what waits for em_later_run(), and whether it could */
	struct em_later *later;
	bool later_failed;		/* no slot: the paths are left out */
	bool later_pathname;		/* pathname (and the policy's path rules) wait */
};

static bool em_paths_later(void)
{
	return IS_ENABLED(CONFIG_PREEMPT_RT);
}

/*
 * The task's name, NUL-padded: what strscpy_pad() does, in two words and
 * no calls.  comm always ends in a NUL (set_task_comm() pads it); a rename
 * racing with the read can only mix two names, and the last byte is forced.
 */
static void em_copy_comm(char *dst, const char *src)
{
	const struct word_at_a_time constants = WORD_AT_A_TIME_CONSTANTS;
	unsigned long w[2], data;

	BUILD_BUG_ON(TASK_COMM_LEN != sizeof(w) ||
		     sizeof(((struct execmon_event *)NULL)->comm) != sizeof(w));
	memcpy(w, src, sizeof(w));
	if (has_zero(w[0], &data, &constants)) {
		data = prep_zero_mask(w[0], data, &constants);
		w[0] &= zero_bytemask(create_zero_mask(data));
		w[1] = 0;
	} else if (has_zero(w[1], &data, &constants)) {
		data = prep_zero_mask(w[1], data, &constants);
		w[1] &= zero_bytemask(create_zero_mask(data));
	}
	memcpy(dst, w, sizeof(w));
	dst[TASK_COMM_LEN - 1] = '\0';
}

static void em_fill_context(struct execmon_event *ev, u16 type, int retval,
			    struct execmon_task *task)
{
	struct task_struct *t = current;
	const struct cred *cred = current_cred();
	struct task_struct *parent;
	struct pid_namespace *ns;

	memset(ev, 0, sizeof(*ev));
	ev->hdr.type = type;
	ev->ts_ns = ktime_get_real_fast_ns();
	ev->cpu = smp_processor_id();
	ev->pid = task_tgid_nr(t);
	ev->tid = task_pid_nr(t);
	/* a kuid's value is the uid in the initial user namespace: from_kuid(&init_user_ns) */
	ev->uid = __kuid_val(cred->uid);
	ev->gid = __kgid_val(cred->gid);
	ev->euid = __kuid_val(cred->euid);
	ev->egid = __kgid_val(cred->egid);
	ev->return_value = retval;
	ev->attrs_off = sizeof(*ev);
	ev->mnt_ns = em_mnt_ns_inum(t);
	em_copy_comm(ev->comm, t->comm);

	task->resv = 0;
	task->start_time_ns = t->start_time;

	/* the ids as the task's own pid namespace numbers them: task_*_vnr(), under one lock */
	rcu_read_lock();
	ns = task_active_pid_ns(t);
	ev->pid_ns = ns->ns.inum;
	task->ns_pid = pid_nr_ns(task_tgid(t), ns);
	task->ns_tid = pid_nr_ns(task_pid(t), ns);
	parent = rcu_dereference(t->real_parent);
	ev->ppid = task_tgid_nr(parent);
	task->ns_ppid = pid_alive(parent) ? pid_nr_ns(task_tgid(parent), ns) : 0;
	ev->cgroup_id = cgroup_id(task_dfl_cgroup(t));
	rcu_read_unlock();
}

/*
 * Did the kernel start this exec (a usermode helper: modprobe, a core_pattern
 * pipe, hotplug; or init's first program)?  Such a task was forked by a
 * kernel thread and had no user memory of its own before the exec.  After a
 * successful exec the old mm is gone, but the task's first exec is told by
 * self_exec_id: 0 inherited from the kernel thread, 1 once exec'd; a child
 * of user space inherits its parent's count, at least 1.
 */
static bool em_kernel_invoked_after_exec(void)
{
	struct task_struct *parent;
	bool kthread_parent;

	rcu_read_lock();
	parent = rcu_dereference(current->real_parent);
	kthread_parent = parent->flags & PF_KTHREAD;
	rcu_read_unlock();
	return kthread_parent && current->self_exec_id == 1;
}

/* The event goes without (some of) attribute type: flagged, named. */
static inline void em_missing(struct em_ev *b, u16 type)
{
	b->ev->missing |= 1U << type;
	b->ev->flags |= EXECMON_EF_INCOMPLETE;
}

/*
 * Room for an attribute's payload of up to max bytes, or NULL, and then the
 * event says what is missing.  (The limits make that rare: every field but
 * one at its longest still fits.)
 */
static inline void *em_attr_begin(struct em_ev *b, u16 type, u32 max)
{
	if (b->len + sizeof(struct execmon_attr) + ALIGN(max, 8) > EXECMON_RECORD_MAX) {
		em_missing(b, type);
		return NULL;
	}
	return (void *)b->ev + b->len + sizeof(struct execmon_attr);
}

static inline void em_attr_end(struct em_ev *b, u16 type, u16 flags, u32 len)
{
	struct execmon_attr *a = (void *)b->ev + b->len;
	u32 padded = ALIGN(len, 8);

	a->type = type;
	a->flags = flags;
	a->len = len;
	/* the padding: the bytes of the payload's last word past len (attributes are 8-aligned) */
	if (len & 7) {
		__le64 *last = (void *)(a + 1) + padded - 8;

		*last &= cpu_to_le64(~0ULL >> (64 - 8 * (len & 7)));
	}
	b->len += sizeof(*a) + padded;
	b->ev->nattrs++;
}

static void em_later_free(struct em_later *l);
static bool em_later_queue(struct em_ev *b);
static atomic64_t em_path_misses;

/* A path the event needs could not be resolved: flagged, and counted. */
static void em_path_missed(struct em_ev *b, u16 type)
{
	em_missing(b, type);
	atomic64_inc(&em_path_misses);
}

/* The policy drops the event: every session counts it, nothing more is built. */
static void em_event_filtered(struct em_ev *b)
{
	if (b->later)
		em_later_free(b->later);
	em_emit_filtered();
	this_cpu_dec(em_nest);
}

/*
 * Start a record on this CPU, or return false: nobody listens, this CPU is
 * already building one (a probe inside a probe; every session counts the
 * event as lost), or the policy drops it.  Preemption must be off until
 * em_event_end(), or until em_event_path() returns true.
 */
static bool em_event_begin(struct em_ev *b, u16 type, int retval)
{
	if (!em_have_sessions())
		return false;
	if (this_cpu_inc_return(em_nest) != 1) {
		this_cpu_dec(em_nest);
		em_emit_drop();
		return false;
	}
	b->pol = rcu_dereference_sched(em_policy);
	b->ev = this_cpu_read(em_scratch);
	b->len = sizeof(*b->ev);
	b->later = NULL;
	b->later_failed = b->later_pathname = false;
	/* the first attribute, always: it fits in any record */
	em_fill_context(b->ev, type, retval, (void *)(b->ev + 1) + sizeof(struct execmon_attr));
	em_attr_end(b, EXECMON_A_TASK, 0, sizeof(struct execmon_task));
	if (em_policy_drops(b->pol, b->ev, NULL, NULL, false)) {
		em_event_filtered(b);
		return false;
	}
	return true;
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

/*
 * Is the task's root the host's (p->host_root: pid 1's when the policy was
 * set)?  Pointers compared under the fs_struct's seqcount: nothing is
 * dereferenced, so no reference is needed.
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
 * The path that path rules test is now known: path as the task sees it
 * (the executed file's, or the caller's when nothing was opened: file is
 * false; NULL if neither is known).  Returns
 * true when the policy drops the event, which is then over.
 */
static bool em_event_path(struct em_ev *b, const char *path, bool file)
{
	const char *host;

	if (b->later_pathname)
		return false;	/* em_later_run() decides, once it has the path */
	if (!b->pol->nr_rules || !b->pol->filter_path)
		return false;
	host = em_host_path(b->pol, b->ev, path, file);
	if (!em_policy_drops(b->pol, b->ev, path, host, true))
		return false;
	em_event_filtered(b);
	return true;
}

static void em_event_end(struct em_ev *b)
{
	b->ev->hdr.len = b->len;
	if (!b->later || !em_later_queue(b))
		em_emit(&b->ev->hdr);
	this_cpu_dec(em_nest);
}

/* These return the string as the record holds it, or NULL if it is not there. */
static const char *em_put_kstr(struct em_ev *b, u16 type, const char *s)
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

/*
 * ---- Paths, later (PREEMPT_RT) ----
 *
 * d_path() takes rename_lock or mount_lock when a rename or a mount races
 * with its lockless walk, and reads the task's root under a seqcount whose
 * readers wait on the writer's lock.  Those are spinlocks: sleeping locks on
 * PREEMPT_RT, where probes still run with preemption off.  So on RT a probe
 * builds all but the paths, keeps a reference to each file whose path the
 * event needs, and queues a task_work.  The task runs it before it returns
 * to user space (or in do_exit()), in process context, where em_later_run()
 * resolves the paths as the task itself sees them, applies the policy's path
 * rules, and sends the record.  The cwd and fd 0 are the task's own until
 * then: after a successful exec no user code has run yet.  Nothing holds a
 * record back for long: the kernel runs task work before the task stops for
 * a tracer (ptrace_notify()) or a signal (get_signal()).
 *
 * RT cannot allocate with preemption off, so the records wait in slots
 * allocated at load.  When none is free, or the task takes no more work, the
 * event goes out at once without those paths, flagged incomplete, and counted
 * (path_misses in the stats).  A queued work holds a module reference, and
 * em_event_exit() waits out the return from the last em_later_run().
 */
#define EM_LATER_FILES	(3 + EM_CHAIN_MAX)	/* pathname, loader, fd 0, the chain */

struct em_later {
	struct callback_head work;
	unsigned int idx;			/* bit in em_later_map */
	unsigned int nr_files;
	u16 types[EM_LATER_FILES];		/* EXECMON_A_PATHNAME, _LOADER, _STDIN or _CHAIN */
	struct file *files[EM_LATER_FILES];	/* referenced */
	bool cwd;				/* from the task's own fs */
	struct em_policy *pol;			/* referenced: its path rules wait for pathname */
	struct execmon_event *rec;		/* EXECMON_RECORD_MAX bytes */
	u32 len;
};

static struct em_later *em_later_pool;
static unsigned long *em_later_map;
static unsigned int em_later_nr;

u64 em_event_path_misses(void)
{
	return atomic64_read(&em_path_misses);
}

/* This event's slot, claimed on first use; NULL when none was free. */
static struct em_later *em_later(struct em_ev *b)
{
	struct em_later *l;
	unsigned int i, tries;

	if (b->later || b->later_failed)
		return b->later;
	for (tries = 0; tries < em_later_nr; tries++) {
		i = find_first_zero_bit(em_later_map, em_later_nr);
		if (i >= em_later_nr)
			break;
		/* pairs with clear_bit_unlock() in em_later_free() */
		if (test_and_set_bit_lock(i, em_later_map))
			continue;
		l = &em_later_pool[i];
		l->nr_files = 0;
		l->cwd = false;
		l->pol = NULL;
		b->later = l;
		return l;
	}
	b->later_failed = true;
	return NULL;
}

/* Hands the slot the reference to file the caller holds. */
static void em_later_take(struct em_ev *b, u16 type, struct file *file)
{
	struct em_later *l = em_later(b);

	if (!l || l->nr_files == EM_LATER_FILES) {
		em_path_missed(b, type);
		fput(file);
		return;
	}
	l->types[l->nr_files] = type;
	l->files[l->nr_files++] = file;
	if (type == EXECMON_A_PATHNAME)
		b->later_pathname = true;
}

static void em_later_file(struct em_ev *b, u16 type, struct file *file)
{
	em_later_take(b, type, get_file(file));
}

/* Any context: the last fput() of a file is deferred by the VFS. */
static void em_later_free(struct em_later *l)
{
	if (l->pol)
		em_policy_put(l->pol);
	while (l->nr_files)
		fput(l->files[--l->nr_files]);
	clear_bit_unlock(l->idx, em_later_map);
}

/* A file's full path and what stat(2) would say of it; returns the path. */
static const char *em_put_file(struct em_ev *b, u16 path_type, u16 stat_type, struct file *file)
{
	const char *path = NULL;

	if (em_paths_later())
		em_later_file(b, path_type, file);
	else
		path = em_put_path(b, path_type, &file->f_path);
	em_put_stat(b, stat_type, file_inode(file));
	return path;
}

/*
 * The working directory.  fs->pwd is read under its seqcount without the
 * lock (probe context), giving up after a few tries if chdir() keeps racing.
 * No reference is taken: the last dput() or mntput() may sleep, which a
 * probe cannot.  None is needed: a sibling's chdir() drops the old path
 * after it is replaced, and dentries, inodes and mounts are freed only
 * after an RCU grace period, which the read-side section below, begun
 * before fs->pwd is read, holds off; d_path() walks under RCU as the
 * kernel's own lockless lookups do.  A task working at
 * its root (most daemons: "/") needs no d_path(): "/" is what it would
 * give, unless that directory was removed (then "/ (deleted)").
 */
enum em_cwd { EM_CWD_ROOT, EM_CWD_PATH, EM_CWD_RACING };

/* Caller holds rcu_read_lock(); *pwd is valid for EM_CWD_PATH. */
static enum em_cwd em_cwd_read(struct fs_struct *fs, struct path *pwd)
{
	struct path root;

	if (!em_fs_paths(fs, &root, pwd))
		return EM_CWD_RACING;
	return path_equal(pwd, &root) && !d_unlinked(pwd->dentry) ? EM_CWD_ROOT : EM_CWD_PATH;
}

static void em_resolve_cwd(struct em_ev *b)
{
	struct path pwd;

	if (!current->fs)
		return;
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

/*
 * fd 0: its type and path ("/dev/pts/0", "pipe:[1234]", a file), nothing
 * when it is closed.  Until begin_new_exec() the file table may be shared
 * (a CLONE_FILES sibling, any other thread of a failing exec's process),
 * so fd 0 can be closed, freed and, since 6.7 (struct file is
 * SLAB_TYPESAFE_BY_RCU), reused for another file while the probe looks:
 * only a reference keeps it, and its inode (a pipe's d_path() reads that),
 * the file of fd 0.  fget_raw() takes one the way the kernel's own lookup
 * does on every version; the last fput() of a file is deferred, so it may
 * come from here.
 */
static void em_put_stdin(struct em_ev *b, struct file *f)
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

static void em_resolve_stdin(struct em_ev *b)
{
	struct file *f = current->files ? fget_raw(0) : NULL;

	if (f) {
		em_put_stdin(b, f);
		fput(f);
	}
}

/*
 * fd 0 and the working directory: the task's own.  On RT what needs
 * d_path() waits for em_later_run(): fd 0's file by reference, the working
 * directory read again there from the task's fs, unless it is the root,
 * which needs no d_path().  So a task that never returns to user space
 * (a usermode helper whose exec failed, which goes on to do_exit(), where
 * em_later_run() finds no fs) still has both when it works at the root
 * with fd 0 closed, as helpers do.
 */
static void em_put_stdin_cwd(struct em_ev *b)
{
	struct em_later *l;
	struct file *f;
	struct path pwd;
	enum em_cwd cwd;

	if (!em_paths_later()) {
		em_resolve_stdin(b);
		em_resolve_cwd(b);
		return;
	}
	f = current->files ? fget_raw(0) : NULL;
	if (f)
		em_later_take(b, EXECMON_A_STDIN, f);
	if (!current->fs)
		return;
	rcu_read_lock();
	cwd = em_cwd_read(current->fs, &pwd);
	rcu_read_unlock();
	if (cwd == EM_CWD_ROOT)
		em_put_kstr(b, EXECMON_A_CWD, "/");
	else if ((l = em_later(b)))
		l->cwd = true;
	else
		em_path_missed(b, EXECMON_A_CWD);
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
	if (vma && vma->vm_start <= base && vma->vm_file)
		em_put_file(b, EXECMON_A_LOADER, EXECMON_A_LOADER_STAT, vma->vm_file);
	mmap_read_unlock(mm);
}

/*
 * The full path of every file the binary handlers loaded, in order, when
 * there was more than one (a script and its interpreters); one file is
 * already pathname.
 */
static void em_put_chain_files(struct em_ev *b, struct file **files, int nr)
{
	struct execmon_strv *v;
	size_t used = 0, n;
	char *p, *s;
	int i;

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
	if (!em_paths_later()) {
		em_put_chain_files(b, files, nr);
		return;
	}
	for (i = 0; i < nr; i++)
		em_later_file(b, EXECMON_A_CHAIN, files[i]);
}

/* The record goes without every path it waited for. */
static void em_later_missed(struct em_ev *b, const struct em_later *l)
{
	unsigned int i;

	for (i = 0; i < l->nr_files; i++)
		em_path_missed(b, l->types[i]);
	if (l->cwd)
		em_path_missed(b, EXECMON_A_CWD);
}

/*
 * Task work, process context: the paths, then the record, as em_event_end()
 * would have sent it.  current->fs is gone when this runs from do_exit(),
 * and with it the root to resolve against: the paths are then left out.
 */
static void em_later_run(struct callback_head *work)
{
	struct em_later *l = container_of(work, struct em_later, work);
	struct em_ev b = { .ev = l->rec, .len = l->len };
	struct file *chain[EM_CHAIN_MAX];
	const char *path = NULL, *host = NULL, *p;
	unsigned int i, nr_chain = 0;

	if (current->fs) {
		for (i = 0; i < l->nr_files; i++) {
			if (l->types[i] == EXECMON_A_CHAIN) {
				if (nr_chain < ARRAY_SIZE(chain))
					chain[nr_chain++] = l->files[i];
				continue;
			}
			if (l->types[i] == EXECMON_A_STDIN) {
				em_put_stdin(&b, l->files[i]);
				continue;
			}
			p = em_put_path(&b, l->types[i], &l->files[i]->f_path);
			if (l->types[i] == EXECMON_A_PATHNAME)
				path = p;	/* what path rules test */
		}
		if (nr_chain)
			em_put_chain_files(&b, chain, nr_chain);
		if (l->cwd)
			em_resolve_cwd(&b);
		if (l->pol)
			host = em_host_path(l->pol, b.ev, path, true);
	} else {
		em_later_missed(&b, l);
	}
	b.ev->hdr.len = b.len;

	/*
	 * As in a probe: this CPU's rings, preemption off, not nested.  The
	 * record is stamped now, as it goes into the ring, so that each ring
	 * stays in time order (what the readers' merge relies on): the time
	 * the exec returns to user space, microseconds after the probe unless
	 * the task was preempted on its way.
	 */
	preempt_disable();
	b.ev->ts_ns = ktime_get_real_fast_ns();
	if (this_cpu_inc_return(em_nest) != 1)
		em_emit_drop();
	else if (l->pol && em_policy_drops(l->pol, b.ev, path, host, true))
		em_emit_filtered();	/* under the policy the event began with */
	else
		em_emit(&b.ev->hdr);
	this_cpu_dec(em_nest);
	preempt_enable();

	em_later_free(l);
	module_put(THIS_MODULE);	/* the last use: see em_event_exit() */
}

/* em_event_end() on RT: hand the record to the task; false if it cannot take it. */
static bool em_later_queue(struct em_ev *b)
{
	struct em_later *l = b->later;

	if (!try_module_get(THIS_MODULE))	/* being unloaded */
		goto miss;
	memcpy(l->rec, b->ev, b->len);
	l->len = b->len;
	/*
	 * The path rules wait for the path: under the policy the event began
	 * with, kept alive for them (the reference cannot fail to come: see
	 * em_policy_tryget(); were it to, the event would be kept).
	 */
	if (b->later_pathname && b->pol->nr_rules && b->pol->filter_path &&
	    em_policy_tryget((struct em_policy *)b->pol))
		l->pol = (struct em_policy *)b->pol;
	init_task_work(&l->work, em_later_run);
	if (!task_work_add(current, &l->work, TWA_RESUME))
		return true;
	module_put(THIS_MODULE);
miss:
	em_later_missed(b, l);
	em_later_free(l);
	return false;
}

/*
 * Copies that never fault or sleep.  Each returns how many bytes it could
 * copy from the start of [src, src + len).
 */
typedef size_t (*em_copy_fn)(void *ctx, void *dst, unsigned long src, size_t len);

static size_t em_copy_nofault(void *dst, unsigned long src, size_t len, bool user)
{
	size_t done = 0;

	while (done < len) {
		size_t chunk = min_t(size_t, len - done,
				     PAGE_SIZE - ((src + done) & ~PAGE_MASK));
		long err = user ?
			copy_from_user_nofault(dst + done, (const void __user *)(src + done), chunk) :
			copy_from_kernel_nofault(dst + done, (const void *)(src + done), chunk);

		if (err)
			break;
		done += chunk;
	}
	return done;
}

static size_t em_copy_user_nofault(void *ctx, void *dst, unsigned long src, size_t len)
{
	return em_copy_nofault(dst, src, len, true);
}

static size_t em_copy_kernel_nofault(void *ctx, void *dst, unsigned long src, size_t len)
{
	return em_copy_nofault(dst, src, len, false);
}

/* From the new mm an exec is building: the kernel's own copy of the strings. */
static size_t em_copy_bprm_mm(void *ctx, void *dst, unsigned long src, size_t len)
{
	struct mm_struct *mm = ctx;
	size_t done = 0;

	while (done < len) {
		unsigned long addr = src + done;
		size_t off = addr & ~PAGE_MASK;
		size_t chunk = min_t(size_t, len - done, PAGE_SIZE - off);
		struct page *page = em_bprm_mm_get_page(mm, addr);
		void *kaddr;

		if (!page)
			break;
		kaddr = kmap_local_page(page);
		memcpy(dst + done, kaddr + off, chunk);
		kunmap_local(kaddr);
		put_page(page);
		done += chunk;
	}
	return done;
}

/*
 * Copy strings laid back to back at src until count of them are complete,
 * max bytes are copied, or the source stops.  The first chunk holds a
 * usual argv whole; later ones double.  No chunk crosses a page: strings
 * that end early in one (the bprm's copy ends at the top of its stack) do
 * not cost a look at the next.  Returns the bytes copied; *present is how
 * many strings arrived whole, and *last where the last of them ends.
 */
#define EM_CHUNK_MIN	256
#define EM_CHUNK_MAX	4096
static size_t em_copy_strings(em_copy_fn copy, void *ctx, char *dst, unsigned long src,
			      size_t max, u32 count, u32 *present, size_t *last)
{
	size_t n = 0, chunk = EM_CHUNK_MIN;
	u32 seen = 0;

	*last = 0;
	while (n < max && seen < count) {
		size_t want = min3(max - n, chunk, PAGE_SIZE - ((src + n) & ~PAGE_MASK));
		size_t got = copy(ctx, dst + n, src + n, want);
		char *p = dst + n, *end = p + got, *nul;

		while (seen < count && (nul = memchr(p, 0, end - p))) {
			seen++;
			p = nul + 1;
			*last = p - dst;
		}
		n += got;
		if (got < want)
			break;
		chunk = min_t(size_t, chunk * 2, EM_CHUNK_MAX);
	}
	*present = seen;
	return seen == count ? *last : n;
}

/* One string, page by page: the bytes copied, its NUL among them if it came. */
static size_t em_copy_string(em_copy_fn copy, char *dst, unsigned long src, size_t max)
{
	size_t last;
	u32 present;

	return em_copy_strings(copy, NULL, dst, src, max, 1, &present, &last);
}

/*
 * One string from src (user memory, or the kernel's for kernel_execve())
 * into dst, at most max bytes with its NUL.  Returns the bytes copied (the
 * NUL among them when it came within max), 0 when nothing could be read.
 */
static size_t em_str_user(char *dst, unsigned long src, size_t max)
{
	long n;

	if (!max)
		return 0;
	/* word at a time, one call per string */
	n = em_strncpy_user_nofault(dst, src, max);
	if (n >= 0)
		return n < max ? n + 1 : max;
	/* it faulted part way: what a page-by-page copy can still read */
	return em_copy_string(em_copy_user_nofault, dst, src, max);
}

static size_t em_str_kernel(char *dst, unsigned long src, size_t max)
{
	return em_copy_string(em_copy_kernel_nofault, dst, src, max);
}

/* a direct call: an indirect one per string costs a retpoline */
static inline size_t em_str(bool kernel, char *dst, unsigned long src, size_t max)
{
	return kernel ? em_str_kernel(dst, src, max) : em_str_user(dst, src, max);
}

/*
 * Finish a string vector (attribute type) whose strings were copied back to
 * back into v + 1: n bytes arrived (at most the vector's limit), of which
 * the first last bytes are present whole strings; count strings exist in
 * all.  Keeps the start of a cut string, NUL-terminated, and marks the
 * vector truncated when anything is missing.
 */
static void em_strv_finish(struct em_ev *b, u16 type, struct execmon_strv *v, size_t n,
			   size_t last, u32 present, u32 count, bool cut)
{
	char *s = (char *)(v + 1);

	if (present < count) {
		cut = true;
		if (n > last) {
			/* the payload has room for this NUL: see em_strv_begin() */
			s[n] = '\0';
			last = n + 1;
			present++;
		}
	}
	v->count = count;
	v->nr_present = present;
	em_attr_end(b, type, cut ? EXECMON_AF_TRUNCATED : 0, sizeof(*v) + last);
}

static struct execmon_strv *em_strv_begin(struct em_ev *b, u16 type, u32 max)
{
	/* + 1: room to terminate a string cut at max */
	return em_attr_begin(b, type, sizeof(struct execmon_strv) + max + 1);
}

static bool em_redacted(const struct em_policy *pol, const char *name, size_t len)
{
	unsigned int i;

	for (i = 0; i < pol->nr_redact; i++)
		if (em_redact_match(pol->redact[i], name, len))
			return true;
	return false;
}

/*
 * Redaction of an environment copied as for em_strv_finish(): s holds *n
 * bytes, the first *last of them *present whole strings, in room for max.
 * Each variable whose name the policy redacts keeps "NAME=" and its value
 * becomes EXECMON_REDACTED, the start of a cut one too.  When the marker
 * does not fit, that variable and every one after it go, and the vector is
 * cut: no part of a value to redact stays.  Only with capture on, which is
 * opt-in; each redaction moves what follows, at most env_max bytes.
 */
static void em_env_redact(const struct em_policy *pol, char *s, size_t max, size_t *n,
			  size_t *last, u32 *present, bool *cut)
{
	const size_t marker = sizeof(EXECMON_REDACTED);	/* with its NUL */
	size_t pos = 0, len, keep;
	const char *eq;
	u32 i = 0;

	if (!pol->nr_redact)
		return;
	while (pos < *n) {
		bool whole = pos < *last;

		len = whole ? strlen(s + pos) + 1 : *n - pos;
		eq = memchr(s + pos, '=', len);
		if (!eq || !em_redacted(pol, s + pos, eq - (s + pos))) {
			pos += len;
			i += whole;
			continue;
		}
		keep = eq + 1 - (s + pos);
		if (*n - len + keep + marker > max) {
			*n = *last = pos;
			*present = i;
			*cut = true;
			return;
		}
		memmove(s + pos + keep + marker, s + pos + len, *n - pos - len);
		memcpy(s + pos + keep, EXECMON_REDACTED, marker);
		*n += keep + marker - len;
		if (whole) {
			*last += keep + marker - len;
		} else {
			/* the cut one, now whole: "NAME=<redacted>" is all it would say */
			*last = *n;
			(*present)++;
		}
		pos += keep + marker;
		i++;
	}
}

/* A contiguous area of count strings (an mm's arguments or environment, the bprm's copy). */
static void em_put_strv_area(struct em_ev *b, u16 type, u32 max, u32 count,
			     em_copy_fn copy, void *ctx, unsigned long src)
{
	struct execmon_strv *v = em_strv_begin(b, type, max);
	size_t n, last;
	bool cut = false;
	u32 present;

	if (!v)
		return;
	n = em_copy_strings(copy, ctx, (char *)(v + 1), src, max, count, &present, &last);
	if (type == EXECMON_A_ENV)
		em_env_redact(b->pol, (char *)(v + 1), max, &n, &last, &present, &cut);
	em_strv_finish(b, type, v, n, last, present, count, cut);
}

/*
 * EM_PTR_BATCH pointers from src: how many were read.  Most arrays are read
 * whole by the first copy; one that ends before an unmapped page is read
 * again page by page.  A 32-bit caller's (compat: ia32 and x32) are 32
 * bits each.
 */
#define EM_PTR_BATCH		8
static size_t em_copy_ptrs(bool kernel, bool compat, unsigned long *dst, unsigned long src)
{
	const size_t size = EM_PTR_BATCH * sizeof(*dst);
	u32 narrow[EM_PTR_BATCH];
	size_t i, n;

	if (kernel)
		return em_copy_kernel_nofault(NULL, dst, src, size) / sizeof(*dst);
	if (!compat) {
		if (!em_copy_user_const_nofault(dst, src, EM_PTR_BATCH * sizeof(*dst)))
			return EM_PTR_BATCH;
		return em_copy_user_nofault(NULL, dst, src, size) / sizeof(*dst);
	}
	if (!em_copy_user_const_nofault(narrow, src, sizeof(narrow)))
		n = EM_PTR_BATCH;
	else
		n = em_copy_user_nofault(NULL, narrow, src, sizeof(narrow)) / sizeof(narrow[0]);
	for (i = 0; i < n; i++)
		dst[i] = narrow[i];
	return n;
}

/*
 * A vector of pointers to strings (the caller's argv or envp, user or
 * kernel), for failures that came before the kernel copied the strings.
 * The pointers are read EM_PTR_BATCH at a time; counting stops at
 * EM_STRV_COUNT_MAX of them.
 */
#define EM_STRV_COUNT_MAX	4096
static void em_put_strv_ptrs(struct em_ev *b, u16 type, u32 max, bool kernel, bool compat,
			     unsigned long vec)
{
	struct execmon_strv *v = em_strv_begin(b, type, max);
	char *s = (char *)(v + 1);
	unsigned long ptrs[EM_PTR_BATCH];
	size_t n = 0, last = 0, got, nr = 0, i = 0;
	bool cut = false;
	u32 count, present = 0;

	if (!v)
		return;
	for (count = 0; vec && count < EM_STRV_COUNT_MAX; count++) {
		if (i == nr) {
			/* past the NULL, or into an unmapped page: only what was read counts */
			nr = em_copy_ptrs(kernel, compat, ptrs,
					  vec + count * (compat ? sizeof(u32) : sizeof(*ptrs)));
			i = 0;
			if (!nr)
				break;
		}
		if (!ptrs[i])
			break;
		if (cut) {
			i++;
			continue;
		}
		got = em_str(kernel, s + n, ptrs[i++], max - n);
		n += got;
		if (got && !s[n - 1]) {
			present++;
			last = n;
		} else {
			cut = true;	/* unreadable, or longer than what is left */
		}
	}
	if (type == EXECMON_A_ENV)
		em_env_redact(b->pol, s, max, &n, &last, &present, &cut);
	em_strv_finish(b, type, v, n, last, present, count, cut || count == EM_STRV_COUNT_MAX);
}

static bool em_env_on(const struct em_ev *b)
{
	return b->pol->flags & EXECMON_POLICY_ENV;
}

/*
 * Where the environment starts in the bprm's copy of the strings: after the
 * argc argument strings from bprm->p.  Returns 0 if the copy ends first.
 */
static unsigned long em_bprm_env_start(struct linux_binprm *bprm)
{
	unsigned long pos = bprm->p;
	u32 left = bprm->argc;

	while (left) {
		struct page *page = em_bprm_mm_get_page(bprm->mm, pos);
		size_t off = pos & ~PAGE_MASK;
		const char *kaddr, *p, *end;

		if (!page)
			return 0;
		kaddr = kmap_local_page(page);
		p = kaddr + off;
		end = kaddr + PAGE_SIZE;
		while (left && (p = memchr(p, 0, end - p))) {
			p++;
			left--;
		}
		pos += (p ? p : end) - (kaddr + off);
		kunmap_local(kaddr);
		put_page(page);
	}
	return pos;
}

/* sched_process_exec: the exec succeeded; current runs the new image. */
void em_event_exec(struct linux_binprm *bprm, u32 call)
{
	struct mm_struct *mm = current->mm;
	const char *path;
	struct em_ev b;

	if (!em_event_begin(&b, EXECMON_REC_EXEC, 0))
		return;
	b.ev->flags |= call;
	if (em_kernel_invoked_after_exec())
		b.ev->flags |= EXECMON_EF_KERNEL_INVOKED;
	em_put_kstr(&b, EXECMON_A_CMDPATH, bprm->filename);
	path = em_put_file(&b, EXECMON_A_PATHNAME, EXECMON_A_PATHNAME_STAT, bprm->file);
	if (em_event_path(&b, path, true))
		return;
	em_put_kstr(&b, EXECMON_A_INTERP, bprm->interp);
	em_put_chain(&b, bprm, false);
	if (mm)
		em_put_loader(&b, mm);
	em_put_stdin_cwd(&b);
	/* the new image has not run yet: its strings are still the kernel's copy */
	if (mm) {
		em_put_strv_area(&b, EXECMON_A_ARGV, b.pol->argv_max, bprm->argc,
				 em_copy_user_nofault, NULL, mm->arg_start);
		if (em_env_on(&b))
			em_put_strv_area(&b, EXECMON_A_ENV, b.pol->env_max, bprm->envc,
					 em_copy_user_nofault, NULL, mm->env_start);
	}
	em_event_end(&b);
}

/*
 * The attempt failed inside bprm_execve(): the bprm still holds the path the
 * caller gave, the file if it was opened, and the kernel's copy of the
 * argument strings in the new mm, from bprm->p up: argv, then envp.
 */
void em_event_failed_bprm(struct linux_binprm *bprm, int retval, u32 call)
{
	const char *path, *cmdpath;
	unsigned long env;
	struct em_ev b;

	if (!em_event_begin(&b, EXECMON_REC_EXEC_FAILED, retval))
		return;
	b.ev->flags |= call;
	/* before the point of no return the caller's mm is still current's: none for a helper */
	if (!current->mm)
		b.ev->flags |= EXECMON_EF_KERNEL_INVOKED;
	cmdpath = em_put_kstr(&b, EXECMON_A_CMDPATH, bprm->filename);
	path = bprm->file ?
		em_put_file(&b, EXECMON_A_PATHNAME, EXECMON_A_PATHNAME_STAT, bprm->file) : cmdpath;
	if (em_event_path(&b, path, bprm->file))
		return;
	/* only when a binary handler (a #! script, binfmt_misc) named one */
	if (bprm->interp != bprm->filename)
		em_put_kstr(&b, EXECMON_A_INTERP, bprm->interp);
	em_put_chain(&b, bprm, true);
	em_put_stdin_cwd(&b);
	if (bprm->mm) {
		em_put_strv_area(&b, EXECMON_A_ARGV, b.pol->argv_max, bprm->argc,
				 em_copy_bprm_mm, bprm->mm, bprm->p);
		if (em_env_on(&b) && (env = em_bprm_env_start(bprm)))
			em_put_strv_area(&b, EXECMON_A_ENV, b.pol->env_max, bprm->envc,
					 em_copy_bprm_mm, bprm->mm, env);
	}
	em_event_end(&b);
}

/* The attempt failed before any bprm_execve(): only the caller's pointers. */
void em_event_failed_early(const struct em_user_exec *ue, int retval)
{
	const char *cmdpath = NULL;
	struct em_ev b;
	char *p;

	if (!em_event_begin(&b, EXECMON_REC_EXEC_FAILED, retval))
		return;
	b.ev->flags |= ue->call;
	if (ue->kernel)
		b.ev->flags |= EXECMON_EF_KERNEL_INVOKED;
	p = em_attr_begin(&b, EXECMON_A_CMDPATH, PATH_MAX);
	if (p && ue->filename) {
		size_t n = em_str(ue->kernel, p, ue->filename, PATH_MAX - 1);

		if (n && !p[n - 1]) {
			em_attr_end(&b, EXECMON_A_CMDPATH, 0, n);
			cmdpath = p;
		} else if (n) {
			p[n] = '\0';
			em_attr_end(&b, EXECMON_A_CMDPATH, EXECMON_AF_TRUNCATED, n + 1);
			cmdpath = p;
		}
	}
	if (em_event_path(&b, cmdpath, false))
		return;
	em_put_stdin_cwd(&b);
	em_put_strv_ptrs(&b, EXECMON_A_ARGV, b.pol->argv_max, ue->kernel, ue->compat, ue->argv);
	if (em_env_on(&b))
		em_put_strv_ptrs(&b, EXECMON_A_ENV, b.pol->env_max, ue->kernel, ue->compat,
				 ue->envp);
	em_event_end(&b);
}

/*
 * Slots for records waiting for their paths: a few per CPU, for the execs
 * between their probe and their return to user space.
 */
static int em_later_init(void)
{
	unsigned int i;

	em_later_nr = clamp(4 * num_possible_cpus(), 16U, 1024U);
	em_later_pool = kvcalloc(em_later_nr, sizeof(*em_later_pool), GFP_KERNEL);
	em_later_map = bitmap_zalloc(em_later_nr, GFP_KERNEL);
	if (!em_later_pool || !em_later_map)
		return -ENOMEM;
	for (i = 0; i < em_later_nr; i++) {
		em_later_pool[i].idx = i;
		em_later_pool[i].rec = kvzalloc(EXECMON_RECORD_MAX, GFP_KERNEL);
		if (!em_later_pool[i].rec)
			return -ENOMEM;
	}
	return 0;
}

/*
 * No slot is in use: each queued em_later_run() held a module reference.
 * The last ones may still be returning from their final module_put();
 * RCU Tasks waits until every task has left such code.
 */
static void em_later_exit(void)
{
	unsigned int i;

	if (!em_later_pool)
		goto out_map;
	synchronize_rcu_tasks();
	for (i = 0; i < em_later_nr; i++)
		kvfree(em_later_pool[i].rec);
	kvfree(em_later_pool);
	em_later_pool = NULL;
out_map:
	bitmap_free(em_later_map);
	em_later_map = NULL;
}

int em_event_init(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		/*
		 * vmalloc, not kmalloc: a user copy into it (argv) is checked by
		 * hardened usercopy, which with page faults off stops at once for
		 * a vmalloc address, where a heap object costs a walk of checks
		 */
		void *buf = vzalloc_node(EXECMON_RECORD_MAX, cpu_to_node(cpu));

		if (!buf)
			goto err;
		per_cpu(em_scratch, cpu) = buf;
	}
	em_host_mnt_ns = em_mnt_ns_inum(&init_task);
	if (em_paths_later() && em_later_init())
		goto err;
	return 0;
err:
	em_event_exit();
	return -ENOMEM;
}

void em_event_exit(void)
{
	unsigned int cpu;

	em_later_exit();
	for_each_possible_cpu(cpu) {
		vfree(per_cpu(em_scratch, cpu));
		per_cpu(em_scratch, cpu) = NULL;
	}
}
