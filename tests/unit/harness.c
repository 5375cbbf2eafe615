/* harness.c - main() for every unit-test binary (see harness.h).
 *
 * Runs all suites, prints CUnit's run summary and a closing line
 * "N passed, N failed", and exits non-zero when any assertion failed.
 * An optional argument names one suite to run.
 */
#include "harness.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	const char *only = (argc > 1) ? argv[1] : NULL;
	unsigned failed_tests, run_tests;
	int rc;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	for (const struct mpd_test_suite *s = mpd_test_suites; s->name; s++) {
		CU_pSuite suite;

		if (only != NULL && strcmp(only, s->name) != 0)
			continue;
		suite = CU_add_suite(s->name, s->setup, s->teardown);
		if (suite == NULL)
			return 2;
		for (const struct mpd_test_case *c = s->cases; c->name; c++)
			if (CU_add_test(suite, c->name, c->fn) == NULL)
				return 2;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	run_tests = CU_get_number_of_tests_run();
	failed_tests = CU_get_number_of_tests_failed();
	rc = (CU_get_number_of_failures() != 0 ||
	      CU_get_number_of_suites_failed() != 0) ? 1 : 0;
	printf("\n%u passed, %u failed\n", run_tests - failed_tests,
	       failed_tests);
	CU_cleanup_registry();
	return rc;
}
