/* sidecars.h - the containers a runtime pod carries beside its main one
 * (the frontdoor; later mail, WebDriver, Valkey), described by sidecar
 * plugins and reconciled by the core.
 *
 * The desired set of a runtime is its plugin's default_sidecars.  For each
 * desired sidecar the core asks the plugin to describe itself for the
 * runtime's projects (only those requested running), builds its image
 * when the inputs changed, creates it in the pod when it is missing,
 * recreates it when its revision label differs, and otherwise applies a
 * changed config by the plugin's reload step:
 *   config_path.new is written, the reload step runs in the sidecar, and
 *   only when it exits 0 is the file renamed over config_path (the config
 *   the sidecar boots with).  A rejected config is removed and reported;
 *   the sidecar keeps serving the old one.
 * Sidecars in the pod that are not desired any more are removed.
 */
#ifndef MPD_SIDECARS_H
#define MPD_SIDECARS_H

#include "err.h"
#include "lifecycle_common.h"

struct runtime_def;

/* Reconcile the sidecars of runtime `d` (its pod must exist) from l->ps.
 * Costs nothing when every sidecar is current and its config unchanged. */
int sidecars_reconcile(struct lc *l, const struct runtime_def *d,
		       struct mpd_err *e);

/* Build (only) the images of d's sidecars whose inputs changed. */
int sidecars_images(struct lc *l, const struct runtime_def *d,
		    struct mpd_err *e);

#endif
