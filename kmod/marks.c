// SPDX-License-Identifier: GPL-2.0
/*
 * Exactly one process_execute_failed per failed exec attempt.
 *
 * A failure is reported where the most is known about it: at the return of
 * bprm_execve() when the attempt got that far (the bprm is still alive
 * there), otherwise at the return of the exec system call or kernel_execve().
 * The outer return must know whether the inner one already reported, so the
 * inner one marks the task here and the outer one takes the mark.  Only
 * failing execs touch this table; successful ones never do.
 *
 * The table is a small open-addressed array of task pointers claimed with
 * cmpxchg: no lock, no allocation, any context.  A mark whose outer return
 * never came (its kretprobe instance was missed) goes stale; a stale mark is
 * reclaimed after EM_MARK_TTL, long past any real gap between the two returns
 * (which is only free_bprm()).
 */
#include <linux/atomic.h>
#include <linux/hash.h>
#include <linux/jiffies.h>
#include "execmon.h"

#define EM_MARK_BITS	8
#define EM_MARK_PROBES	8
#define EM_MARK_TTL	(10 * HZ)

struct em_mark {
	const void *task;
	unsigned long when;	/* jiffies at marking */
};

static struct em_mark em_marks[1 << EM_MARK_BITS];

/* Returns false when no slot was free: the caller counts that. */
bool em_mark_set(const void *task)
{
	unsigned int h = hash_ptr(task, EM_MARK_BITS), i;
	unsigned long now = jiffies;

	for (i = 0; i < EM_MARK_PROBES; i++) {
		struct em_mark *m = &em_marks[(h + i) & ((1 << EM_MARK_BITS) - 1)];
		const void *old = READ_ONCE(m->task); /* claimed by cmpxchg below */

		if (old && old != task &&
		    time_before(now, READ_ONCE(m->when) + EM_MARK_TTL)) /* written after the claim: a racing reclaim only costs a duplicate */
			continue;
		if (cmpxchg(&m->task, old, task) == old) {
			WRITE_ONCE(m->when, now); /* read by a reclaiming em_mark_set() */
			return true;
		}
	}
	return false;
}

/* Takes the task's mark; true if there was one. */
bool em_mark_take(const void *task)
{
	unsigned int h = hash_ptr(task, EM_MARK_BITS), i;

	for (i = 0; i < EM_MARK_PROBES; i++) {
		struct em_mark *m = &em_marks[(h + i) & ((1 << EM_MARK_BITS) - 1)];

		if (READ_ONCE(m->task) == task && /* only this task clears its own mark */
		    cmpxchg(&m->task, task, NULL) == task)
			return true;
	}
	return false;
}
