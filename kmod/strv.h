/* SPDX-License-Identifier: GPL-2.0 */
/* strv.c: an exec's argv, environment and the caller's path, copied without faulting */
#ifndef EM_STRV_H
#define EM_STRV_H

#include <linux/types.h>
#include "record.h"

struct em_user_exec;
struct linux_binprm;
struct mm_struct;

void em_put_strv_exec(struct em_ev *b, struct linux_binprm *bprm, struct mm_struct *mm);
void em_put_strv_bprm(struct em_ev *b, struct linux_binprm *bprm);
const char *em_put_caller(struct em_ev *b, const struct em_user_exec *ue);

#endif /* EM_STRV_H */
