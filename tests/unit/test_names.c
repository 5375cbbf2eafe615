/* test_names.c - project/runtime name rules and the reserved words. */
#include "harness.h"

#include <stdio.h>
#include <string.h>

#include "names.h"
#include "printable.h"

static void
expect_project_ok(const char *s)
{
	struct mpd_err e = {0};

	if (mpd_name_check_project(s, &e) != 0)
		fprintf(stderr, "\n  '%s' refused: %s\n", s, e.msg);
	CU_ASSERT_EQUAL(mpd_name_check_project(s, &e), 0);
}

static void
expect_project_bad(const char *s, const char *needle)
{
	struct mpd_err e = {0};

	CU_ASSERT_EQUAL(mpd_name_check_project(s, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
	if (strstr(e.msg, needle) == NULL)
		fprintf(stderr, "\n  '%s': expected '%s' in: %s\n",
		    s ? s : "(null)", needle, e.msg);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, needle));
	CU_ASSERT_PTR_NULL(strchr(e.msg, '\n'));
	/* NULL err is allowed */
	CU_ASSERT_EQUAL(mpd_name_check_project(s, NULL), -1);
}

static void
test_project_valid(void)
{
	char max[MPD_NAME_MAX + 1];

	expect_project_ok("ab");
	expect_project_ok("moodle51");
	expect_project_ok("moodle520-cftunnel");
	expect_project_ok("a1");
	expect_project_ok("a-1");
	expect_project_ok("a-b-c");
	expect_project_ok("x0-0y");
	memset(max, 'a', MPD_NAME_MAX);
	max[MPD_NAME_MAX] = '\0';
	expect_project_ok(max);
	/* names that contain a reserved word are fine */
	expect_project_ok("show1");
	expect_project_ok("my-project");
	expect_project_ok("lists");
}

static void
test_project_invalid(void)
{
	char toolong[MPD_NAME_MAX + 2];
	const char *rule = "use lowercase letters, digits and single dashes, "
	    "2-63 chars, starting with a letter";

	memset(toolong, 'a', MPD_NAME_MAX + 1);
	toolong[MPD_NAME_MAX + 1] = '\0';
	expect_project_bad(NULL, rule);
	expect_project_bad("", rule);
	expect_project_bad("a", rule);
	expect_project_bad(toolong, rule);
	expect_project_bad("Foo", "project name 'Foo' is invalid: use lowercase");
	expect_project_bad("1abc", rule);
	expect_project_bad("-abc", rule);
	expect_project_bad("abc-", rule);
	expect_project_bad("a--b", rule);
	expect_project_bad("a_b", rule);
	expect_project_bad("a.b", rule);
	expect_project_bad("a b", rule);
	expect_project_bad("ab/", rule);
	expect_project_bad("ab\n", rule);
	expect_project_bad("caf\xc3\xa9", rule);
}

static void
test_project_error_is_one_printable_line(void)
{
	struct mpd_err e = {0};
	char longname[300];

	CU_ASSERT_EQUAL(mpd_name_check_project("a\nb\x1b[31m", &e), -1);
	CU_ASSERT_PTR_NULL(strchr(e.msg, '\n'));
	CU_ASSERT_PTR_NULL(strchr(e.msg, '\x1b'));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "'a?b?[31m'"));
	memset(longname, 'x', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	CU_ASSERT_EQUAL(mpd_name_check_project(longname, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "...'"));
	CU_ASSERT(strlen(e.msg) < 300);
}

static void
test_reserved(void)
{
	const char *reserved[] = { "show", "help", "create", "configure",
	    "start", "stop", "delete", "list", "project" };

	for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++) {
		CU_ASSERT_TRUE(mpd_name_is_reserved(reserved[i]));
		expect_project_bad(reserved[i], "is reserved");
	}
	expect_project_bad("create", "project name 'create' is reserved");
	CU_ASSERT_FALSE(mpd_name_is_reserved("moodle"));
	CU_ASSERT_FALSE(mpd_name_is_reserved("Show"));
	CU_ASSERT_FALSE(mpd_name_is_reserved(NULL));
}

