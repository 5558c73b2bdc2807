// SPDX-License-Identifier: GPL-2.0
/*
 * The policy: settings (environment capture, argv and env limits, the ring
 * size for new sessions) and the filter rules, module-wide.
 *
 * One immutable object holds all of it.  The probes read the current one
 * under RCU, once per event, so an event is built and filtered under one
 * whole policy; EXECMON_IOC_SET_POLICY builds a new object in process
 * context, checks all of it, and swaps the pointer (all or nothing).  The
 * exec path never waits for an admin: a writer's mutex is taken by writers
 * only, and the old object is freed after a grace period.
 */
#include <linux/capability.h>
#include <linux/fs_struct.h>
#include <linux/pid_namespace.h>
#include <linux/workqueue.h>
#include <linux/overflow.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "ioc.h"
#include "policy.h"
#include "ring.h"
#include "../common/emredact.h"

struct em_policy __rcu *em_policy;
static DEFINE_MUTEX(em_policy_lock);	/* writers */
static u64 em_policy_generation;	/* under em_policy_lock */

static struct workqueue_struct *em_policy_wq;	/* frees policies after a grace period */

/*
 * The host's root, which the path rules' host view needs (see
 * em_host_path()): pid 1's, taken once per policy, in process context.
 */
static void em_policy_host_root(struct em_policy *p)
{
	struct task_struct *init = init_pid_ns.child_reaper;

	task_lock(init);
	if (init->fs)
		get_fs_root(init->fs, &p->host_root);
	task_unlock(init);
}

static struct em_policy *em_policy_alloc(unsigned int nr_rules)
{
	struct em_policy *p = kvzalloc(struct_size(p, rules, nr_rules), GFP_KERNEL);

	if (p) {
		p->nr_rules = nr_rules;
		refcount_set(&p->ref, 1);	/* em_policy's */
		em_policy_host_root(p);
	}
	return p;
}

/* Process context: path_put() may sleep. */
static void em_policy_free(struct em_policy *p)
{
	path_put(&p->host_root);
	kvfree(p);
}

static void em_policy_free_work(struct work_struct *work)
{
	em_policy_free(container_of(to_rcu_work(work), struct em_policy, free_work));
}

/*
 * A reference that outlives the RCU read side: an event that waits for
 * its path rules in task work on PREEMPT_RT (later.c).  From the probe
 * that read p as em_policy it always succeeds: the reference em_policy
 * holds is dropped only a grace period after p was replaced
 * (em_policy_retire()), when every such probe has ended.
 */
bool em_policy_tryget(struct em_policy *p)
{
	return refcount_inc_not_zero(&p->ref);
}

/* Any context: the last put frees it after a grace period, in a workqueue. */
void em_policy_put(struct em_policy *p)
{
	if (refcount_dec_and_test(&p->ref)) {
		INIT_RCU_WORK(&p->free_work, em_policy_free_work);
		queue_rcu_work(em_policy_wq, &p->free_work);
	}
}

/* A grace period after a policy was replaced: em_policy's reference goes. */
static void em_policy_retire(struct rcu_head *head)
{
	em_policy_put(container_of(head, struct em_policy, retire));
}

int em_policy_init(u32 flags, u32 argv_max, u32 env_max, u32 ring_pages)
{
	static const char *const redact[] = EM_REDACT_DEFAULT;
	struct em_policy *p;
	unsigned int i;

	BUILD_BUG_ON(ARRAY_SIZE(redact) != EM_REDACT_DEFAULT_NR ||
		     ARRAY_SIZE(redact) > EXECMON_REDACT_MAX);

	em_policy_wq = alloc_workqueue("execmon_policy", 0, 0);
	if (!em_policy_wq)
		return -ENOMEM;
	p = em_policy_alloc(0);
	if (!p) {
		destroy_workqueue(em_policy_wq);
		return -ENOMEM;
	}
	p->generation = em_policy_generation = 1;
	p->flags = flags;
	for (i = 0; i < ARRAY_SIZE(redact); i++)
		strscpy(p->redact[i], redact[i], sizeof(p->redact[i]));
	p->nr_redact = ARRAY_SIZE(redact);
	p->argv_max = argv_max;
	p->env_max = env_max;
	p->ring_pages = ring_pages;
	rcu_assign_pointer(em_policy, p);
	return 0;
}

void em_policy_exit(void)
{
	/* the probes and every held event are gone: nobody reads it any more */
	em_policy_free(rcu_dereference_protected(em_policy, true));
	RCU_INIT_POINTER(em_policy, NULL);
	/* the replaced ones: retired (each put may queue a free's grace period)... */
	rcu_barrier();
	rcu_barrier();			/* ...those grace periods: every free queued */
	destroy_workqueue(em_policy_wq);	/* and run */
}

