// SPDX-License-Identifier: GPL-2.0
/* optional: a capability set is one u64, kernel_cap_t.val (6.3); before, __u32 cap[2] */
#include <linux/capability.h>
u64 em_probe(const kernel_cap_t *c);
u64 em_probe(const kernel_cap_t *c) { return c->val; }
