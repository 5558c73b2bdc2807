// SPDX-License-Identifier: GPL-2.0
/* The policy language: see policy.h. */
#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/vfs.h>
#include "emdev.h"
#include "policy.h"
#include "emredact.h"

#define EM_CGROUP2_MAGIC	0x63677270	/* statfs f_type of a cgroup v2 mount */
#define EM_ERRNO_MAX		4095

static int em_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* A decimal number, all of s, at most max. */
static bool em_parse_u64(const char *s, unsigned long long max, unsigned long long *out)
{
	unsigned long long v;
	char *end;

	if (!isdigit((unsigned char)*s))
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v > max)
		return false;
	*out = v;
	return true;
}

/* A user or group: a number, or a name the system knows. */
static bool em_parse_id(const char *s, bool group, __u32 *out)
{
	unsigned long long v;

	if (em_parse_u64(s, UINT_MAX - 1, &v)) {
		*out = v;
		return true;
	}
	if (group) {
		struct group *g = getgrnam(s);

		if (g)
			*out = g->gr_gid;
		return g;
	} else {
		struct passwd *pw = getpwnam(s);

		if (pw)
			*out = pw->pw_uid;
		return pw;
	}
}

/* An errno: a number from 1 to 4095, or its name (ENOENT). */
static bool em_parse_errno(const char *s, __u32 *out)
{
	unsigned long long v;
	int e;

	if (em_parse_u64(s, EM_ERRNO_MAX, &v) && v) {
		*out = v;
		return true;
	}
	for (e = 1; e <= EM_ERRNO_MAX; e++) {
		const char *name = strerrorname_np(e);

		if (name && !strcmp(name, s)) {
			*out = e;
			return true;
		}
	}
	return false;
}

/*
 * An inode number given directly or as a path to stat: a cgroup v2
 * directory (its inode number is the cgroup id), a namespace file.
 */
static bool em_parse_ino(const char *s, bool cgroup, __u64 *out, char *err, size_t errlen)
{
	unsigned long long v;
	struct statfs sfs;
	struct stat st;

	if (em_parse_u64(s, ULLONG_MAX, &v) && v) {
		*out = v;
		return true;
	}
	if (s[0] != '/') {
		em_err(err, errlen, "'%s' is neither a number nor an absolute path", s);
		return false;
	}
	if (stat(s, &st)) {
		em_err(err, errlen, "%s: %s", s, strerror(errno));
		return false;
	}
	if (cgroup && (!S_ISDIR(st.st_mode) || statfs(s, &sfs) || sfs.f_type != EM_CGROUP2_MAGIC)) {
		em_err(err, errlen, "%s is not a cgroup v2 directory", s);
		return false;
	}
	*out = st.st_ino;
	return true;
}

/* the conditions, in the order em_rule_format() writes them */
enum em_cond {
	EM_C_EVENT, EM_C_UID, EM_C_GID, EM_C_PID, EM_C_PID_TREE, EM_C_COMM, EM_C_PATH,
	EM_C_PATH_ANY_NS, EM_C_CGROUP, EM_C_CGROUP_TREE, EM_C_MNTNS, EM_C_PIDNS, EM_C_ERRNO,
	EM_C_AUID, EM_C_TTY, EM_C_PRIVILEGED, EM_C_NR
};

static const char *const em_cond_names[EM_C_NR] = {
	"event", "uid", "gid", "pid", "pid-tree", "comm", "path", "path-any-ns", "cgroup",
	"cgroup-tree", "mntns", "pidns", "errno", "auid", "tty", "privileged",
};

#define EM_CONDS_HELP	"event, uid, gid, pid, pid-tree, comm, path, path-any-ns, cgroup, " \
			"cgroup-tree, mntns, pidns, errno, auid, tty"


