/* test_state_databases.c - databases.json: full rebuilds written sorted by
 * databaseId, round trips, input checks, broken files kept. */
#include "harness.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "state_databases.h"



static const char *
db_path(void)
{
	return mpd_path(MPD_PATH_DATABASES_JSON);
}

static struct state_database dbs[] = {
	{ "mpd-db-postgres-17", "postgres-17", "postgres", "17",
	    STATE_DB_RUNNING },
	{ "mpd-db-mariadb-11-4", "mariadb-11-4", "mariadb", "11.4",
	    STATE_DB_STOPPED },
};

static const char *GOLDEN =
    "{\n"
    "  \"databases\": [\n"
    "    {\n"
    "      \"containerName\": \"mpd-db-mariadb-11-4\",\n"
    "      \"databaseId\": \"mariadb-11-4\",\n"
    "      \"engine\": \"mariadb\",\n"
    "      \"status\": \"stopped\",\n"
    "      \"version\": \"11.4\"\n"
    "    },\n"
    "    {\n"
    "      \"containerName\": \"mpd-db-postgres-17\",\n"
    "      \"databaseId\": \"postgres-17\",\n"
    "      \"engine\": \"postgres\",\n"
    "      \"status\": \"running\",\n"
    "      \"version\": \"17\"\n"
    "    }\n"
    "  ]\n"
    "}\n";

static void
test_missing_file_is_empty(void)
{
	struct state_database_list l = { (void *)1, 3 };
	struct mpd_err e = {0};

	tu_reset_var();
	CU_ASSERT_EQUAL(state_databases_load(&l, &e), 0);
	CU_ASSERT_EQUAL(l.n, 0);
	CU_ASSERT_PTR_NULL(l.items);
}

static void
test_set_sorts_and_round_trips(void)
{
	struct state_database_list in = { dbs, 2 }, out;
	const struct state_database *d;
	struct mpd_err e = {0};
	char *first, *second;

	tu_reset_var();
	CU_ASSERT_EQUAL(state_databases_set(&in, &e), 0);
	first = tu_read_file(db_path());
	CU_ASSERT_STRING_EQUAL(first, GOLDEN);
	CU_ASSERT_EQUAL(state_databases_set(&in, &e), 0);
	second = tu_read_file(db_path());
	CU_ASSERT_STRING_EQUAL(first, second);
	free(first);
	free(second);

	CU_ASSERT_EQUAL_FATAL(state_databases_load(&out, &e), 0);
	CU_ASSERT_EQUAL_FATAL(out.n, 2);
	CU_ASSERT_STRING_EQUAL(out.items[0].database_id, "mariadb-11-4");
	d = state_database_list_find(&out, "postgres-17");
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_STRING_EQUAL(d->container_name, "mpd-db-postgres-17");
	CU_ASSERT_STRING_EQUAL(d->engine, "postgres");
	CU_ASSERT_STRING_EQUAL(d->version, "17");
	CU_ASSERT_EQUAL(d->status, STATE_DB_RUNNING);
	CU_ASSERT_PTR_NULL(state_database_list_find(&out, "mysql-8"));
	state_database_list_free(&out);

	/* a full rebuild drops what is gone */
	in.items = &dbs[0];
	in.n = 1;
	CU_ASSERT_EQUAL(state_databases_set(&in, &e), 0);
	CU_ASSERT_EQUAL(state_databases_load(&out, &e), 0);
	CU_ASSERT_EQUAL(out.n, 1);
	state_database_list_free(&out);
	CU_ASSERT_EQUAL(state_databases_set(NULL, &e), 0);
	first = tu_read_file(db_path());
	CU_ASSERT_STRING_EQUAL(first, "{\n  \"databases\": []\n}\n");
	free(first);
}

static void
test_status_words(void)
{
	enum state_db_status s;

	CU_ASSERT_STRING_EQUAL(state_db_status_name(STATE_DB_RUNNING), "running");
	CU_ASSERT_STRING_EQUAL(state_db_status_name(STATE_DB_STOPPED), "stopped");
	CU_ASSERT_EQUAL(state_db_status_parse("running", &s), 0);
	CU_ASSERT_EQUAL(s, STATE_DB_RUNNING);
	CU_ASSERT_EQUAL(state_db_status_parse("Running", &s), -1);
	CU_ASSERT_EQUAL(state_db_status_parse(NULL, &s), -1);
}

