// SPDX-License-Identifier: GPL-2.0
/*
 * execmon: the reader.  Writes every record of a new session's rings as a
 * line (text, JSON or Tracee's shape), in time order across CPUs.
 *
 * Threads, and what each owns:
 *
 *  main    Options, the device, the output until the others start and after
 *          they end.  Then it waits for signals (blocked in every thread,
 *          taken with sigwaitinfo()) and turns them into requests:
 *          SIGINT/SIGTERM stop, SIGHUP reopen the output file (logrotate),
 *          SIGUSR1 report the counters.  At the end it joins the others and
 *          writes the losses no record carried, and the module-wide misses
 *          (em_misses_report()) not yet said.
 *
 *  drain   The rings.  Sleeps in poll() on the device (the kernel wakes it
 *          at a ring's watermark or 10 ms after an event), copies every
 *          record of every ring into one batch per ring, hands the batches
 *          to the writer through a wait-free queue (liburcu's wfcqueue) and
 *          gives the ring space back at once: a slow disk or formatter never
 *          keeps records in the kernel's rings.  It never waits for the
 *          writer.  When the writer is EM_QUEUE_MAX bytes behind, it stops
 *          draining until the writer catches up, and the kernel counts what
 *          its rings cannot hold (LOST records): bounded memory, no silent
 *          loss.
 *
 *  writer  The output, the reorder buffer and the container cache.  Takes
 *          batches off the queue, puts their records back in time order
 *          across CPUs (reorder.c: a bounded window, --reorder-ms), looks
 *          up each event's container (container.c: liburcu's RCU hash
 *          table, read without locks), formats and writes.  While events
 *          come, it looks at the module-wide misses once a second.
 *
 * Wakeups go through eventfds: drain -> writer (a batch is queued), writer
 * -> drain (room again), main -> both (a request).
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <urcu.h>
#include <urcu/wfcqueue.h>
#include "container.h"
#include "emdev.h"
#include "json.h"
#include "output.h"
#include "reorder.h"

enum em_format { EM_FMT_TEXT, EM_FMT_JSON, EM_FMT_TRACEE };

#define EM_CGROUP_ROOT	"/sys/fs/cgroup"
/* how often the writer looks at the module-wide misses, while events flow */
#define EM_MISSES_EVERY_NS	1000000000ULL
#define EM_MISS_KINDS		3	/* em_miss_kinds[] */
/* how far the writer may fall behind the drain, in record bytes */
#define EM_QUEUE_MAX	(64ULL << 20)
#define EM_REORDER_MS	50
#define EM_STOP_WAIT_S	10	/* how long a stop waits for an output that takes nothing */

/* One ring's records, copied out by the drain thread. */
struct em_batch {
	struct cds_wfcq_node node;
	unsigned int cpu;		/* the ring's */
	unsigned int refs;		/* records still in the reorder buffer */
	size_t len;
	unsigned char data[];		/* whole records, back to back */
};

/* The hand-off from the drain to the writer, and how each wakes the other. */
struct em_queue {
	struct cds_wfcq_head head;	/* drain enqueues, writer dequeues */
	struct cds_wfcq_tail tail;
	atomic_ullong queued;		/* bytes in batches not yet freed */
	atomic_bool drained;		/* the drain has queued its last batch */
	int drain_efd, writer_efd;
};

/* The drain thread's: the rings (the device is main's before and after). */
struct em_drain {
	const struct emdev *dev;
	struct em_queue *q;
	atomic_bool stop;		/* from main */
};

