/* lifecycle.h - the VM-level commands: --setup, --start, --stop,
 * --restart, --status and `mpd list services`.
 *
 * Each takes its options and returns 0, or -1 with `e` set (the CLI prints
 * it and picks the exit code).  They print their progress (or nothing but
 * the result with json).  They share one shape: gather the VM
 * context (no podman), load the plugins, do the work with batched podman
 * calls, publish DNS records and the portal's view, refresh
 * current-state.json, and report what changed.
 */
#ifndef MPD_LIFECYCLE_H
#define MPD_LIFECYCLE_H

#include <stdbool.h>

#include "err.h"

struct lifecycle_opts {
	bool json;		/* machine output on stdout, no progress */
	bool preflight_done;	/* --setup: lifecycle_setup_preflight passed */
};

/* --setup's checks that change nothing (Debian, podman and the tools its
 * networking runs, passwordless sudo), run before the operation lock is
 * taken: a machine that cannot run mpd is told so without a trace. */
int lifecycle_setup_preflight(struct mpd_err *e);

int lifecycle_setup(const struct lifecycle_opts *o, struct mpd_err *e);
int lifecycle_start(const struct lifecycle_opts *o, struct mpd_err *e);
int lifecycle_stop(const struct lifecycle_opts *o, struct mpd_err *e);
int lifecycle_restart(const struct lifecycle_opts *o, struct mpd_err *e);
/* *healthy: every service is running. */
int lifecycle_status(const struct lifecycle_opts *o, bool *healthy,
		     struct mpd_err *e);
int lifecycle_images(const struct lifecycle_opts *o, struct mpd_err *e);
/* --check-hooks: the hook diagnostics (lifecycle_hooks.h), exit 0 with
 * warnings. */
int lifecycle_check_hooks(const struct lifecycle_opts *o, struct mpd_err *e);
int lifecycle_list_services(const struct lifecycle_opts *o, struct mpd_err *e);

/* The test hatch of the original: when set (non-empty), --stop and
 * --restart do not power off / reboot the VM. */
#define MPD_NO_POWEROFF_ENV "MPD_STOP_DOES_NOT_SHUTDOWN_VM"

#endif
