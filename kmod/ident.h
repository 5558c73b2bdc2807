/* SPDX-License-Identifier: GPL-2.0 */
/* ident.c: who runs it, with what privilege, from which terminal */
#ifndef EM_IDENT_H
#define EM_IDENT_H

#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include "record.h"

struct linux_binprm;

/*
 * The credentials into the context, and the audit login and session: all
 * the task's own, so no lock (only the task changes its creds, and only
 * it writes its loginuid: audit_set_loginuid()).  A kuid's value is the
 * uid in the initial user namespace, what from_kuid(&init_user_ns) gives;
 * without CONFIG_AUDIT the accessors give the unset values.  Inline: once
 * per event, in em_fill_context().
 */
static inline void em_ident_context(struct execmon_event *ev, const struct cred *cred)
{
	ev->suid = __kuid_val(cred->suid);
	ev->sgid = __kgid_val(cred->sgid);
	ev->fsuid = __kuid_val(cred->fsuid);
	ev->fsgid = __kgid_val(cred->fsgid);
	ev->auid = __kuid_val(audit_get_loginuid(current));
	ev->session_id = audit_get_sessionid(current);
	ev->cap_effective = em_cap_u64(cred->cap_effective);
	ev->cap_permitted = em_cap_u64(cred->cap_permitted);
	ev->cap_inheritable = em_cap_u64(cred->cap_inheritable);
}

u32 em_ident_exec_flags(const struct linux_binprm *bprm, const struct execmon_prev *prev);
void em_put_prev(struct em_ev *b, const struct execmon_prev *prev);
void em_put_groups(struct em_ev *b, const struct cred *cred);

/* The terminal's name, at most this many bytes with its NUL (tty_struct.name's) */
#define EM_TTY_NAME_MAX	64
#define EM_TTY_ROOM	(sizeof(struct execmon_attr) + EM_TTY_NAME_MAX)

/*
 * Whether the task has a controlling terminal: a peek at the pointer, not
 * a reference (see em_resolve_tty()).  With one, its name is resolved at
 * the event's end.
 */
static inline void em_gather_tty(struct em_ev *b)
{
	if (!current->signal || !READ_ONCE(current->signal->tty))	/* a peek: no pair, see above */
		return;
	b->files.tty = true;
	b->files.pending += EM_TTY_ROOM;
}

const char *em_resolve_tty(struct em_ev *b);
void em_prev_save(struct execmon_prev *prev);

#endif /* EM_IDENT_H */
