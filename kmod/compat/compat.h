/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Everything that differs between kernel versions and architectures lives
 * here, so the core files carry no version checks.  Force-included into
 * every object by Kbuild.  What the target kernel's headers have is probed
 * at build time (compat/configure writes config.h), not read off version
 * numbers, so distribution backports build: Debian's 6.1 has 6.6's
 * inode_get_ctime(), for one.
 */
#ifndef EM_COMPAT_H
#define EM_COMPAT_H

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include "config.h"
#include <linux/kprobes.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/pgtable.h>
#include <linux/ns_common.h>
#include <linux/nsproxy.h>
#include <linux/fs.h>
#include <linux/time64.h>
#include <linux/uaccess.h>
#include <asm/word-at-a-time.h>

#ifndef CONFIG_KPROBES
#error "execmon needs a kernel built with CONFIG_KPROBES"
#endif
#ifndef CONFIG_KRETPROBES
#error "execmon needs a kernel built with CONFIG_KRETPROBES"
#endif
#ifndef CONFIG_TRACEPOINTS
#error "execmon needs a kernel built with CONFIG_TRACEPOINTS"
#endif

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

/*
 * The kretprobe instance of one of rps[0..n) that the current task is
 * inside, the innermost if several, with that one's index in *idx; or NULL.  A task's pending returns are a list of
 * its own, newest first: kretprobes sit on rethook since 5.19 (x86),
 * before that on kretprobe_instances (5.11).  Only the task pops from it
 * (an interrupt pushes and pops only its own), so from one of the task's
 * own probe handlers the entries below the running one stay put.  Other
 * rethook users' nodes are on the list too: an entry is only taken for a
 * kretprobe_instance once its owner is known to be rp.
 */
#ifdef CONFIG_KRETPROBE_ON_RETHOOK
static inline struct kretprobe_instance *em_kretprobe_pending(const struct kretprobe *rps,
							       unsigned int n, unsigned int *idx)
{
	struct llist_node *l;

	for (l = current->rethooks.first; l; l = l->next) {
		struct rethook_node *rhn = container_of(l, struct rethook_node, llist);
		const struct kretprobe *rp = rhn->rethook->data;	/* rethook_alloc(rp, ...): fixed */

		if (rp >= rps && rp < rps + n) {
			*idx = rp - rps;
			return container_of(rhn, struct kretprobe_instance, node);
		}
	}
	return NULL;
}
#else
static inline struct kretprobe_instance *em_kretprobe_pending(const struct kretprobe *rps,
							       unsigned int n, unsigned int *idx)
{
	struct llist_node *l;

	for (l = current->kretprobe_instances.first; l; l = l->next) {
		struct kretprobe_instance *ri = container_of(l, struct kretprobe_instance, llist);
		const struct kretprobe *rp = get_kretprobe(ri);

		if (rp >= rps && rp < rps + n) {
			*idx = rp - rps;
			return ri;
		}
	}
	return NULL;
}
#endif /* CONFIG_KRETPROBE_ON_RETHOOK */

/*
 * Namespaces.  struct mnt_namespace is private to fs/; its ns_common member
 * has been its first member since ns_common was introduced (3.19) and still
 * is in 6.12, so its address is the namespace's.
 */
static inline unsigned int em_mnt_ns_inum(struct task_struct *t)
{
	struct nsproxy *nsp = t->nsproxy;

	return nsp && nsp->mnt_ns ? ((struct ns_common *)nsp->mnt_ns)->inum : 0;
}

/*
 * The page of a not-yet-installed mm that holds addr, with a reference the
 * caller drops with put_page(), or NULL.  Used on the mm an exec builds
 * (bprm->mm) before it is installed: no task runs on it, but reclaim and
 * compaction reach its pages through the rmap, and khugepaged may free a
 * page table of it.  The probes cannot sleep, so neither mmap_lock nor
 * get_user_pages_remote() will do, and the PTE lock sleeps on PREEMPT_RT.
 * This is GUP-fast's lockless walk: interrupts off keep the page tables
 * (freed only after an IPI or an RCU grace period, both of which wait for
 * us), a reference taken only if the folio is live keeps the page, and the
 * entry read again after taking it says that it was still this page's.  A
 * page whose reference count is frozen (being migrated or reclaimed) is not
 * taken: the caller counts what it could not read.  One word per entry on
 * x86-64, so READ_ONCE() reads each whole.  These are loads with no
 * barrier: they pair with the writers' set_pte()/set_pmd() (single stores),
 * and the recheck after folio_try_get() (a full barrier on success) is what
 * orders the reference before the second look, as in GUP-fast.
 */
