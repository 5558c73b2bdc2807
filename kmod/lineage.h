/* SPDX-License-Identifier: GPL-2.0 */
/* lineage.c: which process image a task runs, and its parent */
#ifndef EM_LINEAGE_H
#define EM_LINEAGE_H

#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <uapi/linux/execmon.h>

/*
 * The image task t runs (see struct execmon_image): its thread group's
 * start and its exec count.  Both are what the kernel keeps per task, so
 * nothing can run out, and they are as stable as the image: de_thread()
 * gives a thread that execs its leader's start times before
 * begin_new_exec() counts the exec, and every thread of an image holds
 * one count (a thread is a copy of its creator; only an exec, which ends
 * the others, changes it).  Under RCU: the leader may be released while
 * a sibling looks.  Of another task (the parent) mid-exec, without the
 * tasklist_lock under which de_thread() copies the start and then moves
 * group_leader, a look may at worst pair the new leader with its own start.
 */
static inline void em_image_of(struct task_struct *t, struct execmon_image *im)
{
	im->start_ns = READ_ONCE(t->group_leader)->start_boottime;	/* no pair: see above */
	/* written by the task itself only, in its exec; read as a whole */
	im->exec_seq = READ_ONCE(t->self_exec_id);	/* no pair: a count, read whole */
}

/* The task's image and its real parent's into the context, under RCU; parent is t's. */
static inline void em_lineage_context(struct execmon_event *ev, struct task_struct *t,
				      struct task_struct *parent)
{
	em_image_of(t, &ev->image);
	if (ev->ppid)
		em_image_of(parent, &ev->parent_image);
}

int em_lineage_query(struct execmon_image_query *q);

#endif /* EM_LINEAGE_H */