static int em_cond_parse(enum em_cond c, const char *v, struct execmon_rule *r,
			 char *err, size_t errlen)
{
	const char *name = em_cond_names[c];
	unsigned long long n;
	char ino_err[256] = "";

	switch (c) {
	case EM_C_EVENT: {
		char buf[64], *rest = buf, *tok;

		if (strlen(v) >= sizeof(buf))
			goto bad;
		strcpy(buf, v);
		while ((tok = strsep(&rest, ","))) {	/* an empty item is an error */
			if (!strcmp(tok, "exec"))
				r->events |= 1U << EXECMON_REC_EXEC;
			else if (!strcmp(tok, "failed"))
				r->events |= 1U << EXECMON_REC_EXEC_FAILED;
			else if (!strcmp(tok, "exit"))
				r->events |= 1U << EXECMON_REC_EXIT;
			else
				goto bad;
		}
		if (!r->events)
			goto bad;
		r->match |= EXECMON_MATCH_EVENT;
		return 0;
	}
	case EM_C_UID:
		if (!em_parse_id(v, false, &r->uid))
			return em_err(err, errlen, "uid=%s: no such user", v);
		r->match |= EXECMON_MATCH_UID;
		return 0;
	case EM_C_GID:
		if (!em_parse_id(v, true, &r->gid))
			return em_err(err, errlen, "gid=%s: no such group", v);
		r->match |= EXECMON_MATCH_GID;
		return 0;
	case EM_C_PID:
	case EM_C_PID_TREE:
		if (!em_parse_u64(v, INT_MAX, &n) || !n)
			goto bad;
		r->pid = n;
		r->match |= EXECMON_MATCH_PID | (c == EM_C_PID_TREE ? EXECMON_MATCH_PID_TREE : 0);
		return 0;
	case EM_C_COMM:
		if (!*v || strlen(v) >= sizeof(r->comm))
			return em_err(err, errlen, "comm=%s: a comm is 1 to %zu bytes", v,
				      sizeof(r->comm) - 1);
		strcpy(r->comm, v);
		r->match |= EXECMON_MATCH_COMM;
		return 0;
	case EM_C_PATH:
	case EM_C_PATH_ANY_NS:
		if (v[0] != '/' || strlen(v) >= sizeof(r->path))
			return em_err(err, errlen, "%s=%s: a path prefix is absolute, at most %zu bytes",
				      name, v, sizeof(r->path) - 1);
		strcpy(r->path, v);
		r->match |= EXECMON_MATCH_PATH |
			    (c == EM_C_PATH_ANY_NS ? EXECMON_MATCH_PATH_ANY_NS : 0);
		return 0;
	case EM_C_CGROUP:
	case EM_C_CGROUP_TREE:
		if (!em_parse_ino(v, true, &r->cgroup_id, ino_err, sizeof(ino_err)))
			return em_err(err, errlen, "%s=%s", name, ino_err);
		r->match |= EXECMON_MATCH_CGROUP |
			    (c == EM_C_CGROUP_TREE ? EXECMON_MATCH_CGROUP_TREE : 0);
		return 0;
	case EM_C_MNTNS:
	case EM_C_PIDNS:
		if (!em_parse_ino(v, false, c == EM_C_MNTNS ? &r->mnt_ns : &r->pid_ns,
				  ino_err, sizeof(ino_err)))
			return em_err(err, errlen, "%s=%s", name, ino_err);
		r->match |= c == EM_C_MNTNS ? EXECMON_MATCH_MNTNS : EXECMON_MATCH_PIDNS;
		return 0;
	case EM_C_ERRNO:
		if (!em_parse_errno(v, &r->err))
			goto bad;
		r->match |= EXECMON_MATCH_ERRNO;
		return 0;
	case EM_C_AUID:
		/* a login uid, or unset: (uid_t)-1, what /proc/PID/loginuid says before a login */
		if (!strcmp(v, "unset"))
			r->auid = (__u32)-1;
		else if (!em_parse_id(v, false, &r->auid))
			return em_err(err, errlen, "auid=%s: no such user (or 'unset')", v);
		r->match |= EXECMON_MATCH_AUID;
		return 0;
	case EM_C_TTY:
		/* a name as ps(1) writes it (pts/3, tty1, ttyS0; /dev/ dropped), any or none */
		if (!strncmp(v, "/dev/", 5))
			v += 5;
		if (!strcmp(v, "any")) {
			r->match |= EXECMON_MATCH_HAS_TTY;
			return 0;
		}
		if (!strcmp(v, "none"))
			v = "";
		else if (!*v || strlen(v) >= sizeof(r->tty))
			return em_err(err, errlen, "tty=%s: a terminal's name (1 to %zu bytes), any or none",
				      v, sizeof(r->tty) - 1);
		strcpy(r->tty, v);
		r->match |= EXECMON_MATCH_TTY;
		return 0;
	case EM_C_PRIVILEGED:
		r->match |= EXECMON_MATCH_PRIVILEGED;
		return 0;
	case EM_C_NR:
		break;
	}
bad:
	return em_err(err, errlen, "%s=%s: bad value", name, v);
}

