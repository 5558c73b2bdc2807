// SPDX-License-Identifier: GPL-2.0
/* The reader's output (user/output.c): counting what reached the file, full disks, reopen. */
#include <errno.h>
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
	unlink(a);
	unlink(b);
	rmdir(dir);
	return em_failures ? 1 : 0;
}
