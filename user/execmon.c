// SPDX-License-Identifier: GPL-2.0
/*
 * execmon: the reader.  Maps every CPU's ring of a new session, sleeps in
 * poll() until there is data, and writes each record as a line (text or
 * JSON), oldest first across CPUs.
 *
 * Signals: SIGINT and SIGTERM drain what is left and exit 0; SIGHUP opens
 * the output file again (after logrotate moved it); SIGUSR1 prints the
 * counters to standard error.  A full disk does not stop it: the events it
 * could not write are counted and reported (output.c).
 *
 * One thread: poll, drain, format, write.  (The daemon issue moves
 * formatting off the drain path.)
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <urcu.h>
#include "container.h"
#include "emdev.h"
#include "json.h"
#include "output.h"

enum em_format { EM_FMT_TEXT, EM_FMT_JSON, EM_FMT_TRACEE };

#define EM_CGROUP_ROOT	"/sys/fs/cgroup"
static struct em_cgcache *em_cgcache;	/* cgroup id -> container id (json, tracee) */
static char em_hostname[256];

static volatile sig_atomic_t em_stop, em_reopen, em_report;

static void em_on_signal(int sig)
{
	if (sig == SIGHUP)
		em_reopen = 1;
	else if (sig == SIGUSR1)
		em_report = 1;
	else
		em_stop = 1;
}

/* the longest line: every byte of the largest record escaped, and then some */
#define EM_LINE_MAX	(4 * 64 * 1024 + 256)

/* what this reader has seen, by record type */
static struct {
	unsigned long long exec, failed, lost_records, lost_events;
} em_count;

static void usage(FILE *f)
{
	fprintf(f,
		"usage: execmon [--format text|json|tracee] [--output FILE] [--ring-pages N] [--stats]\n"
		"               [--device PATH]\n"
		"Prints every exec on this host, successful or failed, one line each.\n"
		"SIGHUP reopens FILE; SIGUSR1 prints the counters; SIGINT/SIGTERM drain and exit.\n"
		"  -f, --format      text (default), json, or tracee (Tracee's event shape)\n"
		"  -o, --output      append to FILE instead of standard output\n"
		"  -r, --ring-pages  data pages per CPU ring (a power of two; default: the module's)\n"
		"  -s, --stats       at exit, print this session's counters to standard error\n"
		"  -d, --device      the device (default " EXECMON_DEVICE ")\n");
}

static void em_print_ring_stats(const char *what, const struct execmon_ring_stats *st)
{
	fprintf(stderr, "execmon: stats: %s: seen %llu delivered %llu dropped_full %llu "
		"dropped_nested %llu dropped_too_large %llu filtered %llu\n", what,
		(unsigned long long)st->seen, (unsigned long long)st->delivered,
		(unsigned long long)st->dropped_full, (unsigned long long)st->dropped_nested,
		(unsigned long long)st->dropped_too_large, (unsigned long long)st->filtered);
}

