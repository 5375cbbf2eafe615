/* test_state_config.c - config.json: set, load, input checks, broken
 * files kept. */
#include "harness.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "state_config.h"

static char *root;
static char *path;

static int
setup(void)
{
	root = tu_fresh_root();
	path = mpd_path_join(MPD_PATH_STATE, "config.json");
	return root == NULL || path == NULL;
}

static int
teardown(void)
{
	tu_rmrf(root);
	free(root);
	free(path);
	unsetenv("MPD_TEST_ROOT");
	mpd_paths_reset();
	return 0;
}

static void
reset(void)
{
	char var[4096];

	snprintf(var, sizeof var, "%s/var", root);
	tu_rmrf(var);
}

static void
test_set_and_load(void)
{
	struct state_config c = { "1000", "dev" }, got;
	struct mpd_err e = {0};
	char *text;

	reset();
	CU_ASSERT_EQUAL(state_config_load(&got, &e), 0);
	CU_ASSERT_PTR_NULL(got.uid);
	CU_ASSERT_PTR_NULL(got.user);
	CU_ASSERT_EQUAL(state_config_set(&c, &e), 0);
	text = tu_read_file(path);
	CU_ASSERT_STRING_EQUAL(text, "{\n  \"uid\": \"1000\",\n  \"user\": "
	    "\"dev\"\n}\n");
	free(text);
	CU_ASSERT_EQUAL_FATAL(state_config_load(&got, &e), 0);
	CU_ASSERT_STRING_EQUAL(got.uid, "1000");
	CU_ASSERT_STRING_EQUAL(got.user, "dev");
	state_config_free(&got);
	CU_ASSERT_PTR_NULL(got.uid);
}

static void
test_bad_input_changes_nothing(void)
{
	struct state_config c = { "1000", "dev" }, bad;
	struct mpd_err e = {0};
	char *before, *after;

	reset();
	CU_ASSERT_EQUAL(state_config_set(&c, &e), 0);
	before = tu_read_file(path);
	bad = c;
	bad.uid = "10a0";
	CU_ASSERT_EQUAL(state_config_set(&bad, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
	CU_ASSERT_STRING_EQUAL(e.msg, "'10a0' is not a uid (decimal digits, at "
	    "most 4294967294)");
	bad.uid = "4294967295";
	CU_ASSERT_EQUAL(state_config_set(&bad, &e), -1);
	bad.uid = NULL;
	CU_ASSERT_EQUAL(state_config_set(&bad, &e), -1);
	bad = c;
	bad.user = "-dev";
	CU_ASSERT_EQUAL(state_config_set(&bad, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "'-dev' is not a user name (1-32 of A-Z "
	    "a-z 0-9 . _ -, not starting with '-')");
	bad.user = "a b";
	CU_ASSERT_EQUAL(state_config_set(&bad, &e), -1);
	bad.user = "";
	CU_ASSERT_EQUAL(state_config_set(&bad, &e), -1);
	CU_ASSERT_EQUAL(state_config_set(NULL, &e), -1);
	after = tu_read_file(path);
	CU_ASSERT_STRING_EQUAL(before, after);
	free(before);
	free(after);
}

#define FIX "; fix or remove the file (mpd --setup detects the dev user " \
	"again)"

static void
expect_corrupt(const char *content, const char *suffix)
{
	struct state_config got, c = { "1000", "dev" };
	struct mpd_err e = {0};
	char want[4600], *after;

	reset();
	CU_ASSERT_EQUAL_FATAL(tu_write_file(path, content), 0);
	snprintf(want, sizeof want, "%s%s", path, suffix);
	CU_ASSERT_EQUAL(state_config_load(&got, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_CORRUPT);
	if (strcmp(e.msg, want) != 0)
		fprintf(stderr, "\n  want: %s\n  got:  %s\n", want, e.msg);
	CU_ASSERT_STRING_EQUAL(e.msg, want);
	CU_ASSERT_PTR_NULL(got.uid);
	mpd_err_clear(&e);
	CU_ASSERT_EQUAL(state_config_set(&c, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, want);
	after = tu_read_file(path);
	CU_ASSERT_STRING_EQUAL(after, content);
	free(after);
}

static void
test_corrupt_files_are_reported_and_kept(void)
{
	expect_corrupt("{\"uid\": \"1000\"\n\"user\": \"dev\"}",
	    ":2:1: invalid JSON (unexpected character '\"', expected ',' or "
	    "'}')" FIX);
	expect_corrupt("{\"uid\": 1000, \"user\": \"dev\"}",
	    ": uid: expected a string, found a whole number" FIX);
	expect_corrupt("{\"uid\": \"1000\"}",
	    ": user: missing (expected a string)" FIX);
	expect_corrupt("{\"uid\": \"x\", \"user\": \"dev\"}",
	    ": uid: 'x' is not a uid (decimal digits, at most 4294967294)" FIX);
	expect_corrupt("{\"uid\": \"1000\", \"user\": \"d/v\"}",
	    ": user: 'd/v' is not a user name (1-32 of A-Z a-z 0-9 . _ -, not "
	    "starting with '-')" FIX);
	expect_corrupt("\"dev\"", ": top level: expected an object, found a "
	    "string" FIX);
}

static const struct mpd_test_case config_cases[] = {
	{ "set and load", test_set_and_load },
	{ "bad input changes nothing", test_bad_input_changes_nothing },
	{ "corrupt files are reported and kept",
	    test_corrupt_files_are_reported_and_kept },
	{ NULL, NULL },
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "state_config", setup, teardown, config_cases },
	{ NULL, NULL, NULL, NULL },
};
