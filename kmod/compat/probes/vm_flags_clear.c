// SPDX-License-Identifier: GPL-2.0
/* optional: vm_flags read-only behind accessors (6.3) */
#include <linux/mm.h>
void em_probe(struct vm_area_struct *vma);
void em_probe(struct vm_area_struct *vma) { vm_flags_mod(vma, VM_DONTCOPY, VM_MAYWRITE); }
