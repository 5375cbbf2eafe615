/* lifecycle_hooks.h - the VM-level side of hooks (docs/HOOKS.md):
 * mpd-pre-stop in `mpd --stop`, and the diagnostics of `mpd --check-hooks`
 * and of the end of `mpd --setup`.  The project events are
 * project_hooks.h. */
#ifndef MPD_LIFECYCLE_HOOKS_H
#define MPD_LIFECYCLE_HOOKS_H

#include <stdbool.h>

#include "err.h"
#include "lifecycle_common.h"

/* Fire mpd-pre-stop in every DB container that runs in l->ps (the
 * database audience): CONTINUE, so a failing hook is reported and the
 * stop goes on.  -1 only when the scripts cannot be collected. */
int lc_hooks_mpd_pre_stop(struct lc *l, struct mpd_err *e);

/* The diagnostics: the asset layers, the revisions against
 * state/hooks-state.json, and with `projects` the own hooks of every
 * project in projects.json whose runtime runs (one exec each); warnings
 * on stderr under "Hook diagnostics:", a summary through lc_ok, then the
 * revisions stamped.  -1 only for an error (an unreadable directory, a
 * broken state file), never for a finding. */
int lc_check_hooks(struct lc *l, bool projects, struct mpd_err *e);

#endif
