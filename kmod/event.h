/* SPDX-License-Identifier: GPL-2.0 */
/* event.c: building records in probe context, from what the hooks saw */
#ifndef EM_EVENT_H
#define EM_EVENT_H

#include <linux/types.h>

/* An exec attempt as the caller made it, saved at the entry of the call. */
struct em_user_exec {
	unsigned long filename;		/* pointer to the path */
	unsigned long argv;		/* pointer to the argv pointer array */
	unsigned long envp;		/* pointer to the envp pointer array */
	bool kernel;			/* kernel_execve(): kernel pointers */
	bool compat;			/* a 32-bit call (ia32, x32): 32-bit pointers in argv */
	u32 call;			/* EXECMON_EF_ call and ABI bits; 0 for kernel_execve() */
	bool reported;			/* bprm_execve()'s return reported the failure */
};

struct linux_binprm;

/* call: the EXECMON_EF_ call and ABI bits of the exec's call */
void em_event_exec(struct linux_binprm *bprm, u32 call);
void em_event_failed_bprm(struct linux_binprm *bprm, int retval, u32 call);
void em_event_failed_early(const struct em_user_exec *ue, int retval);
void em_event_process_exit(void);
int em_event_init(void);
void em_event_exit(void);
u64 em_event_path_misses(void);

#endif /* EM_EVENT_H */
