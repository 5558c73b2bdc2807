// SPDX-License-Identifier: GPL-2.0
/*
 * execmonctl: drives /dev/execmon's ioctls from admin scripts: what the
 * module is, how it and its readers are doing, its settings and filter rules.
 *
 * Every change is a read-modify-write of the whole policy: read it with its
 * generation, change it here, write it back stating the generation it was
 * based on.  If another admin changed it in between the module refuses
 * (EAGAIN) and the change is made again on the new policy, so two scripts
 * adding rules at once both land.
 *
 * Exit codes: 0 success; 1 the operation failed (device, permission, the
 * module refused); 2 bad usage (unknown command, bad field or value).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/execmon.h>
#include "emdev.h"
#include "json.h"
#include "policy.h"

#define EX_OK		0
#define EX_FAIL		1
#define EX_USAGE	2

static const char *em_device = EXECMON_DEVICE;

static void usage(FILE *f);

static int em_usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "execmonctl: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n(execmonctl --help for usage)\n");
	return EX_USAGE;
}

static int em_open(int *fd)
{
	*fd = open(em_device, O_RDONLY | O_CLOEXEC);
	if (*fd < 0) {
		fprintf(stderr, "execmonctl: %s: %s\n", em_device, emdev_open_hint(errno));
		return EX_FAIL;
	}
	return EX_OK;
}

static int em_ioctl_failed(const char *what)
{
	int err = errno;

	if (err == ENOTTY)
		fprintf(stderr, "execmonctl: %s: the loaded module does not support this "
			"(older than this tool?)\n", what);
	else
		fprintf(stderr, "execmonctl: %s: %s\n", what, strerror(err));
	return EX_FAIL;
}

/* ---- the policy ---- */

static int em_policy_get(int fd, struct em_policy_doc *doc, __u64 *generation)
{
	struct execmon_policy p = {
		.size = sizeof(p),
		.rule_size = sizeof(struct execmon_rule),
		.nr_rules = EXECMON_RULES_MAX,
		.rules_ptr = (__u64)(unsigned long)doc->rules,
		.nr_redact = EXECMON_REDACT_MAX,
		.redact_ptr = (__u64)(unsigned long)doc->redact,
	};

	memset(doc, 0, sizeof(*doc));
	if (ioctl(fd, EXECMON_IOC_GET_POLICY, &p))
		return em_ioctl_failed("reading the policy");
	if (p.nr_rules > EXECMON_RULES_MAX) {
		fprintf(stderr, "execmonctl: the module holds %u rules, more than this tool "
			"knows (%u)\n", p.nr_rules, EXECMON_RULES_MAX);
		return EX_FAIL;
	}
	doc->env = p.flags & EXECMON_POLICY_ENV;
	doc->argv_max = p.argv_max;
	doc->env_max = p.env_max;
	doc->ring_pages = p.ring_pages;
	doc->nr_rules = p.nr_rules;
	if (p.nr_redact > EXECMON_REDACT_MAX) {
		fprintf(stderr, "execmonctl: the module holds %u redaction patterns, more than "
			"this tool knows (%u)\n", p.nr_redact, EXECMON_REDACT_MAX);
		return EX_FAIL;
	}
	doc->nr_redact = p.nr_redact;
	*generation = p.generation;
	return EX_OK;
}

/* 0, or -1 with errno (EAGAIN: the policy changed since generation) */
static int em_policy_set(int fd, const struct em_policy_doc *doc, __u64 generation)
{
	struct execmon_policy p = {
		.size = sizeof(p),
		.rule_size = sizeof(struct execmon_rule),
		.generation = generation,
		.flags = doc->env ? EXECMON_POLICY_ENV : 0,
		.argv_max = doc->argv_max,
		.env_max = doc->env_max,
		.ring_pages = doc->ring_pages,
		.nr_rules = doc->nr_rules,
		.rules_ptr = (__u64)(unsigned long)doc->rules,
		.nr_redact = doc->nr_redact,
		.redact_ptr = (__u64)(unsigned long)doc->redact,
	};

	return ioctl(fd, EXECMON_IOC_SET_POLICY, &p);
}

/* A change to the policy: returns an exit code, EX_OK to write the result. */
typedef int (*em_edit_fn)(struct em_policy_doc *doc, void *arg);

