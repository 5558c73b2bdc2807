/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The policy language execmonctl speaks: rules as FIELD=VALUE conditions,
 * and policy files of `set` and `filter` lines.  Parsing and formatting only;
 * no device access, so host tests cover all of it.
 *
 * A policy file, one statement per line ('#' starts a comment):
 *   set env on|off
 *   set argv-max BYTES
 *   set env-max BYTES
 *   set ring-pages PAGES
 *   set redact default|none|PATTERN,PATTERN...|+PATTERN|-PATTERN
 *                                (environment names whose values are redacted;
 *                                +/- add to and take from the list as it stands)
 *   filter drop|keep COND...     (in order: the first rule that matches decides)
 * A value with spaces, quotes, '#' or control characters is written in double
 * quotes with C escapes (\", \\, \n, \t, \xHH); `execmonctl save` does so,
 * so its output loads back unchanged.
 */
#ifndef EM_USER_POLICY_H
#define EM_USER_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <linux/execmon.h>

/* settings a file or command names; the others keep their values */
#define EM_SET_ENV		(1U << 0)
#define EM_SET_ARGV_MAX		(1U << 1)
#define EM_SET_ENV_MAX		(1U << 2)
#define EM_SET_RING_PAGES	(1U << 3)
#define EM_SET_REDACT		(1U << 4)

struct em_policy_doc {
	unsigned int set;		/* EM_SET_*: which settings below were named */
	bool env;
	__u32 argv_max, env_max, ring_pages;
	unsigned int nr_redact;
	char redact[EXECMON_REDACT_MAX][EXECMON_REDACT_LEN];
	unsigned int nr_rules;
	struct execmon_rule rules[EXECMON_RULES_MAX];
};

/*
 * One rule from its action ("drop"/"keep") and conditions ("uid=0", ...; the
 * single word "all" for a rule that matches every event).  Names (users,
 * groups, errnos) and paths (a cgroup directory, /proc/PID/ns/mnt) are
 * resolved here.  Returns 0, or -1 with a message in err.
 */
int em_rule_parse(const char *action, char *const *conds, int nconds,
		  struct execmon_rule *r, char *err, size_t errlen);

/* A setting by its name ("env", "argv-max", ...) into doc; 0 or -1 with err. */
int em_setting_parse(const char *name, const char *value, struct em_policy_doc *doc,
		     char *err, size_t errlen);

/* The redaction list as `set redact` takes it: "none", or "*TOKEN*,AWS_*". */
void em_redact_format(const struct em_policy_doc *doc, char *buf, size_t len);

/* A rule as `filter add` takes it: "drop uid=0 path=/usr/lib/". */
void em_rule_format(const struct execmon_rule *r, char *buf, size_t len);

/*
 * A whole policy file: 0, or -1 with err naming the line.  doc->rules are the
 * file's rules only; doc->set says which settings it named.
 */
int em_policy_parse_file(FILE *f, struct em_policy_doc *doc, char *err, size_t errlen);

/* Write a policy (every setting, every rule) in the file format. */
void em_policy_write(FILE *f, const struct em_policy_doc *doc);

#endif /* EM_USER_POLICY_H */
