/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * execmon: the interface between execmon.ko and user space.
 *
 * Everything that crosses the kernel/user boundary is defined here and only
 * here: the device's ioctls, the layout of a ring's mapping, and the records
 * the rings carry.  Rules kept throughout:
 *  - fixed-width types only, every structure padded explicitly to a multiple
 *    of 8 bytes, no implicit hole that could carry uninitialised bytes;
 *  - every structure user space passes in starts with its own size, and every
 *    resv field or unknown flag must be zero (-EINVAL otherwise), so fields can
 *    be added at the end and carved out of resv later;
 *  - the kernel reports layout (offsets, sizes) rather than user space
 *    assuming it, so the layout can change without breaking readers.
 *
 * While execmon is 0.x this interface may still change between releases;
 * each change is listed here.
 *  - 0.1: execmon_stats.mark_misses and execmon_readers.mark_misses, always
 *    0 since no table of the module could fill for them, became resv (must
 *    be 0 in, 0 out: the same bytes); EXECMON_RECORD_MAX and the ring and
 *    reader limits are defined here.
 *  - 0.2: the context grew (execmon_event: suid to cap_inheritable, after
 *    comm; attrs_off says whether a record has them), with the EF flags
 *    SECURE_EXEC, SETUID, SETGID and FILE_CAPS, the attributes GROUPS, TTY
 *    and PREV, the stat flags WRITABLE, OVERLAY, UPPER and LAYER_UNKNOWN,
 *    and the rule conditions AUID, TTY and PRIVILEGED.
 */
#ifndef _UAPI_LINUX_EXECMON_H
#define _UAPI_LINUX_EXECMON_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define EXECMON_UAPI_VERSION	1
#define EXECMON_DEVICE		"/dev/execmon"

/*
 * Records.
 *
 * A ring carries a stream of records, each starting with execmon_rec_hdr and
 * taking hdr.len bytes in all, hdr.len a multiple of 8.  Readers skip record
 * types they do not know.
 */
enum execmon_rec_type {
	EXECMON_REC_EXEC	= 1,	/* sched_process_exec: a successful exec */
	EXECMON_REC_EXEC_FAILED	= 2,	/* process_execute_failed */
	EXECMON_REC_LOST	= 3,	/* events this ring had to drop */
	EXECMON_REC_EXIT	= 4,	/* sched_process_exit: a process's last thread
					 * ended (since 0.3, EXECMON_FEAT_EXIT) */
};

#define EXECMON_RECORD_MAX	65536	/* the largest record, header included */

struct execmon_rec_hdr {
	__u32	len;		/* whole record, header included; multiple of 8 */
	__u16	type;		/* enum execmon_rec_type */
	__u16	flags;		/* none defined yet: 0 */
	__u64	seq;		/* per ring: counts every event offered to it, kept or dropped */
};

/* execmon_event.flags */
#define EXECMON_EF_KERNEL_INVOKED	(1U << 0) /* started by the kernel (usermode helper) */
#define EXECMON_EF_INCOMPLETE		(1U << 1) /* something is missing: see execmon_event.missing */
/* the call the exec came through: none of the two for kernel_execve() */
#define EXECMON_EF_EXECVE		(1U << 2) /* execve(2) */
#define EXECMON_EF_EXECVEAT		(1U << 3) /* execveat(2), fexecve(3) */
/* the ABI of that call: x86-64 when neither */
#define EXECMON_EF_IA32			(1U << 4) /* the 32-bit entry (int $0x80, a 32-bit process) */
#define EXECMON_EF_X32			(1U << 5) /* x32 */
/* EXEC only: the kernel set AT_SECURE in the new image's auxiliary vector */
#define EXECMON_EF_SECURE_EXEC		(1U << 6)
/*
 * EXEC only: why the exec raised privilege (execmon(8) says exactly), told
 * from the credentials before it (EXECMON_A_PREV) and after; none of the
 * three when PREV is missing:
 *  SETUID     the effective uid changed, to the file's owner (set-user-ID bit)
 *  SETGID     the effective gid changed, to the file's group (set-group-ID bit)
 *  FILE_CAPS  a non-root image's permitted set gained capabilities: only
 *             the file's capabilities (security.capability) grant those
 */