static void
test_bad_input_changes_nothing(void)
{
	struct state_database bad[2];
	struct state_database_list in = { bad, 1 };
	struct mpd_err e = {0};
	char *before, *after;

	tu_reset_var();
	{
		struct state_database_list good = { dbs, 2 };

		CU_ASSERT_EQUAL(state_databases_set(&good, &e), 0);
	}
	before = tu_read_file(db_path());
	bad[0] = dbs[0];
	bad[0].database_id = "a/b";
	CU_ASSERT_EQUAL(state_databases_set(&in, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "database id 'a/b' cannot be "
	    "stored"));
	bad[0] = dbs[0];
	bad[0].engine = "";
	CU_ASSERT_EQUAL(state_databases_set(&in, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "database 'postgres-17': engine must be a "
	    "non-empty string without control characters");
	bad[0] = dbs[0];
	bad[0].status = (enum state_db_status)5;
	CU_ASSERT_EQUAL(state_databases_set(&in, &e), -1);
	bad[0] = dbs[0];
	bad[1] = dbs[0];
	in.n = 2;
	CU_ASSERT_EQUAL(state_databases_set(&in, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "database 'postgres-17' is listed twice");
	after = tu_read_file(db_path());
	CU_ASSERT_STRING_EQUAL(before, after);
	free(before);
	free(after);
}

#define FIX "; fix or remove the file (mpd rebuilds it from the database " \
	"containers on --setup and mpd list dbs)"
#define DB(fields) "{\"databases\": [{" fields "}]}"

static void
expect_corrupt(const char *content, const char *suffix)
{
	struct state_database_list l, in = { dbs, 2 };
	struct mpd_err e = {0};
	char want[4600], *after;

	tu_reset_var();
	CU_ASSERT_EQUAL_FATAL(tu_write_file(db_path(), content), 0);
	snprintf(want, sizeof want, "%s%s", db_path(), suffix);
	CU_ASSERT_EQUAL(state_databases_load(&l, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_CORRUPT);
	if (strcmp(e.msg, want) != 0)
		fprintf(stderr, "\n  want: %s\n  got:  %s\n", want, e.msg);
	CU_ASSERT_STRING_EQUAL(e.msg, want);
	/* not even a full rebuild replaces a broken file */
	mpd_err_clear(&e);
	CU_ASSERT_EQUAL(state_databases_set(&in, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, want);
	after = tu_read_file(db_path());
	CU_ASSERT_STRING_EQUAL(after, content);
	free(after);
}

static void
test_corrupt_files_are_reported_and_kept(void)
{
	expect_corrupt("{\"databases\": [\n  {\"containerName\": \"x\",",
	    ":2:25: invalid JSON (unexpected end of file)" FIX);
	expect_corrupt("{\"databases\": []} []", ":1:19: invalid JSON "
	    "(unexpected text after the end of the JSON value)" FIX);
	expect_corrupt("{\"databases\": null}", ": databases: expected an "
	    "array, found null" FIX);
	expect_corrupt(DB("\"containerName\": \"c\", \"databaseId\": \"d\", "
	    "\"engine\": \"e\", \"version\": 17, \"status\": \"running\""),
	    ": databases[0].version: expected a string, found a whole number"
	    FIX);
	expect_corrupt(DB("\"containerName\": \"c\", \"databaseId\": \"d\", "
	    "\"engine\": \"e\", \"version\": \"17\", \"status\": \"exited\""),
	    ": databases[0].status: expected one of running, stopped, found "
	    "'exited'" FIX);
	expect_corrupt(DB("\"containerName\": \"c\", \"databaseId\": \"d\", "
	    "\"engine\": \"\", \"version\": \"17\", \"status\": \"running\""),
	    ": databases[0].engine: empty (expected a non-empty string)" FIX);
	expect_corrupt(DB("\"containerName\": \"c\", \"databaseId\": \"..\", "
	    "\"engine\": \"e\", \"version\": \"17\", \"status\": \"running\""),
	    ": databases[0].databaseId: '..' cannot name a database (1-255 "
	    "characters, no '/')" FIX);
	expect_corrupt("{\"databases\": [{\"containerName\": \"c\", "
	    "\"databaseId\": \"d\", \"engine\": \"e\", \"version\": \"1\", "
	    "\"status\": \"running\"}, {\"containerName\": \"c\", "
	    "\"databaseId\": \"d\", \"engine\": \"e\", \"version\": \"1\", "
	    "\"status\": \"running\"}]}",
	    ": databases: database 'd' is listed twice" FIX);
}

static const struct mpd_test_case databases_cases[] = {
	{ "missing file is empty", test_missing_file_is_empty },
	{ "set sorts and round trips", test_set_sorts_and_round_trips },
	{ "status words", test_status_words },
	{ "bad input changes nothing", test_bad_input_changes_nothing },
	{ "corrupt files are reported and kept",
	    test_corrupt_files_are_reported_and_kept },
	{ NULL, NULL },
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "state_databases", tu_suite_setup, tu_suite_teardown, databases_cases },
	{ NULL, NULL, NULL, NULL },
};
