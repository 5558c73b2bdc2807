// SPDX-License-Identifier: GPL-2.0
/*
 * The text and JSON formats, on records built the way the kernel builds
 * them: exact output for hostile strings, and no read past a malformed
 * record (this runs under ASan/UBSan).
 */
#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>
#include "check.h"
#include "emrec.h"
#include "json.h"
#include "output.h"

/* a record under construction, laid out as kmod/event.c lays it out */
struct rec {
	union {
		struct execmon_event ev;
		unsigned char bytes[8192];
	};
	uint32_t len;
};

static const char *container_id = "";	/* what the reader would have resolved */

static void rec_init(struct rec *r, uint16_t type, int32_t retval)
{
	memset(r, 0xa5, sizeof(*r));	/* poison: every byte used must be written */
	memset(&r->ev, 0, sizeof(r->ev));
	r->ev.hdr.type = type;
	r->ev.hdr.seq = 7;
	r->ev.ts_ns = 1795411426557396370ULL;
	r->ev.cpu = 1;
	r->ev.pid = 108;
	r->ev.tid = 109;
	r->ev.ppid = 96;
	r->ev.uid = 1000;
	r->ev.gid = 1001;
	r->ev.euid = 1000;
	r->ev.egid = 1001;
	r->ev.suid = r->ev.fsuid = 1000;
	r->ev.sgid = r->ev.fsgid = 1001;
	r->ev.auid = 1000;
	r->ev.session_id = 3;
	r->ev.cgroup_id = 42;
	r->ev.mnt_ns = 4026531841U;
	r->ev.pid_ns = 4026531836U;
	r->ev.return_value = retval;
	r->ev.attrs_off = sizeof(r->ev);
	strcpy(r->ev.comm, "sh");
	r->len = sizeof(r->ev);
	r->ev.hdr.len = r->len;
}

static void rec_attr(struct rec *r, uint16_t type, uint16_t flags, const void *data, uint32_t len)
{
	struct execmon_attr a = { .type = type, .flags = flags, .len = len };
	uint32_t padded = (len + 7) & ~7U;

	memcpy(r->bytes + r->len, &a, sizeof(a));
	memcpy(r->bytes + r->len + sizeof(a), data, len);
	memset(r->bytes + r->len + sizeof(a) + len, 0, padded - len);
	r->len += sizeof(a) + padded;
	r->ev.hdr.len = r->len;
	r->ev.nattrs++;
}

static void rec_str(struct rec *r, uint16_t type, const char *s)
{
	rec_attr(r, type, 0, s, strlen(s) + 1);
}

/* argv from strings given with their lengths (NULs included) */
static void rec_strv(struct rec *r, uint16_t type, uint16_t flags, uint32_t count,
		     uint32_t present, const char *blob, uint32_t bloblen)
{
	unsigned char buf[4096];
	struct execmon_strv v = { .count = count, .nr_present = present };

	memcpy(buf, &v, sizeof(v));
	memcpy(buf + sizeof(v), blob, bloblen);
	rec_attr(r, type, flags, buf, sizeof(v) + bloblen);
}

static void rec_argv(struct rec *r, uint16_t flags, uint32_t count, uint32_t present,
		     const char *blob, uint32_t bloblen)
{
	rec_strv(r, EXECMON_A_ARGV, flags, count, present, blob, bloblen);
}

static const char *fmt_text(struct rec *r)
{
	static char buf[65536];
	struct em_out o;

	em_out_init(&o, buf, sizeof(buf) - 1);
	em_format_text(&o, &r->ev.hdr);
	buf[o.len] = '\0';
	return buf;
}

static const char *fmt_json(struct rec *r)
{
	static char buf[65536];
	struct em_out o;

	em_out_init(&o, buf, sizeof(buf) - 1);
	em_format_json(&o, &r->ev.hdr, 1, container_id);
	buf[o.len] = '\0';
	return buf;
}

static void rec_stat(struct rec *r, uint16_t type, uint64_t dev, uint64_t ino, uint64_t ctime, uint32_t mode)
{
	struct execmon_stat st = { .dev = dev, .ino = ino, .ctime_ns = ctime, .mode = mode };

	rec_attr(r, type, 0, &st, sizeof(st));
}

static void rec_stdin(struct rec *r, uint32_t type, const char *path)
{
	unsigned char buf[256];
	struct execmon_stdin in = { .type = type };

	memcpy(buf, &in, sizeof(in));
	strcpy((char *)buf + sizeof(in), path);
	rec_attr(r, EXECMON_A_STDIN, 0, buf, sizeof(in) + strlen(path) + 1);
}

