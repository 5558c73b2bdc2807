// SPDX-License-Identifier: GPL-2.0
/*
 * The record being built on this CPU: its scratch buffer, the guard that
 * keeps one CPU from building two at once, and its way out to the rings.
 */
#include <linux/atomic.h>
#include <linux/limits.h>
#include <linux/percpu.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include "event.h"
#include "policy.h"
#include "record.h"
#include "session.h"

DEFINE_PER_CPU(struct em_ev, em_builder);
DEFINE_PER_CPU(int, em_nest);
atomic64_t em_path_misses;

void em_path_missed(struct em_ev *b, u16 type)
{
	em_missing(b, type);
	b->path_misses++;
}

/* A string attribute; returns it as the record holds it, or NULL if it is not there. */
const char *em_put_kstr(struct em_ev *b, u16 type, const char *s)
{
	char *p = em_attr_begin(b, type, PATH_MAX);
	ssize_t n;

	if (!p)
		return NULL;
	n = strscpy(p, s, PATH_MAX);
	em_attr_end(b, type, n < 0 ? EXECMON_AF_TRUNCATED : 0,
		    (n < 0 ? PATH_MAX - 1 : n) + 1);
	return p;
}

u64 em_event_path_misses(void)
{
	return atomic64_read(&em_path_misses);
}

void em_record_exit(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		vfree(per_cpu(em_builder, cpu).ev);
		per_cpu(em_builder, cpu).ev = NULL;
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
		per_cpu(em_builder, cpu).ev = buf;
	}
	return 0;
}
