// SPDX-License-Identifier: GPL-2.0
/* See emrec.h. */
#include "emrec.h"

void em_out_init(struct em_out *o, char *buf, size_t cap)
{
	o->buf = buf;
	o->cap = cap;
	o->len = 0;
	o->full = false;
}

void em_out_write_slow(struct em_out *o, const void *p, size_t n)
{
	size_t room = o->cap - o->len;

	if (n > room) {
		n = room;
		o->full = true;
	}
	memcpy(o->buf + o->len, p, n);
	o->len += n;
}

#define EM_P1(c)	((c) >= 0x20 && (c) < 0x7f && (c) != '"' && (c) != '\\')
#define EM_P16(c)	EM_P1(c), EM_P1(c + 1), EM_P1(c + 2), EM_P1(c + 3), EM_P1(c + 4), \
			EM_P1(c + 5), EM_P1(c + 6), EM_P1(c + 7), EM_P1(c + 8), EM_P1(c + 9), \
			EM_P1(c + 10), EM_P1(c + 11), EM_P1(c + 12), EM_P1(c + 13), \
			EM_P1(c + 14), EM_P1(c + 15)
const bool em_plain[256] = {
	EM_P16(0x00), EM_P16(0x10), EM_P16(0x20), EM_P16(0x30),
	EM_P16(0x40), EM_P16(0x50), EM_P16(0x60), EM_P16(0x70),
};

/* two digits per division: a timestamp has nineteen */
static const char em_digit_pairs[] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

static void em_out_digits(struct em_out *o, __u64 v, int width)
{
	char d[20];
	int n = sizeof(d);

	while (v >= 100) {
		unsigned int r = v % 100;

		v /= 100;
		n -= 2;
		memcpy(d + n, em_digit_pairs + 2 * r, 2);
	}
	if (v >= 10) {
		n -= 2;
		memcpy(d + n, em_digit_pairs + 2 * v, 2);
	} else {
		d[--n] = '0' + v;
	}
	while ((int)sizeof(d) - n < width)
		d[--n] = '0';
	em_out_write(o, d + n, sizeof(d) - n);
}

void em_out_u64(struct em_out *o, __u64 v)
{
	if (v < 10)
		em_out_putc(o, '0' + v);	/* uid 0, cpu 1: most numbers in an event */
	else
		em_out_digits(o, v, 1);
}

/* sixteen hex digits, as /proc/PID/status writes a capability set */
void em_out_hex64(struct em_out *o, __u64 v)
{
	static const char hex[] = "0123456789abcdef";
	char d[16];
	int i;

	for (i = 15; i >= 0; i--, v >>= 4)
		d[i] = hex[v & 15];
	em_out_write(o, d, sizeof(d));
}

void em_out_s64(struct em_out *o, __s64 v)
{
	if (v < 0) {
		em_out_putc(o, '-');
		em_out_digits(o, -(__u64)v, 1);
	} else {
		em_out_digits(o, v, 1);
	}
}

