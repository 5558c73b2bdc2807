// SPDX-License-Identifier: GPL-2.0
/*
 * String vectors: the argv and environment of an exec, and the path the
 * caller gave, copied in probe context with copies that never fault or
 * sleep, cut at the policy's limits and marked so, the environment's
 * secrets redacted.  From the new image's memory (a successful exec), the
 * kernel's copy in the mm being built (a failure inside bprm_execve()), or
 * the caller's own pointers (a failure before it).
 */
#include <linux/binfmts.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "event.h"
#include "policy.h"
#include "record.h"
#include "strv.h"
#include "../common/emredact.h"

/*
 * Copies that never fault or sleep.  Each returns how many bytes it could
 * copy from the start of [src, src + len).
 */
typedef size_t (*em_copy_fn)(void *ctx, void *dst, unsigned long src, size_t len);

static size_t em_copy_nofault(void *dst, unsigned long src, size_t len, bool user)
{
	size_t done = 0;

	while (done < len) {
		size_t chunk = min_t(size_t, len - done,
				     PAGE_SIZE - ((src + done) & ~PAGE_MASK));
		long err = user ?
			copy_from_user_nofault(dst + done, (const void __user *)(src + done), chunk) :
			copy_from_kernel_nofault(dst + done, (const void *)(src + done), chunk);

		if (err)
			break;
		done += chunk;
	}
	return done;
}

static size_t em_copy_user_nofault(void *ctx, void *dst, unsigned long src, size_t len)
{
	return em_copy_nofault(dst, src, len, true);
}

static size_t em_copy_kernel_nofault(void *ctx, void *dst, unsigned long src, size_t len)
{
	return em_copy_nofault(dst, src, len, false);
}

/* From the new mm an exec is building: the kernel's own copy of the strings. */
static size_t em_copy_bprm_mm(void *ctx, void *dst, unsigned long src, size_t len)
{
	struct mm_struct *mm = ctx;
	size_t done = 0;

	while (done < len) {
		unsigned long addr = src + done;
		size_t off = addr & ~PAGE_MASK;
		size_t chunk = min_t(size_t, len - done, PAGE_SIZE - off);
		struct page *page = em_bprm_mm_get_page(mm, addr);
		void *kaddr;

		if (!page)
			break;
		kaddr = kmap_local_page(page);
		memcpy(dst + done, kaddr + off, chunk);
		kunmap_local(kaddr);
		put_page(page);
		done += chunk;
	}
	return done;
}

/*
 * Copy strings laid back to back at src until count of them are complete,
 * max bytes are copied, or the source stops.  The first chunk holds a
 * usual argv whole; later ones double.  No chunk crosses a page: strings
 * that end early in one (the bprm's copy ends at the top of its stack) do
 * not cost a look at the next.  Returns the bytes copied; *present is how
 * many strings arrived whole, and *last where the last of them ends.
 */
#define EM_CHUNK_MIN	256
#define EM_CHUNK_MAX	4096
static size_t em_copy_strings(em_copy_fn copy, void *ctx, char *dst, unsigned long src,
			      size_t max, u32 count, u32 *present, size_t *last)
{
	size_t n = 0, chunk = EM_CHUNK_MIN;
	u32 seen = 0;

	*last = 0;
	while (n < max && seen < count) {
		size_t want = min3(max - n, chunk, PAGE_SIZE - ((src + n) & ~PAGE_MASK));
		size_t got = copy(ctx, dst + n, src + n, want);
		char *p = dst + n, *end = p + got, *nul;

		while (seen < count && (nul = memchr(p, 0, end - p))) {
			seen++;
			p = nul + 1;
			*last = p - dst;
		}
		n += got;
		if (got < want)
			break;
		chunk = min_t(size_t, chunk * 2, EM_CHUNK_MAX);
	}
	*present = seen;
	return seen == count ? *last : n;
}

/* One string, page by page: the bytes copied, its NUL among them if it came. */
static size_t em_copy_string(em_copy_fn copy, char *dst, unsigned long src, size_t max)
{
	size_t last;
	u32 present;

	return em_copy_strings(copy, NULL, dst, src, max, 1, &present, &last);
}

