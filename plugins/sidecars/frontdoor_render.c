/* frontdoor_render.c - see frontdoor_render.h. */
#include "frontdoor_render.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include <mpd/names.h>

#include "frontdoor_backend.h"
#include "frontdoor_check.h"
#include "frontdoor_text.h"

/* One site block: a project's hosts that share one backend. */
struct site {
	const char *project;		/* borrowed from the parsed JSON */
	const char *cert, *key;		/* borrowed, checked */
	char **hosts;			/* owned, sorted before output */
	size_t n_hosts;
	char *body;			/* owned: fd_backend_body() */
};

struct render {
	struct site *v;
	size_t n;
	char *err;
	size_t errlen;
};

static const char header[] =
"{\n"
"\tadmin " FD_ADMIN_ADDRESS "\n"
"\tauto_https off\n"
"}\n"
"\n"
"# dot-files and dot-directories (.git, .env, .htaccess, .mpd), mpd's and\n"
"# the project's configuration, PHP archives, dependency manifests and trees\n"
"(mpd_deny) {\n"
"\t@mpd_deny path */.* */mpd.env */config-mpd.php *.phar"
" */composer.json */composer.lock */package.json */package-lock.json"
" */phpunit.xml */compose.yaml */vendor/* */node_modules/*\n"
"\trespond @mpd_deny 404\n"
"}\n"
"\n"
"# a dev server behind reverse_proxy serves its own node_modules and\n"
"# pre-bundled dependencies (/node_modules/.vite/): deny the rest\n"
"(mpd_deny_proxied) {\n"
"\t@mpd_deny_proxied {\n"
"\t\tpath */.* */mpd.env */config-mpd.php\n"
"\t\tnot path /node_modules/.vite/*\n"
"\t}\n"
"\trespond @mpd_deny_proxied 404\n"
"}\n";