#define EXECMON_EF_SETUID		(1U << 7)
#define EXECMON_EF_SETGID		(1U << 8)
#define EXECMON_EF_FILE_CAPS		(1U << 9)
#define EXECMON_EF_PRIVILEGED	(EXECMON_EF_SETUID | EXECMON_EF_SETGID | EXECMON_EF_FILE_CAPS)

/*
 * The body of EXEC and EXEC_FAILED records: the context every monitor needs,
 * then nattrs attributes (struct execmon_attr) starting at attrs_off bytes
 * from the start of the record.
 */
/*
 * A process image: what a process runs from one successful exec to the
 * next (or to its end), or from its fork to its first exec.  With the
 * process's pid and the boot's id it names the image on the host, across
 * boots: execmon(8) writes that as its exec_id, "BOOT-PID-START-SEQ".  Two
 * processes with one pid differ in start_ns; two images of one process, in
 * exec_seq.
 */
struct execmon_image {
	__u64	start_ns;	/* the process's start (its thread group's leader's), ns
				 * since boot, CLOCK_BOOTTIME: /proc/PID/stat's starttime */
	__u64	exec_seq;	/* the task's exec count (the kernel's self_exec_id): a
				 * child inherits its parent's, each exec adds one */
};

struct execmon_event {
	struct execmon_rec_hdr hdr;
	__u64	ts_ns;		/* CLOCK_REALTIME, ns since the epoch; each ring is
				 * in ts order.  On PREEMPT_RT: when the record was
				 * completed, as the task returned to user space */
	__u64	cgroup_id;	/* cgroup v2 id of the task */
	__u64	mnt_ns;		/* mount namespace inode number */
	__u64	pid_ns;		/* pid namespace inode number */
	__u32	cpu;
	__u32	pid;		/* thread group id, in the initial pid namespace */
	__u32	tid;
	__u32	ppid;		/* real parent's thread group id */
	__u32	uid;
	__u32	gid;
	__u32	euid;
	__u32	egid;
	__s32	return_value;	/* EXEC_FAILED: the negative errno; EXEC: 0; EXIT:
				 * the status wait(2) gives the parent */
	__u32	flags;		/* EXECMON_EF_* */
	__u16	nattrs;
	__u16	attrs_off;	/* from the start of the record */
	__u32	missing;	/* bits (1 << enum execmon_attr_type): what the event
				 * should carry whole and does not, since it could not
				 * be had (a path past PATH_MAX, a full table, no room
				 * in the record); EXECMON_EF_INCOMPLETE is set with any */
	char	comm[16];	/* NUL-padded */
	/*
	 * Since 0.2, present when attrs_off >= EXECMON_EVENT_SIZE_IDENT.  The
	 * credentials after the exec, or the caller's for a failed one; ids
	 * in the initial user namespace.
	 */
	__u32	suid;
	__u32	sgid;
	__u32	fsuid;
	__u32	fsgid;
	__u32	auid;		/* audit login uid: (__u32)-1 when unset (or no CONFIG_AUDIT) */
	__u32	session_id;	/* audit session id: (__u32)-1 when unset */
	__u64	cap_effective;	/* capability sets, bit n for capability n */
	__u64	cap_permitted;
	__u64	cap_inheritable;
	/*
	 * Since 0.3, present when attrs_off >= EXECMON_EVENT_SIZE_LINEAGE: the
	 * process image the task runs (after the exec; for a failed one, the
	 * image that tried), and the one its real parent (ppid) runs now.
	 */
	struct execmon_image image;
	struct execmon_image parent_image;	/* all zero when ppid is 0 */
};

#define EXECMON_EVENT_SIZE_V1		112	/* the context of 0.1: up to comm */
#define EXECMON_EVENT_SIZE_IDENT	160	/* and the credentials: up to cap_inheritable */
#define EXECMON_EVENT_SIZE_LINEAGE	192	/* and the images: up to parent_image */

