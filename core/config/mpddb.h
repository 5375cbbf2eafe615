/* mpddb.h - the MPD_DB tag: `engine[:version]`, and the names derived
 * from it (the original's DB.parseTag).
 *
 * Grammar:
 *   - the empty string means "no database";
 *   - otherwise at most MPD_DB_TAG_MAX (63) bytes, split on the first ':';
 *   - engine is one of postgres, mariadb, mysql;
 *   - a missing version (no ':' or nothing after it) is `latest`;
 *   - a version is valid iff it is `latest`, or it starts with an ASCII
 *     digit and every character is in [a-z0-9.-] (17, 17.2, 17-bookworm;
 *     the original's rule), and - so that the id below is one-to-one -
 *     every '.' or '-' stands between two letters/digits, a '.' before a
 *     digit and a '-' before a letter (17.2-alpine3.21 passes; 17-2, 17.,
 *     17-, 1..2, 17.bookworm are refused, naming the spelling to use).
 *     Every real image tag of the three engines has this shape.
 * Derived, for engine E and version V (W = V with every '.' made '-'):
 *   database id  E-W               (mariadb:10.1.1 -> mariadb-10-1-1)
 *   container    mpd-db-E-W
 *   data dir     /srv/dbs/E-W
 *   DNS name     E-W.db.mpd.test
 * The id is a DNS label: [a-z0-9-], at most 63 characters, no leading or
 * trailing '-'.  Two different (engine, version) pairs never share an id:
 * in W, a '-' before a digit was a '.', and mpd_db_id_parse() inverts it.
 */
#ifndef MPD_MPDDB_H
#define MPD_MPDDB_H

#include <stdbool.h>

#include "err.h"

#define MPD_DB_TAG_MAX 63	/* so the id fits a DNS label */

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

/* The inverse of the id: "postgres-17-2" -> postgres:17.2, every field
 * filled as mpd_db_tag_parse() fills it (the original's DB.resolve reads a
 * databaseId the same way).  -1 with MPD_ERR_INPUT and a one-line message
 * when `id` is not the id of any valid tag. */
int mpd_db_id_parse(const char *id, struct mpd_db_tag *out,
    struct mpd_err *e);

/* Validator shape used by env_sanitise: 0 when `value` is a valid MPD_DB
 * value (empty included). */
int mpd_db_tag_check(const char *value, struct mpd_err *e);

#endif