static int em_policy_update(em_edit_fn edit, void *arg)
{
	static struct em_policy_doc doc;
	__u64 gen;
	int fd, ret, tries;

	ret = em_open(&fd);
	if (ret)
		return ret;
	for (tries = 0; tries < 100; tries++) {
		ret = em_policy_get(fd, &doc, &gen);
		if (!ret)
			ret = edit(&doc, arg);
		if (ret)
			break;
		if (!em_policy_set(fd, &doc, gen))
			break;
		if (errno == EAGAIN)
			continue;	/* another change came first: redo this one on it */
		if (errno == EPERM)
			fprintf(stderr, "execmonctl: changing the policy needs CAP_SYS_ADMIN\n");
		else if (errno == ENOSPC)
			fprintf(stderr, "execmonctl: too many rules: the module keeps at most %u\n",
				EXECMON_RULES_MAX);
		else if (errno == EINVAL)
			fprintf(stderr, "execmonctl: the module refused the policy: a value out of "
				"its range (ring-pages: a power of two the module allows)\n");
		else
			em_ioctl_failed("writing the policy");
		ret = EX_FAIL;
		break;
	}
	if (tries == 100) {
		fprintf(stderr, "execmonctl: the policy keeps changing under this change; gave up\n");
		ret = EX_FAIL;
	}
	close(fd);
	return ret;
}

static int em_edit_setting(struct em_policy_doc *doc, void *arg)
{
	char **nv = arg;
	char err[256];
	unsigned int set = doc->set;

	/* parsed again on each try: cheap, and it only touches its own setting */
	if (em_setting_parse(nv[0], nv[1], doc, err, sizeof(err))) {
		fprintf(stderr, "execmonctl: set %s\n", err);
		return EX_USAGE;
	}
	doc->set = set;
	return EX_OK;
}

static int em_edit_add(struct em_policy_doc *doc, void *arg)
{
	const struct execmon_rule *r = arg;

	if (doc->nr_rules == EXECMON_RULES_MAX) {
		fprintf(stderr, "execmonctl: too many rules: the module keeps at most %u\n",
			EXECMON_RULES_MAX);
		return EX_FAIL;
	}
	doc->rules[doc->nr_rules++] = *r;
	return EX_OK;
}

static int em_edit_del(struct em_policy_doc *doc, void *arg)
{
	unsigned int n = *(unsigned int *)arg;

	if (n < 1 || n > doc->nr_rules) {
		fprintf(stderr, "execmonctl: filter del %u: no such rule (there are %u)\n", n,
			doc->nr_rules);
		return EX_FAIL;
	}
	memmove(&doc->rules[n - 1], &doc->rules[n],
		(doc->nr_rules - n) * sizeof(doc->rules[0]));
	doc->nr_rules--;
	return EX_OK;
}

static int em_edit_clear(struct em_policy_doc *doc, void *arg)
{
	doc->nr_rules = 0;
	return EX_OK;
}

/* load: the file's rules replace all rules; the settings it names replace theirs */
static int em_edit_load(struct em_policy_doc *doc, void *arg)
{
	const struct em_policy_doc *file = arg;

	if (file->set & EM_SET_ENV)
		doc->env = file->env;
	if (file->set & EM_SET_ARGV_MAX)
		doc->argv_max = file->argv_max;
	if (file->set & EM_SET_ENV_MAX)
		doc->env_max = file->env_max;
	if (file->set & EM_SET_RING_PAGES)
		doc->ring_pages = file->ring_pages;
	if (file->set & EM_SET_REDACT) {
		doc->nr_redact = file->nr_redact;
		memcpy(doc->redact, file->redact, sizeof(doc->redact));
	}
	doc->nr_rules = file->nr_rules;
	memcpy(doc->rules, file->rules, file->nr_rules * sizeof(file->rules[0]));
	return EX_OK;
}

/* ---- commands ---- */

struct em_feature {
	__u64 bit;
	const char *name;
};

static const struct em_feature em_features[] = {
	{ EXECMON_FEAT_EXEC, "exec" },
	{ EXECMON_FEAT_EXEC_FAILED, "exec_failed" },
	{ EXECMON_FEAT_MMAP, "mmap" },
	{ EXECMON_FEAT_STATS, "stats" },
	{ EXECMON_FEAT_POLICY, "policy" },
	{ EXECMON_FEAT_ENV, "env" },
	{ EXECMON_FEAT_READERS, "readers" },
	{ EXECMON_FEAT_IMAGE, "image" },
	{ EXECMON_FEAT_EXIT, "exit" },
};