/*
 * Attributes: variable-length fields.  Each is an execmon_attr followed by
 * len bytes of payload, then zero padding up to the next multiple of 8.
 * Strings are NUL-terminated inside their payload (len counts the NUL).
 * One attribute type serves both events; its name depends on the event:
 *
 *   type		sched_process_exec	process_execute_failed
 *   CMDPATH		cmdpath			path
 *   PATHNAME		pathname		binary.path
 *   PATHNAME_STAT	dev, inode, ctime,	binary.device_id, .inode_number,
 *			inode_mode		.ctime, .inode_mode
 *   INTERP		interp			interpreter_path
 *   LOADER		interpreter_pathname	-
 *   LOADER_STAT	interpreter_dev, _inode, _ctime  -
 *   STDIN		stdin_type, stdin_path	stdin_type, stdin_path
 *   CWD		cwd (top level)		cwd (top level)
 *   CHAIN		exec_chain		exec_chain
 *   ARGV		argv			arguments
 *   ENV		env			environment
 *   TASK		(ns_pid, ns_tid, ns_ppid, start_time: the tracee format's
 *			processId, threadId, parentProcessId, threadStartTime)
 *   GROUPS		groups			groups
 *   TTY		tty			tty
 *   PREV		prev_comm (and what	-
 *			privileges_changed is told from)
 */
enum execmon_attr_type {
	EXECMON_A_CMDPATH	= 1,	/* string: the path as the caller gave it */
	EXECMON_A_PATHNAME	= 2,	/* string: full path of the file opened */
	EXECMON_A_ARGV		= 3,	/* struct execmon_strv */
	EXECMON_A_PATHNAME_STAT	= 4,	/* struct execmon_stat of PATHNAME's file */
	EXECMON_A_INTERP	= 5,	/* string: bprm->interp, the shebang's interpreter as
					 * written for a script, else the path the caller gave;
					 * in failed events only when a handler set one */
	EXECMON_A_LOADER	= 6,	/* string: full path of the ELF program interpreter
					 * (dynamic loader); absent for a static binary */
	EXECMON_A_LOADER_STAT	= 7,	/* struct execmon_stat of the loader */
	EXECMON_A_STDIN		= 8,	/* struct execmon_stdin, then fd 0's path, NUL-terminated;
					 * absent when fd 0 is closed */
	EXECMON_A_CWD		= 9,	/* string: the working directory, full path */
	EXECMON_A_CHAIN		= 10,	/* struct execmon_strv: the full path of every file the
					 * binary handlers loaded, in order: a script, the
					 * scripts its #! named, then the binary that ran */
	EXECMON_A_ENV		= 11,	/* struct execmon_strv: the environment; only while
					 * EXECMON_POLICY_ENV is set (environments hold secrets) */
	EXECMON_A_TASK		= 12,	/* struct execmon_task */
	EXECMON_A_GROUPS	= 13,	/* struct execmon_groups: the supplementary groups;
					 * absent when there are none */
	EXECMON_A_TTY		= 14,	/* string: the controlling terminal as ps(1) names it
					 * ("pts/3", "tty1", "ttyS0"); absent when none */
	EXECMON_A_PREV		= 15,	/* struct execmon_prev: EXEC only */
	EXECMON_A_EXIT		= 16,	/* struct execmon_exit: EXIT only */
};

/*
 * The supplementary groups, sorted (as the kernel keeps them): count is how
 * many the task has, the first nr_present of them follow (__u32 each), at
 * most EXECMON_GROUPS_MAX, and EXECMON_AF_TRUNCATED says some were cut.
 */
#define EXECMON_GROUPS_MAX	256

struct execmon_groups {
	__u32	count;
	__u32	nr_present;
};

/* The image before a successful exec: its name, and what its privilege was. */
struct execmon_prev {
	char	comm[16];	/* NUL-padded: the task's comm before the exec */
	__u32	euid;
	__u32	egid;
	__u64	cap_permitted;
};

