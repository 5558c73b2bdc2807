// SPDX-License-Identifier: GPL-2.0
/*
 * Where execmon meets the exec path (docs/kernels.md says how it differs by version):
 *
 *  sched_process_exec (tracepoint)      a successful exec, new image in place
 *  bprm_execve (kretprobe)              the return of an attempt that got as
 *                                       far as a bprm with its strings copied:
 *                                       failures from opening the file on
 *                                       (6.1: ENOENT, EACCES, ...; LSM; ENOEXEC)
 *  execve, execveat (kretprobes on the  failures before that: 6.8+'s early open,
 *  syscalls) and kernel_execve          E2BIG, EFAULT, ...
 *  security_bprm_check, free_bprm       each binary handler level's file (a
 *  (kprobes)                            script, its interpreters), and the
 *                                       end of every bprm (chain.c)
 *  exit_itimers (kprobe)                a process's end: once, in do_exit()
 *                                       of its last thread (em_on_exit_itimers())
 *
 * A failure is reported once: the inner return reports it and flags the
 * outer return's instance of the same attempt (em_exec_call()), whose
 * handler then leaves it alone; the outer one reports the failures that
 * came before any bprm.  Tracee's
 * security_bprm_creds_for_exec kprobe is not needed: bprm_execve()'s
 * return sees the same bprm and also the failures that come before that hook.
 *
 * The probes that only build events are armed while a session runs, and
 * disarmed when the last one stops (em_probes_arm(), em_probes_disarm()):
 * a loaded module nobody reads leaves the exec path as it was, but for the
 * tracepoint's call, which returns at once, and free_bprm's kprobe, which
 * stays so that a chain slot claimed before a disarm is always released.
 * A return already hooked when its probe is disarmed still runs its
 * handler, which then finds no session.  The probes are armed before the
 * first session joins the list the probes walk; until it does, the entry
 * handlers decline their instances.  A session arriving mid-attempt can
 * leave the inner return hooked and the outer not: the inner one then
 * reports, with no outer instance to flag.
 *
 * Every hook that cannot be placed is named in dmesg; the module refuses to
 * load without the ones that make an event type complete, but for the
 * exit's: without it the module loads and says it has no exit events
 * (EXECMON_FEAT_EXIT).
 */
#include <linux/binfmts.h>
#include <linux/kprobes.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/tracepoint.h>
#include "chain.h"
#include "event.h"
#include "probes.h"
#include "session.h"

/* kretprobe instances: one per exec in flight per hook; misses are counted */
#define EM_MAXACTIVE	4096	/* tests/guest/t-31-probe-misses.sh holds them all */

/* ---- successful execs ---- */

static struct tracepoint *em_tp_exec;

static u32 em_exec_call(bool reported);

static void em_on_sched_process_exec(void *data, struct task_struct *p,
				     pid_t old_pid, struct linux_binprm *bprm)
{
	em_event_exec(bprm, em_exec_call(false));
}

static void em_find_tracepoint(struct tracepoint *tp, void *priv)
{
	if (!strcmp(tp->name, "sched_process_exec"))
		*(struct tracepoint **)priv = tp;
}

/* ---- the files an exec goes through (chain.c) ---- */

static int em_on_bprm_check(struct kprobe *kp, struct pt_regs *regs)
{
	em_chain_add((void *)regs_get_kernel_argument(regs, 0));
	return 0;
}

static int em_on_free_bprm(struct kprobe *kp, struct pt_regs *regs)
{
	em_chain_release((void *)regs_get_kernel_argument(regs, 0));
	return 0;
}

/* armed with the sessions: registered disabled */
static struct kprobe em_kp_chain[] = {
	{ .symbol_name = "security_bprm_check", .pre_handler = em_on_bprm_check,
	  .flags = KPROBE_FLAG_DISABLED },
	{ .symbol_name = "free_bprm", .pre_handler = em_on_free_bprm },
};
#define EM_KP_ARMED	1	/* em_kp_chain[0] */

static struct kprobe *em_kps[ARRAY_SIZE(em_kp_chain)];

/* ---- a process's end ---- */

/*
 * sched_process_exit fires for every thread, and on these kernels does not
 * say whether the thread is the group's last (group_dead).  exit_itimers()
 * is called in do_exit() only when it is, once in a process's life, after
 * every thread has passed synchronize_group_exit(), so the group's status
 * is final (em_event_process_exit()); and in begin_new_exec(), which
 * PF_EXITING tells apart: exit_signals() set it earlier in do_exit().  A
 * kernel thread's end is not a process's.
 */
static int em_on_exit_itimers(struct kprobe *kp, struct pt_regs *regs)
{
	if ((current->flags & (PF_EXITING | PF_KTHREAD)) == PF_EXITING)
		em_event_process_exit();
	return 0;
}

