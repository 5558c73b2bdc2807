// SPDX-License-Identifier: GPL-2.0
/*
 * Paths, later: PREEMPT_RT only (Kbuild builds this file where
 * CONFIG_PREEMPT_RT is set; later.h has the stubs elsewhere).
 *
 * d_path() takes rename_lock or mount_lock when a rename or a mount races
 * with its lockless walk.  Those are spinlocks: sleeping locks on
 * PREEMPT_RT, where probes still run with preemption off.  So on RT a probe
 * builds all but the paths, holding a reference to each file whose path
 * the event needs (files.c), and hands the record to a task work.  The
 * task runs it before it returns to user space (or in do_exit()), in
 * process context, where em_later_run() calls the same resolver the probe
 * calls elsewhere (em_paths_finish()): the paths as the task itself sees
 * them, the controlling terminal (ident.c), the policy's late rules, the
 * rings.  The cwd and fd 0 are the
 * task's own until then: after a successful exec no user code has run yet.
 * Nothing holds a record back for long: the kernel runs task work before
 * the task stops for a tracer (ptrace_notify()) or a signal (get_signal()).
 *
 * RT cannot allocate with preemption off, so the records wait in slots
 * allocated at load.  When none is free, or the task takes no more work,
 * the event goes out at once without those paths, flagged incomplete, and
 * counted (path_misses in the stats).  A queued work holds a module
 * reference, and em_later_exit() waits out the return from the last
 * em_later_run().
 */
#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/cpumask.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/task_work.h>
#include <linux/timekeeping.h>
#include <linux/vmalloc.h>
#include "later.h"
#include "paths.h"
#include "policy.h"

struct em_later {
	struct callback_head work;
	unsigned int idx;			/* bit in em_later_map */
	u32 len, cmdpath_off, path_misses;
	struct em_files files;			/* their references */
	struct em_policy *pol;			/* referenced, or NULL: no path rules */
	struct execmon_event *rec;		/* EXECMON_RECORD_MAX bytes */
};

static struct em_later *em_later_pool;
static unsigned long *em_later_map;
static unsigned int em_later_nr;

static struct em_later *em_later_claim(void)
{
	unsigned int i, tries;

	for (tries = 0; tries < em_later_nr; tries++) {
		i = find_first_zero_bit(em_later_map, em_later_nr);
		if (i >= em_later_nr)
			break;
		/* pairs with clear_bit_unlock() in em_later_run() */
		if (!test_and_set_bit_lock(i, em_later_map))
			return &em_later_pool[i];
	}
	return NULL;
}

/* Task work, process context: the event ends as em_event_end() ends it elsewhere. */
static void em_later_run(struct callback_head *work)
{
	struct em_later *l = container_of(work, struct em_later, work);
	struct em_ev b = {
		.ev = l->rec, .len = l->len, .cmdpath_off = l->cmdpath_off,
		.path_misses = l->path_misses, .pol = l->pol, .files = l->files,
	};

	/*
	 * As in a probe: this CPU's rings, preemption off, not nested.  The
	 * record is stamped now, as it goes into the ring, so that each ring
	 * stays in time order (what the readers' merge relies on): the time
	 * the exec returns to user space, microseconds after the probe unless
	 * the task was preempted on its way.  The paths are resolved first:
	 * d_path() may take its locks here, before preemption goes off.
	 */
	em_paths_resolve(&b);
	preempt_disable();
	b.ev->ts_ns = ktime_get_real_fast_ns();
	if (em_record_enter()) {
		em_record_send(&b);
		em_record_leave();
	}
	preempt_enable();

	if (l->pol)
		em_policy_put(l->pol);
	clear_bit_unlock(l->idx, em_later_map);
	module_put(THIS_MODULE);	/* the last use: see em_later_exit() */
}

/*
 * em_event_end() on RT: hand the record, its files and its policy to the
 * task.  False if it cannot take them: the caller ends the event itself.
 */
bool em_later_queue(struct em_ev *b)
{
	struct em_later *l;

	if (!try_module_get(THIS_MODULE))	/* being unloaded */
		return false;
	l = em_later_claim();
	if (!l)
		goto err_put;
	memcpy(l->rec, b->ev, b->len);
	l->len = b->len;
	l->cmdpath_off = b->cmdpath_off;
	l->path_misses = b->path_misses;
	l->files = b->files;
	/*
	 * The path rules wait for the path: under the policy the event began
	 * with, kept alive for them (the reference cannot fail to come: see
	 * em_policy_tryget(); were it to, the event would be kept).
	 */
	l->pol = NULL;
	if (b->pol->nr_rules && b->pol->late &&
	    em_policy_tryget((struct em_policy *)b->pol))
		l->pol = (struct em_policy *)b->pol;
	init_task_work(&l->work, em_later_run);
	if (!task_work_add(current, &l->work, TWA_RESUME))
		return true;
	if (l->pol)
		em_policy_put(l->pol);
	clear_bit_unlock(l->idx, em_later_map);
err_put:
	module_put(THIS_MODULE);
	return false;
}

/*
 * Slots for records waiting for their paths: a few per CPU, for the execs
 * between their probe and their return to user space.
 */
int em_later_init(void)
{
	unsigned int i;

	em_later_nr = clamp(4 * num_possible_cpus(), 16U, 1024U);
	em_later_pool = kvcalloc(em_later_nr, sizeof(*em_later_pool), GFP_KERNEL);
	em_later_map = bitmap_zalloc(em_later_nr, GFP_KERNEL);
	if (!em_later_pool || !em_later_map)
		goto err;
	for (i = 0; i < em_later_nr; i++) {
		em_later_pool[i].idx = i;
		em_later_pool[i].rec = kvzalloc(EXECMON_RECORD_MAX, GFP_KERNEL);
		if (!em_later_pool[i].rec)
			goto err;
	}
	return 0;
err:
	em_later_exit();
	return -ENOMEM;
}

/*
 * No slot is in use: each queued em_later_run() held a module reference.
 * The last ones may still be returning from their final module_put();
 * RCU Tasks waits until every task has left such code.
 */
void em_later_exit(void)
{
	unsigned int i;

	if (em_later_pool) {
		synchronize_rcu_tasks();
		for (i = 0; i < em_later_nr; i++)
			kvfree(em_later_pool[i].rec);
		kvfree(em_later_pool);
		em_later_pool = NULL;
	}
	bitmap_free(em_later_map);
	em_later_map = NULL;
}