/* The task as its own pid namespace sees it, and when it started. */
struct execmon_task {
	__u32	ns_pid;		/* thread group id in the task's pid namespace */
	__u32	ns_tid;
	__u32	ns_ppid;	/* real parent's, in the same namespace; 0 if outside it */
	__u32	resv;		/* 0 */
	__u64	start_time_ns;	/* the thread's start, ns since boot (CLOCK_MONOTONIC) */
};

/*
 * How a process ended (EXECMON_REC_EXIT; its status is the event's
 * return_value, the whole group's, as wait(2) gives it to the parent).
 */
struct execmon_exit {
	__u64	end_ns;		/* CLOCK_BOOTTIME, ns since boot, as image.start_ns:
				 * end_ns - image.start_ns is how long it ran */
};

/* A file as stat(2) describes it. */
struct execmon_stat {
	__u64	dev;		/* st_dev: compares with stat -c %d */
	__u64	ino;		/* st_ino */
	__u64	ctime_ns;	/* st_ctime: the inode's change time, ns since the epoch */
	__u32	mode;		/* st_mode: type and permissions */
	__u32	flags;		/* EXECMON_STAT_* */
};

/* execmon_stat.flags */
#define EXECMON_STAT_UNLINKED	(1U << 0) /* no directory entry names the file (st_nlink 0):
					   * a memfd, or a file deleted since it was opened */
/*
 * PATHNAME_STAT only.  WRITABLE: the file's mode grants write to the
 * credentials of the event (after the exec): the owner bit when the file's
 * owner is the fsuid, the group bit when its group is the fsgid or one of
 * the groups, or the others bit; ACLs, LSMs, idmapped mounts and read-only
 * mounts are not considered.  OVERLAY: the file is on an overlayfs; then
 * UPPER when it is on the upper layer (written, or copied up, since the
 * overlay was mounted), neither when it is on a lower layer, or
 * LAYER_UNKNOWN when that could not be told (among others, a file whose
 * metadata alone was copied up, with metacopy=on).
 */
#define EXECMON_STAT_WRITABLE	(1U << 1)
#define EXECMON_STAT_OVERLAY	(1U << 2)
#define EXECMON_STAT_UPPER	(1U << 3)
#define EXECMON_STAT_LAYER_UNKNOWN (1U << 4)

struct execmon_stdin {
	__u32	type;		/* st_mode & S_IFMT of fd 0 */
	__u32	resv;		/* 0 */
};

/* execmon_attr.flags */
#define EXECMON_AF_TRUNCATED	(1U << 0)	/* payload cut at the configured limit */

struct execmon_attr {
	__u16	type;		/* enum execmon_attr_type */
	__u16	flags;		/* EXECMON_AF_* */
	__u32	len;		/* payload bytes, padding excluded */
};

/*
 * A string vector (argv, env): count is the true number of strings; the payload
 * after this header holds the first nr_present of them, each NUL-terminated.
 * With EXECMON_AF_TRUNCATED the last present string may itself be cut short.
 */
struct execmon_strv {
	__u32	count;
	__u32	nr_present;
};

/* EXECMON_REC_LOST: this ring dropped lost events since its previous record. */
struct execmon_lost {
	struct execmon_rec_hdr hdr;	/* hdr.seq: seq of the first event lost */
	__u64	lost;
	__u64	ts_ns;			/* when the ring had room again */
};

/*
 * The rings.
 *
 * Each open() of /dev/execmon is a session with one ring per possible CPU.
 * EXECMON_IOC_SETUP sizes them and returns the geometry; ring i is then mapped
 * from mmap offset i * ring_stride:
 *
 *   [ctl_off,      +page)        struct execmon_ring_ctl, read-only
 *   [consumer_off, +page)        struct execmon_ring_consumer; map this page
 *                                alone, PROT_READ|PROT_WRITE, to consume
 *   [data_off,     +2*data_size) the data, read-only, mapped twice back to
 *                                back so that a record that wraps around the
 *                                end is contiguous in memory
 *
 * A read-only mapping covers [0, ring_map_size) of a ring; a writable one only
 * the consumer page.
 *
 * Ordering contract (the positions only grow; offset in data = pos & (data_size - 1)):
 *  - the producer writes a record, then publishes producer_pos with a release
 *    store; the consumer reads producer_pos with an acquire load before it
 *    reads the records below it;
 *  - the consumer finishes reading records, then publishes consumer_pos with a
 *    release store; the producer reads consumer_pos with an acquire load
 *    before it reuses the space below it.
 */
