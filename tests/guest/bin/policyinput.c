// SPDX-License-Identifier: GPL-2.0
/*
 * Garbage at the policy and readers ioctls: every bad request gets the
 * documented error and leaves the policy exactly as it was (compared
 * through GET_POLICY before and after).  Also: CAP_SYS_ADMIN is needed to
 * change it and not to read it; a change based on a stale generation is
 * EAGAIN.  Prints one line per case; exits 1 if any went wrong.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/execmon.h>

static int failures;
static int fd;

static void expect(const char *what, int ret, int want_errno)
{
	int ok = want_errno ? (ret == -1 && errno == want_errno) : ret == 0;

	printf("%s %s: ret %d errno %s, want %s\n", ok ? "ok" : "FAIL", what, ret,
	       ret ? strerror(errno) : "-", want_errno ? strerror(want_errno) : "success");
	failures += !ok;
}

struct snap {
	struct execmon_policy p;
	struct execmon_rule rules[EXECMON_RULES_MAX];
	char redact[EXECMON_REDACT_MAX][EXECMON_REDACT_LEN];
};

static void get(struct snap *s)
{
	memset(s, 0, sizeof(*s));
	s->p.size = sizeof(s->p);
	s->p.rule_size = sizeof(struct execmon_rule);
	s->p.nr_rules = EXECMON_RULES_MAX;
	s->p.rules_ptr = (unsigned long)s->rules;
	s->p.nr_redact = EXECMON_REDACT_MAX;
	s->p.redact_ptr = (unsigned long)s->redact;
	if (ioctl(fd, EXECMON_IOC_GET_POLICY, &s->p)) {
		perror("GET_POLICY");
		exit(1);
	}
}

static struct snap before;

/* the policy is what it was before the bad request */
static void unchanged(const char *what)
{
	static struct snap now;

	get(&now);
	now.p.rules_ptr = before.p.rules_ptr;	/* where each snapshot put its rules */
	now.p.redact_ptr = before.p.redact_ptr;
	if (memcmp(&now.p, &before.p, sizeof(now.p)) ||
	    memcmp(now.rules, before.rules, sizeof(now.rules)) ||
	    memcmp(now.redact, before.redact, sizeof(now.redact))) {
		printf("FAIL %s: the policy changed\n", what);
		failures++;
	}
}

/* a valid request to start each bad one from: the current policy, one rule */
static struct execmon_rule rule;
static char redact[EXECMON_REDACT_MAX + 1][EXECMON_REDACT_LEN];
static struct execmon_policy base(void)
{
	struct execmon_policy p = before.p;
	unsigned int i;

	memcpy(redact, before.redact, sizeof(before.redact));
	for (i = before.p.nr_redact; i <= EXECMON_REDACT_MAX; i++)
		snprintf(redact[i], sizeof(redact[i]), "P%u", i);
	p.redact_ptr = (unsigned long)redact;

	p.generation = 0;
	p.max_rules = 0;
	p.nr_rules = 1;
	p.rules_ptr = (unsigned long)&rule;
	memset(&rule, 0, sizeof(rule));
	rule.action = EXECMON_RULE_DROP;
	rule.match = EXECMON_MATCH_COMM;
	strcpy(rule.comm, "no-such-comm");
	return p;
}

#define BAD_SET(what, want, ...) do {					\
	struct execmon_policy p = base();				\
	__VA_ARGS__;							\
	expect(what, ioctl(fd, EXECMON_IOC_SET_POLICY, &p), want);	\
	unchanged(what);						\
} while (0)

