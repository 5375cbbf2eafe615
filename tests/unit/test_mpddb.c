/* test_mpddb.c - the MPD_DB grammar (reference §3.3) and derived names. */
#include "harness.h"

#include <stdio.h>
#include <string.h>

#include "dns_records.h"
#include "mpddb.h"

static void
expect_tag(const char *in, const char *engine, const char *version,
    const char *id)
{
	struct mpd_db_tag t;
	struct mpd_err e = {0};
	char buf[128];

	if (mpd_db_tag_parse(in, &t, &e) != 0)
		fprintf(stderr, "\n  '%s' refused: %s\n", in, e.msg);
	CU_ASSERT_EQUAL_FATAL(mpd_db_tag_parse(in, &t, &e), 0);
	CU_ASSERT_TRUE(t.present);
	CU_ASSERT_STRING_EQUAL(t.engine, engine);
	CU_ASSERT_STRING_EQUAL(t.version, version);
	CU_ASSERT_STRING_EQUAL(t.id, id);
	snprintf(buf, sizeof buf, "mpd-db-%s", id);
	CU_ASSERT_STRING_EQUAL(t.container, buf);
	snprintf(buf, sizeof buf, "/srv/dbs/%s", id);
	CU_ASSERT_STRING_EQUAL(t.data_dir, buf);
	snprintf(buf, sizeof buf, "%s.db.mpd.test", id);
	CU_ASSERT_STRING_EQUAL(t.dns_name, buf);
	CU_ASSERT_EQUAL(mpd_db_tag_check(in, NULL), 0);
	/* the id is a DNS label the record writer takes, and it reads back */
	CU_ASSERT_TRUE(strlen(t.id) <= 63);
	CU_ASSERT_TRUE(dns_name_ok(t.dns_name));
	{
		struct mpd_db_tag back;

		CU_ASSERT_EQUAL_FATAL(mpd_db_id_parse(t.id, &back, &e), 0);
		CU_ASSERT_STRING_EQUAL(back.engine, engine);
		CU_ASSERT_STRING_EQUAL(back.version, version);
		CU_ASSERT_STRING_EQUAL(back.id, id);
	}
}

static void
expect_bad(const char *in, const char *needle)
{
	struct mpd_db_tag t;
	struct mpd_err e = {0};

	memset(&t, 0x55, sizeof t);
	CU_ASSERT_EQUAL(mpd_db_tag_parse(in, &t, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
	CU_ASSERT_FALSE(t.present);
	CU_ASSERT_EQUAL(t.engine[0], '\0');
	if (strstr(e.msg, needle) == NULL)
		fprintf(stderr, "\n  '%s': expected '%s' in: %s\n", in, needle,
		    e.msg);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, needle));
	CU_ASSERT_PTR_NULL(strchr(e.msg, '\n'));
	CU_ASSERT_EQUAL(mpd_db_tag_check(in, NULL), -1);
}

static void
test_valid_tags(void)
{
	expect_tag("postgres", "postgres", "latest", "postgres-latest");
	expect_tag("postgres:latest", "postgres", "latest", "postgres-latest");
	expect_tag("postgres:17", "postgres", "17", "postgres-17");
	expect_tag("postgres:17.2", "postgres", "17.2", "postgres-17-2");
	expect_tag("postgres:17-bookworm", "postgres", "17-bookworm",
	    "postgres-17-bookworm");
	expect_tag("postgres:18", "postgres", "18", "postgres-18");
	expect_tag("mariadb", "mariadb", "latest", "mariadb-latest");
	expect_tag("mariadb:10.11", "mariadb", "10.11", "mariadb-10-11");
	expect_tag("mariadb:10.1.1", "mariadb", "10.1.1", "mariadb-10-1-1");
	expect_tag("mysql", "mysql", "latest", "mysql-latest");
	expect_tag("mysql:8.4", "mysql", "8.4", "mysql-8-4");
	expect_tag("mysql:8.0.36-oraclelinux8", "mysql",
	    "8.0.36-oraclelinux8", "mysql-8-0-36-oraclelinux8");
	/* real tags with dots after a letter part, and letters after digits */
	expect_tag("postgres:17.2-alpine3.21", "postgres", "17.2-alpine3.21",
	    "postgres-17-2-alpine3-21");
	expect_tag("postgres:18beta1", "postgres", "18beta1", "postgres-18beta1");
	expect_tag("mariadb:11.4.4-ubi9", "mariadb", "11.4.4-ubi9",
	    "mariadb-11-4-4-ubi9");
	expect_tag("postgres:0", "postgres", "0", "postgres-0");
	/* nothing after the colon is a missing version */
	expect_tag("postgres:", "postgres", "latest", "postgres-latest");
}

