// SPDX-License-Identifier: GPL-2.0
/* The policy language (user/policy.c): rules, settings, files, round trips. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "check.h"
#include "policy.h"
#include "emredact.h"

static char err[1024];

/* parse "ACTION COND..." split on spaces; returns 0 or -1 */
static int parse(const char *line, struct execmon_rule *r)
{
	char buf[1024], *words[32], *save, *w;
	int n = 0;

	snprintf(buf, sizeof(buf), "%s", line);
	for (w = strtok_r(buf, " ", &save); w && n < 32; w = strtok_r(NULL, " ", &save))
		words[n++] = w;
	err[0] = '\0';
	return em_rule_parse(words[0], words + 1, n - 1, r, err, sizeof(err));
}

static const char *roundtrip(const char *line)
{
	static char out[1024];
	struct execmon_rule r;

	if (parse(line, &r))
		return err;
	em_rule_format(&r, out, sizeof(out));
	return out;
}

static void test_rules(void)
{
	struct execmon_rule r;

	CHECK(!parse("drop path=/usr/lib/backup/", &r), "%s", err);
	CHECK(r.action == EXECMON_RULE_DROP && r.match == EXECMON_MATCH_PATH, "%u %u", r.action, r.match);
	CHECK_STREQ(r.path, "/usr/lib/backup/");

	CHECK(!parse("drop uid=4321 event=failed", &r), "%s", err);
	CHECK(r.match == (EXECMON_MATCH_UID | EXECMON_MATCH_EVENT) && r.uid == 4321 &&
	      r.events == 1U << EXECMON_REC_EXEC_FAILED, "%#x %u %#x", r.match, r.uid, r.events);

	CHECK(!parse("keep pid-tree=77 cgroup-tree=1234", &r), "%s", err);
	CHECK(r.match == (EXECMON_MATCH_PID | EXECMON_MATCH_PID_TREE | EXECMON_MATCH_CGROUP |
			  EXECMON_MATCH_CGROUP_TREE) && r.pid == 77 && r.cgroup_id == 1234,
	      "%#x", r.match);

	CHECK(!parse("drop errno=ENOENT", &r) && r.err == 2, "%s", err);
	CHECK(!parse("drop errno=13", &r) && r.err == 13, "%s", err);
	CHECK(!parse("drop all", &r) && r.match == 0, "%s", err);
	CHECK(!parse("drop uid=root", &r) && r.uid == 0, "%s", err);

	/* every field, in the canonical order, reads back the same */
	CHECK_STREQ(roundtrip("keep errno=EACCES pidns=4026531836 mntns=4026531841 cgroup=1 "
			      "path=/bin/ comm=sh pid=1 gid=5 uid=7 event=exec,failed"),
		    "keep event=exec,failed uid=7 gid=5 pid=1 comm=sh path=/bin/ cgroup=1 "
		    "mntns=4026531841 pidns=4026531836 errno=EACCES");
	CHECK_STREQ(roundtrip("drop event=failed,exec"), "drop event=exec,failed");
	CHECK_STREQ(roundtrip("drop event=exit,exec"), "drop event=exec,exit");
	CHECK_STREQ(roundtrip("keep event=exit uid=0"), "keep event=exit uid=0");
	CHECK(!parse("drop path-any-ns=/usr/lib/backup", &r), "%s", err);
	CHECK(r.match == (EXECMON_MATCH_PATH | EXECMON_MATCH_PATH_ANY_NS), "%#x", r.match);
	CHECK_STREQ(roundtrip("drop path-any-ns=/opt uid=1"), "drop uid=1 path-any-ns=/opt");
	CHECK(parse("drop path=/a path-any-ns=/b", &r), "path and path-any-ns together");
	CHECK_STREQ(roundtrip("drop all"), "drop all");
	/* identity: the login uid (a name, a number, unset), the terminal, privilege */
	CHECK(!parse("keep auid=unset", &r) && r.auid == 4294967295U &&
	      r.match == EXECMON_MATCH_AUID, "%s", err);
	CHECK(!parse("drop auid=root tty=/dev/pts/3", &r) && r.auid == 0 && !strcmp(r.tty, "pts/3") &&
	      r.match == (EXECMON_MATCH_AUID | EXECMON_MATCH_TTY), "%s", err);
	CHECK(!parse("drop tty=none", &r) && r.match == EXECMON_MATCH_TTY && !r.tty[0], "%s", err);
	CHECK(!parse("drop tty=any", &r) && r.match == EXECMON_MATCH_HAS_TTY, "%s", err);
	CHECK(!parse("keep privileged", &r) && r.match == EXECMON_MATCH_PRIVILEGED, "%s", err);
	CHECK_STREQ(roundtrip("keep privileged uid=1234 tty=ttyS0 auid=1000"),
		    "keep uid=1234 auid=1000 tty=ttyS0 privileged");
	CHECK_STREQ(roundtrip("drop tty=none auid=unset"), "drop auid=unset tty=none");
	CHECK_STREQ(roundtrip("drop tty=any"), "drop tty=any");
}

