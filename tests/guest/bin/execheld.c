// SPDX-License-Identifier: GPL-2.0
/*
 * execheld N PATH TAG MISSING M: hold N execs of PATH in flight at once,
 * then make M execs of MISSING (a path that does not exist) while they are
 * held, then let the N go.
 *
 * The N children exec PATH with argv {PATH, TAG, i, HOLD}: HOLD is a string
 * on a page registered with userfaultfd and never filled, so each child
 * blocks inside execve() where the kernel reads its arguments, until this
 * process fills the page (with zeroes: HOLD is then ""), which wakes them
 * all.  Each holds what the exec path gave it on the way in, kretprobe
 * instances among them.  The M execs (argv {MISSING, TAG-missed, j}) must
 * fail with ENOENT.  The children share this process's memory (CLONE_VM,
 * which also makes their faults this userfaultfd's): thousands of them cost
 * a kernel stack each, not an address space.
 *
 * Prints "held N" once all N are blocked in execve(), then "missed M",
 * then once the N have ended, "status S: K" for each exit status S that K
 * of them gave (127: their exec failed).  Exit status 0 when all of them
 * ended by exit().
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/userfaultfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define MAX_CHILDREN	65536
#define STACK_SIZE	(16 * 1024)
#define HOLD_WAIT_S	900	/* for all N to block: thousands of clones, debug kernels */

struct child {
	pid_t pid;
	char idx[16];
	char *argv[5];
};

static char *envp[] = { NULL };

static void die(const char *what)
{
	perror(what);
	exit(2);
}

/*
 * The child: it shares our memory and our TLS, so nothing but raw system
 * calls (the argument vector was built by the parent).
 */
static int child_fn(void *arg)
{
	struct child *c = arg;

	syscall(SYS_execve, c->argv[0], c->argv, envp);
	syscall(SYS_exit, 127);
	return 127;
}

/* is the task blocked in execve() (SYS_execve first in /proc/PID/syscall)? */
static int in_execve(pid_t pid)
{
	char path[64], buf[32];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/syscall", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return atoi(buf) == SYS_execve && buf[0] != 'r';	/* "running" */
}

int main(int argc, char **argv)
{
	struct child *kids;
	char *stacks, *hold, *missing, tag_missed[64], idx[16];
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg;
	struct uffdio_zeropage fill;
	int i, n, m, uffd, status, bad = 0, by_status[256] = { 0 };
	long page = sysconf(_SC_PAGESIZE);
	time_t until;

	if (argc != 6 || (n = atoi(argv[1])) < 1 || n > MAX_CHILDREN || (m = atoi(argv[5])) < 0) {
		fprintf(stderr, "usage: execheld N PATH TAG MISSING M\n");
		return 2;
	}
	missing = argv[4];
	snprintf(tag_missed, sizeof(tag_missed), "%s-missed", argv[3]);

	/* faults in the kernel's reads too: no UFFD_USER_MODE_ONLY (root may) */
	uffd = syscall(SYS_userfaultfd, O_CLOEXEC);
	if (uffd < 0)
		die("userfaultfd");
	if (ioctl(uffd, UFFDIO_API, &api))
		die("UFFDIO_API");
	hold = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (hold == MAP_FAILED)
		die("mmap");
	reg.range.start = (unsigned long)hold;
	reg.range.len = page;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	if (ioctl(uffd, UFFDIO_REGISTER, &reg))
		die("UFFDIO_REGISTER");

	kids = calloc(n, sizeof(*kids));
	stacks = mmap(NULL, (size_t)n * STACK_SIZE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (!kids || stacks == MAP_FAILED)
		die("memory for the children");
	for (i = 0; i < n; i++) {
		struct child *c = &kids[i];

		snprintf(c->idx, sizeof(c->idx), "%d", i);
		c->argv[0] = argv[2];
		c->argv[1] = argv[3];
		c->argv[2] = c->idx;
		c->argv[3] = hold;
		c->argv[4] = NULL;
		c->pid = clone(child_fn, stacks + (size_t)(i + 1) * STACK_SIZE,
			       CLONE_VM | SIGCHLD, c);
		if (c->pid < 0)
			die("clone");
	}

	until = time(NULL) + HOLD_WAIT_S;
	for (i = 0; i < n; ) {
		if (in_execve(kids[i].pid)) {
			i++;
			continue;
		}
		if (waitpid(kids[i].pid, &status, WNOHANG) == kids[i].pid) {
			fprintf(stderr, "execheld: child %d ended before it was held (status %#x)\n",
				i, status);
			return 1;
		}
		if (time(NULL) > until) {
			fprintf(stderr, "execheld: only %d of %d are blocked in execve()\n", i, n);
			return 1;
		}
		usleep(10000);
	}
	printf("held %d\n", n);
	fflush(stdout);

	for (i = 0; i < m; i++) {
		char *args[] = { missing, tag_missed, idx, NULL };

		snprintf(idx, sizeof(idx), "%d", i);
		execve(missing, args, envp);
		if (errno != ENOENT) {
			fprintf(stderr, "execheld: exec of %s: %s, not ENOENT\n", missing,
				strerror(errno));
			return 1;
		}
	}
	printf("missed %d\n", m);
	fflush(stdout);

	/* let them go: filling the page wakes every fault waiting on it */
	fill.range.start = (unsigned long)hold;
	fill.range.len = page;
	fill.mode = 0;
	if (ioctl(uffd, UFFDIO_ZEROPAGE, &fill))
		die("UFFDIO_ZEROPAGE");
	for (i = 0; i < n; i++) {
		if (waitpid(kids[i].pid, &status, 0) != kids[i].pid)
			die("waitpid");
		if (WIFEXITED(status))
			by_status[WEXITSTATUS(status)]++;
		else if (!bad++)
			fprintf(stderr, "execheld: child %d: killed by signal %d\n", i, WTERMSIG(status));
	}
	for (i = 0; i < 256; i++)
		if (by_status[i])
			printf("status %d: %d\n", i, by_status[i]);
	if (bad)
		fprintf(stderr, "execheld: %d of %d children were killed\n", bad, n);
	return bad ? 1 : 0;
}
