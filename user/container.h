/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which container an event came from: the cgroup v2 path of its cgroup id,
 * and the container id the common runtimes write into that path.
 */
#ifndef EM_USER_CONTAINER_H
#define EM_USER_CONTAINER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EM_CONTAINER_ID_MAX	128	/* the longest id kept, NUL included */

/*
 * The container id in a cgroup path (relative to the cgroup v2 root), for
 * Docker, containerd (CRI and plain), CRI-O, Podman and systemd-nspawn, both
 * with the systemd cgroup driver (docker-ID.scope) and cgroupfs
 * (/docker/ID).  The innermost container wins.  Returns false (and "") for
 * a path no runtime made; *runtime names the runtime.
 */
bool em_container_of_path(const char *path, char *id, size_t idlen, const char **runtime);

/*
 * A cache from cgroup id to container id, filled by walking the cgroup v2
 * tree (root, usually /sys/fs/cgroup) on a miss.  Readers look up under
 * RCU (liburcu's lock-free hash table), so threads that format never wait
 * for the one that walks.  Every thread that looks up must be registered
 * with liburcu (rcu_register_thread()).
 */
struct em_cgcache;
struct em_cgcache *em_cgcache_new(const char *root);
void em_cgcache_free(struct em_cgcache *c);
/* the container id for cgroup id (into id, "" when none); false if not found even after a walk */
bool em_cgcache_container(struct em_cgcache *c, uint64_t cgroup_id, char *id, size_t idlen);

#endif /* EM_USER_CONTAINER_H */
