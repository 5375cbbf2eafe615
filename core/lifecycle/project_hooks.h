/* project_hooks.h - the project events (docs/HOOKS.md): project-pre-start,
 * project-post-start and project-pre-stop for one project, from the
 * asset layers of each event's audiences and the project's own hooks
 * (the `*.sh` in <tree>/.mpd/hooks/<event>.d, run as the dev user in its runtime's
 * main container with the tree as working directory, after the asset
 * layers).
 *
 * The project's own hooks live in the data volume, which only the
 * containers see: project_hooks_list asks the runtime once per verb
 * (assets/runtime-base/lib/mpd-hooks-list.sh) and keeps the answer for
 * every event the verb fires.
 */
#ifndef MPD_PROJECT_HOOKS_H
#define MPD_PROJECT_HOOKS_H

#include <stddef.h>

#include "err.h"
#include "hook_check.h"
#include "hook_collect.h"
#include "hook_events.h"
#include "lifecycle_common.h"
#include "state_projects.h"

struct runtime_def;

#define PROJECT_HOOKS_LIST_SCRIPT \
	MPD_CONTAINER_ASSETS "/runtime-base/lib/mpd-hooks-list.sh"

/* The project's own scripts per event (empty for events that do not
 * reach the project audience). */
struct project_hooks {
	struct hook_list own[HOOK_EVENT_COUNT];
};

void project_hooks_free(struct project_hooks *ph);

/* The listing of <tree>/.mpd/hooks from the running runtime `d` (one
 * podman exec, as the dev user): *out is malloc'ed for the caller
 * (free()).  Lines: "D <dir>", "F <dir>/<file>" (a regular file), "X
 * <dir>/<entry>" (anything else), "N <entry>" (a non-directory in
 * hooks/), in name order. */
int project_hooks_listing(struct lc *l, const struct runtime_def *d,
			  const char *project, char **out, struct mpd_err *e);

/* project_hooks_listing turned into the scripts each event runs (*ph is
 * the caller's: project_hooks_free). */
int project_hooks_list(struct lc *l, const struct runtime_def *d,
		       const char *project, struct project_hooks *ph,
		       struct mpd_err *e);

/* The listing's findings for hook_check (unknown events, audience
 * mismatches, files that never run) for the project `project`. */
void project_hooks_check(struct hook_check *c, const char *project,
			 const char *listing);

/* How many scripts firing `id` for `p` would run (asset layers and own). */
int project_hooks_count(struct lc *l, const struct runtime_def *d,
			const struct state_project *p, enum hook_event_id id,
			const struct project_hooks *ph, size_t *n,
			struct mpd_err *e);

/* Fire `id` for `p` (in its runtime `d`, running): the asset layers of
 * the event's audiences (the project's DB container for the database
 * audience, its runtime's main container as the dev user for the
 * runtime audience), then the project's own hooks.  0 when the verb may
 * go on (hook_run). */
int project_hooks_fire(struct lc *l, const struct runtime_def *d,
		       const struct state_project *p, enum hook_event_id id,
		       const struct project_hooks *ph, struct mpd_err *e);

#endif