static void
test_empty_means_no_database(void)
{
	struct mpd_db_tag t;
	struct mpd_err e = {0};

	memset(&t, 0x55, sizeof t);
	CU_ASSERT_EQUAL(mpd_db_tag_parse("", &t, &e), 0);
	CU_ASSERT_FALSE(t.present);
	CU_ASSERT_EQUAL(t.engine[0], '\0');
	CU_ASSERT_EQUAL(t.id[0], '\0');
	CU_ASSERT_EQUAL(mpd_db_tag_parse(NULL, &t, &e), 0);
	CU_ASSERT_FALSE(t.present);
	CU_ASSERT_EQUAL(mpd_db_tag_check("", &e), 0);
}

static void
test_unknown_engines(void)
{
	const char *msg = "use postgres, mariadb or mysql";

	expect_bad("mongo", "unknown database engine 'mongo': use postgres, "
	    "mariadb or mysql");
	expect_bad("mongo:6", "unknown database engine 'mongo'");
	expect_bad("Postgres:17", "unknown database engine 'Postgres'");
	expect_bad("POSTGRES", msg);
	expect_bad("postgresql:17", "'postgresql'");
	expect_bad("postgres17", msg);
	expect_bad(":17", "unknown database engine ''");
	expect_bad(" postgres", msg);
	expect_bad("postgres ", msg);
	expect_bad("sqlite", msg);
	expect_bad("$(rm -rf ~)", msg);
	expect_bad("postgres\n:17", msg);
}

static void
test_bad_versions(void)
{
	const char *msg = "use 'latest' or a version starting with a digit";

	expect_bad("postgres:bookworm", "invalid version 'bookworm' for "
	    "'postgres': use 'latest' or a version starting with a digit "
	    "(e.g. 17, 17.2, 17-bookworm)");
	expect_bad("postgres:alpine", msg);
	expect_bad("mariadb:rolling", "'mariadb'");
	expect_bad("postgres:LATEST", msg);
	expect_bad("postgres:Latest", msg);
	expect_bad("postgres:17-Bookworm", msg);
	expect_bad("postgres:17A", msg);
	expect_bad("postgres:latest-1", msg);
	expect_bad("postgres:-1", msg);
	expect_bad("postgres:.1", msg);
	expect_bad("postgres::17", "invalid version ':17'");
	expect_bad("postgres:17:2", msg);
	expect_bad("postgres:17 ", msg);
	expect_bad("postgres:17_2", msg);
	expect_bad("postgres:17/x", msg);
	expect_bad("postgres:17;rm", msg);
	expect_bad("postgres:17$(id)", msg);
	expect_bad("postgres:\xd9\xa1", msg);	/* Arabic-Indic digit one */
	expect_bad("mysql:8\t", msg);
}

/* postgres:17.2 and postgres:17-2 (and 17. / 17-) would share one
 * container and data dir, and 17- a DNS name the record writer refuses:
 * only one spelling of each is accepted, and the message names it */
static void
test_ids_are_one_to_one(void)
{
	const char *gap = "a '.' or '-' must stand between letters or digits";

	expect_bad("postgres:17-2", "invalid version '17-2' for 'postgres': "
	    "write 17.2 ('.' goes before a digit, '-' before a letter, so each "
	    "version has one database id)");
	expect_bad("postgres:17.bookworm", "write 17-bookworm");
	expect_bad("postgres:17.2.bookworm", "write 17.2-bookworm");
	expect_bad("postgres:17-alpine3-21", "write 17-alpine3.21");
	expect_bad("mariadb:10-11", "invalid version '10-11' for 'mariadb': "
	    "write 10.11");
	expect_bad("postgres:17.", "invalid version '17.' for 'postgres': "
	    "a '.' or '-' must stand between letters or digits (e.g. 17, 17.2, "
	    "17-bookworm)");
	expect_bad("postgres:17-", gap);
	expect_bad("postgres:9-", gap);
	expect_bad("postgres:1..2", gap);
	expect_bad("postgres:1.-2", gap);
	expect_bad("postgres:1--a", gap);
}

