/* SPDX-License-Identifier: GPL-2.0 */
/* session.c: one open() of /dev/execmon, and writing events into every session's ring */
#ifndef EM_SESSION_H
#define EM_SESSION_H

#include <linux/hrtimer.h>
#include <linux/irq_work.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <uapi/linux/execmon.h>

struct em_ring;

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

/* session.c's: every session set up, in RCU; the probes walk it */
extern struct list_head em_sessions;

/*
 * A cheap test for the probes, inline: is anyone listening?  Racy by
 * design: a new session misses at most what it could not have read.
 */
static inline bool em_have_sessions(void)
{
	return !list_empty(&em_sessions);
}

void em_emit(struct execmon_rec_hdr *rec);
void em_emit_drop(void);
void em_emit_filtered(void);
void em_sessions_init(unsigned int max, int (*first)(void), void (*last)(void));
unsigned int em_sessions_list(struct execmon_reader *out, unsigned int nr,
			      struct execmon_ring_stats *per_cpu);
int em_session_stats(struct em_session *self, u64 id, struct execmon_ring_stats *per_cpu);

#endif /* EM_SESSION_H */
