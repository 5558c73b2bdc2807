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
	bool filter_path;		/* a rule needs the path: decide once it is known */
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
bool em_policy_match(const struct em_policy *p, const struct execmon_event *ev,
		     const char *path, const char *host_path);

/*
 * Whether the policy drops the event.  Called twice per event (before the
 * path is known, and after); the rules are tried once, at the first call
 * that can decide.  Inline: most events meet no rule at all.
 */
static inline bool em_policy_drops(const struct em_policy *p, const struct execmon_event *ev,
				   const char *path, const char *host_path, bool path_known)
{
	if (!p->nr_rules || p->filter_path != path_known)
		return false;
	return em_policy_match(p, ev, path, host_path);
}
long em_policy_get(struct execmon_policy *req);
long em_policy_set(const struct execmon_policy *req);

#endif /* EM_POLICY_H */