static void
expect_bad_id(const char *id)
{
	struct mpd_db_tag t;
	struct mpd_err e = {0};

	CU_ASSERT_EQUAL(mpd_db_id_parse(id, &t, &e), -1);
	CU_ASSERT_FALSE(t.present);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "is not a database id: use "
	    "ENGINE-VERSION with the version's dots as dashes, e.g. "
	    "postgres-17-2 for postgres:17.2"));
	CU_ASSERT_PTR_NULL(strchr(e.msg, '\n'));
}

static void
test_id_parse(void)
{
	struct mpd_db_tag t;
	struct mpd_err e = {0};

	CU_ASSERT_EQUAL_FATAL(mpd_db_id_parse("mariadb-10-11", &t, &e), 0);
	CU_ASSERT_STRING_EQUAL(t.engine, "mariadb");
	CU_ASSERT_STRING_EQUAL(t.version, "10.11");
	CU_ASSERT_STRING_EQUAL(t.container, "mpd-db-mariadb-10-11");
	CU_ASSERT_EQUAL_FATAL(mpd_db_id_parse("postgres-17-bookworm", &t, &e),
	    0);
	CU_ASSERT_STRING_EQUAL(t.version, "17-bookworm");
	CU_ASSERT_EQUAL_FATAL(mpd_db_id_parse("postgres-latest", &t, &e), 0);
	CU_ASSERT_STRING_EQUAL(t.version, "latest");
	expect_bad_id("postgres");
	expect_bad_id("postgres-");
	expect_bad_id("postgres-17-");
	expect_bad_id("postgres--17");
	expect_bad_id("postgres-bookworm");
	expect_bad_id("postgres-17.2");		/* a tag's spelling, not an id */
	expect_bad_id("Postgres-17");
	expect_bad_id("mongo-6");
	expect_bad_id("");
	expect_bad_id(NULL);
}

static void
test_length_limit(void)
{
	char tag[MPD_DB_TAG_MAX + 2];
	struct mpd_db_tag t;
	struct mpd_err e = {0};

	/* exactly 63 characters passes, the id is a full DNS label and
	 * every derived name fits */
	CU_ASSERT_EQUAL_FATAL(MPD_DB_TAG_MAX, 63);
	memcpy(tag, "postgres:", 9);
	memset(tag + 9, '1', MPD_DB_TAG_MAX - 9);
	tag[MPD_DB_TAG_MAX] = '\0';
	CU_ASSERT_EQUAL(mpd_db_tag_parse(tag, &t, &e), 0);
	CU_ASSERT_EQUAL(strlen(t.version), MPD_DB_TAG_MAX - 9);
	CU_ASSERT_EQUAL(strlen(t.id), 63);
	CU_ASSERT_TRUE(dns_name_ok(t.dns_name));
	CU_ASSERT_EQUAL(strlen(t.container), MPD_DB_TAG_MAX + 7);
	CU_ASSERT_EQUAL(strlen(t.data_dir), MPD_DB_TAG_MAX + 9);
	CU_ASSERT_EQUAL(strlen(t.dns_name), MPD_DB_TAG_MAX + 12);
	/* 64 does not: its id would be 64 */
	tag[MPD_DB_TAG_MAX] = '1';
	tag[MPD_DB_TAG_MAX + 1] = '\0';
	expect_bad(tag, "longer than 63 characters (its database id names a "
	    "DNS label)");
}

static void
test_engine_list(void)
{
	CU_ASSERT_STRING_EQUAL(mpd_db_engines[0], "postgres");
	CU_ASSERT_STRING_EQUAL(mpd_db_engines[1], "mariadb");
	CU_ASSERT_STRING_EQUAL(mpd_db_engines[2], "mysql");
	CU_ASSERT_PTR_NULL(mpd_db_engines[3]);
}

static const struct mpd_test_case db_cases[] = {
	{ "valid tags and derived names", test_valid_tags },
	{ "empty means no database", test_empty_means_no_database },
	{ "unknown engines", test_unknown_engines },
	{ "bad versions", test_bad_versions },
	{ "ids are one-to-one", test_ids_are_one_to_one },
	{ "id parse inverts the id", test_id_parse },
	{ "length limit", test_length_limit },
	{ "engine list", test_engine_list },
	{ NULL, NULL }
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "mpddb", NULL, NULL, db_cases },
	{ NULL, NULL, NULL, NULL }
};
