/* hook_collect.c - layer directories and their scripts (see
 * hook_collect.h). */
#include "hook_collect.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <mpd/names.h>

#include "paths.h"
#include "printable.h"
#include "strv.h"

void
hook_list_free(struct hook_list *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].path);
		free(l->v[i].host_path);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

int
hook_list_add(struct hook_list *l, const char *name, const char *path,
	      const char *host_path)
{
	struct hook_script *grown, *s;

	grown = realloc(l->v, (l->n + 1) * sizeof *grown);
	if (grown == NULL)
		return -1;
	l->v = grown;
	s = &l->v[l->n];
	s->name = strdup(name);
	s->path = strdup(path);
	s->host_path = host_path ? strdup(host_path) : NULL;
	if (s->name == NULL || s->path == NULL ||
	    (host_path != NULL && s->host_path == NULL)) {
		free(s->name);
		free(s->path);
		free(s->host_path);
		return -1;
	}
	l->n++;
	return 0;
}

bool
hook_name_ok(const char *name)
{
	size_t n = name ? strlen(name) : 0;

	return n > 3 && name[0] != '.' && strchr(name, '/') == NULL &&
	    strcmp(name + n - 3, ".sh") == 0;
}

/* A directory name from a definition: [A-Za-z0-9._-], not "." or "..". */
static int
plain(const char *what, const char *s, struct mpd_err *e)
{
	char q[80];

	if (s != NULL && *s != '\0' && strcmp(s, ".") != 0 &&
	    strcmp(s, "..") != 0 && strlen(s) < 48 &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789._-") == strlen(s))
		return 0;
	return mpd_err_set(e, MPD_ERR_INPUT, "hook layer: %s '%s' is not a "
	    "plain directory name", what, mpd_printable(s ? s : "", q,
	    sizeof q));
}

static void
layer(struct hook_layer *l, unsigned audience, const char *rel)
{
	l->audience = audience;
	snprintf(l->rel, sizeof l->rel, "%s", rel);
}

int
hook_layers_runtime(const char *asset_dir, const char *type,
		    struct hook_layer out[HOOK_LAYER_MAX], size_t *n,
		    struct mpd_err *e)
{
	char rel[192];

	*n = 0;
	if (plain("runtime asset dir", asset_dir, e) != 0 ||
	    (type != NULL && *type != '\0' && plain("project type", type,
	    e) != 0))
		return -1;
	layer(&out[(*n)++], HOOK_AUD_RUNTIME, "runtime-base/hooks");
	snprintf(rel, sizeof rel, "runtimes/%s/hooks", asset_dir);
	layer(&out[(*n)++], HOOK_AUD_RUNTIME, rel);
	if (type != NULL && *type != '\0') {
		snprintf(rel, sizeof rel, "runtimes/%s/project_types/%s/hooks",
		    asset_dir, type);
		layer(&out[(*n)++], HOOK_AUD_RUNTIME, rel);
	}
	return 0;
}

/* The one layer <kind>/<name>/hooks of a database engine or a service. */
static int
named_layer(const char *what, const char *kind, const char *name,
	    unsigned audience, struct hook_layer *out, struct mpd_err *e)
{
	char rel[192];

	if (plain(what, name, e) != 0)
		return -1;
	snprintf(rel, sizeof rel, "%s/%s/hooks", kind, name);
	layer(out, audience, rel);
	return 0;
}

int
hook_layer_database(const char *engine, struct hook_layer *out,
		    struct mpd_err *e)
{
	return named_layer("database engine", "dbs", engine,
	    HOOK_AUD_DATABASE, out, e);
}

int
hook_layer_service(const char *name, struct hook_layer *out,
		   struct mpd_err *e)
{
	return named_layer("service", "services", name, HOOK_AUD_SERVICE,
	    out, e);
}

/* The *.sh regular files of `dir` (host path), sorted, into `names`. */
static int
read_names(const char *dir, struct strv *names, struct mpd_err *e)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (d == NULL) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		return mpd_err_set(e, MPD_ERR_IO, "cannot read hook directory "
		    "%s: %s", dir, strerror(errno));
	}
	while ((de = readdir(d)) != NULL) {
		char path[4096];
		struct stat st;

		if (!hook_name_ok(de->d_name))
			continue;
		if ((size_t)snprintf(path, sizeof path, "%s/%s", dir,
		    de->d_name) >= sizeof path ||
		    stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		strv_push(names, de->d_name);
	}
	closedir(d);
	if (names->oom)
		return mpd_err_set(e, MPD_ERR_IO, "out of memory");
	strv_sort(names->v, names->len);
	return 0;
}

int
hook_collect(const struct hook_event *ev, const struct hook_layer *layers,
	     size_t n, struct hook_list *out, struct mpd_err *e)
{
	const char *assets = mpd_path(MPD_PATH_ASSETS);

	for (size_t i = 0; i < n; i++) {
		struct strv names = STRV_INIT;
		char dir[4096];
		int rc;

		snprintf(dir, sizeof dir, "%s/%s/%s.d", assets, layers[i].rel,
		    ev->name);
		rc = read_names(dir, &names, e);
		for (size_t k = 0; rc == 0 && k < names.len; k++) {
			char host[4352], cont[512];

			snprintf(host, sizeof host, "%s/%s", dir, names.v[k]);
			snprintf(cont, sizeof cont, "%s/%s/%s.d/%s",
			    MPD_CONTAINER_ASSETS, layers[i].rel, ev->name,
			    names.v[k]);
			if (hook_list_add(out, names.v[k], cont, host) != 0)
				rc = mpd_err_set(e, MPD_ERR_IO, "out of memory");
		}
		strv_reset(&names);
		if (rc != 0)
			return -1;
	}
	return 0;
}