static void
sites_free(struct render *r)
{
	for (size_t i = 0; i < r->n; i++) {
		for (size_t h = 0; h < r->v[i].n_hosts; h++)
			free(r->v[i].hosts[h]);
		free(r->v[i].hosts);
		free(r->v[i].body);
	}
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

/* The message into r->err; -1. */
static int FD_PRINTF(2, 3)
fail(struct render *r, const char *fmt, ...)
{
	va_list ap;

	if (r->err != NULL && r->errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(r->err, r->errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static int
oom(struct render *r)
{
	return fail(r, "out of memory rendering the Caddyfile");
}

static int
add_host(struct render *r, struct site *s, const char *host)
{
	char **grown, *dup;

	for (size_t i = 0; i < s->n_hosts; i++)
		if (strcmp(s->hosts[i], host) == 0)
			return 0;	/* the same URL twice: one address */
	grown = realloc(s->hosts, (s->n_hosts + 1) * sizeof *grown);
	if (grown == NULL)
		return oom(r);
	s->hosts = grown;
	if ((dup = strdup(host)) == NULL)
		return oom(r);
	s->hosts[s->n_hosts++] = dup;
	return 0;
}

/* Add `host` with `body` (taken over) to project `p`'s sites. */
static int
add_url(struct render *r, const char *p, const char *cert, const char *key,
	const char *host, char *body)
{
	struct site *grown;

	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].project == p && strcmp(r->v[i].body, body) == 0) {
			free(body);
			return add_host(r, &r->v[i], host);
		}
	grown = realloc(r->v, (r->n + 1) * sizeof *grown);
	if (grown == NULL) {
		free(body);
		return oom(r);
	}
	r->v = grown;
	r->v[r->n] = (struct site){ p, cert, key, NULL, 0, body };
	r->n++;
	return add_host(r, &r->v[r->n - 1], host);
}

static int
project_tls(struct render *r, struct json_object *o, const char *name,
	    const char **cert, const char **key)
{
	static const char *const which[] = { "cert", "key" };
	const char **dst[] = { cert, key };
	char shown[96];

	for (int i = 0; i < 2; i++) {
		const char *v = fd_member_str(o, which[i]);

		if (!fd_check_path_in(v, MPD_CONTAINER_CERTS) ||
		    strcmp(v, MPD_CONTAINER_CERTS) == 0)
			return fail(r, "project '%s': %s '%s' refused: use a "
			    "file under " MPD_CONTAINER_CERTS, name, which[i],
			    fd_shown(v, shown, sizeof shown));
		*dst[i] = v;
	}
	return 0;
}

/* A project's sites (`site` NULL), or the runtime's own site (the web UIs
 * of its sidecars, named `site`: "_runtime-<rt>"). */
static int
add_project(struct render *r, struct json_object *o, size_t at,
	    const char *site)
{
	const char *name = NULL, *cert = NULL, *key = NULL;
	struct json_object *urls = NULL;
	char shown[96];
	size_t n;

	if (json_object_is_type(o, json_type_object))
		name = fd_member_str(o, "name");
	if (site != NULL && (name == NULL || strcmp(name, site) != 0))
		return fail(r, "runtime_site: name '%s' is not '%s'",
		    fd_shown(name, shown, sizeof shown), site);
	if (site == NULL && !fd_check_project(name))
		return fail(r, "projects[%zu]: name '%s' is not a project "
		    "name ([a-z][a-z0-9-]*)", at,
		    fd_shown(name, shown, sizeof shown));
	if (json_object_object_get_ex(o, "urls", &urls) && urls != NULL &&
	    !json_object_is_type(urls, json_type_array))
		return fail(r, "project '%s': urls is not a list", name);
	n = urls != NULL ? json_object_array_length(urls) : 0;
	for (size_t i = 0; i < n; i++) {
		struct json_object *u = json_object_array_get_idx(urls, i);
		struct json_object *backend = NULL;
		const char *url;
		char host[256], *body;

		if (!json_object_is_type(u, json_type_object))
			return fail(r, "project '%s': urls[%zu] is not an "
			    "object", name, i);
		if (!json_object_object_get_ex(u, "backend", &backend) ||
		    backend == NULL)
			continue;	/* shown, not served here */
		url = fd_member_str(u, "url");
		if (fd_url_host(url, host, sizeof host) != 0)
			return fail(r, "project '%s': url '%s' refused: use "
			    "https://<name>." MPD_ZONE "/ (lowercase, no "
			    "port, no path)", name,
			    fd_shown(url, shown, sizeof shown));
		if (cert == NULL && project_tls(r, o, name, &cert, &key) != 0)
			return -1;
		body = fd_backend_body(backend, name, r->err, r->errlen);
		if (body == NULL ||
		    add_url(r, name, cert, key, host, body) != 0)
			return -1;
	}
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct host_ref {
	const char *host;
	const struct site *s;
};

/* by host, then project: a message about a host two projects claim
 * names them in order */
static int
cmp_ref(const void *a, const void *b)
{
	const struct host_ref *x = a, *y = b;
	int c = strcmp(x->host, y->host);

	return c != 0 ? c : strcmp(x->s->project, y->s->project);
}

static int
cmp_site(const void *a, const void *b)
{
	const struct site *x = a, *y = b;
	int c = strcmp(x->project, y->project);

	return c != 0 ? c : strcmp(x->hosts[0], y->hosts[0]);
}

/* Sort hosts and sites; refuse a project listed twice and a host served
 * by two sites (Caddy refuses an ambiguous site address, and a host is
 * one project's). */
static int
sort_and_check(struct render *r, struct json_object *projects)
{
	struct host_ref *all;
	size_t n_all = 0, n_proj = json_object_array_length(projects);
	const char **names;
	int rc = 0;

	names = calloc(n_proj ? n_proj : 1, sizeof *names);
	if (names == NULL)
		return oom(r);
	for (size_t i = 0; i < n_proj; i++)
		names[i] = fd_member_str(json_object_array_get_idx(projects, i),
		    "name");
	qsort(names, n_proj, sizeof *names, cmp_str);
	for (size_t i = 1; i < n_proj && rc == 0; i++)
		if (strcmp(names[i - 1], names[i]) == 0)
			rc = fail(r, "project '%s' is listed twice",
			    names[i]);
	free(names);
	if (rc != 0)
		return rc;
	for (size_t i = 0; i < r->n; i++) {
		if (r->v[i].n_hosts > 1)
			qsort(r->v[i].hosts, r->v[i].n_hosts, sizeof(char *),
			    cmp_str);
		n_all += r->v[i].n_hosts;
	}
	if (r->n > 1)	/* qsort(NULL, 0, ...) is undefined */
		qsort(r->v, r->n, sizeof *r->v, cmp_site);
	all = calloc(n_all ? n_all : 1, sizeof *all);
	if (all == NULL)
		return oom(r);
	n_all = 0;
	for (size_t i = 0; i < r->n; i++)
		for (size_t h = 0; h < r->v[i].n_hosts; h++) {
			all[n_all].host = r->v[i].hosts[h];
			all[n_all++].s = &r->v[i];
		}
	qsort(all, n_all, sizeof *all, cmp_ref);
	for (size_t i = 1; i < n_all && rc == 0; i++) {
		if (strcmp(all[i - 1].host, all[i].host) != 0)
			continue;
		if (all[i - 1].s->project == all[i].s->project)
			rc = fail(r, "project '%s': %s has two different "
			    "backends", all[i].s->project, all[i].host);
		else
			rc = fail(r, "host %s is claimed by projects '%s' "
			    "and '%s'", all[i].host, all[i - 1].s->project,
			    all[i].s->project);
	}
	free(all);
	return rc;
}

static char *
emit(struct render *r, const char *runtime)
{
	struct fd_text t = {0};
	char *s;

	fd_text_addf(&t, "# the frontdoor of runtime %s: rendered by mpd from "
	    "its projects' urls.json; mpd replaces this file\n", runtime);
	fd_text_add(&t, header);
	for (size_t i = 0; i < r->n; i++) {
		const struct site *st = &r->v[i];

		fd_text_addf(&t, "\n# %s\n", st->project);
		for (size_t h = 0; h < st->n_hosts; h++)
			fd_text_addf(&t, "%shttps://%s", h ? ", " : "",
			    st->hosts[h]);
		fd_text_addf(&t, " {\n\ttls %s %s\n%s}\n", st->cert, st->key,
		    st->body);
	}
	if ((s = fd_text_take(&t)) == NULL)
		oom(r);
	return s;
}

int
fd_render(const char *projects_json, const char *runtime, char **out,
	  char *err, size_t errlen)
{
	struct render r = { NULL, 0, err, errlen };
	struct json_tokener *tok;
	struct json_object *top = NULL, *projects = NULL;
	const char *rt = NULL;
	char shown[96];
	size_t end;
	int rc = -1;

	*out = NULL;
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (projects_json == NULL)
		return fd_errf(err, errlen, "no projects_json to render");
	if ((tok = json_tokener_new()) == NULL)
		return oom(&r);
	top = json_tokener_parse_ex(tok, projects_json, -1);
	if (top == NULL ||
	    json_tokener_get_error(tok) != json_tokener_success) {
		fail(&r, "projects_json is not JSON: %s",
		    json_tokener_error_desc(json_tokener_get_error(tok)));
		goto done;
	}
	end = json_tokener_get_parse_end(tok);
	end += strspn(projects_json + end, " \t\r\n");
	if (projects_json[end] != '\0') {
		fail(&r, "projects_json holds more than one JSON value");
		goto done;
	}
	if (json_object_is_type(top, json_type_object))
		rt = fd_member_str(top, "runtime");
	if (!fd_check_runtime(rt)) {
		fail(&r, "projects_json: runtime '%s' is not a runtime name",
		    fd_shown(rt, shown, sizeof shown));
		goto done;
	}
	if (runtime != NULL && strcmp(rt, runtime) != 0) {
		fail(&r, "projects_json is for runtime '%s', not '%s'", rt,
		    runtime);
		goto done;
	}
	if (!json_object_object_get_ex(top, "projects", &projects) ||
	    !json_object_is_type(projects, json_type_array)) {
		fail(&r, "projects_json has no \"projects\" list");
		goto done;
	}
	for (size_t i = 0; i < json_object_array_length(projects); i++) {
		struct json_object *p = json_object_array_get_idx(projects, i);

		if (add_project(&r, p, i, NULL) != 0)
			goto done;
	}
	{
		struct json_object *site = NULL;
		char want[96];

		snprintf(want, sizeof want, "_runtime-%s", rt);
		if (json_object_object_get_ex(top, "runtime_site", &site) &&
		    add_project(&r, site, 0, want) != 0)
			goto done;
	}
	if (sort_and_check(&r, projects) != 0)
		goto done;
	if ((*out = emit(&r, rt)) != NULL)
		rc = 0;
done:
	sites_free(&r);
	json_object_put(top);
	json_tokener_free(tok);
	return rc;
}