struct execmon_ring_ctl {
	__u32	version;	/* EXECMON_UAPI_VERSION */
	__u32	size;		/* sizeof(struct execmon_ring_ctl) */
	__u32	cpu;		/* the CPU this ring serves */
	__u32	flags;		/* none defined yet: 0 */
	__u64	data_size;	/* power of two */
	__u64	resv[5];
	/* a cache line of its own: the producer writes it on every record */
	__u64	producer_pos __attribute__((aligned(64)));
};

struct execmon_ring_consumer {
	__u64	consumer_pos;
};

/*
 * ioctls.  Pointers, if any are ever added, travel as __u64.
 */
#define EXECMON_IOC_MAGIC	0xE8

/* EXECMON_IOC_VERSION: what the loaded module is. */
struct execmon_version {
	__u32	size;		/* out: sizeof(struct execmon_version) */
	__u32	uapi_version;	/* out: EXECMON_UAPI_VERSION */
	__u64	features;	/* out: EXECMON_FEAT_* */
	char	module_version[32]; /* out: NUL-terminated */
};

/* execmon_version.features */
#define EXECMON_FEAT_EXEC		(1ULL << 0) /* sched_process_exec events */
#define EXECMON_FEAT_EXEC_FAILED	(1ULL << 1) /* process_execute_failed events */
#define EXECMON_FEAT_MMAP		(1ULL << 2) /* mmap rings, EXECMON_IOC_SETUP */
#define EXECMON_FEAT_STATS		(1ULL << 3) /* EXECMON_IOC_STATS */
#define EXECMON_FEAT_POLICY		(1ULL << 4) /* EXECMON_IOC_{GET,SET}_POLICY: settings, filters */
#define EXECMON_FEAT_ENV		(1ULL << 5) /* environment capture (EXECMON_POLICY_ENV) */
#define EXECMON_FEAT_READERS		(1ULL << 6) /* EXECMON_IOC_READERS, STATS of another session */
#define EXECMON_FEAT_IMAGE		(1ULL << 7) /* execmon_event.image, EXECMON_IOC_IMAGE */
#define EXECMON_FEAT_EXIT		(1ULL << 8) /* EXECMON_REC_EXIT */

/*
 * EXECMON_IOC_SETUP: size this session's rings and learn their layout.  A
 * ring holds at least two of the largest records, so that one can always
 * be written once the reader has caught up: ring_pages is a power of two
 * from EXECMON_RING_MIN_BYTES / the page size (32 with 4 KiB pages) to
 * EXECMON_RING_PAGES_MAX.  At most EXECMON_READERS_MAX sessions are open
 * at once (the module's max_readers parameter may set fewer).
 */
#define EXECMON_RING_MIN_BYTES	(2 * EXECMON_RECORD_MAX)
#define EXECMON_RING_PAGES_MAX	65536	/* 256 MiB per ring with 4 KiB pages */
#define EXECMON_READERS_MAX	1024

struct execmon_setup {
	__u32	size;		/* in: sizeof(struct execmon_setup) */
	__u32	flags;		/* in: none defined yet, must be 0 */
	__u32	ring_pages;	/* in: data pages per ring, a power of two; 0: module default.
				 * out: the number used */
	__u32	nr_rings;	/* out: rings in this session (possible CPUs) */
	__u64	ring_stride;	/* out: mmap offset distance from one ring to the next */
	__u64	ring_map_size;	/* out: bytes of a ring's read-only mapping */
	__u64	data_size;	/* out: bytes of data per ring */
	__u32	ctl_off;	/* out: offsets inside a ring's mapping */
	__u32	consumer_off;
	__u32	data_off;
	__u32	resv0;		/* must be 0 */
	__u64	resv[4];	/* must be 0 */
};