int main(void)
{
	static struct execmon_rule many[EXECMON_RULES_MAX + 1];
	struct execmon_readers rd;
	struct execmon_stats st;
	struct execmon_reader r[4];
	unsigned char big[sizeof(struct execmon_policy) + 8];
	pid_t child;
	int status;

	fd = open(EXECMON_DEVICE, O_RDWR);
	if (fd < 0) {
		perror("open");
		return 1;
	}
	get(&before);
	printf("policy: generation %llu flags %u argv_max %u env_max %u ring_pages %u rules %u/%u\n",
	       (unsigned long long)before.p.generation, before.p.flags, before.p.argv_max,
	       before.p.env_max, before.p.ring_pages, before.p.nr_rules, before.p.max_rules);

	/* the structure itself */
	BAD_SET("size field wrong", EINVAL, p.size = 8);
	BAD_SET("rule_size too small", EINVAL, p.rule_size = 16);
	BAD_SET("rule_size huge", EINVAL, p.rule_size = 1 << 20);
	BAD_SET("unknown policy flag", EINVAL, p.flags |= 1U << 7);
	BAD_SET("max_rules set", EINVAL, p.max_rules = 3);
	BAD_SET("resv set", EINVAL, p.resv[1] = 1);
	BAD_SET("resv0 set", EINVAL, p.resv0 = 1);
	BAD_SET("too many redaction patterns", ENOSPC, p.nr_redact = EXECMON_REDACT_MAX + 1);
	BAD_SET("redaction patterns at a bad address", EFAULT, p.redact_ptr = 16);
	BAD_SET("a pattern with =", EINVAL, strcpy(redact[0], "A=B"));
	BAD_SET("a pattern with a space", EINVAL, strcpy(redact[0], "A B"));
	BAD_SET("an empty pattern", EINVAL, redact[0][0] = 0);
	BAD_SET("a pattern unterminated", EINVAL, memset(redact[0], 'x', sizeof(redact[0])));
	BAD_SET("argv_max 0", EINVAL, p.argv_max = 0);
	BAD_SET("argv_max too big", EINVAL, p.argv_max = EXECMON_STRV_MAX + 1);
	BAD_SET("env_max 0", EINVAL, p.env_max = 0);
	BAD_SET("ring_pages not a power of two", EINVAL, p.ring_pages = 1000);
	BAD_SET("ring_pages too small", EINVAL, p.ring_pages = 1);
	BAD_SET("too many rules", ENOSPC, p.nr_rules = EXECMON_RULES_MAX + 1; p.rules_ptr = (unsigned long)many);
	BAD_SET("rules at a bad address", EFAULT, p.rules_ptr = 16);
	BAD_SET("stale generation", EAGAIN, p.generation = before.p.generation + 1000);

	/* the rules */
	BAD_SET("action 0", EINVAL, rule.action = 0);
	BAD_SET("action 3", EINVAL, rule.action = 3);
	BAD_SET("unknown match bit", EINVAL, rule.match |= 1U << 20);
	BAD_SET("the first unknown match bit", EINVAL, rule.match |= EXECMON_MATCH_KNOWN + 1);
	/* 0.1's resv0 and resv[2]: meaningless without their conditions */
	BAD_SET("auid without its condition", EINVAL, rule.auid = 1);
	BAD_SET("tty without its condition", EINVAL, rule.tty[15] = 'x');
	BAD_SET("tty unterminated", EINVAL,
		rule.match |= EXECMON_MATCH_TTY; memset(rule.tty, 'x', sizeof(rule.tty)));
	BAD_SET("a tty and any tty", EINVAL, rule.match |= EXECMON_MATCH_TTY | EXECMON_MATCH_HAS_TTY);
	BAD_SET("comm unterminated", EINVAL, memset(rule.comm, 'x', sizeof(rule.comm)));
	BAD_SET("comm empty", EINVAL, rule.comm[0] = 0);
	BAD_SET("path unterminated", EINVAL,
		rule.match |= EXECMON_MATCH_PATH; memset(rule.path, '/', sizeof(rule.path)));
	BAD_SET("path empty", EINVAL, rule.match |= EXECMON_MATCH_PATH);
	BAD_SET("a field without its condition", EINVAL, rule.uid = 5);
	BAD_SET("pid tree without pid", EINVAL, rule.match |= EXECMON_MATCH_PID_TREE);
	BAD_SET("cgroup tree without cgroup", EINVAL, rule.match |= EXECMON_MATCH_CGROUP_TREE);
	BAD_SET("event with no events", EINVAL, rule.match = EXECMON_MATCH_EVENT);
	BAD_SET("event unknown type", EINVAL, rule.match = EXECMON_MATCH_EVENT; rule.events = 1U << 5);
	BAD_SET("errno 0", EINVAL, rule.match = EXECMON_MATCH_ERRNO);
	BAD_SET("errno 5000", EINVAL, rule.match = EXECMON_MATCH_ERRNO; rule.err = 5000);
	/* the tenth rule is bad: nothing of the nine before it lands */
	BAD_SET("one bad rule among good ones", EINVAL,
		for (int i = 0; i < 10; i++) { many[i] = rule; }
		many[9].action = 9; p.nr_rules = 10; p.rules_ptr = (unsigned long)many);

	/* a larger structure than ours: allowed when the extra bytes are zero */
	{
		struct execmon_policy p = base();

		memset(big, 0, sizeof(big));
		memcpy(big, &p, sizeof(p));
		((struct execmon_policy *)big)->size = sizeof(big);
		big[sizeof(p)] = 1;
		expect("larger structure, nonzero tail",
		       ioctl(fd, _IOW(EXECMON_IOC_MAGIC, 4, big), big), EINVAL);
		unchanged("larger structure, nonzero tail");
	}
	expect("SET_POLICY with a smaller size",
	       ioctl(fd, _IOW(EXECMON_IOC_MAGIC, 4, struct execmon_rec_hdr), &before.p), EINVAL);
	expect("SET_POLICY as _IOWR", ioctl(fd, _IOWR(EXECMON_IOC_MAGIC, 4, struct execmon_policy),
					    &before.p), EINVAL);
	{
		struct execmon_policy p;

		memset(&p, 0, sizeof(p));
		p.size = sizeof(p);
		p.rule_size = sizeof(struct execmon_rule);
		p.argv_max = 1;
		expect("GET_POLICY with an input field set", ioctl(fd, EXECMON_IOC_GET_POLICY, &p), EINVAL);
	}
	expect("unknown ioctl number", ioctl(fd, _IOW(EXECMON_IOC_MAGIC, 99, int), &status), ENOTTY);

	/* readers and another session's stats */
	memset(&rd, 0, sizeof(rd));
	rd.size = sizeof(rd);
	rd.nr = 4;
	rd.ptr = (unsigned long)r;
	expect("READERS", ioctl(fd, EXECMON_IOC_READERS, &rd), 0);
	if (rd.nr < 1 || !rd.self_id) {
		printf("FAIL READERS: nr %u self %llu\n", rd.nr, (unsigned long long)rd.self_id);
		failures++;
	}
	rd.self_id = 0;
	rd.path_misses = 1;
	expect("READERS with an out field set", ioctl(fd, EXECMON_IOC_READERS, &rd), EINVAL);
	rd.path_misses = 0;
	rd.resv = 1;
	expect("READERS with nonzero resv", ioctl(fd, EXECMON_IOC_READERS, &rd), EINVAL);
	memset(&rd, 0, sizeof(rd));
	rd.size = sizeof(rd);
	rd.nr = 4;
	expect("READERS room but no pointer", ioctl(fd, EXECMON_IOC_READERS, &rd), EINVAL);
	memset(&st, 0, sizeof(st));
	st.size = sizeof(st);
	st.session_id = 1ULL << 60;
	expect("STATS of no such session", ioctl(fd, EXECMON_IOC_STATS, &st), ENOENT);

	/* without CAP_SYS_ADMIN: reading works, changing does not */
	child = fork();
	if (!child) {
		struct snap s;
		struct execmon_policy p;

		failures = 0;
		if (setgid(65534) || setuid(65534))
			_exit(3);
		get(&s);
		p = s.p;
		p.generation = 0;
		p.max_rules = 0;
		p.nr_rules = 0;
		expect("SET_POLICY without CAP_SYS_ADMIN", ioctl(fd, EXECMON_IOC_SET_POLICY, &p), EPERM);
		_exit(failures ? 1 : 0);
	}
	waitpid(child, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		printf("FAIL unprivileged child: status %#x\n", status);
		failures++;
	}
	unchanged("unprivileged SET_POLICY");

	/*
	 * A descriptor opened without CAP_SYS_ADMIN carries no right to
	 * change the policy, even in root's hands; and, opened by one who may
	 * only read the device, none to read events either.
	 */
	{
		int sv[2], ufd = -1;
		char c = 0, cbuf[CMSG_SPACE(sizeof(int))];
		struct iovec iov = { &c, 1 };
		struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
				     .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
		struct execmon_setup su;
		struct snap s;
		struct execmon_policy p;
		char line[64];

		chmod(EXECMON_DEVICE, 0604);
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
			_exit(4);
		child = fork();
		if (!child) {
			struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);

			if (setgid(65534) || setuid(65534))
				_exit(3);
			ufd = open(EXECMON_DEVICE, O_RDONLY);
			if (ufd < 0)
				_exit(5);
			cm->cmsg_level = SOL_SOCKET;
			cm->cmsg_type = SCM_RIGHTS;
			cm->cmsg_len = CMSG_LEN(sizeof(int));
			memcpy(CMSG_DATA(cm), &ufd, sizeof(int));
			_exit(sendmsg(sv[1], &mh, 0) == 1 ? 0 : 6);
		}
		waitpid(child, &status, 0);
		chmod(EXECMON_DEVICE, 0600);
		if (recvmsg(sv[0], &mh, 0) == 1 && CMSG_FIRSTHDR(&mh))
			memcpy(&ufd, CMSG_DATA(CMSG_FIRSTHDR(&mh)), sizeof(int));
		if (ufd < 0) {
			printf("FAIL no descriptor from the unprivileged opener: status %#x\n", status);
			failures++;
		} else {
			int saved = fd;

			fd = ufd;
			get(&s);	/* reading the policy: any opener */
			fd = saved;
			p = s.p;
			p.generation = 0;
			p.max_rules = 0;
			p.nr_rules = 0;
			expect("SET_POLICY by root through an unprivileged opener's descriptor",
			       ioctl(ufd, EXECMON_IOC_SET_POLICY, &p), EPERM);
			memset(&su, 0, sizeof(su));
			su.size = sizeof(su);
			expect("SETUP through a read-only opener's descriptor",
			       ioctl(ufd, EXECMON_IOC_SETUP, &su), EPERM);
			expect("read() through a read-only opener's descriptor",
			       (int)read(ufd, line, sizeof(line)), EPERM);
			close(ufd);
		}
		close(sv[0]);
		close(sv[1]);
	}
	unchanged("SET_POLICY through an unprivileged opener's descriptor");

	/* and a good change goes through, bumps the generation, and is undone */
	{
		struct execmon_policy p = base();
		struct snap after;

		p.generation = before.p.generation;
		expect("SET_POLICY at the current generation", ioctl(fd, EXECMON_IOC_SET_POLICY, &p), 0);
		get(&after);
		if (after.p.generation != before.p.generation + 1 || after.p.nr_rules != 1 ||
		    memcmp(&after.rules[0], &rule, sizeof(rule))) {
			printf("FAIL the change: generation %llu rules %u\n",
			       (unsigned long long)after.p.generation, after.p.nr_rules);
			failures++;
		}
		p = before.p;
		p.generation = 0;
		p.max_rules = 0;
		p.rules_ptr = (unsigned long)before.rules;
		expect("SET_POLICY back", ioctl(fd, EXECMON_IOC_SET_POLICY, &p), 0);
	}
	printf("%s\n", failures ? "FAILED" : "all ok");
	return failures ? 1 : 0;
}
