// SPDX-License-Identifier: GPL-2.0
/*
 * Events, in probe context: preemption off, no sleeping, no allocation, no
 * lock shared across CPUs.  A record is built once, in this CPU's scratch
 * buffer (record.c): the context, then the strings (strv.c), while the
 * files whose paths it needs are gathered (files.c); at its end one
 * resolver (paths.c) turns those into paths, the path rules decide, and
 * the record is copied into every session's ring for this CPU.  On
 * PREEMPT_RT that end runs in the task's own context instead (later.c).
 *
 * Each event reads the policy once (em_event_begin()) and is built and
 * filtered under it to the end.  Its context rules decide as soon as the
 * context is known, before anything else is built; a rule that tests the
 * path decides once the paths are.
 */
#include <linux/binfmts.h>
#include <linux/cgroup.h>
#include <linux/cred.h>
#include <linux/pid_namespace.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include "chain.h"
#include "event.h"
#include "files.h"
#include "ident.h"
#include "later.h"
#include "lineage.h"
#include "paths.h"
#include "policy.h"
#include "record.h"
#include "session.h"
#include "strv.h"

static void em_fill_context(struct execmon_event *ev, u16 type, int retval,
			    struct execmon_task *task)
{
	struct task_struct *t = current;
	const struct cred *cred = current_cred();
	struct task_struct *parent;
	struct pid_namespace *ns;

	/* the UAPI's sizes, which readers test attrs_off against */
	BUILD_BUG_ON(offsetof(struct execmon_event, suid) != EXECMON_EVENT_SIZE_V1 ||
		     offsetof(struct execmon_event, image) != EXECMON_EVENT_SIZE_IDENT ||
		     sizeof(*ev) != EXECMON_EVENT_SIZE_LINEAGE);
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
	em_ident_context(ev, cred);
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
	em_lineage_context(ev, t, parent);
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

/*
 * Start a record on this CPU and return its builder, or NULL: nobody
 * listens, this CPU is already building one, or the policy's context rules
 * drop it.  flags and missing (bits of attribute types) are the event's
 * from the start, for the rules to see.  Preemption must be off until
 * em_event_end().
 */
static struct em_ev *em_event_begin(u16 type, int retval, u32 flags, u32 missing)
{
	struct em_ev *b;

