/* state_config.h - the dev user detected at --setup: state/config.json.
 *
 *   {"uid": "1000", "user": "dev"}
 *
 * Both fields are required strings: uid is decimal digits, user a POSIX
 * user name ([A-Za-z0-9._-], not starting with '-').  Written only through
 * state_config_set(), under the state lock.  A missing file is an empty
 * config (both fields NULL); a broken one is never replaced (see
 * state_projects.h for the error style).
 */
#ifndef MPD_STATE_CONFIG_H
#define MPD_STATE_CONFIG_H

#include <stddef.h>

#include "err.h"

struct state_config {
	char *uid;		/* NULL when not set up yet */
	char *user;
};

/* Free both strings and zero the struct. */
void state_config_free(struct state_config *c);

/* Parse config.json text into *out (caller frees).  On failure *out is
 * empty, MPD_ERR_CORRUPT.  No I/O: for tests and the fuzz target. */
int state_config_parse(const char *label, const char *buf, size_t len,
    struct state_config *out, struct mpd_err *e);

/* Load config.json; a missing file leaves both fields NULL. */
int state_config_load(struct state_config *out, struct mpd_err *e);

/* Replace config.json with `c` (copied).  MPD_ERR_INPUT for a bad uid or
 * user (nothing written); an existing broken file is not replaced. */
int state_config_set(const struct state_config *c, struct mpd_err *e);

#endif
