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
	size_t i = 0, n, k;

	em_out_putc(o, '"');
	while (i < len) {
		unsigned char c = p[i];

		if (c == '"' || c == '\\') {
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
			for (k = 0; k < n; k++)
				em_out_putc(o, p[i + k]);
			i += n;
		} else {
			em_json_u(o, 0xdc00 + c);
			i++;
		}
	}
	em_out_putc(o, '"');
}

static void em_json_key(struct em_out *o, const char *k)
{
	em_out_putc(o, ',');
	em_out_putc(o, '"');
	em_out_puts(o, k);
	em_out_puts(o, "\":");
}

static void em_json_u64(struct em_out *o, const char *k, __u64 v)
{
	em_json_key(o, k);
	em_out_u64(o, v);
}

/* "name": inside an object, with the comma every field but the first needs */
static void em_json_field(struct em_out *o, bool *first, const char *name, const char *suffix)
{
	if (!*first)
		em_out_putc(o, ',');
	*first = false;
	em_out_putc(o, '"');
	em_out_puts(o, name);
	em_out_puts(o, suffix);
	em_out_puts(o, "\":");
}

static void em_json_strv(struct em_out *o, bool *first, const struct em_attr_view *a,
			 const char *name)
{
	struct em_strv_it it;
	const char *s;
	size_t len;
	__u32 count, i = 0;

	if (!em_strv_open(&it, a, &count))
		return;
	em_json_field(o, first, name, "");
	em_out_putc(o, '[');
	while (em_strv_next(&it, &s, &len)) {
		if (i++)
			em_out_putc(o, ',');
		em_json_str(o, s, len);
	}
	em_out_putc(o, ']');
	em_json_field(o, first, "argc", "");
	em_out_u64(o, count);
	if (a->flags & EXECMON_AF_TRUNCATED) {
		em_json_field(o, first, name, "_truncated");
		em_out_puts(o, "true");
	}
}

static void em_json_args(struct em_out *o, const struct execmon_event *ev)
{
	bool failed = ev->hdr.type == EXECMON_REC_EXEC_FAILED;
	struct em_attr_view a;
	struct em_attr_it it;
	bool first = true;

	em_out_puts(o, ",\"args\":{");
	em_attr_first(&it, ev);
	while (em_attr_next(&it, &a)) {
		const char *name = em_attr_name(ev->hdr.type, a.type);
		size_t slen = a.len ? strnlen(a.data, a.len) : 0;

		if (!name)
			continue;
		if (a.type == EXECMON_A_ARGV) {
			em_json_strv(o, &first, &a, name);
			continue;
		}
		if (failed && a.type == EXECMON_A_PATHNAME) {
			/* the seeds nest it: binary.path */
			em_json_field(o, &first, "binary", "");
			em_out_puts(o, "{\"path\":");
			em_json_str(o, a.data, slen);
			em_out_putc(o, '}');
		} else {
			em_json_field(o, &first, name, "");
			em_json_str(o, a.data, slen);
		}
		if (a.flags & EXECMON_AF_TRUNCATED) {
			em_json_field(o, &first, name, "_truncated");
			em_out_puts(o, "true");
		}
	}
	em_out_putc(o, '}');
}

void em_format_json(struct em_out *o, const struct execmon_rec_hdr *h, unsigned int cpu)
{
	const struct execmon_event *ev = em_event_of(h);
	const struct execmon_lost *lost = (const void *)h;

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
	em_json_u64(o, "uid", ev->uid);
	em_json_u64(o, "gid", ev->gid);
	em_json_u64(o, "euid", ev->euid);
	em_json_u64(o, "egid", ev->egid);
	em_json_key(o, "comm");
	em_json_str(o, ev->comm, strnlen(ev->comm, sizeof(ev->comm)));
	em_json_u64(o, "cgroup_id", ev->cgroup_id);
	em_json_u64(o, "mnt_ns", ev->mnt_ns);
	em_json_u64(o, "pid_ns", ev->pid_ns);
	if (h->type == EXECMON_REC_EXEC_FAILED) {
		em_json_key(o, "return_value");
		em_out_s64(o, ev->return_value);
	}
	em_json_args(o, ev);
	em_out_puts(o, "}\n");
}
