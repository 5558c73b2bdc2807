// SPDX-License-Identifier: GPL-2.0
/* Environment redaction's patterns: see emredact.h. */
#include "emredact.h"

static char em_fold(char c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

bool em_redact_pattern_ok(const char *pat, size_t size)
{
	size_t i;

	for (i = 0; i < size && pat[i]; i++)
		if (pat[i] <= ' ' || pat[i] > '~' || pat[i] == '=' || pat[i] == ',')
			return false;
	return i > 0 && i < size;
}

/*
 * '*' matches any run.  Greedy with one backtrack point, the last star:
 * a later star only moves it forward, so no more is needed, and the work is
 * at most the pattern's length times the name's.
 */
bool em_redact_match(const char *pat, const char *name, size_t len)
{
	const char *star = NULL;
	size_t i = 0, resume = 0;

	while (i < len) {
		if (*pat == '*') {
			star = ++pat;
			resume = i;
		} else if (*pat && em_fold(*pat) == em_fold(name[i])) {
			pat++;
			i++;
		} else if (star) {
			pat = star;
			i = ++resume;
		} else {
			return false;
		}
	}
	while (*pat == '*')
		pat++;
	return !*pat;
}
