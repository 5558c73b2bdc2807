// SPDX-License-Identifier: GPL-2.0
/*
 * A fuzzer for /dev/execmon: fuzz THREADS CALLS SECONDS
 *
 * THREADS threads share one read-write descriptor (set up by whichever
 * thread gets there first, replaced now and then by dup2() while the others
 * use it) and each keeps a few descriptors of its own, read-only and
 * read-write, opened and closed at random.  On them, until CALLS calls are
 * made or SECONDS pass:
 *   - ioctl() with the execmon magic, every nr from 0 to 255, every
 *     direction and random sizes, the argument a buffer of random bytes (or,
 *     half of the time for the defined nrs, a struct of the right size whose
 *     size field is right and whose pointers point at random places), NULL,
 *     an unmapped page, a read-only ring mapping or a kernel address;
 *   - mmap() of random offsets, lengths and protections, then mprotect(),
 *     mremap(), a read of the mapping and munmap(); now and then a fork()
 *     whose child touches what its parent mapped, reads and polls;
 *   - read() of random sizes and poll() with random events and timeouts.
 * SET_POLICY takes random policies: the policy in force at the start is put
 * back at the end.  Prints the calls made by kind; exits 1 if fewer than
 * CALLS were made, or if a call did what it never may: a read() longer than
 * asked, a ring mapping that a forked child can still read.
 * Execs are stormed from outside, by the test.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/execmon.h>

enum { OP_IOCTL, OP_MMAP, OP_READ, OP_POLL, OP_OPEN, OP_FORK, OP_SWAP, OP_NR };
static const char *const op_name[OP_NR] = {
	"ioctl", "mmap", "read", "poll", "open", "fork", "swap"
};

#define OWN_FDS	4
#define BUF	(5 * 4096)

static int shared = -1;
static long page;
static long target, deadline_s;
static atomic_long calls, by_op[OP_NR], faults, wrong;
static atomic_int stop;
static void *unmapped;
static struct timespec t0;

struct thr {
	uint64_t rng;
	int own[OWN_FDS];
	void *ring;			/* a read-only mapping kept for a while, or NULL */
	size_t ring_len;
	/* twice BUF: a pointer near the end of the first half takes a whole BUF */
	unsigned char buf[2 * BUF] __attribute__((aligned(64)));
	unsigned char rules[4 * sizeof(struct execmon_rule)];
	struct execmon_ring_stats rings[16];
	struct execmon_reader readers[8];
};

static __thread sigjmp_buf *jump;

static void on_fault(int sig)
{
	(void)sig;
	if (jump)
		siglongjmp(*jump, 1);
	_exit(3);
}

static uint64_t rnd(struct thr *t)
{
	uint64_t x = t->rng;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return t->rng = x;
}

static unsigned int below(struct thr *t, unsigned int n)
{
	return rnd(t) % n;
}

static void count(int op)
{
	atomic_fetch_add_explicit(&calls, 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&by_op[op], 1, memory_order_relaxed);
}

static void bad(const char *what, long got)
{
	fprintf(stderr, "fuzz: %s: %ld\n", what, got);
	atomic_fetch_add(&wrong, 1);
}

static int pick_fd(struct thr *t)
{
	int fd = below(t, 3) ? shared : t->own[below(t, OWN_FDS)];

	return fd;
}

static void *pick_ptr(struct thr *t)
{
	void *ring = t->ring;

	switch (below(t, 16)) {
	case 0:
		return NULL;
	case 1:
		return unmapped;
	case 2:
		return ring ? ring : t->buf;
	case 3:
		return (void *)0xffff888000000000UL;	/* the direct map */
	case 4:
		return t->buf + BUF - below(t, 64);	/* runs off the end of the buffer */
	default:
		return t->buf;
	}
}

static void fill(struct thr *t, void *p, size_t n)
{
	unsigned char *c = p;
	size_t i;

	if (below(t, 3) == 0) {
		memset(c, 0, n);
		return;
	}
	for (i = 0; i < n; i++)
		c[i] = rnd(t);
}

