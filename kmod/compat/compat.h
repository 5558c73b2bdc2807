/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Everything that differs between kernel versions and architectures lives
 * in compat/, so the core files carry no version checks: one header per
 * subsystem, and the code that redoes what the kernel does not export to
 * modules in headers of its own (pagewalk.h, nofault.h), each saying what
 * it mirrors and why it cannot call it.  This one is force-included into
 * every object by Kbuild.  What the target kernel's headers have is probed
 * at build time (compat/configure writes config.h), not read off version
 * numbers, so distribution backports build: Debian's 6.1 has 6.6's
 * inode_get_ctime(), for one.
 */
#ifndef EM_COMPAT_H
#define EM_COMPAT_H

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include "config.h"

#ifndef CONFIG_KPROBES
#error "execmon needs a kernel built with CONFIG_KPROBES"
#endif
#ifndef CONFIG_KRETPROBES
#error "execmon needs a kernel built with CONFIG_KRETPROBES"
#endif
#ifndef CONFIG_TRACEPOINTS
#error "execmon needs a kernel built with CONFIG_TRACEPOINTS"
#endif

#include "arch.h"
#include "creds.h"
#include "fs.h"
#include "kprobes.h"
#include "mm.h"
#include "nofault.h"
#include "overlay.h"
#include "pagewalk.h"

#endif /* EM_COMPAT_H */
