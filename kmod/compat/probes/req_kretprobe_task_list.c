// SPDX-License-Identifier: GPL-2.0
/* required: a task's own list of its pending kretprobe returns (5.11; on rethook since 5.19) */
#include <linux/kprobes.h>
#include <linux/sched.h>
void *em_probe(void);
void *em_probe(void)
{
#ifdef CONFIG_KRETPROBE_ON_RETHOOK
	return current->rethooks.first;
#else
	struct kretprobe_instance *ri = container_of(current->kretprobe_instances.first,
						     struct kretprobe_instance, llist);

	return get_kretprobe(ri);
#endif
}