/* each condition's bit in execmon_rule.match, to tell one given twice */
static __u32 em_cond_bit(enum em_cond c)
{
	static const __u32 bits[EM_C_NR] = {
		EXECMON_MATCH_EVENT, EXECMON_MATCH_UID, EXECMON_MATCH_GID, EXECMON_MATCH_PID,
		EXECMON_MATCH_PID, EXECMON_MATCH_COMM, EXECMON_MATCH_PATH, EXECMON_MATCH_PATH,
		EXECMON_MATCH_CGROUP,
		EXECMON_MATCH_CGROUP, EXECMON_MATCH_MNTNS, EXECMON_MATCH_PIDNS, EXECMON_MATCH_ERRNO,
		EXECMON_MATCH_AUID, EXECMON_MATCH_TTY | EXECMON_MATCH_HAS_TTY, EXECMON_MATCH_PRIVILEGED,
	};

	return bits[c];
}

int em_rule_parse(const char *action, char *const *conds, int nconds,
		  struct execmon_rule *r, char *err, size_t errlen)
{
	int i;

	memset(r, 0, sizeof(*r));
	if (!strcmp(action, "drop"))
		r->action = EXECMON_RULE_DROP;
	else if (!strcmp(action, "keep"))
		r->action = EXECMON_RULE_KEEP;
	else
		return em_err(err, errlen, "'%s': the action is drop or keep", action);
	if (nconds == 1 && !strcmp(conds[0], "all"))
		return 0;
	if (!nconds)
		return em_err(err, errlen, "%s what? give conditions (FIELD=VALUE), or 'all'",
			      action);
	for (i = 0; i < nconds; i++) {
		const char *eq = strchr(conds[i], '=');
		size_t klen = eq ? (size_t)(eq - conds[i]) : 0;
		enum em_cond c;

		/* privileged is a condition with no value */
		if (!strcmp(conds[i], "privileged"))
			c = EM_C_PRIVILEGED;
		else
			for (c = 0; c < EM_C_PRIVILEGED; c++)
				if (eq && strlen(em_cond_names[c]) == klen &&
				    !strncmp(conds[i], em_cond_names[c], klen))
					break;
		if (c == EM_C_PRIVILEGED && strcmp(conds[i], "privileged"))
			return em_err(err, errlen,
				      "'%s': not FIELD=VALUE with FIELD one of " EM_CONDS_HELP
				      ", nor privileged", conds[i]);
		if (r->match & em_cond_bit(c))
			return em_err(err, errlen, "'%s': %s given twice", conds[i],
				      em_cond_names[c]);
		if (em_cond_parse(c, eq ? eq + 1 : "", r, err, errlen))
			return -1;
	}
	return 0;
}

static int em_redact_find(const struct em_policy_doc *doc, const char *pat)
{
	unsigned int i;

	for (i = 0; i < doc->nr_redact; i++)
		if (!strcmp(doc->redact[i], pat))
			return i;
	return -1;
}

static int em_redact_add(struct em_policy_doc *doc, const char *pat, char *err, size_t errlen)
{
	if (strlen(pat) >= EXECMON_REDACT_LEN || !em_redact_pattern_ok(pat, EXECMON_REDACT_LEN))
		return em_err(err, errlen, "redact '%s': a name pattern of 1 to %u printable "
			      "characters, no '=', ',' or spaces ('*': any run)", pat,
			      EXECMON_REDACT_LEN - 1);
	if (em_redact_find(doc, pat) >= 0)
		return 0;
	if (doc->nr_redact == EXECMON_REDACT_MAX)
		return em_err(err, errlen, "redact %s: more than %u patterns", pat,
			      EXECMON_REDACT_MAX);
	strcpy(doc->redact[doc->nr_redact++], pat);
	return 0;
}

