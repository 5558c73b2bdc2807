/* SPDX-License-Identifier: GPL-2.0 */
#ifndef EM_USER_JSON_H
#define EM_USER_JSON_H

#include "../common/emrec.h"

/*
 * A JSON string.  Valid UTF-8 passes through; control characters, '"' and
 * '\\' are escaped; every byte that is not part of valid UTF-8 becomes the
 * lone surrogate U+DC00 + byte ("\udcff" for 0xff), the "surrogateescape"
 * convention: Python's json.loads() followed by
 * s.encode("utf-8", "surrogateescape") gives back the exact bytes.
 */
void em_json_str(struct em_out *o, const char *s, size_t len);

/*
 * The key helpers take literals: inlined, each key is a copy of a constant
 * length, not a strlen() and a call per key.
 */
#define EM_INLINE	static inline __attribute__((always_inline))

/* ,"k": inside an object that has a member before it */
EM_INLINE void em_json_key(struct em_out *o, const char *k)
{
	em_out_puts(o, ",\"");
	em_out_puts(o, k);
	em_out_puts(o, "\":");
}

EM_INLINE void em_json_u64(struct em_out *o, const char *k, __u64 v)
{
	em_json_key(o, k);
	em_out_u64(o, v);
}

/* A string vector attribute as a JSON array ([] when absent); returns its true count. */
__u32 em_json_strv_array(struct em_out *o, const struct em_attr_view *a);

/*
 * One record as one JSON object and a newline; cpu is the ring's,
 * container_id the event's container ("" or NULL: none).
 */
void em_format_json(struct em_out *o, const struct execmon_rec_hdr *h, unsigned int cpu,
		    const char *container_id);

/* One event in the shape of Tracee's JSON events (tracee.c); LOST records write nothing. */
void em_format_tracee(struct em_out *o, const struct execmon_rec_hdr *h, const char *container_id,
		      const char *hostname);

#endif /* EM_USER_JSON_H */
