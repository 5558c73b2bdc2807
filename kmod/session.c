// SPDX-License-Identifier: GPL-2.0
/*
 * Sessions: each open() of /dev/execmon gets its own ring per possible CPU,
 * so readers never steal events from each other.  A session joins the list
 * the probes walk (em_sessions, RCU) once its rings exist, and leaves it
 * before they are freed.
 *
 * Locking: em_sessions_lock (a mutex: process context only) guards both
 * lists, em_nr_sessions, each session's running flag and whether the
 * probes are armed (they are while em_sessions is not empty); the probes
 * read em_sessions under RCU with preemption off.  A session's own lock, when
 * both are taken, comes first.
 */
#include <linux/slab.h>
#include <linux/rculist.h>
#include <linux/cpumask.h>
#include <linux/mm.h>
#include <linux/smp.h>
#include <linux/uaccess.h>
#include "policy.h"
#include "ring.h"
#include "session.h"

LIST_HEAD(em_sessions);		/* set up: the probes feed them */
static LIST_HEAD(em_all_sessions);	/* every open one, for status */
static DEFINE_MUTEX(em_sessions_lock);
static unsigned int em_nr_sessions;
static u64 em_last_session_id;
static unsigned int em_max_sessions;	/* see em_sessions_init() */
static int (*em_on_first)(void);
static void (*em_on_last)(void);

enum {
	EM_WAKE_NOW,		/* a ring reached wake_bytes: wake at once */
	EM_WAKE_ARMED,		/* the delay timer runs (or is about to) for this sleep */
};

/*
 * At most max sessions at once.  first() runs when a session is about to
 * start and none runs (an error keeps it from starting), last() when the
 * last one has ended: main.c arms and disarms the probes with them.  Both
 * under em_sessions_lock; set before the device exists.
 */
void em_sessions_init(unsigned int max, int (*first)(void), void (*last)(void))
{
	em_max_sessions = max;
	em_on_first = first;
	em_on_last = last;
}

/* hardirq context, queued by em_emit() */
static void em_session_wake_work(struct irq_work *work)
{
	struct em_session *s = container_of(work, struct em_session, wake_work);

	if (test_and_clear_bit(EM_WAKE_NOW, &s->wake_flags)) {
		hrtimer_try_to_cancel(&s->wake_timer);
		clear_bit(EM_WAKE_ARMED, &s->wake_flags);
		wake_up_interruptible(&s->wq);
	} else if (test_bit(EM_WAKE_ARMED, &s->wake_flags)) {
		hrtimer_start(&s->wake_timer, ms_to_ktime(EM_WAKE_DELAY_MS), HRTIMER_MODE_REL);
	}
}

static enum hrtimer_restart em_session_wake_timer(struct hrtimer *t)
{
	struct em_session *s = container_of(t, struct em_session, wake_timer);

	clear_bit(EM_WAKE_ARMED, &s->wake_flags);
	wake_up_interruptible(&s->wq);
	return HRTIMER_NORESTART;
}

/* Returns the new session, or ERR_PTR(-EBUSY) past max_readers. */
struct em_session *em_session_open(void)
{
	struct em_session *s;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return ERR_PTR(-ENOMEM);
	mutex_lock(&em_sessions_lock);
	if (em_nr_sessions >= em_max_sessions) {
		mutex_unlock(&em_sessions_lock);
		kfree(s);
		return ERR_PTR(-EBUSY);
	}
	em_nr_sessions++;
	s->id = ++em_last_session_id;
	list_add_tail(&s->all, &em_all_sessions);
	mutex_unlock(&em_sessions_lock);

