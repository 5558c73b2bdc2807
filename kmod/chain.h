/* SPDX-License-Identifier: GPL-2.0 */
/* chain.c: the files an exec went through (script, interpreters, binary) */
#ifndef EM_CHAIN_H
#define EM_CHAIN_H

#include <linux/types.h>

struct execmon_prev;
struct file;
struct linux_binprm;

#define EM_CHAIN_MAX	6	/* binfmt levels the kernel allows, and the first */

void em_chain_add(const struct linux_binprm *bprm);
int em_chain_get(const struct linux_binprm *bprm, struct file ***files);
const struct execmon_prev *em_chain_prev(const struct linux_binprm *bprm);
void em_chain_release(const struct linux_binprm *bprm);
void em_chain_release_all(void);
u64 em_chain_misses(void);

#endif /* EM_CHAIN_H */
