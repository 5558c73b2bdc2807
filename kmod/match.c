// SPDX-License-Identifier: GPL-2.0
/*
 * The exec path's half of the policy: whether an event's rules drop it.
 * Probe context, preemption off: no lock, no allocation; the walks up the
 * parents and the cgroups are bounded.
 */
#include <linux/cgroup.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/string.h>
#include "policy.h"

/*
 * What the rules test beyond the event's own fields: the chain of parents
 * and of cgroups, gathered at most once per event, when a rule first asks,
 * so many rules cost a walk each only in the rare deep case.
 */
#define EM_ANC_MAX	16
/*
 * The most parents or cgroups a walk goes through, preemption off.  A walk
 * that reaches it cannot say whether the rule matches: the rule keeps the
 * event (as a path rule without a path does), so no depth hides an exec.
 */
#define EM_WALK_MAX	4096

struct em_match_ctx {
	const struct execmon_event *ev;
	const struct em_late *late;	/* NULL: the rules decide on the context */
	bool unseen;			/* a rule's condition could not be tested: keep */
	int nr_pids;			/* -1: not gathered yet */
	int nr_cgroups;			/* -1: not gathered yet */
	bool pids_cut, cgroups_cut;	/* deeper than EM_ANC_MAX */
	pid_t pids[EM_ANC_MAX];		/* tgids: the task's, its parent's, ... */
	u64 cgroups[EM_ANC_MAX];	/* ids: the task's cgroup's, its parent's, ... */
};

/*
 * Is the task pid, or a descendant of it?  Gathers the chain into c as it
 * goes, unless pid is 0 (gather only).  Caller holds rcu_read_lock().
 */
static bool em_pid_tree_walk(struct task_struct *t, u32 pid, struct em_match_ctx *c, bool gather)
{
	unsigned int depth;

	/* the chain ends at a task whose parent is itself, or init */
	for (depth = 0; depth < EM_WALK_MAX; depth++) {
		struct task_struct *parent;
		pid_t tgid = task_tgid_nr(t);

		if (gather && c->nr_pids < EM_ANC_MAX)
			c->pids[c->nr_pids++] = tgid;
		else if (gather)
			c->pids_cut = true;
		if (tgid == pid)
			return true;
		parent = rcu_dereference(t->real_parent);
		if (parent == t || !task_tgid_nr(parent))
			return false;
		t = parent;
	}
	c->unseen = true;
	return false;
}

static bool em_pid_match(struct em_match_ctx *c, u32 pid, bool tree)
{
	int i;

	if (!tree)
		return c->ev->pid == pid;
	if (c->nr_pids < 0) {
		c->nr_pids = 0;
		em_pid_tree_walk(current, 0, c, true);	/* pid 0: gather the whole chain */
	}
	for (i = 0; i < c->nr_pids; i++)
		if (c->pids[i] == pid)
			return true;
	return c->pids_cut && em_pid_tree_walk(current, pid, c, false);
}

/* Is the task in cgroup id, or (tree) below it?  Caller holds rcu_read_lock(). */
static bool em_cgroup_match(struct em_match_ctx *c, u64 id, bool tree)
{
	struct cgroup *cg;
	int i;

	if (!tree || c->ev->cgroup_id == id)
		return c->ev->cgroup_id == id;
	if (c->nr_cgroups < 0) {
		c->nr_cgroups = 0;
		for (cg = task_dfl_cgroup(current); cg; cg = cgroup_parent(cg)) {
			if (c->nr_cgroups == EM_ANC_MAX) {
				c->cgroups_cut = true;
				break;
			}
			c->cgroups[c->nr_cgroups++] = cgroup_id(cg);
		}
	}
	for (i = 0; i < c->nr_cgroups; i++)
		if (c->cgroups[i] == id)
			return true;
	if (c->cgroups_cut) {
		for (cg = task_dfl_cgroup(current), i = 0; cg && i < EM_WALK_MAX;
		     cg = cgroup_parent(cg), i++)
			if (cgroup_id(cg) == id)
				return true;
		if (cg)
			c->unseen = true;
	}
	return false;
}

/* Is path prefix, or below it?  Whole components: /usr/bin is not /usr/bin-x. */
static bool em_path_below(const char *path, const char *prefix, u32 len)
{
	if (strncmp(path, prefix, len))
		return false;
	return prefix[len - 1] == '/' || path[len] == '\0' || path[len] == '/';
}

