// SPDX-License-Identifier: GPL-2.0
/*
 * Exactly one process_execute_failed per failed exec attempt.
 *
 * A failure is reported where the most is known about it: at the return of
 * bprm_execve() when the attempt got that far (the bprm is still alive
 * there), otherwise at the return of the exec system call or kernel_execve().
 * The outer return must know whether the inner one already reported, so the
 * inner one marks the task here and the outer one takes the mark.  Only
 * failing execs write to this table; successful ones only look, once.
 *
 * The table is a small array of task pointers claimed with cmpxchg: no
 * lock, no allocation, any context.  A task's mark lives in one bucket of
 * EM_MARK_WAYS slots, a cache line with a count of its marks, so looking
 * for one (every exec does at its start, every failing one again at its
 * end) reads one line, and mostly stops at the count.  A mark whose outer
 * return never came (its kretprobe instance was missed) goes stale; a
 * stale mark is reclaimed after EM_MARK_TTL, long past any real gap
 * between the two returns (which is only free_bprm()).
 */
#include <linux/atomic.h>
#include <linux/cache.h>
#include <linux/hash.h>
#include <linux/jiffies.h>
#include "execmon.h"

#define EM_MARK_BUCKET_BITS	7	/* 896 slots, 8 KiB */
#define EM_MARK_WAYS		(SMP_CACHE_BYTES / sizeof(void *) - 1)
#define EM_MARK_TTL		(10 * HZ)

struct em_mark_bucket {
	atomic_t used;			/* slots holding a mark */
	const void *task[EM_MARK_WAYS];
} ____cacheline_aligned;

static struct em_mark_bucket em_marks[1 << EM_MARK_BUCKET_BITS];
static unsigned long em_mark_when[1 << EM_MARK_BUCKET_BITS][EM_MARK_WAYS]; /* jiffies at marking */

/* Returns false when the task's bucket had no free slot. */
bool em_mark_set(const void *task)
{
	unsigned int h = hash_ptr(task, EM_MARK_BUCKET_BITS), i;
	struct em_mark_bucket *b = &em_marks[h];
	unsigned long now = jiffies;

	for (i = 0; i < EM_MARK_WAYS; i++) {
		const void *old = READ_ONCE(b->task[i]); /* claimed by cmpxchg below */

		if (old && old != task &&
		    time_before(now, READ_ONCE(em_mark_when[h][i]) + EM_MARK_TTL)) /* written after the claim: a racing reclaim only costs a duplicate */
			continue;
		if (cmpxchg(&b->task[i], old, task) == old) {
			if (!old)
				atomic_inc(&b->used);
			WRITE_ONCE(em_mark_when[h][i], now); /* read by a reclaiming em_mark_set() */
			return true;
		}
	}
	return false;
}

/* Takes the task's mark; true if there was one. */
bool em_mark_take(const void *task)
{
	struct em_mark_bucket *b = &em_marks[hash_ptr(task, EM_MARK_BUCKET_BITS)];
	unsigned int i;

	/*
	 * A task's own mark was counted before it looks: the same task set it,
	 * earlier in program order.  Other tasks' marks do not matter here.
	 */
	if (!atomic_read(&b->used))
		return false;
	for (i = 0; i < EM_MARK_WAYS; i++) {
		if (READ_ONCE(b->task[i]) == task && /* only this task clears its own mark */
		    cmpxchg(&b->task[i], task, NULL) == task) {
			atomic_dec(&b->used);
			return true;
		}
	}
	return false;
}
