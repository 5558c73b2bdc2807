/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A record under construction, and its attributes: what the units that
 * build events share (event.c, paths.c, strv.c, later.c).  In a probe the
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
#include <uapi/linux/execmon.h>
#include "chain.h"
#include "session.h"

struct file;
struct em_policy;

/*
 * On PREEMPT_RT the paths are resolved in the task's own context, from task
 * work, not in the probe: see later.c.
 */
#define EM_PATHS_LATER	IS_ENABLED(CONFIG_PREEMPT_RT)

#define EM_FILES_MAX	(3 + EM_CHAIN_MAX)	/* pathname, loader, fd 0, the chain */

/*
 * The files whose full paths the event needs, gathered as it is built and
 * turned into attributes at its end by em_paths_finish() (paths.c): in the
 * probe, or on PREEMPT_RT in the task's own context, where d_path() may
 * take its locks.  A file is referenced (its bit in held) when it must
 * outlive the probe (RT), or was found without one (fd 0).
 */
struct em_files {
	u16 nr;
	u16 held;			/* bit i: files[i] is referenced, put once resolved */
	bool cwd;			/* and the working directory, from the task's fs */
	bool pathname;			/* a file was opened: path rules test its path */
	u16 types[EM_FILES_MAX];	/* EXECMON_A_PATHNAME, _LOADER, _STDIN or _CHAIN */
	struct file *files[EM_FILES_MAX];
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
	/* what the path rules test, once the paths are resolved (em_paths_resolve()) */
	const char *path, *host_path;
	u32 path_misses;		/* counted once the record goes: em_record_send() */
};

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
static inline u32 em_paths_pending(const struct em_ev *b)
{
	return (b->files.nr + b->files.cwd) * (sizeof(struct execmon_attr) + PATH_MAX + 16);
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

/* record.c's: this CPU's record buffer, and whether it is building one */
DECLARE_PER_CPU(void *, em_scratch);
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

/* EXECMON_RECORD_MAX bytes of this CPU's, inside em_record_enter() */
static inline struct execmon_event *em_record_scratch(void)
{
	return this_cpu_read(em_scratch);
}

static inline void em_record_leave(void)
{
	this_cpu_dec(em_nest);
}

void em_record_send(struct em_ev *b, const char *path, const char *host_path);
int em_record_init(void);
void em_record_exit(void);

#endif /* EM_RECORD_H */