/*
 * One string from src (user memory, or the kernel's for kernel_execve())
 * into dst, at most max bytes with its NUL.  Returns the bytes copied (the
 * NUL among them when it came within max), 0 when nothing could be read.
 */
static size_t em_str_user(char *dst, unsigned long src, size_t max)
{
	long n;

	if (!max)
		return 0;
	/* word at a time, one call per string */
	n = em_strncpy_user_nofault(dst, src, max);
	if (n >= 0)
		return n < max ? n + 1 : max;
	/* it faulted part way: what a page-by-page copy can still read */
	return em_copy_string(em_copy_user_nofault, dst, src, max);
}

/* kernel_execve()'s: out of line, or its copy's locals put a stack canary on every caller */
static noinline size_t em_str_kernel(char *dst, unsigned long src, size_t max)
{
	return em_copy_string(em_copy_kernel_nofault, dst, src, max);
}

/* a direct call: an indirect one per string costs a retpoline */
static inline size_t em_str(bool kernel, char *dst, unsigned long src, size_t max)
{
	return kernel ? em_str_kernel(dst, src, max) : em_str_user(dst, src, max);
}

/*
 * Finish a string vector (attribute type) whose strings were copied back to
 * back into v + 1: n bytes arrived (at most the vector's limit), of which
 * the first last bytes are present whole strings; count strings exist in
 * all.  Keeps the start of a cut string, NUL-terminated, and marks the
 * vector truncated when anything is missing.
 */
static void em_strv_finish(struct em_ev *b, u16 type, struct execmon_strv *v, size_t n,
			   size_t last, u32 present, u32 count, bool cut)
{
	char *s = (char *)(v + 1);

	if (present < count) {
		cut = true;
		if (n > last) {
			/* the payload has room for this NUL: see em_strv_begin() */
			s[n] = '\0';
			last = n + 1;
			present++;
		}
	}
	v->count = count;
	v->nr_present = present;
	em_attr_end(b, type, cut ? EXECMON_AF_TRUNCATED : 0, sizeof(*v) + last);
}

/*
 * Room for a vector of at most *max bytes of strings, less when the record
 * must keep room for the paths still to come (em_paths_pending()): *max is
 * then what fits, and the vector is cut there, and marked.
 */
static __always_inline struct execmon_strv *em_strv_begin(struct em_ev *b, u16 type, u32 *max)
{
	/* + 8: the payload's alignment and the NUL that ends a cut string */
	s64 room = (s64)EXECMON_RECORD_MAX - b->len - em_paths_pending(b) -
		   sizeof(struct execmon_attr) - sizeof(struct execmon_strv) - 8;

	if (room <= 0) {
		em_missing(b, type);
		return NULL;
	}
	*max = min_t(s64, *max, room);
	/* + 1: room to terminate a string cut at max */
	return em_attr_begin(b, type, sizeof(struct execmon_strv) + *max + 1);
}

static bool em_redacted(const struct em_policy *pol, const char *name, size_t len)
{
	unsigned int i;

	for (i = 0; i < pol->nr_redact; i++)
		if (em_redact_match(pol->redact[i], name, len))
			return true;
	return false;
}

/*
 * Redaction of an environment copied as for em_strv_finish(): s holds *n
 * bytes, the first *last of them *present whole strings, in room for max.
 * Each variable whose name the policy redacts keeps "NAME=" and its value
 * becomes EXECMON_REDACTED, the start of a cut one too.  When the marker
 * does not fit, that variable and every one after it go, and the vector is
 * cut: no part of a value to redact stays.  Only with capture on, which is
 * opt-in; each redaction moves what follows, at most env_max bytes.
 */
