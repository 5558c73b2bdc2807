// SPDX-License-Identifier: GPL-2.0
/*
 * The files an exec went through.  For a script, the file the caller named
 * is gone by the time the exec succeeds: binfmt_script swaps bprm->file for
 * its interpreter's and drops the script's.  security_bprm_check() runs
 * once per binary handler level with that level's file, so a kprobe there
 * keeps a reference to each, here, keyed by the bprm; the event takes their
 * paths; free_bprm(), which every bprm goes through, drops the references.
 *
 * The table is a small open-addressed array claimed with cmpxchg.  An exec
 * uses its slot from its own task only, so after the claim nothing races.
 * No session, no claim: the slot is not needed when nobody listens.
 */
#include <linux/binfmts.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/atomic.h>
#include <linux/hash.h>
#include "execmon.h"

#define EM_CHAIN_BITS	8
#define EM_CHAIN_PROBES	8

struct em_chain {
	const void *bprm;		/* the key; NULL: free */
	unsigned int nr;
	struct file *files[EM_CHAIN_MAX];
};

static struct em_chain em_chains[1 << EM_CHAIN_BITS];
static atomic64_t em_chain_full;	/* claims that found no free slot */

u64 em_chain_misses(void)
{
	return atomic64_read(&em_chain_full);
}

static struct em_chain *em_chain_find(const void *bprm)
{
	unsigned int h = hash_ptr(bprm, EM_CHAIN_BITS), i;

	for (i = 0; i < EM_CHAIN_PROBES; i++) {
		struct em_chain *c = &em_chains[(h + i) & ((1 << EM_CHAIN_BITS) - 1)];

		if (READ_ONCE(c->bprm) == bprm) /* ours only once claimed by this task */
			return c;
	}
	return NULL;
}

/* security_bprm_check(): one more level of this exec.  Any context, no sleeping. */
void em_chain_add(const struct linux_binprm *bprm)
{
	unsigned int h, i;
	struct em_chain *c = em_chain_find(bprm);

	if (!c) {
		if (!em_have_sessions())
			return;
		h = hash_ptr(bprm, EM_CHAIN_BITS);
		for (i = 0; i < EM_CHAIN_PROBES && !c; i++) {
			struct em_chain *t = &em_chains[(h + i) & ((1 << EM_CHAIN_BITS) - 1)];

			if (!READ_ONCE(t->bprm) && !cmpxchg(&t->bprm, NULL, bprm)) /* claim */
				c = t;
		}
		if (!c) {
			atomic64_inc(&em_chain_full);	/* shown in the stats */
			return;
		}
		c->nr = 0;
	}
	if (c->nr < EM_CHAIN_MAX && bprm->file)
		c->files[c->nr++] = get_file(bprm->file);
}

/*
 * The files of this exec, for the event; valid until em_chain_release().
 * Returns how many: none when the exec failed before any binary handler,
 * or when no slot was free (counted by em_chain_misses()).
 */
int em_chain_get(const struct linux_binprm *bprm, struct file ***files)
{
	struct em_chain *c = em_chain_find(bprm);

	if (!c)
		return 0;
	*files = c->files;
	return c->nr;
}

/* free_bprm(): drop this exec's references and free its slot. */
void em_chain_release(const struct linux_binprm *bprm)
{
	struct em_chain *c = em_chain_find(bprm);

	if (!c)
		return;
	while (c->nr)
		fput(c->files[--c->nr]);	/* no sleeping: the last put is deferred */
	smp_store_release(&c->bprm, NULL);	/* pairs with the cmpxchg claim in em_chain_add() */
}

/* At unload, after the probes are gone: whatever an exec in flight left. */
void em_chain_release_all(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(em_chains); i++) {
		struct em_chain *c = &em_chains[i];

		if (c->bprm)
			em_chain_release(c->bprm);
	}
}
