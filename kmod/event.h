/* SPDX-License-Identifier: GPL-2.0 */
#ifndef EM_EVENT_H
#define EM_EVENT_H

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

#endif /* EM_EVENT_H */