/* rules that mostly pass the module's checks, so that policies change */
static void plausible_rules(struct thr *t, unsigned int nr)
{
	static const char *const paths[] = { "/", "/usr/bin", "/tmp/", "//x", "usr", "/nonexistent/x" };
	struct execmon_rule *r = (void *)t->rules;
	unsigned int i;

	for (i = 0; i < nr && i < 4; i++, r++) {
		memset(r, 0, sizeof(*r));
		r->action = 1 + below(t, 2);
		r->match = rnd(t) & (below(t, 8) ? EXECMON_MATCH_KNOWN : ~0U);
		r->events = 1 + below(t, 3);
		r->uid = below(t, 2) ? 0 : rnd(t);
		r->pid = below(t, 2) ? 1 : rnd(t);
		r->err = below(t, 40);
		r->cgroup_id = below(t, 4) ? 1 : rnd(t);
		strcpy(r->comm, below(t, 2) ? "true" : "sh");
		strcpy(r->path, paths[below(t, sizeof(paths) / sizeof(paths[0]))]);
	}
}

/* a struct of the right size for nr with plausible insides, or 0 */
static unsigned int plausible(struct thr *t, unsigned int nr)
{
	union {
		struct execmon_version v;
		struct execmon_setup s;
		struct execmon_stats st;
		struct execmon_policy p;
		struct execmon_readers r;
	} *u = (void *)t->buf;
	/* a policy's ring_pages from the first six; the largest rings rarely */
	static const unsigned int pages[] = { 0, 1, 2, 4, 8, 16, 3, 1u << 31, 65536 };

	memset(t->buf, 0, sizeof(*u));
	switch (nr) {
	case 1:
		u->s.size = sizeof(u->s);
		u->s.ring_pages = pages[below(t, 64) ? below(t, 8) : 8];
		if (!below(t, 8))
			u->s.flags = rnd(t);
		return sizeof(u->s);
	case 2:
		u->st.size = sizeof(u->st);
		u->st.nr_rings = below(t, 10);
		u->st.rings_ptr = (uintptr_t)(below(t, 2) ? (void *)t->rings : pick_ptr(t));
		u->st.session_id = below(t, 2) ? 0 : below(t, 64);
		return sizeof(u->st);
	case 3:
	case 4:
		u->p.size = sizeof(u->p);
		u->p.rule_size = below(t, 4) ? sizeof(struct execmon_rule) : rnd(t) % 1024;
		u->p.flags = below(t, 4) ? 0 : rnd(t);
		u->p.argv_max = below(t, 2) ? 4096 : rnd(t) % 20000;
		u->p.env_max = below(t, 2) ? 4096 : rnd(t) % 20000;
		u->p.ring_pages = pages[below(t, 6)];
		u->p.nr_rules = below(t, 4);
		fill(t, t->rules, sizeof(t->rules));
		if (below(t, 2))
			plausible_rules(t, u->p.nr_rules);
		u->p.rules_ptr = (uintptr_t)(below(t, 2) ? (void *)t->rules : pick_ptr(t));
		return sizeof(u->p);
	case 5:
		u->r.size = sizeof(u->r);
		u->r.nr = below(t, 6);
		u->r.ptr = (uintptr_t)(below(t, 2) ? (void *)t->readers : pick_ptr(t));
		return sizeof(u->r);
	default:
		u->v.size = sizeof(u->v);
		return sizeof(u->v);
	}
}

static void do_ioctl(struct thr *t)
{
	unsigned int nr = below(t, 4) ? below(t, 8) : below(t, 256);
	unsigned int dir = below(t, 4), size = rnd(t) % (1U << 14);
	void *arg = t->buf;

	if (nr <= 5 && below(t, 2)) {
		size = plausible(t, nr);
		dir = nr == 0 ? _IOC_READ : nr == 4 ? _IOC_WRITE : _IOC_READ | _IOC_WRITE;
	} else {
		fill(t, t->buf, size < BUF ? size : BUF);
		arg = pick_ptr(t);
	}
	ioctl(pick_fd(t), _IOC(dir, below(t, 32) ? EXECMON_IOC_MAGIC : below(t, 256), nr, size), arg);
	count(OP_IOCTL);
}

