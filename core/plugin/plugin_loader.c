/* plugin_loader.c - find, validate and load plugins (see plugin_loader.h). */
#include "plugin_loader.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "log.h"
#include "plugin_host.h"

#ifndef MPD_PLUGINDIR
#define MPD_PLUGINDIR "/opt/mpd/lib/mpd/plugins"
#endif

/* Sizes as of ABI 1.0; a plugin may hand in more (a newer minor of the
 * same major is refused anyway), never less. */
#define DESC_MIN_SIZE (offsetof(struct mpd_plugin, ops_size) + sizeof(uint32_t))

const char *
plugin_kind_name(uint32_t kind)
{
	switch (kind) {
	case MPD_PLUGIN_RUNTIME:	return "runtime";
	case MPD_PLUGIN_SERVICE:	return "service";
	case MPD_PLUGIN_SIDECAR:	return "sidecar";
	case MPD_PLUGIN_DB_ENGINE:	return "db-engine";
	case MPD_PLUGIN_CERT_BACKEND:	return "cert-backend";
	default:			return "?";
	}
}

size_t
plugin_ops_min_size(uint32_t kind)
{
	switch (kind) {
	case MPD_PLUGIN_RUNTIME:	return sizeof(struct mpd_runtime_ops);
	case MPD_PLUGIN_SERVICE:	return sizeof(struct mpd_service_ops);
	case MPD_PLUGIN_SIDECAR:	return sizeof(struct mpd_sidecar_ops);
	case MPD_PLUGIN_DB_ENGINE:	return sizeof(struct mpd_db_engine_ops);
	case MPD_PLUGIN_CERT_BACKEND:	return sizeof(struct mpd_cert_backend_ops);
	default:			return 0;
	}
}

char **
plugin_dirs_default(void)
{
	const char *env = getenv("MPD_PLUGIN_PATH");
	const char *src = (env != NULL && *env != '\0') ? env : MPD_PLUGINDIR;
	size_t n = 1;
	char **v, *copy, *tok, *save = NULL;
	size_t i = 0;

	for (const char *s = src; *s; s++)
		n += (*s == ':');
	v = calloc(n + 1, sizeof *v);
	copy = strdup(src);
	if (v == NULL || copy == NULL) {
		free(v);
		free(copy);
		return NULL;
	}
	for (tok = strtok_r(copy, ":", &save); tok != NULL;
	     tok = strtok_r(NULL, ":", &save)) {
		v[i] = strdup(tok);
		if (v[i] == NULL) {
			plugin_dirs_free(v);
			free(copy);
			return NULL;
		}
		i++;
	}
	free(copy);
	return v;
}

void
plugin_dirs_free(char **dirs)
{
	if (dirs == NULL)
		return;
	for (char **d = dirs; *d; d++)
		free(*d);
	free(dirs);
}

static int
name_from_path(const char *path, char *name, size_t size, struct mpd_err *e)
{
	const char *base = strrchr(path, '/');
	size_t len;

	base = base ? base + 1 : path;
	len = strlen(base);
	if (len < 4 || strcmp(base + len - 3, ".so") != 0)
		return mpd_err_set(e, MPD_ERR_PLUGIN,
		    "%s: not a plugin file (expected NAME.so)", path);
	len -= 3;
	if (len == 0 || len > 63 || len >= size)
		return mpd_err_set(e, MPD_ERR_PLUGIN,
		    "%s: plugin name must be 1-63 characters", path);
	for (size_t i = 0; i < len; i++) {
		char c = base[i];
		int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    (i > 0 && (c == '-' || c == '_'));

		if (!ok)
			return mpd_err_set(e, MPD_ERR_PLUGIN,
			    "%s: plugin file names use [a-z0-9][a-z0-9_-]*; rename it",
			    path);
	}
	memcpy(name, base, len);
	name[len] = '\0';
	return 0;
}

