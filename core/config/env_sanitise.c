/* env_sanitise.c - `mpd configure` KEY=VALUE checking (see env_sanitise.h). */
#include "env_sanitise.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mpddb.h"
#include "names.h"
#include "printable.h"

/* Keys whose values have a grammar of their own.  Add new reserved keys
 * here and nowhere else. */
static const struct {
	const char *key;
	int (*check)(const char *value, struct mpd_err *e);
} reserved_keys[] = {
	{ "MPD_DB", mpd_db_tag_check },
};

static const char safe_chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    "._:/,@=+-";

int
env_sanitise_value(const char *key, const char *value, struct mpd_err *e)
{
	if (*value == '\0')
		return 0;
	for (size_t i = 0; i < sizeof reserved_keys / sizeof reserved_keys[0];
	    i++) {
		if (strcmp(reserved_keys[i].key, key) != 0)
			continue;
		if (reserved_keys[i].check(value, e) != 0)
			return mpd_err_prefix(e, "%s", key);
		return 0;
	}
	if (strnlen(value, ENV_SANITISE_VALUE_MAX + 1) > ENV_SANITISE_VALUE_MAX)
		return mpd_err_set(e, MPD_ERR_INPUT, "value for '%s' is longer "
		    "than %d characters; edit mpd.env directly for long values",
		    key, ENV_SANITISE_VALUE_MAX);
	if (strspn(value, safe_chars) != strlen(value))
		return mpd_err_set(e, MPD_ERR_INPUT, "value for '%s' contains "
		    "disallowed characters (allowed: letters, digits and "
		    "._:/,@=+-); edit mpd.env directly for free-form values",
		    key);
	return 0;
}

int
env_sanitise_arg(const char *arg, struct mpd_env *out, struct mpd_err *e)
{
	char shown[80];
	const char *eq;
	char *key;
	int r;

	if (strcmp(arg, "--type") == 0 || strncmp(arg, "--type=", 7) == 0)
		return mpd_err_set(e, MPD_ERR_USAGE, "'--type' is not supported "
		    "in configure; the type is fixed at create");
	if (strncmp(arg, "--", 2) == 0) {
		char flag[80];

		eq = strchr(arg, '=');
		snprintf(flag, sizeof flag, "%.*s",
		    (int)(eq != NULL && eq - arg < 79 ? eq - arg : 79), arg);
		return mpd_err_set(e, MPD_ERR_USAGE, "unknown flag '%s' for "
		    "configure: it takes only KEY=VALUE pairs, e.g. "
		    "MPD_PHP_VERSION=8.3", mpd_printable(flag, shown,
		    sizeof shown));
	}
	if ((eq = strchr(arg, '=')) == NULL)
		return mpd_err_set(e, MPD_ERR_USAGE, "'%s' is not KEY=VALUE: "
		    "use e.g. MPD_PHP_VERSION=8.3 (an empty value deletes the "
		    "key)", mpd_printable(arg, shown, sizeof shown));
	if ((key = strndup(arg, (size_t)(eq - arg))) == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	if (strlen(key) > ENV_SANITISE_KEY_MAX || !mpd_envfile_key_valid(key)) {
		mpd_err_set(e, MPD_ERR_INPUT, "invalid key '%s': keys must "
		    "match MPD_[A-Z0-9_]+ (e.g. MPD_PHP_VERSION), at most %d "
		    "characters", mpd_printable(key, shown, sizeof shown),
		    ENV_SANITISE_KEY_MAX);
		free(key);
		return -1;
	}
	r = env_sanitise_value(key, eq + 1, e);
	if (r == 0 && out != NULL)
		r = mpd_env_set(out, key, eq + 1, e);
	free(key);
	return r;
}

int
env_sanitise_args(const char *const *args, size_t n, struct mpd_env *out,
    struct mpd_err *e)
{
	struct mpd_env tmp = MPD_ENV_INIT;
	int r = 0;

	for (size_t i = 0; r == 0 && i < n; i++)
		r = env_sanitise_arg(args[i], &tmp, e);
	if (r == 0 && out != NULL)
		r = mpd_env_merge(out, &tmp, e);
	mpd_env_free(&tmp);
	return r;
}
