/* SPDX-License-Identifier: GPL-2.0 */
/* kprobes: a task's pending kretprobe returns, on rethook since 5.19 (x86) */
#ifndef EM_COMPAT_KPROBES_H
#define EM_COMPAT_KPROBES_H

#include <linux/kprobes.h>
#include <linux/sched.h>

/*
 * The kretprobe instance of one of rps[0..n) that the current task is
 * inside, the innermost if several, with that one's index in *idx; or NULL.  A task's pending returns are a list of
 * its own, newest first: kretprobes sit on rethook since 5.19 (x86),
 * before that on kretprobe_instances (5.11).  Only the task pops from it
 * (an interrupt pushes and pops only its own), so from one of the task's
 * own probe handlers the entries below the running one stay put.  Other
 * rethook users' nodes are on the list too: an entry is only taken for a
 * kretprobe_instance once its owner is known to be rp.
 */
#ifdef CONFIG_KRETPROBE_ON_RETHOOK
static inline struct kretprobe_instance *em_kretprobe_pending(const struct kretprobe *rps,
							       unsigned int n, unsigned int *idx)
{
	struct llist_node *l;

	for (l = current->rethooks.first; l; l = l->next) {
		struct rethook_node *rhn = container_of(l, struct rethook_node, llist);
		const struct kretprobe *rp = rhn->rethook->data;	/* rethook_alloc(rp, ...): fixed */

		if (rp >= rps && rp < rps + n) {
			*idx = rp - rps;
			return container_of(rhn, struct kretprobe_instance, node);
		}
	}
	return NULL;
}
#else
static inline struct kretprobe_instance *em_kretprobe_pending(const struct kretprobe *rps,
							       unsigned int n, unsigned int *idx)
{
	struct llist_node *l;

	for (l = current->kretprobe_instances.first; l; l = l->next) {
		struct kretprobe_instance *ri = container_of(l, struct kretprobe_instance, llist);
		const struct kretprobe *rp = get_kretprobe(ri);

		if (rp >= rps && rp < rps + n) {
			*idx = rp - rps;
			return ri;
		}
	}
	return NULL;
}
#endif /* CONFIG_KRETPROBE_ON_RETHOOK */

#endif /* EM_COMPAT_KPROBES_H */
