/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A record under construction, and its attributes: what the units that
 * build events share (event.c, files.c, paths.c, strv.c, later.c).  In a probe the
 * record is this CPU's scratch buffer, from em_record_enter() to
 * em_record_leave(), preemption off; on PREEMPT_RT its paths are finished
 * in a slot of later.c's.  Every byte of a record is written (fields, or
 * zero padding) before it leaves.
 */
#ifndef EM_RECORD_H
#define EM_RECORD_H

#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/types.h>
#include <asm/byteorder.h>
#include <asm/word-at-a-time.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/atomic.h>
#include <uapi/linux/execmon.h>
#include "chain.h"
#include "policy.h"
#include "session.h"

struct file;

/*
 * On PREEMPT_RT the paths are resolved in the task's own context, from task
 * work, not in the probe: see later.c.
 */
#define EM_PATHS_LATER	IS_ENABLED(CONFIG_PREEMPT_RT)

/*
 * The files whose full paths the event needs, gathered as it is built and
 * turned into attributes at its end by em_paths_finish() (paths.c): in the
 * probe, or on PREEMPT_RT in the task's own context, where d_path() may
 * take its locks.  fd 0's file is always referenced (em_put_stdin_cwd(),
 * files.c);
 * on PREEMPT_RT every file is, to outlive the probe.  Each is put once
 * resolved.
 */
struct em_files {
	struct file *pathname;		/* the file opened: path rules test its path */
	struct file *loader;
	struct file *stdin;
	struct file *chain[EM_CHAIN_MAX];
	u8 nr_chain;
	bool cwd;			/* and the working directory, from the task's fs */
	bool tty;			/* and the controlling terminal's name (ident.c) */
	u32 pending;			/* EM_PATH_ROOM for each: em_paths_pending() */
};

struct em_ev {
	struct execmon_event *ev;
	u32 len;
	u32 cmdpath_off;		/* the caller's path in the record, 0: none */
	/*
	 * The policy in force when the event began.  The probes run with
	 * preemption off, which is an RCU read-side critical section (one RCU
	 * since 5.0): the object outlives the probe; see em_policy_set().
	 */
	const struct em_policy *pol;
	struct em_files files;
	/* what the late rules test, once the end resolved it (em_paths_resolve()) */
	struct em_late late;
	u32 path_misses;		/* counted once the record goes: em_record_send() */
};

/*
 * The task's name, NUL-padded: what strscpy_pad() does, in two words and
 * no calls.  comm always ends in a NUL (set_task_comm() pads it); a rename
 * racing with the read can only mix two names, and the last byte is forced.
 */
static inline void em_copy_comm(char *dst, const char *src)
{
	const struct word_at_a_time constants = WORD_AT_A_TIME_CONSTANTS;
	unsigned long w0, w1, data;

	BUILD_BUG_ON(TASK_COMM_LEN != 2 * sizeof(w0) ||
		     sizeof(((struct execmon_event *)NULL)->comm) != 2 * sizeof(w0) ||
		     sizeof(((struct execmon_prev *)NULL)->comm) != 2 * sizeof(w0));
	memcpy(&w0, src, sizeof(w0));	/* two loads: comm need not be aligned */
	memcpy(&w1, src + sizeof(w0), sizeof(w1));
	if (has_zero(w0, &data, &constants)) {
		data = prep_zero_mask(w0, data, &constants);
		w0 &= zero_bytemask(create_zero_mask(data));
		w1 = 0;
	} else if (has_zero(w1, &data, &constants)) {
		data = prep_zero_mask(w1, data, &constants);
		w1 &= zero_bytemask(create_zero_mask(data));
	}
	memcpy(dst, &w0, sizeof(w0));
	memcpy(dst + sizeof(w0), &w1, sizeof(w1));
	dst[TASK_COMM_LEN - 1] = '\0';
}

/* The event goes without (some of) attribute type: flagged, named. */
static inline void em_missing(struct em_ev *b, u16 type)
{
	b->ev->missing |= 1U << type;
	b->ev->flags |= EXECMON_EF_INCOMPLETE;
}

