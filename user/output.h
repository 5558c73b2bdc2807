/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The reader's output: lines formatted straight into a large buffer and
 * written with write(2) in big chunks.  Knows, per record, whether it
 * reached the file: on a full disk (ENOSPC, EDQUOT, EFBIG, EIO) it keeps
 * going, counts the records it could not write, says so once per episode,
 * and starts the next line cleanly; any other error is fatal.
 */
#ifndef EM_USER_OUTPUT_H
#define EM_USER_OUTPUT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../common/emrec.h"

/*
 * The longest line a record can make in any format: JSON writes a control
 * byte or one of invalid UTF-8 as six (\u0001, \udcff), and every string is
 * written once (tests/host/t-format.c builds the worst case).
 */
#define EM_LINE_MAX	(6 * EXECMON_RECORD_MAX + 4096)

struct em_output {
	int fd;
	const char *path;		/* NULL: standard output */
	char *buf;
	size_t len, cap;
	size_t *ends;			/* where each buffered record's line ends */
	unsigned int nrec, max_rec;
	uint64_t written;		/* records whose whole line was written */
	uint64_t unwritten;		/* records lost to write errors */
	bool failing;			/* in an episode of write errors (said so) */
	bool midline;			/* part of a line went out: begin with a newline */
	int fatal;			/* errno of an error that stops the reader, or 0 */
	/*
	 * Moves each time a write(2) returns (by the bytes it took, or by one
	 * when it failed): what another thread watches to tell an output that
	 * is slow, or failing, from one that takes nothing (a pipe nobody
	 * reads).  A pipe or socket is written at most EM_WRITE_CHUNK at a
	 * time, so that a write into a slow one returns as its far end takes a
	 * pipeful; a regular file in one call, which O_APPEND keeps whole
	 * beside other appenders.
	 */
	atomic_ullong progress;
	size_t chunk;			/* for fd chunk_fd; 0: not yet known */
	int chunk_fd;
};

#define EM_WRITE_CHUNK	(64 * 1024)	/* a pipe's default capacity */

/* path NULL for standard output; files are opened to append, created 0640. -1 with errno. */
int em_output_open(struct em_output *o, const char *path, size_t cap);
/* Open path again (logrotate moved it): flushes to the old file first. -1 with errno. */
int em_output_reopen(struct em_output *o);
void em_output_close(struct em_output *o);

/*
 * Room for one record's line of at most max bytes: an em_out to format it
 * into, then em_output_commit().  Flushes first when the buffer is short.
 */
void em_output_begin(struct em_output *o, struct em_out *line, size_t max);
void em_output_commit(struct em_output *o, const struct em_out *line);

/* Write out what is buffered.  Returns -1 only on a fatal error (o->fatal). */
int em_output_flush(struct em_output *o);

#endif /* EM_USER_OUTPUT_H */
