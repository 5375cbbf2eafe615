/*
 * test_certs_names.c - which names mpd's certificates may carry, SAN set
 * comparison, and the names taken from a project's URLs.
 */
#include "harness.h"

#include "certs_names.h"
#include "strv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
test_name_check(void)
{
	const char *good[] = { "mpd.test", "foo.mpd.test", "behat.foo.mpd.test",
	    "*.service.mpd.test", "a-b.c1.mpd.test", "x.runtime.mpd.test",
	    NULL };
	const char *bad[] = { "", "example.com", "mpd.test.evil.com",
	    "evilmpd.test", "foo..mpd.test", "-a.mpd.test", "a-.mpd.test",
	    "FOO.mpd.test", "a_b.mpd.test", "*.*.mpd.test", "a*.mpd.test",
	    ".mpd.test", "foo.mpd.test.", NULL };
	char label64[80], longname[300];
	struct mpd_err e;

	for (size_t i = 0; good[i]; i++) {
		if (certs_name_check(good[i], &e) != 0)
			fprintf(stderr, "rejected %s: %s\n", good[i], e.msg);
		CU_ASSERT_EQUAL(certs_name_check(good[i], NULL), 0);
	}
	for (size_t i = 0; bad[i]; i++) {
		if (certs_name_check(bad[i], NULL) == 0)
			fprintf(stderr, "accepted %s\n", bad[i]);
		CU_ASSERT_EQUAL(certs_name_check(bad[i], NULL), -1);
	}
	CU_ASSERT_EQUAL(certs_name_check("example.com", &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "'example.com' is outside mpd.test"));
	memset(label64, 'a', 64);
	snprintf(label64 + 64, sizeof label64 - 64, ".mpd.test");
	CU_ASSERT_EQUAL(certs_name_check(label64, NULL), -1);
	CU_ASSERT_EQUAL(certs_name_check(label64 + 1, NULL), 0);
	memset(longname, 0, sizeof longname);
	for (size_t i = 0; i < 250; i += 2)
		memcpy(longname + i, "a.", 2);
	strcat(longname, "mpd.test");
	CU_ASSERT_EQUAL(certs_name_check(longname, NULL), -1);
}

static void
test_normalise(void)
{
	const char *in[] = { "foo.mpd.test", "BEHAT.foo.mpd.test",
	    "foo.mpd.test", NULL };
	const char *bad[] = { "foo.mpd.test", "example.com", NULL };
	const char *none[] = { NULL };
	char **out = (char **)1;
	struct mpd_err e;

	CU_ASSERT_EQUAL_FATAL(certs_names_normalise(in, &out, &e), 0);
	CU_ASSERT_EQUAL(strv_len(strv_const(out)), 2);
	CU_ASSERT_STRING_EQUAL(out[0], "behat.foo.mpd.test");
	CU_ASSERT_STRING_EQUAL(out[1], "foo.mpd.test");
	strv_free(out);
	CU_ASSERT_EQUAL(certs_names_normalise(bad, &out, &e), -1);
	CU_ASSERT_PTR_NULL(out);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "example.com"));
	CU_ASSERT_EQUAL(certs_names_normalise(none, &out, &e), -1);
	CU_ASSERT_EQUAL(certs_names_normalise(NULL, &out, &e), -1);
}

static void
test_normalise_limits(void)
{
	char *names[CERTS_MAX_NAMES + 2];
	char **out;
	struct mpd_err e;

	for (int i = 0; i <= CERTS_MAX_NAMES; i++)
		CU_ASSERT_FATAL(asprintf(&names[i], "n%d.mpd.test", i) > 0);
	names[CERTS_MAX_NAMES + 1] = NULL;
	CU_ASSERT_EQUAL(certs_names_normalise((const char *const *)names, &out,
	    &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "too many names"));
	free(names[CERTS_MAX_NAMES]);
	names[CERTS_MAX_NAMES] = NULL;
	CU_ASSERT_EQUAL(certs_names_normalise((const char *const *)names, &out,
	    &e), 0);
	strv_free(out);
	for (int i = 0; i < CERTS_MAX_NAMES; i++)
		free(names[i]);
}

static void
test_split_equal_join(void)
{
	char **a = certs_names_split("b.mpd.test,a.mpd.test,b.mpd.test");
	char **b = certs_names_split("a.mpd.test,b.mpd.test");
	char **c = certs_names_split("a.mpd.test");
	char **empty = certs_names_split("");
	char *j;

	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(strv_len(strv_const(a)), 2);
	CU_ASSERT(certs_names_equal(strv_const(a), strv_const(b)));
	CU_ASSERT(!certs_names_equal(strv_const(a), strv_const(c)));
	CU_ASSERT(!certs_names_equal(strv_const(c), strv_const(a)));
	CU_ASSERT_EQUAL(strv_len(strv_const(empty)), 0);
	j = certs_names_join(strv_const(a), ", ");
	CU_ASSERT_STRING_EQUAL(j, "a.mpd.test, b.mpd.test");
	free(j);
	j = certs_names_join(strv_const(empty), ", ");
	CU_ASSERT_STRING_EQUAL(j, "");
	free(j);
	strv_free(a);
	strv_free(b);
	strv_free(c);
	strv_free(empty);
}

static void
test_from_urls(void)
{
	const char *urls[] = {
		"https://foo.mpd.test/",
		"https://behat.foo.mpd.test:8443/x?y=1",
		"https://mail.foo.mpd.test",
		"https://abc-def.trycloudflare.com/",
		"http://user@Dev.Foo.MPD.test./path",
		"not a url",
		"https://[::1]:8080/",
		"https://mpd.test.example.com/",
		NULL };
	char **out;
	struct mpd_err e;

	CU_ASSERT_EQUAL_FATAL(certs_names_from_urls("foo.mpd.test", urls, &out,
	    &e), 0);
	CU_ASSERT_EQUAL_FATAL(strv_len(strv_const(out)), 4);
	CU_ASSERT_STRING_EQUAL(out[0], "behat.foo.mpd.test");
	CU_ASSERT_STRING_EQUAL(out[1], "dev.foo.mpd.test");
	CU_ASSERT_STRING_EQUAL(out[2], "foo.mpd.test");
	CU_ASSERT_STRING_EQUAL(out[3], "mail.foo.mpd.test");
	strv_free(out);
	CU_ASSERT_EQUAL(certs_names_from_urls("foo.mpd.test", NULL, &out, &e),
	    0);
	CU_ASSERT_EQUAL(strv_len(strv_const(out)), 1);
	strv_free(out);
	CU_ASSERT_EQUAL(certs_names_from_urls("foo.example.com", urls, &out,
	    &e), -1);
	CU_ASSERT_EQUAL(certs_names_from_urls(NULL, urls, &out, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
}

static void
test_project_runtime_names(void)
{
	char *p = certs_name_project("foo"), *r = certs_name_runtime("php");

	CU_ASSERT_STRING_EQUAL(p, "foo.mpd.test");
	CU_ASSERT_STRING_EQUAL(r, "php.runtime.mpd.test");
	free(p);
	free(r);
}

static const struct mpd_test_case cases[] = {
	{ "name_check", test_name_check },
	{ "normalise", test_normalise },
	{ "normalise_limits", test_normalise_limits },
	{ "split_equal_join", test_split_equal_join },
	{ "from_urls", test_from_urls },
	{ "project_runtime_names", test_project_runtime_names },
	{ NULL, NULL }
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "certs_names", NULL, NULL, cases },
	{ NULL, NULL, NULL, NULL }
};