static void test_rule_errors(void)
{
	static const char *const bad[] = {
		"stop uid=1",			/* action */
		"drop",				/* no condition */
		"drop all uid=1",		/* all with more */
		"drop uid",			/* no = */
		"drop color=red",		/* unknown field */
		"drop uid=-1",			/* sign */
		"drop uid=4294967295",		/* (uid_t)-1 is no uid */
		"drop uid=no-such-user-here",
		"drop uid=1 uid=2",		/* twice */
		"drop pid=1 pid-tree=2",	/* the same field twice */
		"drop pid=0",
		"drop pid=1x",
		"drop comm=",
		"drop comm=0123456789abcdef",	/* 16 bytes: too long */
		"drop path=relative/",
		"drop path=",
		"drop event=",
		"drop event=exits",
		"drop event=exec,,",
		"drop errno=0",
		"drop errno=4096",
		"drop errno=ENOTANERRNO",
		"drop cgroup=0",
		"drop cgroup=abc",
		"drop cgroup=/nonexistent/cgroup",
		"drop cgroup=/tmp",		/* a directory, not a cgroup */
		"drop mntns=/nonexistent",
		"drop auid=",
		"drop auid=no-such-user-here",
		"drop tty=",
		"drop tty=0123456789abcdef",	/* 16 bytes: too long */
		"drop tty=any tty=pts/1",	/* twice */
		"drop privileged=yes",		/* no value */
		"drop privileged privileged",
	};
	struct execmon_rule r;
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK(parse(bad[i], &r), "accepted: %s", bad[i]);
		CHECK(err[0], "no message for: %s", bad[i]);
	}
	/* a long path prefix: 255 bytes fit, 256 do not */
	{
		char line[400] = "drop path=/";

		memset(line + strlen(line), 'a', 254);
		CHECK(!parse(line, &r), "255 bytes: %s", err);
		strcat(line, "a");
		CHECK(parse(line, &r), "256 bytes accepted");
	}
}

static void test_ns_path(void)
{
	struct execmon_rule r;
	struct stat st;

	if (stat("/proc/self/ns/mnt", &st))
		return;	/* no procfs here */
	CHECK(!parse("drop mntns=/proc/self/ns/mnt", &r), "%s", err);
	CHECK(r.mnt_ns == st.st_ino, "%llu vs %llu", (unsigned long long)r.mnt_ns,
	      (unsigned long long)st.st_ino);
}

static void test_settings(void)
{
	struct em_policy_doc doc;

	memset(&doc, 0, sizeof(doc));
	CHECK(!em_setting_parse("env", "on", &doc, err, sizeof(err)) && doc.env, "%s", err);
	CHECK(!em_setting_parse("argv-max", "16384", &doc, err, sizeof(err)) &&
	      doc.argv_max == 16384, "%s", err);
	CHECK(!em_setting_parse("env-max", "1", &doc, err, sizeof(err)) && doc.env_max == 1, "%s", err);
	CHECK(!em_setting_parse("ring-pages", "1024", &doc, err, sizeof(err)) &&
	      doc.ring_pages == 1024, "%s", err);
	CHECK(doc.set == (EM_SET_ENV | EM_SET_ARGV_MAX | EM_SET_ENV_MAX | EM_SET_RING_PAGES),
	      "%#x", doc.set);
	CHECK(em_setting_parse("env", "yes", &doc, err, sizeof(err)), "env yes");
	CHECK(em_setting_parse("argv-max", "0", &doc, err, sizeof(err)), "argv-max 0");
	CHECK(em_setting_parse("argv-max", "16385", &doc, err, sizeof(err)), "argv-max 16385");
	CHECK(em_setting_parse("env-max", "1k", &doc, err, sizeof(err)), "env-max 1k");
	CHECK(em_setting_parse("ring-pages", "1000", &doc, err, sizeof(err)), "ring-pages 1000");
	CHECK(em_setting_parse("colour", "blue", &doc, err, sizeof(err)), "colour");
}

