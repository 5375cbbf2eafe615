/* lifecycle_common.h - what the lifecycle actions share (lifecycle.c,
 * lifecycle_setup.c; implemented in lifecycle_common.c): the command's
 * context, step output, change tracking, publishing DNS records and the
 * portal view, current-state.json. */
#ifndef MPD_LIFECYCLE_COMMON_H
#define MPD_LIFECYCLE_COMMON_H

#include <stdarg.h>
#include <stdbool.h>

#include "action_ctx.h"
#include "err.h"
#include "lifecycle.h"
#include "podman_ps.h"
#include "services.h"

#define LC_MAX_CHANGED 32

struct lc {
	struct action_ctx ctx;		/* VM context, plugins, host services */
	struct services_report rep;
	struct podman_ps_list ps;	/* the one listing this command took */
	bool json;
	int changes;
	char changed[LC_MAX_CHANGED][96];
	int n_changed;
};

/* Zero `l`, then open its action_ctx (VM context, plugins, host services)
 * and warn about refused plugins.  lc_close is safe after any outcome. */
int lc_open(struct lc *l, const struct lifecycle_opts *o, struct mpd_err *e);
void lc_close(struct lc *l);
/* Run an action's body on a zeroed `struct lc` and close it whatever the
 * body returned (which it returns). */
int lc_run(int (*body)(struct lc *l, const struct lifecycle_opts *o,
		       struct mpd_err *e),
	   const struct lifecycle_opts *o, struct mpd_err *e);
/* -1 with a fix-it when --setup never ran. */
int lc_require_setup(struct mpd_err *e);
/* Ensure the CA and put its fingerprint into the service input. */
int lc_ca(struct lc *l, int *generated, struct mpd_err *e);

void lc_step(const struct lc *l, const char *what);
void lc_ok(const struct lc *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void lc_changed(struct lc *l, const char *what);

/* Record and print what services_ensure did. */
void lc_report_services(struct lc *l);
/* DNS records for the services (and vm.service.mpd.test) and the portal's
 * files, each written only when changed. */
int lc_publish(struct lc *l, struct mpd_err *e);
/* Replace l->ps with a fresh `podman ps` (after changes). */
int lc_ps_refresh(struct lc *l, struct mpd_err *e);
/* current-state.json from l->ps. */
int lc_refresh_current(struct lc *l, struct mpd_err *e);

#endif
