/* test_state_runtimes.c - runtimes/<n>/meta.json: round trips, the
 * optional requested field, listing, delete, input checks, broken files
 * kept. */
#include "harness.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"
#include "state_runtimes.h"



static void
meta(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s/meta.json", mpd_path(MPD_PATH_RUNTIMES_DIR),
	    name);
}

static void
test_round_trip(void)
{
	struct state_runtime r = { "php", "10.163.0.100", "php",
	    STATE_RUNTIME_REQUESTED_RUNNING }, got;
	struct mpd_err e = {0};
	char path[4096], *text;

	tu_reset_var();
	CU_ASSERT_EQUAL(state_runtimes_upsert(&r, &e), 0);
	meta(path, sizeof path, "php");
	text = tu_read_file(path);
	CU_ASSERT_STRING_EQUAL(text, "{\n  \"ip\": \"10.163.0.100\",\n  "
	    "\"name\": \"php\",\n  \"requested\": \"running\",\n  \"runtime\": "
	    "\"php\"\n}\n");
	free(text);
	CU_ASSERT_EQUAL_FATAL(state_runtimes_get("php", &got, &e), 0);
	CU_ASSERT_STRING_EQUAL(got.name, "php");
	CU_ASSERT_STRING_EQUAL(got.ip, "10.163.0.100");
	CU_ASSERT_STRING_EQUAL(got.runtime, "php");
	CU_ASSERT_EQUAL(got.requested, STATE_RUNTIME_REQUESTED_RUNNING);
	state_runtime_free(&got);

	/* without requested the field is left out */
	r.requested = STATE_RUNTIME_REQUESTED_UNSET;
	CU_ASSERT_EQUAL(state_runtimes_upsert(&r, &e), 0);
	text = tu_read_file(path);
	CU_ASSERT_STRING_EQUAL(text, "{\n  \"ip\": \"10.163.0.100\",\n  "
	    "\"name\": \"php\",\n  \"runtime\": \"php\"\n}\n");
	free(text);
	CU_ASSERT_EQUAL(state_runtimes_get("php", &got, &e), 0);
	CU_ASSERT_EQUAL(got.requested, STATE_RUNTIME_REQUESTED_UNSET);
	state_runtime_free(&got);
}