/* default, none, a comma-separated list, +PATTERN or -PATTERN */
static int em_redact_parse(const char *value, struct em_policy_doc *doc, char *err, size_t errlen)
{
	static const char *const defaults[] = EM_REDACT_DEFAULT;
	char list[EXECMON_REDACT_MAX * EXECMON_REDACT_LEN], *p, *save;
	unsigned int i;
	int at;

	if (value[0] == '+')
		return em_redact_add(doc, value + 1, err, errlen);
	if (value[0] == '-') {
		at = em_redact_find(doc, value + 1);
		if (at < 0)
			return em_err(err, errlen, "redact %s: '%s' is not in the list", value,
				      value + 1);
		memmove(doc->redact[at], doc->redact[at + 1],
			(doc->nr_redact - at - 1) * sizeof(doc->redact[0]));
		doc->nr_redact--;
		return 0;
	}
	doc->nr_redact = 0;
	if (!strcmp(value, "none"))
		return 0;
	if (!strcmp(value, "default")) {
		for (i = 0; i < EM_REDACT_DEFAULT_NR; i++)
			strcpy(doc->redact[i], defaults[i]);
		doc->nr_redact = EM_REDACT_DEFAULT_NR;
		return 0;
	}
	if (strlen(value) >= sizeof(list))
		return em_err(err, errlen, "redact: a list longer than %zu bytes", sizeof(list) - 1);
	strcpy(list, value);
	for (p = strtok_r(list, ",", &save); p; p = strtok_r(NULL, ",", &save))
		if (em_redact_add(doc, p, err, errlen))
			return -1;
	if (!doc->nr_redact)
		return em_err(err, errlen, "redact '%s': default, none, a list of patterns, "
			      "+PATTERN or -PATTERN", value);
	return 0;
}

void em_redact_format(const struct em_policy_doc *doc, char *buf, size_t len)
{
	size_t at = 0;
	unsigned int i;

	snprintf(buf, len, "none");
	for (i = 0; i < doc->nr_redact && at < len; i++)
		at += snprintf(buf + at, len - at, "%s%s", i ? "," : "", doc->redact[i]);
}

static int em_setting_parse_number(const char *name, const char *value,
				   struct em_policy_doc *doc, char *err, size_t errlen)
{
	unsigned long long v;

	if (!strcmp(name, "env")) {
		if (strcmp(value, "on") && strcmp(value, "off"))
			return em_err(err, errlen, "env %s: on or off", value);
		doc->env = !strcmp(value, "on");
		doc->set |= EM_SET_ENV;
		return 0;
	}
	if (!strcmp(name, "argv-max") || !strcmp(name, "env-max")) {
		if (!em_parse_u64(value, EXECMON_STRV_MAX, &v) || !v)
			return em_err(err, errlen, "%s %s: bytes, from 1 to %u", name, value,
				      EXECMON_STRV_MAX);
		if (name[0] == 'a') {
			doc->argv_max = v;
			doc->set |= EM_SET_ARGV_MAX;
		} else {
			doc->env_max = v;
			doc->set |= EM_SET_ENV_MAX;
		}
		return 0;
	}
	if (!strcmp(name, "ring-pages")) {
		if (!em_parse_u64(value, UINT_MAX, &v) || !emdev_ring_pages_ok(v))
			return em_err(err, errlen, "ring-pages %s: a power of two from %lu to %u",
				      value, emdev_ring_pages_min(), EXECMON_RING_PAGES_MAX);
		doc->ring_pages = v;
		doc->set |= EM_SET_RING_PAGES;
		return 0;
	}
	return em_err(err, errlen, "'%s': the settings are env, argv-max, env-max, ring-pages, "
		      "redact", name);
}

int em_setting_parse(const char *name, const char *value, struct em_policy_doc *doc,
		     char *err, size_t errlen)
{
	if (!strcmp(name, "redact")) {
		if (em_redact_parse(value, doc, err, errlen))
			return -1;
		doc->set |= EM_SET_REDACT;
		return 0;
	}
	return em_setting_parse_number(name, value, doc, err, errlen);
}

/* ---- formatting ---- */

struct em_buf {
	char *p;
	size_t len, cap;
};

static void em_buf_printf(struct em_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->len >= b->cap)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		b->len = b->len + n < b->cap ? b->len + n : b->cap - 1;
}

/* a value, quoted and escaped when it would not read back as one token */
static void em_buf_value(struct em_buf *b, const char *v)
{
	const unsigned char *s;
	bool quote = !*v;

	for (s = (const unsigned char *)v; *s; s++)
		if (*s <= ' ' || *s >= 0x7f || *s == '"' || *s == '\\' || *s == '#')
			quote = true;
	if (!quote) {
		em_buf_printf(b, "%s", v);
		return;
	}
	em_buf_printf(b, "\"");
	for (s = (const unsigned char *)v; *s; s++) {
		if (*s == '"' || *s == '\\')
			em_buf_printf(b, "\\%c", *s);
		else if (*s == '\n')
			em_buf_printf(b, "\\n");
		else if (*s == '\t')
			em_buf_printf(b, "\\t");
		else if (*s < ' ' || *s >= 0x7f)
			em_buf_printf(b, "\\x%02x", *s);
		else
			em_buf_printf(b, "%c", *s);
	}
	em_buf_printf(b, "\"");
}

