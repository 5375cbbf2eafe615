/* lifecycle_common.h - what the lifecycle commands share (lifecycle.c,
 * lifecycle_setup.c): the command context, step output, change tracking,
 * publishing DNS records and the portal view, current-state.json. */
#ifndef MPD_LIFECYCLE_COMMON_H
#define MPD_LIFECYCLE_COMMON_H

#include <stdarg.h>
#include <stdbool.h>

#include "err.h"
#include "lifecycle.h"
#include "plugin_loader.h"
#include "podman_ps.h"
#include "services.h"
#include "vm_context.h"

#define LC_MAX_CHANGED 32

struct lc {
	struct vm_context vm;
	struct plugin_registry reg;
	bool reg_loaded;
	struct services_report rep;
	struct podman_ps_list ps;	/* the one listing this command took */
	bool json;
	int changes;
	char changed[LC_MAX_CHANGED][96];
	int n_changed;
};

/* Gather the VM context, load plugins, wire the host services. */
int lc_open(struct lc *l, const struct cli_cmd *cmd, struct mpd_err *e);
void lc_close(struct lc *l);
/* Print e, close, return the failure exit code. */
int lc_fail(struct lc *l, struct mpd_err *e);
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
/* current-state.json from l->ps. */
int lc_refresh_current(struct lc *l, struct mpd_err *e);

#endif
