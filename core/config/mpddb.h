/* mpddb.h - the MPD_DB tag: `engine[:version]`, and the names derived
 * from it (the original's DB.parseTag).
 *
 * Grammar:
 *   - the empty string means "no database";
 *   - otherwise at most MPD_DB_TAG_MAX bytes, split on the first ':';
 *   - engine is one of postgres, mariadb, mysql;
 *   - a missing version (no ':' or nothing after it) is `latest`;
 *   - a version is valid iff it is `latest`, or it starts with an ASCII
 *     digit and every character is in [a-z0-9.-] (17, 17.2, 17-bookworm).
 * Derived, for engine E and version V (W = V with every '.' made '-'):
 *   database id  E-W               (mariadb:10.1.1 -> mariadb-10-1-1)
 *   container    mpd-db-E-W
 *   data dir     /srv/dbs/E-W
 *   DNS name     E-W.db.mpd.test
 */
#ifndef MPD_MPDDB_H
#define MPD_MPDDB_H

#include <stdbool.h>

#include "err.h"

#define MPD_DB_TAG_MAX 64

struct mpd_db_tag {
	bool present;			/* false: MPD_DB was empty */
	char engine[16];		/* postgres | mariadb | mysql */
	char version[MPD_DB_TAG_MAX + 1];
	char id[MPD_DB_TAG_MAX + 1];	/* postgres-17-2 */
	char container[MPD_DB_TAG_MAX + 8];	/* mpd-db-<id> */
	char data_dir[MPD_DB_TAG_MAX + 10];	/* /srv/dbs/<id> */
	char dns_name[MPD_DB_TAG_MAX + 16];	/* <id>.db.mpd.test */
};

/* The accepted engines, NULL-terminated; static storage. */
extern const char *const mpd_db_engines[];

/* Parse `s` into out (all fields filled; for "" only present = false).
 * On error out is zeroed and e holds MPD_ERR_INPUT with a one-line
 * message naming the bad part and the allowed forms. */
int mpd_db_tag_parse(const char *s, struct mpd_db_tag *out,
    struct mpd_err *e);

/* Validator shape used by env_sanitise: 0 when `value` is a valid MPD_DB
 * value (empty included). */
int mpd_db_tag_check(const char *value, struct mpd_err *e);

#endif