	s->pid = task_tgid_nr(current);
	get_task_comm(s->comm, current);
	INIT_LIST_HEAD(&s->node);
	mutex_init(&s->lock);
	init_waitqueue_head(&s->wq);
	init_irq_work(&s->wake_work, em_session_wake_work);
	hrtimer_init(&s->wake_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	s->wake_timer.function = em_session_wake_timer;
	return s;
}

static void em_rings_free(struct em_ring **rings)
{
	unsigned int cpu;

	if (!rings)
		return;
	for_each_possible_cpu(cpu)
		em_ring_free(rings[cpu]);
	kvfree(rings);
}

void em_session_release(struct em_session *s)
{
	mutex_lock(&em_sessions_lock);
	if (s->running) {
		list_del_rcu(&s->node);
		if (list_empty(&em_sessions))
			em_on_last();
	}
	s->running = false;
	list_del(&s->all);
	em_nr_sessions--;
	mutex_unlock(&em_sessions_lock);

	/* probes run with preemption off: after this none can see s */
	synchronize_rcu();
	irq_work_sync(&s->wake_work);	/* it may start the timer: cancel after */
	hrtimer_cancel(&s->wake_timer);
	em_rings_free(s->rings);
	kvfree(s->line);
	kvfree(s->rec);
	kfree(s);
}

/*
 * Give the session its rings (ring_pages data pages each, 0 for the module
 * default) and start feeding it; the first session arms the probes.
 * Idempotent for the same size; -EBUSY for another size once set up.
 * Caller holds s->lock.
 */
int em_session_setup(struct em_session *s, unsigned int ring_pages)
{
	struct em_ring **rings;
	unsigned int cpu;
	int err;

	if (!ring_pages)
		ring_pages = s->rings ? s->ring_pages : em_policy_ring_pages();
	if (!em_ring_pages_ok(ring_pages))
		return -EINVAL;
	if (s->rings)
		return ring_pages == s->ring_pages ? 0 : -EBUSY;

	/*
	 * Refused at once when the rings would take more than half of the
	 * memory available now: no setup should push the host into reclaim.
	 */
	if ((u64)(ring_pages + 2) * num_possible_cpus() > si_mem_available() / 2)
		return -ENOMEM;
	/* built aside: s->rings is only ever NULL or whole */
	rings = kvcalloc(nr_cpu_ids, sizeof(*rings), GFP_KERNEL_ACCOUNT);
	if (!rings)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		rings[cpu] = em_ring_alloc(cpu, ring_pages);
		if (!rings[cpu]) {
			err = -ENOMEM;
			goto err_free;
		}
	}

	mutex_lock(&em_sessions_lock);
	if (list_empty(&em_sessions)) {
		err = em_on_first();
		if (err) {
			mutex_unlock(&em_sessions_lock);
			goto err_free;
		}
	}
	s->rings = rings;
	s->ring_pages = ring_pages;
	s->wake_bytes = ((u64)ring_pages << PAGE_SHIFT) / 4;
	list_add_tail_rcu(&s->node, &em_sessions);	/* publishes s->rings to the probes */
	s->running = true;
	mutex_unlock(&em_sessions_lock);
	/*
	 * The rings and ring_pages, then the flag: what takes no lock (mmap(),
	 * poll()) looks at the rings only once it sees the flag.
	 */
	smp_store_release(&s->mappable, true);	/* pairs with em_session_ready()'s acquire */
	return 0;

err_free:
	em_rings_free(rings);
	return err;
}

/* Set up for good: s->rings and s->ring_pages can be used without s->lock. */
bool em_session_ready(struct em_session *s)
{
	return smp_load_acquire(&s->mappable);	/* pairs with em_session_setup()'s release */
}

/* Every ring's counters, per CPU (nr_cpu_ids entries); caller holds a lock that keeps the rings. */
static void em_session_collect(struct em_session *s, struct execmon_ring_stats *per_cpu)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		em_ring_stats(s->rings[cpu], &per_cpu[cpu]);
}

/*
 * The counters of this session (id 0 or its own) or of another one, into
 * per_cpu[nr_cpu_ids] (zero for CPUs that cannot exist).  -EINVAL when the
 * asking session has no rings yet, -ENODATA when the other has none, and
 * -ENOENT when no open session has that id.
 */
