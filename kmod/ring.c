// SPDX-License-Identifier: GPL-2.0
/*
 * One ring: a single producer (one CPU's probes, preemption off, never
 * nested) and a single consumer (a reader in user space through mmap, or the
 * session's read() in the kernel).  The layout and the ordering contract are
 * in include/uapi/linux/execmon.h; user/ring.h is the user-space consumer.
 *
 * The data pages are vmap()ed twice back to back, so a record that wraps
 * around the end of the data is contiguous both for the producer's memcpy
 * and for every consumer.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/topology.h>
#include <linux/timekeeping.h>
#include "ring.h"
#include "../common/emrec.h"

#define EM_RING_META_PAGES	2	/* ctl, consumer */

u64 em_ring_map_size(unsigned int data_pages)
{
	return (u64)(EM_RING_META_PAGES + 2 * data_pages) << PAGE_SHIFT;
}

/*
 * A ring's memory is the opener's: charged to its memory cgroup, and a
 * ring that does not fit fails the setup (-ENOMEM) rather than wake the
 * OOM killer, which would pick some other process first.
 */
#define EM_RING_GFP	(GFP_KERNEL_ACCOUNT | __GFP_NORETRY | __GFP_NOWARN)

struct em_ring *em_ring_alloc(unsigned int cpu, unsigned int data_pages)
{
	unsigned int nr_pages = EM_RING_META_PAGES + data_pages;
	unsigned int nr_map = EM_RING_META_PAGES + 2 * data_pages;
	struct page **map;
	struct em_ring *r;
	unsigned int i;
	int node = cpu_to_node(cpu);

	r = kzalloc_node(sizeof(*r), EM_RING_GFP, node);
	if (!r)
		return NULL;
	r->pages = kvcalloc(nr_pages, sizeof(*r->pages), EM_RING_GFP);
	map = kvcalloc(nr_map, sizeof(*map), GFP_KERNEL);
	if (!r->pages || !map)
		goto err_free_arrays;

	for (i = 0; i < nr_pages; i++) {
		r->pages[i] = alloc_pages_node(node, EM_RING_GFP | __GFP_ZERO, 0);
		if (!r->pages[i])
			goto err_free_pages;
		r->nr_pages++;
	}
	for (i = 0; i < nr_map; i++)
		map[i] = i < nr_pages ? r->pages[i] : r->pages[i - data_pages];

	/* VM_USERMAP: remap_vmalloc_range() maps this area into user space */
	r->area = vmap(map, nr_map, VM_MAP | VM_USERMAP, PAGE_KERNEL);
	if (!r->area)
		goto err_free_pages;
	kvfree(map);

	r->ctl = r->area;
	r->cons = r->area + PAGE_SIZE;
	r->data = r->area + EM_RING_META_PAGES * PAGE_SIZE;
	r->mask = ((u64)data_pages << PAGE_SHIFT) - 1;
	r->cpu = cpu;
	r->ctl->version = EXECMON_UAPI_VERSION;
	r->ctl->size = sizeof(*r->ctl);
	r->ctl->cpu = cpu;
	r->ctl->data_size = r->mask + 1;
	return r;

err_free_pages:
	while (r->nr_pages)
		__free_page(r->pages[--r->nr_pages]);
err_free_arrays:
	kvfree(map);
	kvfree(r->pages);
	kfree(r);
	return NULL;
}

/* Called once nothing can produce into or map the ring any more. */
void em_ring_free(struct em_ring *r)
{
	if (!r)
		return;
	vunmap(r->area);
	while (r->nr_pages)
		__free_page(r->pages[--r->nr_pages]);
	kvfree(r->pages);
	kfree(r);
}

/*
 * Free space as the producer sees it.  consumer_pos may be anything a
 * misbehaving reader wrote: a position outside [prod - size, prod] counts as
 * a full ring, so the producer never overwrites unread data and never writes
 * outside the mapping whatever the reader does.
 */
static u64 em_ring_free_space(struct em_ring *r)
{
	/* the consumer is done with what it released: emring_release() (user/ring.h), em_ring_consume() */
	u64 cons = smp_load_acquire(&r->cons->consumer_pos); /* pairs with their store-release */
	u64 used = r->prod - cons;

	return used > r->mask + 1 ? 0 : r->mask + 1 - used;
}

static void em_ring_put(struct em_ring *r, const void *rec, u32 len)
{
	memcpy(r->data + (r->prod & r->mask), rec, len);
	r->prod += len;
}

/*
 * Offer one record to the ring.  Producer context only: preemption off, on
 * r->cpu, never nested (see em_event_begin()).  rec->len is a multiple of 8
 * and at most EXECMON_RECORD_MAX.  Returns whether the record was kept, and then
 * in *fill the bytes now waiting for the consumer; a record that does not
 * fit is dropped and counted, and a LOST record goes ahead of the next one
 * that fits.
 */
bool em_ring_write(struct em_ring *r, struct execmon_rec_hdr *rec, u64 *fill)
{
	struct execmon_lost lost;
	u64 need = rec->len + (r->lost ? sizeof(lost) : 0);
	u64 space = em_ring_free_space(r);

	if (need > space) {
		em_ring_drop(r, false);
		return false;
	}
	if (r->lost) {
		lost.hdr.len = sizeof(lost);
		lost.hdr.type = EXECMON_REC_LOST;
		lost.hdr.flags = 0;
		lost.hdr.seq = r->lost_seq;
		lost.lost = r->lost;
		lost.ts_ns = ktime_get_real_fast_ns();
		em_ring_put(r, &lost, sizeof(lost));
		r->lost = 0;
	}
	rec->seq = r->seq++;
	em_ring_put(r, rec, rec->len);
	r->delivered++;
	/* the record is written; readers: emring_peek() (user/ring.h), em_ring_peek() */
	smp_store_release(&r->ctl->producer_pos, r->prod); /* pairs with their load-acquire */
	*fill = r->mask + 1 - space + need;
	return true;
}