/* The writer thread's: the output, the reorder buffer, the counts. */
struct em_writer {
	const struct emdev *dev;	/* its counters (ioctl), each ring's CPU */
	struct em_queue *q;
	enum em_format fmt;
	const char *output;
	uint64_t reorder_ns;
	pthread_t main_thread;		/* told when the writer cannot go on */
	atomic_bool reopen, report;	/* from main */
	struct em_output out;
	struct em_reorder ro;
	struct em_cgcache *cgcache;
	char hostname[256];
	__u64 *reported_lost;		/* per ring: events the LOST records accounted for */
	__u64 misses[EM_MISS_KINDS];	/* the module-wide misses last said (em_misses_report()) */
	uint64_t misses_at;		/* when the writer last looked at them */
	struct {
		unsigned long long exec, failed, exit, lost_records, lost_events;
	} count;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: execmon [--format text|json|tracee] [--output FILE] [--ring-pages N] [--stats]\n"
		"               [--reorder-ms MS] [--device PATH]\n"
		"Prints every exec on this host, successful or failed, one line each.\n"
		"SIGHUP reopens FILE; SIGUSR1 prints the counters; SIGINT/SIGTERM drain and exit.\n"
		"Execs the module could not follow whole are said on standard error (\"missed:\").\n"
		"  -f, --format      text (default), json, or tracee (Tracee's event shape)\n"
		"  -o, --output      append to FILE instead of standard output\n"
		"  -r, --ring-pages  data pages per CPU ring (a power of two; default: the module's)\n"
		"  -w, --reorder-ms  how long a record may wait for earlier ones from other CPUs\n"
		"                    (default %d; 0: as they come)\n"
		"  -s, --stats       at exit, print this session's counters to standard error\n"
		"  -d, --device      the device (default " EXECMON_DEVICE ")\n", EM_REORDER_MS);
}

static uint64_t em_now_ns(void)
{
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	return (uint64_t)now.tv_sec * 1000000000ULL + now.tv_nsec;
}

static void em_wake(int efd)
{
	uint64_t one = 1;

	if (write(efd, &one, sizeof(one)) < 0 && errno != EAGAIN)
		perror("execmon: eventfd");
}

static void em_unwake(int efd)
{
	uint64_t n;

	if (read(efd, &n, sizeof(n)) < 0 && errno != EAGAIN)
		perror("execmon: eventfd");
}

/* ---- counters ---- */

static void em_print_ring_stats(const char *what, const struct execmon_ring_stats *st)
{
	fprintf(stderr, "execmon: stats: %s: seen %llu delivered %llu dropped_full %llu "
		"dropped_nested %llu dropped_too_large %llu filtered %llu\n", what,
		(unsigned long long)st->seen, (unsigned long long)st->delivered,
		(unsigned long long)st->dropped_full, (unsigned long long)st->dropped_nested,
		(unsigned long long)st->dropped_too_large, (unsigned long long)st->filtered);
}