static int em_version(int fd, struct execmon_version *v)
{
	memset(v, 0, sizeof(*v));
	if (ioctl(fd, EXECMON_IOC_VERSION, v))
		return em_ioctl_failed("version");
	v->module_version[sizeof(v->module_version) - 1] = '\0';
	return EX_OK;
}

static void em_print_features(FILE *f, __u64 features, bool json)
{
	unsigned int i;
	bool first = true;

	for (i = 0; i < sizeof(em_features) / sizeof(em_features[0]); i++) {
		if (!(features & em_features[i].bit))
			continue;
		fprintf(f, json ? "%s\"%s\"" : "%s%s", first ? "" : ",", em_features[i].name);
		first = false;
	}
}

static int cmd_version(void)
{
	struct execmon_version v;
	int fd, ret = em_open(&fd);

	if (ret)
		return ret;
	ret = em_version(fd, &v);
	if (!ret) {
		printf("module %s\nuapi %u\nfeatures 0x%llx (", v.module_version, v.uapi_version,
		       (unsigned long long)v.features);
		em_print_features(stdout, v.features, false);
		printf(")\n");
	}
	close(fd);
	return ret;
}

static void em_json_string(const char *s, size_t len)
{
	char buf[1024];
	struct em_out o;

	em_out_init(&o, buf, sizeof(buf));
	em_json_str(&o, s, len);
	fwrite(buf, 1, o.len, stdout);
}

static void em_print_stats(const struct execmon_ring_stats *st, bool json)
{
	if (json)
		printf("{\"seen\":%llu,\"delivered\":%llu,\"dropped_full\":%llu,"
		       "\"dropped_nested\":%llu,\"dropped_too_large\":%llu,\"filtered\":%llu}",
		       (unsigned long long)st->seen, (unsigned long long)st->delivered,
		       (unsigned long long)st->dropped_full, (unsigned long long)st->dropped_nested,
		       (unsigned long long)st->dropped_too_large, (unsigned long long)st->filtered);
	else
		printf("seen %llu delivered %llu dropped %llu (full %llu, nested %llu, too large %llu) "
		       "filtered %llu",
		       (unsigned long long)st->seen, (unsigned long long)st->delivered,
		       (unsigned long long)(st->dropped_full + st->dropped_nested +
					    st->dropped_too_large),
		       (unsigned long long)st->dropped_full, (unsigned long long)st->dropped_nested,
		       (unsigned long long)st->dropped_too_large, (unsigned long long)st->filtered);
}

/* One reader's per-CPU counters; false if it went away or has no rings yet. */
static bool em_reader_cpus(int fd, __u64 id, struct execmon_ring_stats **cpus, unsigned int *nr)
{
	struct execmon_stats st = { .size = sizeof(st), .session_id = id };
	long n = sysconf(_SC_NPROCESSORS_CONF);

	*nr = n > 0 && n < 8192 ? n : 8192;
	for (;;) {
		*cpus = calloc(*nr, sizeof(**cpus));
		if (!*cpus)
			return false;
		st.nr_rings = *nr;
		st.rings_ptr = (__u64)(unsigned long)*cpus;
		if (ioctl(fd, EXECMON_IOC_STATS, &st)) {
			free(*cpus);
			*cpus = NULL;
			return false;
		}
		if (st.nr_rings <= *nr) {
			*nr = st.nr_rings;
			return true;
		}
		free(*cpus);	/* more rings than CPUs configured: ask again with room */
		*nr = st.nr_rings;
		st = (struct execmon_stats){ .size = sizeof(st), .session_id = id };
	}
}

/* What status shows, gathered once, then written as text or JSON. */
struct em_status {
	struct execmon_version v;
	struct em_policy_doc doc;
	__u64 gen;
	struct execmon_readers rq;
	unsigned int nr;		/* readers[] filled, this query's own among them */
	struct execmon_reader readers[EXECMON_READERS_MAX];
	struct execmon_ring_stats *cpus[EXECMON_READERS_MAX];	/* per CPU, or NULL */
	unsigned int ncpu[EXECMON_READERS_MAX];
};

