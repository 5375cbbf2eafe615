/* podman_check.c - validation of podman argv values (see podman_check.h). */
#include "podman_check.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "podman_names.h"
#include "printable.h"

static bool
is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

static bool
is_printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	return true;
}

/* First char alnum, the rest alnum or in `extra`, length 1..max. */
static bool
word_ok(const char *s, const char *extra, size_t max)
{
	size_t n;

	if (s == NULL || !is_alnum(s[0]))
		return false;
	for (n = 1; s[n] != '\0'; n++)
		if (!is_alnum(s[n]) && strchr(extra, s[n]) == NULL)
			return false;
	return n <= max;
}

int
podman_check_name(const char *what, const char *s, struct mpd_err *e)
{
	char b[80];

	if (word_ok(s, "_.-", 128))
		return 0;
	return mpd_err_set(e, MPD_ERR_INPUT,
	    "%s '%s' is invalid: use letters, digits, '_', '.' and '-', "
	    "starting with a letter or digit, at most 128 characters", what,
	    mpd_printable(s, b, sizeof b));
}

int
podman_check_hostname(const char *what, const char *s, struct mpd_err *e)
{
	char b[80];
	size_t label = 0, total = 0;
	bool ok = s != NULL && *s != '\0';

	for (const char *p = s; ok && *p; p++, total++) {
		if (*p == '.') {
			ok = label > 0 && p[-1] != '-';
			label = 0;
		} else if (is_alnum(*p) || (*p == '-' && label > 0)) {
			ok = ++label <= 63;
		} else {
			ok = false;
		}
	}
	if (ok && label > 0 && s[total - 1] != '-' && total <= 253)
		return 0;
	return mpd_err_set(e, MPD_ERR_INPUT,
	    "%s '%s' is invalid: use dot-separated labels of letters, digits "
	    "and inner '-' (at most 63 characters each)", what,
	    mpd_printable(s, b, sizeof b));
}

int
podman_check_ip(const char *s, struct mpd_err *e)
{
	static const char prefix[] = MPD_NET_PREFIX;
	char b[80];
	const char *p;
	int host = 0, digits = 0;

	if (s != NULL && strncmp(s, prefix, sizeof prefix - 1) == 0) {
		for (p = s + sizeof prefix - 1; *p >= '0' && *p <= '9'; p++) {
			host = host * 10 + (*p - '0');
			if (++digits > 3)
				break;
		}
		if (*p == '\0' && digits > 0 &&
		    !(digits > 1 && s[sizeof prefix - 1] == '0') &&
		    host >= MPD_NET_HOST_MIN && host <= MPD_NET_HOST_MAX)
			return 0;
	}
	return mpd_err_set(e, MPD_ERR_INPUT,
	    "address '%s' is invalid: use an address on %s (%s), host part "
	    "%d-%d", mpd_printable(s, b, sizeof b), MPD_NET_NAME, MPD_NET_SUBNET,
	    MPD_NET_HOST_MIN, MPD_NET_HOST_MAX);
}

int
podman_check_image(const char *s, struct mpd_err *e)
{
	char b[80];

	if (word_ok(s, "._/:@-", 255))
		return 0;
	return mpd_err_set(e, MPD_ERR_INPUT,
	    "image '%s' is invalid: use a reference like "
	    "localhost/name:tag (letters, digits and ._/:@-, starting with a "
	    "letter or digit)", mpd_printable(s, b, sizeof b));
}

int
podman_check_label(const char *key, const char *value, struct mpd_err *e)
{
	char b[80];

	if (!word_ok(key, "._-", 128))
		return mpd_err_set(e, MPD_ERR_INPUT,
		    "label key '%s' is invalid: use letters, digits, '.', '_' "
		    "and '-', starting with a letter or digit",
		    mpd_printable(key, b, sizeof b));
	if (value == NULL || !is_printable(value) || strlen(value) > 1024)
		return mpd_err_set(e, MPD_ERR_INPUT,
		    "value of label '%s' is invalid: use at most 1024 "
		    "characters and no control characters", key);
	return 0;
}

