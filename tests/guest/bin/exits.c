// SPDX-License-Identifier: GPL-2.0
/*
 * Processes that end in the ways sched_process_exit must tell apart.
 *   exits threads N   N threads besides the leader; the leader leaves
 *                     first, the others one after another,
 *                     each by its own exit (no exit_group): the process
 *                     ends with its last thread, status 0
 *   exits group N C   N threads that block; one calls exit(C) (exit_group),
 *                     which ends them all at once
 *   exits segv        a write through a null pointer
 *   exits code C      exit(C), one thread
 *   exits pause       waits for a signal
 * Each prints its pid first, on a line of its own.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int code;

/*
 * Each thread leaves by the exit system call itself: a return from here
 * would make glibc's last thread call exit(), an exit_group(), and
 * pthread_exit() unwinds with libgcc_s, which the guest lacks.
 */
static void *one_by_one(void *arg)
{
	usleep(20000 * (1 + (long)arg));	/* in turn, after the leader */
	syscall(SYS_exit, 0);
	return NULL;
}

static void *block(void *arg)
{
	if ((long)arg == 0) {
		usleep(50000);
		exit(code);
	}
	pause();
	return NULL;
}

int main(int argc, char **argv)
{
	void *(*fn)(void *);
	long i, n;

	if (argc == 2 && !strcmp(argv[1], "segv")) {
		printf("%d\n", getpid());
		fflush(stdout);
		*(volatile int *)0 = 1;
		return 1;
	}
	if (argc == 2 && !strcmp(argv[1], "pause")) {
		printf("%d\n", getpid());
		fflush(stdout);
		pause();
		return 1;
	}
	if (argc == 3 && !strcmp(argv[1], "code"))
		return atoi(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "threads")) {
		fn = one_by_one;
	} else if (argc == 4 && !strcmp(argv[1], "group")) {
		fn = block;
		code = atoi(argv[3]);
	} else {
		fprintf(stderr, "usage: exits threads N | group N CODE | segv | code C | pause\n");
		return 2;
	}
	printf("%d\n", getpid());
	fflush(stdout);
	n = atol(argv[2]);
	for (i = 0; i < n; i++) {
		pthread_t t;

		if (pthread_create(&t, NULL, fn, (void *)i)) {
			perror("pthread_create");
			return 1;
		}
	}
	syscall(SYS_exit, 0);	/* the leader goes first; the process lives on */
	return 1;
}