unsigned int em_policy_ring_pages(void)
{
	unsigned int pages;

	rcu_read_lock();
	pages = rcu_dereference(em_policy)->ring_pages;
	rcu_read_unlock();
	return pages;
}

/* ---- setting and reading it (EXECMON_IOC_SET_POLICY, _GET_POLICY) ---- */

static bool em_str_ok(const char *s, size_t size)
{
	size_t n = strnlen(s, size);

	return n && n < size;
}

/* A rule as user space gave it: -EINVAL unless every field makes sense. */
static int em_rule_check(struct em_rule *er)
{
	struct execmon_rule *r = &er->r;
	u32 m = r->match;
	const u32 events = (1U << EXECMON_REC_EXEC) | (1U << EXECMON_REC_EXEC_FAILED) |
			   (1U << EXECMON_REC_EXIT);

	if (r->action != EXECMON_RULE_DROP && r->action != EXECMON_RULE_KEEP)
		return -EINVAL;
	if (m & ~EXECMON_MATCH_KNOWN)
		return -EINVAL;
	/* a field without its condition must be zero: no meaning hides there */
	if ((m & EXECMON_MATCH_EVENT) ? (!r->events || (r->events & ~events)) : r->events)
		return -EINVAL;
	if (!(m & EXECMON_MATCH_UID) && r->uid)
		return -EINVAL;
	if (!(m & EXECMON_MATCH_GID) && r->gid)
		return -EINVAL;
	if (!(m & EXECMON_MATCH_PID) && (r->pid || (m & EXECMON_MATCH_PID_TREE)))
		return -EINVAL;
	if ((m & EXECMON_MATCH_ERRNO) ? (!r->err || r->err > MAX_ERRNO) : r->err)
		return -EINVAL;
	if (!(m & EXECMON_MATCH_CGROUP) && (r->cgroup_id || (m & EXECMON_MATCH_CGROUP_TREE)))
		return -EINVAL;
	if (!(m & EXECMON_MATCH_MNTNS) && r->mnt_ns)
		return -EINVAL;
	if (!(m & EXECMON_MATCH_PIDNS) && r->pid_ns)
		return -EINVAL;
	if (!(m & EXECMON_MATCH_AUID) && r->auid)
		return -EINVAL;
	/* one terminal, or any, or none ("" with MATCH_TTY): not two at once */
	if ((m & EXECMON_MATCH_TTY) && (m & EXECMON_MATCH_HAS_TTY))
		return -EINVAL;
	if (m & EXECMON_MATCH_TTY) {
		size_t n = strnlen(r->tty, sizeof(r->tty));

		if (n == sizeof(r->tty))
			return -EINVAL;
		memset(r->tty + n, 0, sizeof(r->tty) - n);
	} else if (memchr_inv(r->tty, 0, sizeof(r->tty))) {
		return -EINVAL;
	}
	if (m & EXECMON_MATCH_COMM) {
		size_t n = strnlen(r->comm, sizeof(r->comm));

		if (!em_str_ok(r->comm, sizeof(r->comm)))
			return -EINVAL;
		/* compared as 16 bytes with the event's NUL-padded comm */
		memset(r->comm + n, 0, sizeof(r->comm) - n);
	} else if (memchr_inv(r->comm, 0, sizeof(r->comm))) {
		return -EINVAL;
	}
	if ((m & EXECMON_MATCH_PATH_ANY_NS) && !(m & EXECMON_MATCH_PATH))
		return -EINVAL;
	if (m & EXECMON_MATCH_PATH) {
		if (!em_str_ok(r->path, sizeof(r->path)) || r->path[0] != '/')
			return -EINVAL;
		er->path_len = strlen(r->path);
		memset(r->path + er->path_len, 0, sizeof(r->path) - er->path_len);
	} else if (memchr_inv(r->path, 0, sizeof(r->path))) {
		return -EINVAL;
	}
	return 0;
}

static bool em_strv_max_ok(u32 v)
{
	return v && v <= EXECMON_STRV_MAX;
}

/*
 * EXECMON_IOC_SET_POLICY, req copied in (its own size checked): the new
 * policy, from req and the arrays it points at, in force at once.
 */
