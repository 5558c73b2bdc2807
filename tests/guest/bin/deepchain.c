// SPDX-License-Identifier: GPL-2.0
/*
 * deepchain DEPTH PATH [ARG...]: DEPTH processes, each the parent of the
 * next, below this one; the deepest execs PATH with argv {PATH, ARG...}.
 * So the exec's task has this process DEPTH parents up, and this process's
 * parent DEPTH + 1 up.
 *
 * The chain shares this process's memory (CLONE_VM, each level on a stack
 * of its own), so thousands of levels cost a kernel stack each, not an
 * address space.  Each level waits for its child and exits with its status:
 * the exit status is the exec'd program's, 127 when the exec failed (errno
 * on stderr), 126 when a level could not be made.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define STACK_SIZE	(16 * 1024)
#define MAX_DEPTH	100000

static char *stacks;
static char **exec_argv;

static int level(void *arg)
{
	long depth = (long)(intptr_t)arg;
	int st;
	pid_t pid;

	if (depth == 0) {
		execv(exec_argv[0], exec_argv);
		fprintf(stderr, "deepchain: %s: %s\n", exec_argv[0], strerror(errno));
		_exit(127);
	}
	/* the stack grows down: level d - 1 runs on the top of slot d - 1 */
	pid = clone(level, stacks + (size_t)depth * STACK_SIZE, CLONE_VM | SIGCHLD,
		    (void *)(intptr_t)(depth - 1));
	if (pid < 0) {
		fprintf(stderr, "deepchain: clone at %ld levels from the exec: %s\n",
			depth, strerror(errno));
		_exit(126);
	}
	/* the raw call: the levels share one libc and one errno */
	while (syscall(SYS_wait4, pid, &st, 0, NULL) < 0)
		;
	_exit(WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
}

int main(int argc, char **argv)
{
	long depth;

	if (argc < 3 || (depth = strtol(argv[1], NULL, 10)) < 1 || depth > MAX_DEPTH) {
		fprintf(stderr, "usage: deepchain DEPTH(1..%d) PATH [ARG...]\n", MAX_DEPTH);
		return 2;
	}
	exec_argv = argv + 2;
	stacks = mmap(NULL, (size_t)depth * STACK_SIZE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (stacks == MAP_FAILED) {
		perror("deepchain: mmap");
		return 126;
	}
	/* this process makes the first of the DEPTH levels, and waits */
	return level((void *)(intptr_t)depth);
}
