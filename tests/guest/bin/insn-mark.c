// SPDX-License-Identifier: GPL-2.0
/*
 * A mark for tests/qemu/insn-count.c: the instructions the guest kernel
 * runs between two of these count (tests/profile).  Anywhere else it is
 * one move into a register.
 */
int main(void)
{
	__asm__ volatile("movl $0x45584d4f, %%eax" ::: "eax");
	return 0;
}