/* Howard Hinnant's civil_from_days: days since 1970-01-01 to y/m/d. */
static void em_civil(__s64 z, __s64 *y, unsigned int *m, unsigned int *d)
{
	__s64 era, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	yoe = z - era * 146097;
	yoe = (yoe - yoe / 1460 + yoe / 36524 - yoe / 146096) / 365;
	doy = z - era * 146097 - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

void em_out_time(struct em_out *o, __u64 ns)
{
	__u64 secs = ns / 1000000000ULL, sod = secs % 86400;
	unsigned int m, d;
	__s64 y;

	em_civil(secs / 86400, &y, &m, &d);
	em_out_digits(o, y, 4);
	em_out_putc(o, '-');
	em_out_digits(o, m, 2);
	em_out_putc(o, '-');
	em_out_digits(o, d, 2);
	em_out_putc(o, 'T');
	em_out_digits(o, sod / 3600, 2);
	em_out_putc(o, ':');
	em_out_digits(o, sod / 60 % 60, 2);
	em_out_putc(o, ':');
	em_out_digits(o, sod % 60, 2);
	em_out_putc(o, '.');
	em_out_digits(o, ns % 1000000000ULL, 9);
	em_out_putc(o, 'Z');
}

__u64 em_rec_ts(const struct execmon_rec_hdr *h)
{
	if (h->type == EXECMON_REC_LOST)
		return h->len >= sizeof(struct execmon_lost) ?
			((const struct execmon_lost *)h)->ts_ns : 0;
	return h->len >= EXECMON_EVENT_SIZE_V1 ?
		((const struct execmon_event *)h)->ts_ns : 0;
}

const struct execmon_event *em_event_of(const struct execmon_rec_hdr *h)
{
	const struct execmon_event *ev = (const void *)h;

	if (h->type != EXECMON_REC_EXEC && h->type != EXECMON_REC_EXEC_FAILED &&
	    h->type != EXECMON_REC_EXIT)
		return NULL;
	/* a module of 0.1 writes the context up to comm: em_event_ident() tells */
	if (h->len < EXECMON_EVENT_SIZE_V1 || ev->attrs_off < EXECMON_EVENT_SIZE_V1 ||
	    ev->attrs_off > h->len || (ev->attrs_off & 7))
		return NULL;
	return ev;
}

static char em_boot_id[EM_BOOT_ID_LEN + 1];

bool em_set_boot_id(const char *uuid)
{
	char id[EM_BOOT_ID_LEN + 1];
	unsigned int n = 0, i;

	/* 8-4-4-4-12 hex digits, lower case as the kernel writes them */
	for (i = 0; uuid[i] && uuid[i] != '\n'; i++) {
		char c = uuid[i];

		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (c != '-')
				return false;
		} else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
			if (n < EM_BOOT_ID_LEN)
				id[n++] = c;
		} else {
			return false;
		}
	}
	if (i != 36)
		return false;
	id[n] = 0;
	memcpy(em_boot_id, id, sizeof(id));
	return true;
}

bool em_have_boot_id(void)
{
	return em_boot_id[0];
}

void em_out_exec_id(struct em_out *o, __u32 pid, const struct execmon_image *im)
{
	em_out_write(o, em_boot_id, EM_BOOT_ID_LEN);
	em_out_putc(o, '-');
	em_out_u64(o, pid);
	em_out_putc(o, '-');
	em_out_u64(o, im->start_ns);
	em_out_putc(o, '-');
	em_out_u64(o, im->exec_seq);
}

void em_exit_of(const struct execmon_event *ev, const struct em_attrs *at, struct em_exit *x)
{
	__u32 status = (__u32)ev->return_value;
	struct execmon_exit e;

	x->signal_code = status & 0x7f;
	x->exit_code = x->signal_code ? 0 : (status >> 8) & 0xff;
	x->core_dumped = status & 0x80;
	x->duration_ns = -1;
	if (em_event_lineage(ev) && em_attr_copy(em_attrs_get(at, EXECMON_A_EXIT), &e, sizeof(e)) &&
	    e.end_ns >= ev->image.start_ns)
		x->duration_ns = (__s64)(e.end_ns - ev->image.start_ns);
}

bool em_attr_groups(const struct em_attr_view *a, __u32 *count, __u32 *nr)
{
	struct execmon_groups g;

	*count = *nr = 0;
	if (!a || a->len < sizeof(g))
		return false;
	memcpy(&g, a->data, sizeof(g));
	*count = g.count;
	*nr = g.nr_present;
	if (*nr > (a->len - sizeof(g)) / sizeof(__u32))
		*nr = (a->len - sizeof(g)) / sizeof(__u32);
	return true;
}

__u32 em_attr_gid(const struct em_attr_view *a, __u32 i)
{
	__u32 gid;

	memcpy(&gid, a->data + sizeof(struct execmon_groups) + i * sizeof(gid), sizeof(gid));
	return gid;
}

