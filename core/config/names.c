/* names.c - project and runtime name rules, reserved words (see names.h). */
#include "names.h"
#include "printable.h"

#include <string.h>

const char *const mpd_verbs[] = {
	"show", "help", "create", "configure", "start", "stop", "delete",
	NULL
};

/* First words of the command line that are not project verbs. */
static const char *const other_reserved[] = { "list", "project", NULL };

static bool
in_list(const char *const *list, const char *s)
{
	if (s == NULL)
		return false;
	for (; *list != NULL; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

bool
mpd_is_verb(const char *s)
{
	return in_list(mpd_verbs, s);
}

bool
mpd_name_is_reserved(const char *s)
{
	return in_list(mpd_verbs, s) || in_list(other_reserved, s);
}

static bool
is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool
is_lower_or_digit(char c)
{
	return is_lower(c) || (c >= '0' && c <= '9');
}

/* [a-z][a-z0-9]*(-[a-z0-9]+)*: letters/digits with single inner dashes. */
static bool
project_shape_ok(const char *s)
{
	if (!is_lower(s[0]))
		return false;
	for (size_t i = 1; s[i] != '\0'; i++) {
		if (is_lower_or_digit(s[i]))
			continue;
		if (s[i] != '-' || !is_lower_or_digit(s[i + 1]))
			return false;
	}
	return true;
}

int
mpd_name_check_project(const char *s, struct mpd_err *e)
{
	char shown[80];
	size_t len = s != NULL ? strnlen(s, MPD_NAME_MAX + 1) : 0;

	if (s == NULL || len < MPD_NAME_MIN || len > MPD_NAME_MAX ||
	    !project_shape_ok(s))
		return mpd_err_set(e, MPD_ERR_INPUT,
		    "project name '%s' is invalid: use lowercase letters, "
		    "digits and single dashes, %d-%d chars, starting with a "
		    "letter", mpd_printable(s, shown, sizeof shown),
		    MPD_NAME_MIN, MPD_NAME_MAX);
	if (mpd_name_is_reserved(s))
		return mpd_err_set(e, MPD_ERR_INPUT,
		    "project name '%s' is reserved (it is an mpd command "
		    "word): choose another name", s);
	return 0;
}

int
mpd_name_check_runtime(const char *s, struct mpd_err *e)
{
	char shown[80];
	size_t len = s != NULL ? strnlen(s, MPD_NAME_MAX + 1) : 0;
	bool ok = s != NULL && len >= MPD_NAME_MIN && len <= MPD_NAME_MAX &&
	    is_lower(s[0]);

	for (size_t i = 1; ok && i < len; i++)
		ok = is_lower_or_digit(s[i]);
	if (!ok)
		return mpd_err_set(e, MPD_ERR_INPUT,
		    "runtime name '%s' is invalid: use lowercase letters and "
		    "digits, %d-%d chars, starting with a letter",
		    mpd_printable(s, shown, sizeof shown), MPD_NAME_MIN,
		    MPD_NAME_MAX);
	return 0;
}
