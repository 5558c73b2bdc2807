// SPDX-License-Identifier: GPL-2.0
/*
 * Garbage at /dev/execmon: every bad ioctl and mmap gets the documented
 * error, and none of them changes the session's state.  Prints one line per
 * case; exits 1 if any case went wrong.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/execmon.h>

static int failures;

static void expect(const char *what, int ret, int want_errno)
{
	int ok = want_errno ? (ret == -1 && errno == want_errno) : ret == 0;

	printf("%s %s: ret %d errno %s, want %s\n", ok ? "ok" : "FAIL", what, ret,
	       ret ? strerror(errno) : "-", want_errno ? strerror(want_errno) : "success");
	failures += !ok;
}

static void expect_map(const char *what, void *p, int want_errno)
{
	expect(what, p == MAP_FAILED ? -1 : 0, want_errno);
}

static int dev(void)
{
	int fd = open(EXECMON_DEVICE, O_RDWR);

	if (fd < 0) {
		perror("open");
		exit(1);
	}
	return fd;
}

static struct execmon_setup setup_req(unsigned int pages)
{
	struct execmon_setup s;

	memset(&s, 0, sizeof(s));
	s.size = sizeof(s);
	s.ring_pages = pages;
	return s;
}

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	struct execmon_setup s, good;
	struct execmon_version v;
	struct { struct execmon_setup s; __u64 tail; } big;
	int fd = dev(), fd2;
	void *p;
	char buf[64];

	/* ioctls */
	expect("unknown ioctl number", ioctl(fd, _IOR(EXECMON_IOC_MAGIC, 99, __u64), buf), ENOTTY);
	expect("another driver's magic", ioctl(fd, _IOR('T', 1, struct execmon_setup), &s), ENOTTY);
	expect("VERSION with a wrong size", ioctl(fd, _IOR(EXECMON_IOC_MAGIC, 0, __u32), buf), EINVAL);
	expect("VERSION to a bad pointer", ioctl(fd, EXECMON_IOC_VERSION, (void *)8), EFAULT);
	expect("VERSION", ioctl(fd, EXECMON_IOC_VERSION, &v), 0);
	{
		/* a newer tool's larger structure: ours, the rest zeroed */
		static const unsigned char zero[16];
		unsigned char big[sizeof(v) + sizeof(zero)];

		memset(big, 0xa5, sizeof(big));
		expect("VERSION, larger", ioctl(fd, _IOR(EXECMON_IOC_MAGIC, 0, big), big), 0);
		if (memcmp(big, &v, sizeof(v)) || memcmp(big + sizeof(v), zero, sizeof(zero))) {
			printf("FAIL VERSION, larger: not ours and zeroes\n");
			failures++;
		}
	}
	expect("SETUP smaller than version 1", ioctl(fd, _IOWR(EXECMON_IOC_MAGIC, 1, __u64), buf), EINVAL);
	expect("SETUP as _IOW", ioctl(fd, _IOW(EXECMON_IOC_MAGIC, 1, struct execmon_setup), &s), EINVAL);
	s = setup_req(0); s.flags = 1;
	expect("SETUP with an unknown flag", ioctl(fd, EXECMON_IOC_SETUP, &s), EINVAL);
	s = setup_req(0); s.resv[3] = 1;
	expect("SETUP with nonzero resv", ioctl(fd, EXECMON_IOC_SETUP, &s), EINVAL);
	s = setup_req(0); s.nr_rings = 4;
	expect("SETUP with an out field set", ioctl(fd, EXECMON_IOC_SETUP, &s), EINVAL);
	s = setup_req(0); s.size = 8;
	expect("SETUP whose size disagrees", ioctl(fd, EXECMON_IOC_SETUP, &s), EINVAL);
	s = setup_req(24);
	expect("SETUP with ring_pages not a power of two", ioctl(fd, EXECMON_IOC_SETUP, &s), EINVAL);
	s = setup_req(16);
	expect("SETUP with ring_pages too small", ioctl(fd, EXECMON_IOC_SETUP, &s), EINVAL);
	s = setup_req(1U << 30);
	expect("SETUP with ring_pages too large", ioctl(fd, EXECMON_IOC_SETUP, &s), EINVAL);
	expect("SETUP from a bad pointer", ioctl(fd, EXECMON_IOC_SETUP, (void *)8), EFAULT);
	memset(&big, 0, sizeof(big));
	big.s = setup_req(32);
	big.s.size = sizeof(big);
	big.tail = 1;
	expect("SETUP larger, nonzero tail",
	       ioctl(fd, _IOWR(EXECMON_IOC_MAGIC, 1, big), &big), EINVAL);
	expect_map("mmap before SETUP", mmap(NULL, page, PROT_READ, MAP_SHARED, fd, 0), EINVAL);
	{
		struct execmon_stats st;

		memset(&st, 0, sizeof(st));
		st.size = sizeof(st);
		expect("STATS before SETUP", ioctl(fd, EXECMON_IOC_STATS, &st), EINVAL);
	}

	/* nothing above may have set the session up */
	good = setup_req(32);
	expect("SETUP 32 pages", ioctl(fd, EXECMON_IOC_SETUP, &good), 0);
	if (good.ring_pages != 32 || good.data_size != 32 * (__u64)page || !good.nr_rings ||
	    good.ring_map_size != (2 + 2 * 32) * (__u64)page || good.consumer_off != page) {
		printf("FAIL SETUP geometry: pages %u data %llu rings %u map %llu\n", good.ring_pages,
		       (unsigned long long)good.data_size, good.nr_rings,
		       (unsigned long long)good.ring_map_size);
		failures++;
	}
	s = setup_req(64);
	expect("SETUP again with another size", ioctl(fd, EXECMON_IOC_SETUP, &s), EBUSY);
	s = setup_req(32);
	expect("SETUP again with the same size", ioctl(fd, EXECMON_IOC_SETUP, &s), 0);
	memset(&big, 0, sizeof(big));
	big.s = setup_req(32);
	big.s.size = sizeof(big);
	expect("SETUP larger, zero tail (a newer reader)",
	       ioctl(fd, _IOWR(EXECMON_IOC_MAGIC, 1, big), &big), 0);

	/* stats */
	{
		struct execmon_ring_stats rings[64];
		struct execmon_stats st;

		memset(&st, 0, sizeof(st));
		st.size = sizeof(st);
		st.resv[2] = 1;
		expect("STATS with nonzero resv", ioctl(fd, EXECMON_IOC_STATS, &st), EINVAL);
		memset(&st, 0, sizeof(st));
		st.size = sizeof(st);
		st.resv[0] = 1;
		expect("STATS with nonzero resv[0]", ioctl(fd, EXECMON_IOC_STATS, &st), EINVAL);
		memset(&st, 0, sizeof(st));
		st.size = sizeof(st);
		st.path_misses = 1;
		expect("STATS with path_misses set", ioctl(fd, EXECMON_IOC_STATS, &st), EINVAL);
		memset(&st, 0, sizeof(st));
		st.size = sizeof(st);
		st.total.seen = 5;
		expect("STATS with an out field set", ioctl(fd, EXECMON_IOC_STATS, &st), EINVAL);
		memset(&st, 0, sizeof(st));
		st.size = sizeof(st);
		st.nr_rings = 4;
		st.rings_ptr = 8;
		expect("STATS into a bad rings pointer", ioctl(fd, EXECMON_IOC_STATS, &st), EFAULT);
		memset(&st, 0, sizeof(st));
		st.size = sizeof(st);
		st.nr_rings = 64;
		st.rings_ptr = (uintptr_t)rings;
		expect("STATS", ioctl(fd, EXECMON_IOC_STATS, &st), 0);
		if (st.nr_rings != good.nr_rings) {
			printf("FAIL STATS nr_rings %u, setup said %u\n", st.nr_rings, good.nr_rings);
			failures++;
		}
	}

	/* mmap */
	expect_map("mmap writable, whole ring",
		   mmap(NULL, good.ring_map_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), EPERM);
	expect_map("mmap writable, data page",
		   mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, good.data_off), EPERM);
	expect_map("mmap writable consumer page, private",
		   mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, good.consumer_off), EPERM);
	expect_map("mmap read-only past the ring",
		   mmap(NULL, good.ring_map_size + page, PROT_READ, MAP_SHARED, fd, 0), EINVAL);
	expect_map("mmap past the last ring",
		   mmap(NULL, page, PROT_READ, MAP_SHARED, fd, (off_t)good.nr_rings * good.ring_stride), EINVAL);
	expect_map("mmap at a huge offset",
		   mmap(NULL, page, PROT_READ, MAP_SHARED, fd, (off_t)1 << 40), EINVAL);
	p = mmap(NULL, good.ring_map_size, PROT_READ, MAP_SHARED, fd, 0);
	expect_map("mmap read-only, whole ring", p, 0);
	if (p != MAP_FAILED) {
		const struct execmon_ring_ctl *ctl = p;

		if (ctl->version != EXECMON_UAPI_VERSION || ctl->size != sizeof(*ctl) ||
		    ctl->data_size != good.data_size) {
			printf("FAIL ring ctl: version %u size %u data %llu\n", ctl->version, ctl->size,
			       (unsigned long long)ctl->data_size);
			failures++;
		}
		expect("mprotect read-only ring to writable", mprotect(p, page, PROT_READ | PROT_WRITE), EACCES);
		expect("mprotect read-only ring to executable", mprotect(p, page, PROT_READ | PROT_EXEC), EACCES);
		/* a child has none of the reader's ring mappings (VM_DONTCOPY) */
		pid_t pid = fork();

		if (!pid) {
			char line[512];
			FILE *maps = fopen("/proc/self/maps", "r");
			int found = 0;

			while (maps && fgets(line, sizeof(line), maps))
				found |= strstr(line, EXECMON_DEVICE) != NULL;
			_exit(!maps || found);
		}
		int status = -1;

		waitpid(pid, &status, 0);
		expect("a fork inherits no ring mapping", WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : -1, 0);
		munmap(p, good.ring_map_size);
	}
	expect_map("mmap read-only, executable",
		   mmap(NULL, page, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0), EPERM);
	expect_map("mmap consumer page writable and executable",
		   mmap(NULL, page, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_SHARED, fd, good.consumer_off), EPERM);
	p = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, good.consumer_off);
	expect_map("mmap consumer page writable", p, 0);
	if (p != MAP_FAILED)
		expect("mprotect consumer page to executable",
		       mprotect(p, page, PROT_READ | PROT_WRITE | PROT_EXEC), EACCES);

	/* a reader that scribbles on consumer_pos, then uses read(): resynchronised, no crash */
	if (p != MAP_FAILED) {
		((struct execmon_ring_consumer *)p)->consumer_pos = 0xdeadbeef13ULL;
		fcntl(fd, F_SETFL, O_NONBLOCK);
		for (int i = 0; i < 4; i++) {
			if (!fork())
				execl("/usr/bin/true", "true", "scribbled", (char *)NULL), _exit(1);
		}
		while (wait(NULL) > 0)
			;
		while (read(fd, buf, sizeof(buf)) > 0)
			;
		printf("ok read() after a scribbled consumer_pos returned\n");
		munmap(p, page);
	}
	/* with an event pending, a bad buffer is EFAULT and the line stays for the next read() */
	if (!fork())
		execl("/usr/bin/true", "true", "pending", (char *)NULL), _exit(1);
	wait(NULL);
	{
		void *volatile bad = (void *)8;
		ssize_t n;

		expect("read() into a bad pointer", (int)read(fd, bad, 100), EFAULT);
		n = read(fd, buf, sizeof(buf) - 1);
		buf[n > 0 ? n : 0] = '\0';
		expect("read() after EFAULT gets the line", n > 0 ? 0 : -1, 0);
	}
	close(fd);

	/* a fresh session: read() with a zero-length buffer, then a bad pointer */
	fd2 = dev();
	expect("read() of 0 bytes", (int)read(fd2, buf, 0), 0);

	/* IMAGE: any session, no setup needed; only pid is input */
	{
		struct execmon_image_query q, zero = { .size = sizeof(q), .pid = 1 };
		char big[sizeof(q) + 8];

		q = zero;
		expect("IMAGE of pid 1", ioctl(fd2, EXECMON_IOC_IMAGE, &q), 0);
		expect("IMAGE of pid 1: no parent, a start and a pid",
		       !q.ppid && !q.parent_image.start_ns && !q.parent_image.exec_seq &&
		       q.image.start_ns ? 0 : -1, 0);
		q = zero, q.pid = getpid();
		expect("IMAGE of itself", ioctl(fd2, EXECMON_IOC_IMAGE, &q), 0);
		expect("IMAGE of itself: its parent's pid",
		       q.ppid == (__u32)getppid() && q.parent_image.start_ns ? 0 : -1, 0);
		q = zero, q.resv = 1;
		expect("IMAGE with nonzero resv", ioctl(fd2, EXECMON_IOC_IMAGE, &q), EINVAL);
		q = zero, q.ppid = 1;
		expect("IMAGE with ppid set", ioctl(fd2, EXECMON_IOC_IMAGE, &q), EINVAL);
		q = zero, q.image.exec_seq = 1;
		expect("IMAGE with an out field set", ioctl(fd2, EXECMON_IOC_IMAGE, &q), EINVAL);
		q = zero, q.size = sizeof(q) - 8;
		expect("IMAGE whose size disagrees", ioctl(fd2, EXECMON_IOC_IMAGE, &q), EINVAL);
		expect("IMAGE smaller than version 1",
		       ioctl(fd2, _IOWR(EXECMON_IOC_MAGIC, 6, __u64), &q), EINVAL);
		expect("IMAGE as _IOR", ioctl(fd2, _IOR(EXECMON_IOC_MAGIC, 6, struct execmon_image_query), &q), EINVAL);
		memset(big, 0, sizeof(big)), memcpy(big, &zero, sizeof(zero));
		((struct execmon_image_query *)big)->size = sizeof(big);
		expect("IMAGE larger, zero tail (a newer reader)",
		       ioctl(fd2, _IOWR(EXECMON_IOC_MAGIC, 6, big), big), 0);
		big[sizeof(big) - 1] = 1;
		expect("IMAGE larger, nonzero tail",
		       ioctl(fd2, _IOWR(EXECMON_IOC_MAGIC, 6, big), big), EINVAL);
		q = zero, q.pid = 0;
		expect("IMAGE of pid 0", ioctl(fd2, EXECMON_IOC_IMAGE, &q), ESRCH);
		q = zero, q.pid = 0x7fffffff;
		expect("IMAGE of a pid that is not running", ioctl(fd2, EXECMON_IOC_IMAGE, &q), ESRCH);
		q = zero, q.pid = (__u32)-1;
		expect("IMAGE of pid 2^32-1", ioctl(fd2, EXECMON_IOC_IMAGE, &q), ESRCH);
		expect("IMAGE from a bad pointer", ioctl(fd2, EXECMON_IOC_IMAGE, (void *)8), EFAULT);
	}
	close(fd2);
	return failures ? 1 : 0;
}
