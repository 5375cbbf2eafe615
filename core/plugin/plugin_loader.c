/* plugin_loader.c - find, validate and load plugins (see plugin_loader.h). */
#include "plugin_loader.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* ---- trust: who may have written the code mpd is about to run ---------- */

/* The owners a plugin file, and every directory above it, may have: root,
 * and the user running mpd (its real uid).  mpd refuses to run as root and
 * is never installed setuid; should it run with real != effective uid
 * anyway, only root is trusted (the real user's files are not the
 * effective user's to run).  Under sudo the real uid is root's: only
 * root-owned plugins load (SUDO_UID is not consulted). */
static bool
owner_trusted(uid_t uid)
{
	uid_t ruid = getuid();

	return uid == 0 || (uid == ruid && ruid == geteuid());
}

/* Group write is harmless when the group holds nobody but the owner: the
 * user-private groups of umask-002 setups (Debian's OpenSSH accepts the
 * same for ~/.ssh).  Members count both ways: users whose primary group it
 * is, and the group's member list.  A group with no member at all is not
 * private (setgid programs use such groups). */
static bool
group_private_to(gid_t gid, uid_t owner)
{
	const struct passwd *pw;
	const struct group *gr;
	char name[256];
	bool member = false, other = false;

	pw = getpwuid(owner);
	if (pw == NULL || strlen(pw->pw_name) >= sizeof name)
		return false;
	snprintf(name, sizeof name, "%s", pw->pw_name);
	setpwent();
	while ((pw = getpwent()) != NULL && !other) {
		if (pw->pw_gid != gid)
			continue;
		if (pw->pw_uid == owner)
			member = true;
		else
			other = true;
	}
	endpwent();
	if (other || (gr = getgrgid(gid)) == NULL)
		return false;
	for (char **m = gr->gr_mem; m != NULL && *m != NULL; m++) {
		if (strcmp(*m, name) != 0)
			return false;
		member = true;
	}
	return member;
}

static const char *
user_name(uid_t uid, char *buf, size_t size)
{
	const struct passwd *pw = getpwuid(uid);

	if (pw != NULL)
		snprintf(buf, size, "%s", pw->pw_name);
	else
		snprintf(buf, size, "%u", (unsigned)uid);
	return buf;
}

/* `st` is the plugin file (dir NULL) or the directory `dir` on its way
 * down from /.  0 when neither its owner nor anyone else but root and the
 * user can change what it holds; else -1 with a one-line reason for
 * `path` and the fix. */
static int
check_trust(const struct stat *st, const char *path, const char *dir,
	    struct mpd_err *e)
{
	char owner[64], me[64], want[64], what[PATH_MAX + 32];
	const char *obj = dir != NULL ? dir : path;
	uid_t ruid = getuid();
	bool gw, ow;

	if (dir != NULL)
		snprintf(what, sizeof what, "its directory %s", dir);
	else
		snprintf(what, sizeof what, "the file");
	if (!owner_trusted(st->st_uid)) {
		user_name(ruid == geteuid() ? ruid : 0, want, sizeof want);
		return mpd_err_set(e, MPD_ERR_PLUGIN,
		    "%s: refused, %s is owned by %s, not by root or the user running mpd (%s); fix: %schown %s %s",
		    path, what, user_name(st->st_uid, owner, sizeof owner),
		    user_name(ruid, me, sizeof me), ruid == 0 ? "" : "sudo ",
		    want, obj);
	}
	ow = (st->st_mode & S_IWOTH) != 0;
	gw = (st->st_mode & S_IWGRP) != 0 &&
	    !group_private_to(st->st_gid, st->st_uid);
	if (!ow && !gw)
		return 0;
	if (dir != NULL && (st->st_mode & S_ISVTX))
		return mpd_err_set(e, MPD_ERR_PLUGIN,
		    "%s: refused, %s is a shared directory (writable by %s, sticky); fix: move the plugin to a directory only root or its owner can write",
		    path, what, ow ? "everyone" : "its group");
	return mpd_err_set(e, MPD_ERR_PLUGIN,
	    "%s: refused, %s is writable by %s; fix: chmod %s-w %s",
	    path, what, ow && gw ? "group and others" : ow ? "others" :
	    "its group", ow && gw ? "go" : ow ? "o" : "g", obj);
}

/* Open the plugin at `path` without following a symlink at any step that
 * was checked: resolve its directory once (directory symlinks are
 * followed there), then walk that canonical path down from / with
 * O_NOFOLLOW, checking each directory on the descriptor that was opened,
 * and open the file itself as O_PATH (a FIFO or device is never opened
 * for reading).  On success *fd is that descriptor, fstat'ed: a regular,
 * trusted file.  The caller closes it. */
