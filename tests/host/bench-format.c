// SPDX-License-Identifier: GPL-2.0
/*
 * Micro-benchmark of the formats (not a test): one core formatting a
 * typical process_execute_failed record as text and as JSON, in events per
 * second.  The reader's target: at least 1 M JSON events/s.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "emrec.h"
#include "json.h"

static unsigned int put_attr(unsigned char *rec, unsigned int off, __u16 type, const void *p, __u32 len)
{
	struct execmon_attr a = { .type = type, .len = len };

	memcpy(rec + off, &a, sizeof(a));
	memcpy(rec + off + sizeof(a), p, len);
	return off + sizeof(a) + ((len + 7) & ~7U);
}

int main(void)
{
	static unsigned char rec[1024];
	static char buf[65536];
	static const char path[] = "/nonexistent/execstorm";
	static const char argv[] = "\3\0\0\0\3\0\0\0/nonexistent/execstorm\0bench\0" "1234";
	struct execmon_event *ev = (void *)rec;
	const long n = 2000000;
	unsigned int off = sizeof(*ev);
	struct timespec t0, t1;
	struct em_out o;
	size_t total = 0;

	ev->hdr.type = EXECMON_REC_EXEC_FAILED;
	ev->attrs_off = sizeof(*ev);
	ev->ts_ns = 1795411426557396370ULL;
	ev->pid = ev->tid = 1234;
	ev->ppid = 99;
	ev->mnt_ns = 4026531841U;
	ev->pid_ns = 4026531836U;
	ev->return_value = -2;
	strcpy(ev->comm, "execstorm");
	off = put_attr(rec, off, EXECMON_A_CMDPATH, path, sizeof(path));
	off = put_attr(rec, off, EXECMON_A_ARGV, argv, sizeof(argv));
	ev->nattrs = 2;
	ev->hdr.len = off;

	static const char *const names[] = { "text", "json", "tracee" };

	for (int f = 0; f < 3; f++) {
		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (long i = 0; i < n; i++) {
			em_out_init(&o, buf, sizeof(buf));
			if (f == 1)
				em_format_json(&o, &ev->hdr, 0, "");
			else if (f == 2)
				em_format_tracee(&o, &ev->hdr, "", "host");
			else
				em_format_text(&o, &ev->hdr);
			total += o.len;
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		printf("format %s: %.2f M events/s on one core (%zu bytes each)\n", names[f],
		       n / ((t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9) / 1e6, o.len);
	}
	return total == 0;
}
