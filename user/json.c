// SPDX-License-Identifier: GPL-2.0
#include "json.h"

static const char em_hex[] = "0123456789abcdef";


/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t em_utf8_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned int cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* overlong, surrogates, beyond U+10FFFF */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

static void em_json_u(struct em_out *o, unsigned int u)
{
	em_out_puts(o, "\\u");
	em_out_putc(o, em_hex[(u >> 12) & 15]);
	em_out_putc(o, em_hex[(u >> 8) & 15]);
	em_out_putc(o, em_hex[(u >> 4) & 15]);
	em_out_putc(o, em_hex[u & 15]);
}

void em_json_str(struct em_out *o, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;

	em_out_putc(o, '"');
	while (i < len) {
		unsigned char c = p[i];

		if (em_plain[c]) {
			/* a run of printable ASCII goes out at once */
			for (n = i + 1; n < len && em_plain[p[n]]; n++)
				;
			em_out_write(o, p + i, n - i);
			i = n;
		} else if (c == '"' || c == '\\') {
			em_out_putc(o, '\\');
			em_out_putc(o, c);
			i++;
		} else if (c == '\n') {
			em_out_puts(o, "\\n");
			i++;
		} else if (c == '\t') {
			em_out_puts(o, "\\t");
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			em_json_u(o, c);
			i++;
		} else if ((n = em_utf8_len(p + i, len - i)) != 0) {
			em_out_write(o, p + i, n);
			i += n;
		} else {
			em_json_u(o, 0xdc00 + c);
			i++;
		}
	}
	em_out_putc(o, '"');
}

/* "name": inside an object, with the comma every field but the first needs */
EM_INLINE void em_json_field(struct em_out *o, bool *first, const char *name, const char *suffix)
{
	if (!*first)
		em_out_putc(o, ',');
	*first = false;
	em_out_putc(o, '"');
	em_out_puts(o, name);
	em_out_puts(o, suffix);
	em_out_puts(o, "\":");
}

__u32 em_json_strv_array(struct em_out *o, const struct em_attr_view *a)
{
	struct em_strv_it it;
	const char *s;
	size_t len;
	__u32 count = 0, i = 0;

	em_out_putc(o, '[');
	if (a && em_strv_open(&it, a, &count)) {
		while (em_strv_next(&it, &s, &len)) {
			if (i++)
				em_out_putc(o, ',');
			em_json_str(o, s, len);
		}
	}
	em_out_putc(o, ']');
	return count;
}

/* "name":[strings] of a string vector, [] when absent; returns its count */
static __u32 em_json_list(struct em_out *o, bool *first, const char *name,
			  const struct em_attr_view *a)
{
	em_json_field(o, first, name, "");
	return em_json_strv_array(o, a);
}

/*
 * A string vector and its true count under count_name: always (argc), or
 * (count_always false: envc) only when it was cut, since an environment
 * left out by the policy is not an empty one.
 */
static void em_json_strv(struct em_out *o, bool *first, const struct em_attr_view *a,
			 const char *name, const char *count_name, bool count_always)
{
	__u32 count = em_json_list(o, first, name, a);
	bool cut = a && (a->flags & EXECMON_AF_TRUNCATED);

	if (count_always || cut) {
		em_json_field(o, first, count_name, "");
		em_out_u64(o, count);
	}
	if (cut) {
		em_json_field(o, first, name, "_truncated");
		em_out_puts(o, "true");
	}
}

/* A string field: "" when the attribute is absent. */
static void em_json_sfield(struct em_out *o, bool *first, const char *name,
			   const struct em_attr_view *a)
{
	const char *str;
	size_t len;

	str = em_attr_str(a, &len);
	em_json_field(o, first, name, "");
	em_json_str(o, str, len);
	if (a && (a->flags & EXECMON_AF_TRUNCATED)) {
		em_json_field(o, first, name, "_truncated");
		em_out_puts(o, "true");
	}
}

EM_INLINE void em_json_ufield(struct em_out *o, bool *first, const char *name, __u64 v)
{
	em_json_field(o, first, name, "");
	em_out_u64(o, v);
}

EM_INLINE void em_json_bfield(struct em_out *o, bool *first, const char *name, bool v)
{
	em_json_field(o, first, name, "");
	em_out_puts(o, v ? "true" : "false");
}

