// SPDX-License-Identifier: GPL-2.0
/*
 * Micro-benchmark of the ring protocol (not a test): producers follow
 * em_ring_write() (kmod/ring.c) on rings of their own, as each CPU does.
 * Two figures per producer count:
 *  - producer: the cost of writing a record, with a consumer that hands
 *    space back at once without reading (so the producer never waits);
 *  - end to end: one consumer reads every record of every ring with
 *    user/ring.h; records/s delivered and what the full rings dropped.
 * Compare: the BPF ring buffer's published 10-22 M records/s from one
 * producer, ~2 M/s with 20+ producers sharing one ring.
 *   bench-ring [RECORD_BYTES] [SECONDS]
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include "ring.h"

#define PAGE		4096UL
#define DATA_SIZE	(256 * PAGE)	/* the module's default: 1 MiB */
#define MAXP		8

struct prod {
	unsigned char *base;
	struct execmon_setup st;
	uint64_t prod, seq, lost, lost_seq, delivered, dropped;
	uint32_t len;
	volatile int *stop;
	pthread_t t;
} __attribute__((aligned(64)));

static void *ring_map(void)
{
	int fd = memfd_create("ring", 0);
	unsigned char *p;

	if (fd < 0 || ftruncate(fd, 2 * PAGE + DATA_SIZE))
		abort();
	p = mmap(NULL, 2 * PAGE + 2 * DATA_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	mmap(p, 2 * PAGE + DATA_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0);
	mmap(p + 2 * PAGE + DATA_SIZE, DATA_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 2 * PAGE);
	close(fd);
	return p;
}

static void *producer(void *arg)
{
	struct prod *p = arg;
	struct execmon_ring_ctl *ctl = (void *)p->base;
	struct execmon_ring_consumer *cons = (void *)(p->base + PAGE);
	unsigned char rec[4096];
	struct execmon_rec_hdr *h = (void *)rec;

	memset(rec, 0x5a, sizeof(rec));
	h->len = p->len;
	h->type = EXECMON_REC_EXEC;
	while (!*p->stop) {
		/* em_ring_write(), step for step */
		uint64_t c = __atomic_load_n(&cons->consumer_pos, __ATOMIC_ACQUIRE);
		uint64_t used = p->prod - c;
		uint64_t room = used > DATA_SIZE ? 0 : DATA_SIZE - used;

		if (h->len > room) {
			p->seq++;
			p->dropped++;
			continue;
		}
		h->seq = p->seq++;
		memcpy(p->base + 2 * PAGE + (p->prod & (DATA_SIZE - 1)), rec, h->len);
		p->prod += h->len;
		p->delivered++;
		__atomic_store_n(&ctl->producer_pos, p->prod, __ATOMIC_RELEASE);
	}
	return NULL;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	uint32_t len = argc > 1 ? atoi(argv[1]) : 256;
	double secs = argc > 2 ? atof(argv[2]) : 1.0;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int n, i;

	len = (len + 7) & ~7U;
	printf("ring: %lu KiB per producer, %u-byte records, %ld cpus\n", DATA_SIZE / 1024, len, ncpu);
	for (int mode = 0; mode < 2; mode++)
	for (n = 1; n <= MAXP && n <= (ncpu > 1 ? ncpu - 1 : 1) * 2; n *= 2) {
		static struct prod p[MAXP];
		struct emring r[MAXP];
		volatile int stop = 0;
		uint64_t got = 0, delivered = 0, dropped = 0;
		double t0, t1;

		for (i = 0; i < n; i++) {
			memset(&p[i], 0, sizeof(p[i]));
			p[i].base = ring_map();
			p[i].st.consumer_off = PAGE;
			p[i].st.data_off = 2 * PAGE;
			p[i].st.data_size = DATA_SIZE;
			p[i].len = len;
			p[i].stop = &stop;
			emring_init(&r[i], p[i].base, p[i].base + PAGE, &p[i].st);
		}
		t0 = now();
		for (i = 0; i < n; i++)
			pthread_create(&p[i].t, NULL, producer, &p[i]);
		while ((t1 = now()) - t0 < secs) {
			for (i = 0; i < n; i++) {
				const struct execmon_rec_hdr *h;
				uint32_t len;
				unsigned int k = 0;

				if (mode == 0) {
					/* hand everything back unread */
					__atomic_store_n(&r[i].cons->consumer_pos,
							 __atomic_load_n(&r[i].ctl->producer_pos, __ATOMIC_ACQUIRE),
							 __ATOMIC_RELEASE);
					continue;
				}
				while ((h = emring_peek(&r[i], &len)) && k++ < 4096) {
					got++;
					emring_advance(&r[i], len);
				}
				emring_release(&r[i]);
			}
		}
		stop = 1;
		for (i = 0; i < n; i++) {
			pthread_join(p[i].t, NULL);
			delivered += p[i].delivered;
			dropped += p[i].dropped;
			munmap(p[i].base, 2 * PAGE + 2 * DATA_SIZE);
		}
		if (mode == 0)
			printf("  producer, %d producer%s: %6.2f M records/s, %5.1f ns per record written\n",
			       n, n > 1 ? "s" : " ", delivered / (t1 - t0) / 1e6,
			       (t1 - t0) * 1e9 * n / (delivered ? delivered : 1));
		else
			printf("  end to end, %d producer%s: %6.2f M records/s read by one consumer, "
			       "%4.1f%% of attempts dropped (rings full)\n", n, n > 1 ? "s" : " ",
			       got / (t1 - t0) / 1e6,
			       100.0 * dropped / (delivered + dropped ? delivered + dropped : 1));
	}
	return 0;
}
