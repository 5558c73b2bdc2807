// SPDX-License-Identifier: GPL-2.0
/*
 * poll() racing the first EXECMON_IOC_SETUP of the same descriptor (issue
 * 18, item 2).  Each round opens the device, starts threads that poll() and
 * read() it without a pause, and sets it up with PAGES data pages per ring
 * (the rings take a while to allocate), or with a size that is refused;
 * then closes it.  The kernel must survive, and the answers must be
 * consistent: poll() says nothing to read and a non-blocking read() says
 * EAGAIN (or brings lines) on a descriptor not set up.
 *
 * usage: pollrace ROUNDS PAGES; exits 0 when every round went as it should.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/execmon.h>

static atomic_bool stop;
static atomic_int bad;

static void *poller(void *arg)
{
	struct pollfd p = { .fd = *(int *)arg, .events = POLLIN };

	while (!atomic_load(&stop)) {
		if (poll(&p, 1, 0) < 0 || (p.revents & (POLLERR | POLLNVAL))) {
			fprintf(stderr, "poll: %s, revents %#x\n", strerror(errno), p.revents);
			atomic_fetch_add(&bad, 1);
			break;
		}
	}
	return NULL;
}

static void *reader(void *arg)
{
	char buf[4096];
	int fd = *(int *)arg;

	while (!atomic_load(&stop)) {
		ssize_t n = read(fd, buf, sizeof(buf));

		if (n < 0 && errno != EAGAIN && errno != ENOMEM) {
			fprintf(stderr, "read: %s\n", strerror(errno));
			atomic_fetch_add(&bad, 1);
			break;
		}
	}
	return NULL;
}

int main(int argc, char **argv)
{
	int rounds, pages, r;

	if (argc != 3) {
		fprintf(stderr, "usage: pollrace ROUNDS PAGES\n");
		return 2;
	}
	rounds = atoi(argv[1]);
	pages = atoi(argv[2]);
	for (r = 0; r < rounds && !atomic_load(&bad); r++) {
		struct execmon_setup s;
		pthread_t th[3];
		int fd, i, ret;

		fd = open(EXECMON_DEVICE, O_RDWR | O_NONBLOCK);
		if (fd < 0) {
			perror("open");
			return 1;
		}
		atomic_store(&stop, false);
		pthread_create(&th[0], NULL, poller, &fd);
		pthread_create(&th[1], NULL, poller, &fd);
		memset(&s, 0, sizeof(s));
		s.size = sizeof(s);
		/* every fourth round a size that is refused: the setup fails and unwinds */
		s.ring_pages = r % 4 == 3 ? 3 : pages;
		ret = ioctl(fd, EXECMON_IOC_SETUP, &s);
		if (r % 4 == 3 ? !(ret < 0 && errno == EINVAL) :
				 ret < 0 && errno != EBUSY && errno != ENOMEM) {
			fprintf(stderr, "round %d: setup of %u pages: ret %d, %s\n", r, s.ring_pages,
				ret, strerror(errno));
			atomic_fetch_add(&bad, 1);
		}
		pthread_create(&th[2], NULL, reader, &fd);
		usleep(1000);
		atomic_store(&stop, true);
		for (i = 0; i < 3; i++)
			pthread_join(th[i], NULL);
		close(fd);
	}
	printf("%d rounds\n", r);
	return atomic_load(&bad) ? 1 : 0;
}
