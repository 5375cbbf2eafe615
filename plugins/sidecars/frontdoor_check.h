/* frontdoor_check.h - what the frontdoor accepts from a project's urls.json
 * before any of it reaches a Caddyfile.  Every value is checked against a
 * small grammar with no Caddyfile syntax in it (no blanks, quotes, braces,
 * backslashes or '#'), so a hostile urls.json cannot add a directive, a
 * site or a placeholder.  Pure functions: they read their arguments only. */
#ifndef MPD_FRONTDOOR_CHECK_H
#define MPD_FRONTDOOR_CHECK_H

#include <stddef.h>

/* Longest value any check accepts (hosts are shorter still: 253). */
#define FD_VALUE_MAX	512

/* 1 when `s` is a project name as mpd makes them: [a-z][a-z0-9-]*, no
 * leading, trailing or double dash, at most 63 characters. */
int fd_check_project(const char *s);

/* 1 when `s` is a runtime name: [a-z][a-z0-9]*, at most 63 characters. */
int fd_check_runtime(const char *s);

/* 1 when `s` is a lowercase DNS name with at least one label under
 * mpd.test ("a.mpd.test"; not "mpd.test" itself), labels [a-z0-9-] not
 * starting or ending with '-', at most 253 characters. */
int fd_check_host(const char *s);

/* The host of `url` = "https://<host>" or "https://<host>/" with an
 * fd_check_host() host, into out[n]; 0, or -1 for anything else (another
 * scheme, a port, a path, a query, user info). */
int fd_url_host(const char *url, char *out, size_t n);

/* 1 when `p` is `dir` itself or a path below it: absolute, of
 * [A-Za-z0-9._-] segments separated by single '/', no "." or ".."
 * segment, no trailing '/', at most FD_VALUE_MAX characters.  `dir` is
 * trusted (the caller's constant), without a trailing '/'. */
int fd_check_path_in(const char *p, const char *dir);

/* 1 when `s` is a php-fpm address: "127.0.0.1:<port>" (1-65535, no
 * leading zero), or "unix/" + a socket path under /srv (the only file
 * system the frontdoor shares with the runtime). */
int fd_check_fastcgi(const char *s);

/* A reverse-proxy upstream "http://127.0.0.1:<port>" or
 * "http://localhost:<port>", optionally with a trailing '/' (dropped: a
 * Caddy upstream has no path), into out[n]; 0 or -1. */
int fd_upstream(const char *s, char *out, size_t n);

/* 1 when `s` is a redirect target: "https://<lowercase DNS name>", an
 * optional ":<port>", then nothing or a '/' and characters of
 * [A-Za-z0-9._~/?&=%+:@!,;-] (no '#', no placeholder braces). */
int fd_check_redirect(const char *s);

/* 1 when `s` is one try_files entry: [A-Za-z0-9._/?&=-] and the
 * placeholders {path} and {query}, 1 to 256 characters. */
int fd_check_try(const char *s);

#endif
