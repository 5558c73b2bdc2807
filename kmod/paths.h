/* SPDX-License-Identifier: GPL-2.0 */
/* paths.c: the paths of the files an event gathered, and the resolver that ends the event */
#ifndef EM_PATHS_H
#define EM_PATHS_H

#include <linux/types.h>
#include "record.h"

void em_paths_init(void);
void em_paths_abandon(struct em_ev *b);
void em_paths_resolve(struct em_ev *b);

/* The end of every event that began, where it began: resolved, decided, sent. */
static inline void em_paths_finish(struct em_ev *b)
{
	em_paths_resolve(b);
	em_record_send(b);
}

bool em_put_cwd_if_root(struct em_ev *b);

#endif /* EM_PATHS_H */
