/* sidecar_site.h - the web UIs a runtime's sidecars expose (ABI 1.4
 * mpd_sidecar_desc.urls: the mail catcher's inbox), served by the
 * runtime's frontdoor as the runtime's own site:
 *   https://<label>.<runtime>.mpd.test/  ->  <upstream> in the pod
 * The core gives it a DNS record (group "runtime-<rt>-site", the
 * runtime's address), a leaf certificate (label "runtime-<rt>-site") and
 * an entry in the
 * frontdoor's view:
 *   "runtime_site": {"name": "_runtime-<rt>", "cert": ..., "key": ...,
 *                    "urls": [{"label", "kind", "url",
 *                              "backend": {"type": "reverse-proxy",
 *                                          "upstream": ...}}]}
 * (the leading '_' cannot be a project's name). */
#ifndef MPD_SIDECAR_SITE_H
#define MPD_SIDECAR_SITE_H

#include <stddef.h>

#include "err.h"
#include "lifecycle_common.h"

struct runtime_def;

struct sidecar_site_url {
	char *label;		/* "mail" */
	char *upstream;		/* "http://127.0.0.1:1080" */
};

/* The URLs of every wanted sidecar of one runtime (owned strings). */
struct sidecar_site {
	struct sidecar_site_url *v;
	size_t n;
};

/* Copy `label`/`upstream` in.  MPD_ERR_PLUGIN for a label that cannot be
 * a host label, a label already listed, or an upstream that is not
 * http://127.0.0.1:<port>; `who` names the sidecar in the message. */
int sidecar_site_add(struct sidecar_site *s, const char *who,
		     const char *label, const char *upstream,
		     struct mpd_err *e);

/* Free what it holds; leaves it empty. */
void sidecar_site_free(struct sidecar_site *s);

/* Publish the site of runtime `d`: its certificate and DNS names when it
 * has URLs, none of them (the DNS group removed) when it has none; and,
 * with URLs, add "runtime_site" to the sidecar view JSON in *view (the
 * text from project_view_sidecar_json, replaced by a new malloc'ed text
 * the caller frees). */
int sidecar_site_publish(struct lc *l, const struct runtime_def *d,
			 const struct sidecar_site *s, char **view,
			 struct mpd_err *e);

/* Take the site of runtime `d` out of DNS (the runtime stops or goes):
 * its names answer nothing until the next publish. */
int sidecar_site_unpublish(const struct runtime_def *d, struct mpd_err *e);

#endif
