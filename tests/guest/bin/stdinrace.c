// SPDX-License-Identifier: GPL-2.0
/*
 * fd 0 changing under a failing exec (issue 18, item 1).  One thread loops
 * close(0) and open() of DIR/a or DIR/b, or a pipe, so fd 0 keeps being
 * another file; another thread of the same process loops failing
 * execve()s of DIR/missing with argv[1] = TAG, whose events read fd 0.  A
 * child process, which shares nothing, opens and closes DIR/decoy as fast
 * as it can, so that freed struct files are reused at once.  An event may
 * say any file fd 0 was, or no stdin at all; never the decoy.
 *
 * usage: stdinrace DIR TAG SECONDS; prints the number of execs tried.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static atomic_bool stop;
static char path_a[4096], path_b[4096], path_decoy[4096];

static void *flipper(void *arg)
{
	unsigned long i = 0;
	int p[2];

	(void)arg;
	while (!atomic_load(&stop)) {
		close(0);
		switch (i++ % 3) {
		case 0:
			open(path_a, O_RDONLY);
			break;
		case 1:
			open(path_b, O_RDONLY);
			break;
		case 2:
			/* the read end lands on fd 0; the write end goes at once */
			if (!pipe(p))
				close(p[1]);
			break;
		}
	}
	return NULL;
}

int main(int argc, char **argv)
{
	char missing[4096], *args[3];
	unsigned long tries = 0;
	pthread_t th;
	pid_t decoy;
	time_t end;
	int fd;

	if (argc != 4) {
		fprintf(stderr, "usage: stdinrace DIR TAG SECONDS\n");
		return 2;
	}
	snprintf(path_a, sizeof(path_a), "%s/a", argv[1]);
	snprintf(path_b, sizeof(path_b), "%s/b", argv[1]);
	snprintf(path_decoy, sizeof(path_decoy), "%s/decoy", argv[1]);
	snprintf(missing, sizeof(missing), "%s/missing", argv[1]);
	end = time(NULL) + atoi(argv[3]);

	decoy = fork();
	if (decoy < 0) {
		perror("fork");
		return 1;
	}
	if (!decoy) {
		for (;;) {
			fd = open(path_decoy, O_RDONLY);
			if (fd >= 0)
				close(fd);
		}
	}
	if (pthread_create(&th, NULL, flipper, NULL)) {
		fprintf(stderr, "pthread_create failed\n");
		return 1;
	}
	args[0] = missing;
	args[1] = argv[2];
	args[2] = NULL;
	while (time(NULL) < end) {
		execve(missing, args, (char *[]){ NULL });
		if (errno != ENOENT) {
			perror("execve");
			break;
		}
		tries++;
	}
	atomic_store(&stop, true);
	pthread_join(th, NULL);
	kill(decoy, SIGKILL);
	waitpid(decoy, NULL, 0);
	/* fd 0 may be closed now: stdout is fd 1 */
	printf("%lu\n", tries);
	return 0;
}