static struct kprobe em_kp_exit = {
	.symbol_name = "exit_itimers", .pre_handler = em_on_exit_itimers,
	.flags = KPROBE_FLAG_DISABLED,
};
static bool em_exit_hooked;

/* Does this module report process exits? */
bool em_probes_exit_hooked(void)
{
	return em_exit_hooked;
}

/* ---- failures with a bprm ---- */

static int em_bprm_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	if (!em_have_sessions())
		return 1;	/* nobody listens: leave the return alone */
	*(struct linux_binprm **)ri->data = (void *)regs_get_kernel_argument(regs, 0);
	return 0;
}

#define EM_NR_CALLS	7	/* execve, execveat, kernel_execve; the four 32-bit ones */
static struct kretprobe em_krp_calls[EM_NR_CALLS];	/* below: the exec calls' returns */

/* the call and ABI bits of each of em_krp_calls, in its order */
static const u32 em_call_flags[EM_NR_CALLS] = {
	EXECMON_EF_EXECVE, EXECMON_EF_EXECVEAT, 0,
	EXECMON_EF_EXECVE | EXECMON_EF_IA32, EXECMON_EF_EXECVEAT | EXECMON_EF_IA32,
	EXECMON_EF_EXECVE | EXECMON_EF_X32, EXECMON_EF_EXECVEAT | EXECMON_EF_X32,
};

/*
 * The call the current task's exec came through, from the instance of its
 * kretprobe the task is inside (em_kretprobe_pending()): its call and ABI
 * bits (a 32-bit entry's mark, TS_COMPAT, is gone once a 64-bit image is
 * loaded), 0 when none is pending: kernel_execve(), or an exec begun
 * before the probes were armed.
 *
 * With reported, the exec failed and the inner return reports it: the
 * outer return of the same attempt (the system call's or
 * kernel_execve()'s) must not report it again, so its instance is flagged.
 * Nothing is shared with other tasks, so nothing can run out or go stale.
 */
static u32 em_exec_call(bool reported)
{
	unsigned int i;
	struct kretprobe_instance *outer = em_kretprobe_pending(em_krp_calls, EM_NR_CALLS, &i);

	if (!outer)
		return 0;
	if (reported)
		((struct em_user_exec *)outer->data)->reported = true;
	return em_call_flags[i];
}

static int em_bprm_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	int ret = regs_return_value(regs);

	if (ret < 0)
		em_event_failed_bprm(*(struct linux_binprm **)ri->data, ret, em_exec_call(true));
	return 0;
}

/*
 * Where an attempt's bprm meets its result: bprm_execve() (5.8, below the
 * kernels the build accepts), which takes the bprm first.
 */
static struct kretprobe em_krp_bprm = {
	.kp.symbol_name	= "bprm_execve",
	.entry_handler	= em_bprm_entry,
	.handler	= em_bprm_return,
	.data_size	= sizeof(struct linux_binprm *),
	.maxactive	= EM_MAXACTIVE,
	.kp.flags	= KPROBE_FLAG_DISABLED,
};

static int em_register_bprm_hook(void)
{
	int err = register_kretprobe(&em_krp_bprm);

	if (err)
		pr_err("cannot hook the return of bprm_execve: %d; failed execs would go unreported\n",
		       err);
	return err;
}

/* ---- failures before a bprm: the calls themselves ---- */

enum em_abi { EM_ABI_64, EM_ABI_IA32, EM_ABI_X32 };

static int em_sys_entry(struct kretprobe_instance *ri, struct pt_regs *regs, bool at,
			enum em_abi abi)
{
	struct em_user_exec *ue = (void *)ri->data;
	/* the syscall wrapper's one argument: the user registers */
	const struct pt_regs *uregs = (void *)regs_get_kernel_argument(regs, 0);

	if (!em_have_sessions())
		return 1;
	if (abi == EM_ABI_IA32)
		em_user_exec_args_ia32(uregs, at, &ue->filename, &ue->argv, &ue->envp);
	else
		em_user_exec_args(uregs, at, &ue->filename, &ue->argv, &ue->envp);
	ue->kernel = false;
	ue->compat = abi != EM_ABI_64;
	ue->call = (at ? EXECMON_EF_EXECVEAT : EXECMON_EF_EXECVE) |
		   (abi == EM_ABI_IA32 ? EXECMON_EF_IA32 : abi == EM_ABI_X32 ? EXECMON_EF_X32 : 0);
	ue->reported = false;
	return 0;
}

static int em_execve_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	return em_sys_entry(ri, regs, false, EM_ABI_64);
}

static int em_execveat_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	return em_sys_entry(ri, regs, true, EM_ABI_64);
}

