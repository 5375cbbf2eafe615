/* names.h - the rules for project and runtime names, and the reserved words.
 *
 * A project name is `[a-z][a-z0-9]*(-[a-z0-9]+)*`, 2-63 characters, and not
 * a reserved word.  A runtime name is `[a-z][a-z0-9]+`, 2-63 characters.
 *
 * The project verbs live in exactly one place, mpd_verbs[], which the CLI
 * uses for dispatch.  The reserved words are those verbs plus `list` and
 * `project` (the two other first words the command line understands).
 */
#ifndef MPD_NAMES_H
#define MPD_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

#define MPD_NAME_MIN 2
#define MPD_NAME_MAX 63

/* The project verbs, in the order help lists them; NULL-terminated.
 * Static storage, never freed. */
extern const char *const mpd_verbs[];

/* True when `s` is one of mpd_verbs[] (exact, case-sensitive). */
bool mpd_is_verb(const char *s);

/* True when `s` is a verb, "list" or "project". */
bool mpd_name_is_reserved(const char *s);

/* 0 when `s` is a valid project name; else -1 with MPD_ERR_INPUT and a
 * one-line message naming the rule (or saying the word is reserved). */
int mpd_name_check_project(const char *s, struct mpd_err *e);

/* 0 when `s` is a valid runtime name; else -1 with MPD_ERR_INPUT. */
int mpd_name_check_runtime(const char *s, struct mpd_err *e);


#endif
