// SPDX-License-Identifier: GPL-2.0
/*
 * chainfull N PATH SCRIPT TAG: hold N execs of PATH at once, each stopped
 * by ptrace at its exec event, where the exec has passed every binary
 * handler and not yet freed its bprm (so it still holds what the module
 * keeps per exec, a chain slot among it); then run SCRIPT TAG to its end,
 * and let the N go.  Prints "held N"; exits 0 when all went so.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int n, i, held = 0, status;
	pid_t *kids, p;

	if (argc != 5 || (n = atoi(argv[1])) <= 0) {
		fprintf(stderr, "usage: chainfull N PATH SCRIPT TAG\n");
		return 2;
	}
	kids = calloc(n, sizeof(*kids));
	for (i = 0; i < n; i++) {
		kids[i] = fork();
		if (!kids[i]) {
			ptrace(PTRACE_TRACEME, 0, NULL, NULL);
			raise(SIGSTOP);
			execl(argv[2], argv[2], "chainfull-held", (char *)NULL);
			_exit(127);
		}
		if (kids[i] < 0 || waitpid(kids[i], &status, 0) != kids[i] || !WIFSTOPPED(status)) {
			fprintf(stderr, "child %d did not stop\n", i);
			break;
		}
		ptrace(PTRACE_SETOPTIONS, kids[i], NULL, (void *)PTRACE_O_TRACEEXEC);
		ptrace(PTRACE_CONT, kids[i], NULL, NULL);
		/* until its exec event: then it holds its bprm */
		if (waitpid(kids[i], &status, 0) != kids[i] ||
		    status >> 8 != (SIGTRAP | (PTRACE_EVENT_EXEC << 8))) {
			fprintf(stderr, "child %d: no exec event (status %#x)\n", i, status);
			break;
		}
		held++;
	}
	printf("held %d\n", held);
	fflush(stdout);
	p = fork();
	if (!p) {
		execl(argv[3], argv[3], argv[4], (char *)NULL);
		_exit(127);
	}
	waitpid(p, &status, 0);
	for (i = 0; i < held; i++)
		ptrace(PTRACE_DETACH, kids[i], NULL, NULL);
	for (i = 0; i < held; i++)
		waitpid(kids[i], NULL, 0);
	return held == n && WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : 1;
}