const char *em_privilege_next(const struct execmon_event *ev, unsigned int *i)
{
	static const struct { __u32 flag; const char *name; } reasons[] = {
		{ EXECMON_EF_SETUID, "setuid" }, { EXECMON_EF_SETGID, "setgid" },
		{ EXECMON_EF_FILE_CAPS, "file_caps" },
	};

	for (; *i < sizeof(reasons) / sizeof(reasons[0]); (*i)++)
		if (ev->flags & reasons[*i].flag)
			return reasons[(*i)++].name;
	return NULL;
}

void em_attr_first(struct em_attr_it *it, const struct execmon_event *ev)
{
	it->rec = (const unsigned char *)ev;
	it->reclen = ev->hdr.len;
	it->off = ev->attrs_off;
	it->left = ev->nattrs;
}

bool em_attr_next(struct em_attr_it *it, struct em_attr_view *a)
{
	const struct execmon_attr *h;
	__u32 room;

	if (!it->left || it->reclen - it->off < sizeof(*h))
		return false;
	h = (const void *)(it->rec + it->off);
	room = it->reclen - it->off - sizeof(*h);
	if (h->len > room || ((h->len + 7) & ~7U) > room)
		return false;
	a->type = h->type;
	a->flags = h->flags;
	a->len = h->len;
	a->data = (const char *)(h + 1);
	it->off += sizeof(*h) + ((h->len + 7) & ~7U);
	it->left--;
	return true;
}

bool em_strv_open(struct em_strv_it *it, const struct em_attr_view *a, __u32 *count)
{
	struct execmon_strv v;

	if (a->len < sizeof(v))
		return false;
	memcpy(&v, a->data, sizeof(v));
	*count = v.count;
	it->p = a->data + sizeof(v);
	it->end = a->data + a->len;
	it->left = v.nr_present;
	return true;
}

bool em_strv_next(struct em_strv_it *it, const char **s, size_t *len)
{
	const char *q;

	if (!it->left || it->p >= it->end)
		return false;
	for (q = it->p; q < it->end && *q; q++)
		;
	*s = it->p;
	*len = q - it->p;
	it->p = q < it->end ? q + 1 : q;
	it->left--;
	return true;
}

/* The call an event's exec came through ("" for none: kernel_execve()), and its ABI. */
const char *em_event_syscall(const struct execmon_event *ev)
{
	return ev->flags & EXECMON_EF_EXECVEAT ? "execveat" :
	       ev->flags & EXECMON_EF_EXECVE ? "execve" : "";
}

const char *em_event_abi(const struct execmon_event *ev)
{
	return ev->flags & EXECMON_EF_IA32 ? "i386" : ev->flags & EXECMON_EF_X32 ? "x32" : "x86_64";
}

const char *em_event_name(__u16 rec_type)
{
	switch (rec_type) {
	case EXECMON_REC_EXEC:		return "sched_process_exec";
	case EXECMON_REC_EXEC_FAILED:	return "process_execute_failed";
	case EXECMON_REC_LOST:		return "lost";
	case EXECMON_REC_EXIT:		return "sched_process_exit";
	}
	return NULL;
}

/*
 * The name of what attribute type is in an event of rec_type, as the
 * formats call it (for execmon_event.missing), or NULL.
 */