static void em_env_redact(const struct em_policy *pol, char *s, size_t max, size_t *n,
			  size_t *last, u32 *present, bool *cut)
{
	const size_t marker = sizeof(EXECMON_REDACTED);	/* with its NUL */
	size_t pos = 0, len, keep;
	const char *eq;
	u32 i = 0;

	if (!pol->nr_redact)
		return;
	while (pos < *n) {
		bool whole = pos < *last;

		len = whole ? strlen(s + pos) + 1 : *n - pos;
		eq = memchr(s + pos, '=', len);
		if (!eq || !em_redacted(pol, s + pos, eq - (s + pos))) {
			pos += len;
			i += whole;
			continue;
		}
		keep = eq + 1 - (s + pos);
		if (*n - len + keep + marker > max) {
			*n = *last = pos;
			*present = i;
			*cut = true;
			return;
		}
		memmove(s + pos + keep + marker, s + pos + len, *n - pos - len);
		memcpy(s + pos + keep, EXECMON_REDACTED, marker);
		*n += keep + marker - len;
		if (whole) {
			*last += keep + marker - len;
		} else {
			/* the cut one, now whole: "NAME=<redacted>" is all it would say */
			*last = *n;
			(*present)++;
		}
		pos += keep + marker;
		i++;
	}
}

/* A contiguous area of count strings (an mm's arguments or environment, the bprm's copy). */
static void em_put_strv_area(struct em_ev *b, u16 type, u32 max, u32 count,
			     em_copy_fn copy, void *ctx, unsigned long src)
{
	struct execmon_strv *v = em_strv_begin(b, type, &max);
	size_t n, last;
	bool cut = false;
	u32 present;

	if (!v)
		return;
	n = em_copy_strings(copy, ctx, (char *)(v + 1), src, max, count, &present, &last);
	if (type == EXECMON_A_ENV)
		em_env_redact(b->pol, (char *)(v + 1), max, &n, &last, &present, &cut);
	em_strv_finish(b, type, v, n, last, present, count, cut);
}

/*
 * EM_PTR_BATCH pointers from src: how many were read.  Most arrays are read
 * whole by the first copy; one that ends before an unmapped page is read
 * again page by page.  A 32-bit caller's (compat: ia32 and x32) are 32
 * bits each.
 */
#define EM_PTR_BATCH		8
static size_t em_copy_ptrs(bool kernel, bool compat, unsigned long *dst, unsigned long src)
{
	const size_t size = EM_PTR_BATCH * sizeof(*dst);
	u32 narrow[EM_PTR_BATCH];
	size_t i, n;

	if (kernel)
		return em_copy_kernel_nofault(NULL, dst, src, size) / sizeof(*dst);
	if (!compat) {
		if (!em_copy_user_const_nofault(dst, src, EM_PTR_BATCH * sizeof(*dst)))
			return EM_PTR_BATCH;
		return em_copy_user_nofault(NULL, dst, src, size) / sizeof(*dst);
	}
	if (!em_copy_user_const_nofault(narrow, src, sizeof(narrow)))
		n = EM_PTR_BATCH;
	else
		n = em_copy_user_nofault(NULL, narrow, src, sizeof(narrow)) / sizeof(narrow[0]);
	for (i = 0; i < n; i++)
		dst[i] = narrow[i];
	return n;
}

/*
 * A vector of pointers to strings (the caller's argv or envp, user or
 * kernel), for failures that came before the kernel copied the strings.
 * The pointers are read EM_PTR_BATCH at a time; counting stops at
 * EM_STRV_COUNT_MAX of them.
 */
#define EM_STRV_COUNT_MAX	4096
static void em_put_strv_ptrs(struct em_ev *b, u16 type, u32 max, bool kernel, bool compat,
			     unsigned long vec)
{
	struct execmon_strv *v = em_strv_begin(b, type, &max);
	char *s = (char *)(v + 1);
	unsigned long ptrs[EM_PTR_BATCH];
	size_t n = 0, last = 0, got, nr = 0, i = 0;
	bool cut = false;
	u32 count, present = 0;

	if (!v)
		return;
	for (count = 0; vec && count < EM_STRV_COUNT_MAX; count++) {
		if (i == nr) {
			/* past the NULL, or into an unmapped page: only what was read counts */
			nr = em_copy_ptrs(kernel, compat, ptrs,
					  vec + count * (compat ? sizeof(u32) : sizeof(*ptrs)));
			i = 0;
			if (!nr)
				break;
		}
		if (!ptrs[i])
			break;
		if (cut) {
			i++;
			continue;
		}
		got = em_str(kernel, s + n, ptrs[i++], max - n);
		n += got;
		if (got && !s[n - 1]) {
			present++;
			last = n;
		} else {
			cut = true;	/* unreadable, or longer than what is left */
		}
	}
	if (type == EXECMON_A_ENV)
		em_env_redact(b->pol, s, max, &n, &last, &present, &cut);
	em_strv_finish(b, type, v, n, last, present, count, cut || count == EM_STRV_COUNT_MAX);
}

