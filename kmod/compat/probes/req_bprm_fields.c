// SPDX-License-Identifier: GPL-2.0
/* required: the bprm fields events are built from (filename, interp, file, mm, p, argc, envc) */
#include <linux/binfmts.h>
unsigned long em_probe(struct linux_binprm *b);
unsigned long em_probe(struct linux_binprm *b)
{
	return (unsigned long)b->filename + (unsigned long)b->interp + (unsigned long)b->file +
	       (unsigned long)b->mm + b->p + b->argc + b->envc;
}
