/* SPDX-License-Identifier: GPL-2.0 */
/* later.c: on PREEMPT_RT, the paths and the end of an event in the task's own context */
#ifndef EM_LATER_H
#define EM_LATER_H

#include <linux/types.h>
#include "record.h"

#ifdef CONFIG_PREEMPT_RT
bool em_later_queue(struct em_ev *b);
int em_later_init(void);
void em_later_exit(void);
#else
static inline bool em_later_queue(struct em_ev *b)
{
	return false;
}

static inline int em_later_init(void)
{
	return 0;
}

static inline void em_later_exit(void)
{
}
#endif

#endif /* EM_LATER_H */