int em_session_stats(struct em_session *self, u64 id, struct execmon_ring_stats *per_cpu)
{
	struct em_session *s;
	int ret = -ENOENT;

	if (!self && !id)
		return -EINVAL;	/* a control descriptor has no counters of its own */
	if (self && (!id || id == self->id)) {
		mutex_lock(&self->lock);
		ret = self->rings ? 0 : -EINVAL;
		if (!ret)
			em_session_collect(self, per_cpu);
		mutex_unlock(&self->lock);
		return ret;
	}
	mutex_lock(&em_sessions_lock);
	list_for_each_entry(s, &em_all_sessions, all) {
		if (s->id != id)
			continue;
		/* running: its rings stay until release takes em_sessions_lock */
		ret = s->running ? 0 : -ENODATA;
		if (!ret)
			em_session_collect(s, per_cpu);
		break;
	}
	mutex_unlock(&em_sessions_lock);
	return ret;
}

/*
 * Who is reading, and how each is doing: the first nr sessions open into
 * out (each with its ring counters summed), per_cpu nr_cpu_ids entries of
 * scratch.  Returns how many are open.
 */
unsigned int em_sessions_list(struct execmon_reader *out, unsigned int nr,
			      struct execmon_ring_stats *per_cpu)
{
	struct em_session *s;
	unsigned int n = 0, cpu;

	mutex_lock(&em_sessions_lock);
	list_for_each_entry(s, &em_all_sessions, all) {
		struct execmon_reader *r;

		if (n++ >= nr)
			continue;
		r = &out[n - 1];
		r->id = s->id;
		r->pid = s->pid;
		memcpy(r->comm, s->comm, sizeof(r->comm));
		if (!s->running)
			continue;
		r->ring_pages = s->ring_pages;
		em_session_collect(s, per_cpu);
		for_each_possible_cpu(cpu)
			em_stats_add(&r->total, &per_cpu[cpu]);
	}
	mutex_unlock(&em_sessions_lock);
	return n;
}

/* Lockless (poll()): false until the session is set up. */
bool em_session_has_data(struct em_session *s)
{
	unsigned int cpu;

	if (!em_session_ready(s))
		return false;
	for_each_possible_cpu(cpu)
		if (!em_ring_empty(s->rings[cpu]))
			return true;
	return false;
}

/*
 * Hand a record to every session's ring for this CPU.  Producer context:
 * preemption off, never nested.
 *
 * A reader asleep on the session is woken through wake_work (no wakeup
 * from probe context): at once if this ring now holds wake_bytes, else by
 * a timer armed once per sleep, EM_WAKE_DELAY_MS on.  Per event, with a
 * sleeper and the timer armed, that is one bit test.
 */
void em_emit(struct execmon_rec_hdr *rec)
{
	unsigned int cpu = smp_processor_id();
	struct em_session *s;
	u64 fill;

	rcu_read_lock();
	list_for_each_entry_rcu(s, &em_sessions, node) {
		if (!em_ring_write(s->rings[cpu], rec, &fill))
			continue;
		/*
		 * wq_has_sleeper()'s full barrier orders the producer_pos store
		 * above before the wait-queue check; pairs with the barrier in
		 * prepare_to_wait() (read) and the smp_mb() after poll_wait()
		 * (em_dev_poll()), which order the waiter's enqueue before its
		 * check for data.
		 */
		if (!wq_has_sleeper(&s->wq))
			continue;
		if (fill >= s->wake_bytes) {
			if (!test_and_set_bit(EM_WAKE_NOW, &s->wake_flags))
				irq_work_queue(&s->wake_work);
		} else if (!test_bit(EM_WAKE_ARMED, &s->wake_flags) &&
			   !test_and_set_bit(EM_WAKE_ARMED, &s->wake_flags)) {
			irq_work_queue(&s->wake_work);
		}
	}
	rcu_read_unlock();
}

/* An event the policy dropped: every session counts it as filtered. */
void em_emit_filtered(void)
{
	unsigned int cpu = smp_processor_id();
	struct em_session *s;

	rcu_read_lock();
	list_for_each_entry_rcu(s, &em_sessions, node)
		em_ring_filter(s->rings[cpu]);
	rcu_read_unlock();
}

/* An event that could not be built on this CPU: every session counts it. */
void em_emit_drop(void)
{
	unsigned int cpu = smp_processor_id();
	struct em_session *s;

	rcu_read_lock();
	list_for_each_entry_rcu(s, &em_sessions, node)
		em_ring_drop(s->rings[cpu], true);
	rcu_read_unlock();
}