/*
 * EXECMON_IOC_STATS: this session's counters, per ring and in total.  For
 * every ring, exactly:
 *   seen == delivered + dropped_full + dropped_nested + dropped_too_large + filtered
 * and seen is the ring's next hdr.seq.
 */
struct execmon_ring_stats {
	__u64	seen;		/* events offered to the ring */
	__u64	delivered;	/* written to it */
	__u64	dropped_full;	/* no room: the reader was behind */
	__u64	dropped_nested;	/* the CPU was already building an event (a probe inside a probe) */
	__u64	dropped_too_large; /* could never fit; 0 today: fields are cut at their limits and marked */
	__u64	filtered;	/* dropped by a filter rule */
	__u64	resv[2];
};

struct execmon_stats {
	__u32	size;		/* in: sizeof(struct execmon_stats) */
	__u32	nr_rings;	/* in: entries at rings_ptr; out: rings in the session */
	__u64	rings_ptr;	/* in: user pointer to nr_rings struct execmon_ring_stats
				 * (indexed by CPU), or 0 for the total only */
	struct execmon_ring_stats total;	/* out */
	__u64	probe_misses;	/* out, module-wide: hook hits execmon could not handle:
				 * exec returns a kretprobe could not watch (instances
				 * exhausted), whose failures went unreported, and hits
				 * kprobes skipped (another kprobe's handler running) */
	__u64	chain_misses;	/* out, module-wide: execs whose binary handler levels
				 * could not be followed (table full): no exec_chain */
	__u64	session_id;	/* in: 0 for this session, or another's id from
				 * EXECMON_IOC_READERS (-ENOENT once it is closed;
				 * -ENODATA while it has no rings yet) */
	__u64	path_misses;	/* out, module-wide: paths events were sent without,
				 * because they could not be resolved (longer than
				 * PATH_MAX, a racing chdir(); on PREEMPT_RT no free
				 * slot, or the task was exiting); each such event
				 * names them in execmon_event.missing */
	__u64	resv[4];	/* must be 0 */
};

/*
 * The policy: settings and filter rules, module-wide, in force for every
 * session until changed or the module is unloaded.  GET_POLICY reads it;
 * SET_POLICY (CAP_SYS_ADMIN) replaces all of it at once: each event is built
 * and filtered under one whole policy, the old or the new, never a mix.
 *
 * Filtering: the rules are tried in order and the first whose conditions
 * all hold decides (drop or keep); an event no rule matches is kept.
 * Rules on the context decide before the rest of the event is built; with a
 * rule that tests the path, the rules decide once the paths are resolved, at
 * the end of the event.  A dropped event counts as filtered in every
 * session (it takes a seq: a gap in seq with no LOST record is filtered
 * events).
 */
#define EXECMON_RULES_MAX	128	/* rules in a policy */
#define EXECMON_STRV_MAX	16384	/* the largest argv_max and env_max */
#define EXECMON_RULE_PATH_MAX	256	/* a path prefix's bytes, NUL included */

/* execmon_policy.flags */
#define EXECMON_POLICY_ENV	(1U << 0)	/* capture environments (EXECMON_A_ENV) */

/*
 * Redaction: a captured environment variable whose name matches one of the
 * policy's patterns keeps its name, and its value becomes EXECMON_REDACTED,
 * in the kernel: the value never reaches a ring.  A pattern is the name,
 * NUL-terminated, in which '*' stands for any run of characters (none
 * included); letters match either case.  Printable ASCII but for '=', ','
 * and spaces, not empty.  When the marker does not fit in env_max, the
 * variable and those after it are left out (the vector is truncated).
 * The module starts with a default list (execmonctl(8)).
 */