/* exec_id and parent_exec_id, as strings (no JSON reader rounds them); null for no parent */
static void em_json_lineage(struct em_out *o, const struct execmon_event *ev)
{
	em_json_key(o, "exec_id");
	em_out_putc(o, '"');
	em_out_exec_id(o, ev->pid, &ev->image);
	em_out_putc(o, '"');
	em_json_key(o, "parent_exec_id");
	if (!ev->ppid) {
		em_out_puts(o, "null");
		return;
	}
	em_out_putc(o, '"');
	em_out_exec_id(o, ev->ppid, &ev->parent_image);
	em_out_putc(o, '"');
}

/*
 * Who, and with what privilege (an event of a 0.2 module on: em_event_ident()):
 * the other ids, the groups, the audit login and session, the terminal
 * ("" for none), the capability sets as /proc writes them; for an exec,
 * the reasons it raised privilege (left out when they cannot be told:
 * "missing" then names prev_comm) and AT_SECURE.
 */
static void em_json_ident(struct em_out *o, const struct execmon_event *ev,
			  const struct em_attrs *at)
{
	const struct em_attr_view *g = em_attrs_get(at, EXECMON_A_GROUPS);
	const char *tty, *name, *sep = "[";
	__u32 count, nr, i;
	unsigned int r = 0;
	size_t len;

	em_json_u64(o, "suid", ev->suid);
	em_json_u64(o, "sgid", ev->sgid);
	em_json_u64(o, "fsuid", ev->fsuid);
	em_json_u64(o, "fsgid", ev->fsgid);
	em_json_key(o, "groups");
	em_out_putc(o, '[');
	em_attr_groups(g, &count, &nr);
	for (i = 0; i < nr; i++) {
		if (i)
			em_out_putc(o, ',');
		em_out_u64(o, em_attr_gid(g, i));
	}
	em_out_putc(o, ']');
	if (g && (g->flags & EXECMON_AF_TRUNCATED)) {
		em_json_u64(o, "groups_count", count);
		em_json_key(o, "groups_truncated");
		em_out_puts(o, "true");
	}
	em_json_u64(o, "auid", ev->auid);
	em_json_u64(o, "session_id", ev->session_id);
	tty = em_attr_str(em_attrs_get(at, EXECMON_A_TTY), &len);
	em_json_key(o, "tty");
	em_json_str(o, tty, len);
	em_json_key(o, "cap_effective");
	em_out_putc(o, '"');
	em_out_hex64(o, ev->cap_effective);
	em_out_puts(o, "\",\"cap_permitted\":\"");
	em_out_hex64(o, ev->cap_permitted);
	em_out_puts(o, "\",\"cap_inheritable\":\"");
	em_out_hex64(o, ev->cap_inheritable);
	em_out_putc(o, '"');
	if (ev->hdr.type != EXECMON_REC_EXEC)
		return;
	if (em_attrs_get(at, EXECMON_A_PREV)) {
		em_json_key(o, "privileges_changed");
		while ((name = em_privilege_next(ev, &r))) {
			em_out_puts(o, sep);
			em_json_str(o, name, strlen(name));
			sep = ",";
		}
		em_out_puts(o, *sep == '[' ? "[]" : "]");
	}
	em_json_key(o, "secure_exec");
	em_out_puts(o, ev->flags & EXECMON_EF_SECURE_EXEC ? "true" : "false");
}

/*
 * An exec's file as its credentials and the overlay see it: exe_writable,
 * and upper_layer (false off an overlay, null when it could not be told);
 * both null without the file's stat
 */
static void em_json_exe(struct em_out *o, bool *first, const struct execmon_stat *st, bool have)
{
	em_json_field(o, first, "exe_writable", "");
	em_out_puts(o, !have ? "null" : st->flags & EXECMON_STAT_WRITABLE ? "true" : "false");
	em_json_field(o, first, "upper_layer", "");
	em_out_puts(o, !have || (st->flags & EXECMON_STAT_LAYER_UNKNOWN) ? "null" :
		    st->flags & EXECMON_STAT_UPPER ? "true" : "false");
}

/* a file's stat fields under the given names; mode and unlinked only when named */
static void em_json_stat(struct em_out *o, bool *first, const struct execmon_stat *st,
			 const char *dev, const char *ino, const char *ctime, const char *mode,
			 const char *unlinked)
{
	em_json_ufield(o, first, dev, st->dev);
	em_json_ufield(o, first, ino, st->ino);
	em_json_ufield(o, first, ctime, st->ctime_ns);
	if (mode)
		em_json_ufield(o, first, mode, st->mode);
	if (unlinked)
		em_json_bfield(o, first, unlinked, st->flags & EXECMON_STAT_UNLINKED);
}

