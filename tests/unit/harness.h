/* harness.h - the thin local layer over CUnit every unit-test binary uses.
 *
 * A test file defines its cases as plain `static void name(void)` functions
 * using CUnit's CU_ASSERT_* macros, lists them in a NULL-terminated
 * `struct mpd_test_suite` array named `mpd_test_suites`, and links with
 * harness.c, which provides main().  Keeping CUnit behind this file lets the
 * framework be swapped without touching the tests.
 */
#ifndef MPD_TEST_HARNESS_H
#define MPD_TEST_HARNESS_H

#include <CUnit/CUnit.h>

struct mpd_test_case {
	const char *name;
	void (*fn)(void);
};

struct mpd_test_suite {
	const char *name;
	int (*setup)(void);		/* may be NULL */
	int (*teardown)(void);		/* may be NULL */
	const struct mpd_test_case *cases;	/* ends with {NULL, NULL} */
};

/* Defined by each test file; ends with {NULL, NULL, NULL, NULL}. */
extern const struct mpd_test_suite mpd_test_suites[];

#endif
