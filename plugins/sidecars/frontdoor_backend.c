/* frontdoor_backend.c - see frontdoor_backend.h. */
#include "frontdoor_backend.h"

#include <stdio.h>
#include <string.h>

#include <mpd/names.h>

#include "frontdoor_check.h"
#include "frontdoor_render.h"
#include "frontdoor_text.h"

#define FD_PROJECTS_DIR		MPD_VOLUME_TARGET "/projects"
#define FD_MAX_TRY_FILES	16

const char *
fd_member_str(struct json_object *o, const char *key)
{
	struct json_object *v;
	const char *s;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	s = json_object_get_string(v);
	if (s == NULL || strlen(s) != (size_t)json_object_get_string_len(v))
		return NULL;
	return s;
}

static char *
refused(char *err, size_t errlen, const char *project, const char *what,
	const char *value, const char *want)
{
	char shown[96];

	fd_errf(err, errlen, "project '%s': %s '%s' refused: %s", project,
	    what, fd_shown(value, shown, sizeof shown), want);
	return NULL;
}

static char *
taken(struct fd_text *t, char *err, size_t errlen)
{
	char *s = fd_text_take(t);

	if (s == NULL)
		fd_errf(err, errlen, "out of memory rendering the Caddyfile");
	return s;
}

/* The entry `i` of the JSON array `a` when it is a string without a NUL
 * byte that fd_check_try() accepts, else NULL. */
static const char *
try_entry(struct json_object *a, size_t i)
{
	struct json_object *e = json_object_array_get_idx(a, i);
	const char *s;

	if (!json_object_is_type(e, json_type_string))
		return NULL;
	s = json_object_get_string(e);
	if (strlen(s) != (size_t)json_object_get_string_len(e) ||
	    !fd_check_try(s))
		return NULL;
	return s;
}

/* " <entry>..." of the backend's tryFiles into `t` (the default when it
 * has none); 0, or -1 with err set. */
static int
try_files(struct fd_text *t, struct json_object *b, const char *project,
	  char *err, size_t errlen)
{
	struct json_object *tries = NULL;
	size_t n;

	if (!json_object_object_get_ex(b, "tryFiles", &tries) ||
	    tries == NULL) {
		fd_text_add(t, " " FD_DEFAULT_TRY_FILES);
		return 0;
	}
	if (!json_object_is_type(tries, json_type_array) ||
	    (n = json_object_array_length(tries)) > FD_MAX_TRY_FILES) {
		refused(err, errlen, project, "php-fpm tryFiles",
		    json_object_get_string(tries),
		    "use a list of at most 16 paths");
		return -1;
	}
	if (n == 0)
		fd_text_add(t, " " FD_DEFAULT_TRY_FILES);
	for (size_t i = 0; i < n; i++) {
		const char *s = try_entry(tries, i);

		if (s == NULL) {
			refused(err, errlen, project, "php-fpm tryFiles entry",
			    json_object_get_string(
			    json_object_array_get_idx(tries, i)),
			    "use [A-Za-z0-9._/?&=-], {path} and {query}");
			return -1;
		}
		fd_text_addf(t, " %s", s);
	}
	return 0;
}

static char *
php_fpm(struct json_object *b, const char *project, char *err, size_t errlen)
{
	const char *fastcgi = fd_member_str(b, "fastcgi");
	const char *root = fd_member_str(b, "root");
	struct fd_text t = {0};
	char dir[96];

	if (!fd_check_fastcgi(fastcgi))
		return refused(err, errlen, project, "php-fpm fastcgi", fastcgi,
		    "use 127.0.0.1:<port> or unix//srv/<path>");
	snprintf(dir, sizeof dir, FD_PROJECTS_DIR "/%s", project);
	if (!fd_check_path_in(root, dir))
		return refused(err, errlen, project, "php-fpm root", root,
		    "use the project's tree, /srv/projects/<project>[/<dir>]");
	fd_text_addf(&t, "\timport mpd_deny\n\troot * %s\n"
	    "\tphp_fastcgi %s {\n\t\ttry_files", root, fastcgi);
	if (try_files(&t, b, project, err, errlen) != 0) {
		fd_text_reset(&t);
		return NULL;
	}
	fd_text_add(&t, "\n\t\tenv SERVER_SOFTWARE "
	    "\"Apache/2.4 (mpd frontdoor)\"\n\t}\n\tfile_server\n");
	return taken(&t, err, errlen);
}

static char *
reverse_proxy(struct json_object *b, const char *project, char *err,
	      size_t errlen)
{
	const char *upstream = fd_member_str(b, "upstream");
	struct fd_text t = {0};
	char up[64];

	if (fd_upstream(upstream, up, sizeof up) != 0)
		return refused(err, errlen, project, "reverse-proxy upstream",
		    upstream, "use http://127.0.0.1:<port> or "
		    "http://localhost:<port>");
	fd_text_addf(&t, "\timport mpd_deny_proxied\n\treverse_proxy %s\n",
	    up);
	return taken(&t, err, errlen);
}

static char *
redirect(struct json_object *b, const char *project, char *err, size_t errlen)
{
	const char *target = fd_member_str(b, "target");
	struct fd_text t = {0};

	if (!fd_check_redirect(target))
		return refused(err, errlen, project, "redirect target", target,
		    "use https://<name>[:<port>]/<path> of "
		    "[A-Za-z0-9._~/?&=%+:@!,;-]");
	fd_text_addf(&t, "\tredir %s 302\n", target);
	return taken(&t, err, errlen);
}

char *
fd_backend_body(struct json_object *backend, const char *project, char *err,
		size_t errlen)
{
	const char *type;

	if (!json_object_is_type(backend, json_type_object))
		return refused(err, errlen, project, "backend",
		    json_object_get_string(backend), "use a JSON object");
	type = fd_member_str(backend, "type");
	if (type != NULL && strcmp(type, "php-fpm") == 0)
		return php_fpm(backend, project, err, errlen);
	if (type != NULL && strcmp(type, "reverse-proxy") == 0)
		return reverse_proxy(backend, project, err, errlen);
	if (type != NULL && strcmp(type, "redirect") == 0)
		return redirect(backend, project, err, errlen);
	return refused(err, errlen, project, "backend type", type,
	    "use php-fpm, reverse-proxy or redirect");
}
