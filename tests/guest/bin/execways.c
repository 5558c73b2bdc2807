// SPDX-License-Identifier: GPL-2.0
/*
 * The ways into exec that a shell cannot make, for guest tests.  Each
 * writes its pid (and tid where it matters) to the file named by
 * $EXECWAYS_PIDFILE before it execs.
 *   execways at DIR NAME ARG...      execveat(open(DIR), NAME)
 *   execways fd PATH ARG...          fexecve: execveat(open(PATH), "", AT_EMPTY_PATH)
 *   execways memfd PATH ARG...       PATH's bytes in a memfd, then fexecve
 *   execways deleted PATH ARG...     a copy of PATH, opened, unlinked, fexecve'd
 *   execways thread PATH ARG...      execve from a thread that is not the leader
 *   execways vfork PATH ARG...       vfork, execve in the child
 *   execways e2big PATH              execve with 3 MiB of arguments
 *   execways efault PATH             execve with argv pointing nowhere
 *   execways edge PATH ARG...        argv's NULL the last word of a page, the
 *                                    next page unmapped
 *   execways cross PATH ARG...       the last argument runs into an unmapped
 *                                    page: its readable part is "cross"
 *   execways nulend PATH ARG...      the last argument, "whole", ends with its
 *                                    NUL as the last byte before an unmapped page
 *   execways uid UID PATH ARG...     setgid/setuid to UID, then execve
 *   execways ids UID GID GROUPS PATH ARG...  the same with GID, and GROUPS
 *                                    (G1,G2,...) as the supplementary groups
 *   execways hold N PATH SECONDS     open PATH read-only N times, then sleep
 *   execways deep N COPY PATH ARG... mkdir and chdir N levels of 200-byte names
 *                                    below the cwd (past PATH_MAX for N >= 21),
 *                                    copy COPY there as ./copy ("-": none), then
 *                                    execve PATH
 *   execways sock PATH ARG...        stdin a socket (a socketpair's end); the pid
 *                                    file gets fd 0's link name too
 *   execways pty PATH ARG...         in a child, in a session of its own whose
 *                                    controlling terminal is a new pty's slave
 *                                    (fds 0, 1 and 2); waits for it
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <grp.h>
#include <unistd.h>

extern char **environ;
static char **args;
static const char *path;

static void pidfile(void)
{
	const char *f = getenv("EXECWAYS_PIDFILE");
	FILE *fp = f ? fopen(f, "w") : NULL;

	if (fp) {
		fprintf(fp, "%d %ld\n", getpid(), (long)syscall(SYS_gettid));
		fclose(fp);
	}
}

static int copy_into(int dst, const char *src)
{
	int in = open(src, O_RDONLY);
	struct stat st;

	if (in < 0 || fstat(in, &st) || sendfile(dst, in, NULL, st.st_size) != st.st_size)
		return -1;
	close(in);
	return 0;
}

static void *thread_exec(void *arg)
{
	(void)arg;
	pidfile();
	execve(path, args, environ);
	perror("execve");
	exit(127);
}

int main(int argc, char **argv)
{
	int fd;

	if (argc < 3) {
		fprintf(stderr, "usage: see the source\n");
		return 2;
	}
	path = argv[2];
	args = argv + 3;
	if (!strcmp(argv[1], "at")) {
		fd = open(argv[2], O_RDONLY | O_DIRECTORY);
		pidfile();
		syscall(SYS_execveat, fd, argv[3], argv + 3, environ, 0);
	} else if (!strcmp(argv[1], "fd")) {
		fd = open(path, O_RDONLY);
		pidfile();
		syscall(SYS_execveat, fd, "", args, environ, AT_EMPTY_PATH);
	} else if (!strcmp(argv[1], "memfd")) {
		fd = memfd_create("payload", MFD_CLOEXEC);
		if (fd < 0 || copy_into(fd, path))
			return 1;
		pidfile();
		syscall(SYS_execveat, fd, "", args, environ, AT_EMPTY_PATH);
	} else if (!strcmp(argv[1], "deleted")) {
		char tmp[] = "/tmp/execways-XXXXXX";

		fd = mkstemp(tmp);
		if (fd < 0 || copy_into(fd, path) || fchmod(fd, 0755))
			return 1;
		close(fd);
		fd = open(tmp, O_RDONLY | O_CLOEXEC);
		unlink(tmp);
		pidfile();
		syscall(SYS_execveat, fd, "", args, environ, AT_EMPTY_PATH);
	} else if (!strcmp(argv[1], "thread")) {
		pthread_t t;

		pthread_create(&t, NULL, thread_exec, NULL);
		pthread_join(t, NULL);
	} else if (!strcmp(argv[1], "vfork")) {
		pid_t pid = vfork();

		if (pid == 0) {
			execve(path, args, environ);
			_exit(127);
		}
		waitpid(pid, NULL, 0);
		return 0;
	} else if (!strcmp(argv[1], "e2big")) {
		size_t n = 3 << 20, i;
		char *big = malloc(n + 1), *a[] = { (char *)path, big, NULL };

		for (i = 0; i < n; i++)
			big[i] = 'x';
		big[n] = '\0';
		pidfile();
		execve(path, a, environ);
		return errno == E2BIG ? 0 : 1;
	} else if (!strcmp(argv[1], "uid")) {
		uid_t uid = atoi(argv[2]);

		if (argc < 4 || setgroups(0, NULL) || setgid(uid) || setuid(uid))
			return 1;
		pidfile();
		execve(argv[3], argv + 4, environ);
	} else if (!strcmp(argv[1], "ids")) {
		gid_t groups[64];
		size_t ng = 0;
		char *g = argc >= 6 ? argv[4] : NULL;

		if (!g)
			return 2;
		while (*g && ng < sizeof(groups) / sizeof(groups[0])) {
			groups[ng++] = strtoul(g, &g, 10);
			if (*g == ',')
				g++;
		}
		if (setgroups(ng, groups) || setgid(atoi(argv[3])) || setuid(atoi(argv[2])))
			return 1;
		pidfile();
		execve(argv[5], argv + 6, environ);
	} else if (!strcmp(argv[1], "hold")) {
		int n = argc == 5 ? atoi(argv[2]) : 0;

		if (!n)
			return 2;
		for (int i = 0; i < n; i++)
			if (open(argv[3], O_RDONLY) < 0) {
				perror(argv[3]);
				return 1;
			}
		pidfile();
		sleep(atoi(argv[4]));
		return 0;
	} else if (!strcmp(argv[1], "deep")) {
		char seg[201];
		int n = argc >= 6 ? atoi(argv[2]) : 0;

		if (!n)
			return 2;
		memset(seg, 'd', 200);
		seg[200] = '\0';
		for (int i = 0; i < n; i++)
			if ((mkdir(seg, 0755) && errno != EEXIST) || chdir(seg)) {
				perror("deep");
				return 1;
			}
		if (strcmp(argv[3], "-")) {
			int out = open("copy", O_WRONLY | O_CREAT | O_TRUNC, 0755);

			if (out < 0 || copy_into(out, argv[3]) || close(out))
				return 1;
		}
		pidfile();
		execve(argv[4], argv + 5, environ);
		if (errno == ENOENT)
			return 0;	/* a failure is what was asked for */
	} else if (!strcmp(argv[1], "pty")) {
		int master = posix_openpt(O_RDWR | O_NOCTTY), st;
		const char *slave;
		pid_t pid;

		if (master < 0 || grantpt(master) || unlockpt(master) || !(slave = ptsname(master)))
			return 1;
		pid = fork();
		if (pid < 0)
			return 1;
		if (!pid) {
			int fd;

			/* the first terminal a session leader opens becomes its controlling one */
			if (setsid() < 0 || (fd = open(slave, O_RDWR)) < 0 ||
			    ioctl(fd, TIOCSCTTY, 0) || dup2(fd, 0) < 0 || dup2(fd, 1) < 0 ||
			    dup2(fd, 2) < 0)
				_exit(1);
			pidfile();
			execve(path, args, environ);
			_exit(127);
		}
		/* the master stays open until the child is done: its output is dropped */
		while (waitpid(pid, &st, WNOHANG) == 0) {
			char buf[256];
			struct timeval tv = { 0, 100000 };
			fd_set r;

			FD_ZERO(&r);
			FD_SET(master, &r);
			if (select(master + 1, &r, NULL, NULL, &tv) > 0 && read(master, buf, sizeof(buf)) < 0)
				usleep(100000);	/* EIO once the slave is closed */
		}
		return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
	} else if (!strcmp(argv[1], "sock")) {
		int sv[2];
		char name[64] = "";
		const char *f = getenv("EXECWAYS_PIDFILE");
		FILE *fp;

		if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) || dup2(sv[0], 0) < 0)
			return 1;
		if (readlink("/proc/self/fd/0", name, sizeof(name) - 1) < 0)
			return 1;
		fp = f ? fopen(f, "w") : NULL;
		if (fp) {
			fprintf(fp, "%s\n", name);
			fclose(fp);
		}
		execve(path, args, environ);
	} else if (!strcmp(argv[1], "edge") || !strcmp(argv[1], "cross") ||
		   !strcmp(argv[1], "nulend")) {
		long pg = sysconf(_SC_PAGESIZE);
		char *m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		int n = argc - 2, i;	/* PATH and the ARGs */
		char **vec;

		if (m == MAP_FAILED || munmap(m + pg, pg))
			return 1;
		if (argv[1][0] == 'e') {
			/* the array ends with the page: its NULL is the last word */
			vec = (char **)(m + pg) - (n + 1);
		} else {
			/*
			 * one more argument: "cross", five bytes and no NUL, or
			 * "whole" and its NUL (an odd address: a word read from
			 * it runs into the unmapped page), then the unmapped page
			 */
			vec = calloc(n + 2, sizeof(*vec));
			if (!vec)
				return 1;
			vec[n] = argv[1][0] == 'c' ? memcpy(m + pg - 5, "cross", 5) :
						     memcpy(m + pg - 6, "whole", 6);
		}
		for (i = 0; i < n; i++)
			vec[i] = argv[2 + i];
		vec[argv[1][0] == 'e' ? n : n + 1] = NULL;
		pidfile();
		execve(path, vec, environ);
		return errno;
	} else if (!strcmp(argv[1], "efault")) {
		char **volatile nowhere = (char **)8;

		pidfile();
		execve(path, nowhere, environ);
		return errno == EFAULT ? 0 : 1;
	} else {
		return 2;
	}
	perror("exec");
	return 127;
}
