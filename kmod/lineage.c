// SPDX-License-Identifier: GPL-2.0
/*
 * Lineage: the process image of a task and of its parent.  Events carry
 * them in their context (lineage.h); EXECMON_IOC_IMAGE gives them for a
 * running process, so that a reader which meets a process that started
 * before it names its image as that process's own events will.
 */
#include <linux/errno.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/sched/signal.h>
#include <linux/threads.h>
#include "lineage.h"

/* EXECMON_IOC_IMAGE: q->pid in, the rest out (q is the caller's copy, checked). */
int em_lineage_query(struct execmon_image_query *q)
{
	struct task_struct *t, *parent;
	int ret = -ESRCH;

	/* pid 0 is the idle task, not a process; find_pid_ns() takes an int */
	if (!q->pid || q->pid > PID_MAX_LIMIT)
		return -ESRCH;
	rcu_read_lock();
	t = pid_task(find_pid_ns(q->pid, &init_pid_ns), PIDTYPE_TGID);
	if (t) {
		parent = rcu_dereference(t->real_parent);
		q->ppid = task_tgid_nr(parent);
		em_image_of(t, &q->image);
		memset(&q->parent_image, 0, sizeof(q->parent_image));
		if (q->ppid)
			em_image_of(parent, &q->parent_image);
		ret = 0;
	}
	rcu_read_unlock();
	return ret;
}