static void test_redact(void)
{
	static struct em_policy_doc doc;
	static const struct {
		const char *pat, *name;
		bool match;
	} cases[] = {
		{ "*TOKEN*", "GITHUB_TOKEN", true }, { "*TOKEN*", "TOKEN", true },
		{ "*TOKEN*", "github_token_file", true },	/* either case */
		{ "*TOKEN*", "TOKE", false }, { "AWS_*", "AWS_SECRET_ACCESS_KEY", true },
		{ "AWS_*", "AWS_", true }, { "AWS_*", "MY_AWS_X", false },
		{ "*_PWD", "OLDPWD", false }, { "*_PWD", "DB_PWD", true },
		{ "A*B*C", "AxxBxxBxxC", true }, { "A*B*C", "AxxBxxCxxB", false },
		{ "*", "", true }, { "X", "", false }, { "**K", "KKK", true },
		{ "PATH", "PATH", true }, { "PATH", "PATHS", false },
	};
	char buf[4096];
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK(em_redact_match(cases[i].pat, cases[i].name, strlen(cases[i].name)) ==
		      cases[i].match, "%s against %s", cases[i].pat, cases[i].name);
	/* the length bounds the name: the rest of an environment string is not looked at */
	CHECK(em_redact_match("AWS_*", "AWS_X=1", 5), "AWS_X of AWS_X=1");
	CHECK(!em_redact_match("*=*", "A=B", 1), "a name has no =");

	CHECK(em_redact_pattern_ok("*KEY*", EXECMON_REDACT_LEN), "*KEY*");
	CHECK(!em_redact_pattern_ok("", EXECMON_REDACT_LEN), "empty");
	CHECK(!em_redact_pattern_ok("A=B", EXECMON_REDACT_LEN), "with =");
	CHECK(!em_redact_pattern_ok("A B", EXECMON_REDACT_LEN), "with a space");
	CHECK(!em_redact_pattern_ok("A,B", EXECMON_REDACT_LEN), "with a comma");
	CHECK(!em_redact_pattern_ok("ABCD", 4), "no NUL within the size");

	memset(&doc, 0, sizeof(doc));
	CHECK(!em_setting_parse("redact", "default", &doc, err, sizeof(err)), "%s", err);
	CHECK(doc.nr_redact == EM_REDACT_DEFAULT_NR && doc.set == EM_SET_REDACT, "%u", doc.nr_redact);
	CHECK(!em_setting_parse("redact", "+MY_VAR", &doc, err, sizeof(err)), "%s", err);
	CHECK(!em_setting_parse("redact", "+MY_VAR", &doc, err, sizeof(err)), "added twice: %s", err);
	CHECK(!em_setting_parse("redact", "-*KEY*", &doc, err, sizeof(err)), "%s", err);
	CHECK(doc.nr_redact == EM_REDACT_DEFAULT_NR, "%u", doc.nr_redact);
	CHECK(!strcmp(doc.redact[doc.nr_redact - 1], "MY_VAR"), "%s", doc.redact[doc.nr_redact - 1]);
	CHECK(em_setting_parse("redact", "-*KEY*", &doc, err, sizeof(err)), "removed twice");
	CHECK(!em_setting_parse("redact", "A_*,*_B", &doc, err, sizeof(err)), "%s", err);
	em_redact_format(&doc, buf, sizeof(buf));
	CHECK_STREQ(buf, "A_*,*_B");
	CHECK(!em_setting_parse("redact", "none", &doc, err, sizeof(err)) && !doc.nr_redact, "%s", err);
	em_redact_format(&doc, buf, sizeof(buf));
	CHECK_STREQ(buf, "none");
	CHECK(em_setting_parse("redact", "A=B", &doc, err, sizeof(err)), "A=B");
	CHECK(em_setting_parse("redact", ",", &doc, err, sizeof(err)), "an empty list");
	CHECK(em_setting_parse("redact", "+", &doc, err, sizeof(err)), "+ alone");
	/* 33 patterns */
	buf[0] = '\0';
	for (i = 0; i <= EXECMON_REDACT_MAX; i++)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%sP%u", i ? "," : "", i);
	CHECK(em_setting_parse("redact", buf, &doc, err, sizeof(err)) && strstr(err, "more than"),
	      "%s", err);
}

