/* SPDX-License-Identifier: GPL-2.0 */
/* policy.c: settings and filter rules (see the UAPI's struct execmon_policy) */
#ifndef EM_POLICY_H
#define EM_POLICY_H

#include <linux/path.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <uapi/linux/execmon.h>

/* the conditions that wait for the event's end: struct em_late */
#define EM_MATCH_LATE	(EXECMON_MATCH_PATH | EXECMON_MATCH_TTY | EXECMON_MATCH_HAS_TTY)

struct em_rule {
	struct execmon_rule r;
	u32 path_len;			/* strlen(r.path) */
};

struct em_policy {
	struct rcu_head retire;		/* replaced: em_policy's reference goes, see em_policy_set */
	struct rcu_work free_work;	/* after the last em_policy_put() */
	refcount_t ref;			/* em_policy's, and held events' (em_policy_tryget()) */
	struct path host_root;		/* pid 1's root when set: the path rules' host view */
	u64 generation;
	u32 flags;			/* EXECMON_POLICY_* */
	u32 argv_max, env_max, ring_pages;
	bool late;			/* a rule tests what the event's end resolves (the
					 * path, the terminal): the rules decide then */
	unsigned int nr_redact;		/* environment names whose values are redacted */
	char redact[EXECMON_REDACT_MAX][EXECMON_REDACT_LEN];
	unsigned int nr_rules;
	struct em_rule rules[];
};

extern struct em_policy __rcu *em_policy;
/* The policy at load: flags (EXECMON_POLICY_*), limits, the default ring size */
int em_policy_init(u32 flags, u32 argv_max, u32 env_max, u32 ring_pages);
void em_policy_exit(void);
unsigned int em_policy_ring_pages(void);
bool em_policy_tryget(struct em_policy *p);
void em_policy_put(struct em_policy *p);

/*
 * What the rules that wait for the event's end test, once it is resolved
 * (em_paths_resolve()); NULL where it could not be had.
 */
struct em_late {
	const char *path;		/* the executed file's, as the task sees it */
	const char *host_path;		/* the same as the host sees it */
	const char *tty;		/* the controlling terminal's name, "" for none */
};

bool em_policy_match(const struct em_policy *p, const struct execmon_event *ev,
		     const struct em_late *late);

/*
 * Whether the policy drops the event.  Called twice per event: late NULL
 * when the context is known, and with what the end resolved; the rules are
 * tried once, at the first call that can decide.  Inline: most events meet
 * no rule at all.
 */
static inline bool em_policy_drops(const struct em_policy *p, const struct execmon_event *ev,
				   const struct em_late *late)
{
	if (!p->nr_rules || p->late != !!late)
		return false;
	return em_policy_match(p, ev, late);
}
long em_policy_get(struct execmon_policy *req);
long em_policy_set(const struct execmon_policy *req);

#endif /* EM_POLICY_H */
