/* test_state_hooks.c - hooks-state.json: marking revisions, round trips,
 * input checks, broken files kept. */
#include "harness.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "state_hooks.h"



static const char *
hooks_path(void)
{
	return mpd_path(MPD_PATH_HOOKS_JSON);
}

static void
test_mark_and_load(void)
{
	struct state_hooks h;
	struct mpd_err e = {0};
	long rev = -5;
	char *text, *again;

	tu_reset_var();
	CU_ASSERT_EQUAL(state_hooks_load(&h, &e), 0);
	CU_ASSERT_EQUAL(h.n, 0);
	CU_ASSERT(!state_hooks_get(&h, "mpd-pre-stop", &rev));
	CU_ASSERT_EQUAL(rev, -5);
	CU_ASSERT_EQUAL(state_hooks_mark_revision("project-pre-start", 1, &e), 0);
	CU_ASSERT_EQUAL(state_hooks_mark_revision("mpd-pre-stop", 1, &e), 0);
	CU_ASSERT_EQUAL(state_hooks_mark_revision("project-pre-start", 2, &e), 0);
	text = tu_read_file(hooks_path());
	CU_ASSERT_STRING_EQUAL(text, "{\n  \"revisions\": {\n    "
	    "\"mpd-pre-stop\": 1,\n    \"project-pre-start\": 2\n  }\n}\n");
	CU_ASSERT_EQUAL(state_hooks_mark_revision("mpd-pre-stop", 1, &e), 0);
	again = tu_read_file(hooks_path());
	CU_ASSERT_STRING_EQUAL(text, again);
	free(text);
	free(again);
	CU_ASSERT_EQUAL_FATAL(state_hooks_load(&h, &e), 0);
	CU_ASSERT_EQUAL(h.n, 2);
	CU_ASSERT(state_hooks_get(&h, "project-pre-start", &rev));
	CU_ASSERT_EQUAL(rev, 2);
	CU_ASSERT(state_hooks_get(&h, "mpd-pre-stop", &rev));
	CU_ASSERT_EQUAL(rev, 1);
	CU_ASSERT(!state_hooks_get(&h, "project-post-start", &rev));
	state_hooks_free(&h);
	CU_ASSERT_EQUAL(h.n, 0);
	/* the largest revision survives a round trip */
	CU_ASSERT_EQUAL(state_hooks_mark_revision("mpd-pre-stop",
	    STATE_HOOKS_REVISION_MAX, &e), 0);
	CU_ASSERT_EQUAL(state_hooks_load(&h, &e), 0);
	CU_ASSERT(state_hooks_get(&h, "mpd-pre-stop", &rev));
	CU_ASSERT_EQUAL(rev, STATE_HOOKS_REVISION_MAX);
	state_hooks_free(&h);
}

static void
test_bad_input_changes_nothing(void)
{
	struct mpd_err e = {0};
	char *before, *after;

	tu_reset_var();
	CU_ASSERT_EQUAL(state_hooks_mark_revision("mpd-pre-stop", 1, &e), 0);
	before = tu_read_file(hooks_path());
	CU_ASSERT_EQUAL(state_hooks_mark_revision("Mpd-Pre-Stop", 1, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
	CU_ASSERT_STRING_EQUAL(e.msg, "'Mpd-Pre-Stop' is not a hook event name: "
	    "use kebab-case such as mpd-pre-stop");
	CU_ASSERT_EQUAL(state_hooks_mark_revision("a--b", 1, &e), -1);
	CU_ASSERT_EQUAL(state_hooks_mark_revision("-a", 1, &e), -1);
	CU_ASSERT_EQUAL(state_hooks_mark_revision("", 1, &e), -1);
	CU_ASSERT_EQUAL(state_hooks_mark_revision(NULL, 1, &e), -1);
	CU_ASSERT_EQUAL(state_hooks_mark_revision("mpd-pre-stop", -1, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "hook revision -1 for mpd-pre-stop is out "
	    "of range (0 to 2147483647)");
	CU_ASSERT_EQUAL(state_hooks_mark_revision("mpd-pre-stop",
	    STATE_HOOKS_REVISION_MAX + 1, &e), -1);
	after = tu_read_file(hooks_path());
	CU_ASSERT_STRING_EQUAL(before, after);
	free(before);
	free(after);
	CU_ASSERT(state_hooks_event_ok("a"));
	CU_ASSERT(state_hooks_event_ok("project-pre-start"));
	CU_ASSERT(!state_hooks_event_ok("a-"));
	CU_ASSERT(!state_hooks_event_ok("a_b"));
}

#define FIX "; fix or remove the file (without it every hook event counts " \
	"as never seen)"

static void
expect_corrupt(const char *content, const char *suffix)
{
	struct state_hooks h;
	struct mpd_err e = {0};
	char want[4600], *after;

	tu_reset_var();
	CU_ASSERT_EQUAL_FATAL(tu_write_file(hooks_path(), content), 0);
	snprintf(want, sizeof want, "%s%s", hooks_path(), suffix);
	CU_ASSERT_EQUAL(state_hooks_load(&h, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_CORRUPT);
	if (strcmp(e.msg, want) != 0)
		fprintf(stderr, "\n  want: %s\n  got:  %s\n", want, e.msg);
	CU_ASSERT_STRING_EQUAL(e.msg, want);
	mpd_err_clear(&e);
	CU_ASSERT_EQUAL(state_hooks_mark_revision("mpd-pre-stop", 3, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, want);
	after = tu_read_file(hooks_path());
	CU_ASSERT_STRING_EQUAL(after, content);
	free(after);
}

static void
test_corrupt_files_are_reported_and_kept(void)
{
	expect_corrupt("{\"revisions\": {\"mpd-pre-stop\": 1,}}",
	    ":1:34: invalid JSON (unexpected character '}', expected a "
	    "\"key\")" FIX);
	expect_corrupt("{\"revisions\": []}", ": revisions: expected an "
	    "object, found an array" FIX);
	expect_corrupt("{}", ": revisions: missing (expected an object)" FIX);
	expect_corrupt("{\"revisions\": {\"mpd-pre-stop\": \"1\"}}",
	    ": revisions.mpd-pre-stop: expected a whole number, found a "
	    "string" FIX);
	expect_corrupt("{\"revisions\": {\"mpd-pre-stop\": 1.5}}",
	    ": revisions.mpd-pre-stop: expected a whole number, found a "
	    "number" FIX);
	expect_corrupt("{\"revisions\": {\"mpd-pre-stop\": -1}}",
	    ": revisions.mpd-pre-stop: expected a whole number from 0 to "
	    "2147483647" FIX);
	expect_corrupt("{\"revisions\": {\"mpd-pre-stop\": "
	    "99999999999999999999999999}}",
	    ": revisions.mpd-pre-stop: expected a whole number from 0 to "
	    "2147483647" FIX);
	expect_corrupt("{\"revisions\": {\"Bad Event\": 1}}",
	    ": revisions.Bad Event: 'Bad Event' is not an event name "
	    "(kebab-case, e.g. mpd-pre-stop)" FIX);
}

static const struct mpd_test_case hooks_cases[] = {
	{ "mark and load", test_mark_and_load },
	{ "bad input changes nothing", test_bad_input_changes_nothing },
	{ "corrupt files are reported and kept",
	    test_corrupt_files_are_reported_and_kept },
	{ NULL, NULL },
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "state_hooks", tu_suite_setup, tu_suite_teardown, hooks_cases },
	{ NULL, NULL, NULL, NULL },
};
