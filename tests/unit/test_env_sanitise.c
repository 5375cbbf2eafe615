/* test_env_sanitise.c - `mpd configure` KEY=VALUE checking. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "env_sanitise.h"

static void
expect_arg_bad(const char *arg, enum mpd_err_code code, const char *needle)
{
	struct mpd_env env = MPD_ENV_INIT;
	struct mpd_err e = {0};

	CU_ASSERT_EQUAL(env_sanitise_arg(arg, &env, &e), -1);
	CU_ASSERT_EQUAL(e.code, code);
	if (strstr(e.msg, needle) == NULL)
		fprintf(stderr, "\n  '%s': expected '%s' in: %s\n", arg, needle,
		    e.msg);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, needle));
	CU_ASSERT_PTR_NULL(strchr(e.msg, '\n'));
	CU_ASSERT_EQUAL(mpd_env_count(&env), 0);
	mpd_env_free(&env);
}

static void
expect_arg_ok(const char *arg, const char *key, const char *value)
{
	struct mpd_env env = MPD_ENV_INIT;
	struct mpd_err e = {0};

	if (env_sanitise_arg(arg, &env, &e) != 0)
		fprintf(stderr, "\n  '%s' refused: %s\n", arg, e.msg);
	CU_ASSERT_EQUAL_FATAL(env_sanitise_arg(arg, &env, &e), 0);
	CU_ASSERT_EQUAL(mpd_env_count(&env), 1);
	CU_ASSERT_STRING_EQUAL(mpd_env_get(&env, key), value);
	CU_ASSERT_EQUAL(env_sanitise_arg(arg, NULL, &e), 0);
	mpd_env_free(&env);
}

static void
test_good_pairs(void)
{
	expect_arg_ok("MPD_PHP_VERSION=8.4", "MPD_PHP_VERSION", "8.4");
	expect_arg_ok("MPD_DB=postgres:18", "MPD_DB", "postgres:18");
	expect_arg_ok("MPD_DB=mariadb", "MPD_DB", "mariadb");
	expect_arg_ok("MPD_DB=", "MPD_DB", "");
	expect_arg_ok("MPD_X=", "MPD_X", "");
	expect_arg_ok("MPD_PHP_MOODLE_BEHAT=1", "MPD_PHP_MOODLE_BEHAT", "1");
	expect_arg_ok("MPD_UTIL_CFTUNNEL_DOMAIN=.mpd-test.org",
	    "MPD_UTIL_CFTUNNEL_DOMAIN", ".mpd-test.org");
	expect_arg_ok("MPD_URL=https://a.b:8443/x,y@z+w-v",
	    "MPD_URL", "https://a.b:8443/x,y@z+w-v");
	/* the value is split at the first '=', and '=' is an allowed char */
	expect_arg_ok("MPD_TOKEN=abc==", "MPD_TOKEN", "abc==");
	expect_arg_ok("MPD_A=b=c", "MPD_A", "b=c");
	expect_arg_ok("MPD_1_=Ab09._:/,@=+-", "MPD_1_", "Ab09._:/,@=+-");
}

static void
test_flags(void)
{
	const char *type_msg = "'--type' is not supported in configure; the "
	    "type is fixed at create";

	expect_arg_bad("--type=astro", MPD_ERR_USAGE, type_msg);
	expect_arg_bad("--type", MPD_ERR_USAGE, type_msg);
	expect_arg_bad("--type=", MPD_ERR_USAGE, type_msg);
	expect_arg_bad("--yes", MPD_ERR_USAGE, "unknown flag '--yes'");
	expect_arg_bad("--git-repo=https://x", MPD_ERR_USAGE,
	    "unknown flag '--git-repo'");
	expect_arg_bad("--types=x", MPD_ERR_USAGE, "unknown flag '--types'");
	expect_arg_bad("--", MPD_ERR_USAGE, "unknown flag '--'");
}

