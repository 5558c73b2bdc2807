/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading execmon records, and writing them as text: shared by execmon.ko
 * (read() on /dev/execmon) and the user-space tools, so `cat /dev/execmon`
 * and `execmon --format text` print the same line for the same event.
 * Freestanding: no allocation, no libc beyond memcpy/strlen.
 */
#ifndef EM_REC_H
#define EM_REC_H

#include "emenv.h"

/* The longest text line: every byte of the largest record as \xNN, and the envelope */
#define EM_TEXT_LINE_MAX	(4 * EXECMON_RECORD_MAX + 256)

/* A bounded output buffer; past cap, output is dropped and full is set. */
struct em_out {
	char *buf;
	size_t cap;
	size_t len;
	bool full;
};

void em_out_init(struct em_out *o, char *buf, size_t cap);
/* what em_out_write() does when the bytes do not all fit: as many as do */
void em_out_write_slow(struct em_out *o, const void *p, size_t n);

/*
 * The formats write every byte through these, so they are inline: a call
 * per byte was half of what formatting a record cost.
 */
static inline void em_out_putc(struct em_out *o, char c)
{
	if (o->len < o->cap)
		o->buf[o->len++] = c;
	else
		o->full = true;
}

static inline void em_out_write(struct em_out *o, const void *p, size_t n)
{
	if (n <= o->cap - o->len) {
		memcpy(o->buf + o->len, p, n);
		o->len += n;
	} else {
		em_out_write_slow(o, p, n);
	}
}

/* strlen() of a literal folds to a constant: one bounded copy */
static inline void em_out_puts(struct em_out *o, const char *s)
{
	em_out_write(o, s, strlen(s));
}

void em_out_u64(struct em_out *o, __u64 v);
void em_out_s64(struct em_out *o, __s64 v);
void em_out_hex64(struct em_out *o, __u64 v);
/* "YYYY-MM-DDThh:mm:ss.nnnnnnnnnZ" */
void em_out_time(struct em_out *o, __u64 ns);

/*
 * Walking an event's attributes.  em_attr_first() checks the event's fixed
 * part against reclen; each step checks the attribute against the record, so
 * a malformed record ends the walk rather than reading past it.
 */
struct em_attr_it {
	const unsigned char *rec;
	__u32 reclen;
	__u32 off;
	unsigned int left;
};

struct em_attr_view {
	__u16 type;
	__u16 flags;
	__u32 len;
	const char *data;
};

/* When a record was made (events and LOST records), 0 if it does not say. */
__u64 em_rec_ts(const struct execmon_rec_hdr *h);

/* The event in a record, or NULL if the record is not a well-formed event. */
const struct execmon_event *em_event_of(const struct execmon_rec_hdr *h);

/* Does the event's context have the credentials (suid to cap_inheritable: 0.2 on)? */
static inline bool em_event_ident(const struct execmon_event *ev)
{
	return ev->attrs_off >= EXECMON_EVENT_SIZE_IDENT;
}

/* Does it name its images (image, parent_image: 0.3 on)? */
static inline bool em_event_lineage(const struct execmon_event *ev)
{
	return ev->attrs_off >= EXECMON_EVENT_SIZE_LINEAGE;
}

/*
 * exec_id: a process image's name on the host, "BOOT-PID-START-SEQ": the
 * first 16 hex digits of the boot's id (/proc/sys/kernel/random/boot_id),
 * the pid, and the image's start_ns and exec_seq in decimal.  Until
 * em_set_boot_id() is told the boot's id (the kernel's own text, for
 * cat(1), never is), formats leave exec ids out.  em_set_boot_id() takes
 * boot_id's text and is false for one that is not a UUID.
 */
#define EM_BOOT_ID_LEN	16
bool em_set_boot_id(const char *uuid);
bool em_have_boot_id(void);
void em_out_exec_id(struct em_out *o, __u32 pid, const struct execmon_image *im);

/*
 * A GROUPS attribute: *count the task's groups, *nr the gids present, the
 * i-th by em_attr_gid(); false when absent.
 */
bool em_attr_groups(const struct em_attr_view *a, __u32 *count, __u32 *nr);
__u32 em_attr_gid(const struct em_attr_view *a, __u32 i);

/* The reasons of an EXEC's privileges_changed, one per call from *i = 0; NULL after the last. */
const char *em_privilege_next(const struct execmon_event *ev, unsigned int *i);
void em_attr_first(struct em_attr_it *it, const struct execmon_event *ev);
bool em_attr_next(struct em_attr_it *it, struct em_attr_view *a);

/*
 * A string vector attribute's strings: *count is the true count; each call
 * to em_strv_next() yields the next present string and its length.
 */
struct em_strv_it {
	const char *p;
	const char *end;
	__u32 left;
};
bool em_strv_open(struct em_strv_it *it, const struct em_attr_view *a, __u32 *count);
bool em_strv_next(struct em_strv_it *it, const char **s, size_t *len);

/*
 * An event's attributes by type, the last of each type winning; unknown
 * types are skipped.  present is a bit per type.
 */
#define EM_ATTR_TYPES	24
struct em_attrs {
	struct em_attr_view a[EM_ATTR_TYPES];
	__u32 present;
};
void em_attrs_collect(struct em_attrs *at, const struct execmon_event *ev);
static inline const struct em_attr_view *em_attrs_get(const struct em_attrs *at, __u16 type)
{
	return type < EM_ATTR_TYPES && (at->present & (1U << type)) ? &at->a[type] : NULL;
}
/* A string attribute's text and length (without the NUL), or "" and 0. */
const char *em_attr_str(const struct em_attr_view *a, size_t *len);
/* A fixed-size attribute copied out (zero-filled when short), false if absent. */
bool em_attr_copy(const struct em_attr_view *a, void *dst, size_t size);
/* A STDIN attribute: fd 0's type, and its path as a string attribute; false if absent. */
bool em_attr_stdin(const struct em_attr_view *a, __u32 *type, struct em_attr_view *path);

/* Names, as Tracee spells them; NULL for an unknown type. */
const char *em_event_name(__u16 rec_type);
const char *em_event_syscall(const struct execmon_event *ev);
const char *em_event_abi(const struct execmon_event *ev);
const char *em_attr_field_name(__u16 rec_type, unsigned int type);
const char *em_missing_next(const struct execmon_event *ev, unsigned int *t);

/*
 * An EXIT's status, as wait(2)'s macros take it apart: exit_code what
 * WEXITSTATUS() gives (0 when a signal killed it), signal_code the signal
 * (WTERMSIG(), 0 for an exit), core_dumped WCOREDUMP(); and how long the
 * process ran, from its start to its end, -1 when the record cannot tell.
 */
struct em_exit {
	int exit_code;
	int signal_code;
	bool core_dumped;
	__s64 duration_ns;
};
void em_exit_of(const struct execmon_event *ev, const struct em_attrs *at, struct em_exit *x);

/*
 * Bytes that stand for themselves inside a quoted string, in the text format
 * and in JSON alike: printable ASCII but '"' and '\\'.
 */
extern const bool em_plain[256];

/* A string as the text format writes it: quoted, every byte outside 0x20..0x7e escaped. */
void em_out_text_str(struct em_out *o, const char *s, size_t len);

/* One record as one text line, newline included. */
void em_format_text(struct em_out *o, const struct execmon_rec_hdr *h);

#endif /* EM_REC_H */
