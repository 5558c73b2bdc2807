// SPDX-License-Identifier: GPL-2.0
/* Container ids from cgroup paths, and the cgroup id cache: see container.h. */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <urcu.h>
#include <urcu/rculfhash.h>
#include "container.h"

static bool em_is_hex(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* a 64-hex-digit id at s, ending at end (exclusive) */
static bool em_hex64(const char *s, const char *end)
{
	return end - s == 64 && em_is_hex(s, 64);
}

static void em_copy_id(char *id, size_t idlen, const char *s, size_t n)
{
	if (n >= idlen)
		n = idlen - 1;
	memcpy(id, s, n);
	id[n] = '\0';
}

/*
 * systemd unit names escape bytes as \xHH (a '-' in a machine name is
 * \x2d): undo it for nspawn's machine names.
 */
static void em_unescape_unit(char *id, size_t idlen, const char *s, size_t n)
{
	size_t o = 0, i;

	for (i = 0; i < n && o + 1 < idlen; i++) {
		unsigned int c;

		if (s[i] == '\\' && i + 3 < n && s[i + 1] == 'x' && sscanf(s + i + 2, "%2x", &c) == 1) {
			id[o++] = c;
			i += 3;
		} else {
			id[o++] = s[i];
		}
	}
	id[o] = '\0';
}

/* One path component: a container's cgroup? */
static bool em_container_of_name(const char *name, size_t n, char *id, size_t idlen,
				 const char **runtime)
{
	static const struct { const char *prefix, *runtime; } scopes[] = {
		{ "docker-", "docker" },
		{ "cri-containerd-", "containerd" },
		{ "crio-", "crio" },
		{ "libpod-", "podman" },
	};
	const char *end = name + n;
	unsigned int i;

	/* systemd driver: PREFIX-ID.scope; conmon's scopes are not the container */
	if (n > 6 && !memcmp(end - 6, ".scope", 6)) {
		for (i = 0; i < sizeof(scopes) / sizeof(scopes[0]); i++) {
			size_t pl = strlen(scopes[i].prefix);

			if (n > pl + 6 && !memcmp(name, scopes[i].prefix, pl) &&
			    em_hex64(name + pl, end - 6)) {
				em_copy_id(id, idlen, name + pl, 64);
				*runtime = scopes[i].runtime;
				return true;
			}
		}
		if (n > 8 + 6 && !memcmp(name, "machine-", 8)) {
			em_unescape_unit(id, idlen, name + 8, n - 8 - 6);
			*runtime = "nspawn";
			return true;
		}
		return false;
	}
	/* cgroupfs driver: /docker/ID, /kubepods/.../ID, /libpod_parent/libpod-ID */
	if (n == 64 && em_is_hex(name, 64)) {
		em_copy_id(id, idlen, name, 64);
		*runtime = "container";	/* the runtime is in the parent's name, if anywhere */
		return true;
	}
	if (n == 7 + 64 && !memcmp(name, "libpod-", 7) && em_is_hex(name + 7, 64)) {
		em_copy_id(id, idlen, name + 7, 64);
		*runtime = "podman";
		return true;
	}
	return false;
}

bool em_container_of_path(const char *path, char *id, size_t idlen, const char **runtime)
{
	const char *end = path + strlen(path), *slash;

	*runtime = "";
	id[0] = '\0';
	/* from the innermost component out: a container in a container is the inner one */
	while (end > path) {
		for (slash = end; slash > path && slash[-1] != '/'; slash--)
			;
		if (end > slash && em_container_of_name(slash, end - slash, id, idlen, runtime)) {
			/* cgroupfs: the parent directory tells the runtime */
			if (!strcmp(*runtime, "container") && slash > path) {
				if (slash - path >= 7 && !memcmp(slash - 7, "docker/", 7))
					*runtime = "docker";
				else if (strstr(path, "kubepods"))
					*runtime = "kubernetes";
			}
			return true;
		}
		end = slash > path ? slash - 1 : path;
	}
	return false;
}

/* ---- the cache ---- */

struct em_cgnode {
	struct cds_lfht_node node;
	uint64_t id;
	unsigned long walk;		/* the last walk that saw the cgroup */
	char container_id[EM_CONTAINER_ID_MAX];
	struct rcu_head rcu;
};

struct em_cgcache {
	struct cds_lfht *ht;
	char *root;
	size_t root_len;
	struct timespec last_walk;
	unsigned long walk;		/* walks so far */
};

static unsigned long em_hash(uint64_t id)
{
	id ^= id >> 33;
	id *= 0xff51afd7ed558ccdULL;
	id ^= id >> 33;
	return id;
}

static int em_match(struct cds_lfht_node *node, const void *key)
{
	return caa_container_of(node, struct em_cgnode, node)->id == *(const uint64_t *)key;
}

static void em_cgnode_free(struct rcu_head *head)
{
	free(caa_container_of(head, struct em_cgnode, rcu));
}

struct em_cgcache *em_cgcache_new(const char *root)
{
	struct em_cgcache *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->root = strdup(root);
	c->root_len = strlen(root);
	c->ht = cds_lfht_new(64, 64, 0, CDS_LFHT_AUTO_RESIZE | CDS_LFHT_ACCOUNTING, NULL);
	if (!c->root || !c->ht) {
		em_cgcache_free(c);
		return NULL;
	}
	return c;
}

void em_cgcache_free(struct em_cgcache *c)
{
	struct cds_lfht_iter it;
	struct em_cgnode *n;

	if (!c)
		return;
	if (c->ht) {
		rcu_read_lock();
		cds_lfht_for_each_entry(c->ht, &it, n, node) {
			if (!cds_lfht_del(c->ht, &n->node))
				call_rcu(&n->rcu, em_cgnode_free);
		}
		rcu_read_unlock();
		rcu_barrier();	/* the nodes are freed before the table goes */
		cds_lfht_destroy(c->ht, NULL);
	}
	free(c->root);
	free(c);
}

/* Insert or replace; the caller is the only writer. */
static void em_cgcache_put(struct em_cgcache *c, uint64_t id, const char *container_id)
{
	struct em_cgnode *n;
	struct cds_lfht_node *old;
	struct cds_lfht_iter it;

	rcu_read_lock();
	cds_lfht_lookup(c->ht, em_hash(id), em_match, &id, &it);
	old = cds_lfht_iter_get_node(&it);
	n = old ? caa_container_of(old, struct em_cgnode, node) : NULL;
	if (n && !strcmp(n->container_id, container_id)) {
		CMM_STORE_SHARED(n->walk, c->walk);	/* still there: keep it */
		rcu_read_unlock();
		return;
	}
	rcu_read_unlock();

	n = calloc(1, sizeof(*n));
	if (!n)
		return;
	n->id = id;
	n->walk = c->walk;
	snprintf(n->container_id, sizeof(n->container_id), "%s", container_id);
	cds_lfht_node_init(&n->node);
	rcu_read_lock();
	old = cds_lfht_add_replace(c->ht, em_hash(id), em_match, &n->id, &n->node);
	rcu_read_unlock();
	if (old)
		call_rcu(&caa_container_of(old, struct em_cgnode, node)->rcu, em_cgnode_free);
}

static __thread struct em_cgcache *em_walking;

static int em_walk_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	struct em_cgcache *c = em_walking;
	const char *rel = path + c->root_len;
	const char *runtime;
	char id[EM_CONTAINER_ID_MAX];

	if (type != FTW_D)
		return FTW_CONTINUE;
	em_container_of_path(rel, id, sizeof(id), &runtime);
	em_cgcache_put(c, st->st_ino, id);
	return FTW_CONTINUE;
}

