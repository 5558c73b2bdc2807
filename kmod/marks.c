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
 * The table (ptab.h) holds task pointers: a look reads one cache line and
 * mostly stops at its bucket's count.  A mark whose outer return never came
 * (its kretprobe instance was missed) goes stale; a stale mark is reclaimed
 * after EM_MARK_TTL, long past any real gap between the two returns (which
 * is only free_bprm()).
 */
#include <linux/jiffies.h>
#include "execmon.h"
#include "ptab.h"

#define EM_MARK_BITS	7	/* 128 buckets: 896 slots, 8 KiB */
#define EM_MARK_TTL	(10 * HZ)

static struct em_ptab_bucket em_marks[1 << EM_MARK_BITS];
static unsigned long em_mark_when[EM_PTAB_SLOTS(EM_MARK_BITS)]; /* jiffies at marking */
static atomic64_t em_mark_full;	/* marks that found no free slot */

/* failed execs the outer return reported in the inner one's stead */
u64 em_mark_misses(void)
{
	return atomic64_read(&em_mark_full);
}

/* A slot em_mark_set() may take from its holder: the task's own, or a stale mark. */
static bool em_mark_reusable(unsigned int slot, const void *old, const void *task)
{
	return old == task ||
	       time_after_eq(jiffies, READ_ONCE(em_mark_when[slot]) + /* written after the claim: a racing reclaim only costs a duplicate */
			     EM_MARK_TTL);
}

/* Returns false when the task's bucket had no free slot. */
bool em_mark_set(const void *task)
{
	int slot = em_ptab_claim(em_marks, EM_MARK_BITS, task, em_mark_reusable);

	if (slot < 0) {
		atomic64_inc(&em_mark_full);
		return false;
	}
	WRITE_ONCE(em_mark_when[slot], jiffies); /* read by a reclaiming em_mark_set() */
	return true;
}

/* Takes the task's mark; true if there was one. */
bool em_mark_take(const void *task)
{
	int slot = em_ptab_find(em_marks, EM_MARK_BITS, task);

	/* only this task clears its own mark; a reclaim may have taken it */
	return slot >= 0 && em_ptab_free(em_marks, slot, task);
}