static void em_json_stdin(struct em_out *o, bool *first, const struct em_attr_view *a)
{
	struct em_attr_view path;
	__u32 type;
	bool have = em_attr_stdin(a, &type, &path);

	em_json_ufield(o, first, "stdin_type", type);
	em_json_sfield(o, first, "stdin_path", have ? &path : NULL);
}

/*
 * Tracee's fields, in Tracee's order, every one always present (empty
 * string, 0 or false when it does not apply), except the failed event's
 * binary object, present only when a file was opened.
 */
static void em_json_args(struct em_out *o, const struct execmon_event *ev,
			 const struct em_attrs *at)
{
	bool failed = ev->hdr.type == EXECMON_REC_EXEC_FAILED;
	bool kernel = ev->flags & EXECMON_EF_KERNEL_INVOKED;
	struct execmon_stat st, lst;
	bool first = true, inner;

	em_out_puts(o, ",\"args\":{");
	em_attr_copy(em_attrs_get(at, EXECMON_A_PATHNAME_STAT), &st, sizeof(st));
	if (failed) {
		em_json_sfield(o, &first, "path", em_attrs_get(at, EXECMON_A_CMDPATH));
		if (em_attrs_get(at, EXECMON_A_PATHNAME)) {
			em_json_field(o, &first, "binary", "");
			em_out_putc(o, '{');
			inner = true;
			em_json_sfield(o, &inner, "path", em_attrs_get(at, EXECMON_A_PATHNAME));
			em_json_stat(o, &inner, &st, "device_id", "inode_number", "ctime",
				     "inode_mode", "unlinked");
			em_out_putc(o, '}');
		}
		em_json_sfield(o, &first, "interpreter_path", em_attrs_get(at, EXECMON_A_INTERP));
		em_json_list(o, &first, "exec_chain", em_attrs_get(at, EXECMON_A_CHAIN));
		em_json_stdin(o, &first, em_attrs_get(at, EXECMON_A_STDIN));
		em_json_bfield(o, &first, "kernel_invoked", kernel);
		/* empty unless environment capture is on (opt-in: secrets) */
		em_json_strv(o, &first, em_attrs_get(at, EXECMON_A_ENV), "environment", "envc",
			     false);
		em_json_strv(o, &first, em_attrs_get(at, EXECMON_A_ARGV), "arguments", "argc",
			     true);
	} else {
		em_attr_copy(em_attrs_get(at, EXECMON_A_LOADER_STAT), &lst, sizeof(lst));
		em_json_sfield(o, &first, "cmdpath", em_attrs_get(at, EXECMON_A_CMDPATH));
		em_json_sfield(o, &first, "pathname", em_attrs_get(at, EXECMON_A_PATHNAME));
		/* unlinked is ours: no file on disk backs what ran (a memfd, a deleted file) */
		em_json_stat(o, &first, &st, "dev", "inode", "ctime", "inode_mode", "unlinked");
		if (em_event_ident(ev))
			em_json_exe(o, &first, &st, em_attrs_get(at, EXECMON_A_PATHNAME_STAT));
		em_json_sfield(o, &first, "interpreter_pathname", em_attrs_get(at, EXECMON_A_LOADER));
		em_json_stat(o, &first, &lst, "interpreter_dev", "interpreter_inode",
			     "interpreter_ctime", NULL, NULL);
		em_json_strv(o, &first, em_attrs_get(at, EXECMON_A_ARGV), "argv", "argc", true);
		em_json_sfield(o, &first, "interp", em_attrs_get(at, EXECMON_A_INTERP));
		/* ours: a script's own full path, and each interpreter it went through */
		em_json_list(o, &first, "exec_chain", em_attrs_get(at, EXECMON_A_CHAIN));
		em_json_stdin(o, &first, em_attrs_get(at, EXECMON_A_STDIN));
		em_json_bfield(o, &first, "invoked_from_kernel", kernel);
		if (em_event_ident(ev)) {
			struct execmon_prev prev;

			em_attr_copy(em_attrs_get(at, EXECMON_A_PREV), &prev, sizeof(prev));
			em_json_field(o, &first, "prev_comm", "");
			em_json_str(o, prev.comm, strnlen(prev.comm, sizeof(prev.comm)));
		}
		/* see environment above */
		em_json_strv(o, &first, em_attrs_get(at, EXECMON_A_ENV), "env", "envc", false);
	}
	em_out_putc(o, '}');
}

