/* plugin_loader.h - find, validate and load plugins (.so files).
 *
 * A plugin directory holds NAME.so files.  Loading one: NAME must match
 * [a-z0-9][a-z0-9_-]* (max 63); the path must be absolute.  Its directory
 * is resolved once (directory symlinks followed), then walked down from /
 * with O_NOFOLLOW: every directory, and the file (opened O_PATH, fstat'ed:
 * a regular file, not a symlink), must be owned by root or by the real
 * uid running mpd (root only if real and effective uid differ), and be
 * writable by nobody else: no other-write, no group-write unless the
 * group is private to the owner; a sticky shared directory (/tmp) is no
 * exception.  The file that was checked is the file loaded:
 * dlopen("/proc/self/fd/N", RTLD_NOW|RTLD_LOCAL) on that descriptor
 * (closed right after; each N is used once per process, as glibc matches
 * dlopen names against the objects already loaded).  Then the
 * one entry symbol mpd_plugin_entry_v<MAJOR> is looked up, called (no
 * side effects by contract) and the descriptor validated BEFORE calling
 * anything else: ABI major equal, minor not newer than the host's,
 * descriptor and ops tables not truncated, a known kind, the descriptor
 * name equal to NAME.  Anything wrong: a one-line reason naming the file
 * and the fix, dlclose, and the file is skipped.
 *
 * Plugins are never unloaded while mpd runs; fini() and dlclose() happen
 * once, in plugin_registry_free() at exit.
 */
#ifndef MPD_PLUGIN_LOADER_H
#define MPD_PLUGIN_LOADER_H

#include <stdbool.h>
#include <stddef.h>

#include <mpd/plugin.h>

#include "err.h"

struct mpd_host_ctx;

struct plugin_loaded {
	char *name;			/* owned; equals desc->name */
	char *path;			/* owned; absolute path of the .so */
	void *dl;			/* dlopen handle */
	const struct mpd_plugin *desc;	/* plugin-owned, static */
	struct mpd_host_ctx *ctx;	/* owned; created at first init */
	void *state;			/* plugin-owned, from init() */
	bool initialized;
};

struct plugin_rejected {
	char *path;			/* owned */
	char *reason;			/* owned, one line */
};

struct plugin_registry {
	struct plugin_loaded *plugins;	/* owned array, sorted by kind, name */
	size_t n;
	struct plugin_rejected *rejected;	/* owned array */
	size_t n_rejected;
	char **dirs;			/* owned NULL-terminated dir list searched */
};

/* The plugin directories, in search order: $MPD_PLUGIN_PATH (a colon-
 * separated list; documented override for the build tree and out-of-tree
 * development) when set, else the configured plugindir.  Returns a
 * malloc'ed NULL-terminated vector the caller frees with plugin_dirs_free(). */
char **plugin_dirs_default(void);
void plugin_dirs_free(char **dirs);

/* Load every *.so from `dirs` (NULL: plugin_dirs_default()).  Problems
 * with single files are recorded in reg->rejected, not returned as errors.
 * -1 with `e` on ENOMEM, or when a directory is relative (one
 * line naming the absolute spelling, MPD_ERR_INPUT; nothing is loaded).  A directory that
 * does not exist is skipped.
 * The caller owns `reg` and releases it with plugin_registry_free(). */
int plugin_registry_load(struct plugin_registry *reg, char *const *dirs,
			 struct mpd_err *e);

/* Validate and load one file.  On success fills `out` (caller releases it
 * with plugin_loaded_release()); on failure returns -1 with the reason. */
int plugin_load_file(const char *path, struct plugin_loaded *out,
		     struct mpd_err *e);

/* The plugin of `kind` named `name`, initialised on first use (its init()
 * runs once, with the host table).  Returns NULL with `e` filled when there
 * is none or its init failed. */
struct plugin_loaded *plugin_registry_get(struct plugin_registry *reg,
					  enum mpd_plugin_kind kind,
					  const char *name, struct mpd_err *e);

/* The first plugin of `kind` (by name order), initialised; NULL if none. */
struct plugin_loaded *plugin_registry_first(struct plugin_registry *reg,
					    enum mpd_plugin_kind kind,
					    struct mpd_err *e);

/* fini() every initialised plugin, dlclose all, free everything. */
void plugin_registry_free(struct plugin_registry *reg);
void plugin_loaded_release(struct plugin_loaded *p);

/* "runtime", "service", "sidecar", "db-engine", "cert-backend", or "?" */
const char *plugin_kind_name(uint32_t kind);

/* The ops table size each kind had in ABI 1.0: the minimum the host
 * accepts.  0 for an unknown kind. */
size_t plugin_ops_min_size(uint32_t kind);

#endif