	if (!em_have_sessions() || !em_record_enter())
		return NULL;
	b = em_record_builder();
	b->pol = rcu_dereference_sched(em_policy);
	b->len = sizeof(*b->ev);
	b->cmdpath_off = 0;
	b->path_misses = 0;
	b->files.pathname = b->files.loader = b->files.stdin = NULL;
	b->files.nr_chain = 0;
	b->files.cwd = false;
	b->files.tty = false;
	b->files.pending = 0;
	/* the first attribute, always: it fits in any record */
	em_fill_context(b->ev, type, retval, (void *)(b->ev + 1) + sizeof(struct execmon_attr));
	em_attr_end(b, EXECMON_A_TASK, 0, sizeof(struct execmon_task));
	b->ev->flags |= flags;
	if (unlikely(missing)) {
		b->ev->missing = missing;
		b->ev->flags |= EXECMON_EF_INCOMPLETE;
	}
	if (em_policy_drops(b->pol, b->ev, NULL)) {
		em_emit_filtered();	/* every session counts it, nothing more is built */
		em_record_leave();
		return NULL;
	}
	em_put_groups(b, current_cred());
	em_gather_tty(b);
	return b;
}

/* The caller's path, as the record holds it: what path rules test when no file was opened. */
static void em_event_cmdpath(struct em_ev *b, const char *p)
{
	if (p)
		b->cmdpath_off = p - (const char *)b->ev;
}

/*
 * Every event that began ends here: its paths resolved and the record sent,
 * or on RT, when some path needs d_path(), both handed to the task work;
 * if it cannot take them, the record goes at once without those paths.
 */
static void em_event_end(struct em_ev *b)
{
	if (!EM_PATHS_LATER || !b->files.pending) {
		em_paths_finish(b);
	} else if (!em_later_queue(b)) {
		em_paths_abandon(b);
		em_paths_finish(b);
	}
	em_record_leave();
}

/* sched_process_exec: the exec succeeded; current runs the new image. */
void em_event_exec(struct linux_binprm *bprm, u32 call)
{
	struct mm_struct *mm = current->mm;
	const struct execmon_prev *prev;
	struct em_ev *b;

	if (!em_have_sessions())
		return;
	/* what the privilege rules test, before the context rules decide */
	prev = em_chain_prev(bprm);
	b = em_event_begin(EXECMON_REC_EXEC, 0, call | em_ident_exec_flags(bprm, prev),
			   prev ? 0 : 1U << EXECMON_A_PREV);
	if (!b)
		return;
	em_put_prev(b, prev);
	if (em_kernel_invoked_after_exec())
		b->ev->flags |= EXECMON_EF_KERNEL_INVOKED;
	em_put_kstr(b, EXECMON_A_CMDPATH, bprm->filename);
	em_put_kstr(b, EXECMON_A_INTERP, bprm->interp);
	em_put_files(b, bprm, mm);
	if (mm)
		em_put_strv_exec(b, bprm, mm);
	em_event_end(b);
}

/*
 * The attempt failed inside bprm_execve(): the bprm still holds the path the
 * caller gave, the file if it was opened, and the kernel's copy of the
 * argument strings in the new mm.
 */
void em_event_failed_bprm(struct linux_binprm *bprm, int retval, u32 call)
{
	struct em_ev *b;

	b = em_event_begin(EXECMON_REC_EXEC_FAILED, retval, call, 0);
	if (!b)
		return;
	/* before the point of no return the caller's mm is still current's: none for a helper */
	if (!current->mm)
		b->ev->flags |= EXECMON_EF_KERNEL_INVOKED;
	em_event_cmdpath(b, em_put_kstr(b, EXECMON_A_CMDPATH, bprm->filename));
	/* only when a binary handler (a #! script, binfmt_misc) named one */
	if (bprm->interp != bprm->filename)
		em_put_kstr(b, EXECMON_A_INTERP, bprm->interp);
	em_put_files(b, bprm, NULL);
	em_put_strv_bprm(b, bprm);
	em_event_end(b);
}

/* The attempt failed before any bprm_execve(): only the caller's pointers. */
void em_event_failed_early(const struct em_user_exec *ue, int retval)
{
	struct em_ev *b;

	b = em_event_begin(EXECMON_REC_EXEC_FAILED, retval, ue->call, 0);
	if (!b)
		return;
	if (ue->kernel)
		b->ev->flags |= EXECMON_EF_KERNEL_INVOKED;
	em_put_stdin_cwd(b);	/* first: the strings leave room for its paths */
	em_event_cmdpath(b, em_put_caller(b, ue));
	em_event_end(b);
}

/*
 * sched_process_exit: current is the last thread of its process, in do_exit()
 * before exit_mm().  Every thread has passed synchronize_group_exit() (each
 * before its decrement of signal->live; current's made it 0, fully ordered
 * after theirs), so group_exit_code is the status wait(2) will give, set
 * by the exit_group(), the fatal signal or the last thread's exit, and no
 * longer changes.  On RT the terminal is not named: the task work that
 * would name it runs after do_exit() has let the terminal go.
 */
void em_event_process_exit(void)
{
	struct execmon_exit *x;
	struct em_ev *b;
	int status;

	if (!em_have_sessions())
		return;
	status = READ_ONCE(current->signal->group_exit_code);	/* final (see above): no pair */
	b = em_event_begin(EXECMON_REC_EXIT, status, 0, 0);
	if (!b)
		return;
	x = em_attr_begin(b, EXECMON_A_EXIT, sizeof(*x));
	if (x) {
		x->end_ns = ktime_get_boot_fast_ns();
		em_attr_end(b, EXECMON_A_EXIT, 0, sizeof(*x));
	}
	if (EM_PATHS_LATER && b->files.tty) {
		b->files.tty = false;
		b->files.pending -= EM_TTY_ROOM;
		em_missing(b, EXECMON_A_TTY);
	}
	em_event_end(b);
}

int em_event_init(void)
{
	int err = em_record_init();

	if (err)
		return err;
	em_paths_init();
	err = em_later_init();
	if (err)
		em_record_exit();
	return err;
}

void em_event_exit(void)
{
	em_later_exit();
	em_record_exit();
}
