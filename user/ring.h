/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The consumer side of an execmon ring, for every user-space reader.  The
 * producer is em_ring_write() in kmod/ring.c; the layout and the ordering
 * contract are in include/uapi/linux/execmon.h.
 *
 * Not thread-safe: one consumer per ring.  Records returned by
 * emring_peek() stay valid until emring_release() hands their space back.
 */
#ifndef EM_USER_RING_H
#define EM_USER_RING_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/execmon.h>

struct emring {
	const struct execmon_ring_ctl *ctl;	/* read-only mapping */
	struct execmon_ring_consumer *cons;	/* writable mapping */
	const unsigned char *data;		/* data_size bytes, then the same again */
	uint64_t mask;
	uint64_t pos;		/* our position; published by emring_release() */
	uint64_t prod;		/* producer_pos as last loaded */
	uint64_t corrupt;	/* times the stream had to be resynchronised */
};

static inline void emring_init(struct emring *r, const void *ro, void *cons,
			       const struct execmon_setup *st)
{
	r->ctl = (const void *)((const char *)ro + st->ctl_off);
	r->cons = cons;
	r->data = (const unsigned char *)ro + st->data_off;
	r->mask = st->data_size - 1;
	r->pos = __atomic_load_n(&r->cons->consumer_pos, __ATOMIC_RELAXED); /* only we write it */
	r->prod = r->pos;
	r->corrupt = 0;
}

/*
 * The next record and, in *len, its length, read once and checked against
 * the ring; NULL when the ring is empty.  Use *len, never h->len: the
 * header is in shared memory.
 */
static inline const struct execmon_rec_hdr *emring_peek(struct emring *r, uint32_t *len)
{
	const struct execmon_rec_hdr *h;
	uint32_t n;

	if (r->pos == r->prod) {
		/* pairs with smp_store_release() of producer_pos in em_ring_write() */
		r->prod = __atomic_load_n(&r->ctl->producer_pos, __ATOMIC_ACQUIRE);
		if (r->pos == r->prod)
			return NULL;
	}
	h = (const void *)(r->data + (r->pos & r->mask));
	n = __atomic_load_n(&h->len, __ATOMIC_RELAXED);	/* the one fetch */
	if (r->prod - r->pos > r->mask + 1 || n < sizeof(*h) || (n & 7) || n > r->prod - r->pos) {
		/* cannot happen with a sane producer: skip to it rather than loop */
		r->corrupt++;
		r->pos = r->prod;
		return NULL;
	}
	*len = n;
	return h;
}

/* Step past the record emring_peek() returned, of the length it gave. */
static inline void emring_advance(struct emring *r, uint32_t len)
{
	r->pos += len;
}

/* Hand the space of every record stepped past back to the producer. */
static inline void emring_release(struct emring *r)
{
	/* records fully read; pairs with smp_load_acquire() in em_ring_free_space() */
	__atomic_store_n(&r->cons->consumer_pos, r->pos, __ATOMIC_RELEASE);
}

#endif /* EM_USER_RING_H */