static int em_status_gather(int fd, struct em_status *st)
{
	unsigned int i;
	int ret;

	st->rq = (struct execmon_readers){
		.size = sizeof(st->rq), .nr = EXECMON_READERS_MAX,
		.ptr = (__u64)(unsigned long)st->readers,
	};
	ret = em_version(fd, &st->v);
	if (!ret)
		ret = em_policy_get(fd, &st->doc, &st->gen);
	if (!ret && ioctl(fd, EXECMON_IOC_READERS, &st->rq))
		ret = em_ioctl_failed("readers");
	if (ret)
		return ret;
	st->nr = st->rq.nr < EXECMON_READERS_MAX ? st->rq.nr : EXECMON_READERS_MAX;
	for (i = 0; i < st->nr; i++)
		if (st->readers[i].id != st->rq.self_id && st->readers[i].ring_pages &&
		    !em_reader_cpus(fd, st->readers[i].id, &st->cpus[i], &st->ncpu[i]))
			st->ncpu[i] = 0;	/* closed since, or no memory: the total only */
	return 0;
}

static void em_status_free(struct em_status *st)
{
	unsigned int i;

	for (i = 0; i < st->nr; i++)
		free(st->cpus[i]);
}

static void em_status_json(const struct em_status *st)
{
	const struct em_policy_doc *doc = &st->doc;
	unsigned int i, c, shown = 0;
	char rule[1024];

	printf("{\"module\":");
	em_json_string(st->v.module_version, strlen(st->v.module_version));
	printf(",\"uapi\":%u,\"features\":[", st->v.uapi_version);
	em_print_features(stdout, st->v.features, true);
	printf("],\"settings\":{\"env\":%s,\"argv_max\":%u,\"env_max\":%u,"
	       "\"ring_pages\":%u,\"redact\":[",
	       doc->env ? "true" : "false", doc->argv_max, doc->env_max, doc->ring_pages);
	for (i = 0; i < doc->nr_redact; i++) {
		printf(i ? "," : "");
		em_json_string(doc->redact[i], strlen(doc->redact[i]));
	}
	printf("]},\"generation\":%llu,\"rules\":[", (unsigned long long)st->gen);
	for (i = 0; i < doc->nr_rules; i++) {
		em_rule_format(&doc->rules[i], rule, sizeof(rule));
		printf(i ? "," : "");
		em_json_string(rule, strlen(rule));
	}
	printf("],\"probe_misses\":%llu,\"chain_misses\":%llu,\"path_misses\":%llu,"
	       "\"readers\":[",
	       (unsigned long long)st->rq.probe_misses, (unsigned long long)st->rq.chain_misses,
	       (unsigned long long)st->rq.path_misses);
	for (i = 0; i < st->nr; i++) {
		const struct execmon_reader *r = &st->readers[i];

		if (r->id == st->rq.self_id)
			continue;	/* this status query itself */
		printf("%s{\"id\":%llu,\"pid\":%u,\"comm\":", shown++ ? "," : "",
		       (unsigned long long)r->id, r->pid);
		em_json_string(r->comm, strnlen(r->comm, sizeof(r->comm)));
		printf(",\"ring_pages\":%u,\"total\":", r->ring_pages);
		em_print_stats(&r->total, true);
		printf(",\"cpus\":[");
		for (c = 0; c < st->ncpu[i]; c++) {
			printf("%s", c ? "," : "");
			em_print_stats(&st->cpus[i][c], true);
		}
		printf("]}");
	}
	printf("]}\n");
}

