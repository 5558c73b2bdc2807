/* SPDX-License-Identifier: GPL-2.0 */
/* dev.c: /dev/execmon and its ioctls */
#ifndef EM_DEV_H
#define EM_DEV_H

int em_dev_register(void);
void em_dev_unregister(void);

#endif /* EM_DEV_H */
