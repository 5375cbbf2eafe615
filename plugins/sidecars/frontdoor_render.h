/* frontdoor_render.h - the frontdoor's Caddyfile, rendered from the
 * sidecar input's projects_json (docs/RUNTIMES.md, "The frontdoor").
 *
 * A pure function: the same JSON renders byte-identical text, whatever
 * the order of its projects and URLs.  The text is
 *   - the global block (always the same admin address: Caddy moves its
 *     admin API when a config without one is loaded), automatic HTTPS
 *     off (certificates are mpd's leaves);
 *   - two snippets answering 404 for what a site must never serve:
 *     (mpd_deny) for php-fpm sites, (mpd_deny_proxied) for reverse-proxy
 *     sites (a dev server serves its own dot-paths and node_modules);
 *   - one site per project and backend: the project's URLs that share an
 *     identical backend, sorted by project name and then first host.
 * Every value from the JSON is checked first (frontdoor_check.h); the
 * first one refused fails the whole render with a message naming the
 * project and the value, and nothing is rendered. */
#ifndef MPD_FRONTDOOR_RENDER_H
#define MPD_FRONTDOOR_RENDER_H

#include <stddef.h>

/* The admin API address the Caddyfile gives and the reload step uses. */
#define FD_ADMIN_ADDRESS	"localhost:2019"

/* try_files when a php-fpm backend gives none. */
#define FD_DEFAULT_TRY_FILES	"{path} {path}/index.php /index.php"

/* Render `projects_json` for runtime `runtime` (the JSON's "runtime" must
 * equal it; NULL: any valid runtime name).  0 with *out = the Caddyfile,
 * malloc'ed for the caller (free()); -1 with *out = NULL and a one-line
 * message in err[errlen] (bad input, or out of memory). */
int fd_render(const char *projects_json, const char *runtime, char **out,
	      char *err, size_t errlen);

#endif
