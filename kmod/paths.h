/* SPDX-License-Identifier: GPL-2.0 */
/* paths.c: the files an event names, their paths, and the resolver that ends the event */
#ifndef EM_PATHS_H
#define EM_PATHS_H

#include <linux/types.h>
#include "record.h"

struct file;
struct linux_binprm;
struct mm_struct;

void em_paths_init(void);
const char *em_put_kstr(struct em_ev *b, u16 type, const char *s);
void em_put_stdin_cwd(struct em_ev *b);
void em_put_files(struct em_ev *b, const struct linux_binprm *bprm, struct mm_struct *mm);
void em_paths_abandon(struct em_ev *b);
void em_paths_resolve(struct em_ev *b);

/* The end of every event that began, where it began: resolved, decided, sent. */
static inline void em_paths_finish(struct em_ev *b)
{
	em_paths_resolve(b);
	em_record_send(b, b->path, b->host_path);
}

#endif /* EM_PATHS_H */