static inline struct page *em_bprm_mm_get_page(struct mm_struct *mm, unsigned long addr)
{
	struct page *page = NULL;
	unsigned long irqflags;
	struct folio *folio;
	pgd_t *pgdp, pgd;
	p4d_t *p4dp, p4d;
	pud_t *pudp, pud;
	pmd_t *pmdp, pmd;
	pte_t *ptep, pte;

	local_irq_save(irqflags);
	pgdp = pgd_offset(mm, addr);
	pgd = READ_ONCE(*pgdp);	/* vs set_pgd(): see above */
	if (pgd_none(pgd) || pgd_bad(pgd))
		goto out;
	p4dp = p4d_offset(&pgd, addr);
	p4d = READ_ONCE(*p4dp);	/* vs set_p4d() */
	if (p4d_none(p4d) || p4d_bad(p4d))
		goto out;
	pudp = pud_offset(&p4d, addr);
	pud = READ_ONCE(*pudp);	/* vs set_pud() */
	if (pud_none(pud) || pud_bad(pud))
		goto out;
	pmdp = pmd_offset(&pud, addr);
	pmd = READ_ONCE(*pmdp);	/* vs set_pmd(), pmdp_collapse_flush() */
	if (!pmd_present(pmd) || pmd_bad(pmd) || pmd_trans_huge(pmd))
		goto out;
	/* x86-64 has no HIGHPTE: page tables live in the direct map */
	ptep = pte_offset_kernel(&pmd, addr);
	pte = READ_ONCE(*ptep);	/* vs set_pte(), ptep_clear() */
	if (!pte_present(pte) || pte_special(pte) || !pfn_valid(pte_pfn(pte)))
		goto out;
	page = pte_page(pte);
	folio = page_folio(page);
	if (!folio_try_get(folio)) {
		page = NULL;
		goto out;
	}
	/* the folio may have been split, or the entry changed, before the get */
	if (unlikely(page_folio(page) != folio ||
		     pmd_val(pmd) != pmd_val(READ_ONCE(*pmdp)) ||	/* after the get */
		     pte_val(pte) != pte_val(READ_ONCE(*ptep)))) {	/* ditto */
		folio_put(folio);
		page = NULL;
	}
out:
	local_irq_restore(irqflags);
	return page;
}

/*
 * strncpy_from_user_nofault() is not exported to modules; this is what it
 * does, less what the exported strncpy_from_user() adds to every call: the
 * hardened-usercopy check of the destination (here always this module's
 * own scratch record, whose bounds the caller keeps) and a call.  The
 * probes run in a task's own context (never NMI), where a user access with
 * page faults disabled fails instead of faulting pages in.
 *
 * Word at a time, as lib/strncpy_from_user.c does on x86; the bytes after
 * the NUL in the last word are zeroed.  A word that runs into an unmapped
 * page is read again a byte at a time.  No call may sit between
 * user_read_access_begin() and its end (objtool checks): everything in
 * between is inline.  Returns as strncpy_from_user(): the length without
 * the NUL, count when no NUL came within count bytes, or -EFAULT.
 */
static __always_inline long em_strncpy_user_nofault(char *dst, unsigned long src, long count)
{
	const struct word_at_a_time constants = WORD_AT_A_TIME_CONSTANTS;
	unsigned long max;
	long res = 0;

	if (count <= 0)
		return 0;
	if (src >= TASK_SIZE_MAX)
		return -EFAULT;
	/* a string that ends early may lie near the top: only test what can be read */
	max = min_t(unsigned long, count, TASK_SIZE_MAX - src);
	pagefault_disable();
	if (!user_read_access_begin((const char __user *)src, max)) {
		pagefault_enable();
		return -EFAULT;
	}
	while (max - res >= sizeof(unsigned long)) {
		unsigned long c, data;

		unsafe_get_user(c, (const unsigned long __user *)(src + res), byte_at_a_time);
		if (has_zero(c, &data, &constants)) {
			data = prep_zero_mask(c, data, &constants);
			data = create_zero_mask(data);
			*(unsigned long *)(dst + res) = c & zero_bytemask(data);
			res += find_zero(data);
			goto out;
		}
		*(unsigned long *)(dst + res) = c;
		res += sizeof(unsigned long);
	}
byte_at_a_time:
	while (res < max) {
		char c;

		unsafe_get_user(c, (const char __user *)(src + res), efault);
		dst[res] = c;
		if (!c)
			goto out;
		res++;
	}
	if (max < count)
		goto efault;	/* it ran into the top of user space */
out:
	user_read_access_end();
	pagefault_enable();
	return res;
efault:
	user_read_access_end();
	pagefault_enable();
	return -EFAULT;
}

/*
 * A user copy of a constant size with page faults off, without the
 * hardened-usercopy check (a constant size skips it at build time, as for
 * copy_from_user() into a struct).  Returns the bytes not copied.
 */
#define em_copy_user_const_nofault(dst, src, size) ({				\
	unsigned long __left = (size);						\
										\
	BUILD_BUG_ON(!__builtin_constant_p(size));				\
	if (access_ok((const void __user *)(src), (size))) {			\
		pagefault_disable();						\
		__left = __copy_from_user_inatomic((dst),			\
				(const void __user *)(src), (size));		\
		pagefault_enable();						\
	}									\
	__left;									\
})

/* An inode's change time; the field went behind accessors in 6.6. */
static inline u64 em_inode_ctime_ns(const struct inode *inode)
{
#ifdef EM_HAVE_INODE_GET_CTIME
	struct timespec64 ts = inode_get_ctime(inode);
#else
	struct timespec64 ts = inode->i_ctime;
#endif /* EM_HAVE_INODE_GET_CTIME */

	return timespec64_to_ns(&ts);
}

/* vm_flags became read-only behind accessors in 6.3 */
static inline void em_vma_flags_mod(struct vm_area_struct *vma, vm_flags_t set, vm_flags_t clear)
{
#ifdef EM_HAVE_VM_FLAGS_CLEAR
	vm_flags_mod(vma, set, clear);
#else
	vma->vm_flags = (vma->vm_flags | set) & ~clear;
#endif /* EM_HAVE_VM_FLAGS_CLEAR */
}

#endif /* EM_COMPAT_H */
