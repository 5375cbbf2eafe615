/* frontdoor_backend.h - one urls.json backend as the directives of a
 * Caddyfile site (part of frontdoor_render.c's work, on its own so each
 * backend's grammar is in one place). */
#ifndef MPD_FRONTDOOR_BACKEND_H
#define MPD_FRONTDOOR_BACKEND_H

#include <stddef.h>

#include <json-c/json.h>

/* The directives for `backend` (a urls.json "backend" object) of project
 * `project` (already checked), each line starting with a tab:
 *   php-fpm        import mpd_deny, root, php_fastcgi { try_files, env },
 *                  file_server
 *   reverse-proxy  import mpd_deny_proxied, reverse_proxy
 *   redirect       redir <target> 302
 * Two backends render the same text exactly when they route the same way.
 * Returns the text, malloc'ed for the caller (free()), or NULL with a
 * one-line message in err[errlen] naming the project and the value that
 * was refused (or saying memory ran out). */
char *fd_backend_body(struct json_object *backend, const char *project,
		      char *err, size_t errlen);

/* The string member `key` of `o` (borrowed from `o`), or NULL when `o`
 * has none, it is not a string, or it holds a NUL byte. */
const char *fd_member_str(struct json_object *o, const char *key);

#endif
