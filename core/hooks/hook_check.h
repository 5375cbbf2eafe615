/* hook_check.h - hook diagnostics: `mpd --check-hooks` and the end of
 * `mpd --setup` (docs/HOOKS.md, "Diagnostics").
 *
 * Walks every hooks directory of the assets (runtime-base, each runtime,
 * each runtime's project types, each DB engine, each service) and, given
 * their listings, the projects' own `.mpd/hooks`, and collects warnings:
 *
 *   Hook for unknown event '<e>' at <path>; remove or move.
 *   <path> subscribes to event '<e>' but the event no longer fires on
 *     this audience (<audience>; it fires on: <audiences>).
 *   <path>/<file> never runs: hooks are regular files named *.sh.
 *   Event '<e>' revised (rev a → rev b); review the hooks in <e>.d.
 *
 * The revisions are compared with state/hooks-state.json, then stamped
 * (hook_check_stamp).  Findings are warnings, never errors; an unreadable
 * directory or a broken state file is an error.
 */
#ifndef MPD_HOOK_CHECK_H
#define MPD_HOOK_CHECK_H

#include <stdbool.h>

#include "err.h"
#include "hook_events.h"
#include "strv.h"

struct hook_check {
	struct strv warnings;	/* one line each, owned */
	unsigned dirs;		/* <event>.d directories seen */
	unsigned scripts;	/* scripts in them that would run */
};

#define HOOK_CHECK_INIT { STRV_INIT, 0, 0 }

void hook_check_free(struct hook_check *c);

/* One `<name>` entry of a hooks directory shown as `path` for an
 * `audience`: name must be "<event>.d" of a known event of that
 * audience.  Returns the event, or NULL (a warning added). */
const struct hook_event *hook_check_event_dir(struct hook_check *c,
					      const char *path,
					      const char *name,
					      unsigned audience);

/* One file `name` found in an event directory shown as `dir`: counted,
 * or warned about when it would never run. */
void hook_check_file(struct hook_check *c, const char *dir, const char *name,
		     bool regular);

/* Every asset layer's hooks directory on this host. */
int hook_check_assets(struct hook_check *c, struct mpd_err *e);

/* Compare each event's revision with state/hooks-state.json (a warning
 * for each one that changed since it was stamped). */
int hook_check_revisions(struct hook_check *c, struct mpd_err *e);

/* Record every event's current revision in state/hooks-state.json (only
 * those that differ are written). */
int hook_check_stamp(struct mpd_err *e);

#endif