static void em_status_text(const struct em_status *st)
{
	const struct em_policy_doc *doc = &st->doc;
	char rule[1024], redact[EXECMON_REDACT_MAX * EXECMON_REDACT_LEN];
	unsigned int i, c;

	printf("module %s, uapi %u, features ", st->v.module_version, st->v.uapi_version);
	em_print_features(stdout, st->v.features, false);
	printf("\nsettings: env %s, argv-max %u, env-max %u, ring-pages %u\n",
	       doc->env ? "on" : "off", doc->argv_max, doc->env_max, doc->ring_pages);
	em_redact_format(doc, redact, sizeof(redact));
	printf("redact: %s\n", redact);
	printf("rules: %u\n", doc->nr_rules);
	for (i = 0; i < doc->nr_rules; i++) {
		em_rule_format(&doc->rules[i], rule, sizeof(rule));
		printf("  %u: %s\n", i + 1, rule);
	}
	printf("probe misses: %llu, chain misses: %llu, path misses: %llu\n",
	       (unsigned long long)st->rq.probe_misses, (unsigned long long)st->rq.chain_misses,
	       (unsigned long long)st->rq.path_misses);
	printf("readers: %u\n", st->nr ? st->nr - 1 : 0);
	for (i = 0; i < st->nr; i++) {
		const struct execmon_reader *r = &st->readers[i];
		char comm[64];
		struct em_out o;

		if (r->id == st->rq.self_id)
			continue;
		em_out_init(&o, comm, sizeof(comm));
		em_out_text_str(&o, r->comm, strnlen(r->comm, sizeof(r->comm)));
		printf("  reader %llu: pid %u %.*s, ring-pages %u\n    total: ",
		       (unsigned long long)r->id, r->pid, (int)o.len, comm, r->ring_pages);
		em_print_stats(&r->total, false);
		printf("\n");
		for (c = 0; c < st->ncpu[i]; c++) {
			if (!st->cpus[i][c].seen)
				continue;
			printf("    cpu %u: ", c);
			em_print_stats(&st->cpus[i][c], false);
			printf("\n");
		}
	}
}

static int cmd_status(bool json)
{
	static struct em_status st;
	int fd, ret = em_open(&fd);

	if (ret)
		return ret;
	ret = em_status_gather(fd, &st);
	close(fd);
	if (!ret) {
		if (json)
			em_status_json(&st);
		else
			em_status_text(&st);
	}
	em_status_free(&st);
	return ret;
}

static int cmd_filter_list(bool save)
{
	static struct em_policy_doc doc;
	char rule[1024];
	unsigned int i;
	__u64 gen;
	int fd, ret = em_open(&fd);

	if (ret)
		return ret;
	ret = em_policy_get(fd, &doc, &gen);
	close(fd);
	if (ret)
		return ret;
	if (save) {
		printf("# execmon policy, generation %llu (execmonctl save; execmonctl load FILE)\n",
		       (unsigned long long)gen);
		em_policy_write(stdout, &doc);
		return fflush(stdout) ? EX_FAIL : EX_OK;
	}
	for (i = 0; i < doc.nr_rules; i++) {
		em_rule_format(&doc.rules[i], rule, sizeof(rule));
		printf("%u: %s\n", i + 1, rule);
	}
	return EX_OK;
}

static int cmd_load(const char *path)
{
	static struct em_policy_doc file;
	char err[768];
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	int ret;

	if (!f) {
		fprintf(stderr, "execmonctl: load %s: %s\n", path, strerror(errno));
		return EX_FAIL;
	}
	ret = em_policy_parse_file(f, &file, err, sizeof(err));
	if (f != stdin)
		fclose(f);
	if (ret) {
		fprintf(stderr, "execmonctl: %s: %s; nothing changed\n", path, err);
		return EX_USAGE;
	}
	return em_policy_update(em_edit_load, &file);
}

static int cmd_filter(int argc, char **argv)
{
	struct execmon_rule r;
	unsigned long n;
	char err[512], *end;

	if (argc < 1)
		return em_usage_error("filter %s: add, list, del N or clear", "what?");
	if (!strcmp(argv[0], "list") && argc == 1)
		return cmd_filter_list(false);
	if (!strcmp(argv[0], "clear") && argc == 1)
		return em_policy_update(em_edit_clear, NULL);
	if (!strcmp(argv[0], "del") && argc == 2) {
		unsigned int idx;

		errno = 0;
		n = strtoul(argv[1], &end, 10);
		if (errno || *end || !n || n > UINT_MAX || argv[1][0] == '-')
			return em_usage_error("filter del %s: a rule number from filter list", argv[1]);
		idx = n;
		return em_policy_update(em_edit_del, &idx);
	}
	if (!strcmp(argv[0], "add") && argc >= 2) {
		if (em_rule_parse(argv[1], argv + 2, argc - 2, &r, err, sizeof(err)))
			return em_usage_error("filter add: %s", err);
		return em_policy_update(em_edit_add, &r);
	}
	return em_usage_error("filter %s: add drop|keep COND..., list, del N or clear", argv[0]);
}

