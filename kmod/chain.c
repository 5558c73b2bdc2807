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
#define EM_CHAIN_SLOTS	(1 << EM_CHAIN_BITS)
#define EM_CHAIN_PROBES	8

/*
 * The keys apart from the files: free_bprm() looks up every bprm, most of
 * them with no slot, and eight probes of packed keys are one or two cache
 * lines, not eight.
 */
static const void *em_chain_keys[EM_CHAIN_SLOTS];	/* the bprm; NULL: free */

static struct em_chain {
	unsigned int nr;
	struct file *files[EM_CHAIN_MAX];
} em_chains[EM_CHAIN_SLOTS];

static atomic64_t em_chain_full;	/* claims that found no free slot */

u64 em_chain_misses(void)
{
	return atomic64_read(&em_chain_full);
}

/* The slot of this bprm, or -1. */
static int em_chain_find(const void *bprm)
{
	unsigned int h = hash_ptr(bprm, EM_CHAIN_BITS), i, k;

	for (i = 0; i < EM_CHAIN_PROBES; i++) {
		k = (h + i) & (EM_CHAIN_SLOTS - 1);
		if (READ_ONCE(em_chain_keys[k]) == bprm) /* ours only once claimed by this task */
			return k;
	}
	return -1;
}

/* security_bprm_check(): one more level of this exec.  Any context, no sleeping. */
void em_chain_add(const struct linux_binprm *bprm)
{
	unsigned int h, i, k;
	struct em_chain *c;
	int slot;

	if (!em_have_sessions())
		return;
	slot = em_chain_find(bprm);
	if (slot < 0) {
		h = hash_ptr(bprm, EM_CHAIN_BITS);
		for (i = 0; i < EM_CHAIN_PROBES && slot < 0; i++) {
			k = (h + i) & (EM_CHAIN_SLOTS - 1);
			/* claim a slot em_chain_release() freed; the cmpxchg orders it */
			if (!READ_ONCE(em_chain_keys[k]) /* a cheap look first */ &&
			    !cmpxchg(&em_chain_keys[k], NULL, bprm))
				slot = k;
		}
		if (slot < 0) {
			atomic64_inc(&em_chain_full);	/* shown in the stats */
			return;
		}
		em_chains[slot].nr = 0;
	}
	c = &em_chains[slot];
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
	int slot = em_chain_find(bprm);

	if (slot < 0)
		return 0;
	*files = em_chains[slot].files;
	return em_chains[slot].nr;
}

/* free_bprm(): drop this exec's references and free its slot. */
static void em_chain_free_slot(unsigned int slot)
{
	struct em_chain *c = &em_chains[slot];

	while (c->nr)
		fput(c->files[--c->nr]);	/* no sleeping: the last put is deferred */
	smp_store_release(&em_chain_keys[slot], NULL);	/* pairs with the cmpxchg claim in em_chain_add() */
}

void em_chain_release(const struct linux_binprm *bprm)
{
	int slot = em_chain_find(bprm);

	if (slot >= 0)
		em_chain_free_slot(slot);
}

/* At unload, after the probes are gone: whatever an exec in flight left. */
void em_chain_release_all(void)
{
	unsigned int i;

	for (i = 0; i < EM_CHAIN_SLOTS; i++)
		if (em_chain_keys[i])
			em_chain_free_slot(i);
}
