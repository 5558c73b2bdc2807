/* SPDX-License-Identifier: GPL-2.0 */
/* Opening /dev/execmon and mapping a session's rings. */
#ifndef EM_USER_EMDEV_H
#define EM_USER_EMDEV_H

#include <stdbool.h>
#include <unistd.h>
#include <linux/execmon.h>
#include "ring.h"

/* The ring sizes EXECMON_IOC_SETUP takes: powers of two from min to EXECMON_RING_PAGES_MAX. */
static inline unsigned long emdev_ring_pages_min(void)
{
	return EXECMON_RING_MIN_BYTES / (unsigned long)sysconf(_SC_PAGESIZE);
}

static inline bool emdev_ring_pages_ok(unsigned long pages)
{
	return pages >= emdev_ring_pages_min() && pages <= EXECMON_RING_PAGES_MAX &&
	       !(pages & (pages - 1));
}

struct emdev {
	int fd;
	struct execmon_setup setup;
	unsigned int nr_rings;
	struct emring *rings;		/* [nr_rings] */
	bool *present;			/* [nr_rings]: false for CPUs that cannot exist */
	void **maps;			/* [2 * nr_rings]: read-only, consumer */
};

/*
 * Open the device, size the rings (ring_pages 0: the module's default) and
 * map them.  On failure returns -1 with errno set and *what saying which step
 * failed.
 */
int emdev_open(struct emdev *d, const char *path, unsigned int ring_pages, const char **what);
void emdev_close(struct emdev *d);

/*
 * This boot's id, which exec ids begin with, as the kernel writes it
 * (/proc/sys/kernel/random/boot_id), into buf, NUL-terminated: for
 * em_set_boot_id().  false with errno set.
 */
bool emdev_boot_id(char *buf, size_t size);

/* A message for a failure of open() on the device, for the tools to print. */
const char *emdev_open_hint(int err);

#endif /* EM_USER_EMDEV_H */
