// SPDX-License-Identifier: GPL-2.0
/*
 * execmonctl: drives /dev/execmon's ioctls from admin scripts.
 * Exit codes: 0 success, 1 the operation failed, 2 bad usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/execmon.h>
#include "emdev.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: execmonctl [--device PATH] COMMAND\n"
		"commands:\n"
		"  version   the loaded module's version, UAPI version and features\n");
}

static int cmd_version(int fd)
{
	struct execmon_version v;

	memset(&v, 0, sizeof(v));
	if (ioctl(fd, EXECMON_IOC_VERSION, &v)) {
		fprintf(stderr, "execmonctl: version: %s\n", strerror(errno));
		return 1;
	}
	v.module_version[sizeof(v.module_version) - 1] = '\0';
	printf("module %s\nuapi %u\nfeatures 0x%llx\n", v.module_version, v.uapi_version,
	       (unsigned long long)v.features);
	return 0;
}

int main(int argc, char **argv)
{
	const char *device = EXECMON_DEVICE;
	int i = 1, fd, ret;

	if (i + 1 < argc && !strcmp(argv[i], "--device")) {
		device = argv[i + 1];
		i += 2;
	}
	if (i >= argc) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "help")) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[i], "version") || i + 1 != argc) {
		fprintf(stderr, "execmonctl: unknown command '%s'\n", argv[i]);
		usage(stderr);
		return 2;
	}
	fd = open(device, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "execmonctl: %s: %s\n", device, emdev_open_hint(errno));
		return 1;
	}
	ret = cmd_version(fd);
	close(fd);
	return ret;
}
