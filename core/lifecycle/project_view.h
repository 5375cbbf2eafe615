/* project_view.h - what the core hands to the plugins about projects:
 * the sidecar input of a runtime (docs/RUNTIMES.md, "The frontdoor"),
 * built from state/projects.json. */
#ifndef MPD_PROJECT_VIEW_H
#define MPD_PROJECT_VIEW_H

#include <stddef.h>

#include "err.h"

/* The certificate label of project `p` ("project-<p>") into buf. */
const char *project_cert_label(const char *p, char *buf, size_t n);

/* {"runtime": R, "projects": [{"name", "cert", "key", "urls"
 * [, "sidecars"]}]} for the
 * projects on runtime `runtime` that are requested running, sorted by
 * name; cert and key are the paths a frontdoor sees (MPD_CONTAINER_CERTS).
 * *out is malloc'ed for the caller (free()). */
int project_view_sidecar_json(const char *runtime, char **out,
			      struct mpd_err *e);

#endif