static bool em_rule_match(const struct em_rule *er, struct em_match_ctx *c)
{
	const struct execmon_event *ev = c->ev;
	const struct execmon_rule *r = &er->r;
	u32 m = r->match;
	bool undecided = false;

	if ((m & EXECMON_MATCH_EVENT) && !(r->events & (1U << ev->hdr.type)))
		return false;
	if ((m & EXECMON_MATCH_UID) && ev->uid != r->uid)
		return false;
	if ((m & EXECMON_MATCH_GID) && ev->gid != r->gid)
		return false;
	if ((m & EXECMON_MATCH_ERRNO) &&
	    (ev->hdr.type != EXECMON_REC_EXEC_FAILED || ev->return_value != -(s32)r->err))
		return false;
	if ((m & EXECMON_MATCH_MNTNS) && ev->mnt_ns != r->mnt_ns)
		return false;
	if ((m & EXECMON_MATCH_PIDNS) && ev->pid_ns != r->pid_ns)
		return false;
	if ((m & EXECMON_MATCH_AUID) && ev->auid != r->auid)
		return false;
	/* both NUL-padded to 16 bytes: see em_fill_context() and em_rule_check() */
	if ((m & EXECMON_MATCH_COMM) && memcmp(ev->comm, r->comm, sizeof(r->comm)))
		return false;
	if ((m & EXECMON_MATCH_CGROUP) &&
	    !em_cgroup_match(c, r->cgroup_id, m & EXECMON_MATCH_CGROUP_TREE))
		return false;
	if ((m & EXECMON_MATCH_PID) && !em_pid_match(c, r->pid, m & EXECMON_MATCH_PID_TREE))
		return false;
	/*
	 * Last, the conditions that may not be decidable: an EXEC not known not
	 * to have raised privilege (no PREV), a terminal or a path that could
	 * not be had.  The rule is undecided only when all it can test holds.
	 * The terminal and the path are tested only with late set (EM_MATCH_LATE).
	 */
	if (m & EXECMON_MATCH_PRIVILEGED) {
		if (ev->hdr.type != EXECMON_REC_EXEC)
			return false;
		if (!(ev->flags & EXECMON_EF_PRIVILEGED)) {
			if (!(ev->missing & (1U << EXECMON_A_PREV)))
				return false;
			undecided = true;
		}
	}
	if (m & (EXECMON_MATCH_TTY | EXECMON_MATCH_HAS_TTY)) {
		const char *tty = c->late->tty;

		if (!tty)
			undecided = true;
		else if ((m & EXECMON_MATCH_HAS_TTY) ? !tty[0] : strcmp(tty, r->tty))
			return false;
	}
	if (m & EXECMON_MATCH_PATH) {
		const char *path;

		if (ev->hdr.type == EXECMON_REC_EXIT)	/* an exit has no path */
			return false;
		path = m & EXECMON_MATCH_PATH_ANY_NS ? c->late->path : c->late->host_path;
		if (!path)
			undecided = true;
		else if (!em_path_below(path, r->path, er->path_len))
			return false;
	}
	if (undecided)
		c->unseen = true;
	return !undecided;
}

/*
 * Does the first rule this event meets drop it?  late, once the event's end
 * resolved it: the executed file's full path as the task sees it (or the
 * caller's, when no file was opened), the same as the host sees it (NULL
 * when the task has no host view, or the path could not be resolved), the
 * terminal.  A rule with a condition it cannot test (no path, a privilege
 * not known) decides: the event is kept, since what cannot be seen must
 * not hide an exec.
 * Through em_policy_drops(), which calls here only when the rules can
 * decide.  Caller holds rcu_read_lock().
 */
bool em_policy_match(const struct em_policy *p, const struct execmon_event *ev,
		     const struct em_late *late)
{
	struct em_match_ctx c;
	unsigned int i;
	bool drop = false;

	c.ev = ev;
	c.late = late;
	c.unseen = false;
	c.nr_pids = c.nr_cgroups = -1;
	c.pids_cut = c.cgroups_cut = false;
	rcu_read_lock();	/* the parents and cgroups walked */
	for (i = 0; i < p->nr_rules; i++) {
		if (em_rule_match(&p->rules[i], &c)) {
			drop = p->rules[i].r.action == EXECMON_RULE_DROP;
			break;
		}
		if (c.unseen)
			break;
	}
	rcu_read_unlock();
	return drop;
}
