/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few things common/ needs from its surroundings, in the kernel
 * (execmon.ko) and in user space (the tools and their tests) alike.
 */
#ifndef EM_ENV_H
#define EM_ENV_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#include <uapi/linux/execmon.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <linux/types.h>
#include <linux/execmon.h>
#endif /* __KERNEL__ */

#endif /* EM_ENV_H */
