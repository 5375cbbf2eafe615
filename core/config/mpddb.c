/* mpddb.c - the MPD_DB tag grammar and derived names (see mpddb.h). */
#include "mpddb.h"

#include <stdio.h>
#include <string.h>

#include "names.h"

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
		    "longer than %d characters: use engine:version, e.g. "
		    "postgres:17", mpd_name_printable(s, shown, sizeof shown),
		    MPD_DB_TAG_MAX);
	colon = strchr(s, ':');
	elen = colon != NULL ? (size_t)(colon - s) : strlen(s);
	if (!engine_known(s, elen)) {
		snprintf(engine, sizeof engine, "%.*s", (int)elen, s);
		return mpd_err_set(e, MPD_ERR_INPUT, "unknown database engine "
		    "'%s': use postgres, mariadb or mysql",
		    mpd_name_printable(engine, shown, sizeof shown));
	}
	version = (colon != NULL && colon[1] != '\0') ? colon + 1 : "latest";
	if (!version_valid(version))
		return mpd_err_set(e, MPD_ERR_INPUT, "invalid version '%s' for "
		    "'%.*s': use 'latest' or a version starting with a digit "
		    "(e.g. 17, 17.2, 17-bookworm)",
		    mpd_name_printable(version, shown, sizeof shown), (int)elen,
		    s);
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
mpd_db_tag_check(const char *value, struct mpd_err *e)
{
	struct mpd_db_tag t;

	return mpd_db_tag_parse(value, &t, e);
}