static void
test_set_requested(void)
{
	struct state_runtime r = { "node", "10.163.0.101", "node",
	    STATE_RUNTIME_REQUESTED_UNSET }, got;
	struct mpd_err e = {0};

	tu_reset_var();
	CU_ASSERT_EQUAL(state_runtimes_upsert(&r, &e), 0);
	CU_ASSERT_EQUAL(state_runtimes_set_requested("node",
	    STATE_RUNTIME_REQUESTED_STOPPED, &e), 0);
	CU_ASSERT_EQUAL(state_runtimes_get("node", &got, &e), 0);
	CU_ASSERT_EQUAL(got.requested, STATE_RUNTIME_REQUESTED_STOPPED);
	CU_ASSERT_STRING_EQUAL(got.ip, "10.163.0.101");
	state_runtime_free(&got);
	CU_ASSERT_EQUAL(state_runtimes_set_requested("gone",
	    STATE_RUNTIME_REQUESTED_RUNNING, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_NOTFOUND);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "runtime 'gone' is not registered"));
	CU_ASSERT_EQUAL(state_runtimes_set_requested("node",
	    (enum state_runtime_requested)9, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
	CU_ASSERT_STRING_EQUAL(state_runtime_requested_name(
	    STATE_RUNTIME_REQUESTED_STOPPED), "stopped");
}

static void
test_list_and_delete(void)
{
	struct state_runtime a = { "util", "10.163.0.102", "util",
	    STATE_RUNTIME_REQUESTED_RUNNING };
	struct state_runtime b = { "php", "10.163.0.100", "php",
	    STATE_RUNTIME_REQUESTED_STOPPED };
	struct state_runtime_list l;
	struct mpd_err e = {0};
	char path[4096], dir[4096];

	tu_reset_var();
	CU_ASSERT_EQUAL(state_runtimes_load(&l, &e), 0);
	CU_ASSERT_EQUAL(l.n, 0);
	CU_ASSERT_EQUAL(state_runtimes_upsert(&a, &e), 0);
	CU_ASSERT_EQUAL(state_runtimes_upsert(&b, &e), 0);
	/* things that are not runtimes are ignored */
	snprintf(path, sizeof path, "%s/empty/x", mpd_path(
	    MPD_PATH_RUNTIMES_DIR));
	CU_ASSERT_EQUAL(tu_write_file(path, "not meta"), 0);
	snprintf(path, sizeof path, "%s/.hidden/meta.json", mpd_path(
	    MPD_PATH_RUNTIMES_DIR));
	CU_ASSERT_EQUAL(tu_write_file(path, "{"), 0);
	snprintf(path, sizeof path, "%s/plainfile", mpd_path(
	    MPD_PATH_RUNTIMES_DIR));
	CU_ASSERT_EQUAL(tu_write_file(path, "x"), 0);

	CU_ASSERT_EQUAL_FATAL(state_runtimes_load(&l, &e), 0);
	CU_ASSERT_EQUAL_FATAL(l.n, 2);
	CU_ASSERT_STRING_EQUAL(l.items[0].name, "php");
	CU_ASSERT_STRING_EQUAL(l.items[1].name, "util");
	CU_ASSERT_PTR_NOT_NULL(state_runtime_list_find(&l, "util"));
	CU_ASSERT_PTR_NULL(state_runtime_list_find(&l, "empty"));
	state_runtime_list_free(&l);

	CU_ASSERT_EQUAL(state_runtimes_delete("util", &e), 0);
	snprintf(dir, sizeof dir, "%s/util", mpd_path(MPD_PATH_RUNTIMES_DIR));
	CU_ASSERT_EQUAL(access(dir, F_OK), -1);
	CU_ASSERT_EQUAL(state_runtimes_delete("util", &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_NOTFOUND);
	/* a directory with other files stays, without its meta.json */
	snprintf(path, sizeof path, "%s/php/other", mpd_path(
	    MPD_PATH_RUNTIMES_DIR));
	CU_ASSERT_EQUAL(tu_write_file(path, "keep"), 0);
	CU_ASSERT_EQUAL(state_runtimes_delete("php", &e), 0);
	CU_ASSERT_EQUAL(access(path, F_OK), 0);
	meta(path, sizeof path, "php");
	CU_ASSERT_EQUAL(access(path, F_OK), -1);
	CU_ASSERT_EQUAL(state_runtimes_load(&l, &e), 0);
	CU_ASSERT_EQUAL(l.n, 0);
}

static void
test_bad_input_changes_nothing(void)
{
	struct state_runtime r = { "php", "10.163.0.100", "php",
	    STATE_RUNTIME_REQUESTED_RUNNING }, bad;
	struct state_runtime got;
	struct mpd_err e = {0};
	char path[4096], *before, *after;

	tu_reset_var();
	CU_ASSERT_EQUAL(state_runtimes_upsert(&r, &e), 0);
	meta(path, sizeof path, "php");
	before = tu_read_file(path);
	bad = r;
	bad.ip = "10.163.0.999";
	CU_ASSERT_EQUAL(state_runtimes_upsert(&bad, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
	CU_ASSERT_STRING_EQUAL(e.msg, "runtime 'php': '10.163.0.999' is not an "
	    "IPv4 address");
	bad = r;
	bad.runtime = "";
	CU_ASSERT_EQUAL(state_runtimes_upsert(&bad, &e), -1);
	bad = r;
	bad.name = "../x";
	CU_ASSERT_EQUAL(state_runtimes_upsert(&bad, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "runtime name '../x' cannot be "
	    "stored"));
	bad.name = ".php";
	CU_ASSERT_EQUAL(state_runtimes_upsert(&bad, &e), -1);
	CU_ASSERT_EQUAL(state_runtimes_get("../etc", &got, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
	CU_ASSERT_EQUAL(state_runtimes_delete("", &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
	CU_ASSERT_EQUAL(state_runtimes_upsert(NULL, &e), -1);
	after = tu_read_file(path);
	CU_ASSERT_STRING_EQUAL(before, after);
	free(before);
	free(after);
}

#define FIX "; fix or remove the file (starting the runtime re-creates it " \
	"from its container labels)"

static void
expect_corrupt(const char *content, const char *suffix)
{
	struct state_runtime r = { "php", "10.163.0.100", "php",
	    STATE_RUNTIME_REQUESTED_RUNNING }, got;
	struct state_runtime_list l;
	struct mpd_err e = {0};
	char path[4096], want[4600], *after;

	tu_reset_var();
	meta(path, sizeof path, "php");
	CU_ASSERT_EQUAL_FATAL(tu_write_file(path, content), 0);
	snprintf(want, sizeof want, "%s%s", path, suffix);
	CU_ASSERT_EQUAL(state_runtimes_get("php", &got, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_CORRUPT);
	if (strcmp(e.msg, want) != 0)
		fprintf(stderr, "\n  want: %s\n  got:  %s\n", want, e.msg);
	CU_ASSERT_STRING_EQUAL(e.msg, want);
	mpd_err_clear(&e);
	CU_ASSERT_EQUAL(state_runtimes_load(&l, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, want);
	mpd_err_clear(&e);
	CU_ASSERT_EQUAL(state_runtimes_upsert(&r, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, want);
	mpd_err_clear(&e);
	CU_ASSERT_EQUAL(state_runtimes_set_requested("php",
	    STATE_RUNTIME_REQUESTED_STOPPED, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, want);
	mpd_err_clear(&e);
	CU_ASSERT_EQUAL(state_runtimes_delete("php", &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, want);
	after = tu_read_file(path);
	CU_ASSERT_STRING_EQUAL(after, content);
	free(after);
}

static void
test_corrupt_files_are_reported_and_kept(void)
{
	expect_corrupt("{\"ip\": \"10.163.0.100\", \"name\": \"php\"",
	    ":1:37: invalid JSON (unexpected end of file)" FIX);
	expect_corrupt("{\"ip\": 10, \"name\": \"php\", \"runtime\": \"php\"}",
	    ": ip: expected a string, found a whole number" FIX);
	expect_corrupt("{\"ip\": \"x\", \"name\": \"php\", \"runtime\": \"php\"}",
	    ": ip: 'x' is not an IPv4 address" FIX);
	expect_corrupt("{\"ip\": \"10.163.0.100\", \"name\": \"node\", "
	    "\"runtime\": \"php\"}", ": name: 'node' does not match the "
	    "directory 'php'" FIX);
	expect_corrupt("{\"ip\": \"10.163.0.100\", \"name\": \"php\", "
	    "\"runtime\": \"php\", \"requested\": \"not-configured\"}",
	    ": requested: expected one of stopped, running, found "
	    "'not-configured'" FIX);
	expect_corrupt("{\"ip\": \"10.163.0.100\", \"name\": \"php\", "
	    "\"runtime\": \"php\", \"requested\": true}",
	    ": requested: expected a string, found a boolean" FIX);
	expect_corrupt("{\"ip\": \"10.163.0.100\", \"name\": \"php\"}",
	    ": runtime: missing (expected a string)" FIX);
}

static const struct mpd_test_case runtimes_cases[] = {
	{ "round trip", test_round_trip },
	{ "set_requested", test_set_requested },
	{ "list and delete", test_list_and_delete },
	{ "bad input changes nothing", test_bad_input_changes_nothing },
	{ "corrupt files are reported and kept",
	    test_corrupt_files_are_reported_and_kept },
	{ NULL, NULL },
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "state_runtimes", tu_suite_setup, tu_suite_teardown, runtimes_cases },
	{ NULL, NULL, NULL, NULL },
};