/*
 * An event this ring will not get: no room, or (nested) not built at all.
 * Producer context.  Counted, and the stream says so with the next record.
 */
void em_ring_drop(struct em_ring *r, bool nested)
{
	if (!r->lost)
		r->lost_seq = r->seq;
	r->lost++;
	r->seq++;
	if (nested)
		r->dropped_nested++;
	else
		r->dropped_full++;
}

/* An event the policy dropped: it takes a seq, and no LOST record tells of it. */
void em_ring_filter(struct em_ring *r)
{
	r->seq++;
	r->filtered++;
}

/*
 * The counters, read while the producer may run: each is a single word
 * (READ_ONCE: no tearing), so a snapshot taken during traffic can be off by
 * the event in flight; quiescent, the invariant in the UAPI header holds.
 */
void em_ring_stats(struct em_ring *r, struct execmon_ring_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->seen = READ_ONCE(r->seq);		/* see above */
	st->delivered = READ_ONCE(r->delivered);	/* see above */
	st->dropped_full = READ_ONCE(r->dropped_full);	/* see above */
	st->dropped_nested = READ_ONCE(r->dropped_nested); /* see above */
	st->filtered = READ_ONCE(r->filtered);		/* see above */
}

/*
 * The kernel's own consumer, for read().  The caller holds the session's
 * lock, so there is one consumer at a time.  Whoever holds the descriptor
 * can move consumer_pos through its mapping, and so let the producer
 * overwrite any record at any moment: a record's length is read once and
 * checked against the ring, and the record is only used from a private
 * copy with that length.  A length that cannot be a record's resynchronises
 * the stream (consumer_pos was moved to no record boundary); never a crash.
 *
 * The next record's length and place, or 0 when there is none.
 */
static u32 em_ring_next(struct em_ring *r, u64 *pos)
{
	u64 prod = smp_load_acquire(&r->ctl->producer_pos); /* pairs with em_ring_write()'s release */
	u64 cons = READ_ONCE(r->cons->consumer_pos); /* ours to write; user space may scribble */
	const struct execmon_rec_hdr *h = (const void *)(r->data + (cons & r->mask));
	u32 len;

	if (cons == prod)
		return 0;
	len = READ_ONCE(h->len);	/* the one fetch: what the copy takes */
	if (prod - cons > r->mask + 1 || (cons & 7) || len < sizeof(*h) || (len & 7) ||
	    len > prod - cons || len > EXECMON_RECORD_MAX) {
		smp_store_release(&r->cons->consumer_pos, prod); /* pairs with em_ring_free_space() */
		return 0;
	}
	*pos = cons;
	return len;
}

/* The next record's timestamp, to choose among the rings; false when the ring is empty. */
bool em_ring_peek_ts(struct em_ring *r, u64 *ts)
{
	union {
		struct execmon_rec_hdr hdr;
		struct execmon_event ev;
		struct execmon_lost lost;
	} head;
	u64 pos;
	u32 len = em_ring_next(r, &pos);

	if (!len)
		return false;
	memcpy(&head, r->data + (pos & r->mask), min_t(u32, len, sizeof(head)));
	head.hdr.len = len;
	*ts = em_rec_ts(&head.hdr);
	return true;
}

/*
 * Copy the next record into buf (EXECMON_RECORD_MAX bytes) and step past it;
 * false when the ring is empty.  buf->len is the length that was checked,
 * whatever the ring holds by now.
 */
bool em_ring_copy(struct em_ring *r, struct execmon_rec_hdr *buf)
{
	u64 pos;
	u32 len = em_ring_next(r, &pos);

	if (!len)
		return false;
	/* the data is mapped twice: a record that wraps is contiguous */
	memcpy(buf, r->data + (pos & r->mask), len);
	buf->len = len;
	/* the record is fully read */
	smp_store_release(&r->cons->consumer_pos, pos + len); /* pairs with em_ring_free_space()'s acquire */
	return true;
}

bool em_ring_empty(struct em_ring *r)
{
	return smp_load_acquire(&r->ctl->producer_pos) == /* pairs with em_ring_write()'s release */
	       READ_ONCE(r->cons->consumer_pos);	/* ours, or a reader's: a hint either way */
}

/*
 * Map part of the ring.  pgoff is in pages from the start of this ring's
 * mapping.  Writable: the consumer page alone, shared.  Read-only: any part
 * of the ring, and it can never be made writable.  Never executable, and
 * never inherited: a child of the reader would share its consumer page and
 * move its consumer_pos behind its back, and the reader's view of the rings
 * is its own (the session is the opener's; a fork shares the descriptor,
 * and can map the rings itself).
 */
int em_ring_mmap(struct em_ring *r, struct vm_area_struct *vma, unsigned long pgoff)
{
	unsigned long len = vma->vm_end - vma->vm_start;
	u64 map_size = (u64)(r->nr_pages + (r->nr_pages - EM_RING_META_PAGES)) << PAGE_SHIFT;
	vm_flags_t clear = VM_MAYEXEC;

	if (vma->vm_flags & VM_EXEC)
		return -EPERM;
	if (vma->vm_flags & VM_WRITE) {
		if (pgoff != 1 || len != PAGE_SIZE || !(vma->vm_flags & VM_SHARED))
			return -EPERM;
	} else {
		if (((u64)pgoff << PAGE_SHIFT) + len > map_size)
			return -EINVAL;
		clear |= VM_MAYWRITE;
	}
	em_vma_flags_mod(vma, VM_DONTCOPY, clear);
	return remap_vmalloc_range(vma, r->area, pgoff);
}