static int run_help(int argc, char **argv)
{
	usage(stdout);
	return EX_OK;
}

static int run_version(int argc, char **argv)
{
	return cmd_version();
}

static int run_status(int argc, char **argv)
{
	if (argc == 1 && strcmp(argv[0], "--json"))
		return em_usage_error("status %s: the only option is --json", argv[0]);
	return cmd_status(argc == 1);
}

static int run_set(int argc, char **argv)
{
	static struct em_policy_doc check;
	char err[256], add[EXECMON_REDACT_LEN + 2];

	/* usage errors before touching the device; what -PAT takes away is
	 * known only then: here its syntax is checked as +PAT's */
	snprintf(add, sizeof(add), "+%s", argv[1] + 1);
	if (em_setting_parse(argv[0], !strcmp(argv[0], "redact") && argv[1][0] == '-' ?
			     add : argv[1], &check, err, sizeof(err)))
		return em_usage_error("set %s", err);
	return em_policy_update(em_edit_setting, argv);
}

static int run_load(int argc, char **argv)
{
	return cmd_load(argv[0]);
}

static int run_save(int argc, char **argv)
{
	return cmd_filter_list(true);
}

/*
 * exec-id PID...: the exec id of the image each process runs now and its
 * parent's, as their events name them: "PID EXEC_ID PPID PARENT_EXEC_ID"
 * ("-" for no parent); a process that is gone fails the command.
 */
static int run_exec_id(int argc, char **argv)
{
	char buf[256], boot[64];
	struct em_out o;
	int i, fd, ret;

	for (i = 0; i < argc; i++) {
		char *end;
		unsigned long v;

		errno = 0;
		v = strtoul(argv[i], &end, 10);
		if (errno || end == argv[i] || *end || !v || v > 0xffffffffUL)
			return em_usage_error("exec-id %s: a pid", argv[i]);
	}
	errno = 0;
	if (!emdev_boot_id(boot, sizeof(boot)) || !em_set_boot_id(boot)) {
		fprintf(stderr, "execmonctl: /proc/sys/kernel/random/boot_id: %s\n",
			errno ? strerror(errno) : "not a UUID");
		return EX_FAIL;
	}
	ret = em_open(&fd);
	if (ret)
		return ret;
	for (i = 0; i < argc && !ret; i++) {
		struct execmon_image_query q = { .size = sizeof(q),
						 .pid = (__u32)strtoul(argv[i], NULL, 10) };

		if (ioctl(fd, EXECMON_IOC_IMAGE, &q)) {
			if (errno == ESRCH) {
				fprintf(stderr, "execmonctl: exec-id %s: no such process\n", argv[i]);
				ret = EX_FAIL;
			} else {
				ret = em_ioctl_failed("exec-id");
			}
			break;
		}
		em_out_init(&o, buf, sizeof(buf));
		em_out_u64(&o, q.pid);
		em_out_putc(&o, ' ');
		em_out_exec_id(&o, q.pid, &q.image);
		em_out_putc(&o, ' ');
		em_out_u64(&o, q.ppid);
		em_out_putc(&o, ' ');
		if (q.ppid)
			em_out_exec_id(&o, q.ppid, &q.parent_image);
		else
			em_out_putc(&o, '-');
		printf("%.*s\n", (int)o.len, buf);
	}
	close(fd);
	return ret;
}

#define EM_STR_(x)	#x
#define EM_STR(x)	EM_STR_(x)

/*
 * The commands: name, how many arguments, what runs them, and their help,
 * one line per form ("ARGS\tWHAT"; a line without ARGS goes on the one
 * before).  The usage text is made from it.
 */
