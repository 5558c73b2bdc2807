/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Environment redaction's patterns (include/uapi/linux/execmon.h says what
 * they match), for the module, which applies them, and for execmonctl,
 * which checks and edits them.
 */
#ifndef EM_REDACT_H
#define EM_REDACT_H

#include "emenv.h"

/*
 * The list the module starts with: names that hold secrets by convention
 * (tokens, passwords, keys, credentials, cookies, the cloud SDKs').  It
 * also takes some that do not (KEYBOARD, SSH_AUTH_SOCK): a value too many
 * is redacted rather than a secret too few.
 */
#define EM_REDACT_DEFAULT {						\
	"*TOKEN*", "*SECRET*", "*PASSWORD*", "*PASSWD*", "*PASSPHRASE*",	\
	"*_PASS", "*_PWD", "*KEY*", "*CREDENTIAL*", "*PRIVATE*", "*AUTH*",	\
	"*COOKIE*", "AWS_*", "AZURE_*",					\
}
#define EM_REDACT_DEFAULT_NR	14

/* Whether pat (NUL-terminated within EXECMON_REDACT_LEN) is a valid pattern. */
bool em_redact_pattern_ok(const char *pat, size_t size);

/* Whether the name of len bytes (no NUL needed) matches pat. */
bool em_redact_match(const char *pat, const char *name, size_t len);

#endif /* EM_REDACT_H */
