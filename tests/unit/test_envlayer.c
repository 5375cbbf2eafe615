/* test_envlayer.c - the four env layers, merged as the original's
 * source-mpd-env.sh merges them, with the layer of each key recorded. */
#include "harness.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "envlayer.h"

static char *dir;
static char paths_buf[MPD_ENV_LAYER_COUNT][4096];
static const char *paths[MPD_ENV_LAYER_COUNT];

static int
suite_setup(void)
{
	dir = tu_mkdtemp();
	return dir == NULL;
}

static int
suite_teardown(void)
{
	tu_rmrf(dir);
	free(dir);
	return 0;
}

/* Write the four layer files (NULL content: the file is absent). */
static void
layers(const char *runtime, const char *type, const char *vm,
    const char *project)
{
	const char *content[MPD_ENV_LAYER_COUNT] = { runtime, type, vm,
	    project };
	const char *names[MPD_ENV_LAYER_COUNT] = { "rt-defaults.env",
	    "type-defaults.env", "mpd-vm.env", "mpd.env" };

	for (int i = 0; i < MPD_ENV_LAYER_COUNT; i++) {
		snprintf(paths_buf[i], sizeof paths_buf[i], "%s/%s", dir,
		    names[i]);
		unlink(paths_buf[i]);
		if (content[i] != NULL)
			CU_ASSERT_EQUAL(tu_write_file(paths_buf[i], content[i]),
			    0);
		paths[i] = paths_buf[i];
	}
}

static void
expect_resolved(const char *key, const char *value, int layer)
{
	struct mpd_envlayer l;
	struct mpd_err e = {0};
	const char *origin = NULL;
	const char *got;

	int r = mpd_envlayer_load(paths, &l, &e);

	if (r != 0)
		fprintf(stderr, "\n  load failed: %s\n", e.msg);
	CU_ASSERT_EQUAL_FATAL(r, 0);
	got = mpd_envlayer_get(&l, key);
	if (value == NULL) {
		CU_ASSERT_PTR_NULL(got);
		CU_ASSERT_EQUAL(mpd_envlayer_source(&l, key, NULL, NULL), -1);
	} else {
		if (got == NULL || strcmp(got, value) != 0)
			fprintf(stderr, "\n  %s: expected '%s', got '%s'\n",
			    key, value, got ? got : "(unset)");
		CU_ASSERT_PTR_NOT_NULL_FATAL(got);
		CU_ASSERT_STRING_EQUAL(got, value);
		CU_ASSERT_EQUAL(mpd_envlayer_source(&l, key, &origin, NULL),
		    layer);
		CU_ASSERT_PTR_NOT_NULL_FATAL(origin);
		CU_ASSERT_STRING_EQUAL(origin, paths[layer]);
	}
	mpd_envlayer_free(&l);
}

/* The table in the spec's env-layering section. */
static void
test_spec_table(void)
{
	layers("MPD_PHP_VERSION=8.3\n", NULL, NULL, NULL);
	expect_resolved("MPD_PHP_VERSION", "8.3", MPD_ENV_LAYER_RUNTIME);

	layers("MPD_PHP_VERSION=8.3\n", "MPD_PHP_VERSION=8.2\n", NULL, NULL);
	expect_resolved("MPD_PHP_VERSION", "8.2", MPD_ENV_LAYER_TYPE);

	layers("MPD_PHP_VERSION=8.3\n", "MPD_PHP_VERSION=8.2\n",
	    "MPD_PHP_VERSION=8.4\n", NULL);
	expect_resolved("MPD_PHP_VERSION", "8.4", MPD_ENV_LAYER_VM);

	layers("MPD_PHP_VERSION=8.3\n", NULL, NULL, "MPD_PHP_VERSION=8.5\n");
	expect_resolved("MPD_PHP_VERSION", "8.5", MPD_ENV_LAYER_PROJECT);

	/* and every layer present: the project wins */
	layers("MPD_PHP_VERSION=8.3\n", "MPD_PHP_VERSION=8.2\n",
	    "MPD_PHP_VERSION=8.4\n", "MPD_PHP_VERSION=8.5\n");
	expect_resolved("MPD_PHP_VERSION", "8.5", MPD_ENV_LAYER_PROJECT);
}