static void
test_not_pairs(void)
{
	expect_arg_bad("MPD_DB", MPD_ERR_USAGE, "'MPD_DB' is not KEY=VALUE");
	expect_arg_bad("", MPD_ERR_USAGE, "is not KEY=VALUE");
	expect_arg_bad("postgres", MPD_ERR_USAGE, "is not KEY=VALUE");
	expect_arg_bad("-x", MPD_ERR_USAGE, "is not KEY=VALUE");
}

static void
test_bad_keys(void)
{
	const char *msg = "keys must match MPD_[A-Z0-9_]+";
	char longkey[ENV_SANITISE_KEY_MAX + 8];

	expect_arg_bad("FOO=1", MPD_ERR_INPUT, "invalid key 'FOO'");
	expect_arg_bad("mpd_db=postgres", MPD_ERR_INPUT, msg);
	expect_arg_bad("MPD_=1", MPD_ERR_INPUT, msg);
	expect_arg_bad("MPD_php=1", MPD_ERR_INPUT, msg);
	expect_arg_bad("MPD-X=1", MPD_ERR_INPUT, msg);
	expect_arg_bad(" MPD_X=1", MPD_ERR_INPUT, msg);
	expect_arg_bad("MPD_X =1", MPD_ERR_INPUT, msg);
	expect_arg_bad("=1", MPD_ERR_INPUT, msg);
	expect_arg_bad("-x=1", MPD_ERR_INPUT, msg);
	expect_arg_bad("MPD_\x1b[2J=1", MPD_ERR_INPUT, "'MPD_?[2J'");
	memcpy(longkey, "MPD_", 4);
	memset(longkey + 4, 'K', ENV_SANITISE_KEY_MAX - 3);
	memcpy(longkey + ENV_SANITISE_KEY_MAX + 1, "=1", 3);
	expect_arg_bad(longkey, MPD_ERR_INPUT, msg);
	longkey[ENV_SANITISE_KEY_MAX] = '=';
	longkey[ENV_SANITISE_KEY_MAX + 1] = '1';
	longkey[ENV_SANITISE_KEY_MAX + 2] = '\0';
	{
		struct mpd_err e = {0};

		CU_ASSERT_EQUAL(env_sanitise_arg(longkey, NULL, &e), 0);
	}
}