long em_policy_set(const struct execmon_policy *req)
{
	struct em_policy *p, *old;
	unsigned int i;
	long ret;

	if (req->rule_size < sizeof(struct execmon_rule) ||
	    req->rule_size > PAGE_SIZE || req->max_rules ||
	    (req->flags & ~EXECMON_POLICY_ENV) || req->resv0 ||
	    memchr_inv(req->resv, 0, sizeof(req->resv)))
		return -EINVAL;
	if (!em_strv_max_ok(req->argv_max) || !em_strv_max_ok(req->env_max) ||
	    !em_ring_pages_ok(req->ring_pages))
		return -EINVAL;
	if (req->nr_rules > EXECMON_RULES_MAX || req->nr_redact > EXECMON_REDACT_MAX)
		return -ENOSPC;

	p = em_policy_alloc(req->nr_rules);
	if (!p)
		return -ENOMEM;
	if (copy_from_user(p->redact, u64_to_user_ptr(req->redact_ptr),
			   req->nr_redact * sizeof(p->redact[0]))) {
		ret = -EFAULT;
		goto out_free;
	}
	for (i = 0; i < req->nr_redact; i++) {
		size_t n = strnlen(p->redact[i], sizeof(p->redact[i]));

		ret = -EINVAL;
		if (!em_redact_pattern_ok(p->redact[i], sizeof(p->redact[i])))
			goto out_free;
		memset(p->redact[i] + n, 0, sizeof(p->redact[i]) - n);	/* no stray bytes to GET */
	}
	p->nr_redact = req->nr_redact;
	for (i = 0; i < req->nr_rules; i++) {
		void __user *src = u64_to_user_ptr(req->rules_ptr + (u64)i * req->rule_size);

		ret = em_copy_in(&p->rules[i].r, sizeof(p->rules[i].r), src, req->rule_size);
		if (!ret)
			ret = em_rule_check(&p->rules[i]);
		if (ret)
			goto out_free;
		if (p->rules[i].r.match & EM_MATCH_LATE)
			p->late = true;
	}
	p->flags = req->flags;
	p->argv_max = req->argv_max;
	p->env_max = req->env_max;
	p->ring_pages = req->ring_pages;

	mutex_lock(&em_policy_lock);
	if (req->generation && req->generation != em_policy_generation) {
		mutex_unlock(&em_policy_lock);
		ret = -EAGAIN;
		goto out_free;
	}
	p->generation = ++em_policy_generation;
	old = rcu_replace_pointer(em_policy, p, lockdep_is_held(&em_policy_lock));
	mutex_unlock(&em_policy_lock);
	/*
	 * Freed after every event that began under it.  The probes run with
	 * preemption off, an RCU read side: em_policy's reference is dropped
	 * once those that may have read old have ended, so that each of them
	 * that hands its event to task work can still take a reference
	 * (em_policy_tryget()), which the freeing then waits for.
	 */
	call_rcu(&old->retire, em_policy_retire);
	return 0;

out_free:
	em_policy_free(p);
	return ret;
}

/*
 * EXECMON_IOC_GET_POLICY, req copied in (its own size checked): the policy
 * in force, into req and the arrays it points at (each only where it has
 * room for all).  The policy is held by a reference while it is copied
 * out: it does not change, and copy_to_user() may fault.
 */
long em_policy_get(struct execmon_policy *req)
{
	struct em_policy *p;
	unsigned int i;
	long ret = 0;

	if (req->rule_size < sizeof(struct execmon_rule) ||
	    req->rule_size > PAGE_SIZE || req->generation || req->flags || req->argv_max ||
	    req->env_max || req->ring_pages || req->max_rules || req->resv0 ||
	    memchr_inv(req->resv, 0, sizeof(req->resv)))
		return -EINVAL;

	mutex_lock(&em_policy_lock);	/* in force: it holds em_policy's reference */
	p = rcu_dereference_protected(em_policy, lockdep_is_held(&em_policy_lock));
	refcount_inc(&p->ref);
	mutex_unlock(&em_policy_lock);

	if (req->redact_ptr && p->nr_redact <= req->nr_redact &&
	    copy_to_user(u64_to_user_ptr(req->redact_ptr), p->redact,
			 p->nr_redact * sizeof(p->redact[0])))
		ret = -EFAULT;
	if (req->rules_ptr && p->nr_rules <= req->nr_rules) {
		for (i = 0; i < p->nr_rules && !ret; i++) {
			void __user *dst = u64_to_user_ptr(req->rules_ptr + (u64)i * req->rule_size);
			const struct execmon_rule *r = &p->rules[i].r;

			if (copy_to_user(dst, r, sizeof(*r)) ||
			    clear_user(dst + sizeof(*r), req->rule_size - sizeof(*r)))
				ret = -EFAULT;
		}
	}
	req->generation = p->generation;
	req->flags = p->flags;
	req->argv_max = p->argv_max;
	req->env_max = p->env_max;
	req->ring_pages = p->ring_pages;
	req->nr_rules = p->nr_rules;
	req->nr_redact = p->nr_redact;
	req->max_rules = EXECMON_RULES_MAX;
	em_policy_put(p);
	return ret;
}