/*
 * Room for an attribute's payload of up to max bytes, or NULL, and then the
 * event says what is missing.  (The limits make that rare: every field but
 * one at its longest still fits.)
 */
static inline void *em_attr_begin(struct em_ev *b, u16 type, u32 max)
{
	if (b->len + sizeof(struct execmon_attr) + ALIGN(max, 8) > EXECMON_RECORD_MAX) {
		em_missing(b, type);
		return NULL;
	}
	return (void *)b->ev + b->len + sizeof(struct execmon_attr);
}

/*
 * The most the paths still to be resolved (struct em_files) can take of the
 * record, as em_paths_resolve() reserves room for them: a header, PATH_MAX
 * and a small struct (fd 0's, the chain's) each.  What is written before
 * them (argv, the environment) leaves that much, so no path is lost to an
 * argv: the argv is cut, and says so, first.
 */
#define EM_PATH_ROOM	(sizeof(struct execmon_attr) + PATH_MAX + 16)

static inline u32 em_paths_pending(const struct em_ev *b)
{
	return b->files.pending;
}

static inline void em_attr_end(struct em_ev *b, u16 type, u16 flags, u32 len)
{
	struct execmon_attr *a = (void *)b->ev + b->len;
	u32 padded = ALIGN(len, 8);

	a->type = type;
	a->flags = flags;
	a->len = len;
	/* the padding: the bytes of the payload's last word past len (attributes are 8-aligned) */
	if (len & 7) {
		__le64 *last = (void *)(a + 1) + padded - 8;

		*last &= cpu_to_le64(~0ULL >> (64 - 8 * (len & 7)));
	}
	b->len += sizeof(*a) + padded;
	b->ev->nattrs++;
}

/*
 * A path the event needs could not be resolved: flagged, and counted
 * (em_event_path_misses()) if the event is kept.
 */
void em_path_missed(struct em_ev *b, u16 type);
const char *em_put_kstr(struct em_ev *b, u16 type, const char *s);

/*
 * record.c's: this CPU's record being built (its scratch buffer of
 * EXECMON_RECORD_MAX bytes and the builder's state, per CPU rather than on
 * the probe's stack, which the kernel would zero on every exec), and
 * whether it is building one
 */
DECLARE_PER_CPU(struct em_ev, em_builder);
DECLARE_PER_CPU(int, em_nest);

/*
 * This CPU begins a record, preemption off, or returns false: it is
 * already building one (a probe inside a probe), and every session counts
 * the event as lost.  em_record_leave() ends it.  Inline: once per exec.
 */
static inline bool em_record_enter(void)
{
	if (this_cpu_inc_return(em_nest) == 1)
		return true;
	this_cpu_dec(em_nest);
	em_emit_drop();
	return false;
}

/* This CPU's builder, its record buffer in ->ev: inside em_record_enter() */
static inline struct em_ev *em_record_builder(void)
{
	return this_cpu_ptr(&em_builder);
}

static inline void em_record_leave(void)
{
	this_cpu_dec(em_nest);
}

extern atomic64_t em_path_misses;	/* record.c's: em_event_path_misses() */

/*
 * The record goes, inside em_record_enter(): the policy's late rules decide
 * first when it has rules that wait for the event's end (b->late: the path
 * as the task sees it, as the host does, the terminal, each NULL when not
 * known: a rule then keeps the event), then every session's ring on this
 * CPU takes it, and the paths it went without are counted.  b->pol is
 * NULL in the task work of an event no rule waits for (later.c), the
 * policy it began under then not held.  Inline: once per event.
 */
static inline void em_record_send(struct em_ev *b)
{
	b->ev->hdr.len = b->len;
	if (b->pol && em_policy_drops(b->pol, b->ev, &b->late)) {
		em_emit_filtered();
		return;
	}
	em_emit(&b->ev->hdr);
	if (unlikely(b->path_misses))
		atomic64_add(b->path_misses, &em_path_misses);
}

int em_record_init(void);
void em_record_exit(void);

#endif /* EM_RECORD_H */
