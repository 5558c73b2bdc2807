// SPDX-License-Identifier: GPL-2.0
/*
 * openrace SECONDS MARKER: open /dev/execmon the moment it exists (while the
 * module loads: run this first, then insmod), set the session up, exec
 * /usr/bin/true MARKER, and look for that exec in what read() gives.
 *
 * A device that can be opened must deliver: the module registers it last,
 * once every probe is in place.  Prints "opened after N tries", then
 * "seen" and exits 0 when the marker's event arrived within SECONDS;
 * "missed" (exit 1) when it did not; exit 2 when the device never opened.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	static char text[1 << 20];
	size_t have = 0;
	double end;
	unsigned long tries = 0;
	int fd, st;
	pid_t pid;

	if (argc != 3) {
		fprintf(stderr, "usage: openrace SECONDS MARKER\n");
		return 2;
	}
	end = now() + atof(argv[1]);
	/* the node comes and goes with the device (devtmpfs): ENOENT until then */
	while ((fd = open("/dev/execmon", O_RDWR | O_NONBLOCK | O_CLOEXEC)) < 0) {
		if (errno != ENOENT && errno != ENXIO && errno != ENODEV) {
			perror("openrace: open /dev/execmon");
			return 2;
		}
		if (now() > end) {
			fprintf(stderr, "openrace: /dev/execmon never opened\n");
			return 2;
		}
		tries++;
		sched_yield();
	}
	/* the first read() sets the session up; nothing to read yet */
	if (read(fd, text, sizeof(text)) >= 0 || errno != EAGAIN) {
		perror("openrace: the first read");
		return 2;
	}
	printf("opened after %lu tries\n", tries);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execl("/usr/bin/true", "/usr/bin/true", argv[2], (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st)) {
		fprintf(stderr, "openrace: the marker's exec failed\n");
		return 2;
	}
	while (now() < end) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t n;

		if (poll(&p, 1, 100) < 0 && errno != EINTR) {
			perror("openrace: poll");
			return 2;
		}
		n = read(fd, text + have, sizeof(text) - 1 - have);
		if (n < 0 && errno != EAGAIN && errno != EINTR) {
			perror("openrace: read");
			return 2;
		}
		if (n > 0) {
			have += n;
			text[have] = '\0';
			if (strstr(text, argv[2])) {
				printf("seen\n");
				return 0;
			}
			if (have > sizeof(text) / 2) {	/* keep the tail: a line can span reads */
				size_t keep = 4096 < have ? 4096 : have;

				memmove(text, text + have - keep, keep);
				have = keep;
			}
		}
	}
	printf("missed\n");
	return 1;
}