#define EXECMON_REDACT_MAX	32	/* patterns in a policy */
#define EXECMON_REDACT_LEN	64	/* a pattern's bytes, NUL included */
#define EXECMON_REDACTED	"<redacted>"

enum execmon_rule_action {
	EXECMON_RULE_DROP	= 1,
	EXECMON_RULE_KEEP	= 2,
};

/* execmon_rule.match: the conditions the rule has; all must hold */
#define EXECMON_MATCH_EVENT	(1U << 0)  /* events has the bit (1 << hdr.type) */
#define EXECMON_MATCH_UID	(1U << 1)  /* the real uid (as in the event) */
#define EXECMON_MATCH_GID	(1U << 2)  /* the real gid */
#define EXECMON_MATCH_PID	(1U << 3)  /* the thread group id */
#define EXECMON_MATCH_PID_TREE	(1U << 4)  /* with MATCH_PID: pid or any of its descendants
					    * (by the current chain of parents) */
#define EXECMON_MATCH_COMM	(1U << 5)  /* comm equals, as the event reports it */
#define EXECMON_MATCH_PATH	(1U << 6)  /* the executed file's full path, as the host sees
					    * it, is path or below it (whole components: /usr/bin
					    * is not /usr/bin-x); with no file opened (an early
					    * failure), the path the caller gave, when it is
					    * absolute and canonical.  Only tasks in the initial
					    * mount namespace have a host view: for any other,
					    * and for a path that cannot be resolved, the rule
					    * decides to keep the event */
#define EXECMON_MATCH_CGROUP	(1U << 7)  /* cgroup v2 id equals */
#define EXECMON_MATCH_CGROUP_TREE (1U << 8) /* with MATCH_CGROUP: that cgroup or one below it */
#define EXECMON_MATCH_MNTNS	(1U << 9)
#define EXECMON_MATCH_PIDNS	(1U << 10)
#define EXECMON_MATCH_ERRNO	(1U << 11) /* a failed event with return_value == -err */
#define EXECMON_MATCH_PATH_ANY_NS (1U << 12) /* with MATCH_PATH: the path as the task itself
					    * sees it, in any mount namespace or chroot.  Any
					    * user who can make a mount namespace can satisfy
					    * such a rule with a bind mount: for containers,
					    * prefer MATCH_CGROUP_TREE */
#define EXECMON_MATCH_AUID	(1U << 13) /* the audit login uid; (__u32)-1: unset */
#define EXECMON_MATCH_TTY	(1U << 14) /* the controlling terminal's name (EXECMON_A_TTY)
					    * equals tty; tty "": the task has none.  Decided
					    * with the path rules, at the event's end */
#define EXECMON_MATCH_HAS_TTY	(1U << 15) /* the task has a controlling terminal (likewise) */
#define EXECMON_MATCH_PRIVILEGED (1U << 16) /* an EXEC with any of EXECMON_EF_PRIVILEGED, or
					    * whose PREV is missing (it cannot be told that
					    * it did not); never an EXEC_FAILED */
#define EXECMON_MATCH_KNOWN	((1U << 17) - 1)

struct execmon_rule {
	__u32	action;		/* enum execmon_rule_action */
	__u32	match;		/* EXECMON_MATCH_*; 0 matches every event */
	__u32	events;		/* MATCH_EVENT: bits (1 << EXECMON_REC_EXEC, _EXEC_FAILED, _EXIT) */
	__u32	uid;
	__u32	gid;
	__u32	pid;
	__u32	err;		/* MATCH_ERRNO: a positive errno */
	__u32	auid;		/* MATCH_AUID (0.1: resv0, 0) */
	__u64	cgroup_id;
	__u64	mnt_ns;
	__u64	pid_ns;
	char	comm[16];	/* MATCH_COMM: NUL-terminated, not empty */
	char	path[EXECMON_RULE_PATH_MAX]; /* MATCH_PATH: NUL-terminated, not empty */
	char	tty[16];	/* MATCH_TTY: NUL-terminated, "" for none (0.1: resv, 0) */
};

