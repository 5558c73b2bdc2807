// SPDX-License-Identifier: GPL-2.0
/*
 * idprobe TAG OUT: the ground truth of identity, from inside the image
 * that ran: into OUT, one "key value" per line, what the kernel says of
 * this process (getauxval(AT_SECURE), /proc/self/status's Uid, Gid,
 * Groups and Cap lines, loginuid, sessionid, the tty number of
 * /proc/self/stat and the name of fd 0's terminal, without /dev/).  TAG
 * is only for the event's argv.
 */
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

static void copy_file(FILE *o, const char *key, const char *path)
{
	char buf[256] = "";
	FILE *f = fopen(path, "r");

	if (f && fgets(buf, sizeof(buf), f))
		buf[strcspn(buf, "\n")] = '\0';
	if (f)
		fclose(f);
	fprintf(o, "%s %s\n", key, buf);
}

int main(int argc, char **argv)
{
	static const char *const keys[] = { "Uid:", "Gid:", "Groups:", "CapInh:", "CapPrm:", "CapEff:" };
	char line[1024], *tty;
	unsigned int i;
	int tty_nr = 0;
	FILE *o, *f;

	if (argc < 3 || !(o = fopen(argv[2], "w"))) {
		fprintf(stderr, "usage: idprobe TAG OUT\n");
		return 2;
	}
	fprintf(o, "secure %lu\n", getauxval(AT_SECURE));
	f = fopen("/proc/self/status", "r");
	while (f && fgets(line, sizeof(line), f)) {
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			size_t n = strlen(keys[i]);

			if (!strncmp(line, keys[i], n)) {
				char *v = line + n;

				v += strspn(v, " \t");
				v[strcspn(v, "\n")] = '\0';
				/* Uid:\treal\teffective\tsaved\tfs, the groups space-separated */
				for (char *p = v; *p; p++)
					if (*p == '\t')
						*p = ' ';
				fprintf(o, "%.*s %s\n", (int)n - 1, keys[i], v);
			}
		}
	}
	if (f)
		fclose(f);
	copy_file(o, "loginuid", "/proc/self/loginuid");
	copy_file(o, "sessionid", "/proc/self/sessionid");
	f = fopen("/proc/self/stat", "r");
	/* pid (comm) state ppid pgrp session tty_nr: comm may hold spaces, so after the last ')' */
	if (f && fgets(line, sizeof(line), f)) {
		char *p = strrchr(line, ')');

		if (p)
			sscanf(p + 1, " %*c %*d %*d %*d %d", &tty_nr);
	}
	if (f)
		fclose(f);
	fprintf(o, "tty_nr %d\n", tty_nr);
	tty = ttyname(0);
	fprintf(o, "ttyname %s\n", tty && !strncmp(tty, "/dev/", 5) ? tty + 5 : "");
	fclose(o);
	return 0;
}