int
podman_check_env_key(const char *key, struct mpd_err *e)
{
	char b[80];
	const char *p = key;

	if (p != NULL && ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
			  *p == '_')) {
		for (p++; is_alnum(*p) || *p == '_'; p++)
			;
		if (*p == '\0' && p - key <= 128)
			return 0;
	}
	return mpd_err_set(e, MPD_ERR_INPUT,
	    "environment variable name '%s' is invalid: use letters, digits "
	    "and '_', not starting with a digit", mpd_printable(key, b, sizeof b));
}

int
podman_check_env_kv(const char *kv, struct mpd_err *e)
{
	char key[130], b[80];
	const char *eq = kv ? strchr(kv, '=') : NULL;

	if (eq == NULL || (size_t)(eq - kv) >= sizeof key)
		return mpd_err_set(e, MPD_ERR_INPUT,
		    "environment entry '%s' is invalid: write KEY=VALUE",
		    mpd_printable(kv, b, sizeof b));
	memcpy(key, kv, (size_t)(eq - kv));
	key[eq - kv] = '\0';
	return podman_check_env_key(key, e);
}

int
podman_check_path(const char *what, const char *s, int mount,
		  struct mpd_err *e)
{
	char b[80];

	if (s != NULL && s[0] == '/' && is_printable(s) && strlen(s) <= 4096 &&
	    (!mount || strpbrk(s, ":,") == NULL))
		return 0;
	return mpd_err_set(e, MPD_ERR_INPUT,
	    "%s '%s' is invalid: use an absolute path without control "
	    "characters%s", what, mpd_printable(s, b, sizeof b),
	    mount ? ", ':' or ','" : "");
}

/* One part of a --user value: [a-zA-Z0-9_][a-zA-Z0-9_.-]*, n bytes. */
static bool
user_part_ok(const char *s, size_t n)
{
	if (n == 0 || !(is_alnum(s[0]) || s[0] == '_'))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!is_alnum(s[i]) && strchr("_.-", s[i]) == NULL)
			return false;
	return true;
}

int
podman_check_user(const char *s, struct mpd_err *e)
{
	char b[80];
	const char *colon = s ? strchr(s, ':') : NULL;
	size_t n = s ? strlen(s) : 0;
	bool ok;

	if (colon != NULL)
		ok = user_part_ok(s, (size_t)(colon - s)) &&
		    user_part_ok(colon + 1, strlen(colon + 1));
	else
		ok = user_part_ok(s, n);
	if (ok && n <= 64)
		return 0;
	return mpd_err_set(e, MPD_ERR_INPUT,
	    "user '%s' is invalid: use NAME, NAME:GROUP, UID or UID:GID "
	    "(letters, digits, '_', '.' and '-', not starting with '-')",
	    mpd_printable(s, b, sizeof b));
}

int
podman_check_cap(const char *s, struct mpd_err *e)
{
	char b[80];
	size_t n;

	if (s != NULL && ((s[0] >= 'A' && s[0] <= 'Z') ||
			  (s[0] >= 'a' && s[0] <= 'z'))) {
		n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			   "abcdefghijklmnopqrstuvwxyz_");
		if (s[n] == '\0' && n <= 64)
			return 0;
	}
	return mpd_err_set(e, MPD_ERR_INPUT,
	    "capability '%s' is invalid: use a name like NET_ADMIN",
	    mpd_printable(s, b, sizeof b));
}

int
podman_check_signal(const char *s, struct mpd_err *e)
{
	char b[40];

	if (s != NULL && strncmp(s, "SIG", 3) == 0 && s[3] != '\0' &&
	    strlen(s) <= 16 &&
	    s[strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+")] == '\0')
		return 0;
	return mpd_err_set(e, MPD_ERR_INPUT,
	    "stop signal '%s' is invalid: use a name like SIGINT",
	    mpd_printable(s, b, sizeof b));
}