static void
test_verbs(void)
{
	const char *expect[] = { "show", "help", "create", "configure",
	    "start", "stop", "delete" };
	size_t n = 0;

	while (mpd_verbs[n] != NULL)
		n++;
	CU_ASSERT_EQUAL(n, sizeof expect / sizeof expect[0]);
	for (size_t i = 0; i < n && i < 7; i++) {
		CU_ASSERT_STRING_EQUAL(mpd_verbs[i], expect[i]);
		CU_ASSERT_TRUE(mpd_is_verb(expect[i]));
	}
	CU_ASSERT_FALSE(mpd_is_verb("list"));
	CU_ASSERT_FALSE(mpd_is_verb("project"));
	CU_ASSERT_FALSE(mpd_is_verb("START"));
	CU_ASSERT_FALSE(mpd_is_verb("star"));
	CU_ASSERT_FALSE(mpd_is_verb(""));
	CU_ASSERT_FALSE(mpd_is_verb(NULL));
}

static void
test_runtime(void)
{
	struct mpd_err e = {0};
	char max[MPD_NAME_MAX + 2];

	CU_ASSERT_EQUAL(mpd_name_check_runtime("php", &e), 0);
	CU_ASSERT_EQUAL(mpd_name_check_runtime("node", &e), 0);
	CU_ASSERT_EQUAL(mpd_name_check_runtime("php84", &e), 0);
	CU_ASSERT_EQUAL(mpd_name_check_runtime("ab", &e), 0);
	memset(max, 'r', MPD_NAME_MAX);
	max[MPD_NAME_MAX] = '\0';
	CU_ASSERT_EQUAL(mpd_name_check_runtime(max, &e), 0);
	max[MPD_NAME_MAX] = 'r';
	max[MPD_NAME_MAX + 1] = '\0';
	CU_ASSERT_EQUAL(mpd_name_check_runtime(max, &e), -1);

	CU_ASSERT_EQUAL(mpd_name_check_runtime("a", &e), -1);
	CU_ASSERT_EQUAL(mpd_name_check_runtime("", &e), -1);
	CU_ASSERT_EQUAL(mpd_name_check_runtime(NULL, &e), -1);
	CU_ASSERT_EQUAL(mpd_name_check_runtime("php-8", &e), -1);
	CU_ASSERT_EQUAL(mpd_name_check_runtime("8php", &e), -1);
	CU_ASSERT_EQUAL(mpd_name_check_runtime("Php", &e), -1);
	CU_ASSERT_EQUAL(mpd_name_check_runtime("php_", &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "runtime name 'php_' is invalid: "
	    "use lowercase letters and digits, 2-63 chars, starting with a "
	    "letter"));
}

static void
test_printable(void)
{
	char buf[8];

	CU_ASSERT_STRING_EQUAL(mpd_printable("abc", buf, sizeof buf),
	    "abc");
	CU_ASSERT_STRING_EQUAL(mpd_printable("abcdefg", buf, sizeof buf),
	    "abcdefg");
	CU_ASSERT_STRING_EQUAL(mpd_printable("abcdefgh", buf, sizeof buf),
	    "abcd...");
	CU_ASSERT_STRING_EQUAL(mpd_printable("a\tb\xff", buf, sizeof buf),
	    "a?b?");
	CU_ASSERT_STRING_EQUAL(mpd_printable(NULL, buf, sizeof buf),
	    "(null)");
}

static const struct mpd_test_case name_cases[] = {
	{ "project names that pass", test_project_valid },
	{ "project names that fail", test_project_invalid },
	{ "errors are one printable line", test_project_error_is_one_printable_line },
	{ "reserved words", test_reserved },
	{ "the verb list", test_verbs },
	{ "runtime names", test_runtime },
	{ "printable copies", test_printable },
	{ NULL, NULL }
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "names", NULL, NULL, name_cases },
	{ NULL, NULL, NULL, NULL }
};
