// SPDX-License-Identifier: GPL-2.0
/*
 * execstop N PATH [ARG...]: start N children that exec PATH ARG... under
 * ptrace with PTRACE_O_TRACEEXEC, so that each stops at PTRACE_EVENT_EXEC:
 * after the exec succeeded (sched_process_exec has fired) and before the
 * task returns to user space.  Prints "stopped N" once all are held there,
 * then waits for a line on stdin, lets them go, and waits for them to exit.
 * Exit status 0 when every child stopped at its exec and exited 0.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#define MAX_CHILDREN 256

static void die(const char *what)
{
	perror(what);
	exit(2);
}

int main(int argc, char **argv)
{
	pid_t kids[MAX_CHILDREN];
	int i, n, status, bad = 0;
	char line[16];

	if (argc < 3 || (n = atoi(argv[1])) < 1 || n > MAX_CHILDREN) {
		fprintf(stderr, "usage: execstop N PATH [ARG...]\n");
		return 2;
	}
	for (i = 0; i < n; i++) {
		kids[i] = fork();
		if (kids[i] < 0)
			die("fork");
		if (!kids[i]) {
			if (ptrace(PTRACE_TRACEME, 0, NULL, NULL))
				die("PTRACE_TRACEME");
			raise(SIGSTOP);
			execv(argv[2], argv + 2);
			die("execv");
		}
		if (waitpid(kids[i], &status, 0) != kids[i] || !WIFSTOPPED(status) ||
		    WSTOPSIG(status) != SIGSTOP)
			die("waiting for the child's SIGSTOP");
		if (ptrace(PTRACE_SETOPTIONS, kids[i], NULL, (void *)PTRACE_O_TRACEEXEC) ||
		    ptrace(PTRACE_CONT, kids[i], NULL, NULL))
			die("PTRACE_SETOPTIONS/CONT");
		if (waitpid(kids[i], &status, 0) != kids[i] || !WIFSTOPPED(status) ||
		    status >> 8 != (SIGTRAP | (PTRACE_EVENT_EXEC << 8))) {
			fprintf(stderr, "child %d did not stop at its exec (status %#x)\n",
				kids[i], status);
			return 2;
		}
	}
	printf("stopped %d\n", n);
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		line[0] = '\0';
	for (i = 0; i < n; i++)
		if (ptrace(PTRACE_DETACH, kids[i], NULL, NULL))
			die("PTRACE_DETACH");
	for (i = 0; i < n; i++) {
		if (waitpid(kids[i], &status, 0) != kids[i])
			die("waitpid");
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			bad++;
	}
	return bad ? 1 : 0;
}