/*
 * Forget cgroups two walks have not seen: gone, and their last events
 * formatted long ago.  Lookups in flight keep a node until they are done.
 */
static void em_cgcache_sweep(struct em_cgcache *c)
{
	struct cds_lfht_iter it;
	struct em_cgnode *n;

	rcu_read_lock();
	cds_lfht_for_each_entry(c->ht, &it, n, node) {
		if (c->walk - n->walk >= 2 && !cds_lfht_del(c->ht, &n->node))
			call_rcu(&n->rcu, em_cgnode_free);
	}
	rcu_read_unlock();
}

static bool em_lookup(struct em_cgcache *c, uint64_t cgroup_id, char *id, size_t idlen)
{
	struct cds_lfht_iter it;
	struct cds_lfht_node *node;
	bool found = false;

	rcu_read_lock();
	cds_lfht_lookup(c->ht, em_hash(cgroup_id), em_match, &cgroup_id, &it);
	node = cds_lfht_iter_get_node(&it);
	if (node && idlen) {
		/* per event: a plain copy, not the printf machinery */
		const char *cid = caa_container_of(node, struct em_cgnode, node)->container_id;
		size_t n = strnlen(cid, idlen - 1);

		memcpy(id, cid, n);
		id[n] = '\0';
		found = true;
	}
	rcu_read_unlock();
	return found;
}

bool em_cgcache_container(struct em_cgcache *c, uint64_t cgroup_id, char *id, size_t idlen)
{
	struct timespec now;

	id[0] = '\0';
	if (em_lookup(c, cgroup_id, id, idlen))
		return true;
	/*
	 * A cgroup made since the last walk: walk again, at most every 10 ms,
	 * so a burst of events from cgroups already gone costs one walk.
	 */
	clock_gettime(CLOCK_MONOTONIC, &now);
	if ((now.tv_sec - c->last_walk.tv_sec) * 1000000000LL + now.tv_nsec - c->last_walk.tv_nsec <
	    10000000LL)
		return false;
	c->last_walk = now;
	c->walk++;
	em_walking = c;
	nftw(c->root, em_walk_one, 64, FTW_PHYS | FTW_ACTIONRETVAL);
	em_walking = NULL;
	em_cgcache_sweep(c);
	return em_lookup(c, cgroup_id, id, idlen);
}