static int
check_file(const char *path, struct mpd_err *e)
{
	struct stat st;
	char dir[PATH_MAX];
	const char *slash;

	if (lstat(path, &st) != 0)
		return mpd_err_set(e, MPD_ERR_PLUGIN, "%s: %s", path,
		    strerror(errno));
	if (!S_ISREG(st.st_mode))
		return mpd_err_set(e, MPD_ERR_PLUGIN,
		    "%s: not a regular file (symlinks are refused); install the .so itself",
		    path);
	if (st.st_mode & S_IWOTH)
		return mpd_err_set(e, MPD_ERR_PLUGIN,
		    "%s: refused, the file is world-writable; fix: chmod o-w %s",
		    path, path);
	slash = strrchr(path, '/');
	if (slash != NULL && (size_t)(slash - path) < sizeof dir) {
		size_t n = (slash == path) ? 1 : (size_t)(slash - path);

		memcpy(dir, path, n);
		dir[n] = '\0';
		if (stat(dir, &st) == 0 && (st.st_mode & S_IWOTH) &&
		    !(st.st_mode & S_ISVTX))
			return mpd_err_set(e, MPD_ERR_PLUGIN,
			    "%s: refused, its directory is world-writable; fix: chmod o-w %s",
			    path, dir);
	}
	return 0;
}

/* When the v1 entry is missing, say which major the file was built for. */
static int
explain_missing_entry(void *dl, const char *path, struct mpd_err *e)
{
	char sym[32];

	for (int major = 0; major < 100; major++) {
		if (major == MPD_ABI_MAJOR)
			continue;
		snprintf(sym, sizeof sym, "mpd_plugin_entry_v%d", major);
		if (dlsym(dl, sym) != NULL)
			return mpd_err_set(e, MPD_ERR_PLUGIN,
			    "%s: built for plugin ABI %d, this mpd speaks ABI %d; rebuild it against this mpd's SDK",
			    path, major, MPD_ABI_MAJOR);
	}
	return mpd_err_set(e, MPD_ERR_PLUGIN,
	    "%s: no %s symbol; build it with MPD_PLUGIN_DEFINE() from <mpd/plugin.h>",
	    path, MPD_PLUGIN_ENTRY_NAME);
}

static int
check_descriptor(const struct mpd_plugin *d, const char *path,
		 const char *name, struct mpd_err *e)
{
	size_t min;
	uint32_t ops_struct_size;

	if (d == NULL)
		return mpd_err_set(e, MPD_ERR_PLUGIN,
		    "%s: the entry function returned no descriptor", path);
	if (d->abi_major != MPD_ABI_MAJOR)
		return mpd_err_set(e, MPD_ERR_PLUGIN,
		    "%s: built for plugin ABI %u.%u, this mpd speaks ABI %d.%d; rebuild it against this mpd's SDK",
		    path, d->abi_major, d->abi_minor, MPD_ABI_MAJOR,
		    MPD_ABI_MINOR);
	if (d->abi_minor > MPD_ABI_MINOR)
		return mpd_err_set(e, MPD_ERR_PLUGIN,
		    "%s: needs plugin ABI %u.%u, newer than this mpd's %d.%d; upgrade mpd or rebuild the plugin against this SDK",
		    path, d->abi_major, d->abi_minor, MPD_ABI_MAJOR,
		    MPD_ABI_MINOR);
	if (d->struct_size < DESC_MIN_SIZE)
		return mpd_err_set(e, MPD_ERR_PLUGIN,
		    "%s: truncated descriptor (%u bytes, ABI %d.0 needs %zu); build it with MPD_PLUGIN_DEFINE()",
		    path, d->struct_size, MPD_ABI_MAJOR, DESC_MIN_SIZE);
	min = plugin_ops_min_size(d->kind);
	if (min == 0)
		return mpd_err_set(e, MPD_ERR_PLUGIN,
		    "%s: unknown plugin kind %u", path, d->kind);
	if (d->name == NULL || strcmp(d->name, name) != 0)
		return mpd_err_set(e, MPD_ERR_PLUGIN,
		    "%s: descriptor name '%s' does not match the file name '%s'; name the file %s.so",
		    path, d->name ? d->name : "(null)", name,
		    d->name ? d->name : "NAME");
	if (d->version == NULL)
		return mpd_err_set(e, MPD_ERR_PLUGIN,
		    "%s: descriptor has no version string", path);
	if (d->ops == NULL)
		return mpd_err_set(e, MPD_ERR_PLUGIN,
		    "%s: descriptor has no ops table", path);
	memcpy(&ops_struct_size, d->ops, sizeof ops_struct_size);
	if (d->ops_size < min || ops_struct_size < min)
		return mpd_err_set(e, MPD_ERR_PLUGIN,
		    "%s: truncated %s ops table (%u bytes, ABI %d.0 needs %zu); set its struct_size to sizeof the table",
		    path, plugin_kind_name(d->kind),
		    d->ops_size < ops_struct_size ? d->ops_size : ops_struct_size,
		    MPD_ABI_MAJOR, min);
	return 0;
}