const char *em_attr_field_name(__u16 rec_type, unsigned int type)
{
	static const char *const exec[] = {
		[EXECMON_A_CMDPATH] = "cmdpath", [EXECMON_A_PATHNAME] = "pathname",
		[EXECMON_A_ARGV] = "argv", [EXECMON_A_PATHNAME_STAT] = "inode",
		[EXECMON_A_INTERP] = "interp", [EXECMON_A_LOADER] = "interpreter_pathname",
		[EXECMON_A_LOADER_STAT] = "interpreter_inode", [EXECMON_A_STDIN] = "stdin_path",
		[EXECMON_A_CWD] = "cwd", [EXECMON_A_CHAIN] = "exec_chain", [EXECMON_A_ENV] = "env",
		[EXECMON_A_TASK] = "task", [EXECMON_A_GROUPS] = "groups", [EXECMON_A_TTY] = "tty",
		[EXECMON_A_PREV] = "prev_comm", [EXECMON_A_EXIT] = "duration_ns",
	};
	/* as long as exec[]: one bound for both */
	static const char *const failed[EXECMON_A_EXIT + 1] = {
		[EXECMON_A_CMDPATH] = "path", [EXECMON_A_PATHNAME] = "binary.path",
		[EXECMON_A_ARGV] = "arguments", [EXECMON_A_PATHNAME_STAT] = "binary.inode_number",
		[EXECMON_A_INTERP] = "interpreter_path", [EXECMON_A_STDIN] = "stdin_path",
		[EXECMON_A_CWD] = "cwd", [EXECMON_A_CHAIN] = "exec_chain",
		[EXECMON_A_ENV] = "environment", [EXECMON_A_TASK] = "task",
		[EXECMON_A_GROUPS] = "groups", [EXECMON_A_TTY] = "tty",
	};
	const char *const *names = rec_type == EXECMON_REC_EXEC_FAILED ? failed : exec;

	_Static_assert(sizeof(exec) == sizeof(failed), "one bound for both");
	if (type >= sizeof(exec) / sizeof(exec[0]))
		return NULL;
	return names[type];
}

/*
 * The names of what an event lacks (execmon_event.missing), one per call:
 * start with *t = 0; NULL after the last.
 */
const char *em_missing_next(const struct execmon_event *ev, unsigned int *t)
{
	for (; *t < 32; (*t)++) {
		const char *name;

		if (!(ev->missing & (1U << *t)))
			continue;
		name = em_attr_field_name(ev->hdr.type, (*t)++);
		return name ? name : "unknown";
	}
	return NULL;
}

void em_attrs_collect(struct em_attrs *at, const struct execmon_event *ev)
{
	struct em_attr_view a;
	struct em_attr_it it;

	at->present = 0;
	em_attr_first(&it, ev);
	while (em_attr_next(&it, &a)) {
		if (a.type >= EM_ATTR_TYPES)
			continue;
		at->a[a.type] = a;
		at->present |= 1U << a.type;
	}
}

const char *em_attr_str(const struct em_attr_view *a, size_t *len)
{
	if (!a || !a->len) {
		*len = 0;
		return "";
	}
	*len = strnlen(a->data, a->len);
	return a->data;
}

bool em_attr_copy(const struct em_attr_view *a, void *dst, size_t size)
{
	memset(dst, 0, size);
	if (!a)
		return false;
	memcpy(dst, a->data, a->len < size ? a->len : size);
	return true;
}

void em_out_text_str(struct em_out *o, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	em_out_putc(o, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = s[i];
		size_t run;

		/* a run of bytes that stand for themselves goes out at once */
		for (run = i; run < len && em_plain[(unsigned char)s[run]]; run++)
			;
		if (run > i) {
			em_out_write(o, s + i, run - i);
			i = run - 1;
			continue;
		}
		switch (c) {
		case '"':  em_out_puts(o, "\\\""); continue;
		case '\\': em_out_puts(o, "\\\\"); continue;
		case '\n': em_out_puts(o, "\\n"); continue;
		case '\t': em_out_puts(o, "\\t"); continue;
		case '\r': em_out_puts(o, "\\r"); continue;
		}
		/* what is left is not plain: a control byte, DEL, or no ASCII */
		em_out_puts(o, "\\x");
		em_out_putc(o, hex[c >> 4]);
		em_out_putc(o, hex[c & 15]);
	}
	em_out_putc(o, '"');
}

static void em_text_kv_u64(struct em_out *o, const char *k, __u64 v)
{
	em_out_putc(o, ' ');
	em_out_puts(o, k);
	em_out_putc(o, '=');
	em_out_u64(o, v);
}

