/* SPDX-License-Identifier: GPL-2.0 */
/*
 * execmon.ko internals: what the subsystems (ring, session, event, probes,
 * chain, policy, device) offer each other.  Every symbol is prefixed em_.
 */
#ifndef EXECMON_H
#define EXECMON_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/wait.h>
#include <linux/irq_work.h>
#include <linux/hrtimer.h>
#include <linux/log2.h>
#include <linux/sched.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/path.h>
#include <linux/workqueue.h>
#include <uapi/linux/execmon.h>

/* EM_VERSION comes from the top-level VERSION file, through Kbuild */

/* Limits: see the UAPI's EXECMON_IOC_SETUP */
#define EM_RING_PAGES_MIN	((unsigned int)(EXECMON_RING_MIN_BYTES >> PAGE_SHIFT))

/* module parameters (main.c): the policy's values at load */
extern unsigned int em_ring_pages;
extern unsigned int em_max_readers;
extern unsigned int em_argv_max;
extern unsigned int em_env_max;
extern bool em_env;

static inline bool em_ring_pages_ok(unsigned int pages)
{
	return pages >= EM_RING_PAGES_MIN && pages <= EXECMON_RING_PAGES_MAX && is_power_of_2(pages);
}

/* policy.c: settings and filter rules (see the UAPI's struct execmon_policy) */
struct em_rule {
	struct execmon_rule r;
	u32 path_len;			/* strlen(r.path) */
};

struct em_policy {
	struct rcu_head retire;		/* replaced: em_policy's reference goes, see em_policy_set */
	struct rcu_work free_work;	/* after the last em_policy_put() */
	refcount_t ref;			/* em_policy's, and held events' (em_policy_tryget()) */
	struct path host_root;		/* pid 1's root when set: the path rules' host view */
	u64 generation;
	u32 flags;			/* EXECMON_POLICY_* */
	u32 argv_max, env_max, ring_pages;
	bool filter_path;		/* a rule needs the path: decide once it is known */
	unsigned int nr_redact;		/* environment names whose values are redacted */
	char redact[EXECMON_REDACT_MAX][EXECMON_REDACT_LEN];
	unsigned int nr_rules;
	struct em_rule rules[];
};

extern struct em_policy __rcu *em_policy;
int em_policy_init(void);
void em_policy_exit(void);
unsigned int em_policy_ring_pages(void);
bool em_policy_tryget(struct em_policy *p);
void em_policy_put(struct em_policy *p);
bool em_policy_match(const struct em_policy *p, const struct execmon_event *ev,
		     const char *path, const char *host_path);

/*
 * Whether the policy drops the event.  Called twice per event (before the
 * path is known, and after); the rules are tried once, at the first call
 * that can decide.  Inline: most events meet no rule at all.
 */
static inline bool em_policy_drops(const struct em_policy *p, const struct execmon_event *ev,
				   const char *path, const char *host_path, bool path_known)
{
	if (!p->nr_rules || p->filter_path != path_known)
		return false;
	return em_policy_match(p, ev, path, host_path);
}
long em_policy_get(struct execmon_policy *req);
long em_policy_set(const struct execmon_policy *req);

/* ring.c: one CPU's ring of one session */
struct em_ring {
	struct execmon_ring_ctl *ctl;		/* page 0 */
	struct execmon_ring_consumer *cons;	/* page 1 */
	unsigned char *data;			/* data pages, mapped twice */
	void *area;				/* vmap of all of the above */
	struct page **pages;			/* nr_pages distinct pages */
	unsigned int nr_pages;
	unsigned int cpu;
	u64 mask;				/* data_size - 1 */

	/*
	 * Written by this CPU's producer only, preemption off, never nested;
	 * read locklessly for stats.  Every event offered takes a seq, kept or
	 * dropped, so seq is also the count of events seen.
	 */
	u64 prod;				/* == ctl->producer_pos */
	u64 seq;				/* next event's sequence number */
	u64 lost;				/* dropped since the last LOST record */
	u64 lost_seq;				/* seq of the first of them */
	u64 delivered, dropped_full, dropped_nested, filtered;
};

static inline void em_stats_add(struct execmon_ring_stats *sum,
				const struct execmon_ring_stats *st)
{
	sum->seen += st->seen;
	sum->delivered += st->delivered;
	sum->dropped_full += st->dropped_full;
	sum->dropped_nested += st->dropped_nested;
	sum->dropped_too_large += st->dropped_too_large;
	sum->filtered += st->filtered;
}

