/* env_sanitise.h - the checker for `mpd configure <project> KEY=VALUE...`.
 *
 * Every argument must be KEY=VALUE (split on the first '='):
 *   - `--type` / `--type=...` is refused (the type is fixed at create);
 *     any other `--flag` is an unknown flag; no '=' is an error;
 *   - KEY matches ^MPD_[A-Z0-9_]+$ (at most ENV_SANITISE_KEY_MAX bytes);
 *   - an empty VALUE is always allowed (it deletes the key's line);
 *   - a reserved key's value goes through that key's own validator (one
 *     table in env_sanitise.c; today only MPD_DB -> mpd_db_tag_check);
 *   - any other value may only use [A-Za-z0-9._:/,@=+-] and at most
 *     ENV_SANITISE_VALUE_MAX bytes, so it can be written unquoted and can
 *     never smuggle shell syntax into mpd.env.
 * The whole list is checked before anything is returned: all or nothing.
 */
#ifndef MPD_ENV_SANITISE_H
#define MPD_ENV_SANITISE_H

#include <stddef.h>

#include "envfile.h"
#include "err.h"

#define ENV_SANITISE_KEY_MAX	255
#define ENV_SANITISE_VALUE_MAX	4096

/* 0 when `value` is acceptable for `key` (key assumed valid); else -1
 * with MPD_ERR_INPUT. */
int env_sanitise_value(const char *key, const char *value,
    struct mpd_err *e);

/* Check one argument; on success, when out is not NULL, set its key and
 * value there (later arguments for the same key win).  Errors:
 * MPD_ERR_USAGE for flags and missing '=', MPD_ERR_INPUT for a bad key or
 * value. */
int env_sanitise_arg(const char *arg, struct mpd_env *out, struct mpd_err *e);

/* Check args[0..n-1]; only when every one passes are they applied to out
 * (which may be NULL to validate only).  On error out is unchanged and e
 * names the first bad argument. */
int env_sanitise_args(const char *const *args, size_t n, struct mpd_env *out,
    struct mpd_err *e);

#endif
