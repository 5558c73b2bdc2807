/* SPDX-License-Identifier: GPL-2.0 */
/* Mappings: what moved between versions */
#ifndef EM_COMPAT_MM_H
#define EM_COMPAT_MM_H

#include "config.h"
#include <linux/mm.h>

/* vm_flags became read-only behind accessors in 6.3 */
static inline void em_vma_flags_mod(struct vm_area_struct *vma, vm_flags_t set, vm_flags_t clear)
{
#ifdef EM_HAVE_VM_FLAGS_CLEAR
	vm_flags_mod(vma, set, clear);
#else
	vma->vm_flags = (vma->vm_flags | set) & ~clear;
#endif /* EM_HAVE_VM_FLAGS_CLEAR */
}

#endif /* EM_COMPAT_MM_H */
