/* runtime_common.h - what the in-tree runtime plugins (php, php82, node,
 * util) share: the pod and container names, the main container's mounts,
 * the two provisioning phases and the readiness probe of
 * docs/RUNTIMES.md, and the checks on the input and on mpd.ini values.
 * Compiled into each plugin (plugins share no code at run time).
 *
 * Everything a description points at lives in the plugin's struct
 * rt_base (static storage), valid until the next describe or fini. */
#ifndef MPD_RUNTIME_COMMON_H
#define MPD_RUNTIME_COMMON_H

#include <limits.h>
#include <stddef.h>

#include <mpd/plugin.h>

#include <mpd/names.h>

/* "mpd" + suffix (at most 63) + "-" + name (at most 32), and its NUL */
#define RT_POD_MAX	100
#define RT_NAME_MAX	32

/* What one runtime is; static, in the plugin. */
struct rt_def {
	const char *name;			/* "php" */
	const char *ip;				/* MPD_IP_RUNTIME_* */
	const char *asset_dir;			/* assets/runtimes/<asset_dir> */
	const char *base_release;		/* NULL: the configured base */
	const char *const *default_sidecars;	/* NULL-terminated or NULL */
	const char *const *project_types;	/* NULL-terminated */
};

struct rt_base {
	const struct mpd_host_api *host;
	mpd_host_ctx *ctx;
	const struct rt_def *def;
	/* from the host's roots, at init */
	char assets[PATH_MAX];		/* MPD_HOST_PATH_ASSETS */
	char context[PATH_MAX];		/* <assets>/runtimes/<asset_dir> */
	char env_dir[PATH_MAX];		/* <varlib>/env */
	char skel_dir[PATH_MAX];	/* <varlib>/skel */
	char image[96];			/* localhost/mpd-runtime-<name>:latest */
	char build_script[128];		/* in the container */
	/* per describe */
	char pod[RT_POD_MAX];
	char main_name[RT_POD_MAX + 5];
	char uid[12];
	char revision[17];
	struct mpd_mount mounts[4];
	const char *boot_argv[7];
	const char *prov_argv[4];
	struct mpd_container_spec spec;
	struct mpd_step bootstrap;
	struct mpd_step provision;
	struct mpd_probe ready;
	struct mpd_runtime_desc desc;
};

/* Fill `b` for runtime `def` (borrowed; static in the plugin): the host
 * handles and every path from the host's roots.  <varlib> is the parent
 * of MPD_HOST_PATH_STATE (the ABI has no root for env/ and skel/).
 * MPD_OK or an error set on the host. */
int rt_base_init(struct rt_base *b, const struct mpd_host_api *host,
		 mpd_host_ctx *ctx, const struct rt_def *def);

/* The pod's name, "mpd" + suffix + "-" + name ("mpd-php", "mpd-161-php"),
 * into out[n] (caller's).  0, or -1 when it does not fit. */
int rt_pod_name(const char *suffix, const char *name, char *out, size_t n);

/* Check `in` (its name must be def->name; a valid suffix, dev user and
 * uid) and `out` (a struct mpd_runtime_desc of ABI 1.2 at least), then
 * fill b->desc and everything it points at.  build_args and provides are
 * left NULL for the plugin to set before rt_emit().  MPD_OK or an error
 * set on the host (nothing written to `out`). */
int rt_describe(struct rt_base *b, const struct mpd_runtime_input *in,
		const struct mpd_runtime_desc *out);

/* *out = b->desc (pointers into `b`); MPD_OK. */
int rt_emit(const struct rt_base *b, struct mpd_runtime_desc *out);

/* The value of mpd.ini [plugin.<name>] `key` in *value (host-owned, valid
 * until fini; NULL when unset or empty).  A value must be one line of at most
 * `max` bytes from `allowed`, else MPD_EINVAL with one line naming the
 * section, the key and what is allowed (`what`). */
int rt_config(const struct rt_base *b, const char *key, const char *allowed,
	      size_t max, const char *what, const char **value);

/* True for "N.N" (one or two digits each): a PHP version. */
int rt_php_version_valid(const char *s, size_t n);

#endif