static int parse_file(const char *text, struct em_policy_doc *doc)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int ret;

	err[0] = '\0';
	ret = em_policy_parse_file(f, doc, err, sizeof(err));
	fclose(f);
	return ret;
}

static void test_files(void)
{
	static struct em_policy_doc doc, again;
	static char out[1 << 16];
	FILE *f;

	CHECK(!parse_file("# a policy\n"
			  "set env on   # for the investigation\n"
			  "\n"
			  "filter drop path=\"/opt/my app/\" comm=\"a\\\"b\\\\c\\x01\"\n"
			  "filter keep all\n", &doc), "%s", err);
	CHECK(doc.set == EM_SET_ENV && doc.env && doc.nr_rules == 2, "%#x %u", doc.set, doc.nr_rules);
	CHECK_STREQ(doc.rules[0].path, "/opt/my app/");
	CHECK(!memcmp(doc.rules[0].comm, "a\"b\\c\x01", 7), "comm %s", doc.rules[0].comm);

	/* what save writes, load reads back to the same policy */
	doc.argv_max = 100;
	doc.env_max = 200;
	doc.ring_pages = 64;
	f = fmemopen(out, sizeof(out), "w");
	em_policy_write(f, &doc);
	fclose(f);
	CHECK(!parse_file(out, &again), "%s in:\n%s", err, out);
	CHECK(again.env == doc.env && again.argv_max == 100 && again.env_max == 200 &&
	      again.ring_pages == 64 && again.nr_rules == 2 && again.nr_redact == 0 &&
	      (again.set & EM_SET_REDACT) &&
	      !memcmp(again.rules, doc.rules, 2 * sizeof(doc.rules[0])), "round trip:\n%s", out);

	/* errors name the line and change nothing (the caller applies only a whole file) */
	CHECK(parse_file("set env on\nfilter drop uid=1\nfilter frob uid=2\n", &doc) &&
	      strstr(err, "line 3"), "%s", err);
	CHECK(parse_file("set env\n", &doc) && strstr(err, "line 1"), "%s", err);
	CHECK(parse_file("set env on extra\n", &doc), "extra word");
	CHECK(parse_file("filter\n", &doc), "filter alone");
	CHECK(parse_file("filter drop path=\"/open\n", &doc) && strstr(err, "quote"), "%s", err);
	CHECK(parse_file("filter drop path=\"/a\\q\"\n", &doc) && strstr(err, "escape"), "%s", err);
	CHECK(parse_file("filter drop path=\"/a\\x00\"\n", &doc), "NUL escape");
	CHECK(parse_file("bogus\n", &doc) && strstr(err, "line 1"), "%s", err);

	/* more rules than the module keeps */
	{
		static char many[EXECMON_RULES_MAX * 24 + 64];
		size_t n = 0;
		unsigned int i;

		for (i = 0; i <= EXECMON_RULES_MAX; i++)
			n += sprintf(many + n, "filter drop uid=%u\n", i);
		CHECK(parse_file(many, &doc) && strstr(err, "more than"), "%s", err);
	}
}

/* a file with a NUL byte in a line is refused, not cut short */
static void test_nul_line(void)
{
	static const char text[] = "filter drop path=/a\0b\n";
	static struct em_policy_doc doc;
	FILE *f = fmemopen((void *)text, sizeof(text) - 1, "r");

	CHECK(em_policy_parse_file(f, &doc, err, sizeof(err)) && strstr(err, "NUL"), "%s", err);
	fclose(f);
}

int main(void)
{
	test_rules();
	test_rule_errors();
	test_ns_path();
	test_settings();
	test_redact();
	test_files();
	test_nul_line();
	return em_failures ? 1 : 0;
}