static bool em_env_on(const struct em_ev *b)
{
	return b->pol->flags & EXECMON_POLICY_ENV;
}

/*
 * Where the environment starts in the bprm's copy of the strings: after the
 * argc argument strings from bprm->p.  Returns 0 if the copy ends first.
 */
static unsigned long em_bprm_env_start(struct linux_binprm *bprm)
{
	unsigned long pos = bprm->p;
	u32 left = bprm->argc;

	while (left) {
		struct page *page = em_bprm_mm_get_page(bprm->mm, pos);
		size_t off = pos & ~PAGE_MASK;
		const char *kaddr, *p, *end;

		if (!page)
			return 0;
		kaddr = kmap_local_page(page);
		p = kaddr + off;
		end = kaddr + PAGE_SIZE;
		while (left && (p = memchr(p, 0, end - p))) {
			p++;
			left--;
		}
		pos += (p ? p : end) - (kaddr + off);
		kunmap_local(kaddr);
		put_page(page);
	}
	return pos;
}

/* A successful exec's argv and environment: the new image has not run yet. */
void em_put_strv_exec(struct em_ev *b, struct linux_binprm *bprm, struct mm_struct *mm)
{
	em_put_strv_area(b, EXECMON_A_ARGV, b->pol->argv_max, bprm->argc,
			 em_copy_user_nofault, NULL, mm->arg_start);
	if (em_env_on(b))
		em_put_strv_area(b, EXECMON_A_ENV, b->pol->env_max, bprm->envc,
				 em_copy_user_nofault, NULL, mm->env_start);
}

/*
 * A failure inside bprm_execve(): the kernel's copy of the strings in the
 * new mm, from bprm->p up: argv, then envp.
 */
void em_put_strv_bprm(struct em_ev *b, struct linux_binprm *bprm)
{
	unsigned long env;

	if (!bprm->mm)
		return;
	em_put_strv_area(b, EXECMON_A_ARGV, b->pol->argv_max, bprm->argc,
			 em_copy_bprm_mm, bprm->mm, bprm->p);
	if (em_env_on(b) && (env = em_bprm_env_start(bprm)))
		em_put_strv_area(b, EXECMON_A_ENV, b->pol->env_max, bprm->envc,
				 em_copy_bprm_mm, bprm->mm, env);
}

/*
 * A failure before bprm_execve(): the caller's own pointers, the path it
 * gave (CMDPATH), then its argv and environment.  Returns the path as the
 * record holds it (a cut one NUL-terminated and marked), or NULL.
 */
const char *em_put_caller(struct em_ev *b, const struct em_user_exec *ue)
{
	char *p = em_attr_begin(b, EXECMON_A_CMDPATH, PATH_MAX);
	size_t n = 0;

	if (p && ue->filename)
		n = em_str(ue->kernel, p, ue->filename, PATH_MAX - 1);
	if (n && p[n - 1]) {
		p[n] = '\0';
		em_attr_end(b, EXECMON_A_CMDPATH, EXECMON_AF_TRUNCATED, n + 1);
	} else if (n) {
		em_attr_end(b, EXECMON_A_CMDPATH, 0, n);
	}
	em_put_strv_ptrs(b, EXECMON_A_ARGV, b->pol->argv_max, ue->kernel, ue->compat, ue->argv);
	if (em_env_on(b))
		em_put_strv_ptrs(b, EXECMON_A_ENV, b->pol->env_max, ue->kernel, ue->compat,
				 ue->envp);
	return n ? p : NULL;
}
