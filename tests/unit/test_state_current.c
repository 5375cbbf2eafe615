/* test_state_current.c - the current-state computation table, the maps,
 * the timestamp format, and current-state.json. */
#include "harness.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "state_current.h"



#define M STATE_CURRENT_MISSING
#define S STATE_CURRENT_STOPPED
#define R STATE_CURRENT_RUNNING

static void
test_project_state_table(void)
{
	static const struct {
		const char *runtime_name;
		enum state_requested requested;
		enum state_current runtime;
		enum state_current want;
	} rows[] = {
		/* no runtime: missing, whatever else */
		{ "", STATE_REQUESTED_NOT_CONFIGURED, M, M },
		{ "", STATE_REQUESTED_NOT_CONFIGURED, S, M },
		{ "", STATE_REQUESTED_NOT_CONFIGURED, R, M },
		{ "", STATE_REQUESTED_STOPPED, R, M },
		{ "", STATE_REQUESTED_RUNNING, R, M },
		{ NULL, STATE_REQUESTED_RUNNING, R, M },
		/* runtime gone: missing */
		{ "php", STATE_REQUESTED_NOT_CONFIGURED, M, M },
		{ "php", STATE_REQUESTED_STOPPED, M, M },
		{ "php", STATE_REQUESTED_RUNNING, M, M },
		/* runtime stopped: stopped */
		{ "php", STATE_REQUESTED_NOT_CONFIGURED, S, S },
		{ "php", STATE_REQUESTED_STOPPED, S, S },
		{ "php", STATE_REQUESTED_RUNNING, S, S },
		/* runtime running: follows requested */
		{ "php", STATE_REQUESTED_NOT_CONFIGURED, R, S },
		{ "php", STATE_REQUESTED_STOPPED, R, S },
		{ "php", STATE_REQUESTED_RUNNING, R, R },
	};

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct state_project p = { .name = "demo", .type = "bare" };
		enum state_current got;

		p.runtime_name = (char *)rows[i].runtime_name;
		p.requested = rows[i].requested;
		got = state_current_of_project(&p, rows[i].runtime);
		if (got != rows[i].want)
			fprintf(stderr, "\n  row %zu: got %s\n", i,
			    state_current_name(got));
		CU_ASSERT_EQUAL(got, rows[i].want);
	}
}

static void
test_words(void)
{
	enum state_current c;

	CU_ASSERT_STRING_EQUAL(state_current_name(M), "missing");
	CU_ASSERT_STRING_EQUAL(state_current_name(S), "stopped");
	CU_ASSERT_STRING_EQUAL(state_current_name(R), "running");
	CU_ASSERT_STRING_EQUAL(state_current_name((enum state_current)7),
	    "invalid");
	CU_ASSERT_EQUAL(state_current_parse_word("missing", &c), 0);
	CU_ASSERT_EQUAL(c, M);
	CU_ASSERT_EQUAL(state_current_parse_word("gone", &c), -1);
	CU_ASSERT_EQUAL(state_current_parse_word(NULL, &c), -1);
}

static void
test_maps_and_fill(void)
{
	struct state_current_map rt = { NULL, 0 }, pm = { NULL, 0 };
	struct state_project items[3] = {
		{ .name = "c", .type = "bare", .runtime_name = "php",
		    .requested = STATE_REQUESTED_RUNNING },
		{ .name = "a", .type = "bare", .runtime_name = "node",
		    .requested = STATE_REQUESTED_RUNNING },
		{ .name = "b", .type = "bare", .runtime_name = "gone",
		    .requested = STATE_REQUESTED_RUNNING },
	};
	struct state_project_list l = { items, 3 };

	CU_ASSERT_EQUAL(state_current_map_set(&rt, "php", R), 0);
	CU_ASSERT_EQUAL(state_current_map_set(&rt, "node", R), 0);
	CU_ASSERT_EQUAL(state_current_map_set(&rt, "node", S), 0);
	CU_ASSERT_EQUAL(rt.n, 2);
	CU_ASSERT_STRING_EQUAL(rt.items[0].name, "node");
	CU_ASSERT_EQUAL(state_current_map_get(&rt, "node"), S);
	CU_ASSERT_EQUAL(state_current_map_get(&rt, "nope"), M);
	CU_ASSERT_EQUAL(state_current_map_get(NULL, "php"), M);
	CU_ASSERT_EQUAL(state_current_fill_projects(&pm, &l, &rt), 0);
	CU_ASSERT_EQUAL_FATAL(pm.n, 3);
	CU_ASSERT_STRING_EQUAL(pm.items[0].name, "a");
	CU_ASSERT_EQUAL(state_current_map_get(&pm, "a"), S);
	CU_ASSERT_EQUAL(state_current_map_get(&pm, "b"), M);
	CU_ASSERT_EQUAL(state_current_map_get(&pm, "c"), R);
	state_current_map_free(&rt);
	state_current_map_free(&pm);
	CU_ASSERT_EQUAL(pm.n, 0);
}

