/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Putting records from several CPUs' rings back in time order.
 *
 * Each ring is in time order by itself; across rings, a record may arrive
 * after a later one from another CPU (the other ring was drained first, or
 * its event was still being built).  Records wait here, in a min-heap by
 * time, until no earlier one can still come:
 *  - every CPU has already delivered something at least as late (its
 *    stream is in order, so nothing earlier can follow from it), or
 *  - the record is older than the window: the kernel wakes readers within
 *    10 ms of an event (EM_WAKE_DELAY_MS), so an event still unseen after
 *    the window was not there to be seen.
 * With every CPU busy, records go out as soon as every CPU has spoken;
 * with idle CPUs, after the window at most.
 */
#ifndef EM_USER_REORDER_H
#define EM_USER_REORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/execmon.h>

struct em_held {
	uint64_t key;			/* the record's time, kept in order per CPU */
	uint64_t arrival;		/* ties: first come, first out */
	const struct execmon_rec_hdr *rec;
	void *owner;			/* the caller's: what holds rec's memory */
	unsigned int cpu;
};

struct em_reorder {
	struct em_held *heap;
	size_t n, cap;
	uint64_t window_ns;
	uint64_t arrivals;
	unsigned int nr_cpus;
	uint64_t *last_key;		/* per CPU: the latest key pushed (0: none yet) */
	bool *counted;			/* per CPU: can deliver at all (a possible CPU) */
};

/* counted[cpu]: whether cpu has a ring (NULL: all nr_cpus do) */
int em_reorder_init(struct em_reorder *r, unsigned int nr_cpus, uint64_t window_ns,
		    const bool *counted);
void em_reorder_free(struct em_reorder *r);
/* Hold a record from cpu's ring (records of one CPU in ring order).  -1 on ENOMEM. */
int em_reorder_push(struct em_reorder *r, const struct execmon_rec_hdr *rec, unsigned int cpu,
		    void *owner);
/*
 * The next record that may go out at now (CLOCK_REALTIME ns): true and *out
 * filled, or false.  flush: every held record may go, oldest first.
 */
bool em_reorder_pop(struct em_reorder *r, uint64_t now, bool flush, struct em_held *out);
/* The same, for records earlier than limit only. */
bool em_reorder_pop_before(struct em_reorder *r, uint64_t now, bool flush, uint64_t limit,
			   struct em_held *out);
/*
 * Has every record earlier than t gone out, and can none still come?  (For
 * a cut at time t: the log rotated at t has everything before t.)
 */
bool em_reorder_past(const struct em_reorder *r, uint64_t now, uint64_t t);
/* When the oldest held record falls out of the window (0: nothing held). */
uint64_t em_reorder_deadline(const struct em_reorder *r);

#endif /* EM_USER_REORDER_H */
