// SPDX-License-Identifier: GPL-2.0
/* The reader's output (user/output.c): counting what reached the file, full disks, reopen. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"
#include "output.h"

static void put(struct em_output *o, const char *line)
{
	struct em_out l;

	em_output_begin(o, &l, 1024);
	em_out_puts(&l, line);
	em_output_commit(o, &l);
}

static size_t lines_of(const char *path)
{
	FILE *f = fopen(path, "r");
	size_t n = 0;
	int c;

	if (!f)
		return 0;
	while ((c = fgetc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

/* a pipe's far end, read a pipeful at a time, slowly, until it closes */
static void *slow_reader(void *arg)
{
	static char buf[EM_WRITE_CHUNK];
	int fd = *(int *)arg;

	while (read(fd, buf, sizeof(buf)) > 0)
		usleep(5000);
	return NULL;
}

struct watch {
	struct em_output *o;
	atomic_bool done;
	int moves;		/* how often progress moved before the flush returned */
};

static void *watcher(void *arg)
{
	struct watch *w = arg;
	unsigned long long seen = 0, now;

	while (!atomic_load(&w->done)) {
		now = atomic_load(&w->o->progress);
		w->moves += now != seen;
		seen = now;
		usleep(1000);
	}
	return NULL;
}

/*
 * One flush of far more than a pipeful into a slow pipe: its progress
 * moves while the flush is still blocked in it, which is how a stopping
 * reader tells a slow output from one that takes nothing.
 */
static void check_progress(void)
{
	const size_t lines = 40000;	/* some 1.2 MB */
	struct em_output o;
	struct watch w = { .o = &o };
	pthread_t r, t;
	int p[2];
	size_t i;

	CHECK(!pipe(p), "pipe");
	CHECK(!em_output_open(&o, NULL, 2 << 20), "open stdout");
	o.fd = p[1];
	for (i = 0; i < lines; i++)
		put(&o, "a line that a slow pipe takes\n");
	CHECK(!pthread_create(&r, NULL, slow_reader, &p[0]), "reader thread");
	CHECK(!pthread_create(&t, NULL, watcher, &w), "watcher thread");
	CHECK(!em_output_flush(&o), "flush");
	atomic_store(&w.done, true);
	pthread_join(t, NULL);
	CHECK(o.written == lines && atomic_load(&o.progress) == lines * 30,
	      "written %llu, progress %llu", (unsigned long long)o.written,
	      (unsigned long long)atomic_load(&o.progress));
	CHECK(w.moves >= 5, "progress moved %d times during one flush", w.moves);
	close(p[1]);
	pthread_join(r, NULL);
	close(p[0]);
	o.fd = -1;
	em_output_close(&o);
}

/* one of two outputs appending big flushes to the same regular file */
static void *appender(void *arg)
{
	const char *line = ((const char **)arg)[0], *path = ((const char **)arg)[1];
	struct em_output o;
	int round, i;

	CHECK(!em_output_open(&o, path, 2 << 20), "open %s", path);
	for (round = 0; round < 8; round++) {
		for (i = 0; i < 30000; i++)
			put(&o, line);
		CHECK(!em_output_flush(&o), "flush");
	}
	em_output_close(&o);
	return NULL;
}

/*
 * Two appenders on one file (two readers given the same --output, a
 * shell's 2>> beside them): every line whole, as O_APPEND keeps each
 * write(2) of a regular file; a flush cut into chunks would interleave.
 */
static void check_appenders(const char *path)
{
	const char *a[] = { "a line of the first appender\n", path };
	const char *b[] = { "and one of the second, longer than that\n", path };
	char buf[128];
	pthread_t ta, tb;
	size_t bad = 0, n = 0;
	FILE *f;

	unlink(path);
	CHECK(!pthread_create(&ta, NULL, appender, a) && !pthread_create(&tb, NULL, appender, b),
	      "threads");
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	f = fopen(path, "r");
	CHECK(f, "%s", path);
	while (f && fgets(buf, sizeof(buf), f)) {
		n++;
		bad += strcmp(buf, a[0]) && strcmp(buf, b[0]);
	}
	if (f)
		fclose(f);
	CHECK(n == 2 * 8 * 30000 && !bad, "%zu lines, %zu of them cut or mixed", n, bad);
	unlink(path);
}

int main(void)
{
	char dir[] = "/tmp/t-output.XXXXXX", a[64], b[64];
	struct em_output o;
	int i;

	CHECK(mkdtemp(dir), "mkdtemp");
	snprintf(a, sizeof(a), "%s/a", dir);
	snprintf(b, sizeof(b), "%s/b", dir);

	/* every record written, in chunks, across several flushes (small buffer) */
	CHECK(!em_output_open(&o, a, 4096), "open: %s", strerror(errno));
	for (i = 0; i < 1000; i++)
		put(&o, "a line of text\n");
	CHECK(!em_output_flush(&o), "flush");
	CHECK(o.written == 1000 && o.unwritten == 0, "%llu %llu", (unsigned long long)o.written,
	      (unsigned long long)o.unwritten);
	CHECK(lines_of(a) == 1000, "%zu lines", lines_of(a));

	/* logrotate: the file moves away, reopen makes a new one; nothing lost */
	for (i = 0; i < 10; i++)
		put(&o, "before the move\n");
	CHECK(!rename(a, b), "rename");
	CHECK(!em_output_reopen(&o), "reopen: %s", strerror(errno));
	for (i = 0; i < 5; i++)
		put(&o, "after the move\n");
	CHECK(!em_output_flush(&o), "flush");
	CHECK(lines_of(b) == 1010, "old file: %zu lines", lines_of(b));
	CHECK(lines_of(a) == 5, "new file: %zu lines", lines_of(a));
	em_output_close(&o);

	/* a full disk: counted, not fatal, said once */
	CHECK(!em_output_open(&o, "/dev/full", 4096), "open /dev/full: %s", strerror(errno));
	for (i = 0; i < 700; i++)
		put(&o, "into a full disk\n");
	CHECK(!em_output_flush(&o), "a full disk is not fatal");
	CHECK(o.written == 0 && o.unwritten == 700 && !o.fatal && o.failing,
	      "written %llu unwritten %llu fatal %d", (unsigned long long)o.written,
	      (unsigned long long)o.unwritten, o.fatal);
	em_output_close(&o);

	/* a closed pipe is fatal (EPIPE): the reader ends */
	{
		int p[2];

		CHECK(!pipe(p), "pipe");
		close(p[0]);
		signal(SIGPIPE, SIG_IGN);
		CHECK(!em_output_open(&o, NULL, 4096), "open stdout");
		o.fd = p[1];
		put(&o, "nobody reads this\n");
		CHECK(em_output_flush(&o) == -1 && o.fatal == EPIPE, "fatal %d", o.fatal);
		close(p[1]);
		o.fd = -1;
		em_output_close(&o);
	}
	check_progress();
	check_appenders(a);
	unlink(a);
	unlink(b);
	rmdir(dir);
	return em_failures ? 1 : 0;
}
