/* test_strv.c - the string-vector builder. */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#include "strv.h"

static void
test_push_and_take(void)
{
	struct strv b = STRV_INIT;
	char **v;

	CU_ASSERT_EQUAL(strv_push(&b, "podman"), 0);
	CU_ASSERT_EQUAL(strv_pushf(&b, "--network=%s:ip=%d.%d", "net", 10, 3), 0);
	CU_ASSERT_EQUAL(b.len, 2);
	v = strv_take(&b);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_STRING_EQUAL(v[0], "podman");
	CU_ASSERT_STRING_EQUAL(v[1], "--network=net:ip=10.3");
	CU_ASSERT_PTR_NULL(v[2]);
	CU_ASSERT_EQUAL(strv_len(strv_const(v)), 2);
	/* the builder is reset and reusable */
	CU_ASSERT_PTR_NULL(b.v);
	CU_ASSERT_EQUAL(b.len, 0);
	strv_free(v);
}

static void
test_many_elements_grow(void)
{
	struct strv b = STRV_INIT;
	char **v;

	for (int i = 0; i < 1000; i++)
		CU_ASSERT_EQUAL(strv_pushf(&b, "arg%d", i), 0);
	v = strv_take(&b);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL(strv_len(strv_const(v)), 1000);
	CU_ASSERT_STRING_EQUAL(v[999], "arg999");
	CU_ASSERT_PTR_NULL(v[1000]);
	strv_free(v);
}

static void
test_empty_take_is_empty_vector(void)
{
	struct strv b = STRV_INIT;
	char **v = strv_take(&b);

	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_PTR_NULL(v[0]);
	CU_ASSERT_EQUAL(strv_len(strv_const(v)), 0);
	strv_free(v);
}

static void
test_pushv_and_dup(void)
{
	const char *const src[] = { "a", "b c", "", NULL };
	struct strv b = STRV_INIT;
	char **v, **d;

	CU_ASSERT_EQUAL(strv_pushv(&b, NULL), 0);
	CU_ASSERT_EQUAL(strv_pushv(&b, src), 0);
	v = strv_take(&b);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL(strv_len(strv_const(v)), 3);
	CU_ASSERT_STRING_EQUAL(v[2], "");
	d = strv_dup(strv_const(v));
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_PTR_NOT_EQUAL(d[1], v[1]);	/* a deep copy */
	CU_ASSERT_STRING_EQUAL(d[1], "b c");
	strv_free(v);
	strv_free(d);
	d = strv_dup(NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_PTR_NULL(d[0]);
	strv_free(d);
}

static void
test_failure_is_sticky(void)
{
	struct strv b = STRV_INIT;

	CU_ASSERT_EQUAL(strv_push(&b, "ok"), 0);
	CU_ASSERT_EQUAL(strv_push(&b, NULL), -1);	/* a bug: marks failed */
	CU_ASSERT_EQUAL(strv_push(&b, "later"), -1);
	CU_ASSERT_EQUAL(strv_pushf(&b, "%s", "later"), -1);
	CU_ASSERT_PTR_NULL(strv_take(&b));		/* and frees */
	CU_ASSERT_EQUAL(b.oom, 0);
	CU_ASSERT_EQUAL(strv_push(&b, "fresh"), 0);
	strv_reset(&b);
	CU_ASSERT_PTR_NULL(b.v);
}

static void
test_len_and_free_of_null(void)
{
	CU_ASSERT_EQUAL(strv_len(NULL), 0);
	strv_free(NULL);
}

static void
test_sort(void)
{
	char a[] = "pear", b[] = "apple", c[] = "fig";
	char *v[] = { a, b, c, NULL };

	strv_sort(v, 3);
	CU_ASSERT_STRING_EQUAL(v[0], "apple");
	CU_ASSERT_STRING_EQUAL(v[1], "fig");
	CU_ASSERT_STRING_EQUAL(v[2], "pear");
	CU_ASSERT_PTR_NULL(v[3]);
	/* only the first n */
	v[0] = a; v[1] = b; v[2] = c;
	strv_sort(v, 2);
	CU_ASSERT_STRING_EQUAL(v[0], "apple");
	CU_ASSERT_STRING_EQUAL(v[2], "fig");
	strv_sort(NULL, 0);
	strv_sort(v, 1);
	CU_ASSERT_STRING_EQUAL(v[0], "apple");
}

static const struct mpd_test_case strv_cases[] = {
	{ "sort", test_sort },
	{ "push and take", test_push_and_take },
	{ "1000 elements", test_many_elements_grow },
	{ "empty take", test_empty_take_is_empty_vector },
	{ "pushv and dup", test_pushv_and_dup },
	{ "failure is sticky", test_failure_is_sticky },
	{ "len/free of NULL", test_len_and_free_of_null },
	{ NULL, NULL },
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "strv", NULL, NULL, strv_cases },
	{ NULL, NULL, NULL, NULL },
};