static void em_text_str(struct em_out *o, const char *k, const struct em_attr_view *a)
{
	const char *str;
	size_t len;

	if (!a)
		return;
	str = em_attr_str(a, &len);
	em_out_putc(o, ' ');
	em_out_puts(o, k);
	em_out_putc(o, '=');
	em_out_text_str(o, str, len);
	if (a->flags & EXECMON_AF_TRUNCATED)
		em_out_puts(o, " (truncated)");
}

/* k=[...]; when cut, the true count under count_k and "(truncated)" */
static void em_text_strv(struct em_out *o, const char *k, const char *count_k,
			 const struct em_attr_view *a)
{
	struct em_strv_it sv;
	const char *s;
	size_t len;
	__u32 count, i = 0;

	if (!a || !em_strv_open(&sv, a, &count))
		return;
	em_out_putc(o, ' ');
	em_out_puts(o, k);
	em_out_puts(o, "=[");
	while (em_strv_next(&sv, &s, &len)) {
		if (i++)
			em_out_puts(o, ", ");
		em_out_text_str(o, s, len);
	}
	em_out_putc(o, ']');
	if (a->flags & EXECMON_AF_TRUNCATED) {
		em_text_kv_u64(o, count_k, count);
		em_out_puts(o, " (truncated)");
	}
}

/* dev, inode, ctime and (when mode is named) inode_mode, under the given names */
static void em_text_stat(struct em_out *o, const struct em_attr_view *a, const char *dev,
			 const char *ino, const char *ctime, const char *mode)
{
	struct execmon_stat st;

	if (!em_attr_copy(a, &st, sizeof(st)))
		return;
	em_text_kv_u64(o, dev, st.dev);
	em_text_kv_u64(o, ino, st.ino);
	em_text_kv_u64(o, ctime, st.ctime_ns);
	if (mode)
		em_text_kv_u64(o, mode, st.mode);
	if (st.flags & EXECMON_STAT_UNLINKED)
		em_out_puts(o, " (unlinked)");
}

/*
 * Who: the credentials beside uid and euid (each set-, fs- id only when it
 * is not the effective one), the audit login and session, the terminal,
 * the groups, the capability sets that are not empty; and what an exec
 * changed.
 */
static void em_text_ident(struct em_out *o, const struct execmon_event *ev,
			  const struct em_attrs *at)
{
	__u32 count, nr, i;
	const struct em_attr_view *g = em_attrs_get(at, EXECMON_A_GROUPS);
	const char *name, *sep = " privileges_changed=";
	unsigned int r = 0;
	struct execmon_prev prev;

	if (ev->suid != ev->euid)
		em_text_kv_u64(o, "suid", ev->suid);
	if (ev->fsuid != ev->euid)
		em_text_kv_u64(o, "fsuid", ev->fsuid);
	if (ev->sgid != ev->egid)
		em_text_kv_u64(o, "sgid", ev->sgid);
	if (ev->fsgid != ev->egid)
		em_text_kv_u64(o, "fsgid", ev->fsgid);
	if (em_attr_groups(g, &count, &nr)) {
		em_out_puts(o, " groups=[");
		for (i = 0; i < nr; i++) {
			if (i)
				em_out_putc(o, ',');
			em_out_u64(o, em_attr_gid(g, i));
		}
		em_out_putc(o, ']');
		if (g->flags & EXECMON_AF_TRUNCATED) {
			em_text_kv_u64(o, "groupc", count);
			em_out_puts(o, " (truncated)");
		}
	}
	em_text_kv_u64(o, "auid", ev->auid);
	em_text_kv_u64(o, "ses", ev->session_id);
	em_text_str(o, "tty", em_attrs_get(at, EXECMON_A_TTY));
	if (ev->cap_effective) {
		em_out_puts(o, " cap_effective=");
		em_out_hex64(o, ev->cap_effective);
	}
	if (ev->cap_permitted) {
		em_out_puts(o, " cap_permitted=");
		em_out_hex64(o, ev->cap_permitted);
	}
	if (ev->cap_inheritable) {
		em_out_puts(o, " cap_inheritable=");
		em_out_hex64(o, ev->cap_inheritable);
	}
	if (ev->hdr.type != EXECMON_REC_EXEC)
		return;
	while ((name = em_privilege_next(ev, &r))) {
		em_out_puts(o, sep);
		em_out_puts(o, name);
		sep = ",";
	}
	if (ev->flags & EXECMON_EF_SECURE_EXEC)
		em_out_puts(o, " secure_exec=true");
	if (em_attr_copy(em_attrs_get(at, EXECMON_A_PREV), &prev, sizeof(prev))) {
		em_out_puts(o, " prev_comm=");
		em_out_text_str(o, prev.comm, strnlen(prev.comm, sizeof(prev.comm)));
	}
}