static int
open_plugin(const char *path, int *fd, struct mpd_err *e)
{
	const char *slash = strrchr(path, '/');
	char dir[PATH_MAX], *canon;
	struct stat st;
	int dfd, nfd, rc = -1;

	*fd = -1;
	if (path[0] != '/' || slash == NULL)
		return mpd_err_set(e, MPD_ERR_PLUGIN,
		    "%s: refused, plugin paths must be absolute; give the full path",
		    path);
	if ((size_t)(slash - path) >= sizeof dir)
		return mpd_err_set(e, MPD_ERR_PLUGIN, "%s: path too long", path);
	memcpy(dir, path, slash == path ? 1 : (size_t)(slash - path));
	dir[slash == path ? 1 : slash - path] = '\0';
	canon = realpath(dir, NULL);
	if (canon == NULL)
		return mpd_err_set(e, MPD_ERR_PLUGIN, "%s: %s: %s", path, dir,
		    strerror(errno));
	dfd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0 || fstat(dfd, &st) != 0) {
		mpd_err_set(e, MPD_ERR_PLUGIN, "%s: /: %s", path,
		    strerror(errno));
		goto out;
	}
	if (check_trust(&st, path, "/", e) != 0)
		goto out;
	for (char *p = canon + 1, *end; *p != '\0'; p = end + 1) {
		end = strchr(p, '/');
		if (end != NULL)
			*end = '\0';	/* canon is now the prefix down to p */
		nfd = openat(dfd, p, O_PATH | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		if (nfd < 0 || fstat(nfd, &st) != 0) {
			mpd_err_set(e, MPD_ERR_PLUGIN, "%s: %s: %s", path,
			    canon, strerror(errno));
			if (nfd >= 0)
				close(nfd);
			goto out;
		}
		close(dfd);
		dfd = nfd;
		if (check_trust(&st, path, canon, e) != 0)
			goto out;
		if (end == NULL)
			break;
		*end = '/';
	}
	nfd = openat(dfd, slash + 1, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (nfd < 0) {
		mpd_err_set(e, MPD_ERR_PLUGIN, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (fstat(nfd, &st) != 0 || !S_ISREG(st.st_mode)) {
		mpd_err_set(e, MPD_ERR_PLUGIN,
		    "%s: not a regular file (symlinks are refused); install the .so itself",
		    path);
		close(nfd);
		goto out;
	}
	if (check_trust(&st, path, NULL, e) != 0) {
		close(nfd);
		goto out;
	}
	*fd = nfd;
	rc = 0;
out:
	if (dfd >= 0)
		close(dfd);
	free(canon);
	return rc;
}

/* dlopen the very file `fd` refers to, through /proc/self/fd/N: the
 * kernel resolves that link to the open file, not to a path.
 *
 * Every name handed to dlopen is new in this process.  glibc matches the
 * name against the objects already loaded before it opens anything (a
 * match hands back that object), an object answers to every name it was
 * opened under (the same file opened again adds the new name), and an
 * object can outlive its dlclose (-z nodelete, another reference).  The
 * kernel reuses descriptor numbers, so the descriptor is moved above the
 * highest number used before.  mpd loads plugins from one thread. */
static int last_dl_fd = -1;

static void *
dlopen_fd(int fd, const char *path, struct mpd_err *e)
{
	char name[32];
	int nfd = fd;
	void *dl;

	if (fd <= last_dl_fd) {
		nfd = fcntl(fd, F_DUPFD_CLOEXEC, last_dl_fd + 1);
		if (nfd < 0) {
			mpd_err_set(e, MPD_ERR_PLUGIN,
			    "%s: cannot load: no descriptor above %d (%s)",
			    path, last_dl_fd, strerror(errno));
			return NULL;
		}
	}
	last_dl_fd = nfd;
	snprintf(name, sizeof name, "/proc/self/fd/%d", nfd);
	dl = dlopen(name, RTLD_NOW | RTLD_LOCAL);
	if (dl == NULL)
		mpd_err_set(e, MPD_ERR_PLUGIN, "%s: cannot load: %s", path,
		    dlerror());
	if (nfd != fd)
		close(nfd);
	return dl;
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
	int fd;
	mpd_plugin_entry_fn entry;
	const struct mpd_plugin *d;

	memset(out, 0, sizeof *out);
	if (name_from_path(path, name, sizeof name, e) != 0 ||
	    open_plugin(path, &fd, e) != 0)
		return -1;
	dl = dlopen_fd(fd, path, e);
	close(fd);
	if (dl == NULL)
		return -1;
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

/* A relative plugin directory would load whatever the current directory
 * holds: refused, naming the absolute spelling. */
static void
relative_dir_error(const char *dir, bool from_env, struct mpd_err *e)
{
	char cwd[PATH_MAX];
	const char *var = from_env ? "MPD_PLUGIN_PATH" : "plugin directory";

	if (getcwd(cwd, sizeof cwd) == NULL)
		snprintf(cwd, sizeof cwd, "/ABSOLUTE/PATH");
	mpd_err_set(e, MPD_ERR_INPUT,
	    "%s entry '%s' is relative; fix: give absolute directories, e.g. %s%s/%s",
	    var, dir, from_env ? "MPD_PLUGIN_PATH=" : "",
	    strcmp(cwd, "/") == 0 ? "" : cwd, dir);
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
		if (dirs[i][0] != '/') {
			const char *env = getenv("MPD_PLUGIN_PATH");

			relative_dir_error(dirs[i], owned != NULL &&
			    env != NULL && *env != '\0', e);
			plugin_dirs_free(owned);
			plugin_registry_free(reg);
			return -1;
		}
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
