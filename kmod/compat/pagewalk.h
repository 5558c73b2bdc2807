/* SPDX-License-Identifier: GPL-2.0 */
/* A lockless page-table walk of an mm no task runs on: what GUP-fast does, which modules cannot call on such an mm */
#ifndef EM_COMPAT_PAGEWALK_H
#define EM_COMPAT_PAGEWALK_H

#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/pgtable.h>

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

#endif /* EM_COMPAT_PAGEWALK_H */