int
plugin_load_file(const char *path, struct plugin_loaded *out,
		 struct mpd_err *e)
{
	char name[64];
	void *dl;
	mpd_plugin_entry_fn entry;
	const struct mpd_plugin *d;

	memset(out, 0, sizeof *out);
	if (name_from_path(path, name, sizeof name, e) != 0 ||
	    check_file(path, e) != 0)
		return -1;
	dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (dl == NULL)
		return mpd_err_set(e, MPD_ERR_PLUGIN, "%s: cannot load: %s",
		    path, dlerror());
	*(void **)(&entry) = dlsym(dl, MPD_PLUGIN_ENTRY_NAME);
	if (entry == NULL) {
		explain_missing_entry(dl, path, e);
		dlclose(dl);
		return -1;
	}
	d = entry();
	if (check_descriptor(d, path, name, e) != 0) {
		dlclose(dl);
		return -1;
	}
	out->name = strdup(name);
	out->path = strdup(path);
	if (out->name == NULL || out->path == NULL) {
		free(out->name);
		free(out->path);
		dlclose(dl);
		memset(out, 0, sizeof *out);
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	}
	out->dl = dl;
	out->desc = d;
	mpd_debug("plugin: loaded %s %s %s from %s",
	    plugin_kind_name(d->kind), name, d->version, path);
	return 0;
}

void
plugin_loaded_release(struct plugin_loaded *p)
{
	if (p == NULL)
		return;
	if (p->initialized && p->desc->fini != NULL)
		p->desc->fini(p->state);
	plugin_host_ctx_free(p->ctx);
	if (p->dl != NULL)
		dlclose(p->dl);
	free(p->name);
	free(p->path);
	memset(p, 0, sizeof *p);
}

static int
add_rejected(struct plugin_registry *reg, const char *path, const char *why)
{
	struct plugin_rejected *nr;

	nr = realloc(reg->rejected, (reg->n_rejected + 1) * sizeof *nr);
	if (nr == NULL)
		return -1;
	reg->rejected = nr;
	nr[reg->n_rejected].path = strdup(path);
	nr[reg->n_rejected].reason = strdup(why);
	if (nr[reg->n_rejected].path == NULL ||
	    nr[reg->n_rejected].reason == NULL) {
		free(nr[reg->n_rejected].path);
		free(nr[reg->n_rejected].reason);
		return -1;
	}
	reg->n_rejected++;
	mpd_debug("plugin: rejected %s", why);
	return 0;
}

static struct plugin_loaded *
find_by_name(struct plugin_registry *reg, const char *name)
{
	for (size_t i = 0; i < reg->n; i++)
		if (strcmp(reg->plugins[i].name, name) == 0)
			return &reg->plugins[i];
	return NULL;
}

static int
filter_so(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 3 && strcmp(d->d_name + n - 3, ".so") == 0;
}

