/* SPDX-License-Identifier: GPL-2.0 */
/* A minimal harness for host tests: CHECK() reports and counts, main returns the verdict. */
#ifndef EM_TEST_CHECK_H
#define EM_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

static int em_failures;

#define CHECK(cond, ...) do {						\
	if (!(cond)) {							\
		em_failures++;						\
		fprintf(stderr, "%s:%d: CHECK(%s) failed: ", __FILE__, __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__);				\
		fputc('\n', stderr);					\
	}								\
} while (0)

#define CHECK_STREQ(got, want) \
	CHECK(!strcmp((got), (want)), "\n   got: %s\n  want: %s", (got), (want))

#endif /* EM_TEST_CHECK_H */
