/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A fixed table keyed by pointers, for the exec path's per-exec state (the
 * file chains of chain.c, keyed by bprm): no lock, no allocation, any
 * context, claimed with cmpxchg.
 *
 * A key lives in one bucket, a cache line of EM_PTAB_WAYS keys and a count
 * of them, so a lookup reads one line and mostly stops at the count: most
 * execs look for a key that was never set.  A slot's number indexes the
 * user's own arrays of what goes with the key.
 *
 * The count is exact for the task that looks for its own key, which is the
 * only use: that task claimed the slot (and counted it) earlier in program
 * order.  Other tasks' keys only make a look go on to the keys.
 */
#ifndef EM_PTAB_H
#define EM_PTAB_H

#include <linux/atomic.h>
#include <linux/cache.h>
#include <linux/hash.h>

#define EM_PTAB_WAYS	(SMP_CACHE_BYTES / sizeof(void *) - 1)

struct em_ptab_bucket {
	atomic_t used;			/* slots holding a key */
	const void *key[EM_PTAB_WAYS];	/* NULL: free */
} ____cacheline_aligned;

#define EM_PTAB_SLOTS(bits)	((1U << (bits)) * EM_PTAB_WAYS)

static __always_inline struct em_ptab_bucket *
em_ptab_bucket(struct em_ptab_bucket *tab, unsigned int bits, const void *key, unsigned int *first)
{
	unsigned int h = hash_ptr(key, bits);

	*first = h * EM_PTAB_WAYS;
	return &tab[h];
}

/* The slot holding key, or -1. */
static __always_inline int em_ptab_find(struct em_ptab_bucket *tab, unsigned int bits,
					const void *key)
{
	unsigned int first, i;
	struct em_ptab_bucket *b = em_ptab_bucket(tab, bits, key, &first);

	if (!atomic_read(&b->used))
		return -1;
	for (i = 0; i < EM_PTAB_WAYS; i++)
		if (READ_ONCE(b->key[i]) == key) /* set by this task, or not ours */
			return first + i;
	return -1;
}

/*
 * Claim a free slot for key: each is freed by its own user (em_ptab_free()).
 * Returns the slot, or -1 when the bucket has none.
 */
static __always_inline int em_ptab_claim(struct em_ptab_bucket *tab, unsigned int bits,
					 const void *key)
{
	unsigned int first, i;
	struct em_ptab_bucket *b = em_ptab_bucket(tab, bits, key, &first);

	for (i = 0; i < EM_PTAB_WAYS; i++) {
		if (READ_ONCE(b->key[i]))	/* a cheap look before the cmpxchg */
			continue;
		/* fully ordered: the slot's last user was done with it (em_ptab_free()) */
		if (!cmpxchg(&b->key[i], NULL, key)) {
			atomic_inc(&b->used);
			return first + i;
		}
	}
	return -1;
}

/* Free slot, which holds key. */
static __always_inline void em_ptab_free(struct em_ptab_bucket *tab, unsigned int slot,
					 const void *key)
{
	struct em_ptab_bucket *b = &tab[slot / EM_PTAB_WAYS];

	/* fully ordered: what went with the key is done before another claims it */
	if (cmpxchg(&b->key[slot % EM_PTAB_WAYS], key, NULL) == key)
		atomic_dec(&b->used);
}

/* The key in slot, NULL if free: for a walk of every slot, at unload. */
static inline const void *em_ptab_key(struct em_ptab_bucket *tab, unsigned int slot)
{
	return READ_ONCE(tab[slot / EM_PTAB_WAYS].key[slot % EM_PTAB_WAYS]); /* the probes are gone: nothing races */
}

#endif /* EM_PTAB_H */