static int
load_dir(struct plugin_registry *reg, const char *dir)
{
	struct dirent **ents = NULL;
	int n = scandir(dir, &ents, filter_so, alphasort);
	int rc = 0;

	if (n < 0)
		return 0;	/* a missing directory holds no plugins */
	for (int i = 0; i < n; i++) {
		char path[PATH_MAX];
		struct plugin_loaded p;
		struct mpd_err err = {0};
		struct plugin_loaded *dup;

		if (rc == 0) {
			snprintf(path, sizeof path, "%s/%s", dir,
			    ents[i]->d_name);
			if (plugin_load_file(path, &p, &err) != 0) {
				rc = add_rejected(reg, path, err.msg);
			} else if ((dup = find_by_name(reg, p.name)) != NULL) {
				char why[MPD_ERR_MSG_MAX + PATH_MAX];

				snprintf(why, sizeof why,
				    "%s: duplicate plugin name '%s' (already loaded from %s); remove one of them",
				    path, p.name, dup->path);
				plugin_loaded_release(&p);
				rc = add_rejected(reg, path, why);
			} else {
				struct plugin_loaded *np = realloc(reg->plugins,
				    (reg->n + 1) * sizeof *np);

				if (np == NULL) {
					plugin_loaded_release(&p);
					rc = -1;
				} else {
					reg->plugins = np;
					np[reg->n++] = p;
				}
			}
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}

static int
cmp_loaded(const void *a, const void *b)
{
	const struct plugin_loaded *x = a, *y = b;

	if (x->desc->kind != y->desc->kind)
		return x->desc->kind < y->desc->kind ? -1 : 1;
	return strcmp(x->name, y->name);
}

int
plugin_registry_load(struct plugin_registry *reg, char *const *dirs,
		     struct mpd_err *e)
{
	char **owned = NULL;

	memset(reg, 0, sizeof *reg);
	if (dirs == NULL) {
		owned = plugin_dirs_default();
		if (owned == NULL)
			return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		dirs = owned;
	}
	for (size_t i = 0; dirs[i] != NULL; i++) {
		if (load_dir(reg, dirs[i]) != 0) {
			plugin_dirs_free(owned);
			plugin_registry_free(reg);
			return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		}
	}
	if (reg->n > 1)
		qsort(reg->plugins, reg->n, sizeof *reg->plugins, cmp_loaded);
	if (owned == NULL) {
		size_t n = 0;

		while (dirs[n] != NULL)
			n++;
		owned = calloc(n + 1, sizeof *owned);
		for (size_t i = 0; owned != NULL && i < n; i++)
			owned[i] = strdup(dirs[i]);
	}
	reg->dirs = owned;
	return 0;
}

static struct plugin_loaded *
ensure_init(struct plugin_loaded *p, struct mpd_err *e)
{
	int rc;

	if (p->initialized)
		return p;
	if (p->ctx == NULL) {
		p->ctx = plugin_host_ctx_new(p->name, e);
		if (p->ctx == NULL)
			return NULL;
	}
	if (p->desc->init != NULL) {
		rc = p->desc->init(plugin_host_api(), p->ctx, &p->state);
		if (rc != 0) {
			const char *msg = plugin_host_ctx_error(p->ctx);

			mpd_err_set(e, MPD_ERR_PLUGIN,
			    "plugin '%s': init failed (%d)%s%s", p->name, rc,
			    *msg ? ": " : "", msg);
			return NULL;
		}
	}
	p->initialized = true;
	return p;
}

struct plugin_loaded *
plugin_registry_get(struct plugin_registry *reg, enum mpd_plugin_kind kind,
		    const char *name, struct mpd_err *e)
{
	struct plugin_loaded *p = find_by_name(reg, name);

	if (p == NULL || p->desc->kind != (uint32_t)kind) {
		mpd_err_set(e, MPD_ERR_NOTFOUND,
		    "no %s plugin named '%s' (see: mpd --plugins)",
		    plugin_kind_name(kind), name);
		return NULL;
	}
	return ensure_init(p, e);
}

struct plugin_loaded *
plugin_registry_first(struct plugin_registry *reg, enum mpd_plugin_kind kind,
		      struct mpd_err *e)
{
	for (size_t i = 0; i < reg->n; i++)
		if (reg->plugins[i].desc->kind == (uint32_t)kind)
			return ensure_init(&reg->plugins[i], e);
	mpd_err_set(e, MPD_ERR_NOTFOUND, "no %s plugin is installed (see: mpd --plugins)",
	    plugin_kind_name(kind));
	return NULL;
}

void
plugin_registry_free(struct plugin_registry *reg)
{
	if (reg == NULL)
		return;
	for (size_t i = reg->n; i > 0; i--)
		plugin_loaded_release(&reg->plugins[i - 1]);
	free(reg->plugins);
	for (size_t i = 0; i < reg->n_rejected; i++) {
		free(reg->rejected[i].path);
		free(reg->rejected[i].reason);
	}
	free(reg->rejected);
	plugin_dirs_free(reg->dirs);
	memset(reg, 0, sizeof *reg);
}