static void
test_time_format(void)
{
	char buf[32];
	time_t t;

	CU_ASSERT_STRING_EQUAL(state_current_format_time(0, buf, sizeof buf),
	    "1970-01-01T00:00:00Z");
	CU_ASSERT_STRING_EQUAL(state_current_format_time(1738324800, buf,
	    sizeof buf), "2025-01-31T12:00:00Z");
	CU_ASSERT_EQUAL(state_current_parse_time("2025-01-31T12:00:00Z", &t), 0);
	CU_ASSERT_EQUAL(t, 1738324800);
	CU_ASSERT_EQUAL(state_current_parse_time("2024-02-29T23:59:59Z", &t), 0);
	CU_ASSERT_EQUAL(state_current_parse_time("2025-02-29T00:00:00Z", &t), -1);
	CU_ASSERT_EQUAL(state_current_parse_time("2025-01-31T24:00:00Z", &t), -1);
	CU_ASSERT_EQUAL(state_current_parse_time("2025-01-31T12:00:00.5Z", &t),
	    -1);
	CU_ASSERT_EQUAL(state_current_parse_time("2025-01-31T12:00:00+00:00",
	    &t), -1);
	CU_ASSERT_EQUAL(state_current_parse_time("2025-01-31 12:00:00Z", &t), -1);
	CU_ASSERT_EQUAL(state_current_parse_time("", &t), -1);
	CU_ASSERT_EQUAL(state_current_parse_time(NULL, &t), -1);
}

static const char *GOLDEN =
    "{\n"
    "  \"databases\": {\n"
    "    \"postgres-17\": \"running\"\n"
    "  },\n"
    "  \"projects\": {\n"
    "    \"alpha\": \"running\",\n"
    "    \"beta\": \"missing\"\n"
    "  },\n"
    "  \"refreshedAt\": \"2025-01-31T12:00:00Z\",\n"
    "  \"runtimes\": {}\n"
    "}\n";

static void
test_write_and_load(void)
{
	struct state_current_snapshot s = { { NULL, 0 }, { NULL, 0 },
	    { NULL, 0 }, 1738324800 }, got;
	struct mpd_err e = {0};
	char *text, *again;

	tu_reset_var();
	CU_ASSERT_EQUAL(state_current_load(&got, &e), 0);
	CU_ASSERT_EQUAL(got.projects.n, 0);
	CU_ASSERT_EQUAL(got.refreshed_at, 0);
	state_current_map_set(&s.projects, "beta", M);
	state_current_map_set(&s.projects, "alpha", R);
	state_current_map_set(&s.databases, "postgres-17", R);
	CU_ASSERT_EQUAL(state_current_write(&s, &e), 0);
	text = tu_read_file(mpd_path(MPD_PATH_CURRENT_JSON));
	CU_ASSERT_STRING_EQUAL(text, GOLDEN);
	CU_ASSERT_EQUAL(state_current_write(&s, &e), 0);
	again = tu_read_file(mpd_path(MPD_PATH_CURRENT_JSON));
	CU_ASSERT_STRING_EQUAL(text, again);
	free(text);
	free(again);

	CU_ASSERT_EQUAL_FATAL(state_current_load(&got, &e), 0);
	CU_ASSERT_EQUAL(got.refreshed_at, 1738324800);
	CU_ASSERT_EQUAL(got.projects.n, 2);
	CU_ASSERT_EQUAL(state_current_map_get(&got.projects, "alpha"), R);
	CU_ASSERT_EQUAL(state_current_map_get(&got.projects, "beta"), M);
	CU_ASSERT_EQUAL(state_current_map_get(&got.databases, "postgres-17"), R);
	CU_ASSERT_EQUAL(got.runtimes.n, 0);
	state_current_snapshot_free(&got);

	/* bad names are refused before anything is written */
	state_current_map_set(&s.runtimes, "a/b", R);
	CU_ASSERT_EQUAL(state_current_write(&s, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "runtime name 'a/b' cannot be "
	    "stored"));
	text = tu_read_file(mpd_path(MPD_PATH_CURRENT_JSON));
	CU_ASSERT_STRING_EQUAL(text, GOLDEN);
	free(text);
	CU_ASSERT_EQUAL(state_current_write(NULL, &e), -1);
	state_current_snapshot_free(&s);
}

