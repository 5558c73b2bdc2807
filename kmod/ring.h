/* SPDX-License-Identifier: GPL-2.0 */
/* ring.c: one CPU's ring of one session, and the ring sizes allowed */
#ifndef EM_RING_H
#define EM_RING_H

#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/types.h>
#include <uapi/linux/execmon.h>

/* Limits: see the UAPI's EXECMON_IOC_SETUP */
#define EM_RING_PAGES_MIN	((unsigned int)(EXECMON_RING_MIN_BYTES >> PAGE_SHIFT))

static inline bool em_ring_pages_ok(unsigned int pages)
{
	return pages >= EM_RING_PAGES_MIN && pages <= EXECMON_RING_PAGES_MAX && is_power_of_2(pages);
}

struct em_ring {
	struct execmon_ring_ctl *ctl;		/* page 0 */
	struct execmon_ring_consumer *cons;	/* page 1 */
	unsigned char *data;			/* data pages, mapped twice */
	void *area;				/* vmap of all of the above */
	struct page **pages;			/* nr_pages distinct pages */
	unsigned int nr_pages;
	unsigned int cpu;
	u64 mask;				/* data_size - 1 */

	/*
	 * Written by this CPU's producer only, preemption off, never nested;
	 * read locklessly for stats.  Every event offered takes a seq, kept or
	 * dropped, so seq is also the count of events seen.
	 */
	u64 prod;				/* == ctl->producer_pos */
	u64 seq;				/* next event's sequence number */
	u64 lost;				/* dropped since the last LOST record */
	u64 lost_seq;				/* seq of the first of them */
	u64 delivered, dropped_full, dropped_nested, filtered;
};

static inline void em_stats_add(struct execmon_ring_stats *sum,
				const struct execmon_ring_stats *st)
{
	sum->seen += st->seen;
	sum->delivered += st->delivered;
	sum->dropped_full += st->dropped_full;
	sum->dropped_nested += st->dropped_nested;
	sum->dropped_too_large += st->dropped_too_large;
	sum->filtered += st->filtered;
}

struct em_ring *em_ring_alloc(unsigned int cpu, unsigned int data_pages);
void em_ring_free(struct em_ring *r);
bool em_ring_write(struct em_ring *r, struct execmon_rec_hdr *rec, u64 *fill);
void em_ring_drop(struct em_ring *r, bool nested);
void em_ring_filter(struct em_ring *r);
void em_ring_stats(struct em_ring *r, struct execmon_ring_stats *st);
bool em_ring_peek_ts(struct em_ring *r, u64 *ts);
bool em_ring_copy(struct em_ring *r, struct execmon_rec_hdr *buf);
bool em_ring_empty(struct em_ring *r);
u64 em_ring_map_size(unsigned int data_pages);
int em_ring_mmap(struct em_ring *r, struct vm_area_struct *vma, unsigned long pgoff);

#endif /* EM_RING_H */