/* The session's counters, per ring (rings: nr_rings entries, or NULL) and in total. */
static int em_get_stats(const struct emdev *dev, struct execmon_stats *st,
			struct execmon_ring_stats *rings)
{
	memset(st, 0, sizeof(*st));
	st->size = sizeof(*st);
	st->nr_rings = rings ? dev->nr_rings : 0;
	st->rings_ptr = (uintptr_t)rings;
	if (ioctl(dev->fd, EXECMON_IOC_STATS, st)) {
		fprintf(stderr, "execmon: stats: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

static void em_print_stats(const struct emdev *dev, const struct execmon_stats *st,
			   const struct execmon_ring_stats *rings)
{
	char what[32];
	unsigned int i;

	for (i = 0; i < dev->nr_rings && i < st->nr_rings; i++) {
		if (!rings[i].seen)
			continue;
		snprintf(what, sizeof(what), "cpu %u", i);
		em_print_ring_stats(what, &rings[i]);
	}
	em_print_ring_stats("total", &st->total);
	fprintf(stderr, "execmon: stats: probe_misses %llu chain_misses %llu path_misses %llu\n",
		(unsigned long long)st->probe_misses, (unsigned long long)st->chain_misses,
		(unsigned long long)st->path_misses);
}

/*
 * The module-wide misses (see struct execmon_stats): execs the module could
 * not follow whole.  No record in the stream carries them, so the reader
 * says on standard error, once they rise, by how much since it last said:
 * the writer looks at most once a second while events come, main once
 * more at exit.  The first look, at the start, only takes the counts.
 */
static const struct {
	const char *name, *means;
} em_miss_kinds[EM_MISS_KINDS] = {
	{ "probe_misses", "exec hook hits the kernel could not hand to the module (no "
	  "kretprobe instance free, or a nested kprobe); failures among those execs went "
	  "unreported" },
	{ "chain_misses", "execs whose exec_chain could not be followed (table full)" },
	{ "path_misses", "paths events were sent without (each event names them in missing)" },
};

static void em_misses_report(struct em_writer *w, const struct execmon_stats *st, bool say)
{
	/* in em_miss_kinds[]'s order */
	const __u64 now[EM_MISS_KINDS] = { st->probe_misses, st->chain_misses,
					   st->path_misses };
	unsigned int i;

	for (i = 0; i < EM_MISS_KINDS; i++) {
		if (say && now[i] > w->misses[i])
			fprintf(stderr, "execmon: missed: %s +%llu (%llu since the module loaded): %s\n",
				em_miss_kinds[i].name, (unsigned long long)(now[i] - w->misses[i]),
				(unsigned long long)now[i], em_miss_kinds[i].means);
		w->misses[i] = now[i];
	}
}

static void em_misses_check(struct em_writer *w, uint64_t now)
{
	struct execmon_stats st;

	if (now - w->misses_at < EM_MISSES_EVERY_NS)
		return;
	w->misses_at = now;
	if (!em_get_stats(w->dev, &st, NULL))
		em_misses_report(w, &st, true);
}

static void em_print_counts(const struct em_writer *w)
{
	fprintf(stderr, "execmon: stats: records: exec %llu failed %llu exit %llu lost_records %llu "
		"lost_events %llu written %llu not_written %llu\n", w->count.exec, w->count.failed,
		w->count.exit, w->count.lost_records, w->count.lost_events, (unsigned long long)w->out.written,
		(unsigned long long)w->out.unwritten);
}

static void em_report(struct em_writer *w)
{
	struct execmon_ring_stats *rings = calloc(w->dev->nr_rings, sizeof(*rings));
	struct execmon_stats st;

	if (rings && !em_get_stats(w->dev, &st, rings))
		em_print_stats(w->dev, &st, rings);
	em_print_counts(w);
	free(rings);
}

/* ---- writing ---- */

static void em_write_record(struct em_writer *w, const struct execmon_rec_hdr *h,
			    unsigned int ring)
{
	const struct execmon_event *ev = em_event_of(h);
	char container[EM_CONTAINER_ID_MAX] = "";
	struct em_out o;

	if (h->type == EXECMON_REC_LOST && h->len >= sizeof(struct execmon_lost)) {
		w->reported_lost[ring] += ((const struct execmon_lost *)h)->lost;
		w->count.lost_records++;
		w->count.lost_events += ((const struct execmon_lost *)h)->lost;
	} else if (h->type == EXECMON_REC_EXEC) {
		w->count.exec++;
	} else if (h->type == EXECMON_REC_EXEC_FAILED) {
		w->count.failed++;
	} else if (h->type == EXECMON_REC_EXIT) {
		w->count.exit++;
	}
	if (ev && w->fmt != EM_FMT_TEXT && w->cgcache)
		em_cgcache_container(w->cgcache, ev->cgroup_id, container, sizeof(container));
	em_output_begin(&w->out, &o, EM_LINE_MAX);
	if (w->fmt == EM_FMT_JSON)
		em_format_json(&o, h, w->dev->rings[ring].ctl->cpu, container);
	else if (w->fmt == EM_FMT_TRACEE)
		em_format_tracee(&o, h, container, w->hostname);
	else
		em_format_text(&o, h);
	em_output_commit(&w->out, &o);
}

/*
 * A ring's LOST record comes ahead of its next record; drops with no record
 * after them on that CPU would never show.  At exit, after the last drain,
 * the counters say how many those are: report them as a last LOST record.
 * They are the ring's most recent sequence numbers (a delivered record
 * would have carried them), so the first is seen - pending.
 */
static void em_report_pending_lost(struct em_writer *w, const struct execmon_ring_stats *rings)
{
	struct execmon_lost l;
	unsigned int i;
	__u64 dropped;

	for (i = 0; i < w->dev->nr_rings; i++) {
		dropped = rings[i].dropped_full + rings[i].dropped_nested +
			  rings[i].dropped_too_large;
		if (!w->dev->present[i] || dropped <= w->reported_lost[i])
			continue;
		memset(&l, 0, sizeof(l));
		l.hdr.len = sizeof(l);
		l.hdr.type = EXECMON_REC_LOST;
		l.lost = dropped - w->reported_lost[i];
		l.hdr.seq = rings[i].seen - l.lost;
		l.ts_ns = em_now_ns();
		em_write_record(w, &l.hdr, i);
	}
}

static void em_batch_put(struct em_queue *q, struct em_batch *b)
{
	if (--b->refs)
		return;
	/* below half the limit again: let a throttled drain go on */
	if (atomic_fetch_sub(&q->queued, b->len) >= EM_QUEUE_MAX / 2 &&
	    atomic_load(&q->queued) < EM_QUEUE_MAX / 2)
		em_wake(q->drain_efd);
	free(b);
}

/* Every queued batch's records into the reorder buffer; false on no memory. */
static bool em_take_batches(struct em_writer *w)
{
	struct cds_wfcq_node *node;

	while ((node = __cds_wfcq_dequeue_blocking(&w->q->head, &w->q->tail))) {
		struct em_batch *b = caa_container_of(node, struct em_batch, node);
		size_t off = 0;

		b->refs = 1;	/* ours, until every record is in */
		while (off < b->len) {
			const struct execmon_rec_hdr *h = (const void *)(b->data + off);

			if (em_reorder_push(&w->ro, h, b->cpu, b)) {
				fprintf(stderr, "execmon: out of memory\n");
				return false;
			}
			b->refs++;
			off += h->len;
		}
		em_batch_put(w->q, b);
	}
	return true;
}

static void *em_writer(void *arg)
{
	struct em_writer *w = arg;
	bool flushing = false;
	uint64_t reopen_at = 0;		/* a SIGHUP's time, until the old file has all before it */
	struct em_held h;

	rcu_register_thread();
	for (;;) {
		uint64_t now, deadline;
		int timeout;
		struct pollfd pfd = { .fd = w->q->writer_efd, .events = POLLIN };

		if (atomic_load(&w->q->drained))
			flushing = true;	/* nothing more will come: read it all below */
		if (!em_take_batches(w))
			break;
		now = em_now_ns();
		if (atomic_exchange(&w->reopen, false) && !reopen_at)
			reopen_at = now;
		if (reopen_at) {
			/*
			 * logrotate: what happened before the signal goes to the old
			 * file, so wait (the window at most) until nothing earlier
			 * can still come, then open the new one.
			 */
			while (em_reorder_pop_before(&w->ro, now, flushing, reopen_at, &h)) {
				em_write_record(w, h.rec, h.cpu);
				em_batch_put(w->q, h.owner);
			}
			if (flushing || em_reorder_past(&w->ro, now, reopen_at)) {
				if (em_output_reopen(&w->out))
					fprintf(stderr, "execmon: reopening %s: %s; still writing to "
						"the old file\n", w->output, strerror(errno));
				reopen_at = 0;
			}
		}
		while (!reopen_at && em_reorder_pop(&w->ro, now, flushing, &h)) {
			em_write_record(w, h.rec, h.cpu);
			em_batch_put(w->q, h.owner);
		}
		if (em_output_flush(&w->out))
			break;	/* fatal: main learns it from w->out.fatal */
		if (atomic_exchange(&w->report, false))
			em_report(w);
		em_misses_check(w, now);
		if (flushing && !w->ro.n && cds_wfcq_empty(&w->q->head, &w->q->tail))
			break;
		deadline = em_reorder_deadline(&w->ro);
		if (reopen_at && (!deadline || reopen_at + w->reorder_ns < deadline))
			deadline = reopen_at + w->reorder_ns;
		timeout = !deadline ? -1 : deadline <= now ? 0 : (int)((deadline - now) / 1000000 + 1);
		if (poll(&pfd, 1, timeout) > 0)
			em_unwake(w->q->writer_efd);
	}
	rcu_unregister_thread();
	if (w->out.fatal || !flushing)
		pthread_kill(w->main_thread, SIGTERM);	/* the reader cannot go on */
	return NULL;
}

/* ---- draining ---- */

/* Copy each ring's records out as one batch and give the space back. */
static void em_drain_once(struct em_drain *d)
{
	bool queued = false;
	unsigned int i;

	for (i = 0; i < d->dev->nr_rings; i++) {
		struct emring *r = &d->dev->rings[i];
		const struct execmon_rec_hdr *h;
		struct em_batch *b;
		uint64_t avail;
		uint32_t len;

		if (!d->dev->present[i] || !(h = emring_peek(r, &len)))
			continue;
		avail = r->prod - r->pos;	/* emring_peek() checked it against the ring */
		b = malloc(sizeof(*b) + avail);
		if (!b) {
			/* leave them in the ring: the kernel counts what does not fit */
			fprintf(stderr, "execmon: out of memory; events wait in the ring\n");
			break;
		}
		b->cpu = i;
		b->len = 0;
		do {
			struct execmon_rec_hdr *copy = (void *)(b->data + b->len);

			memcpy(copy, h, len);
			copy->len = len;	/* the length checked, whatever the ring says now */
			b->len += len;
			emring_advance(r, len);
		} while (b->len < avail && (h = emring_peek(r, &len)) && b->len + len <= avail);
		emring_release(r);
		atomic_fetch_add(&d->q->queued, b->len);
		cds_wfcq_node_init(&b->node);
		cds_wfcq_enqueue(&d->q->head, &d->q->tail, &b->node);
		queued = true;
	}
	if (queued)
		em_wake(d->q->writer_efd);
}

static void *em_drain(void *arg)
{
	struct em_drain *d = arg;
	struct pollfd pfd[2] = {
		{ .fd = d->dev->fd, .events = POLLIN },
		{ .fd = d->q->drain_efd, .events = POLLIN },
	};

	while (!atomic_load(&d->stop)) {
		/* throttled: wait for the writer, leaving the device alone */
		bool room = atomic_load(&d->q->queued) < EM_QUEUE_MAX;

		if (poll(room ? pfd : pfd + 1, room ? 2 : 1, -1) < 0 && errno != EINTR) {
			fprintf(stderr, "execmon: poll: %s\n", strerror(errno));
			break;
		}
		if (pfd[1].revents & POLLIN || !room)
			em_unwake(d->q->drain_efd);
		if (atomic_load(&d->q->queued) < EM_QUEUE_MAX)
			em_drain_once(d);
	}
	/* what arrived before the stop */
	em_drain_once(d);
	atomic_store(&d->q->drained, true);
	em_wake(d->q->writer_efd);
	return NULL;
}

/* ---- main ---- */

struct em_opts {
	enum em_format fmt;
	const char *output, *device;
	unsigned long ring_pages, reorder_ms;
	bool stats;
};

/* The command line into o; returns -1 to go on, else the exit status. */
static int em_parse(int argc, char **argv, struct em_opts *o)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "ring-pages", required_argument, NULL, 'r' },
		{ "reorder-ms", required_argument, NULL, 'w' },
		{ "device", required_argument, NULL, 'd' },
		{ "stats", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	char *end;
	int c;

	*o = (struct em_opts){ .fmt = EM_FMT_TEXT, .device = EXECMON_DEVICE,
			       .reorder_ms = EM_REORDER_MS };
	while ((c = getopt_long(argc, argv, "f:o:r:w:d:sh", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!strcmp(optarg, "json"))
				o->fmt = EM_FMT_JSON;
			else if (!strcmp(optarg, "text"))
				o->fmt = EM_FMT_TEXT;
			else if (!strcmp(optarg, "tracee"))
				o->fmt = EM_FMT_TRACEE;
			else {
				fprintf(stderr, "execmon: unknown format '%s' (text, json, tracee)\n", optarg);
				return 2;
			}
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'r':
			errno = 0;
			o->ring_pages = strtoul(optarg, &end, 0);
			if (errno || *end || !emdev_ring_pages_ok(o->ring_pages)) {
				fprintf(stderr, "execmon: --ring-pages takes a power of two from %lu to %u\n",
					emdev_ring_pages_min(), EXECMON_RING_PAGES_MAX);
				return 2;
			}
			break;
		case 'w':
			errno = 0;
			o->reorder_ms = strtoul(optarg, &end, 10);
			if (errno || *end || optarg[0] == '-' || o->reorder_ms > 60000) {
				fprintf(stderr, "execmon: --reorder-ms takes 0 to 60000\n");
				return 2;
			}
			break;
		case 'd':
			o->device = optarg;
			break;
		case 's':
			o->stats = true;
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
	return -1;
}

/* The session: the device opened and set up, its rings mapped.  false: said why. */
static bool em_open_device(struct emdev *dev, const struct em_opts *o)
{
	const char *what;
	int err;

	if (!emdev_open(dev, o->device, o->ring_pages, &what))
		return true;
	err = errno;
	if (!strcmp(what, "open"))
		fprintf(stderr, "execmon: %s: %s\n", o->device, emdev_open_hint(err));
	else
		fprintf(stderr, "execmon: %s: %s failed: %s%s\n", o->device, what, strerror(err),
			strcmp(what, "setup") ? "" :
			err == ENOMEM ? " (the rings, one per CPU, are charged to this process's "
					"memory cgroup: try a smaller --ring-pages)" :
			err == EPERM ? " (reading events needs a descriptor whose opener may "
				       "write the device: see execmon(8), ACCESS)" : "");
	return false;
}

/* The writer's state, before its thread starts.  false: said why. */
static bool em_writer_init(struct em_writer *w, const struct emdev *dev, struct em_queue *q,
			   const struct em_opts *o)
{
	struct execmon_stats st;

	w->dev = dev;
	w->q = q;
	w->fmt = o->fmt;
	w->output = o->output;
	w->reorder_ns = o->reorder_ms * 1000000ULL;
	w->main_thread = pthread_self();
	if (em_output_open(&w->out, w->output, 4 * EM_LINE_MAX)) {
		fprintf(stderr, "execmon: %s: %s\n", w->output ? w->output : "standard output",
			strerror(errno));
		return false;
	}
	w->reported_lost = calloc(dev->nr_rings, sizeof(*w->reported_lost));
	if (!w->reported_lost || em_reorder_init(&w->ro, dev->nr_rings, w->reorder_ns, dev->present)) {
		fprintf(stderr, "execmon: out of memory\n");
		return false;
	}
	if (em_get_stats(dev, &st, NULL))
		return false;
	em_misses_report(w, &st, false);	/* what came before this reader is execmonctl status's */
	w->misses_at = em_now_ns();
	/* container ids: a missing cgroup tree just means none */
	if (w->fmt != EM_FMT_TEXT)
		w->cgcache = em_cgcache_new(EM_CGROUP_ROOT);
	if (gethostname(w->hostname, sizeof(w->hostname) - 1))
		w->hostname[0] = '\0';
	return true;
}

/*
 * After the threads: the losses no record carried, the misses not yet
 * said, what is left buffered; the exit status.
 */
static int em_finish(struct em_writer *w, bool stats)
{
	struct execmon_ring_stats *rings = calloc(w->dev->nr_rings, sizeof(*rings));
	struct execmon_stats st;
	int ret = 1;

	if (w->out.fatal) {
		/* a closed pipe (execmon | head) ends it quietly */
		if (w->out.fatal != EPIPE)
			fprintf(stderr, "execmon: writing %s: %s\n",
				w->output ? w->output : "standard output", strerror(w->out.fatal));
		ret = w->out.fatal == EPIPE ? 0 : 1;
		goto out;
	}
	if (!rings) {
		fprintf(stderr, "execmon: out of memory\n");
		goto out;
	}
	if (em_get_stats(w->dev, &st, rings))
		goto out;
	em_misses_report(w, &st, true);
	em_report_pending_lost(w, rings);
	if (em_output_flush(&w->out))
		goto out;
	if (stats) {
		em_print_stats(w->dev, &st, rings);
		em_print_counts(w);
	}
	if (w->out.unwritten)
		fprintf(stderr, "execmon: %llu events could not be written (output errors)\n",
			(unsigned long long)w->out.unwritten);
	ret = 0;
out:
	free(rings);
	return ret;
}

/*
 * At a stop, the writer writes what the last drain gave it, however much
 * that is, as long as its output takes it; one stuck in write() (a pipe
 * nobody reads) must not keep the reader: after EM_STOP_WAIT_S in which
 * no write(2) returned, the rest is given up, as it is at once on a
 * second SIGINT or SIGTERM.
 */
static void em_writer_join(struct em_writer *w, pthread_t writer, const sigset_t *sigs)
{
	static const struct timespec now_only = { 0, 0 };
	unsigned long long seen = atomic_load(&w->out.progress), now;
	struct timespec limit;
	int idle = 0, sig;

	for (;;) {
		clock_gettime(CLOCK_REALTIME, &limit);
		limit.tv_nsec += 100000000;
		if (limit.tv_nsec >= 1000000000) {
			limit.tv_sec++;
			limit.tv_nsec -= 1000000000;
		}
		if (!pthread_timedjoin_np(writer, NULL, &limit))
			return;
		sig = sigtimedwait(sigs, NULL, &now_only);
		if (sig == SIGINT || sig == SIGTERM) {
			fprintf(stderr, "execmon: stopped again; exiting without writing the rest\n");
			_exit(1);
		}
		now = atomic_load(&w->out.progress);
		idle = now == seen ? idle + 1 : 0;
		seen = now;
		if (idle >= 10 * EM_STOP_WAIT_S) {
			fprintf(stderr, "execmon: the output has not taken anything for %d s; "
				"exiting without writing the rest\n", EM_STOP_WAIT_S);
			_exit(1);
		}
	}
}

int main(int argc, char **argv)
{
	static struct emdev dev;
	static struct em_queue q;
	static struct em_drain d;
	static struct em_writer w;
	struct em_opts o;
	pthread_t drain, writer;
	sigset_t sigs;
	char boot[64];
	int sig, ret;

	ret = em_parse(argc, argv, &o);
	if (ret >= 0)
		return ret;
	/* exec ids name the boot */
	errno = 0;
	if (!emdev_boot_id(boot, sizeof(boot)) || !em_set_boot_id(boot)) {
		fprintf(stderr, "execmon: /proc/sys/kernel/random/boot_id: %s\n",
			errno ? strerror(errno) : "not a UUID");
		return 1;
	}
	if (!em_open_device(&dev, &o))
		return 1;
	cds_wfcq_init(&q.head, &q.tail);
	q.drain_efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	q.writer_efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (q.drain_efd < 0 || q.writer_efd < 0) {
		fprintf(stderr, "execmon: eventfd: %s\n", strerror(errno));
		return 1;
	}
	d.dev = &dev;
	d.q = &q;
	rcu_register_thread();	/* main frees the container cache at the end */
	if (!em_writer_init(&w, &dev, &q, &o))
		return 1;

	/* the signals are main's alone: block them before the threads inherit the mask */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGHUP);
	sigaddset(&sigs, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (pthread_create(&writer, NULL, em_writer, &w) ||
	    pthread_create(&drain, NULL, em_drain, &d)) {
		fprintf(stderr, "execmon: cannot start threads\n");
		return 1;
	}

	for (;;) {
		sig = sigwaitinfo(&sigs, NULL);
		if (sig == SIGHUP) {
			atomic_store(&w.reopen, true);
		} else if (sig == SIGUSR1) {
			atomic_store(&w.report, true);
		} else if (sig == SIGINT || sig == SIGTERM) {
			break;
		} else {
			continue;	/* EINTR */
		}
		em_wake(q.writer_efd);
	}
	atomic_store(&d.stop, true);
	em_wake(q.drain_efd);
	pthread_join(drain, NULL);
	em_writer_join(&w, writer, &sigs);

	/* the threads are gone: the output is main's again */
	ret = em_finish(&w, o.stats);
	if (ret)
		return ret;
	em_cgcache_free(w.cgcache);
	rcu_unregister_thread();
	em_reorder_free(&w.ro);
	emdev_close(&dev);
	em_output_close(&w.out);
	free(w.reported_lost);
	return 0;
}