/* The session's counters, per ring and in total; rings has d->nr_rings entries. */
static int em_get_stats(struct emdev *d, struct execmon_stats *st, struct execmon_ring_stats *rings)
{
	memset(st, 0, sizeof(*st));
	st->size = sizeof(*st);
	st->nr_rings = d->nr_rings;
	st->rings_ptr = (uintptr_t)rings;
	if (ioctl(d->fd, EXECMON_IOC_STATS, st)) {
		fprintf(stderr, "execmon: stats: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

static void em_print_stats(const struct execmon_stats *st, const struct execmon_ring_stats *rings,
			   unsigned int nr_rings)
{
	char what[32];
	unsigned int i;

	for (i = 0; i < nr_rings && i < st->nr_rings; i++) {
		if (!rings[i].seen)
			continue;
		snprintf(what, sizeof(what), "cpu %u", i);
		em_print_ring_stats(what, &rings[i]);
	}
	em_print_ring_stats("total", &st->total);
	fprintf(stderr, "execmon: stats: probe_misses %llu chain_misses %llu\n",
		(unsigned long long)st->probe_misses, (unsigned long long)st->chain_misses);
}

/* The ring whose next record is oldest, or -1 when all are empty. */
static int em_oldest(struct emdev *d, const struct execmon_rec_hdr **out)
{
	const struct execmon_rec_hdr *h;
	__u64 best_ts = 0, ts;
	int best = -1;
	unsigned int i;

	for (i = 0; i < d->nr_rings; i++) {
		if (!d->present[i] || !(h = emring_peek(&d->rings[i])))
			continue;
		ts = em_rec_ts(h);
		if (best < 0 || ts < best_ts) {
			best = i;
			best_ts = ts;
			*out = h;
		}
	}
	return best;
}

/* Per ring: events the stream's LOST records have accounted for. */
static __u64 *em_reported_lost;

static void em_write_record(const struct execmon_rec_hdr *h, unsigned int cpu, enum em_format fmt,
			    struct em_output *out)
{
	struct em_out o;

	const struct execmon_event *ev = em_event_of(h);
	char container[EM_CONTAINER_ID_MAX] = "";

	if (ev && fmt != EM_FMT_TEXT && em_cgcache)
		em_cgcache_container(em_cgcache, ev->cgroup_id, container, sizeof(container));
	em_output_begin(out, &o, EM_LINE_MAX);
	if (fmt == EM_FMT_JSON)
		em_format_json(&o, h, cpu, container);
	else if (fmt == EM_FMT_TRACEE)
		em_format_tracee(&o, h, container, em_hostname);
	else
		em_format_text(&o, h);
	em_output_commit(out, &o);
}

static void em_print_counts(const struct em_output *out)
{
	fprintf(stderr, "execmon: stats: records: exec %llu failed %llu lost_records %llu "
		"lost_events %llu written %llu not_written %llu\n", em_count.exec, em_count.failed,
		em_count.lost_records, em_count.lost_events, (unsigned long long)out->written,
		(unsigned long long)out->unwritten);
}

/*
 * A ring's LOST record comes ahead of its next record; drops with no record
 * after them on that CPU would never show.  At exit, after the last drain,
 * the counters say how many those are: report them as a last LOST record.
 * They are the ring's most recent sequence numbers (a delivered record
 * would have carried them), so the first is seen - pending.
 */
static void em_report_pending_lost(struct emdev *d, const struct execmon_ring_stats *rings,
				   enum em_format fmt, struct em_output *out)
{
	struct execmon_lost l;
	struct timespec now;
	unsigned int i;
	__u64 dropped;

	clock_gettime(CLOCK_REALTIME, &now);
	for (i = 0; i < d->nr_rings; i++) {
		dropped = rings[i].dropped_full + rings[i].dropped_nested +
			  rings[i].dropped_too_large;
		if (!d->present[i] || dropped <= em_reported_lost[i])
			continue;
		memset(&l, 0, sizeof(l));
		l.hdr.len = sizeof(l);
		l.hdr.type = EXECMON_REC_LOST;
		l.lost = dropped - em_reported_lost[i];
		l.hdr.seq = rings[i].seen - l.lost;
		l.ts_ns = (__u64)now.tv_sec * 1000000000ULL + now.tv_nsec;
		em_reported_lost[i] = dropped;
		em_count.lost_records++;
		em_count.lost_events += l.lost;
		em_write_record(&l.hdr, i, fmt, out);
	}
}

/* Write every record now in the rings; returns -1 if the output failed for good. */
static int em_drain(struct emdev *d, enum em_format fmt, struct em_output *out)
{
	const struct execmon_rec_hdr *h;
	unsigned int i;
	int r;

	while ((r = em_oldest(d, &h)) >= 0) {
		if (h->type == EXECMON_REC_LOST && h->len >= sizeof(struct execmon_lost)) {
			em_reported_lost[r] += ((const struct execmon_lost *)h)->lost;
			em_count.lost_records++;
			em_count.lost_events += ((const struct execmon_lost *)h)->lost;
		} else if (h->type == EXECMON_REC_EXEC) {
			em_count.exec++;
		} else if (h->type == EXECMON_REC_EXEC_FAILED) {
			em_count.failed++;
		}
		em_write_record(h, d->rings[r].ctl->cpu, fmt, out);
		emring_advance(&d->rings[r], h);
	}
	for (i = 0; i < d->nr_rings; i++)
		if (d->present[i])
			emring_release(&d->rings[i]);
	return em_output_flush(out);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "ring-pages", required_argument, NULL, 'r' },
		{ "device", required_argument, NULL, 'd' },
		{ "stats", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *device = EXECMON_DEVICE, *output = NULL, *what;
	enum em_format fmt = EM_FMT_TEXT;
	unsigned long ring_pages = 0;
	struct sigaction sa;
	struct emdev d;
	char *end;
	struct em_output out;
	struct execmon_ring_stats *ring_stats;
	struct execmon_stats st;
	bool stats = false;
	int c;

	while ((c = getopt_long(argc, argv, "f:o:r:d:sh", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!strcmp(optarg, "json"))
				fmt = EM_FMT_JSON;
			else if (!strcmp(optarg, "text"))
				fmt = EM_FMT_TEXT;
			else if (!strcmp(optarg, "tracee"))
				fmt = EM_FMT_TRACEE;
			else {
				fprintf(stderr, "execmon: unknown format '%s' (text, json, tracee)\n", optarg);
				return 2;
			}
			break;
		case 'o':
			output = optarg;
			break;
		case 'r':
			errno = 0;
			ring_pages = strtoul(optarg, &end, 0);
			if (errno || *end || !ring_pages || ring_pages > 65536 ||
			    (ring_pages & (ring_pages - 1))) {
				fprintf(stderr, "execmon: --ring-pages takes a power of two up to 65536\n");
				return 2;
			}
			break;
		case 'd':
			device = optarg;
			break;
		case 's':
			stats = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}

	if (emdev_open(&d, device, ring_pages, &what)) {
		int err = errno;

		if (!strcmp(what, "open"))
			fprintf(stderr, "execmon: %s: %s\n", device, emdev_open_hint(err));
		else
			fprintf(stderr, "execmon: %s: %s failed: %s\n", device, what, strerror(err));
		return 1;
	}
	if (em_output_open(&out, output, 4 * EM_LINE_MAX)) {
		fprintf(stderr, "execmon: %s: %s\n", output ? output : "standard output",
			strerror(errno));
		return 1;
	}
	em_reported_lost = calloc(d.nr_rings, sizeof(*em_reported_lost));
	ring_stats = calloc(d.nr_rings, sizeof(*ring_stats));
	if (!em_reported_lost || !ring_stats) {
		fprintf(stderr, "execmon: out of memory\n");
		return 1;
	}

	/* container ids: a missing cgroup tree just means none */
	rcu_register_thread();
	if (fmt != EM_FMT_TEXT)
		em_cgcache = em_cgcache_new(EM_CGROUP_ROOT);
	if (gethostname(em_hostname, sizeof(em_hostname) - 1))
		em_hostname[0] = '\0';

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = em_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	while (!em_stop) {
		struct pollfd pfd = { .fd = d.fd, .events = POLLIN };

		if (poll(&pfd, 1, -1) < 0 && errno != EINTR) {
			fprintf(stderr, "execmon: poll: %s\n", strerror(errno));
			return 1;
		}
		if (em_drain(&d, fmt, &out))
			break;
		if (em_reopen) {
			em_reopen = 0;
			if (em_output_reopen(&out))
				fprintf(stderr, "execmon: reopening %s: %s; still writing to the old file\n",
					output, strerror(errno));
		}
		if (em_report) {
			em_report = 0;
			if (!em_get_stats(&d, &st, ring_stats))
				em_print_stats(&st, ring_stats, d.nr_rings);
			em_print_counts(&out);
		}
	}
	if (out.fatal) {
		/* a closed pipe (execmon | head) ends it quietly */
		if (out.fatal != EPIPE)
			fprintf(stderr, "execmon: writing %s: %s\n", output ? output : "standard output",
				strerror(out.fatal));
		return out.fatal == EPIPE ? 0 : 1;
	}
	/* what arrived before the signal, then losses no record carried */
	if (em_drain(&d, fmt, &out) || em_get_stats(&d, &st, ring_stats))
		return 1;
	em_report_pending_lost(&d, ring_stats, fmt, &out);
	if (em_output_flush(&out))
		return 1;
	if (stats) {
		em_print_stats(&st, ring_stats, d.nr_rings);
		em_print_counts(&out);
	}
	if (out.unwritten)
		fprintf(stderr, "execmon: %llu events could not be written (output errors)\n",
			(unsigned long long)out.unwritten);
	emdev_close(&d);
	free(ring_stats);
	free(em_reported_lost);
	em_output_close(&out);
	em_cgcache_free(em_cgcache);
	rcu_unregister_thread();
	return 0;
}
