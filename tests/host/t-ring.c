// SPDX-License-Identifier: GPL-2.0
/*
 * The ring protocol, consumer side (user/ring.h), against a producer thread
 * that follows kmod/ring.c's em_ring_write() step for step, in a memfd
 * mapped the way the device maps a ring: control page, consumer page, data
 * twice back to back.  Checks wraparound, records that span the end, a full
 * ring, LOST records whose counts account for every sequence gap, and that
 * no record is torn.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include "check.h"
#include "ring.h"

#define PAGE		4096UL
#define DATA_PAGES	16UL
#define DATA_SIZE	(DATA_PAGES * PAGE)

struct ring {
	unsigned char *base;		/* ctl, consumer, data, data */
	struct execmon_setup st;
	/* producer state, as in struct em_ring */
	uint64_t prod, seq, lost, lost_seq;
	uint64_t delivered, dropped;
};

static void ring_map(struct ring *r)
{
	int fd = memfd_create("ring", 0);
	unsigned char *p;

	CHECK(fd >= 0, "memfd");
	CHECK(!ftruncate(fd, 2 * PAGE + DATA_SIZE), "ftruncate");
	p = mmap(NULL, 2 * PAGE + 2 * DATA_SIZE + PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	/* the last PAGE stays PROT_NONE: a write past the mapping faults */
	CHECK(mmap(p, 2 * PAGE + DATA_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0) == p, "map");
	CHECK(mmap(p + 2 * PAGE + DATA_SIZE, DATA_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
		   fd, 2 * PAGE) == p + 2 * PAGE + DATA_SIZE, "map twice");
	close(fd);
	memset(r, 0, sizeof(*r));
	r->base = p;
	r->st.ctl_off = 0;
	r->st.consumer_off = PAGE;
	r->st.data_off = 2 * PAGE;
	r->st.data_size = DATA_SIZE;
	((struct execmon_ring_ctl *)p)->data_size = DATA_SIZE;
}

static void ring_unmap(struct ring *r)
{
	munmap(r->base, 2 * PAGE + 2 * DATA_SIZE + PAGE);
}

static struct execmon_ring_ctl *ctl(struct ring *r) { return (void *)r->base; }
static struct execmon_ring_consumer *cons(struct ring *r) { return (void *)(r->base + PAGE); }

/* em_ring_write(), in user space */
static void put(struct ring *r, const void *rec, uint32_t len)
{
	memcpy(r->base + 2 * PAGE + (r->prod & (DATA_SIZE - 1)), rec, len);
	r->prod += len;
}

static int produce(struct ring *r, struct execmon_rec_hdr *rec)
{
	uint64_t c = __atomic_load_n(&cons(r)->consumer_pos, __ATOMIC_ACQUIRE);
	uint64_t used = r->prod - c;
	uint64_t room = used > DATA_SIZE ? 0 : DATA_SIZE - used;
	struct execmon_lost l;

	if (rec->len + (r->lost ? sizeof(l) : 0) > room) {
		if (!r->lost)
			r->lost_seq = r->seq;
		r->lost++;
		r->seq++;
		r->dropped++;
		return 0;
	}
	if (r->lost) {
		memset(&l, 0, sizeof(l));
		l.hdr.len = sizeof(l);
		l.hdr.type = EXECMON_REC_LOST;
		l.hdr.seq = r->lost_seq;
		l.lost = r->lost;
		put(r, &l, sizeof(l));
		r->lost = 0;
	}
	rec->seq = r->seq++;
	put(r, rec, rec->len);
	r->delivered++;
	__atomic_store_n(&ctl(r)->producer_pos, r->prod, __ATOMIC_RELEASE);
	return 1;
}

/* a record of len bytes whose body is a pattern of its seq */
static void fill(unsigned char *buf, uint32_t len, uint64_t seq)
{
	struct execmon_rec_hdr *h = (void *)buf;
	uint32_t i;

	h->len = len;
	h->type = EXECMON_REC_EXEC;
	h->flags = 0;
	for (i = sizeof(*h); i < len; i++)
		buf[i] = (unsigned char)(seq * 31 + i);
}

static int intact(const struct execmon_rec_hdr *h)
{
	const unsigned char *b = (const void *)h;
	uint32_t i;

	for (i = sizeof(*h); i < h->len; i++)
		if (b[i] != (unsigned char)(h->seq * 31 + i))
			return 0;
	return 1;
}

/* a size from 24 bytes to a quarter of the ring, multiple of 8 */
static uint32_t size_for(uint64_t n)
{
	uint64_t x = n * 2654435761U;

	return 24 + ((x >> 7) % (DATA_SIZE / 4 / 8)) * 8;
}

struct run {
	struct ring r;
	uint64_t total;
	int done;
};

static void *producer(void *arg)
{
	struct run *run = arg;
	static unsigned char buf[DATA_SIZE];
	uint64_t n;

	for (n = 0; n < run->total; n++) {
		/* the seq it will get is r.seq: the pattern must use it */
		uint32_t len = size_for(n);

		fill(buf, len, run->r.seq);
		produce(&run->r, (void *)buf);
	}
	__atomic_store_n(&run->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

/* Streams total records through a ring while consuming; every seq accounted for. */
static void test_stream(uint64_t total, int slow_consumer)
{
	struct run run = { .total = total };
	struct emring er;
	pthread_t t;
	uint64_t next = 0, got = 0, lost = 0, spans = 0;
	int done;

	ring_map(&run.r);
	emring_init(&er, run.r.base, cons(&run.r), &run.r.st);
	pthread_create(&t, NULL, producer, &run);
	for (;;) {
		const struct execmon_rec_hdr *h;
		uint32_t len;

		done = __atomic_load_n(&run.done, __ATOMIC_ACQUIRE);
		while ((h = emring_peek(&er, &len))) {
			uint64_t off = er.pos & (DATA_SIZE - 1);

			if (off + len > DATA_SIZE)
				spans++;
			if (h->type == EXECMON_REC_LOST) {
				const struct execmon_lost *l = (const void *)h;

				CHECK(h->seq == next, "lost record at seq %llu, expected %llu",
				      (unsigned long long)h->seq, (unsigned long long)next);
				next += l->lost;
				lost += l->lost;
			} else {
				CHECK(h->seq == next, "seq %llu, expected %llu",
				      (unsigned long long)h->seq, (unsigned long long)next);
				CHECK(intact(h), "record %llu torn", (unsigned long long)h->seq);
				next = h->seq + 1;
				got++;
			}
			emring_advance(&er, len);
			if (em_failures > 10)
				break;
		}
		if (slow_consumer)
			usleep(50);
		emring_release(&er);
		if (done && !emring_peek(&er, &len))
			break;
		if (em_failures > 10)
			break;
	}
	pthread_join(t, NULL);
	/* losses still pending in the producer never reached the stream */
	CHECK(got == run.r.delivered, "got %llu, delivered %llu",
	      (unsigned long long)got, (unsigned long long)run.r.delivered);
	CHECK(got + lost + run.r.lost == total, "got %llu + lost %llu + pending %llu != %llu",
	      (unsigned long long)got, (unsigned long long)lost, (unsigned long long)run.r.lost,
	      (unsigned long long)total);
	CHECK(er.corrupt == 0, "consumer resynchronised %llu times", (unsigned long long)er.corrupt);
	CHECK(spans > 0, "no record spanned the end of the data: wraparound not exercised");
	if (slow_consumer)
		CHECK(lost > 0, "a slow consumer lost nothing: the full ring was not exercised");
	fprintf(stderr, "stream %llu (slow %d): got %llu, lost %llu, spanning %llu\n",
		(unsigned long long)total, slow_consumer, (unsigned long long)got,
		(unsigned long long)lost, (unsigned long long)spans);
	ring_unmap(&run.r);
}

/* No consumer at all: the ring fills, then drops are counted, then reported in order. */
static void test_full(void)
{
	struct ring r;
	struct emring er;
	unsigned char buf[1024];
	const struct execmon_rec_hdr *h;
	uint32_t len;
	uint64_t kept = 0, i;

	ring_map(&r);
	emring_init(&er, r.base, cons(&r), &r.st);
	for (i = 0; i < 200; i++) {
		fill(buf, 1024, r.seq);
		kept += produce(&r, (void *)buf);
	}
	CHECK(kept == DATA_SIZE / 1024, "kept %llu of a full ring", (unsigned long long)kept);
	CHECK(r.dropped == 200 - kept, "dropped %llu", (unsigned long long)r.dropped);
	/* drain, then one more record: the LOST record comes first */
	while ((h = emring_peek(&er, &len)))
		emring_advance(&er, len);
	emring_release(&er);
	fill(buf, 64, r.seq);
	CHECK(produce(&r, (void *)buf), "no room after the drain");
	h = emring_peek(&er, &len);
	CHECK(h && h->type == EXECMON_REC_LOST && ((const struct execmon_lost *)h)->lost == 200 - kept &&
	      h->seq == kept, "no LOST record with the count first");
	emring_advance(&er, len);
	h = emring_peek(&er, &len);
	CHECK(h && h->type == EXECMON_REC_EXEC && h->seq == 200, "the record after LOST has seq %llu",
	      h ? (unsigned long long)h->seq : 0ULL);
	ring_unmap(&r);
}

/* A consumer_pos of garbage: the producer treats the ring as full, never writes out of bounds. */
static void test_garbage_consumer(void)
{
	static const uint64_t bad[] = { 1ULL << 63, 12345, (uint64_t)-8 };
	unsigned char buf[512];
	struct ring r;
	unsigned int i, j;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ring_map(&r);
		for (j = 0; j < 10; j++) {
			fill(buf, 512, r.seq);
			produce(&r, (void *)buf);
		}
		cons(&r)->consumer_pos = bad[i];
		for (j = 0; j < 1000; j++) {
			fill(buf, 512, r.seq);
			produce(&r, (void *)buf);
		}
		CHECK(r.delivered <= DATA_SIZE / 512, "case %u: delivered %llu into a ring of %lu",
		      i, (unsigned long long)r.delivered, DATA_SIZE / 512);
		ring_unmap(&r);
	}
}

int main(void)
{
	test_stream(200000, 0);
	test_stream(50000, 1);
	test_full();
	test_garbage_consumer();
	return em_failures ? 1 : 0;
}
