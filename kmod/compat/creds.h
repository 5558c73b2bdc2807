/* SPDX-License-Identifier: GPL-2.0 */
/* Credentials: what moved between versions */
#ifndef EM_COMPAT_CREDS_H
#define EM_COMPAT_CREDS_H

#include "config.h"
#include <linux/capability.h>

/*
 * A capability set as one u64, bit n for capability n: how /proc/PID/status
 * prints it (CapEff: sixteen hex digits).  6.3 made kernel_cap_t one u64;
 * before, two u32 words, cap[0] the low one.
 */
static inline u64 em_cap_u64(kernel_cap_t c)
{
#ifdef EM_HAVE_KERNEL_CAP_VAL
	return c.val;
#else
	return ((u64)c.cap[1] << 32) | c.cap[0];
#endif /* EM_HAVE_KERNEL_CAP_VAL */
}

#endif /* EM_COMPAT_CREDS_H */
