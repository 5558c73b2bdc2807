// SPDX-License-Identifier: GPL-2.0
/*
 * execmon: the reader.  Maps every CPU's ring of a new session, sleeps in
 * poll() until there is data, and writes each record as a line (text or
 * JSON), oldest first across CPUs.  SIGINT and SIGTERM drain what is left
 * and exit 0.
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
#include <unistd.h>
#include "emdev.h"
#include "json.h"

enum em_format { EM_FMT_TEXT, EM_FMT_JSON };

static volatile sig_atomic_t em_stop;

static void em_on_signal(int sig)
{
	(void)sig;
	em_stop = 1;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: execmon [--format text|json] [--output FILE] [--ring-pages N] [--device PATH]\n"
		"Prints every exec on this host, successful or failed, one line each.\n"
		"  -f, --format      text (default) or json\n"
		"  -o, --output      append to FILE instead of standard output\n"
		"  -r, --ring-pages  data pages per CPU ring (a power of two; default: the module's)\n"
		"  -d, --device      the device (default " EXECMON_DEVICE ")\n");
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
		if (h->type == EXECMON_REC_LOST)
			ts = h->len >= sizeof(struct execmon_lost) ?
				((const struct execmon_lost *)h)->ts_ns : 0;
		else
			ts = h->len >= sizeof(struct execmon_event) ?
				((const struct execmon_event *)h)->ts_ns : 0;
		if (best < 0 || ts < best_ts) {
			best = i;
			best_ts = ts;
			*out = h;
		}
	}
	return best;
}

/* Write every record now in the rings; returns -1 if the output failed. */
static int em_drain(struct emdev *d, enum em_format fmt, FILE *out, char *buf, size_t cap)
{
	const struct execmon_rec_hdr *h;
	struct em_out o;
	unsigned int i;
	int r, ret = 0;

	while ((r = em_oldest(d, &h)) >= 0) {
		em_out_init(&o, buf, cap);
		if (fmt == EM_FMT_JSON)
			em_format_json(&o, h, d->rings[r].ctl->cpu);
		else
			em_format_text(&o, h);
		emring_advance(&d->rings[r], h);
		if (o.len && fwrite(buf, 1, o.len, out) != o.len)
			ret = -1;
	}
	for (i = 0; i < d->nr_rings; i++)
		if (d->present[i])
			emring_release(&d->rings[i]);
	if (fflush(out))
		ret = -1;
	return ret;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "ring-pages", required_argument, NULL, 'r' },
		{ "device", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *device = EXECMON_DEVICE, *output = NULL, *what;
	enum em_format fmt = EM_FMT_TEXT;
	unsigned long ring_pages = 0;
	struct sigaction sa;
	struct emdev d;
	size_t cap = 256 * 1024;
	char *buf, *end;
	FILE *out = stdout;
	int c;

	while ((c = getopt_long(argc, argv, "f:o:r:d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!strcmp(optarg, "json"))
				fmt = EM_FMT_JSON;
			else if (!strcmp(optarg, "text"))
				fmt = EM_FMT_TEXT;
			else {
				fprintf(stderr, "execmon: unknown format '%s' (text, json)\n", optarg);
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
	if (output && !(out = fopen(output, "a"))) {
		fprintf(stderr, "execmon: %s: %s\n", output, strerror(errno));
		return 1;
	}
	buf = malloc(cap);
	if (!buf) {
		fprintf(stderr, "execmon: out of memory\n");
		return 1;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = em_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	while (!em_stop) {
		struct pollfd pfd = { .fd = d.fd, .events = POLLIN };

		if (poll(&pfd, 1, -1) < 0 && errno != EINTR) {
			fprintf(stderr, "execmon: poll: %s\n", strerror(errno));
			return 1;
		}
		if (em_drain(&d, fmt, out, buf, cap)) {
			fprintf(stderr, "execmon: writing output: %s\n", strerror(errno));
			return 1;
		}
	}
	/* what arrived before the signal */
	if (em_drain(&d, fmt, out, buf, cap))
		return 1;
	emdev_close(&d);
	free(buf);
	return fclose(out) ? 1 : 0;
}
