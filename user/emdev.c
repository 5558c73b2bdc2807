// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include "emdev.h"

const char *emdev_open_hint(int err)
{
	switch (err) {
	case ENOENT:
	case ENODEV:
	case ENXIO:
		return "the execmon module is not loaded (modprobe execmon)";
	case EACCES:
	case EPERM:
		return "permission denied (the device is root's, and its group's where the "
		       "packages made it 0640: see execmon(8), ACCESS)";
	case EBUSY:
		return "too many readers (see the module's max_readers parameter)";
	}
	return strerror(err);
}

bool emdev_boot_id(char *buf, size_t size)
{
	ssize_t n;
	int fd = open("/proc/sys/kernel/random/boot_id", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return false;
	buf[n] = 0;
	return true;
}

int emdev_open(struct emdev *d, const char *path, unsigned int ring_pages, const char **what)
{
	unsigned int i;
	int err;

	memset(d, 0, sizeof(*d));
	*what = "open";
	d->fd = open(path, O_RDWR | O_CLOEXEC);
	if (d->fd < 0)
		return -1;
	*what = "setup";
	d->setup.size = sizeof(d->setup);
	d->setup.ring_pages = ring_pages;
	if (ioctl(d->fd, EXECMON_IOC_SETUP, &d->setup))
		goto err;
	d->nr_rings = d->setup.nr_rings;
	d->rings = calloc(d->nr_rings, sizeof(*d->rings));
	d->present = calloc(d->nr_rings, sizeof(*d->present));
	d->maps = calloc(2 * d->nr_rings, sizeof(*d->maps));
	*what = "memory";
	if (!d->rings || !d->present || !d->maps)
		goto err;
	*what = "mmap";
	for (i = 0; i < d->nr_rings; i++) {
		off_t off = (off_t)i * d->setup.ring_stride;
		void *ro = mmap(NULL, d->setup.ring_map_size, PROT_READ, MAP_SHARED, d->fd, off);
		void *cons;

		if (ro == MAP_FAILED) {
			if (errno == EINVAL)	/* a CPU that cannot exist */
				continue;
			goto err;
		}
		d->maps[2 * i] = ro;
		cons = mmap(NULL, (size_t)sysconf(_SC_PAGESIZE), PROT_READ | PROT_WRITE,
			    MAP_SHARED, d->fd, off + d->setup.consumer_off);
		if (cons == MAP_FAILED)
			goto err;
		d->maps[2 * i + 1] = cons;
		emring_init(&d->rings[i], ro, cons, &d->setup);
		d->present[i] = true;
	}
	return 0;
err:
	err = errno;
	emdev_close(d);
	errno = err;
	return -1;
}

void emdev_close(struct emdev *d)
{
	unsigned int i;

	for (i = 0; d->maps && i < d->nr_rings; i++) {
		if (d->maps[2 * i])
			munmap(d->maps[2 * i], d->setup.ring_map_size);
		if (d->maps[2 * i + 1])
			munmap(d->maps[2 * i + 1], (size_t)sysconf(_SC_PAGESIZE));
	}
	free(d->maps);
	free(d->present);
	free(d->rings);
	if (d->fd >= 0)
		close(d->fd);
	memset(d, 0, sizeof(*d));
	d->fd = -1;
}
