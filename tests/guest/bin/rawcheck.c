// SPDX-License-Identifier: GPL-2.0
/*
 * Reads a session's rings raw, as a reader maps them, while execs (ok and
 * failed) run, and checks every record byte for byte: lengths aligned,
 * flags and reserved fields zero, comm and attribute padding zero, strings
 * terminated where the kernel says, and no aligned word that looks like an
 * x86-64 kernel address.  usage: rawcheck SECONDS
 */
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "../../../user/emdev.h"

static int failures;
static unsigned long records, attrs;

#define BAD(...) do { printf("FAIL " __VA_ARGS__); printf("\n"); failures++; } while (0)

static void check_zero(const char *what, const unsigned char *p, size_t n, uint64_t seq)
{
	for (size_t i = 0; i < n; i++)
		if (p[i]) {
			BAD("record %llu: %s byte %zu is 0x%02x", (unsigned long long)seq, what, i, p[i]);
			return;
		}
}

static void check_record(const struct execmon_rec_hdr *h)
{
	const unsigned char *b = (const void *)h;
	const struct execmon_event *ev = (const void *)h;
	uint32_t off;
	size_t clen;

	records++;
	if (h->len & 7 || h->flags)
		BAD("record %llu: len %u flags %u", (unsigned long long)h->seq, h->len, h->flags);
	for (off = 0; off + 8 <= h->len; off += 8) {
		uint64_t w;

		/* auid and session_id, (uint32_t)-1 both when unset: ids, not an address */
		if (h->type != EXECMON_REC_LOST && off == offsetof(struct execmon_event, auid) &&
		    ev->attrs_off >= EXECMON_EVENT_SIZE_IDENT)
			continue;
		memcpy(&w, b + off, 8);
		if (w >= 0xffff800000000000ULL)
			BAD("record %llu: word at %u looks like a kernel pointer: %#llx",
			    (unsigned long long)h->seq, off, (unsigned long long)w);
	}
	if (h->type == EXECMON_REC_LOST)
		return;
	if (h->type != EXECMON_REC_EXEC && h->type != EXECMON_REC_EXEC_FAILED &&
	    h->type != EXECMON_REC_EXIT) {
		BAD("record %llu: type %u", (unsigned long long)h->seq, h->type);
		return;
	}
	/* missing: bits of attribute types only, and never without the flag */
	if ((ev->missing & ~(((1U << (EXECMON_A_EXIT + 1)) - 1) & ~1U)) ||
	    (ev->missing && !(ev->flags & EXECMON_EF_INCOMPLETE)) || ev->attrs_off != sizeof(*ev))
		BAD("record %llu: missing %#x flags %#x attrs_off %u", (unsigned long long)h->seq,
		    ev->missing, ev->flags, ev->attrs_off);
	if (ev->flags & ~(EXECMON_EF_KERNEL_INVOKED | EXECMON_EF_INCOMPLETE | EXECMON_EF_EXECVE | EXECMON_EF_EXECVEAT | EXECMON_EF_IA32 | EXECMON_EF_X32))
		BAD("record %llu: unknown event flags %#x", (unsigned long long)h->seq, ev->flags);
	clen = strnlen(ev->comm, sizeof(ev->comm));
	if (clen == sizeof(ev->comm))
		BAD("record %llu: comm not terminated", (unsigned long long)h->seq);
	else
		check_zero("comm padding", (const unsigned char *)ev->comm + clen, sizeof(ev->comm) - clen, h->seq);
	off = ev->attrs_off;
	for (unsigned int i = 0; i < ev->nattrs; i++) {
		const struct execmon_attr *a = (const void *)(b + off);
		uint32_t padded = (a->len + 7) & ~7U;

		attrs++;
		if (off + sizeof(*a) + padded > h->len) {
			BAD("record %llu: attribute %u overruns the record", (unsigned long long)h->seq, i);
			return;
		}
		if (a->flags & ~EXECMON_AF_TRUNCATED)
			BAD("record %llu: attribute flags %#x", (unsigned long long)h->seq, a->flags);
		check_zero("attribute padding", b + off + sizeof(*a) + a->len, padded - a->len, h->seq);
		if (a->type == EXECMON_A_CMDPATH || a->type == EXECMON_A_PATHNAME) {
			if (!a->len || b[off + sizeof(*a) + a->len - 1])
				BAD("record %llu: string attribute %u not terminated", (unsigned long long)h->seq, a->type);
		}
		off += sizeof(*a) + padded;
	}
	if (off != h->len)
		BAD("record %llu: %u bytes after the last attribute", (unsigned long long)h->seq, h->len - off);
}

int main(int argc, char **argv)
{
	double secs = argc > 1 ? atof(argv[1]) : 3;
	struct timespec t0, t;
	const char *what;
	struct emdev d;

	if (emdev_open(&d, EXECMON_DEVICE, 0, &what)) {
		printf("FAIL %s: %s\n", what, strerror(errno));
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		struct pollfd p = { .fd = d.fd, .events = POLLIN };

		poll(&p, 1, 100);
		for (unsigned int i = 0; i < d.nr_rings; i++) {
			const struct execmon_rec_hdr *h;
			uint32_t len;

			if (!d.present[i])
				continue;
			while ((h = emring_peek(&d.rings[i], &len))) {
				check_record(h);
				emring_advance(&d.rings[i], len);
			}
			emring_release(&d.rings[i]);
			if (d.rings[i].corrupt)
				BAD("ring %u resynchronised", i);
		}
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while (t.tv_sec - t0.tv_sec + (t.tv_nsec - t0.tv_nsec) / 1e9 < secs && failures < 20);
	printf("%s: %lu records, %lu attributes checked\n", failures ? "FAIL" : "ok", records, attrs);
	emdev_close(&d);
	return failures ? 1 : 0;
}
