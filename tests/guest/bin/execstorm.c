// SPDX-License-Identifier: GPL-2.0
/*
 * Exec storms for guest tests and benchmarks.
 *   execstorm fail N TAG   N execve() of a missing path, in this process,
 *                          argv = {path, TAG, i}; prints the seconds taken
 *   execstorm ok N TAG     N fork + execve("/usr/bin/true", {.., TAG, i})
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	char idx[32];
	long n, i;

	if (argc != 4 || (strcmp(argv[1], "fail") && strcmp(argv[1], "ok"))) {
		fprintf(stderr, "usage: execstorm fail|ok N TAG\n");
		return 2;
	}
	n = atol(argv[2]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++) {
		snprintf(idx, sizeof(idx), "%ld", i);
		if (argv[1][0] == 'f') {
			char *args[] = { "/nonexistent/execstorm", argv[3], idx, NULL };

			execve(args[0], args, (char *[]){ NULL });
		} else {
			char *args[] = { "/usr/bin/true", argv[3], idx, NULL };
			pid_t pid = fork();

			if (pid == 0) {
				execve(args[0], args, (char *[]){ NULL });
				_exit(127);
			}
			waitpid(pid, NULL, 0);
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%.6f\n", (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	return 0;
}