static void
test_bad_values(void)
{
	const char *msg = "value for 'MPD_X' contains disallowed characters "
	    "(allowed: letters, digits and ._:/,@=+-); edit mpd.env directly "
	    "for free-form values";
	const char *bad[] = {
	    "MPD_X=$(rm -rf ~)", "MPD_X=`id`", "MPD_X=a b", "MPD_X=a;b",
	    "MPD_X=a|b", "MPD_X=a&b", "MPD_X=\"q\"", "MPD_X='q'", "MPD_X=a\\b",
	    "MPD_X=a\nMPD_Y=1", "MPD_X=a\r", "MPD_X=a\tb", "MPD_X=$HOME",
	    "MPD_X=a>b", "MPD_X=a<b", "MPD_X=a*", "MPD_X=a?", "MPD_X=~",
	    "MPD_X=#x", "MPD_X=caf\xc3\xa9", "MPD_X=a!", "MPD_X=(x)",
	    "MPD_X={x}", "MPD_X=[x]", "MPD_X=a%b",
	};
	char *longv = malloc(ENV_SANITISE_VALUE_MAX + 16);

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		expect_arg_bad(bad[i], MPD_ERR_INPUT, msg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(longv);
	memcpy(longv, "MPD_X=", 6);
	memset(longv + 6, 'v', ENV_SANITISE_VALUE_MAX);
	longv[ENV_SANITISE_VALUE_MAX + 6] = '\0';
	{
		struct mpd_err e = {0};

		CU_ASSERT_EQUAL(env_sanitise_arg(longv, NULL, &e), 0);
	}
	longv[ENV_SANITISE_VALUE_MAX + 6] = 'v';
	longv[ENV_SANITISE_VALUE_MAX + 7] = '\0';
	expect_arg_bad(longv, MPD_ERR_INPUT, "longer than 4096");
	free(longv);
}

static void
test_reserved_mpd_db(void)
{
	struct mpd_err e = {0};

	/* MPD_DB goes through the DB grammar, not the generic charset */
	expect_arg_bad("MPD_DB=mongo:6", MPD_ERR_INPUT,
	    "MPD_DB: unknown database engine 'mongo': use postgres, mariadb "
	    "or mysql");
	expect_arg_bad("MPD_DB=postgres:bookworm", MPD_ERR_INPUT,
	    "MPD_DB: invalid version 'bookworm'");
	expect_arg_bad("MPD_DB=postgres:LATEST", MPD_ERR_INPUT,
	    "invalid version");
	/* charset-clean but not a tag */
	expect_arg_bad("MPD_DB=postgres:17:2", MPD_ERR_INPUT,
	    "invalid version");
	expect_arg_bad("MPD_DB=$(id)", MPD_ERR_INPUT, "unknown database engine");
	/* the generic check would have let this through; the table did not */
	CU_ASSERT_EQUAL(env_sanitise_value("MPD_OTHER", "mongo:6", &e), 0);
	CU_ASSERT_EQUAL(env_sanitise_value("MPD_DB", "mongo:6", &e), -1);
	/* keys that merely look like MPD_DB use the generic check */
	CU_ASSERT_EQUAL(env_sanitise_value("MPD_DB2", "anything.goes", &e), 0);
	CU_ASSERT_EQUAL(env_sanitise_value("MPD_DB_X", "a b", &e), -1);
}

static void
test_args_all_or_nothing(void)
{
	struct mpd_env env = MPD_ENV_INIT;
	struct mpd_err e = {0};
	const char *good[] = { "MPD_DB=postgres:17", "MPD_PHP_VERSION=8.4",
	    "MPD_DB=mariadb:10.11", "MPD_X=" };
	const char *mixed[] = { "MPD_A=1", "MPD_B=bad value", "MPD_C=3" };
	const char *flag_last[] = { "MPD_A=1", "--type=bare" };

	CU_ASSERT_EQUAL(mpd_env_set(&env, "MPD_KEEP", "k", &e), 0);
	CU_ASSERT_EQUAL(env_sanitise_args(mixed, 3, &env, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "'MPD_B'"));
	CU_ASSERT_EQUAL(mpd_env_count(&env), 1);	/* nothing applied */
	CU_ASSERT_EQUAL(env_sanitise_args(flag_last, 2, &env, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_USAGE);
	CU_ASSERT_EQUAL(mpd_env_count(&env), 1);

	CU_ASSERT_EQUAL(env_sanitise_args(good, 4, &env, &e), 0);
	CU_ASSERT_EQUAL(mpd_env_count(&env), 4);
	CU_ASSERT_STRING_EQUAL(mpd_env_get(&env, "MPD_DB"), "mariadb:10.11");
	CU_ASSERT_STRING_EQUAL(mpd_env_get(&env, "MPD_PHP_VERSION"), "8.4");
	CU_ASSERT_STRING_EQUAL(mpd_env_get(&env, "MPD_X"), "");
	CU_ASSERT_STRING_EQUAL(mpd_env_get(&env, "MPD_KEEP"), "k");
	/* validate only */
	CU_ASSERT_EQUAL(env_sanitise_args(good, 4, NULL, &e), 0);
	CU_ASSERT_EQUAL(env_sanitise_args(mixed, 3, NULL, &e), -1);
	/* no pairs at all is fine: configure just reruns */
	CU_ASSERT_EQUAL(env_sanitise_args(NULL, 0, NULL, &e), 0);
	mpd_env_free(&env);
}

static const struct mpd_test_case sanitise_cases[] = {
	{ "good pairs", test_good_pairs },
	{ "flags", test_flags },
	{ "not KEY=VALUE", test_not_pairs },
	{ "bad keys", test_bad_keys },
	{ "bad values", test_bad_values },
	{ "MPD_DB goes through its own parser", test_reserved_mpd_db },
	{ "a list is all or nothing", test_args_all_or_nothing },
	{ NULL, NULL }
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "env_sanitise", NULL, NULL, sanitise_cases },
	{ NULL, NULL, NULL, NULL }
};