/* MPD_DB="" in the project (astro/bare templates) blocks a developer's
 * MPD_DB in mpd-vm.env. */
static void
test_empty_blocks_fall_through(void)
{
	layers(NULL, "MPD_DB=postgres:latest\n", "MPD_DB=mariadb:10.11\n",
	    "# seeded from the astro template\nMPD_DB=\"\"\n");
	expect_resolved("MPD_DB", "", MPD_ENV_LAYER_PROJECT);

	layers(NULL, NULL, "MPD_DB=mariadb:10.11\n", "MPD_DB=''\n");
	expect_resolved("MPD_DB", "", MPD_ENV_LAYER_PROJECT);

	layers(NULL, NULL, "MPD_DB=mariadb:10.11\n", "MPD_DB=\n");
	expect_resolved("MPD_DB", "", MPD_ENV_LAYER_PROJECT);

	/* without the blocking line the VM value falls through */
	layers(NULL, "MPD_DB=postgres:latest\n", "MPD_DB=mariadb:10.11\n",
	    "# MPD_DB=\"\"\n");
	expect_resolved("MPD_DB", "mariadb:10.11", MPD_ENV_LAYER_VM);

	/* an empty value in a middle layer blocks the earlier ones too */
	layers("MPD_X=1\n", "MPD_X=\n", NULL, NULL);
	expect_resolved("MPD_X", "", MPD_ENV_LAYER_TYPE);
}

static void
test_sources_and_lines(void)
{
	struct mpd_envlayer l;
	struct mpd_err e = {0};
	const char *origin;
	unsigned line = 0;

	layers("MPD_PHP_VERSION=8.3\nMPD_A=rt\n",
	    "MPD_PHP_MOODLE_BEHAT=0\n",
	    "# comment\n\nMPD_A=vm1\nMPD_A=\"vm2\"\n",
	    "MPD_DB=postgres:latest\nexport MPD_A=ignored\n");
	CU_ASSERT_EQUAL_FATAL(mpd_envlayer_load(paths, &l, &e), 0);
	CU_ASSERT_EQUAL(mpd_env_count(&l.env), 4);
	CU_ASSERT_STRING_EQUAL(mpd_envlayer_get(&l, "MPD_A"), "vm2");
	CU_ASSERT_EQUAL(mpd_envlayer_source(&l, "MPD_A", &origin, &line),
	    MPD_ENV_LAYER_VM);
	CU_ASSERT_STRING_EQUAL(origin, paths[MPD_ENV_LAYER_VM]);
	CU_ASSERT_EQUAL(line, 4);
	CU_ASSERT_EQUAL(mpd_envlayer_source(&l, "MPD_PHP_VERSION", &origin,
	    &line), MPD_ENV_LAYER_RUNTIME);
	CU_ASSERT_EQUAL(line, 1);
	CU_ASSERT_EQUAL(mpd_envlayer_source(&l, "MPD_PHP_MOODLE_BEHAT", NULL,
	    NULL), MPD_ENV_LAYER_TYPE);
	CU_ASSERT_EQUAL(mpd_envlayer_source(&l, "MPD_DB", NULL, &line),
	    MPD_ENV_LAYER_PROJECT);
	CU_ASSERT_EQUAL(line, 1);
	CU_ASSERT_EQUAL(mpd_envlayer_source(&l, "MPD_NONE", &origin, &line),
	    -1);
	for (int i = 0; i < MPD_ENV_LAYER_COUNT; i++)
		CU_ASSERT_TRUE(l.present[i]);
	/* the tag of every entry is its layer */
	for (size_t i = 0; i < mpd_env_count(&l.env); i++) {
		const struct mpd_env_entry *en = mpd_env_at(&l.env, i);

		CU_ASSERT(en->tag >= 0 && en->tag < MPD_ENV_LAYER_COUNT);
	}
	mpd_envlayer_free(&l);
}