/* a read of every page of a mapping: false if one faulted */
static bool touch(void *p, size_t len)
{
	volatile unsigned char sum = 0;
	sigjmp_buf here;
	bool ok = true;
	size_t off;

	jump = &here;
	if (sigsetjmp(here, 1) == 0) {
		for (off = 0; off < len; off += page)
			sum += ((volatile unsigned char *)p)[off];
	} else {
		atomic_fetch_add(&faults, 1);
		ok = false;
	}
	jump = NULL;
	return ok;
}

static void do_mmap(struct thr *t)
{
	static const int prots[] = {
		PROT_READ, PROT_READ, PROT_READ | PROT_WRITE, PROT_WRITE, PROT_NONE,
		PROT_READ | PROT_EXEC, PROT_READ | PROT_WRITE | PROT_EXEC,
	};
	size_t len = (below(t, 4) ? 1 + below(t, 40) : 1 + below(t, 4096)) * page;
	off_t off = (off_t)(below(t, 4) ? below(t, 64) : below(t, 1 << 20)) * page;
	int prot = prots[below(t, sizeof(prots) / sizeof(prots[0]))];
	int flags = below(t, 8) ? MAP_SHARED : MAP_PRIVATE;
	size_t to;
	void *p, *q;

	if (t->ring && !below(t, 8)) {
		munmap(t->ring, t->ring_len);
		count(OP_MMAP);
		t->ring = NULL;
	}
	p = mmap(NULL, len + (below(t, 16) ? 0 : below(t, page)), prot, flags, pick_fd(t), off);
	count(OP_MMAP);
	if (p == MAP_FAILED)
		return;
	if (prot & PROT_READ)
		touch(p, len);
	switch (below(t, 4)) {
	case 0:
		if (mprotect(p, len, prots[below(t, sizeof(prots) / sizeof(prots[0]))]) == 0)
			touch(p, len);
		count(OP_MMAP);
		break;
	case 1:
		to = below(t, 2) ? (len / page / 2 + 1) * page : len * 2;
		q = mremap(p, len, to, below(t, 2) ? MREMAP_MAYMOVE : 0);
		count(OP_MMAP);
		if (q != MAP_FAILED) {
			p = q;
			len = to;
		}
		break;
	}
	/* keep a read-only one, for ioctls and reads to write into (they must fail) */
	if (!t->ring && prot == PROT_READ && flags == MAP_SHARED && below(t, 2)) {
		t->ring = p;
		t->ring_len = len;
		return;
	}
	munmap(p, len);
	count(OP_MMAP);
}

static void do_read(struct thr *t)
{
	size_t want = below(t, 8) ? below(t, 4096) : below(t, BUF + 1);
	ssize_t n;

	n = read(pick_fd(t), below(t, 16) ? t->buf : pick_ptr(t), want);
	count(OP_READ);
	if (n > (ssize_t)want)
		bad("read() longer than asked", n);
}

static void do_poll(struct thr *t)
{
	struct pollfd p = { .fd = pick_fd(t), .events = rnd(t) };

	poll(&p, 1, below(t, 4) ? 0 : below(t, 3));
	count(OP_POLL);
}

static void do_open(struct thr *t)
{
	int i = below(t, OWN_FDS);
	struct execmon_setup s = { .size = sizeof(s), .ring_pages = 1U << below(t, 4) };

	if (t->own[i] >= 0)
		close(t->own[i]);
	t->own[i] = open(EXECMON_DEVICE, (below(t, 2) ? O_RDWR : O_RDONLY) | O_NONBLOCK | O_CLOEXEC);
	count(OP_OPEN);
	if (t->own[i] >= 0 && below(t, 2)) {
		ioctl(t->own[i], EXECMON_IOC_SETUP, &s);
		count(OP_OPEN);
	}
}

static void do_fork(struct thr *t)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		/* a ring mapping is not inherited: touching it faults */
		if (t->ring && touch(t->ring, page))
			_exit(4);
		if (read(shared, t->buf, 4096) < 0 && errno == EFAULT)
			_exit(5);
		do_poll(t);
		_exit(0);
	}
	count(OP_FORK);
	if (pid > 0 && waitpid(pid, &status, 0) == pid && status)
		bad(WIFEXITED(status) && WEXITSTATUS(status) == 4 ?
		    "a forked child read its parent's ring mapping" : "a forked child failed", status);
}