/* key, then a fixed-size string field (NUL-terminated within size, or not) as a value */
static void em_buf_field(struct em_buf *b, const char *key, const char *field, size_t size)
{
	char v[EXECMON_RULE_PATH_MAX + 1];

	if (size >= sizeof(v))
		size = sizeof(v) - 1;
	memcpy(v, field, size);
	v[size] = '\0';
	em_buf_printf(b, "%s", key);
	em_buf_value(b, v);
}

void em_rule_format(const struct execmon_rule *r, char *buf, size_t len)
{
	struct em_buf b = { buf, 0, len };
	__u32 m = r->match;

	if (!len)
		return;
	buf[0] = '\0';
	em_buf_printf(&b, "%s", r->action == EXECMON_RULE_KEEP ? "keep" : "drop");
	if (!m)
		em_buf_printf(&b, " all");
	if (m & EXECMON_MATCH_EVENT) {
		static const struct { unsigned int type; const char *name; } ev[] = {
			{ EXECMON_REC_EXEC, "exec" }, { EXECMON_REC_EXEC_FAILED, "failed" },
			{ EXECMON_REC_EXIT, "exit" },
		};
		const char *sep = " event=";
		unsigned int i;

		for (i = 0; i < sizeof(ev) / sizeof(ev[0]); i++) {
			if (r->events & (1U << ev[i].type)) {
				em_buf_printf(&b, "%s%s", sep, ev[i].name);
				sep = ",";
			}
		}
	}
	if (m & EXECMON_MATCH_UID)
		em_buf_printf(&b, " uid=%u", r->uid);
	if (m & EXECMON_MATCH_GID)
		em_buf_printf(&b, " gid=%u", r->gid);
	if (m & EXECMON_MATCH_PID)
		em_buf_printf(&b, " %s=%u", m & EXECMON_MATCH_PID_TREE ? "pid-tree" : "pid", r->pid);
	if (m & EXECMON_MATCH_COMM)
		em_buf_field(&b, " comm=", r->comm, sizeof(r->comm));
	if (m & EXECMON_MATCH_PATH)
		em_buf_field(&b, m & EXECMON_MATCH_PATH_ANY_NS ? " path-any-ns=" : " path=", r->path,
			     sizeof(r->path));
	if (m & EXECMON_MATCH_CGROUP)
		em_buf_printf(&b, " %s=%llu", m & EXECMON_MATCH_CGROUP_TREE ? "cgroup-tree" : "cgroup",
			      (unsigned long long)r->cgroup_id);
	if (m & EXECMON_MATCH_MNTNS)
		em_buf_printf(&b, " mntns=%llu", (unsigned long long)r->mnt_ns);
	if (m & EXECMON_MATCH_PIDNS)
		em_buf_printf(&b, " pidns=%llu", (unsigned long long)r->pid_ns);
	if (m & EXECMON_MATCH_ERRNO) {
		const char *name = r->err <= EM_ERRNO_MAX ? strerrorname_np(r->err) : NULL;

		if (name)
			em_buf_printf(&b, " errno=%s", name);
		else
			em_buf_printf(&b, " errno=%u", r->err);
	}
	if (m & EXECMON_MATCH_AUID) {
		if (r->auid == (__u32)-1)
			em_buf_printf(&b, " auid=unset");
		else
			em_buf_printf(&b, " auid=%u", r->auid);
	}
	if (m & EXECMON_MATCH_HAS_TTY)
		em_buf_printf(&b, " tty=any");
	else if ((m & EXECMON_MATCH_TTY) && !r->tty[0])
		em_buf_printf(&b, " tty=none");
	else if (m & EXECMON_MATCH_TTY)
		em_buf_field(&b, " tty=", r->tty, sizeof(r->tty));
	if (m & EXECMON_MATCH_PRIVILEGED)
		em_buf_printf(&b, " privileged");
}