#define FIX "; fix or remove the file (mpd writes it afresh on the next mpd " \
	"list or --status)"

static void
expect_corrupt(const char *content, const char *suffix)
{
	struct state_current_snapshot got, s = { { NULL, 0 }, { NULL, 0 },
	    { NULL, 0 }, 1 };
	struct mpd_err e = {0};
	char want[4600], *after;

	tu_reset_var();
	CU_ASSERT_EQUAL_FATAL(tu_write_file(mpd_path(MPD_PATH_CURRENT_JSON),
	    content), 0);
	snprintf(want, sizeof want, "%s%s", mpd_path(MPD_PATH_CURRENT_JSON),
	    suffix);
	CU_ASSERT_EQUAL(state_current_load(&got, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_CORRUPT);
	if (strcmp(e.msg, want) != 0)
		fprintf(stderr, "\n  want: %s\n  got:  %s\n", want, e.msg);
	CU_ASSERT_STRING_EQUAL(e.msg, want);
	mpd_err_clear(&e);
	CU_ASSERT_EQUAL(state_current_write(&s, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, want);
	after = tu_read_file(mpd_path(MPD_PATH_CURRENT_JSON));
	CU_ASSERT_STRING_EQUAL(after, content);
	free(after);
}

#define SNAP(db, pr, rt, at) "{\"databases\": " db ", \"projects\": " pr \
	", \"runtimes\": " rt ", \"refreshedAt\": " at "}"

static void
test_corrupt_files_are_reported_and_kept(void)
{
	expect_corrupt("{\n\"databases\": {},\n\"projects\": {\"a\": \"running\"",
	    ":3:28: invalid JSON (unexpected end of file)" FIX);
	expect_corrupt(SNAP("{}", "{\"a\": \"up\"}", "{}",
	    "\"2025-01-31T12:00:00Z\""), ": projects.a: expected one of "
	    "running, stopped, missing, found 'up'" FIX);
	expect_corrupt(SNAP("{}", "{}", "{\"php\": 1}",
	    "\"2025-01-31T12:00:00Z\""), ": runtimes.php: expected a string, "
	    "found a whole number" FIX);
	expect_corrupt(SNAP("[]", "{}", "{}", "\"2025-01-31T12:00:00Z\""),
	    ": databases: expected an object, found an array" FIX);
	expect_corrupt(SNAP("{}", "{}", "{}", "\"2025-01-31 12:00\""),
	    ": refreshedAt: expected a UTC time like 2025-01-31T12:00:00Z, "
	    "found '2025-01-31 12:00'" FIX);
	expect_corrupt(SNAP("{}", "{}", "{}", "0"),
	    ": refreshedAt: expected a string, found a whole number" FIX);
	expect_corrupt("{\"databases\": {}, \"projects\": {}, \"refreshedAt\": "
	    "\"2025-01-31T12:00:00Z\"}", ": runtimes: missing (expected an "
	    "object)" FIX);
	expect_corrupt(SNAP("{\"a/b\": \"running\"}", "{}", "{}",
	    "\"2025-01-31T12:00:00Z\""), ": databases.a/b: 'a/b' cannot name a "
	    "database" FIX);
}

static const struct mpd_test_case current_cases[] = {
	{ "project state table", test_project_state_table },
	{ "words", test_words },
	{ "maps and fill", test_maps_and_fill },
	{ "time format", test_time_format },
	{ "write and load", test_write_and_load },
	{ "corrupt files are reported and kept",
	    test_corrupt_files_are_reported_and_kept },
	{ NULL, NULL },
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "state_current", tu_suite_setup, tu_suite_teardown, current_cases },
	{ NULL, NULL, NULL, NULL },
};
