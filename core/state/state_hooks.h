/* state_hooks.h - the last seen revision of each hook event:
 * state/hooks-state.json.
 *
 *   {"revisions": {"mpd-pre-stop": 1, "project-pre-start": 2}}
 *
 * An event name is kebab-case ([a-z0-9]+ joined by single '-'); a
 * revision is a whole number from 0 to STATE_HOOKS_REVISION_MAX.  Written
 * only through state_hooks_mark_revision(), under the state lock.  A
 * missing file has no revisions; a broken one is never replaced (see
 * state_projects.h for the error style).
 */
#ifndef MPD_STATE_HOOKS_H
#define MPD_STATE_HOOKS_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

#define STATE_HOOKS_REVISION_MAX 2147483647L

struct state_hook_revision {
	char *event;
	long revision;
};

/* Entries sorted by event. */
struct state_hooks {
	struct state_hook_revision *items;
	size_t n;
};

/* Free the entries and the array; leaves it empty. */
void state_hooks_free(struct state_hooks *h);

/* True when `event` is a usable event name (see above). */
bool state_hooks_event_ok(const char *event);

/* The recorded revision of `event` in *rev; false (and *rev untouched)
 * when there is none. */
bool state_hooks_get(const struct state_hooks *h, const char *event,
    long *rev);

/* Parse hooks-state.json text into *out (caller frees).  On failure *out
 * is empty, MPD_ERR_CORRUPT.  No I/O: for tests and the fuzz target. */
int state_hooks_parse(const char *label, const char *buf, size_t len,
    struct state_hooks *out, struct mpd_err *e);

/* Load hooks-state.json; a missing file has no revisions. */
int state_hooks_load(struct state_hooks *out, struct mpd_err *e);

/* Record `revision` as the last seen one for `event`.  MPD_ERR_INPUT for
 * a bad name or a revision out of range (nothing written). */
int state_hooks_mark_revision(const char *event, long revision,
    struct mpd_err *e);

#endif
