// SPDX-License-Identifier: GPL-2.0
/* required: a task's cgroup v2 id (5.7: cgroup_id() of task_dfl_cgroup()) */
#include <linux/cgroup.h>
u64 em_probe(struct task_struct *t);
u64 em_probe(struct task_struct *t) { return cgroup_id(cgroup_parent(task_dfl_cgroup(t))); }