static int em_ia32_execve_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	return em_sys_entry(ri, regs, false, EM_ABI_IA32);
}

static int em_ia32_execveat_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	return em_sys_entry(ri, regs, true, EM_ABI_IA32);
}

static int em_x32_execve_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	return em_sys_entry(ri, regs, false, EM_ABI_X32);
}

static int em_x32_execveat_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	return em_sys_entry(ri, regs, true, EM_ABI_X32);
}

static int em_kernel_execve_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct em_user_exec *ue = (void *)ri->data;

	if (!em_have_sessions())
		return 1;
	ue->filename = regs_get_kernel_argument(regs, 0);
	ue->argv = regs_get_kernel_argument(regs, 1);
	ue->envp = regs_get_kernel_argument(regs, 2);
	ue->kernel = true;
	ue->compat = false;
	ue->call = 0;
	ue->reported = false;
	return 0;
}

static int em_exec_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct em_user_exec *ue = (void *)ri->data;
	int ret = regs_return_value(regs);

	if (ret < 0 && !ue->reported)
		em_event_failed_early(ue, ret);
	return 0;
}

#define EM_EXEC_KRP(sym, entry) {			\
	.kp.symbol_name	= sym,				\
	.entry_handler	= entry,			\
	.handler	= em_exec_return,		\
	.data_size	= sizeof(struct em_user_exec),	\
	.maxactive	= EM_MAXACTIVE,			\
	.kp.flags	= KPROBE_FLAG_DISABLED,		\
}

static struct kretprobe em_krp_calls[EM_NR_CALLS] = {
	EM_EXEC_KRP(EM_SYS_EXECVE, em_execve_entry),
	EM_EXEC_KRP(EM_SYS_EXECVEAT, em_execveat_entry),
	EM_EXEC_KRP("kernel_execve", em_kernel_execve_entry),
	/* optional from here: the 32-bit entries, where the kernel has them */
	EM_EXEC_KRP(EM_IA32_EXECVE, em_ia32_execve_entry),
	EM_EXEC_KRP(EM_IA32_EXECVEAT, em_ia32_execveat_entry),
	EM_EXEC_KRP(EM_X32_EXECVE, em_x32_execve_entry),
	EM_EXEC_KRP(EM_X32_EXECVEAT, em_x32_execveat_entry),
};
#define EM_KRP_REQUIRED	3	/* em_krp_calls[0..2] */

/* the registered ones: the bprm hook, then em_krp_calls' */
static struct kretprobe *em_krps[ARRAY_SIZE(em_krp_calls) + 1];
static unsigned int em_nr_krps;

static int em_register_krps(void)
{
	unsigned int i;
	int err;

	err = em_register_bprm_hook();
	if (err)
		return err;
	em_krps[0] = &em_krp_bprm;
	em_nr_krps = 1;
	for (i = 0; i < ARRAY_SIZE(em_krp_calls); i++) {
		err = register_kretprobe(&em_krp_calls[i]);
		if (!err) {
			em_krps[em_nr_krps++] = &em_krp_calls[i];
			continue;
		}
		if (i >= EM_KRP_REQUIRED && err == -ENOENT) {
			pr_info("no %s in this kernel: it has no such entry to exec from\n",
				em_krp_calls[i].kp.symbol_name);
			continue;
		}
		pr_err("cannot hook the return of %s: %d; failed execs would go unreported\n",
		       em_krp_calls[i].kp.symbol_name, err);
		unregister_kretprobes(em_krps, em_nr_krps);
		em_nr_krps = 0;
		return err;
	}
	return 0;
}

/*
 * The chain's release must be in place before anything can claim: free_bprm
 * first, security_bprm_check second.
 */
static int em_register_kps(void)
{
	unsigned int i;
	int err;

	for (i = ARRAY_SIZE(em_kp_chain); i-- > 0;) {
		em_kps[i] = &em_kp_chain[i];
		err = register_kprobe(em_kps[i]);
		if (err) {
			pr_err("cannot hook %s: %d; a script's own path would go unreported\n",
			       em_kps[i]->symbol_name, err);
			while (++i < ARRAY_SIZE(em_kp_chain))
				unregister_kprobe(em_kps[i]);
			return err;
		}
	}
	return 0;
}

