// SPDX-License-Identifier: GPL-2.0
/* The reader's output: see output.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "output.h"

static int em_output_open_fd(const char *path)
{
	return path ? open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640) : STDOUT_FILENO;
}

int em_output_open(struct em_output *o, const char *path, size_t cap)
{
	memset(o, 0, sizeof(*o));
	atomic_init(&o->progress, 0);
	o->path = path;
	o->cap = cap;
	o->max_rec = cap / 8;		/* a line is longer than 8 bytes */
	o->buf = malloc(cap);
	o->ends = calloc(o->max_rec, sizeof(*o->ends));
	if (!o->buf || !o->ends) {
		free(o->buf);
		free(o->ends);
		errno = ENOMEM;
		return -1;
	}
	o->fd = em_output_open_fd(path);
	return o->fd < 0 ? -1 : 0;
}

int em_output_reopen(struct em_output *o)
{
	int fd;

	if (!o->path)
		return 0;
	em_output_flush(o);
	fd = em_output_open_fd(o->path);
	if (fd < 0)
		return -1;	/* keep writing where we were */
	close(o->fd);
	o->fd = fd;
	o->chunk = 0;
	o->midline = false;	/* a new file starts clean */
	return 0;
}

void em_output_close(struct em_output *o)
{
	if (o->path && o->fd >= 0)
		close(o->fd);
	free(o->buf);
	free(o->ends);
}

/* errors a full or failing disk gives: keep running and count */
static bool em_output_transient(int err)
{
	return err == ENOSPC || err == EDQUOT || err == EFBIG || err == EIO;
}

/* o->progress: the writer is the only one to write it */
static void em_progress(struct em_output *o, size_t n)
{
	atomic_store_explicit(&o->progress,
			      atomic_load_explicit(&o->progress, memory_order_relaxed) + n,
			      memory_order_relaxed);
}

/* How much one write(2) to o->fd may carry: see struct em_output. */
static size_t em_chunk(struct em_output *o)
{
	struct stat st;

	if (!o->chunk || o->chunk_fd != o->fd) {
		o->chunk = !fstat(o->fd, &st) && S_ISREG(st.st_mode) ? SIZE_MAX : EM_WRITE_CHUNK;
		o->chunk_fd = o->fd;
	}
	return o->chunk;
}

/* All of buf, or -1 with errno at the first error; *done says how much went. */
static int em_write_all(struct em_output *o, const char *buf, size_t len, size_t *done)
{
	size_t max = em_chunk(o);

	*done = 0;
	while (*done < len) {
		ssize_t n = write(o->fd, buf + *done, len - *done < max ? len - *done : max);

		if (n < 0 && errno == EINTR)
			continue;
		em_progress(o, n > 0 ? (size_t)n : 1);
		if (n < 0)
			return -1;
		if (n == 0) {
			errno = EIO;	/* no room and no error: say something true */
			return -1;
		}
		*done += n;
	}
	return 0;
}

int em_output_flush(struct em_output *o)
{
	size_t off = 0, nl;
	unsigned int i;
	int err = 0;

	if (o->fatal)
		return -1;
	if (!o->len)
		return 0;
	if (o->midline) {
		/* finish the line cut short, so the next one parses */
		if (em_write_all(o, "\n", 1, &nl))
			err = errno;
		else
			o->midline = false;
	}
	if (!err && em_write_all(o, o->buf, o->len, &off))
		err = errno;
	for (i = 0; i < o->nrec && o->ends[i] <= off; i++)
		;
	o->written += i;
	o->unwritten += o->nrec - i;
	if (err) {
		if (off > (i ? o->ends[i - 1] : 0))
			o->midline = true;
		if (!em_output_transient(err)) {
			o->fatal = err;
		} else if (!o->failing) {
			fprintf(stderr, "execmon: writing %s: %s; counting the events not written\n",
				o->path ? o->path : "standard output", strerror(err));
			o->failing = true;
		}
	} else if (o->failing) {
		fprintf(stderr, "execmon: writing %s works again; %llu events not written so far\n",
			o->path ? o->path : "standard output", (unsigned long long)o->unwritten);
		o->failing = false;
	}
	o->len = 0;
	o->nrec = 0;
	return o->fatal ? -1 : 0;
}

void em_output_begin(struct em_output *o, struct em_out *line, size_t max)
{
	if (o->cap - o->len < max || o->nrec == o->max_rec)
		em_output_flush(o);
	em_out_init(line, o->buf + o->len, o->cap - o->len);
}

void em_output_commit(struct em_output *o, const struct em_out *line)
{
	if (!line->len)
		return;
	o->len += line->len;
	o->ends[o->nrec++] = o->len;
}
