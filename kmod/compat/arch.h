/* SPDX-License-Identifier: GPL-2.0 */
/* The architecture: the exec system calls' entry points and their saved registers */
#ifndef EM_COMPAT_ARCH_H
#define EM_COMPAT_ARCH_H

#include <linux/ptrace.h>
#include <linux/types.h>

/*
 * The exec system calls' entry points, and the user-space arguments an
 * exec was given, read from the syscall's saved registers.
 */
#ifdef CONFIG_X86_64
#define EM_SYS_EXECVE	"__x64_sys_execve"
#define EM_SYS_EXECVEAT	"__x64_sys_execveat"

/* x86-64 syscalls: args in di, si, dx, r10, r8, r9 */
static inline void em_user_exec_args(const struct pt_regs *uregs, bool at,
				     unsigned long *filename, unsigned long *argv,
				     unsigned long *envp)
{
	*filename = at ? uregs->si : uregs->di;
	*argv = at ? uregs->dx : uregs->si;
	*envp = at ? uregs->r10 : uregs->dx;
}

/*
 * 32-bit callers: the ia32 entry (int $0x80, sysenter, a 32-bit process's
 * syscall) passes its arguments in bx, cx, dx, si, di as 32-bit values, and
 * x32 in the x86-64 registers; both give arrays of 32-bit pointers.  The
 * hooks exist where the kernel was built with the entry (optional).
 */
#define EM_IA32_EXECVE		"__ia32_compat_sys_execve"
#define EM_IA32_EXECVEAT	"__ia32_compat_sys_execveat"
#define EM_X32_EXECVE		"__x64_compat_sys_execve"
#define EM_X32_EXECVEAT		"__x64_compat_sys_execveat"

static inline void em_user_exec_args_ia32(const struct pt_regs *uregs, bool at,
					  unsigned long *filename, unsigned long *argv,
					  unsigned long *envp)
{
	*filename = (u32)(at ? uregs->cx : uregs->bx);
	*argv = (u32)(at ? uregs->dx : uregs->cx);
	*envp = (u32)(at ? uregs->si : uregs->dx);
}
#else
#error "execmon supports x86-64 only for now"
#endif /* CONFIG_X86_64 */

#endif /* EM_COMPAT_ARCH_H */