/* what is missing, by the names of its fields: "missing":["cwd","exec_chain"] */
static void em_json_missing(struct em_out *o, const struct execmon_event *ev)
{
	const char *sep = "[", *name;
	unsigned int t = 0;

	if (!(ev->flags & EXECMON_EF_INCOMPLETE))
		return;
	em_json_key(o, "incomplete");
	em_out_puts(o, "true");
	em_json_key(o, "missing");
	while ((name = em_missing_next(ev, &t))) {
		em_out_puts(o, sep);
		em_json_str(o, name, strlen(name));
		sep = ",";
	}
	em_out_puts(o, *sep == '[' ? "[]" : "]");
}

/*
 * sched_process_exit's args: Tracee's (the group's end is the only one
 * reported, so process_group_exit is always true), then ours.
 */
static void em_json_exit(struct em_out *o, const struct execmon_event *ev,
			 const struct em_attrs *at)
{
	struct em_exit x;
	bool first = true;

	em_exit_of(ev, at, &x);
	em_json_key(o, "args");
	em_out_putc(o, '{');
	em_json_field(o, &first, "exit_code", "");
	em_out_s64(o, x.exit_code);
	em_json_field(o, &first, "signal_code", "");
	em_out_s64(o, x.signal_code);
	em_json_bfield(o, &first, "process_group_exit", true);
	em_json_bfield(o, &first, "core_dumped", x.core_dumped);
	em_json_field(o, &first, "duration_ns", "");
	if (x.duration_ns >= 0)
		em_out_u64(o, x.duration_ns);
	else
		em_out_puts(o, "null");
	em_out_putc(o, '}');
}

void em_format_json(struct em_out *o, const struct execmon_rec_hdr *h, unsigned int cpu,
		    const char *container_id)
{
	const struct execmon_event *ev = em_event_of(h);
	const struct execmon_lost *lost = (const void *)h;
	struct em_attrs at;
	const char *cwd;
	size_t cwd_len;

	if (h->type == EXECMON_REC_LOST && h->len >= sizeof(*lost)) {
		em_out_puts(o, "{\"event\":\"lost\"");
		em_json_u64(o, "ts", lost->ts_ns);
		em_json_u64(o, "seq", h->seq);
		em_json_u64(o, "cpu", cpu);
		em_json_u64(o, "lost", lost->lost);
		em_out_puts(o, "}\n");
		return;
	}
	if (!ev)
		return;
	em_out_puts(o, "{\"event\":\"");
	em_out_puts(o, em_event_name(h->type));
	em_out_putc(o, '"');
	em_json_u64(o, "ts", ev->ts_ns);
	em_json_u64(o, "seq", h->seq);
	em_json_u64(o, "cpu", ev->cpu);
	em_json_u64(o, "pid", ev->pid);
	em_json_u64(o, "tid", ev->tid);
	em_json_u64(o, "ppid", ev->ppid);
	if (em_event_lineage(ev) && em_have_boot_id())
		em_json_lineage(o, ev);
	em_json_u64(o, "uid", ev->uid);
	em_json_u64(o, "gid", ev->gid);
	em_json_u64(o, "euid", ev->euid);
	em_json_u64(o, "egid", ev->egid);
	em_attrs_collect(&at, ev);
	if (em_event_ident(ev))
		em_json_ident(o, ev, &at);
	em_json_key(o, "comm");
	em_json_str(o, ev->comm, strnlen(ev->comm, sizeof(ev->comm)));
	em_json_u64(o, "cgroup_id", ev->cgroup_id);
	/* ours: from the cgroup's path, "" on the host (container.c) */
	em_json_key(o, "container_id");
	em_json_str(o, container_id ? container_id : "", container_id ? strlen(container_id) : 0);
	em_json_u64(o, "mnt_ns", ev->mnt_ns);
	em_json_u64(o, "pid_ns", ev->pid_ns);
	if (h->type == EXECMON_REC_EXIT) {
		em_json_missing(o, ev);
		em_json_exit(o, ev, &at);
		em_out_puts(o, "}\n");
		return;
	}
	cwd = em_attr_str(em_attrs_get(&at, EXECMON_A_CWD), &cwd_len);
	em_json_key(o, "cwd");
	em_json_str(o, cwd, cwd_len);
	if (h->type == EXECMON_REC_EXEC_FAILED) {
		em_json_key(o, "return_value");
		em_out_s64(o, ev->return_value);
	}
	/* the call, "" for kernel_execve(), and the caller's ABI */
	em_json_key(o, "syscall");
	em_json_str(o, em_event_syscall(ev), strlen(em_event_syscall(ev)));
	em_json_key(o, "abi");
	em_json_str(o, em_event_abi(ev), strlen(em_event_abi(ev)));
	em_json_missing(o, ev);
	em_json_args(o, ev, &at);
	em_out_puts(o, "}\n");
}