void em_policy_write(FILE *f, const struct em_policy_doc *doc)
{
	char line[1024], redact[EXECMON_REDACT_MAX * EXECMON_REDACT_LEN];
	unsigned int i;

	fprintf(f, "set env %s\n", doc->env ? "on" : "off");
	fprintf(f, "set argv-max %u\n", doc->argv_max);
	fprintf(f, "set env-max %u\n", doc->env_max);
	fprintf(f, "set ring-pages %u\n", doc->ring_pages);
	em_redact_format(doc, redact, sizeof(redact));
	fprintf(f, "set redact %s\n", redact);
	for (i = 0; i < doc->nr_rules; i++) {
		em_rule_format(&doc->rules[i], line, sizeof(line));
		fprintf(f, "filter %s\n", line);
	}
}

/* ---- policy files ---- */

static int em_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * Split a line into tokens in place: whitespace separates, "..." quotes
 * (with \" \\ \n \t \r \xHH inside), '#' at the start of a token ends the
 * line.  Returns the number of tokens, or -1 with err.
 */
#define EM_TOKENS_MAX	64
static int em_tokenize(char *line, char **tok, char *err, size_t errlen)
{
	char *r = line, *w = line;
	int n = 0;

	for (;;) {
		while (*r == ' ' || *r == '\t' || *r == '\r' || *r == '\n')
			r++;
		if (!*r || *r == '#')
			return n;
		if (n == EM_TOKENS_MAX)
			return em_err(err, errlen, "more than %d words", EM_TOKENS_MAX);
		tok[n++] = w;
		while (*r && *r != ' ' && *r != '\t' && *r != '\r' && *r != '\n') {
			if (*r != '"') {
				*w++ = *r++;
				continue;
			}
			for (r++; *r != '"'; r++) {
				int hi, lo;

				if (!*r)
					return em_err(err, errlen, "unterminated quote");
				if (*r != '\\') {
					*w++ = *r;
					continue;
				}
				switch (*++r) {
				case '"': case '\\': *w++ = *r; break;
				case 'n': *w++ = '\n'; break;
				case 't': *w++ = '\t'; break;
				case 'r': *w++ = '\r'; break;
				case 'x':
					hi = em_hex(r[1]);
					lo = hi < 0 ? -1 : em_hex(r[2]);
					if (lo < 0 || !(hi | lo))
						return em_err(err, errlen, "bad \\x escape");
					*w++ = hi << 4 | lo;
					r += 2;
					break;
				default:
					return em_err(err, errlen, "unknown escape \\%c", *r ? *r : '0');
				}
			}
			r++;
		}
		if (*r)
			r++;
		*w++ = '\0';
	}
}

int em_policy_parse_file(FILE *f, struct em_policy_doc *doc, char *err, size_t errlen)
{
	char *line = NULL, *tok[EM_TOKENS_MAX], msg[512];
	size_t cap = 0;
	unsigned int lineno = 0;
	ssize_t got;
	int n, ret = 0;

	memset(doc, 0, sizeof(*doc));
	while (!ret && (got = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if (strlen(line) != (size_t)got) {
			ret = em_err(err, errlen, "line %u: a NUL byte", lineno);
			break;
		}
		n = em_tokenize(line, tok, msg, sizeof(msg));
		if (n < 0) {
			ret = em_err(err, errlen, "line %u: %s", lineno, msg);
		} else if (!n) {
			continue;
		} else if (!strcmp(tok[0], "set")) {
			if (n != 3)
				ret = em_err(err, errlen, "line %u: set NAME VALUE", lineno);
			else if (em_setting_parse(tok[1], tok[2], doc, msg, sizeof(msg)))
				ret = em_err(err, errlen, "line %u: %s", lineno, msg);
		} else if (!strcmp(tok[0], "filter")) {
			if (n < 2)
				ret = em_err(err, errlen, "line %u: filter drop|keep COND...", lineno);
			else if (doc->nr_rules == EXECMON_RULES_MAX)
				ret = em_err(err, errlen, "line %u: more than %u rules", lineno,
					     EXECMON_RULES_MAX);
			else if (em_rule_parse(tok[1], tok + 2, n - 2, &doc->rules[doc->nr_rules],
					       msg, sizeof(msg)))
				ret = em_err(err, errlen, "line %u: %s", lineno, msg);
			else
				doc->nr_rules++;
		} else {
			ret = em_err(err, errlen, "line %u: '%s': expected set or filter", lineno,
				     tok[0]);
		}
	}
	if (!ret && ferror(f))
		ret = em_err(err, errlen, "read error: %s", strerror(errno));
	free(line);
	return ret;
}