static const struct em_cmd {
	const char *name;
	int min_args, max_args;
	int (*run)(int argc, char **argv);
	const char *help;
} em_cmds[] = {
	{ "help", 0, INT_MAX, run_help, "\tthis text" },
	{ "version", 0, 0, run_version, "\tmodule version, UAPI version, features" },
	{ "status", 0, 1, run_status,
	  "[--json]\tversion, settings, rules, readers and their counters" },
	{ "set", 2, 2, run_set,
	  "env on|off\tenvironment capture (off by default: secrets)\n"
	  "argv-max BYTES\targv bytes kept per event (1 to " EM_STR(EXECMON_STRV_MAX) ")\n"
	  "env-max BYTES\tenvironment bytes kept per event (1 to " EM_STR(EXECMON_STRV_MAX) ")\n"
	  "ring-pages PAGES\tring size for readers that start from now on\n"
	  "redact default|none|LIST|+PAT|-PAT\t\n"
	  "\tenvironment names whose values are redacted\n"
	  "\t(LIST: PAT,PAT...; '*' matches any run)" },
	{ "filter", 0, INT_MAX, cmd_filter,
	  "add drop|keep COND...\tadd a rule at the end (the first match decides)\n"
	  "list\tthe rules, numbered\n"
	  "del N\tremove rule N\n"
	  "clear\tremove every rule" },
	{ "load", 1, 1, run_load, "FILE\tapply a policy file (- for stdin), all or nothing" },
	{ "save", 0, 0, run_save, "\tprint the policy in force, as a file load takes" },
	{ "exec-id", 1, INT_MAX, run_exec_id,
	  "PID...\teach process's exec id, its parent's pid and exec id" },
};

static void usage(FILE *f)
{
	unsigned int i;

	fprintf(f, "usage: execmonctl [--device PATH] COMMAND [ARGS]\n\n");
	for (i = 0; i < sizeof(em_cmds) / sizeof(em_cmds[0]); i++) {
		const char *l = em_cmds[i].help;

		while (*l) {
			const char *tab = strchr(l, '\t'), *nl = strchr(l, '\n');
			int wlen = nl ? (int)(nl - tab - 1) : (int)strlen(tab + 1);
			char form[80];

			snprintf(form, sizeof(form), "%s%s%.*s", tab == l ? "" : em_cmds[i].name,
				 tab == l || !*em_cmds[i].name ? "" : " ", (int)(tab - l), l);
			if (tab == l && l != em_cmds[i].help)
				fprintf(f, "  %-28s %.*s\n", "", wlen, tab + 1);	/* goes on */
			else if (strlen(form) > 28 && !wlen)
				fprintf(f, "  %s\n", form);
			else
				fprintf(f, "  %-28s %.*s\n", tab == l ? em_cmds[i].name : form,
					wlen, tab + 1);
			l = nl ? nl + 1 : tab + 1 + wlen;
		}
	}
	fprintf(f,
		"\n"
		"COND is FIELD=VALUE, all of a rule's must hold; 'all' matches every event:\n"
		"  event=exec|failed|exec,failed   uid=UID|USER   gid=GID|GROUP\n"
		"  pid=PID   pid-tree=PID (and its descendants)   comm=NAME (the process's choice)\n"
		"  path=PREFIX (the executed file's full path as the host sees it; only tasks\n"
		"    in the host's mount namespace can match)\n"
		"  path-any-ns=PREFIX (the path as the task sees it, in any namespace or chroot:\n"
		"    anyone who can make a mount namespace can match it)\n"
		"  cgroup=ID|DIR   cgroup-tree=ID|DIR (and every cgroup below)\n"
		"  mntns=INO|NSFILE   pidns=INO|NSFILE   errno=ENOENT|2\n"
		"\n"
		"Changes need CAP_SYS_ADMIN; reading needs access to the device.\n"
		"Exit status: 0 done, 1 failed, 2 bad usage.  See execmonctl(8).\n");
}

int main(int argc, char **argv)
{
	int i = 1;
	unsigned int c;
	const char *cmd;

	while (i < argc && argv[i][0] == '-' && argv[i][1] == '-') {
		if (!strcmp(argv[i], "--help")) {
			usage(stdout);
			return EX_OK;
		}
		if (!strcmp(argv[i], "--device") && i + 1 < argc) {
			em_device = argv[i + 1];
			i += 2;
			continue;
		}
		return em_usage_error("unknown option '%s'", argv[i]);
	}
	if (i >= argc)
		return em_usage_error("%s", "a command is needed");
	cmd = argv[i++];
	argc -= i;
	argv += i;
	for (c = 0; c < sizeof(em_cmds) / sizeof(em_cmds[0]); c++) {
		if (strcmp(cmd, em_cmds[c].name))
			continue;
		if (argc < em_cmds[c].min_args || argc > em_cmds[c].max_args)
			return em_usage_error("%s: wrong arguments", cmd);
		return em_cmds[c].run(argc, argv);
	}
	return em_usage_error("unknown command '%s'", cmd);
}
