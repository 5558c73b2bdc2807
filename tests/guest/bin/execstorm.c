// SPDX-License-Identifier: GPL-2.0
/*
 * Exec storms for guest tests and benchmarks.
 *   execstorm fail N TAG   N execve() of a missing path, in this process,
 *                          argv = {path, TAG, i}
 *   execstorm ok N TAG [PATH]
 *                          N fork + execve(PATH, {.., TAG, i}); PATH is
 *                          /usr/bin/true unless given (busybox, static, is
 *                          some times cheaper under emulation)
 *   execstorm noexec N TAG PATH
 *                          N execve() of PATH, a file in no format the kernel
 *                          runs (ENOEXEC after the strings are copied), in
 *                          this process, argv = {PATH, TAG, i, 3000 times 'a'
 *                          to 'z' in turn, 3000 times 'A' to 'Z'}: the
 *                          kernel's copy spans pages
 * Prints the seconds taken, then the CPU seconds this process and its
 * children used (the execs' own cost, whatever else ran on the CPU).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static char lower[3001], upper[3001];
	struct timespec t0, t1, c0, c1;
	struct rusage ru;
	char idx[32];
	long n, i;

	if (argc == 5 && !strcmp(argv[1], "noexec")) {
		for (i = 0; i < 3000; i++) {
			lower[i] = 'a' + i % 26;
			upper[i] = 'A' + i % 26;
		}
		for (n = atol(argv[2]), i = 0; i < n; i++) {
			char *args[] = { argv[4], argv[3], idx, lower, upper, NULL };

			snprintf(idx, sizeof(idx), "%ld", i);
			execve(args[0], args, (char *[]){ NULL });
			if (errno != ENOEXEC) {
				perror("execstorm: execve");
				return 1;
			}
		}
		return 0;
	}
	if ((argc != 4 || strcmp(argv[1], "fail")) &&
	    ((argc != 4 && argc != 5) || strcmp(argv[1], "ok"))) {
		fprintf(stderr, "usage: execstorm fail N TAG, execstorm ok N TAG [PATH], "
			"execstorm noexec N TAG PATH\n");
		return 2;
	}
	n = atol(argv[2]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
	for (i = 0; i < n; i++) {
		snprintf(idx, sizeof(idx), "%ld", i);
		if (argv[1][0] == 'f') {
			char *args[] = { "/nonexistent/execstorm", argv[3], idx, NULL };

			execve(args[0], args, (char *[]){ NULL });
		} else {
			char *args[] = { argc == 5 ? argv[4] : "/usr/bin/true", argv[3], idx, NULL };
			pid_t pid = fork();

			if (pid == 0) {
				execve(args[0], args, (char *[]){ NULL });
				_exit(127);
			}
			waitpid(pid, NULL, 0);
		}
	}
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	/* the children's time is tick-sampled; ours is the scheduler's exact count */
	getrusage(RUSAGE_CHILDREN, &ru);
	printf("%.6f %.6f\n", (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9,
	       (c1.tv_sec - c0.tv_sec) + (c1.tv_nsec - c0.tv_nsec) / 1e9 +
	       ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6);
	return 0;
}
