/* project_restore.h - what makes a project reachable: its certificate
 * (SANs from its URLs), its DNS records (while it runs), and bringing the
 * running projects of a runtime back after the runtime (re)started. */
#ifndef MPD_PROJECT_RESTORE_H
#define MPD_PROJECT_RESTORE_H

#include <stdbool.h>

#include "err.h"
#include "lifecycle_common.h"
#include "state_projects.h"

struct runtime_def;

/* The distinct mpd.test host names of p's URLs, sorted, as a strv the
 * caller frees (empty when none).  -1 with MPD_ERR_INPUT naming the URL
 * when one is not https://<name under mpd.test>[/...]. */
int project_hosts(const struct state_project *p, char ***out,
		  struct mpd_err *e);

/* Issue (or keep) the project's leaf for its hosts; none: nothing. */
int project_cert_ensure(struct lc *l, const struct state_project *p,
			struct mpd_err *e);

/* Publish (up) or withdraw p's DNS records, pointing at `ip`. */
int project_dns(const struct state_project *p, const char *ip, bool up,
		struct mpd_err *e);

/* For every project of runtime `d` requested running: its setup step in
 * the runtime, certificate and DNS records. */
int projects_restore(struct lc *l, const struct runtime_def *d,
		     struct mpd_err *e);

/* Withdraw the DNS records of every project of runtime `d`. */
int projects_unpublish(struct lc *l, const struct runtime_def *d,
		       struct mpd_err *e);

#endif
