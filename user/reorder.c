// SPDX-License-Identifier: GPL-2.0
/* Time order across CPUs: see reorder.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "reorder.h"
#include "../common/emrec.h"

int em_reorder_init(struct em_reorder *r, unsigned int nr_cpus, uint64_t window_ns,
		    const bool *counted)
{
	unsigned int c;

	memset(r, 0, sizeof(*r));
	r->nr_cpus = nr_cpus ? nr_cpus : 1;
	r->window_ns = window_ns;
	r->last_key = calloc(r->nr_cpus, sizeof(*r->last_key));
	r->counted = calloc(r->nr_cpus, sizeof(*r->counted));
	if (!r->last_key || !r->counted) {
		em_reorder_free(r);
		return -1;
	}
	for (c = 0; c < r->nr_cpus; c++)
		r->counted[c] = !counted || counted[c];
	return 0;
}

void em_reorder_free(struct em_reorder *r)
{
	free(r->heap);
	free(r->last_key);
	free(r->counted);
	r->heap = NULL;
	r->last_key = NULL;
	r->counted = NULL;
}

static bool em_before(const struct em_held *a, const struct em_held *b)
{
	return a->key < b->key || (a->key == b->key && a->arrival < b->arrival);
}

static void em_swap(struct em_held *a, struct em_held *b)
{
	struct em_held t = *a;

	*a = *b;
	*b = t;
}

int em_reorder_push(struct em_reorder *r, const struct execmon_rec_hdr *rec, unsigned int cpu,
		    void *owner)
{
	size_t i;
	uint64_t key = em_rec_ts(rec);

	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 1024;
		struct em_held *h = realloc(r->heap, cap * sizeof(*h));

		if (!h)
			return -1;
		r->heap = h;
		r->cap = cap;
	}
	if (cpu >= r->nr_cpus)
		cpu = r->nr_cpus - 1;
	/*
	 * A ring's records are in time order, but for a LOST record, stamped
	 * when room came back, ahead of the event that found it: keep each
	 * CPU's keys monotonic so its records leave in ring order.
	 */
	if (key < r->last_key[cpu])
		key = r->last_key[cpu];
	r->last_key[cpu] = key;

	i = r->n++;
	r->heap[i] = (struct em_held){ key, r->arrivals++, rec, owner, cpu };
	while (i && em_before(&r->heap[i], &r->heap[(i - 1) / 2])) {
		em_swap(&r->heap[i], &r->heap[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
	return 0;
}

/* the earliest time any CPU can still deliver: the least of their latest */
static uint64_t em_watermark(const struct em_reorder *r)
{
	uint64_t w = UINT64_MAX;
	unsigned int c;

	for (c = 0; c < r->nr_cpus; c++)
		if (r->counted[c] && r->last_key[c] < w)
			w = r->last_key[c];
	return w;
}

bool em_reorder_pop(struct em_reorder *r, uint64_t now, bool flush, struct em_held *out)
{
	return em_reorder_pop_before(r, now, flush, UINT64_MAX, out);
}

bool em_reorder_past(const struct em_reorder *r, uint64_t now, uint64_t t)
{
	if (r->n && r->heap[0].key < t)
		return false;
	return em_watermark(r) >= t || now >= t + r->window_ns;
}

bool em_reorder_pop_before(struct em_reorder *r, uint64_t now, bool flush, uint64_t limit,
			   struct em_held *out)
{
	size_t i = 0;

	if (!r->n || r->heap[0].key >= limit)
		return false;
	if (!flush && r->heap[0].key > em_watermark(r) &&
	    r->heap[0].key + r->window_ns > now)
		return false;
	*out = r->heap[0];
	r->heap[0] = r->heap[--r->n];
	for (;;) {
		size_t l = 2 * i + 1, m = i;

		if (l < r->n && em_before(&r->heap[l], &r->heap[m]))
			m = l;
		if (l + 1 < r->n && em_before(&r->heap[l + 1], &r->heap[m]))
			m = l + 1;
		if (m == i)
			break;
		em_swap(&r->heap[i], &r->heap[m]);
		i = m;
	}
	return true;
}

uint64_t em_reorder_deadline(const struct em_reorder *r)
{
	return r->n ? r->heap[0].key + r->window_ns : 0;
}
