// SPDX-License-Identifier: GPL-2.0
/* required: a policy swapped with rcu_replace_pointer (5.5), freed by an rcu_work (4.20) */
#include <linux/rcupdate.h>
#include <linux/workqueue.h>
struct em_probe_obj { struct rcu_work w; };
static struct em_probe_obj __rcu *em_probe_ptr;
void em_probe(struct em_probe_obj *n);
void em_probe(struct em_probe_obj *n)
{
	struct em_probe_obj *old = rcu_replace_pointer(em_probe_ptr, n, true);

	queue_rcu_work(system_wq, &old->w);
}
