/* SPDX-License-Identifier: GPL-2.0 */
/* files.c: the files an event names, gathered as it is built */
#ifndef EM_FILES_H
#define EM_FILES_H

#include "record.h"

struct linux_binprm;
struct mm_struct;

void em_put_stdin_cwd(struct em_ev *b);
void em_put_files(struct em_ev *b, const struct linux_binprm *bprm, struct mm_struct *mm);

#endif /* EM_FILES_H */
