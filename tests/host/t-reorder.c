// SPDX-License-Identifier: GPL-2.0
/* Time order across CPUs (user/reorder.c): the watermark, the window, LOST records, flush. */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "reorder.h"

#define MAXREC 20000
static struct execmon_event evs[MAXREC];
static unsigned int nev;

static const struct execmon_rec_hdr *ev(uint64_t ts)
{
	struct execmon_event *e = &evs[nev++];

	memset(e, 0, sizeof(*e));
	e->hdr.len = sizeof(*e);
	e->hdr.type = EXECMON_REC_EXEC;
	e->attrs_off = sizeof(*e);
	e->ts_ns = ts;
	return &e->hdr;
}

static uint64_t pop_ts(struct em_reorder *r, uint64_t now, bool flush)
{
	struct em_held h;

	if (!em_reorder_pop(r, now, flush, &h))
		return 0;
	return ((const struct execmon_event *)h.rec)->ts_ns;
}

static void test_watermark_and_window(void)
{
	struct em_reorder r;

	nev = 0;
	CHECK(!em_reorder_init(&r, 2, 100, NULL), "init");
	em_reorder_push(&r, ev(10), 0, NULL);
	em_reorder_push(&r, ev(30), 0, NULL);
	CHECK(pop_ts(&r, 0, false) == 0, "cpu 1 has said nothing: wait");
	em_reorder_push(&r, ev(20), 1, NULL);
	CHECK(pop_ts(&r, 0, false) == 10, "10 first");
	CHECK(pop_ts(&r, 0, false) == 20, "then 20: both CPUs are past it");
	CHECK(pop_ts(&r, 0, false) == 0, "30: cpu 1 could still send 21..29");
	CHECK(em_reorder_deadline(&r) == 130, "deadline %llu", (unsigned long long)em_reorder_deadline(&r));
	CHECK(pop_ts(&r, 129, false) == 0, "not yet out of the window");
	CHECK(pop_ts(&r, 130, false) == 30, "out of the window");
	CHECK(em_reorder_deadline(&r) == 0, "empty");
	em_reorder_free(&r);
}

static void test_uncounted_cpu(void)
{
	bool counted[3] = { true, false, true };
	struct em_reorder r;

	nev = 0;
	CHECK(!em_reorder_init(&r, 3, 1000, counted), "init");
	em_reorder_push(&r, ev(5), 0, NULL);
	em_reorder_push(&r, ev(7), 2, NULL);
	CHECK(pop_ts(&r, 0, false) == 5, "a CPU without a ring holds nothing back");
	em_reorder_free(&r);
}

static void test_lost_keeps_ring_order(void)
{
	struct em_reorder r;
	struct execmon_lost *l = (void *)&evs[nev = 0];
	struct em_held h;

	CHECK(!em_reorder_init(&r, 1, 0, NULL), "init");
	nev = 1;
	memset(l, 0, sizeof(*l));
	l->hdr.len = sizeof(*l);
	l->hdr.type = EXECMON_REC_LOST;
	l->ts_ns = 70;
	em_reorder_push(&r, ev(50), 0, NULL);
	em_reorder_push(&r, &l->hdr, 0, NULL);	/* stamped after the next event began */
	em_reorder_push(&r, ev(60), 0, NULL);
	CHECK(pop_ts(&r, 0, true) == 50, "50");
	CHECK(em_reorder_pop(&r, 0, true, &h) && h.rec->type == EXECMON_REC_LOST, "LOST next");
	CHECK(pop_ts(&r, 0, true) == 60, "then the event that found the room");
	em_reorder_free(&r);
}

/* a cut at time t (log rotation): everything before t first, and only then */
static void test_cut(void)
{
	struct em_reorder r;
	struct em_held h;

	nev = 0;
	CHECK(!em_reorder_init(&r, 2, 100, NULL), "init");
	em_reorder_push(&r, ev(10), 0, NULL);
	em_reorder_push(&r, ev(40), 0, NULL);
	CHECK(!em_reorder_past(&r, 0, 30), "10 is still held");
	CHECK(!em_reorder_pop_before(&r, 0, false, 30, &h), "cpu 1 silent: 10 waits");
	em_reorder_push(&r, ev(35), 1, NULL);
	CHECK(em_reorder_pop_before(&r, 0, false, 30, &h) &&
	      ((const struct execmon_event *)h.rec)->ts_ns == 10, "10 before the cut");
	CHECK(!em_reorder_pop_before(&r, 0, false, 30, &h), "35 is after the cut");
	CHECK(em_reorder_past(&r, 0, 30), "both CPUs are past 30: cut");
	CHECK(!em_reorder_past(&r, 0, 38), "cpu 1 could still send 36..37");
	CHECK(!em_reorder_past(&r, 138, 38), "35 is held still");
	while (em_reorder_pop(&r, 138, false, &h))
		;
	CHECK(em_reorder_past(&r, 138, 38), "out, and the window has passed");
	em_reorder_free(&r);
}

/* many CPUs, random interleaving: out in time order, each CPU in its own order */
static void test_random(void)
{
	enum { CPUS = 8, PER = 2000 };
	uint64_t next[CPUS], last = 0, lastcpu[CPUS];
	unsigned int left[CPUS], c, out = 0;
	struct em_reorder r;
	struct em_held h;

	nev = 0;
	srand(42);
	CHECK(!em_reorder_init(&r, CPUS, 1000000, NULL), "init");
	for (c = 0; c < CPUS; c++) {
		next[c] = 1000 + rand() % 100;
		left[c] = PER;
		lastcpu[c] = 0;
	}
	for (unsigned int n = 0; n < CPUS * PER; n++) {
		do
			c = rand() % CPUS;
		while (!left[c]);
		left[c]--;
		em_reorder_push(&r, ev(next[c]), c, NULL);
		next[c] += 1 + rand() % 50;
		/* drain what may go as we go, with the clock just behind */
		while (em_reorder_pop(&r, 0, false, &h)) {
			uint64_t ts = ((const struct execmon_event *)h.rec)->ts_ns;

			CHECK(ts >= last, "out of order: %llu after %llu", (unsigned long long)ts,
			      (unsigned long long)last);
			last = ts;
			out++;
		}
	}
	while (em_reorder_pop(&r, 0, true, &h)) {
		uint64_t ts = ((const struct execmon_event *)h.rec)->ts_ns;

		CHECK(ts >= last && ts >= lastcpu[h.cpu], "flush out of order");
		last = lastcpu[h.cpu] = ts;
		out++;
	}
	CHECK(out == CPUS * PER, "%u records out of %u", out, CPUS * PER);
	em_reorder_free(&r);
}

int main(void)
{
	test_watermark_and_window();
	test_uncounted_cpu();
	test_lost_keeps_ring_order();
	test_cut();
	test_random();
	return em_failures ? 1 : 0;
}
