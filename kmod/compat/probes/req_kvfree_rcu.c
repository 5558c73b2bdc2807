// SPDX-License-Identifier: GPL-2.0
/* required: freeing a kvmalloc'ed policy after a grace period (5.9), swapped with rcu_replace_pointer (5.5) */
#include <linux/rcupdate.h>
#include <linux/slab.h>
struct em_probe_obj { struct rcu_head rcu; };
static struct em_probe_obj __rcu *em_probe_ptr;
void em_probe(struct em_probe_obj *n);
void em_probe(struct em_probe_obj *n)
{
	struct em_probe_obj *old = rcu_replace_pointer(em_probe_ptr, n, true);

	kvfree_rcu(old, rcu);
}
