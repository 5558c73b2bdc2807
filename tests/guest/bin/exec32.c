// SPDX-License-Identifier: GPL-2.0
/*
 * exec32 ABI CALL PATH ARG...: an exec through a 32-bit entry from this
 * 64-bit process, its strings and pointer arrays below 4 GiB.
 *   ABI  ia32 (int $0x80) or x32 (syscall with the x32 bit)
 *   CALL execve, or execveat (AT_FDCWD)
 * argv is {PATH, ARG...}.  On failure prints the errno's number and exits
 * 0; exits 3 when the kernel has no such entry (ENOSYS), 1 on other errors.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static char *low;
static size_t used;

static uint32_t put(const void *p, size_t n)
{
	uint32_t at = (uint32_t)(uintptr_t)(low + used);

	memcpy(low + used, p, n);
	used += (n + 7) & ~7UL;
	return at;
}

int main(int argc, char **argv)
{
	uint32_t args[64], envp[1] = { 0 }, a, e, f;
	bool at;
	long ret;
	int i;

	if (argc < 4 || argc - 3 > 62)
		return 2;
	at = !strcmp(argv[2], "execveat");
	low = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT,
		   -1, 0);
	if (low == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	f = put(argv[3], strlen(argv[3]) + 1);
	for (i = 3; i < argc; i++)
		args[i - 3] = put(argv[i], strlen(argv[i]) + 1);
	args[argc - 3] = 0;
	a = put(args, (argc - 2) * sizeof(args[0]));
	e = put(envp, sizeof(envp));
	if (!strcmp(argv[1], "ia32")) {
		long nr = at ? 358 : 11;	/* __NR_execveat, __NR_execve (i386) */

		if (at)
			__asm__ volatile("int $0x80" : "=a"(ret)
					 : "a"(nr), "b"(-100), "c"(f), "d"(a), "S"(e), "D"(0)
					 : "memory");
		else
			__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(f), "c"(a), "d"(e)
					 : "memory");
	} else if (!strcmp(argv[1], "x32")) {
		long nr = 0x40000000L | (at ? 545 : 520);	/* x32's execveat, execve */
		register long r10 __asm__("r10") = e;
		register long r8 __asm__("r8") = 0;

		if (at)
			__asm__ volatile("syscall" : "=a"(ret)
					 : "a"(nr), "D"(-100), "S"((long)f), "d"((long)a), "r"(r10), "r"(r8)
					 : "rcx", "r11", "memory");
		else
			__asm__ volatile("syscall" : "=a"(ret)
					 : "a"(nr), "D"((long)f), "S"((long)a), "d"((long)e)
					 : "rcx", "r11", "memory");
	} else {
		return 2;
	}
	/* ia32 returns a 32-bit value */
	ret = (int)ret;
	if (ret == -ENOSYS)
		return 3;
	printf("%ld\n", -ret);
	return 0;
}
