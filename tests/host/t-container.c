// SPDX-License-Identifier: GPL-2.0
/* Container ids from cgroup paths, and the cgroup id cache (user/container.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <urcu.h>
#include "check.h"
#include "container.h"

#define ID64 "4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a"

static void expect(const char *path, const char *want_id, const char *want_runtime)
{
	char id[EM_CONTAINER_ID_MAX];
	const char *runtime;
	bool found = em_container_of_path(path, id, sizeof(id), &runtime);

	CHECK(found == (*want_id != '\0'), "%s: found %d", path, found);
	CHECK(!strcmp(id, want_id), "%s: id '%s', want '%s'", path, id, want_id);
	CHECK(!strcmp(runtime, want_runtime), "%s: runtime '%s', want '%s'", path, runtime, want_runtime);
}

static void test_paths(void)
{
	/* the systemd cgroup driver */
	expect("/system.slice/docker-" ID64 ".scope", ID64, "docker");
	expect("/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod1234.slice/"
	       "cri-containerd-" ID64 ".scope", ID64, "containerd");
	expect("/kubepods.slice/kubepods-pod99.slice/crio-" ID64 ".scope", ID64, "crio");
	expect("/machine.slice/libpod-" ID64 ".scope", ID64, "podman");
	expect("/machine.slice/libpod-" ID64 ".scope/container", ID64, "podman");
	expect("/machine.slice/machine-web\\x2d1.scope", "web-1", "nspawn");
	expect("/machine.slice/machine-web\\x2d1.scope/payload/system.slice", "web-1", "nspawn");
	/* the cgroupfs driver */
	expect("/docker/" ID64, ID64, "docker");
	expect("/kubepods/besteffort/pod1234/" ID64, ID64, "kubernetes");
	expect("/libpod_parent/libpod-" ID64, ID64, "podman");
	/* a container inside a container: the inner one */
	expect("/docker/" ID64 "/docker/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
	       "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "docker");
	/* not containers */
	expect("", "", "");
	expect("/", "", "");
	expect("/user.slice/user-1000.slice/session-3.scope", "", "");
	expect("/system.slice/docker.service", "", "");
	expect("/system.slice/docker-" ID64 ".mount", "", "");		/* not a scope */
	expect("/machine.slice/libpod-conmon-" ID64 ".scope", "", "");	/* podman's monitor */
	expect("/system.slice/crio-conmon-" ID64 ".scope", "", "");	/* CRI-O's monitor */
	expect("/docker/4F3A2B1C0D9E8F7A6B5C4D3E2F1A0B9C8D7E6F5A4B3C2D1E0F9A8B7C6D5E4F3A", "", "");
	expect("/docker/" ID64 "0", "", "");				/* 65 digits */
	expect("/system.slice/docker-.scope", "", "");
}

static void test_cache(void)
{
	char root[] = "/tmp/t-container.XXXXXX", dir[512], id[EM_CONTAINER_ID_MAX];
	struct em_cgcache *c;
	struct stat st;
	ino_t ino, host_ino;

	CHECK(mkdtemp(root), "mkdtemp");
	snprintf(dir, sizeof(dir), "%s/system.slice", root);
	mkdir(dir, 0755);
	stat(dir, &st);
	host_ino = st.st_ino;
	c = em_cgcache_new(root);
	CHECK(c, "new");

	/* a cgroup made after the cache: found by the walk a miss starts */
	snprintf(dir, sizeof(dir), "%s/system.slice/docker-%s.scope", root, ID64);
	CHECK(!mkdir(dir, 0755), "mkdir");
	stat(dir, &st);
	ino = st.st_ino;
	CHECK(em_cgcache_container(c, ino, id, sizeof(id)) && !strcmp(id, ID64), "id '%s'", id);
	CHECK(em_cgcache_container(c, host_ino, id, sizeof(id)) && !strcmp(id, ""), "host '%s'", id);
	CHECK(!em_cgcache_container(c, 1ULL << 62, id, sizeof(id)) && !strcmp(id, ""), "none '%s'", id);
	/* and found again without a walk, after the directory is gone */
	rmdir(dir);
	CHECK(em_cgcache_container(c, ino, id, sizeof(id)) && !strcmp(id, ID64), "cached '%s'", id);
	em_cgcache_free(c);
	snprintf(dir, sizeof(dir), "%s/system.slice", root);
	rmdir(dir);
	rmdir(root);
}

int main(void)
{
	rcu_register_thread();
	test_paths();
	test_cache();
	rcu_unregister_thread();
	return em_failures ? 1 : 0;
}
