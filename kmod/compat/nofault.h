/* SPDX-License-Identifier: GPL-2.0 */
/* User copies that never fault, for probe context: what strncpy_from_user_nofault() does, which is not exported */
#ifndef EM_COMPAT_NOFAULT_H
#define EM_COMPAT_NOFAULT_H

#include <linux/uaccess.h>
#include <asm/word-at-a-time.h>

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

#endif /* EM_COMPAT_NOFAULT_H */