struct em_ring *em_ring_alloc(unsigned int cpu, unsigned int data_pages);
void em_ring_free(struct em_ring *r);
bool em_ring_write(struct em_ring *r, struct execmon_rec_hdr *rec, u64 *fill);
void em_ring_drop(struct em_ring *r, bool nested);
void em_ring_filter(struct em_ring *r);
void em_ring_stats(struct em_ring *r, struct execmon_ring_stats *st);
bool em_ring_peek_ts(struct em_ring *r, u64 *ts);
bool em_ring_copy(struct em_ring *r, struct execmon_rec_hdr *buf);
bool em_ring_empty(struct em_ring *r);
u64 em_ring_map_size(unsigned int data_pages);
int em_ring_mmap(struct em_ring *r, struct vm_area_struct *vma, unsigned long pgoff);

/* session.c: one open() of /dev/execmon */
struct em_session {
	struct list_head node;		/* on em_sessions once set up; RCU */
	struct list_head all;		/* on em_all_sessions from open to release */
	u64 id;				/* for EXECMON_IOC_READERS and _STATS */
	pid_t pid;			/* who opened it */
	char comm[TASK_COMM_LEN];
	struct mutex lock;		/* serialises setup and read */
	struct em_ring **rings;		/* [nr_cpu_ids]; NULL until set up */
	unsigned int ring_pages;
	/*
	 * Set up for good: rings and ring_pages stay as they are until
	 * release.  mmap() and poll() read it without the lock
	 * (em_session_ready()): read() holds the lock across copy_to_user(),
	 * whose fault would take mmap_lock, which mmap() holds, the other
	 * way round (lockdep, tests/kdebug).
	 */
	bool mappable;
	bool running;			/* on em_sessions; under em_sessions_lock */
	wait_queue_head_t wq;

	/*
	 * Waking the reader: at once when a ring holds wake_bytes, otherwise
	 * at most EM_WAKE_DELAY_MS after the first record it has not seen,
	 * so a busy system does not wake it per event and a quiet one still
	 * delivers promptly.  See em_emit().
	 */
	u64 wake_bytes;
	unsigned long wake_flags;	/* EM_WAKE_* bits */
	struct irq_work wake_work;
	struct hrtimer wake_timer;

	/* read(): the record being formatted (a copy), the text line being handed out */
	struct execmon_rec_hdr *rec;
	char *line;
	size_t line_len, line_off;
};

#define EM_WAKE_DELAY_MS	10

struct em_session *em_session_open(void);
void em_session_release(struct em_session *s);
int em_session_setup(struct em_session *s, unsigned int ring_pages);
bool em_session_ready(struct em_session *s);
bool em_session_has_data(struct em_session *s);
bool em_have_sessions(void);
void em_emit(struct execmon_rec_hdr *rec);
void em_emit_drop(void);
void em_emit_filtered(void);
void em_sessions_init(int (*first)(void), void (*last)(void));
unsigned int em_sessions_list(struct execmon_reader *out, unsigned int nr,
			      struct execmon_ring_stats *per_cpu);
int em_session_stats(struct em_session *self, u64 id, struct execmon_ring_stats *per_cpu);

/* event.c: building records in probe context */
struct linux_binprm;
struct em_user_exec;
/* call: the EXECMON_EF_ call and ABI bits of the exec's call */
void em_event_exec(struct linux_binprm *bprm, u32 call);
void em_event_failed_bprm(struct linux_binprm *bprm, int retval, u32 call);
void em_event_failed_early(const struct em_user_exec *ue, int retval);
int em_event_init(void);
void em_event_exit(void);
u64 em_event_path_misses(void);

/* chain.c: the files an exec went through (script, interpreters, binary) */
#define EM_CHAIN_MAX	6	/* binfmt levels the kernel allows, and the first */
struct file;
void em_chain_add(const struct linux_binprm *bprm);
int em_chain_get(const struct linux_binprm *bprm, struct file ***files);
void em_chain_release(const struct linux_binprm *bprm);
void em_chain_release_all(void);
u64 em_chain_misses(void);

/* probes.c */
int em_probes_register(void);
void em_probes_unregister(void);
int em_probes_arm(void);
void em_probes_disarm(void);
u64 em_probes_missed(void);

/* dev.c */
int em_dev_register(void);
void em_dev_unregister(void);

#endif /* EXECMON_H */
