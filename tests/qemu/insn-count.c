// SPDX-License-Identifier: GPL-2.0
/*
 * A QEMU TCG plugin: counts the guest kernel's executed instructions per
 * address, exactly (no sampling), and writes "ADDR COUNT" lines at exit.
 * tests/profile turns two such counts (a storm with the module, one
 * without) into instructions per exec per function.
 *
 * Only what runs between two marks counts: a mark is the guest executing
 * "movl $0x45584d4f, %eax" (tests/guest/bin/insn-mark.c), anywhere.
 * Without two marks, everything from boot counts.
 *
 *   qemu-system-x86_64 ... -plugin insn-count.so,out=FILE
 *
 * Written against QEMU's plugin API version 1 (Debian 12's QEMU 7.2); the
 * few declarations it needs are below, so no QEMU headers are required.
 * One counter per instruction, added to inline by the translated code;
 * only right with one vCPU (the counters are not atomic).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
typedef struct qemu_info_t qemu_info_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS };

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
					   void (*cb)(qemu_plugin_id_t, struct qemu_plugin_tb *));
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn *insn);
const void *qemu_plugin_insn_data(const struct qemu_plugin_insn *insn);
size_t qemu_plugin_insn_size(const struct qemu_plugin_insn *insn);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn *insn,
					    void (*cb)(unsigned int vcpu, void *userdata),
					    enum qemu_plugin_cb_flags flags, void *userdata);
void qemu_plugin_register_vcpu_insn_exec_inline(struct qemu_plugin_insn *insn,
						enum qemu_plugin_op op, void *ptr, uint64_t imm);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id,
				    void (*cb)(qemu_plugin_id_t, void *), void *userdata);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

/* kernel text only: the upper half of the x86-64 address space */
#define KERNEL_START	0xffff800000000000ull
#define SLOTS_BITS	22		/* open addressing; a kernel runs ~100k addresses */
#define SLOTS		(1u << SLOTS_BITS)

struct slot {
	uint64_t addr;
	uint64_t count;
};

static struct slot *slots;
static uint64_t *at_mark;	/* the counts at the first mark */
static int marks;
static const char *out_path = "insn-count.out";

/* movl $0x45584d4f, %eax ("OMXE") */
static const unsigned char mark_insn[] = { 0xb8, 0x4f, 0x4d, 0x58, 0x45 };

static struct slot *slot_of(uint64_t addr)
{
	uint64_t h = (addr * 0x9e3779b97f4a7c15ull) >> (64 - SLOTS_BITS);

	for (;; h = (h + 1) & (SLOTS - 1)) {
		if (slots[h].addr == addr)
			return &slots[h];
		if (!slots[h].addr) {
			slots[h].addr = addr;
			return &slots[h];
		}
	}
}

/* the first mark keeps the counts so far; the second, the counts since */
static void on_mark(unsigned int vcpu, void *userdata)
{
	size_t i;

	(void)vcpu;
	(void)userdata;
	if (++marks == 1) {
		for (i = 0; i < SLOTS; i++)
			at_mark[i] = slots[i].count;
	} else if (marks == 2) {
		for (i = 0; i < SLOTS; i++)
			at_mark[i] = slots[i].count - at_mark[i];
	}
}

/* at translation: each kernel instruction adds one to its own counter when it runs */
static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t n = qemu_plugin_tb_n_insns(tb), i;

	(void)id;
	for (i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		uint64_t addr = qemu_plugin_insn_vaddr(insn);

		if (qemu_plugin_insn_size(insn) == sizeof(mark_insn) &&
		    !memcmp(qemu_plugin_insn_data(insn), mark_insn, sizeof(mark_insn)))
			qemu_plugin_register_vcpu_insn_exec_cb(insn, on_mark,
							       QEMU_PLUGIN_CB_NO_REGS, NULL);
		if (addr >= KERNEL_START)
			qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64,
								   &slot_of(addr)->count, 1);
	}
}

static void on_qemu_exit(qemu_plugin_id_t id, void *userdata)
{
	FILE *f = fopen(out_path, "w");
	size_t i;

	(void)id;
	(void)userdata;
	if (!f) {
		perror(out_path);
		return;
	}
	if (marks < 2)
		fprintf(stderr, "insn-count: %d marks; counting everything since boot\n", marks);
	for (i = 0; i < SLOTS; i++) {
		uint64_t count = marks >= 2 ? at_mark[i] : slots[i].count;

		if (count)
			fprintf(f, "%llx %llu\n", (unsigned long long)slots[i].addr,
				(unsigned long long)count);
	}
	if (fclose(f))
		perror(out_path);
}

__attribute__((visibility("default")))
int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv)
{
	int i;

	(void)info;
	for (i = 0; i < argc; i++) {
		if (!strncmp(argv[i], "out=", 4)) {
			out_path = argv[i] + 4;
		} else {
			fprintf(stderr, "insn-count: unknown option %s (out=FILE)\n", argv[i]);
			return -1;
		}
	}
	slots = calloc(SLOTS, sizeof(*slots));
	at_mark = calloc(SLOTS, sizeof(*at_mark));
	if (!slots || !at_mark)
		return -1;
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	qemu_plugin_register_atexit_cb(id, on_qemu_exit, NULL);
	return 0;
}
