/* SPDX-License-Identifier: GPL-2.0 */
/* probes.c: the hooks on the exec path */
#ifndef EM_PROBES_H
#define EM_PROBES_H

#include <linux/types.h>

int em_probes_register(void);
void em_probes_unregister(void);
int em_probes_arm(void);
void em_probes_disarm(void);
u64 em_probes_missed(void);
bool em_probes_exit_hooked(void);

#endif /* EM_PROBES_H */