/* An EXEC's executable: whether its creds may write it, and on which overlay layer it is. */
static void em_text_exe(struct em_out *o, const struct em_attr_view *a)
{
	struct execmon_stat st;

	if (!em_attr_copy(a, &st, sizeof(st)))
		return;
	if (st.flags & EXECMON_STAT_WRITABLE)
		em_out_puts(o, " exe_writable=true");
	if (st.flags & EXECMON_STAT_OVERLAY)
		em_out_puts(o, st.flags & EXECMON_STAT_LAYER_UNKNOWN ? " upper_layer=unknown" :
			    st.flags & EXECMON_STAT_UPPER ? " upper_layer=true" :
			    " upper_layer=false");
}

bool em_attr_stdin(const struct em_attr_view *a, __u32 *type, struct em_attr_view *path)
{
	struct execmon_stdin in;

	if (!em_attr_copy(a, &in, sizeof(in)) || a->len < sizeof(in)) {
		*type = 0;
		return false;
	}
	*type = in.type;
	*path = *a;
	path->data += sizeof(in);
	path->len -= sizeof(in);
	return true;
}

static void em_text_stdin(struct em_out *o, const struct em_attr_view *a)
{
	struct em_attr_view path;
	__u32 type;

	if (!em_attr_stdin(a, &type, &path))
		return;
	em_text_kv_u64(o, "stdin_type", type);
	em_text_str(o, "stdin_path", &path);
}

