// SPDX-License-Identifier: GPL-2.0
/*
 * The files an exec went through.  For a script, the file the caller named
 * is gone by the time the exec succeeds: binfmt_script swaps bprm->file for
 * its interpreter's and drops the script's.  security_bprm_check() runs
 * once per binary handler level with that level's file, so a kprobe there
 * keeps a reference to each, here, keyed by the bprm; the event takes their
 * paths; free_bprm(), which every bprm goes through, drops the references.
 * The first level also keeps what the image before the exec was (its comm
 * and privilege: ident.c), which a successful exec's event compares.
 *
 * The slots are a pointer table (ptab.h) keyed by the bprm.  An exec uses
 * its slot from its own task only, so after the claim nothing races.  No
 * session, no claim: the slot is not needed when nobody listens.  Every
 * bprm is looked up at free_bprm(), and a failing exec's event looks too,
 * most of them for a slot never claimed: a bucket's count ends the look.
 */
#include <linux/binfmts.h>
#include <linux/file.h>
#include <linux/fs.h>
#include "chain.h"
#include "ident.h"
#include "ptab.h"
#include "session.h"

#define EM_CHAIN_BITS	6	/* 64 buckets: 448 execs between check and free */

static struct em_ptab_bucket em_chain_keys[1 << EM_CHAIN_BITS];	/* the bprm */

static struct em_chain {
	unsigned int nr;
	struct file *files[EM_CHAIN_MAX];
	const struct task_struct *task;	/* the exec's: compared, never dereferenced */
	struct execmon_prev prev;
} em_chains[EM_PTAB_SLOTS(EM_CHAIN_BITS)];

static atomic64_t em_chain_full;	/* claims that found no free slot */

u64 em_chain_misses(void)
{
	return atomic64_read(&em_chain_full);
}

/* A slot's first level: whose exec it is, and the image before it. */
static void em_chain_start(struct em_chain *c)
{
	c->task = current;
	em_prev_save(&c->prev);
}

static void em_chain_put_files(struct em_chain *c)
{
	while (c->nr)
		fput(c->files[--c->nr]);	/* no sleeping: the last put is deferred */
}

/* security_bprm_check(): one more level of this exec.  Any context, no sleeping. */
void em_chain_add(const struct linux_binprm *bprm)
{
	struct em_chain *c;
	int slot;

	if (!em_have_sessions())
		return;
	slot = em_ptab_find(em_chain_keys, EM_CHAIN_BITS, bprm);
	if (slot < 0) {
		slot = em_ptab_claim(em_chain_keys, EM_CHAIN_BITS, bprm);
		if (slot < 0) {
			atomic64_inc(&em_chain_full);	/* shown in the stats */
			return;
		}
		em_chains[slot].nr = 0;
		em_chain_start(&em_chains[slot]);
	} else if (em_chains[slot].task != current) {
		/*
		 * Another task's bprm was at this address, and its free_bprm()
		 * went unseen (a kprobe missed: probe_misses): start again.
		 */
		em_chain_put_files(&em_chains[slot]);
		em_chain_start(&em_chains[slot]);
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
	int slot = em_ptab_find(em_chain_keys, EM_CHAIN_BITS, bprm);

	if (slot < 0 || em_chains[slot].task != current)
		return 0;
	*files = em_chains[slot].files;
	return em_chains[slot].nr;
}

/* The image before this exec, valid until em_chain_release(); NULL when no slot was had. */
const struct execmon_prev *em_chain_prev(const struct linux_binprm *bprm)
{
	int slot = em_ptab_find(em_chain_keys, EM_CHAIN_BITS, bprm);

	return slot < 0 || em_chains[slot].task != current ? NULL : &em_chains[slot].prev;
}

/* free_bprm(): drop this exec's references and free its slot. */
static void em_chain_free_slot(unsigned int slot, const void *bprm)
{
	em_chain_put_files(&em_chains[slot]);
	em_ptab_free(em_chain_keys, slot, bprm);	/* after the puts: see em_ptab_free() */
}

void em_chain_release(const struct linux_binprm *bprm)
{
	int slot = em_ptab_find(em_chain_keys, EM_CHAIN_BITS, bprm);

	if (slot >= 0)
		em_chain_free_slot(slot, bprm);
}

/* At unload, after the probes are gone: whatever an exec in flight left. */
void em_chain_release_all(void)
{
	const void *bprm;
	unsigned int i;

	for (i = 0; i < EM_PTAB_SLOTS(EM_CHAIN_BITS); i++) {
		bprm = em_ptab_key(em_chain_keys, i);
		if (bprm)
			em_chain_free_slot(i, bprm);
	}
}