struct execmon_policy {
	__u32	size;		/* in: sizeof(struct execmon_policy) */
	__u32	rule_size;	/* in: sizeof(struct execmon_rule) */
	__u64	generation;	/* GET out: bumped by every SET.  SET in: 0, or the
				 * generation the change is based on; -EAGAIN if
				 * another SET came first (read, modify, retry) */
	__u32	flags;		/* EXECMON_POLICY_* */
	__u32	argv_max;	/* bytes of argv per event, 1 to EXECMON_STRV_MAX */
	__u32	env_max;	/* bytes of environment per event, 1 to EXECMON_STRV_MAX */
	__u32	ring_pages;	/* data pages per ring for sessions that set up from now on */
	__u32	nr_rules;	/* SET in: rules at rules_ptr.  GET in: room at
				 * rules_ptr; out: rules in the policy (all of them
				 * are copied only if they fit) */
	__u32	max_rules;	/* GET out: EXECMON_RULES_MAX.  SET in: 0 */
	__u64	rules_ptr;	/* user pointer to nr_rules struct execmon_rule */
	__u32	nr_redact;	/* SET in: patterns at redact_ptr (0: none).  GET in:
				 * room at redact_ptr; out: patterns in the policy
				 * (copied only if they all fit) */
	__u32	resv0;		/* must be 0 */
	__u64	redact_ptr;	/* user pointer to nr_redact char[EXECMON_REDACT_LEN] */
	__u64	resv[2];	/* must be 0 */
};

/* EXECMON_IOC_READERS: the sessions open now. */
struct execmon_reader {
	__u64	id;		/* for execmon_stats.session_id */
	__u32	pid;		/* the process that opened it (thread group id) */
	__u32	ring_pages;	/* 0 until set up */
	char	comm[16];	/* its comm at open */
	struct execmon_ring_stats total;
};

struct execmon_readers {
	__u32	size;		/* in: sizeof(struct execmon_readers) */
	__u32	nr;		/* in: room at ptr; out: sessions open */
	__u64	ptr;		/* user pointer to nr struct execmon_reader, or 0 */
	__u64	self_id;	/* out: the id of the session asking; 0 for a
				 * descriptor that may not read events */
	__u64	probe_misses;	/* out: as in struct execmon_stats */
	__u64	chain_misses;	/* out: as in struct execmon_stats */
	__u64	path_misses;	/* out: as in struct execmon_stats */
	__u64	resv;		/* must be 0 */
};

/*
 * EXECMON_IOC_IMAGE: the image a process runs now and its real parent's,
 * as its next event would give them: for a reader that meets a process
 * which started before it.  Any open may ask.  -ESRCH: no such process.
 */
struct execmon_image_query {
	__u32	size;		/* in: sizeof(struct execmon_image_query) */
	__u32	pid;		/* in: a thread group id, in the initial pid namespace */
	__u32	ppid;		/* out: its real parent's */
	__u32	resv;		/* must be 0 */
	struct execmon_image image;		/* out */
	struct execmon_image parent_image;	/* out: all zero when ppid is 0 */
};

#define EXECMON_IOC_VERSION	_IOR(EXECMON_IOC_MAGIC, 0, struct execmon_version)
#define EXECMON_IOC_SETUP	_IOWR(EXECMON_IOC_MAGIC, 1, struct execmon_setup)
#define EXECMON_IOC_STATS	_IOWR(EXECMON_IOC_MAGIC, 2, struct execmon_stats)
#define EXECMON_IOC_GET_POLICY	_IOWR(EXECMON_IOC_MAGIC, 3, struct execmon_policy)
#define EXECMON_IOC_SET_POLICY	_IOW(EXECMON_IOC_MAGIC, 4, struct execmon_policy)
#define EXECMON_IOC_READERS	_IOWR(EXECMON_IOC_MAGIC, 5, struct execmon_readers)
#define EXECMON_IOC_IMAGE	_IOWR(EXECMON_IOC_MAGIC, 6, struct execmon_image_query)

#endif /* _UAPI_LINUX_EXECMON_H */
