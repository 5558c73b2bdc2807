// SPDX-License-Identifier: GPL-2.0
/*
 * Who runs it: beside the context's credentials (ident.h), the
 * supplementary groups and the controlling terminal of every event, and
 * for a successful exec the image before it (its comm and privilege, kept
 * by chain.c from the exec's first binary handler level) and what the exec
 * changed.  The creds are the task's own (only the task changes them), so
 * no lock is taken but the terminal's: see em_resolve_tty().
 */
#include <linux/binfmts.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/string.h>
#include <linux/tty.h>
#include <linux/tty_driver.h>
#include "ident.h"

/* At the exec's first security_bprm_check() (chain.c): the image before it, still current's. */
void em_prev_save(struct execmon_prev *prev)
{
	const struct cred *cred = current_cred();

	em_copy_comm(prev->comm, current->comm);
	prev->euid = __kuid_val(cred->euid);
	prev->egid = __kgid_val(cred->egid);
	prev->cap_permitted = em_cap_u64(cred->cap_permitted);
}

/*
 * sched_process_exec: what the exec changed, current's creds the new
 * image's, prev the old image's (NULL: not known, and then no reason is
 * given).  An exec never changes the real ids, nor the user namespace,
 * whose root is what commoncap's root rules test (handle_privileged_root():
 * make_kuid(new->user_ns, 0)).  Root, there, is the old image running
 * with effective uid root or the new one with real or effective uid root.
 *  - SETUID: a non-root image's effective uid changed, and not back to the
 *    real one (what commoncap does to a set-user-ID exec under
 *    no_new_privs or an unsafe ptrace): the file's set-user-ID bit gave
 *    it the file owner's identity.  Root running another user's
 *    set-user-ID binary gives privilege up: not reported.
 *  - SETGID: the same for the group, and the set-group-ID bit.
 *  - FILE_CAPS: a non-root image has permitted capabilities the old one
 *    had not: only file capabilities grant those.  For root, the root
 *    rules fill the sets, which is not a file's doing: not reported.
 * secureexec is AT_SECURE as create_elf_tables() writes it.
 */
u32 em_ident_exec_flags(const struct linux_binprm *bprm, const struct execmon_prev *prev)
{
	const struct cred *cred = current_cred();
	kuid_t root = make_kuid(cred->user_ns, 0);	/* INVALID_UID when unmapped */
	u32 euid = __kuid_val(cred->euid), egid = __kgid_val(cred->egid);
	u32 f = bprm->secureexec ? EXECMON_EF_SECURE_EXEC : 0;

	if (!prev || prev->euid == __kuid_val(root))
		return f;
	if (euid != prev->euid && euid != __kuid_val(cred->uid))
		f |= EXECMON_EF_SETUID;
	if (egid != prev->egid && egid != __kgid_val(cred->gid))
		f |= EXECMON_EF_SETGID;
	if ((em_cap_u64(cred->cap_permitted) & ~prev->cap_permitted) &&
	    !uid_eq(cred->euid, root) && !uid_eq(cred->uid, root))
		f |= EXECMON_EF_FILE_CAPS;
	return f;
}

/* The image before the exec; without it the event says PREV is missing (em_event_exec()). */
void em_put_prev(struct em_ev *b, const struct execmon_prev *prev)
{
	struct execmon_prev *p;

	if (!prev)
		return;
	p = em_attr_begin(b, EXECMON_A_PREV, sizeof(*p));
	if (!p)
		return;
	*p = *prev;
	em_attr_end(b, EXECMON_A_PREV, 0, sizeof(*p));
}

/*
 * The supplementary groups, as the cred holds them: sorted (groups_sort())
 * and never changed once the cred is in use.  A kgid's value is the gid
 * in the initial user namespace.
 */
void em_put_groups(struct em_ev *b, const struct cred *cred)
{
	const struct group_info *gi = cred->group_info;
	u32 n = gi->ngroups, nr = min_t(u32, n, EXECMON_GROUPS_MAX);
	struct execmon_groups *g;

	BUILD_BUG_ON(sizeof(kgid_t) != sizeof(u32));
	if (!n)
		return;
	g = em_attr_begin(b, EXECMON_A_GROUPS, sizeof(*g) + nr * sizeof(u32));
	if (!g)
		return;
	g->count = n;
	g->nr_present = nr;
	memcpy(g + 1, gi->gid, nr * sizeof(u32));
	em_attr_end(b, EXECMON_A_GROUPS, nr < n ? EXECMON_AF_TRUNCATED : 0,
		    sizeof(*g) + nr * sizeof(u32));
}

/*
 * The controlling terminal's name, as ps(1) and the /dev node name it: a
 * pty's slave is "pts/<n>", any other its tty_struct's name ("tty1",
 * "ttyS0"; audit writes a pty's as "pts3").  signal->tty changes under the
 * siglock and its tty is freed once its last reference goes, not after an
 * RCU grace period, so it is read as the kernel reads it: a reference taken
 * under the siglock (get_current_tty()).  That lock is a sleeping one on
 * PREEMPT_RT, where this runs in the task work (later.c); elsewhere from
 * the probes, none of which the kernel calls with the siglock held.  The
 * name is set when the tty is made and never changes.
 *
 * Returns the name in the record, "" when the task has none (any more), or
 * NULL when there was no room for it (the event then says so).
 */
const char *em_resolve_tty(struct em_ev *b)
{
	struct tty_struct *tty = get_current_tty();
	char *p, *d;
	u32 len;

	if (!tty)
		return "";
	p = em_attr_begin(b, EXECMON_A_TTY, EM_TTY_NAME_MAX);
	if (p && tty->driver->type == TTY_DRIVER_TYPE_PTY &&
	    tty->driver->subtype == PTY_TYPE_SLAVE) {
		char digits[10];
		unsigned int i = tty->index, nd = 0;

		do {
			digits[nd++] = '0' + i % 10;
			i /= 10;
		} while (i && nd < sizeof(digits));
		memcpy(p, "pts/", 4);
		d = p + 4;
		while (nd)
			*d++ = digits[--nd];
		*d = '\0';
		len = d - p + 1;
	} else if (p) {
		ssize_t n = strscpy(p, tty->name, EM_TTY_NAME_MAX);

		BUILD_BUG_ON(sizeof(tty->name) > EM_TTY_NAME_MAX);
		len = n < 0 ? EM_TTY_NAME_MAX : n + 1;	/* the name always ends within it */
	}
	tty_kref_put(tty);
	if (p)
		em_attr_end(b, EXECMON_A_TTY, 0, len);
	return p;
}