void em_format_text(struct em_out *o, const struct execmon_rec_hdr *h)
{
	const struct execmon_event *ev = em_event_of(h);
	const struct execmon_lost *lost = (const void *)h;
	struct em_attrs at;
	bool failed, exited;

	if (h->type == EXECMON_REC_LOST && h->len >= sizeof(*lost)) {
		em_out_time(o, lost->ts_ns);
		em_out_puts(o, " lost");
		em_text_kv_u64(o, "events", lost->lost);
		em_text_kv_u64(o, "first_seq", h->seq);
		em_out_putc(o, '\n');
		return;
	}
	if (!ev)
		return;
	failed = h->type == EXECMON_REC_EXEC_FAILED;
	exited = h->type == EXECMON_REC_EXIT;
	em_attrs_collect(&at, ev);
	em_out_time(o, ev->ts_ns);
	em_out_putc(o, ' ');
	em_out_puts(o, em_event_name(h->type));
	em_text_kv_u64(o, "cpu", ev->cpu);
	em_text_kv_u64(o, "pid", ev->pid);
	em_text_kv_u64(o, "tid", ev->tid);
	em_text_kv_u64(o, "ppid", ev->ppid);
	if (em_event_lineage(ev) && em_have_boot_id()) {
		em_out_puts(o, " exec_id=");
		em_out_exec_id(o, ev->pid, &ev->image);
		if (ev->ppid) {
			em_out_puts(o, " parent_exec_id=");
			em_out_exec_id(o, ev->ppid, &ev->parent_image);
		}
	}
	em_text_kv_u64(o, "uid", ev->uid);
	em_text_kv_u64(o, "gid", ev->gid);
	if (ev->euid != ev->uid)
		em_text_kv_u64(o, "euid", ev->euid);
	if (ev->egid != ev->gid)
		em_text_kv_u64(o, "egid", ev->egid);
	if (em_event_ident(ev))
		em_text_ident(o, ev, &at);
	em_out_puts(o, " comm=");
	em_out_text_str(o, ev->comm, strnlen(ev->comm, sizeof(ev->comm)));
	if (exited) {
		struct em_exit x;

		em_exit_of(ev, &at, &x);
		em_text_kv_u64(o, "exit_code", x.exit_code);
		em_text_kv_u64(o, "signal_code", x.signal_code);
		if (x.core_dumped)
			em_out_puts(o, " core_dumped=true");
		if (x.duration_ns >= 0)
			em_text_kv_u64(o, "duration_ns", x.duration_ns);
		goto missing;
	}
	em_text_str(o, "cwd", em_attrs_get(&at, EXECMON_A_CWD));
	if (failed) {
		em_text_str(o, "path", em_attrs_get(&at, EXECMON_A_CMDPATH));
		em_text_str(o, "binary.path", em_attrs_get(&at, EXECMON_A_PATHNAME));
		em_text_stat(o, em_attrs_get(&at, EXECMON_A_PATHNAME_STAT), "binary.device_id",
			     "binary.inode_number", "binary.ctime", "binary.inode_mode");
		em_text_str(o, "interpreter_path", em_attrs_get(&at, EXECMON_A_INTERP));
	} else {
		em_text_str(o, "cmdpath", em_attrs_get(&at, EXECMON_A_CMDPATH));
		em_text_str(o, "pathname", em_attrs_get(&at, EXECMON_A_PATHNAME));
		em_text_stat(o, em_attrs_get(&at, EXECMON_A_PATHNAME_STAT), "dev", "inode", "ctime",
			     "inode_mode");
		em_text_exe(o, em_attrs_get(&at, EXECMON_A_PATHNAME_STAT));
		em_text_str(o, "interpreter_pathname", em_attrs_get(&at, EXECMON_A_LOADER));
		em_text_stat(o, em_attrs_get(&at, EXECMON_A_LOADER_STAT), "interpreter_dev",
			     "interpreter_inode", "interpreter_ctime", NULL);
		em_text_str(o, "interp", em_attrs_get(&at, EXECMON_A_INTERP));
	}
	em_text_strv(o, "exec_chain", "chainc", em_attrs_get(&at, EXECMON_A_CHAIN));
	em_text_stdin(o, em_attrs_get(&at, EXECMON_A_STDIN));
	if (ev->flags & EXECMON_EF_KERNEL_INVOKED)
		em_out_puts(o, failed ? " kernel_invoked=true" : " invoked_from_kernel=true");
	if (*em_event_syscall(ev)) {
		em_out_puts(o, " syscall=");
		em_out_puts(o, em_event_syscall(ev));
		if (ev->flags & (EXECMON_EF_IA32 | EXECMON_EF_X32)) {
			em_out_puts(o, " abi=");
			em_out_puts(o, em_event_abi(ev));
		}
	}
	em_text_strv(o, failed ? "arguments" : "argv", "argc", em_attrs_get(&at, EXECMON_A_ARGV));
	em_text_strv(o, failed ? "environment" : "env", "envc", em_attrs_get(&at, EXECMON_A_ENV));
	if (failed) {
		em_out_puts(o, " return_value=");
		em_out_s64(o, ev->return_value);
	}
missing:
	if (ev->flags & EXECMON_EF_INCOMPLETE) {
		const char *sep = " missing=", *name;
		unsigned int t = 0;

		while ((name = em_missing_next(ev, &t))) {
			em_out_puts(o, sep);
			em_out_puts(o, name);
			sep = ",";
		}
		em_out_puts(o, " (incomplete)");
	}
	em_out_putc(o, '\n');
}
