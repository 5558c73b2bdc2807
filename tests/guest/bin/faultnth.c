// SPDX-License-Identifier: GPL-2.0
/*
 * Systematic fault injection (Documentation/fault-injection): the Nth
 * fault-injection point this thread passes from now on fails, through
 * /proc/thread-self/fail-nth.  With failslab and fail_page_alloc set to
 * take allocations that may sleep, every slab and page allocation is such a
 * point.
 *   faultnth N load MODULE [PARAMS]  finit_module() of MODULE with point N
 *                                    failing
 *   faultnth N setup PAGES           open(/dev/execmon) and EXECMON_IOC_SETUP
 *                                    of PAGES pages with point N failing;
 *                                    then, with none failing, the same setup
 *                                    on the same descriptor if that one
 *                                    failed, a mapping of the first ring, and
 *                                    a read of its header
 * Prints "rc R left L": R the call's result (0 or -errno; for setup, of the
 * open or else of the ioctl), L the points that were still to pass before
 * the Nth (0: the Nth came and failed; N - L points were passed otherwise).
 * Exits 1 when what followed a failure went wrong.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/execmon.h>

static int nth_fd;

static void arm(unsigned long n)
{
	char buf[32];
	int len = snprintf(buf, sizeof(buf), "%lu", n);

	if (pwrite(nth_fd, buf, len, 0) != len) {
		perror("faultnth: /proc/thread-self/fail-nth");
		exit(2);
	}
}

/* what is left of the count, then disarmed */
static long left(void)
{
	char buf[32];
	ssize_t n = pread(nth_fd, buf, sizeof(buf) - 1, 0);

	if (n <= 0) {
		perror("faultnth: read fail-nth");
		exit(2);
	}
	buf[n] = 0;
	arm(0);
	return atol(buf);
}

static int setup(unsigned long n, unsigned int pages)
{
	struct execmon_setup s = { .size = sizeof(s), .ring_pages = pages };
	int fd, rc;
	long l;
	void *p;

	arm(n);
	fd = open(EXECMON_DEVICE, O_RDWR | O_CLOEXEC);
	rc = fd < 0 ? -errno : ioctl(fd, EXECMON_IOC_SETUP, &s) ? -errno : 0;
	l = left();
	printf("rc %d left %ld\n", rc, l);
	if (fd < 0)
		return rc == -ENOMEM ? 0 : 1;
	if (rc) {
		if (rc != -ENOMEM) {
			fprintf(stderr, "faultnth: SETUP failed with %s, not ENOMEM\n", strerror(-rc));
			return 1;
		}
		s = (struct execmon_setup){ .size = sizeof(s), .ring_pages = pages };
		if (ioctl(fd, EXECMON_IOC_SETUP, &s)) {
			perror("faultnth: SETUP again after a failed one");
			return 1;
		}
	}
	p = mmap(NULL, s.ring_map_size, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		perror("faultnth: mmap after setup");
		return 1;
	}
	if (((const struct execmon_ring_ctl *)((char *)p + s.ctl_off))->data_size != s.data_size) {
		fprintf(stderr, "faultnth: the ring's header does not match the setup\n");
		return 1;
	}
	munmap(p, s.ring_map_size);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long n;
	int fd, rc;

	if (argc < 4 || !(n = strtoul(argv[1], NULL, 0))) {
		fprintf(stderr, "usage: faultnth N load MODULE [PARAMS] | faultnth N setup PAGES\n");
		return 2;
	}
	nth_fd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	if (nth_fd < 0) {
		perror("faultnth: /proc/thread-self/fail-nth");
		return 2;
	}
	if (!strcmp(argv[2], "setup"))
		return setup(n, atoi(argv[3]));
	if (strcmp(argv[2], "load"))
		return 2;
	fd = open(argv[3], O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		perror(argv[3]);
		return 2;
	}
	arm(n);
	rc = syscall(SYS_finit_module, fd, argc > 4 ? argv[4] : "", 0) ? -errno : 0;
	printf("rc %d left %ld\n", rc, left());
	return 0;
}