/* a fresh shared descriptor over the old one, while the others use it */
static void do_swap(struct thr *t)
{
	int fd = open(EXECMON_DEVICE, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	struct execmon_setup s = { .size = sizeof(s), .ring_pages = 1U << below(t, 4) };

	count(OP_SWAP);
	if (fd < 0)
		return;
	if (below(t, 2))
		ioctl(fd, EXECMON_IOC_SETUP, &s);
	dup2(fd, shared);
	close(fd);
	count(OP_SWAP);
}

static double elapsed(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0.tv_sec) + (now.tv_nsec - t0.tv_nsec) / 1e9;
}

static void *worker(void *arg)
{
	struct thr *t = arg;
	unsigned long i;
	int k;

	for (k = 0; k < OWN_FDS; k++)
		t->own[k] = -1;
	for (i = 0; !atomic_load_explicit(&stop, memory_order_relaxed); i++) {
		unsigned int r = below(t, 1000);

		if (r < 450)
			do_ioctl(t);
		else if (r < 600)
			do_mmap(t);
		else if (r < 780)
			do_read(t);
		else if (r < 930)
			do_poll(t);
		else if (r < 990)
			do_open(t);
		else if (r < 999)
			do_swap(t);
		else
			do_fork(t);
		if ((i & 1023) == 0 &&
		    (atomic_load(&calls) >= target || elapsed() > deadline_s))
			atomic_store(&stop, 1);
	}
	for (k = 0; k < OWN_FDS; k++)
		if (t->own[k] >= 0)
			close(t->own[k]);
	if (t->ring)
		munmap(t->ring, t->ring_len);
	return NULL;
}

int main(int argc, char **argv)
{
	struct execmon_policy saved = { .size = sizeof(saved), .rule_size = sizeof(struct execmon_rule) };
	static struct execmon_rule saved_rules[EXECMON_RULES_MAX];
	static char saved_redact[EXECMON_REDACT_MAX][EXECMON_REDACT_LEN];
	struct sigaction sa = { .sa_handler = on_fault, .sa_flags = SA_NODEFER };
	pthread_t tid[64];
	struct thr *thr;
	int n, i;

	if (argc != 4 || (n = atoi(argv[1])) < 1 || n > 64) {
		fprintf(stderr, "usage: fuzz THREADS(1-64) CALLS SECONDS\n");
		return 2;
	}
	target = atol(argv[2]);
	deadline_s = atol(argv[3]);
	page = sysconf(_SC_PAGESIZE);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	unmapped = mmap(NULL, page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	shared = open(EXECMON_DEVICE, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (shared < 0 || unmapped == MAP_FAILED) {
		perror("fuzz: open " EXECMON_DEVICE);
		return 1;
	}
	saved.nr_rules = EXECMON_RULES_MAX;
	saved.rules_ptr = (uintptr_t)saved_rules;
	saved.nr_redact = EXECMON_REDACT_MAX;
	saved.redact_ptr = (uintptr_t)saved_redact;
	if (ioctl(shared, EXECMON_IOC_GET_POLICY, &saved)) {
		perror("fuzz: GET_POLICY");
		return 1;
	}
	thr = calloc(n, sizeof(*thr));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++) {
		thr[i].rng = 0x9e3779b97f4a7c15ULL * (i + 1) ^ (uint64_t)t0.tv_nsec;
		pthread_create(&tid[i], NULL, worker, &thr[i]);
	}
	for (i = 0; i < n; i++)
		pthread_join(tid[i], NULL);
	saved.generation = 0;
	saved.max_rules = 0;
	if (ioctl(shared, EXECMON_IOC_SET_POLICY, &saved)) {
		perror("fuzz: SET_POLICY of the policy it started with");
		return 1;
	}
	printf("fuzz: %ld calls in %.1f s (", atomic_load(&calls), elapsed());
	for (i = 0; i < OP_NR; i++)
		printf("%s%s %ld", i ? ", " : "", op_name[i], atomic_load(&by_op[i]));
	printf("), %ld faults on touched mappings\n", atomic_load(&faults));
	if (atomic_load(&calls) < target) {
		fprintf(stderr, "fuzz: %ld calls, fewer than %ld, in %ld s\n",
			atomic_load(&calls), target, deadline_s);
		return 1;
	}
	return atomic_load(&wrong) ? 1 : 0;
}