static void
test_missing_and_null_layers(void)
{
	struct mpd_envlayer l;
	struct mpd_err e = {0};
	const char *some[MPD_ENV_LAYER_COUNT];

	layers(NULL, "MPD_A=type\n", NULL, NULL);
	CU_ASSERT_EQUAL_FATAL(mpd_envlayer_load(paths, &l, &e), 0);
	CU_ASSERT_FALSE(l.present[MPD_ENV_LAYER_RUNTIME]);
	CU_ASSERT_TRUE(l.present[MPD_ENV_LAYER_TYPE]);
	CU_ASSERT_FALSE(l.present[MPD_ENV_LAYER_VM]);
	CU_ASSERT_FALSE(l.present[MPD_ENV_LAYER_PROJECT]);
	CU_ASSERT_STRING_EQUAL(mpd_envlayer_get(&l, "MPD_A"), "type");
	mpd_envlayer_free(&l);

	some[0] = NULL;
	some[1] = NULL;
	some[2] = paths[MPD_ENV_LAYER_TYPE];
	some[3] = NULL;
	CU_ASSERT_EQUAL_FATAL(mpd_envlayer_load(some, &l, &e), 0);
	CU_ASSERT_PTR_NULL(l.paths[0]);
	CU_ASSERT_PTR_NOT_NULL(l.paths[2]);
	CU_ASSERT_EQUAL(mpd_envlayer_source(&l, "MPD_A", NULL, NULL),
	    MPD_ENV_LAYER_VM);
	mpd_envlayer_free(&l);

	for (int i = 0; i < MPD_ENV_LAYER_COUNT; i++)
		some[i] = NULL;
	CU_ASSERT_EQUAL(mpd_envlayer_load(some, &l, &e), 0);
	CU_ASSERT_EQUAL(mpd_env_count(&l.env), 0);
	mpd_envlayer_free(&l);
}

static void
test_bad_layer_is_an_error(void)
{
	struct mpd_envlayer l;
	struct mpd_err e = {0};
	FILE *f;

	layers("MPD_A=1\n", NULL, NULL, NULL);
	f = fopen(paths_buf[MPD_ENV_LAYER_VM], "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fwrite("MPD_B=2\n\n\0\n", 1, 11, f);
	fclose(f);
	memset(&l, 0x55, sizeof l);
	CU_ASSERT_EQUAL(mpd_envlayer_load(paths, &l, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_CORRUPT);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, paths[MPD_ENV_LAYER_VM]));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "mpd-vm.env:3:"));
	CU_ASSERT_EQUAL(mpd_env_count(&l.env), 0);
	CU_ASSERT_PTR_NULL(l.paths[0]);
	mpd_envlayer_free(&l);

	/* a directory where a layer should be */
	layers(NULL, NULL, NULL, NULL);
	paths[MPD_ENV_LAYER_PROJECT] = dir;
	CU_ASSERT_EQUAL(mpd_envlayer_load(paths, &l, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "not a regular file"));
	mpd_envlayer_free(&l);
}

static void
test_layer_names(void)
{
	CU_ASSERT_STRING_EQUAL(mpd_envlayer_name(MPD_ENV_LAYER_RUNTIME),
	    "runtime defaults");
	CU_ASSERT_STRING_EQUAL(mpd_envlayer_name(MPD_ENV_LAYER_TYPE),
	    "type defaults");
	CU_ASSERT_STRING_EQUAL(mpd_envlayer_name(MPD_ENV_LAYER_VM), "VM-wide");
	CU_ASSERT_STRING_EQUAL(mpd_envlayer_name(MPD_ENV_LAYER_PROJECT),
	    "project");
	CU_ASSERT_STRING_EQUAL(mpd_envlayer_name(MPD_ENV_LAYER_COUNT),
	    "unknown layer");
}

static const struct mpd_test_case layer_cases[] = {
	{ "the spec's layering table", test_spec_table },
	{ "KEY=\"\" blocks fall-through", test_empty_blocks_fall_through },
	{ "which layer and line set each key", test_sources_and_lines },
	{ "missing and NULL layers are skipped", test_missing_and_null_layers },
	{ "a bad layer is an error", test_bad_layer_is_an_error },
	{ "layer names", test_layer_names },
	{ NULL, NULL }
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "envlayer", suite_setup, suite_teardown, layer_cases },
	{ NULL, NULL, NULL, NULL }
};