int em_probes_register(void)
{
	int err;

	for_each_kernel_tracepoint(em_find_tracepoint, &em_tp_exec);
	if (!em_tp_exec) {
		pr_err("no sched_process_exec tracepoint in this kernel\n");
		return -ENOENT;
	}
	err = em_register_kps();
	if (err)
		return err;
	err = em_register_krps();
	if (err)
		goto err_unregister_kps;
	err = tracepoint_probe_register(em_tp_exec, em_on_sched_process_exec, NULL);
	if (err) {
		pr_err("cannot attach to sched_process_exec: %d\n", err);
		goto err_unregister_krps;
	}
	err = register_kprobe(&em_kp_exit);
	if (err)
		pr_warn("cannot hook exit_itimers: %d; no sched_process_exit events\n", err);
	em_exit_hooked = !err;
	return 0;

err_unregister_krps:
	unregister_kretprobes(em_krps, em_nr_krps);
err_unregister_kps:
	unregister_kprobes(em_kps, ARRAY_SIZE(em_kps));
	em_chain_release_all();
	return err;
}

/*
 * Arm the probes that build events: the first session is starting.  The
 * kretprobes outer first (the syscalls), so that an inner return hooked
 * mid-attempt is the rarer case.  Caller holds the sessions' lock.  On
 * failure, what was armed is disarmed again.
 */
int em_probes_arm(void)
{
	int i, k, err;

	for (i = em_nr_krps - 1; i >= 0; i--) {
		err = enable_kretprobe(em_krps[i]);
		if (err) {
			pr_err("cannot arm the return of %s: %d\n", em_krps[i]->kp.symbol_name, err);
			goto err_disarm_krps;
		}
	}
	for (k = 0; k < EM_KP_ARMED; k++) {
		err = enable_kprobe(em_kps[k]);
		if (err) {
			pr_err("cannot arm %s: %d\n", em_kps[k]->symbol_name, err);
			goto err_disarm_kps;
		}
	}
	if (em_exit_hooked) {
		err = enable_kprobe(&em_kp_exit);
		if (err) {
			pr_err("cannot arm exit_itimers: %d\n", err);
			goto err_disarm_kps;
		}
	}
	return 0;

err_disarm_kps:
	while (k-- > 0)
		disable_kprobe(em_kps[k]);
err_disarm_krps:
	while (++i < (int)em_nr_krps)
		disable_kretprobe(em_krps[i]);
	return err;
}

/* The last session stopped: the exec path goes back to what it was.  Sessions' lock held. */
void em_probes_disarm(void)
{
	unsigned int i;

	if (em_exit_hooked)
		disable_kprobe(&em_kp_exit);
	for (i = 0; i < EM_KP_ARMED; i++)
		disable_kprobe(em_kps[i]);
	for (i = 0; i < em_nr_krps; i++)
		disable_kretprobe(em_krps[i]);
}

/*
 * Hook hits execmon could not handle, since load: a kretprobe's exec return
 * it could not watch (no free instance), and any hook's hit that kprobes
 * skipped because another kprobe's handler was running on that CPU.
 */
u64 em_probes_missed(void)
{
	unsigned int i;
	u64 n = 0;

	for (i = 0; i < em_nr_krps; i++)
		n += READ_ONCE(em_krps[i]->nmissed) + /* bumped by kprobes, unpaired: any recent value */
		     READ_ONCE(em_krps[i]->kp.nmissed); /* likewise */
	for (i = 0; i < ARRAY_SIZE(em_kps); i++)
		n += READ_ONCE(em_kps[i]->nmissed); /* likewise */
	return n + READ_ONCE(em_kp_exit.nmissed); /* likewise; 0 when not hooked */
}

void em_probes_unregister(void)
{
	unsigned int i;

	if (em_exit_hooked)
		unregister_kprobe(&em_kp_exit);
	tracepoint_probe_unregister(em_tp_exec, em_on_sched_process_exec, NULL);
	unregister_kretprobes(em_krps, em_nr_krps);
	/* security_bprm_check (claims) before free_bprm (releases) */
	unregister_kprobes(em_kps, ARRAY_SIZE(em_kps));
	/* no probe handler runs past this point */
	tracepoint_synchronize_unregister();
	em_chain_release_all();
	for (i = 0; i < em_nr_krps; i++) {
		if (em_krps[i]->nmissed)
			pr_warn("%s: %d exec returns missed (instances exhausted)\n",
				em_krps[i]->kp.symbol_name, em_krps[i]->nmissed);
		if (em_krps[i]->kp.nmissed)
			pr_warn("%s: %lu hits missed (another kprobe running)\n",
				em_krps[i]->kp.symbol_name, em_krps[i]->kp.nmissed);
	}
	for (i = 0; i < ARRAY_SIZE(em_kps); i++)
		if (em_kps[i]->nmissed)
			pr_warn("%s: %lu hits missed (another kprobe running)\n",
				em_kps[i]->symbol_name, em_kps[i]->nmissed);
	if (em_kp_exit.nmissed)
		pr_warn("exit_itimers: %lu hits missed (another kprobe running)\n",
			em_kp_exit.nmissed);
}
