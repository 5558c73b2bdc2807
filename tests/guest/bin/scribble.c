// SPDX-License-Identifier: GPL-2.0
/*
 * read() while the descriptor's owner scribbles on consumer_pos (issue 18,
 * item 3).  Execs storm from a child with long arguments; one thread reads
 * text lines with read(); others keep moving every ring's consumer_pos
 * through the writable mapping, to record boundaries and to no boundary,
 * so the producer overwrites records while read() formats them.  The
 * kernel must survive and read() must only ever return whole lines.
 *
 * usage: scribble SECONDS; prints the lines read.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/execmon.h>

static atomic_bool stop;
static int fd;
static struct execmon_setup st;
static struct execmon_ring_consumer **cons;
static const struct execmon_ring_ctl **ctl;
static unsigned int nr;

static void *scribbler(void *arg)
{
	unsigned int seed = (unsigned int)(unsigned long)arg;

	while (!atomic_load(&stop)) {
		for (unsigned int i = 0; i < nr; i++) {
			__u64 prod;

			if (!cons[i])
				continue;
			prod = __atomic_load_n(&ctl[i]->producer_pos, __ATOMIC_ACQUIRE);
			switch (rand_r(&seed) % 4) {
			case 0:	/* all of it consumed: the producer may overwrite everything */
				cons[i]->consumer_pos = prod;
				break;
			case 1:	/* back a few records' worth, on an 8-byte boundary */
				cons[i]->consumer_pos = prod - 8 * (rand_r(&seed) % 4096);
				break;
			case 2:	/* nowhere near a record */
				cons[i]->consumer_pos = prod - (rand_r(&seed) % st.data_size);
				break;
			case 3:
				break;
			}
		}
	}
	return NULL;
}

int main(int argc, char **argv)
{
	unsigned long lines = 0, bytes = 0;
	static char buf[4 * 65536 + 4096];
	char arg[3000];
	pthread_t th[2];
	time_t end;
	pid_t storm;

	if (argc != 2) {
		fprintf(stderr, "usage: scribble SECONDS\n");
		return 2;
	}
	end = time(NULL) + atoi(argv[1]);
	fd = open(EXECMON_DEVICE, O_RDWR | O_NONBLOCK);
	if (fd < 0) {
		perror("open");
		return 1;
	}
	memset(&st, 0, sizeof(st));
	st.size = sizeof(st);
	st.ring_pages = 32;
	if (ioctl(fd, EXECMON_IOC_SETUP, &st)) {
		perror("setup");
		return 1;
	}
	nr = st.nr_rings;
	cons = calloc(nr, sizeof(*cons));
	ctl = calloc(nr, sizeof(*ctl));
	for (unsigned int i = 0; i < nr; i++) {
		off_t off = (off_t)i * st.ring_stride;
		void *c = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, off + st.consumer_off);
		void *r = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, off + st.ctl_off);

		if (c != MAP_FAILED && r != MAP_FAILED) {
			cons[i] = c;
			ctl[i] = r;
		}
	}
	storm = fork();
	if (!storm) {
		memset(arg, 'x', sizeof(arg) - 1);
		arg[sizeof(arg) - 1] = '\0';
		for (;;) {
			pid_t p = fork();

			if (!p) {
				execl("/usr/bin/true", "true", arg, arg, "scribble", (char *)NULL);
				_exit(1);
			}
			waitpid(p, NULL, 0);
			/* and failures, whose records are as long */
			execl("/nonexistent/scribble", "x", arg, arg, (char *)NULL);
		}
	}
	pthread_create(&th[0], NULL, scribbler, (void *)1UL);
	pthread_create(&th[1], NULL, scribbler, (void *)2UL);
	while (time(NULL) < end) {
		ssize_t n = read(fd, buf, sizeof(buf));

		if (n < 0 && errno != EAGAIN) {
			perror("read");
			break;
		}
		if (n > 0) {
			if (buf[n - 1] != '\n') {
				fprintf(stderr, "read() returned %zd bytes not ending a line\n", n);
				break;
			}
			bytes += n;
			for (ssize_t i = 0; i < n; i++)
				lines += buf[i] == '\n';
		}
	}
	atomic_store(&stop, true);
	pthread_join(th[0], NULL);
	pthread_join(th[1], NULL);
	kill(storm, SIGKILL);
	waitpid(storm, NULL, 0);
	printf("%lu lines, %lu bytes\n", lines, bytes);
	return time(NULL) >= end ? 0 : 1;
}
