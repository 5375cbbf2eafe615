/* mpddb.c - the MPD_DB tag grammar and derived names (see mpddb.h). */
#include "mpddb.h"

#include <stdio.h>
#include <string.h>

#include "names.h"
#include "printable.h"

const char *const mpd_db_engines[] = { "postgres", "mariadb", "mysql", NULL };

static bool
engine_known(const char *s, size_t n)
{
	for (const char *const *en = mpd_db_engines; *en != NULL; en++)
		if (strlen(*en) == n && memcmp(*en, s, n) == 0)
			return true;
	return false;
}

static bool
version_valid(const char *v)
{
	if (strcmp(v, "latest") == 0)
		return true;
	if (!(v[0] >= '0' && v[0] <= '9'))
		return false;
	return strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789.-") ==
	    strlen(v);
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The separators of a version (charset already checked) make its id
 * unique: each stands between two non-empty parts, a '.' before a digit
 * and a '-' before a letter.  0 when they do; else -1 with the reason,
 * and, for a separator of the wrong kind, the spelling to use. */
static int
version_separators(const char *v, const char *engine, struct mpd_err *e)
{
	char shown[80], fixed[MPD_DB_TAG_MAX + 1];
	bool wrong = false;
	size_t n = strlen(v);

	if (strcmp(v, "latest") == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i] != '.' && v[i] != '-')
			continue;
		if (i + 1 == n || v[i + 1] == '.' || v[i + 1] == '-')
			return mpd_err_set(e, MPD_ERR_INPUT, "invalid version "
			    "'%s' for '%s': a '.' or '-' must stand between "
			    "letters or digits (e.g. 17, 17.2, 17-bookworm)",
			    mpd_printable(v, shown, sizeof shown), engine);
		wrong |= (v[i] == '.') != is_digit(v[i + 1]);
	}
	if (!wrong)
		return 0;
	snprintf(fixed, sizeof fixed, "%s", v);
	for (size_t i = 0; fixed[i] != '\0'; i++)
		if (fixed[i] == '.' || fixed[i] == '-')
			fixed[i] = is_digit(fixed[i + 1]) ? '.' : '-';
	return mpd_err_set(e, MPD_ERR_INPUT, "invalid version '%s' for '%s': "
	    "write %s ('.' goes before a digit, '-' before a letter, so each "
	    "version has one database id)",
	    mpd_printable(v, shown, sizeof shown), engine, fixed);
}

int
mpd_db_tag_parse(const char *s, struct mpd_db_tag *out, struct mpd_err *e)
{
	char shown[80], engine[80];
	const char *colon, *version;
	size_t elen;

	memset(out, 0, sizeof *out);
	if (s == NULL || *s == '\0')
		return 0;
	if (strnlen(s, MPD_DB_TAG_MAX + 1) > MPD_DB_TAG_MAX)
		return mpd_err_set(e, MPD_ERR_INPUT, "database tag '%s' is "
		    "longer than %d characters (its database id names a DNS "
		    "label): use engine:version, e.g. postgres:17",
		    mpd_printable(s, shown, sizeof shown), MPD_DB_TAG_MAX);
	colon = strchr(s, ':');
	elen = colon != NULL ? (size_t)(colon - s) : strlen(s);
	if (!engine_known(s, elen)) {
		snprintf(engine, sizeof engine, "%.*s", (int)elen, s);
		return mpd_err_set(e, MPD_ERR_INPUT, "unknown database engine "
		    "'%s': use postgres, mariadb or mysql",
		    mpd_printable(engine, shown, sizeof shown));
	}
	snprintf(engine, sizeof engine, "%.*s", (int)elen, s);
	version = (colon != NULL && colon[1] != '\0') ? colon + 1 : "latest";
	if (!version_valid(version))
		return mpd_err_set(e, MPD_ERR_INPUT, "invalid version '%s' for "
		    "'%s': use 'latest' or a version starting with a digit "
		    "(e.g. 17, 17.2, 17-bookworm)",
		    mpd_printable(version, shown, sizeof shown), engine);
	if (version_separators(version, engine, e) != 0)
		return -1;
	out->present = true;
	memcpy(out->engine, s, elen);
	snprintf(out->version, sizeof out->version, "%s", version);
	snprintf(out->id, sizeof out->id, "%s-%s", out->engine, version);
	for (char *p = out->id + elen; *p != '\0'; p++)
		if (*p == '.')
			*p = '-';
	snprintf(out->container, sizeof out->container, "mpd-db-%s", out->id);
	snprintf(out->data_dir, sizeof out->data_dir, "/srv/dbs/%s", out->id);
	snprintf(out->dns_name, sizeof out->dns_name, "%s.db.mpd.test",
	    out->id);
	return 0;
}

int
mpd_db_id_parse(const char *id, struct mpd_db_tag *out, struct mpd_err *e)
{
	char tag[MPD_DB_TAG_MAX + 2], shown[80];
	const char *dash = id != NULL ? strchr(id, '-') : NULL;
	size_t n;

	memset(out, 0, sizeof *out);
	if (id == NULL || dash == NULL || dash[1] == '\0' ||
	    (n = strnlen(id, MPD_DB_TAG_MAX + 1)) > MPD_DB_TAG_MAX)
		goto bad;
	memcpy(tag, id, n + 1);
	tag[dash - id] = ':';
	/* inside the version, a '-' before a digit was a '.' */
	for (size_t i = (size_t)(dash - id) + 1; tag[i] != '\0'; i++)
		if (tag[i] == '-' && is_digit(tag[i + 1]))
			tag[i] = '.';
	if (mpd_db_tag_parse(tag, out, NULL) == 0 && strcmp(out->id, id) == 0)
		return 0;
	memset(out, 0, sizeof *out);
bad:
	return mpd_err_set(e, MPD_ERR_INPUT, "'%s' is not a database id: use "
	    "ENGINE-VERSION with the version's dots as dashes, e.g. "
	    "postgres-17-2 for postgres:17.2",
	    mpd_printable(id != NULL ? id : "", shown, sizeof shown));
}

int
mpd_db_tag_check(const char *value, struct mpd_err *e)
{
	struct mpd_db_tag t;

	return mpd_db_tag_parse(value, &t, e);
}
