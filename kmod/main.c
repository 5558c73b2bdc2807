// SPDX-License-Identifier: GPL-2.0
/*
 * execmon: every exec on the host, successful or failed, with the full truth
 * about what ran.  Module parameters and the init/exit ladder.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include "dev.h"
#include "event.h"
#include "policy.h"
#include "probes.h"
#include "ring.h"
#include "session.h"

static unsigned int em_ring_pages = 512;
module_param_named(ring_pages, em_ring_pages, uint, 0444);
MODULE_PARM_DESC(ring_pages, "data pages per CPU ring for a new session, a power of two (default 512 = 2 MiB)");

static unsigned int em_max_readers = 16;
module_param_named(max_readers, em_max_readers, uint, 0444);
MODULE_PARM_DESC(max_readers, "sessions (opens of /dev/execmon) at once (default 16)");

/*
 * The policy's settings at load; execmonctl changes them at run time
 * (EXECMON_IOC_SET_POLICY) and `execmonctl status` shows the values in force.
 */
static unsigned int em_argv_max = 4096;
module_param_named(argv_max, em_argv_max, uint, 0444);
MODULE_PARM_DESC(argv_max, "bytes of argv kept per event at load, at most 16384 (default 4096)");

static unsigned int em_env_max = 4096;
module_param_named(env_max, em_env_max, uint, 0444);
MODULE_PARM_DESC(env_max, "bytes of environment kept per event at load, at most 16384 (default 4096)");

static bool em_env;
module_param_named(env, em_env, bool, 0444);
MODULE_PARM_DESC(env, "capture environments from load on (default off: they hold secrets)");

static int em_check_params(void)
{
	if (!em_ring_pages_ok(em_ring_pages)) {
		pr_err("ring_pages=%u: must be a power of two from %u to %u\n",
		       em_ring_pages, EM_RING_PAGES_MIN, EXECMON_RING_PAGES_MAX);
		return -EINVAL;
	}
	if (!em_max_readers || em_max_readers > EXECMON_READERS_MAX) {
		pr_err("max_readers=%u: must be 1 to %u\n", em_max_readers, EXECMON_READERS_MAX);
		return -EINVAL;
	}
	if (!em_argv_max || em_argv_max > EXECMON_STRV_MAX) {
		pr_err("argv_max=%u: must be 1 to %u\n", em_argv_max, EXECMON_STRV_MAX);
		return -EINVAL;
	}
	if (!em_env_max || em_env_max > EXECMON_STRV_MAX) {
		pr_err("env_max=%u: must be 1 to %u\n", em_env_max, EXECMON_STRV_MAX);
		return -EINVAL;
	}
	return 0;
}

static int __init em_init(void)
{
	int err;

	err = em_check_params();
	if (err)
		return err;
	/* the probes are armed while a session runs */
	em_sessions_init(em_max_readers, em_probes_arm, em_probes_disarm);
	err = em_policy_init(em_env ? EXECMON_POLICY_ENV : 0, em_argv_max, em_env_max,
			     em_ring_pages);
	if (err)
		return err;
	err = em_event_init();
	if (err)
		goto err_policy_exit;
	err = em_probes_register();
	if (err)
		goto err_event_exit;
	/* last: nothing can open the device before everything it reaches exists */
	err = em_dev_register();
	if (err)
		goto err_probes_unregister;
	pr_info("execmon %s: watching execs\n", EM_VERSION);
	return 0;

err_probes_unregister:
	em_probes_unregister();
err_event_exit:
	em_event_exit();
err_policy_exit:
	em_policy_exit();
	return err;
}

static void __exit em_exit(void)
{
	em_dev_unregister();
	em_probes_unregister();
	em_event_exit();
	em_policy_exit();
}

module_init(em_init);
module_exit(em_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("execmon: process execution monitor");
MODULE_VERSION(EM_VERSION);