static void test_exec(void)
{
	struct rec r;
	static const char argv[] = "./true\0a b\0\0";

	rec_init(&r, EXECMON_REC_EXEC, 0);
	rec_str(&r, EXECMON_A_CMDPATH, "./true");
	rec_str(&r, EXECMON_A_PATHNAME, "/usr/bin/true");
	rec_stat(&r, EXECMON_A_PATHNAME_STAT, 2049, 1234, 1700000000123456789ULL, 0100755);
	rec_str(&r, EXECMON_A_INTERP, "./true");
	rec_str(&r, EXECMON_A_LOADER, "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
	rec_stat(&r, EXECMON_A_LOADER_STAT, 2049, 99, 1600000000000000001ULL, 0100755);
	rec_stdin(&r, 0020000, "/dev/pts/0");
	rec_str(&r, EXECMON_A_CWD, "/usr/bin");
	rec_argv(&r, 0, 3, 3, argv, sizeof(argv) - 1);
	CHECK_STREQ(fmt_text(&r),
		"2026-11-23T05:23:46.557396370Z sched_process_exec cpu=1 pid=108 tid=109 ppid=96 "
		"uid=1000 gid=1001 auid=1000 ses=3 comm=\"sh\" cwd=\"/usr/bin\" cmdpath=\"./true\" pathname=\"/usr/bin/true\" "
		"dev=2049 inode=1234 ctime=1700000000123456789 inode_mode=33261 "
		"interpreter_pathname=\"/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2\" interpreter_dev=2049 "
		"interpreter_inode=99 interpreter_ctime=1600000000000000001 interp=\"./true\" "
		"stdin_type=8192 stdin_path=\"/dev/pts/0\" argv=[\"./true\", \"a b\", \"\"]\n");
	CHECK_STREQ(fmt_json(&r),
		"{\"event\":\"sched_process_exec\",\"ts\":1795411426557396370,\"seq\":7,\"cpu\":1,"
		"\"pid\":108,\"tid\":109,\"ppid\":96,\"uid\":1000,\"gid\":1001,\"euid\":1000,\"egid\":1001,"
		"\"suid\":1000,\"sgid\":1001,\"fsuid\":1000,\"fsgid\":1001,\"groups\":[],\"auid\":1000,"
		"\"session_id\":3,\"tty\":\"\",\"cap_effective\":\"0000000000000000\","
		"\"cap_permitted\":\"0000000000000000\",\"cap_inheritable\":\"0000000000000000\","
		"\"secure_exec\":false,\"comm\":\"sh\",\"cgroup_id\":42,\"container_id\":\"\",\"mnt_ns\":4026531841,\"pid_ns\":4026531836,\"cwd\":\"/usr/bin\","
		"\"syscall\":\"\",\"abi\":\"x86_64\",\"args\":{\"cmdpath\":\"./true\",\"pathname\":\"/usr/bin/true\",\"dev\":2049,\"inode\":1234,"
		"\"ctime\":1700000000123456789,\"inode_mode\":33261,\"unlinked\":false,"
		"\"exe_writable\":false,\"upper_layer\":false,\"interpreter_pathname\":\"/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2\","
		"\"interpreter_dev\":2049,\"interpreter_inode\":99,\"interpreter_ctime\":1600000000000000001,"
		"\"argv\":[\"./true\",\"a b\",\"\"],\"argc\":3,\"interp\":\"./true\",\"exec_chain\":[],\"stdin_type\":8192,"
		"\"stdin_path\":\"/dev/pts/0\",\"invoked_from_kernel\":false,\"prev_comm\":\"\",\"env\":[]}}\n");

	/* setuid: euid shown in text when it differs; kernel-started */
	r.ev.euid = 0;
	r.ev.flags = EXECMON_EF_KERNEL_INVOKED;
	CHECK(strstr(fmt_text(&r), " uid=1000 gid=1001 euid=0 suid=1000 fsuid=1000 auid=1000 ses=3 comm=") != NULL,
	      "text: %s", fmt_text(&r));
	CHECK(strstr(fmt_text(&r), " invoked_from_kernel=true argv=") != NULL, "text: %s", fmt_text(&r));
	CHECK(strstr(fmt_json(&r), "\"euid\":0,") &&
	      strstr(fmt_json(&r), "\"invoked_from_kernel\":true,\"prev_comm\":\"\",\"env\":[]}}"),
	      "json: %s", fmt_json(&r));
}

static void test_failed(void)
{
	struct rec r;
	static const char argv[] = "/x\0";

	rec_init(&r, EXECMON_REC_EXEC_FAILED, -13);
	rec_str(&r, EXECMON_A_CMDPATH, "/x");
	rec_str(&r, EXECMON_A_PATHNAME, "/srv/x");
	rec_stat(&r, EXECMON_A_PATHNAME_STAT, 2050, 77, 5, 0100644);
	rec_str(&r, EXECMON_A_INTERP, "/x");
	rec_stdin(&r, 0010000, "pipe:[4321]");
	rec_str(&r, EXECMON_A_CWD, "/");
	rec_argv(&r, 0, 1, 1, argv, sizeof(argv) - 1);
	CHECK_STREQ(fmt_text(&r),
		"2026-11-23T05:23:46.557396370Z process_execute_failed cpu=1 pid=108 tid=109 ppid=96 "
		"uid=1000 gid=1001 auid=1000 ses=3 comm=\"sh\" cwd=\"/\" path=\"/x\" binary.path=\"/srv/x\" "
		"binary.device_id=2050 binary.inode_number=77 binary.ctime=5 binary.inode_mode=33188 "
		"interpreter_path=\"/x\" stdin_type=4096 stdin_path=\"pipe:[4321]\" arguments=[\"/x\"] "
		"return_value=-13\n");
	CHECK(strstr(fmt_json(&r), "\"cwd\":\"/\",\"return_value\":-13,\"syscall\":\"\",\"abi\":\"x86_64\","
		    "\"args\":{\"path\":\"/x\","
		"\"binary\":{\"path\":\"/srv/x\",\"device_id\":2050,\"inode_number\":77,\"ctime\":5,"
		"\"inode_mode\":33188,\"unlinked\":false},\"interpreter_path\":\"/x\",\"exec_chain\":[],\"stdin_type\":4096,"
		"\"stdin_path\":\"pipe:[4321]\",\"kernel_invoked\":false,\"environment\":[],\"arguments\":[\"/x\"],\"argc\":1}}\n") != NULL,
		"json: %s", fmt_json(&r));

	/* nothing opened: no binary object; fd 0 closed: empty stdin */
	rec_init(&r, EXECMON_REC_EXEC_FAILED, -2);
	rec_str(&r, EXECMON_A_CMDPATH, "/missing");
	CHECK(strstr(fmt_json(&r), "\"args\":{\"path\":\"/missing\",\"interpreter_path\":\"\",\"exec_chain\":[],"
		"\"stdin_type\":0,\"stdin_path\":\"\",\"kernel_invoked\":false,\"environment\":[],\"arguments\":[],\"argc\":0}}")
	      != NULL, "json: %s", fmt_json(&r));
}

/* identity: groups, terminal, capabilities, what an exec changed; and a record of a 0.1 module */
static void test_ident(void)
{
	struct rec r;
	struct execmon_prev prev = { .comm = "bash", .euid = 1000, .egid = 1001 };
	struct {
		struct execmon_groups g;
		uint32_t gid[3];
	} groups = { { 7, 3 }, { 4, 24, 1001 } };
	struct execmon_stat st = { .dev = 1, .ino = 2, .mode = 0104755,
				   .flags = EXECMON_STAT_WRITABLE | EXECMON_STAT_OVERLAY |
					    EXECMON_STAT_UPPER };

	rec_init(&r, EXECMON_REC_EXEC, 0);
	r.ev.euid = r.ev.suid = r.ev.fsuid = 0;
	r.ev.flags = EXECMON_EF_SETUID | EXECMON_EF_FILE_CAPS | EXECMON_EF_SECURE_EXEC;
	r.ev.cap_effective = r.ev.cap_permitted = 0x000001ffffffffffULL;
	r.ev.cap_inheritable = 0x2000;
	rec_attr(&r, EXECMON_A_GROUPS, EXECMON_AF_TRUNCATED, &groups, sizeof(groups));
	rec_str(&r, EXECMON_A_TTY, "pts/3");
	rec_attr(&r, EXECMON_A_PREV, 0, &prev, sizeof(prev));
	rec_attr(&r, EXECMON_A_PATHNAME_STAT, 0, &st, sizeof(st));
	CHECK(strstr(fmt_text(&r), " uid=1000 gid=1001 euid=0 groups=[4,24,1001] groupc=7 (truncated) "
		     "auid=1000 ses=3 tty=\"pts/3\" cap_effective=000001ffffffffff "
		     "cap_permitted=000001ffffffffff cap_inheritable=0000000000002000 "
		     "privileges_changed=setuid,file_caps secure_exec=true prev_comm=\"bash\" comm=") != NULL,
	      "text: %s", fmt_text(&r));
	CHECK(strstr(fmt_text(&r), " inode_mode=35309 exe_writable=true upper_layer=true") != NULL,
	      "text: %s", fmt_text(&r));
	CHECK(strstr(fmt_json(&r), "\"egid\":1001,\"suid\":0,\"sgid\":1001,\"fsuid\":0,\"fsgid\":1001,"
		     "\"groups\":[4,24,1001],\"groups_count\":7,\"groups_truncated\":true,\"auid\":1000,"
		     "\"session_id\":3,\"tty\":\"pts/3\",\"cap_effective\":\"000001ffffffffff\","
		     "\"cap_permitted\":\"000001ffffffffff\",\"cap_inheritable\":\"0000000000002000\","
		     "\"privileges_changed\":[\"setuid\",\"file_caps\"],\"secure_exec\":true,\"comm\":") != NULL,
	      "json: %s", fmt_json(&r));
	CHECK(strstr(fmt_json(&r), "\"unlinked\":false,\"exe_writable\":true,\"upper_layer\":true,") &&
	      strstr(fmt_json(&r), "\"invoked_from_kernel\":false,\"prev_comm\":\"bash\","),
	      "json: %s", fmt_json(&r));

	/* a layer not told; no reason: an empty list, and on a lower layer */
	st.flags = EXECMON_STAT_OVERLAY | EXECMON_STAT_LAYER_UNKNOWN;
	rec_init(&r, EXECMON_REC_EXEC, 0);
	rec_attr(&r, EXECMON_A_PREV, 0, &prev, sizeof(prev));
	rec_attr(&r, EXECMON_A_PATHNAME_STAT, 0, &st, sizeof(st));
	CHECK(strstr(fmt_json(&r), "\"privileges_changed\":[],\"secure_exec\":false,") &&
	      strstr(fmt_json(&r), "\"exe_writable\":false,\"upper_layer\":null,"), "json: %s", fmt_json(&r));
	CHECK(strstr(fmt_text(&r), " upper_layer=unknown") && !strstr(fmt_text(&r), "privileges_changed"),
	      "text: %s", fmt_text(&r));
	st.flags = EXECMON_STAT_OVERLAY;
	rec_init(&r, EXECMON_REC_EXEC, 0);
	rec_attr(&r, EXECMON_A_PATHNAME_STAT, 0, &st, sizeof(st));
	CHECK(strstr(fmt_text(&r), " upper_layer=false") && strstr(fmt_json(&r), "\"upper_layer\":false"),
	      "text: %s", fmt_text(&r));

	/* without PREV the reasons cannot be told: none written, and missing says why */
	rec_init(&r, EXECMON_REC_EXEC, 0);
	r.ev.flags = EXECMON_EF_INCOMPLETE;
	r.ev.missing = 1U << EXECMON_A_PREV;
	CHECK(!strstr(fmt_json(&r), "privileges_changed") &&
	      strstr(fmt_json(&r), "\"missing\":[\"prev_comm\"]"), "json: %s", fmt_json(&r));

	/* a failed exec has the caller's credentials, and nothing of an exec's */
	rec_init(&r, EXECMON_REC_EXEC_FAILED, -13);
	rec_str(&r, EXECMON_A_TTY, "ttyS0");
	CHECK(strstr(fmt_json(&r), "\"tty\":\"ttyS0\",") && !strstr(fmt_json(&r), "secure_exec") &&
	      !strstr(fmt_json(&r), "prev_comm") && !strstr(fmt_json(&r), "upper_layer"),
	      "json: %s", fmt_json(&r));
	r.ev.flags = EXECMON_EF_INCOMPLETE;
	r.ev.missing = 1U << EXECMON_A_PREV;	/* not a failed event's: no name, no read past the names */
	CHECK(strstr(fmt_json(&r), "\"missing\":[\"unknown\"]"), "json: %s", fmt_json(&r));

	/* a 0.1 module's record: the context ends at comm, no credentials written */
	rec_init(&r, EXECMON_REC_EXEC, 0);
	r.ev.attrs_off = EXECMON_EVENT_SIZE_V1;
	r.len = EXECMON_EVENT_SIZE_V1;
	rec_str(&r, EXECMON_A_CMDPATH, "/old");
	CHECK(strstr(fmt_json(&r), "\"egid\":1001,\"comm\":\"sh\",") &&
	      strstr(fmt_json(&r), "\"cmdpath\":\"/old\"") && !strstr(fmt_json(&r), "prev_comm"),
	      "json: %s", fmt_json(&r));
	CHECK(strstr(fmt_text(&r), " gid=1001 comm=\"sh\" cwd=\"\" cmdpath=\"/old\"") != NULL ||
	      strstr(fmt_text(&r), " gid=1001 comm=\"sh\" cmdpath=\"/old\"") != NULL, "text: %s", fmt_text(&r));
}

/* control characters, quotes, escape sequences, invalid UTF-8, valid UTF-8 */
static void test_hostile(void)
{
	struct rec r;
	static const char argv[] =
		"a\nb\0"		/* a newline that would forge a line */
		"\"q\"\\\0"		/* quotes and a backslash */
		"\x1b[2J\0"		/* a terminal escape */
		"\xff\xc3\x28\0"	/* invalid UTF-8 */
		"\xc3\xa9\xe2\x82\xac\0"	/* valid UTF-8: e-acute, euro */
		"\xed\xa0\x80\x7f\0";	/* an encoded surrogate (invalid), DEL */

	rec_init(&r, EXECMON_REC_EXEC, 0);
	rec_argv(&r, 0, 6, 6, argv, sizeof(argv) - 1);
	CHECK(strstr(fmt_text(&r),
		"argv=[\"a\\nb\", \"\\\"q\\\"\\\\\", \"\\x1b[2J\", \"\\xff\\xc3(\", "
		"\"\\xc3\\xa9\\xe2\\x82\\xac\", \"\\xed\\xa0\\x80\\x7f\"]\n") != NULL,
		"text: %s", fmt_text(&r));
	CHECK(strstr(fmt_json(&r),
		"\"argv\":[\"a\\nb\",\"\\\"q\\\"\\\\\",\"\\u001b[2J\",\"\\udcff\\udcc3(\","
		"\"\xc3\xa9\xe2\x82\xac\",\"\\udced\\udca0\\udc80\\u007f\"],\"argc\":6,") != NULL,
		"json: %s", fmt_json(&r));
	/* one line per event, whatever the argv */
	CHECK(strchr(fmt_text(&r), '\n') == fmt_text(&r) + strlen(fmt_text(&r)) - 1, "text has inner newline");
	CHECK(strchr(fmt_json(&r), '\n') == fmt_json(&r) + strlen(fmt_json(&r)) - 1, "json has inner newline");
}

static void test_truncated(void)
{
	struct rec r;
	static const char argv[] = "a\0bb";	/* the second string cut, NUL added by the kernel */

	rec_init(&r, EXECMON_REC_EXEC, 0);
	rec_argv(&r, EXECMON_AF_TRUNCATED, 1000, 2, argv, sizeof(argv));
	CHECK(strstr(fmt_text(&r), "argv=[\"a\", \"bb\"] argc=1000 (truncated)\n") != NULL,
	      "text: %s", fmt_text(&r));
	CHECK(strstr(fmt_json(&r), "\"argv\":[\"a\",\"bb\"],\"argc\":1000,\"argv_truncated\":true,") != NULL,
	      "json: %s", fmt_json(&r));
}

/* the environment: its own keys, the count only when cut; absent is [] */
static void test_env(void)
{
	struct rec r;
	static const char env[] = "A=1\0B=\n\xff";

	rec_init(&r, EXECMON_REC_EXEC, 0);
	CHECK(strstr(fmt_json(&r), "\"env\":[]}") != NULL, "json: %s", fmt_json(&r));
	CHECK(!strstr(fmt_text(&r), "env="), "text: %s", fmt_text(&r));
	rec_strv(&r, EXECMON_A_ENV, 0, 2, 2, env, sizeof(env));
	CHECK(strstr(fmt_json(&r), "\"env\":[\"A=1\",\"B=\\n\\udcff\"]}") != NULL,
	      "json: %s", fmt_json(&r));
	CHECK(strstr(fmt_text(&r), " env=[\"A=1\", \"B=\\n\\xff\"]\n") != NULL,
	      "text: %s", fmt_text(&r));

	rec_init(&r, EXECMON_REC_EXEC_FAILED, -2);
	rec_strv(&r, EXECMON_A_ENV, EXECMON_AF_TRUNCATED, 50, 1, env, 4);
	CHECK(strstr(fmt_json(&r), "\"environment\":[\"A=1\"],\"envc\":50,"
		     "\"environment_truncated\":true,\"arguments\":[]") != NULL,
	      "json: %s", fmt_json(&r));
	CHECK(strstr(fmt_text(&r), " environment=[\"A=1\"] envc=50 (truncated)") != NULL,
	      "text: %s", fmt_text(&r));
}

/* jq -e FILTER over one line: the tracee shape checked by a real JSON parser */
static bool jq_true(const char *line, const char *filter)
{
	char path[] = "/tmp/t-format.XXXXXX", cmd[4096];
	int fd = mkstemp(path), rc;

	if (fd < 0 || write(fd, line, strlen(line)) != (ssize_t)strlen(line))
		return false;
	close(fd);
	snprintf(cmd, sizeof(cmd), "jq -e '%s' %s >/dev/null", filter, path);
	rc = system(cmd);
	unlink(path);
	return rc == 0;
}

static void test_tracee(void)
{
	static char buf[16384];
	struct execmon_task task = { .ns_pid = 5, .ns_tid = 6, .ns_ppid = 1, .start_time_ns = 777 };
	static const char argv[] = "ls\0-l\0";
	static const char env[] = "A=\xff\0";
	struct em_out o;
	struct rec r;

	rec_init(&r, EXECMON_REC_EXEC, 0);
	rec_attr(&r, EXECMON_A_TASK, 0, &task, sizeof(task));
	rec_str(&r, EXECMON_A_CMDPATH, "ls");
	rec_str(&r, EXECMON_A_PATHNAME, "/usr/bin/ls");
	/* st_dev 2049 is 8:1, the kernel's MKDEV(8, 1) = 8 << 20 | 1 */
	rec_stat(&r, EXECMON_A_PATHNAME_STAT, 2049, 1234, 1700000000123456789ULL, 0100755);
	rec_stdin(&r, 0020000, "/dev/pts/0");
	rec_argv(&r, 0, 2, 2, argv, sizeof(argv) - 1);
	rec_strv(&r, EXECMON_A_ENV, 0, 1, 1, env, sizeof(env) - 1);
	r.ev.hdr.len = r.len;
	em_out_init(&o, buf, sizeof(buf));
	em_format_tracee(&o, &r.ev.hdr, "4f3a", "host1");
	CHECK(!o.full && o.len && buf[o.len - 1] == '\n', "tracee: %.*s", (int)o.len, buf);
	buf[o.len] = '\0';
	CHECK(jq_true(buf, ".eventName == \"sched_process_exec\" and .eventId == \"715\" and "
		      ".argsNum == (.args | length) and .argsNum == 17 and "
		      ".processId == 5 and .threadId == 6 and .parentProcessId == 1 and "
		      ".hostProcessId == 108 and .hostThreadId == 109 and .hostParentProcessId == 96 and "
		      ".threadStartTime == 777 and .userId == 1000 and .processName == \"sh\" and "
		      ".containerId == \"4f3a\" and .container.id == \"4f3a\" and .hostName == \"host1\" and "
		      ".executable.path == \"/usr/bin/ls\" and .returnValue == 0 and "
		      "([.args[] | {(.name): .value}] | add) as $a | "
		      "$a.dev == 8388609 and $a.inode == 1234 and $a.inode_mode == 33261 and "
		      "$a.argv == [\"ls\", \"-l\"] and $a.pathname == \"/usr/bin/ls\" and "
		      "$a.stdin_type == 8192 and $a.invoked_from_kernel == 0 and ($a.env | length) == 1 and "
		      "([.args[] | select(.name == \"argv\") | .type] == [\"const char**\"])"),
	      "tracee exec: %s", buf);

	rec_init(&r, EXECMON_REC_EXEC_FAILED, -2);
	rec_attr(&r, EXECMON_A_TASK, 0, &task, sizeof(task));
	rec_str(&r, EXECMON_A_CMDPATH, "/nope");
	rec_argv(&r, 0, 2, 2, argv, sizeof(argv) - 1);
	r.ev.hdr.len = r.len;
	em_out_init(&o, buf, sizeof(buf));
	em_format_tracee(&o, &r.ev.hdr, NULL, NULL);
	buf[o.len] = '\0';
	CHECK(jq_true(buf, ".eventName == \"process_execute_failed\" and .eventId == \"779\" and "
		      ".argsNum == (.args | length) and .returnValue == -2 and .containerId == \"\" and "
		      ".container == {} and ([.args[] | {(.name): .value}] | add) as $a | "
		      "$a.path == \"/nope\" and $a[\"binary.path\"] == \"\" and "
		      "$a.arguments == [\"ls\", \"-l\"] and $a.environment == []"),
	      "tracee failed: %s", buf);

	/* hostile argv: quotes, newlines, an escape sequence, bytes that are not UTF-8, a huge one */
	{
		static char hostile[6000];
		size_t n = 0;

		memcpy(hostile, "a\"b\\c\n\x1b[31m\0\xff\xfe\xc3\0", 16);
		n = 16;
		memset(hostile + n, 'x', 4000);
		n += 4000;
		hostile[n++] = '\0';
		rec_init(&r, EXECMON_REC_EXEC, 0);
		rec_strv(&r, EXECMON_A_ARGV, 0, 3, 3, hostile, n);
		r.ev.hdr.len = r.len;
		em_out_init(&o, buf, sizeof(buf));
		em_format_tracee(&o, &r.ev.hdr, "", "");
		buf[o.len] = '\0';
		CHECK(!strchr(buf, '\x1b') && strchr(buf, '\n') == buf + o.len - 1,
		      "tracee: raw control bytes in %s", buf);
		CHECK(strstr(buf, "\"a\\\"b\\\\c\\n\\u001b[31m\",\"\\udcff\\udcfe\\udcc3\",\"xxx") != NULL,
		      "tracee hostile: %.200s", buf);
		CHECK(jq_true(buf, "([.args[] | select(.name == \"argv\") | .value][0] | "
			      "(length == 3 and (.[2] | length) == 4000))"), "tracee hostile: not JSON");
	}

	/* a LOST record has no tracee shape: nothing is written */
	{
		struct execmon_lost l = { .hdr = { .len = sizeof(l), .type = EXECMON_REC_LOST } };

		em_out_init(&o, buf, sizeof(buf));
		em_format_tracee(&o, &l.hdr, NULL, NULL);
		CHECK(o.len == 0, "lost: %zu bytes", o.len);
	}
	/* and the JSON carries the container id */
	container_id = "4f3a";
	rec_init(&r, EXECMON_REC_EXEC, 0);
	CHECK(strstr(fmt_json(&r), "\"cgroup_id\":42,\"container_id\":\"4f3a\",") != NULL,
	      "json: %s", fmt_json(&r));
	container_id = "";
}

static void test_lost(void)
{
	struct execmon_lost l = {
		.hdr = { .len = sizeof(l), .type = EXECMON_REC_LOST, .seq = 100 },
		.lost = 5, .ts_ns = 0,
	};
	char buf[256];
	struct em_out o;

	em_out_init(&o, buf, sizeof(buf) - 1);
	em_format_text(&o, &l.hdr);
	buf[o.len] = '\0';
	CHECK_STREQ(buf, "1970-01-01T00:00:00.000000000Z lost events=5 first_seq=100\n");
	em_out_init(&o, buf, sizeof(buf) - 1);
	em_format_json(&o, &l.hdr, 3, NULL);
	buf[o.len] = '\0';
	CHECK_STREQ(buf, "{\"event\":\"lost\",\"ts\":0,\"seq\":100,\"cpu\":3,\"lost\":5}\n");
}

/* Malformed records end the walk: no read past hdr.len (ASan would say). */
static void test_malformed(void)
{
	struct rec r;
	unsigned char *copy;
	uint32_t cut;

	rec_init(&r, EXECMON_REC_EXEC, 0);
	rec_str(&r, EXECMON_A_CMDPATH, "/usr/bin/true");
	rec_argv(&r, 0, 2, 2, "x\0y", 4);
	/* every prefix of the record, in a buffer of exactly that size */
	for (cut = sizeof(struct execmon_rec_hdr); cut <= r.len; cut += 8) {
		copy = malloc(cut);
		memcpy(copy, r.bytes, cut);
		((struct execmon_rec_hdr *)copy)->len = cut;
		fmt_text((struct rec *)copy);
		fmt_json((struct rec *)copy);
		free(copy);
	}
	/* an attribute that claims more than the record has */
	rec_init(&r, EXECMON_REC_EXEC, 0);
	rec_str(&r, EXECMON_A_CMDPATH, "/usr/bin/true");
	((struct execmon_attr *)(r.bytes + sizeof(r.ev)))->len = 1 << 30;
	copy = malloc(r.len);
	memcpy(copy, r.bytes, r.len);
	CHECK(strstr(fmt_text((struct rec *)copy), "cmdpath") == NULL, "oversized attr was printed");
	free(copy);
	/* nr_present larger than the strings there */
	rec_init(&r, EXECMON_REC_EXEC, 0);
	rec_argv(&r, 0, 9, 9, "a\0b", 3);
	CHECK(strstr(fmt_text(&r), "argv=[\"a\", \"b\"]") != NULL, "text: %s", fmt_text(&r));
}

/* A full output buffer truncates, never overflows. */
static void test_small_output(void)
{
	struct rec r;
	char buf[40];
	struct em_out o;

	rec_init(&r, EXECMON_REC_EXEC, 0);
	rec_str(&r, EXECMON_A_CMDPATH, "/usr/bin/true");
	em_out_init(&o, buf, sizeof(buf));
	em_format_text(&o, &r.ev.hdr);
	CHECK(o.full && o.len == sizeof(buf), "len %zu full %d", o.len, o.full);
}

static void test_time(void)
{
	char buf[64];
	struct em_out o;

	em_out_init(&o, buf, sizeof(buf) - 1);
	em_out_time(&o, 951782400123456789ULL);	/* 2000-02-29 00:00:00.123456789 */
	buf[o.len] = '\0';
	CHECK_STREQ(buf, "2000-02-29T00:00:00.123456789Z");
	em_out_init(&o, buf, sizeof(buf) - 1);
	em_out_time(&o, 4102444799999999999ULL);	/* 2099-12-31 23:59:59.999999999 */
	buf[o.len] = '\0';
	CHECK_STREQ(buf, "2099-12-31T23:59:59.999999999Z");
}

/*
 * exec ids: none until the boot's id is known (the kernel's text for cat);
 * then exec_id and parent_exec_id in text and JSON, a JSON string each,
 * null for no parent; a 0.2 record has none.  A malformed boot id is
 * refused and changes nothing.
 */
static void test_lineage(void)
{
	struct rec r;

	rec_init(&r, EXECMON_REC_EXEC, 0);
	r.ev.image = (struct execmon_image){ 5123456789ULL, 3 };
	r.ev.parent_image = (struct execmon_image){ 4000000000ULL, 2 };
	CHECK(!strstr(fmt_text(&r), "exec_id") && !strstr(fmt_json(&r), "exec_id"),
	      "exec ids with no boot id: %s", fmt_json(&r));
	CHECK(!em_set_boot_id("0123456789abcdef"), "a boot id that is not a UUID");
	CHECK(!em_set_boot_id("0123456789ABCDEF-0123-4567-89ab-cdef01234567"), "upper case");
	CHECK(!em_set_boot_id("01234567-89ab-cdef-0123-456789abcdef0"), "too long");
	CHECK(!em_have_boot_id(), "a refused boot id was kept");
	CHECK(em_set_boot_id("01234567-89ab-cdef-0123-456789abcdef\n"), "boot_id's own text");
	CHECK(strstr(fmt_text(&r), " ppid=96 exec_id=0123456789abcdef-108-5123456789-3 "
		     "parent_exec_id=0123456789abcdef-96-4000000000-2 uid=1000 ") != NULL,
	      "text: %s", fmt_text(&r));
	CHECK(jq_true(fmt_json(&r), ".exec_id == \"0123456789abcdef-108-5123456789-3\" and "
		      ".parent_exec_id == \"0123456789abcdef-96-4000000000-2\""),
	      "json: %s", fmt_json(&r));
	r.ev.ppid = 0;
	CHECK(jq_true(fmt_json(&r), ".parent_exec_id == null and (.exec_id | type) == \"string\""),
	      "json, no parent: %s", fmt_json(&r));
	CHECK(!strstr(fmt_text(&r), "parent_exec_id"), "text, no parent: %s", fmt_text(&r));
	rec_init(&r, EXECMON_REC_EXEC_FAILED, -2);
	r.ev.attrs_off = r.len = r.ev.hdr.len = EXECMON_EVENT_SIZE_IDENT;
	CHECK(jq_true(fmt_json(&r), "has(\"exec_id\") | not"), "0.2 record: %s", fmt_json(&r));
}

/* sched_process_exit: the status as wait(2)'s macros take it apart, in every format */
static void test_exit(void)
{
	static char buf[16384];
	struct execmon_exit x = { .end_ns = 5123456789ULL + 2500000000ULL };
	struct em_out o;
	struct rec r;

	rec_init(&r, EXECMON_REC_EXIT, 3 << 8);	/* exit(3) */
	r.ev.image = (struct execmon_image){ 5123456789ULL, 1 };
	rec_attr(&r, EXECMON_A_EXIT, 0, &x, sizeof(x));
	CHECK(jq_true(fmt_json(&r), ".event == \"sched_process_exit\" and .pid == 108 and "
		      ".exec_id == \"0123456789abcdef-108-5123456789-1\" and (has(\"cwd\") | not) and "
		      "(has(\"syscall\") | not) and .args == {\"exit_code\":3,\"signal_code\":0,"
		      "\"process_group_exit\":true,\"core_dumped\":false,\"duration_ns\":2500000000}"),
	      "json: %s", fmt_json(&r));
	CHECK(strstr(fmt_text(&r), " sched_process_exit cpu=1 pid=108 ") &&
	      strstr(fmt_text(&r), " comm=\"sh\" exit_code=3 signal_code=0 duration_ns=2500000000\n"),
	      "text: %s", fmt_text(&r));
	r.ev.return_value = 0x80 | 11;	/* SIGSEGV, core dumped */
	CHECK(jq_true(fmt_json(&r), ".args.exit_code == 0 and .args.signal_code == 11 and "
		      ".args.core_dumped"), "json, SIGSEGV: %s", fmt_json(&r));
	CHECK(strstr(fmt_text(&r), " exit_code=0 signal_code=11 core_dumped=true ") != NULL,
	      "text, SIGSEGV: %s", fmt_text(&r));
	em_out_init(&o, buf, sizeof(buf));
	em_format_tracee(&o, &r.ev.hdr, "", "host1");
	buf[o.len] = '\0';
	CHECK(jq_true(buf, ".eventName == \"sched_process_exit\" and .eventId == \"716\" and "
		      ".argsNum == 3 and .returnValue == 0 and .args == ["
		      "{\"name\":\"exit_code\",\"type\":\"int32\",\"value\":0},"
		      "{\"name\":\"signal_code\",\"type\":\"int32\",\"value\":11},"
		      "{\"name\":\"process_group_exit\",\"type\":\"bool\",\"value\":true}]"),
	      "tracee: %s", buf);
	/* no EXIT attribute: the duration is not known, and said so */
	rec_init(&r, EXECMON_REC_EXIT, 9);
	CHECK(jq_true(fmt_json(&r), ".args.signal_code == 9 and .args.duration_ns == null"),
	      "json, no end: %s", fmt_json(&r));
	CHECK(!strstr(fmt_text(&r), "duration_ns"), "text, no end: %s", fmt_text(&r));
}

/*
 * The largest record, every byte of its strings one that each format
 * escapes at its longest (JSON: six bytes for one), fits the line the
 * reader and read() give it: no line is cut.
 */
static void test_largest(void)
{
	size_t cap = EM_LINE_MAX + 65536;
	unsigned char *buf = malloc(EXECMON_RECORD_MAX), *out = malloc(cap);
	struct execmon_event *ev = (struct execmon_event *)buf;
	static const uint16_t types[] = { EXECMON_A_CMDPATH, EXECMON_A_PATHNAME, EXECMON_A_INTERP,
					  EXECMON_A_LOADER, EXECMON_A_CWD, EXECMON_A_ENV,
					  EXECMON_A_CHAIN, EXECMON_A_ARGV };
	uint32_t len = sizeof(*ev);
	unsigned int i;
	struct em_out o;

	CHECK(buf && out, "malloc");
	memset(buf, 0, EXECMON_RECORD_MAX);
	ev->hdr.type = EXECMON_REC_EXEC;
	ev->attrs_off = sizeof(*ev);
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		struct execmon_attr *a = (struct execmon_attr *)(buf + len);
		bool strv = types[i] == EXECMON_A_ARGV || types[i] == EXECMON_A_ENV ||
			    types[i] == EXECMON_A_CHAIN;
		/* the last one takes what is left of the record */
		uint32_t room = EXECMON_RECORD_MAX - len - sizeof(*a);
		uint32_t n = i + 1 < sizeof(types) / sizeof(types[0]) ? 4096 : room;
		unsigned char *p = (unsigned char *)(a + 1);
		uint32_t off = 0, j;

		if (strv) {
			struct execmon_strv *v = (struct execmon_strv *)p;

			v->count = v->nr_present = 1;
			off = sizeof(*v);
		}
		for (j = off; j + 1 < n; j++)
			p[j] = j & 1 ? 0x01 : 0xff;	/* \u0001, \udcff */
		p[n - 1] = '\0';
		a->type = types[i];
		a->len = n;
		len += sizeof(*a) + ((n + 7) & ~7U);
		ev->nattrs++;
	}
	ev->hdr.len = len;
	CHECK(len <= EXECMON_RECORD_MAX, "record of %u bytes", len);

	em_out_init(&o, (char *)out, cap);
	em_format_json(&o, &ev->hdr, 1, "");
	CHECK(!o.full && o.len <= EM_LINE_MAX, "json: %zu bytes, the line holds %d", o.len, EM_LINE_MAX);
	em_out_init(&o, (char *)out, cap);
	em_format_tracee(&o, &ev->hdr, "", "");
	CHECK(!o.full && o.len <= EM_LINE_MAX, "tracee: %zu bytes, the line holds %d", o.len, EM_LINE_MAX);
	em_out_init(&o, (char *)out, cap);
	em_format_text(&o, &ev->hdr);
	CHECK(!o.full && o.len <= EM_TEXT_LINE_MAX, "text: %zu bytes, the line holds %d",
	      o.len, EM_TEXT_LINE_MAX);
	free(buf);
	free(out);
}

int main(void)
{
	test_exec();
	test_failed();
	test_ident();
	test_hostile();
	test_truncated();
	test_env();
	test_tracee();
	test_lost();
	test_malformed();
	test_small_output();
	test_time();
	test_lineage();	/* and the boot id it sets stays for the longest line */
	test_exit();
	test_largest();
	return em_failures ? 1 : 0;
}
