// SPDX-License-Identifier: GPL-2.0
/*
 * The record being built on this CPU: its scratch buffer, the guard that
 * keeps one CPU from building two at once, and its way out to the rings.
 */
#include <linux/atomic.h>
#include <linux/percpu.h>
#include <linux/vmalloc.h>
#include "event.h"
#include "policy.h"
#include "record.h"
#include "session.h"

DEFINE_PER_CPU(void *, em_scratch);
DEFINE_PER_CPU(int, em_nest);
static atomic64_t em_path_misses;

void em_path_missed(struct em_ev *b, u16 type)
{
	em_missing(b, type);
	b->path_misses++;
}

u64 em_event_path_misses(void)
{
	return atomic64_read(&em_path_misses);
}

/*
 * The record goes, inside em_record_enter(): the policy's path rules decide
 * first when it has rules that wait for the path (path as the task sees
 * it, host_path as the host does, either NULL when not known: a rule then
 * keeps the event), then every session's ring on this CPU takes it, and
 * the paths it went without are counted.  b->pol is NULL in the task work
 * of an event no rule waits for (later.c), the policy it began under then
 * not held.
 */
void em_record_send(struct em_ev *b, const char *path, const char *host_path)
{
	b->ev->hdr.len = b->len;
	if (b->pol && em_policy_drops(b->pol, b->ev, path, host_path, true)) {
		em_emit_filtered();
		return;
	}
	em_emit(&b->ev->hdr);
	if (b->path_misses)
		atomic64_add(b->path_misses, &em_path_misses);
}

void em_record_exit(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		vfree(per_cpu(em_scratch, cpu));
		per_cpu(em_scratch, cpu) = NULL;
	}
}

int em_record_init(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		/*
		 * vmalloc, not kmalloc: a user copy into it (argv) is checked by
		 * hardened usercopy, which with page faults off stops at once for
		 * a vmalloc address, where a heap object costs a walk of checks
		 */
		void *buf = vzalloc_node(EXECMON_RECORD_MAX, cpu_to_node(cpu));

		if (!buf) {
			em_record_exit();
			return -ENOMEM;
		}
		per_cpu(em_scratch, cpu) = buf;
	}
	return 0;
}
