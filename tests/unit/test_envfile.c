/* test_envfile.c - the whitelist parser, the key/value list, and the
 * one-line writer behind `mpd configure`. */
#include "harness.h"
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "envfile.h"

static char *dir;

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

static const char *
path_in(const char *name)
{
	static char buf[4096];

	snprintf(buf, sizeof buf, "%s/%s", dir, name);
	return buf;
}

/* Parse a C string; assert success. */
static void
parse_ok(const char *text, struct mpd_env *env)
{
	struct mpd_err e = {0};
	int r = mpd_envfile_parse(text, strlen(text), "t.env", env, &e);

	if (r != 0)
		fprintf(stderr, "\n  parse failed: %s\n", e.msg);
	CU_ASSERT_EQUAL_FATAL(r, 0);
}

static void
expect_value(const struct mpd_env *env, const char *key, const char *want)
{
	const char *got = mpd_env_get(env, key);

	if (want == NULL) {
		if (got != NULL)
			fprintf(stderr, "\n  %s: expected unset, got '%s'\n", key,
			    got);
		CU_ASSERT_PTR_NULL(got);
		return;
	}
	if (got == NULL || strcmp(got, want) != 0)
		fprintf(stderr, "\n  %s: expected '%s', got '%s'\n", key, want,
		    got ? got : "(unset)");
	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	CU_ASSERT_STRING_EQUAL(got, want);
}

/* ---- the parser --------------------------------------------------- */

static void
test_only_mpd_assignments(void)
{
	struct mpd_env env = MPD_ENV_INIT;

	parse_ok("# a comment\n"
	    "\n"
	    "   \n"
	    "MPD_A=1\n"
	    "export MPD_B=2\n"
	    "FOO=3\n"
	    " MPD_C=4\n"
	    "\tMPD_D=5\n"
	    "MPD_e=6\n"
	    "mpd_f=7\n"
	    "MPD_=8\n"
	    "MPD_G\n"
	    "MPD_H =9\n"
	    "MPD-I=10\n"
	    "#MPD_J=11\n"
	    "MPD_K1_2=12\n"
	    "MPD__=13\n"
	    "MPD_L=a=b=c\n"
	    "MPD_M=\n"
	    "garbage line with = signs\n", &env);
	expect_value(&env, "MPD_A", "1");
	expect_value(&env, "MPD_B", NULL);
	expect_value(&env, "FOO", NULL);
	expect_value(&env, "MPD_C", NULL);
	expect_value(&env, "MPD_D", NULL);
	expect_value(&env, "MPD_e", NULL);
	expect_value(&env, "mpd_f", NULL);
	expect_value(&env, "MPD_", NULL);
	expect_value(&env, "MPD_G", NULL);
	expect_value(&env, "MPD_H", NULL);
	expect_value(&env, "MPD_H ", NULL);
	expect_value(&env, "MPD_J", NULL);
	expect_value(&env, "MPD_K1_2", "12");
	expect_value(&env, "MPD__", "13");
	expect_value(&env, "MPD_L", "a=b=c");
	expect_value(&env, "MPD_M", "");
	CU_ASSERT_EQUAL(mpd_env_count(&env), 5);
	mpd_env_free(&env);
}

static void
test_quotes(void)
{
	struct mpd_env env = MPD_ENV_INIT;

	parse_ok("MPD_DQ=\"a\"\n"
	    "MPD_SQ='a'\n"
	    "MPD_MIXED=\"a'\n"
	    "MPD_MIXED2='a\"\n"
	    "MPD_EMPTY_DQ=\"\"\n"
	    "MPD_EMPTY_SQ=''\n"
	    "MPD_LONE_DQ=\"\n"
	    "MPD_LONE_SQ='\n"
	    "MPD_INNER=\"a\"b\"\n"
	    "MPD_ONE_LAYER=\"'a'\"\n"
	    "MPD_TWO_DQ=\"\"\"\"\n"
	    "MPD_TRAIL_SPACE=\"a\" \n"
	    "MPD_LEAD_SPACE= \"a\"\n"
	    "MPD_HALF=\"abc\n"
	    "MPD_HALF2=abc\"\n"
	    "MPD_SPACES=\"a b  c\"\n"
	    "MPD_PLAIN=a b\n", &env);
	expect_value(&env, "MPD_DQ", "a");
	expect_value(&env, "MPD_SQ", "a");
	expect_value(&env, "MPD_MIXED", "\"a'");
	expect_value(&env, "MPD_MIXED2", "'a\"");
	expect_value(&env, "MPD_EMPTY_DQ", "");
	expect_value(&env, "MPD_EMPTY_SQ", "");
	expect_value(&env, "MPD_LONE_DQ", "\"");
	expect_value(&env, "MPD_LONE_SQ", "'");
	expect_value(&env, "MPD_INNER", "a\"b");
	expect_value(&env, "MPD_ONE_LAYER", "'a'");
	expect_value(&env, "MPD_TWO_DQ", "\"\"");
	expect_value(&env, "MPD_TRAIL_SPACE", "\"a\" ");
	expect_value(&env, "MPD_LEAD_SPACE", " \"a\"");
	expect_value(&env, "MPD_HALF", "\"abc");
	expect_value(&env, "MPD_HALF2", "abc\"");
	expect_value(&env, "MPD_SPACES", "a b  c");
	expect_value(&env, "MPD_PLAIN", "a b");
	mpd_env_free(&env);
}

static void
test_injection_stays_literal(void)
{
	struct mpd_env env = MPD_ENV_INIT;
	char marker[4096];
	char text[16384];

	snprintf(marker, sizeof marker, "%s/pwned", dir);
	snprintf(text, sizeof text,
	    "MPD_CMD=$(touch %s)\n"
	    "MPD_TICK=`touch %s`\n"
	    "MPD_QCMD=\"$(touch %s)\"\n"
	    "MPD_VAR=$HOME\n"
	    "MPD_BRACE=${HOME:-x}\n"
	    "MPD_BS=a\\nb\\\\c\\\n"
	    "MPD_META=a;b|c&d>e<f\n"
	    "MPD_RM=$(rm -rf ~)\n", marker, marker, marker);
	parse_ok(text, &env);
	snprintf(text, sizeof text, "$(touch %s)", marker);
	expect_value(&env, "MPD_CMD", text);
	expect_value(&env, "MPD_QCMD", text);
	snprintf(text, sizeof text, "`touch %s`", marker);
	expect_value(&env, "MPD_TICK", text);
	expect_value(&env, "MPD_VAR", "$HOME");
	expect_value(&env, "MPD_BRACE", "${HOME:-x}");
	expect_value(&env, "MPD_BS", "a\\nb\\\\c\\");
	expect_value(&env, "MPD_META", "a;b|c&d>e<f");
	expect_value(&env, "MPD_RM", "$(rm -rf ~)");
	CU_ASSERT_NOT_EQUAL(access(marker, F_OK), 0);
	mpd_env_free(&env);
}

static void
test_crlf(void)
{
	struct mpd_env env = MPD_ENV_INIT;

	parse_ok("MPD_A=1\r\n"
	    "MPD_B=\"x y\"\r\n"
	    "MPD_C=2\r\r\n"
	    "# comment\r\n"
	    "MPD_D='q'\r", &env);
	expect_value(&env, "MPD_A", "1");
	expect_value(&env, "MPD_B", "x y");
	expect_value(&env, "MPD_C", "2\r");	/* only one \r is stripped */
	expect_value(&env, "MPD_D", "q");
	mpd_env_free(&env);
}

static void
test_last_assignment_wins(void)
{
	struct mpd_env env = MPD_ENV_INIT;
	const struct mpd_env_entry *en;

	parse_ok("MPD_A=1\nMPD_B=2\nMPD_A=3\nMPD_A=\"\"\n# x\nMPD_A=final",
	    &env);
	expect_value(&env, "MPD_A", "final");
	CU_ASSERT_EQUAL(mpd_env_count(&env), 2);
	en = mpd_env_at(&env, 0);
	CU_ASSERT_STRING_EQUAL(en->key, "MPD_A");	/* keeps first place */
	CU_ASSERT_EQUAL(en->line, 6);			/* the last line, no \n */
	CU_ASSERT_EQUAL(en->tag, -1);
	CU_ASSERT_EQUAL(mpd_env_find(&env, "MPD_B")->line, 2);
	mpd_env_free(&env);

	parse_ok("MPD_A=1\nMPD_A=\n", &env);
	expect_value(&env, "MPD_A", "");		/* empty is a value */
	mpd_env_free(&env);
}

static void
test_nul_and_long_lines_reject_the_file(void)
{
	struct mpd_env env = MPD_ENV_INIT;
	struct mpd_err e = {0};
	static const char nul[] = "MPD_A=1\n# ok\nMPD_B=x\0y\nMPD_C=3\n";
	static const char nul_in_comment[] = "MPD_A=1\n#\0\n";
	size_t big = MPD_ENVFILE_LINE_MAX + 1;
	char *text = malloc(big + 32);

	CU_ASSERT_EQUAL(mpd_env_set(&env, "MPD_KEEP", "yes", &e), 0);
	CU_ASSERT_EQUAL(mpd_envfile_parse(nul, sizeof nul - 1, "/p/mpd.env",
	    &env, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_CORRUPT);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "/p/mpd.env:3:"));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "NUL"));
	CU_ASSERT_EQUAL(mpd_envfile_parse(nul_in_comment,
	    sizeof nul_in_comment - 1, "x.env", &env, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "x.env:2:"));
	/* out is unchanged by a rejected file */
	CU_ASSERT_EQUAL(mpd_env_count(&env), 1);
	expect_value(&env, "MPD_A", NULL);
	expect_value(&env, "MPD_KEEP", "yes");

	/* exactly the limit is fine, one byte more is not */
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	memcpy(text, "MPD_L=", 6);
	memset(text + 6, 'v', MPD_ENVFILE_LINE_MAX - 6);
	memcpy(text + MPD_ENVFILE_LINE_MAX, "\nMPD_Z=1\n", 9);
	CU_ASSERT_EQUAL(mpd_envfile_parse(text, MPD_ENVFILE_LINE_MAX + 9,
	    "l.env", &env, &e), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(mpd_env_get(&env, "MPD_L"));
	CU_ASSERT_EQUAL(strlen(mpd_env_get(&env, "MPD_L")),
	    MPD_ENVFILE_LINE_MAX - 6);
	memset(text, '#', big);
	memcpy(text + big, "\nMPD_Y=1\n", 9);
	CU_ASSERT_EQUAL(mpd_envfile_parse(text, big + 9, "l.env", &env, &e),
	    -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "l.env:1: line is longer than"));
	expect_value(&env, "MPD_Y", NULL);
	/* a long last line without a newline is caught too */
	CU_ASSERT_EQUAL(mpd_envfile_parse(text, big, "l.env", &env, &e), -1);
	free(text);
	mpd_env_free(&env);
}

static void
test_parse_edges(void)
{
	struct mpd_env env = MPD_ENV_INIT;
	struct mpd_err e = {0};

	CU_ASSERT_EQUAL(mpd_envfile_parse("", 0, NULL, &env, &e), 0);
	CU_ASSERT_EQUAL(mpd_envfile_parse("\n\n\n", 3, NULL, &env, &e), 0);
	CU_ASSERT_EQUAL(mpd_env_count(&env), 0);
	/* len, not the NUL, ends the text */
	CU_ASSERT_EQUAL(mpd_envfile_parse("MPD_A=12345", 7, NULL, &env, &e),
	    0);
	expect_value(&env, "MPD_A", "1");
	/* parse adds to what is there: later text wins */
	parse_ok("MPD_B=2\nMPD_A=9\n", &env);
	expect_value(&env, "MPD_A", "9");
	expect_value(&env, "MPD_B", "2");
	CU_ASSERT_STRING_EQUAL(mpd_env_at(&env, 0)->key, "MPD_A");
	/* high bytes are data */
	parse_ok("MPD_U=caf\xc3\xa9 \xff\n", &env);
	expect_value(&env, "MPD_U", "caf\xc3\xa9 \xff");
	mpd_env_free(&env);
}

static void
test_key_valid(void)
{
	CU_ASSERT_TRUE(mpd_envfile_key_valid("MPD_A"));
	CU_ASSERT_TRUE(mpd_envfile_key_valid("MPD_PHP_VERSION"));
	CU_ASSERT_TRUE(mpd_envfile_key_valid("MPD_1"));
	CU_ASSERT_TRUE(mpd_envfile_key_valid("MPD__"));
	CU_ASSERT_FALSE(mpd_envfile_key_valid("MPD_"));
	CU_ASSERT_FALSE(mpd_envfile_key_valid("MPD"));
	CU_ASSERT_FALSE(mpd_envfile_key_valid("MPD_a"));
	CU_ASSERT_FALSE(mpd_envfile_key_valid("MPD_A="));
	CU_ASSERT_FALSE(mpd_envfile_key_valid("MPD_A B"));
	CU_ASSERT_FALSE(mpd_envfile_key_valid("XMPD_A"));
	CU_ASSERT_FALSE(mpd_envfile_key_valid(" MPD_A"));
	CU_ASSERT_FALSE(mpd_envfile_key_valid(""));
	CU_ASSERT_FALSE(mpd_envfile_key_valid(NULL));
}

/* ---- the list ----------------------------------------------------- */

static int
count_until(const struct mpd_env_entry *en, void *arg)
{
	int *n = arg;

	(*n)++;
	return strcmp(en->key, "MPD_B") == 0 ? 7 : 0;
}

static void
test_env_list(void)
{
	struct mpd_env env, other = MPD_ENV_INIT;
	struct mpd_err e = {0};
	int visited = 0;

	mpd_env_init(&env);
	CU_ASSERT_PTR_NULL(mpd_env_get(&env, "MPD_A"));
	CU_ASSERT_FALSE(mpd_env_unset(&env, "MPD_A"));
	CU_ASSERT_PTR_NULL(mpd_env_at(&env, 0));
	CU_ASSERT_EQUAL(mpd_env_set(&env, "MPD_A", "1", &e), 0);
	CU_ASSERT_EQUAL(mpd_env_set(&env, "MPD_B", "2", &e), 0);
	CU_ASSERT_EQUAL(mpd_env_set(&env, "MPD_C", "3", &e), 0);
	CU_ASSERT_EQUAL(mpd_env_set_tagged(&env, "MPD_A", "4", 2, 17, &e), 0);
	CU_ASSERT_EQUAL(mpd_env_count(&env), 3);
	CU_ASSERT_STRING_EQUAL(mpd_env_at(&env, 0)->value, "4");
	CU_ASSERT_EQUAL(mpd_env_at(&env, 0)->tag, 2);
	CU_ASSERT_EQUAL(mpd_env_at(&env, 0)->line, 17);
	CU_ASSERT_EQUAL(mpd_env_foreach(&env, count_until, &visited), 7);
	CU_ASSERT_EQUAL(visited, 2);
	CU_ASSERT_TRUE(mpd_env_unset(&env, "MPD_B"));
	CU_ASSERT_FALSE(mpd_env_unset(&env, "MPD_B"));
	CU_ASSERT_EQUAL(mpd_env_count(&env), 2);
	CU_ASSERT_STRING_EQUAL(mpd_env_at(&env, 1)->key, "MPD_C");
	expect_value(&env, "MPD_C", "3");
	expect_value(&env, "MPD_B", NULL);

	CU_ASSERT_EQUAL(mpd_env_set_tagged(&other, "MPD_C", "30", 1, 5, &e),
	    0);
	CU_ASSERT_EQUAL(mpd_env_set(&other, "MPD_D", "40", &e), 0);
	CU_ASSERT_EQUAL(mpd_env_merge(&env, &other, &e), 0);
	CU_ASSERT_EQUAL(mpd_env_count(&env), 3);
	expect_value(&env, "MPD_C", "30");
	CU_ASSERT_EQUAL(mpd_env_find(&env, "MPD_C")->tag, 1);
	CU_ASSERT_STRING_EQUAL(mpd_env_at(&env, 2)->key, "MPD_D");
	expect_value(&other, "MPD_C", "30");	/* src untouched */
	mpd_env_free(&other);
	mpd_env_free(&env);
	CU_ASSERT_EQUAL(mpd_env_count(&env), 0);
	mpd_env_free(&env);			/* freeing twice is fine */
}

static void
test_env_many_keys(void)
{
	struct mpd_env env = MPD_ENV_INIT;
	struct mpd_err e = {0};
	char key[32], val[32];
	int ok = 1;

	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "MPD_K%d", i);
		snprintf(val, sizeof val, "%d", i * 3);
		ok &= mpd_env_set(&env, key, val, &e) == 0;
	}
	CU_ASSERT_TRUE(ok);
	for (int i = 0; i < 5000; i += 2) {
		snprintf(key, sizeof key, "MPD_K%d", i);
		ok &= mpd_env_unset(&env, key);
	}
	CU_ASSERT_TRUE(ok);
	CU_ASSERT_EQUAL(mpd_env_count(&env), 2500);
	for (int i = 0; i < 5000; i++) {
		const char *v;

		snprintf(key, sizeof key, "MPD_K%d", i);
		v = mpd_env_get(&env, key);
		if (i % 2 == 0) {
			ok &= v == NULL;
		} else {
			snprintf(val, sizeof val, "%d", i * 3);
			ok &= v != NULL && strcmp(v, val) == 0;
		}
	}
	CU_ASSERT_TRUE(ok);
	CU_ASSERT_STRING_EQUAL(mpd_env_at(&env, 0)->key, "MPD_K1");
	CU_ASSERT_STRING_EQUAL(mpd_env_at(&env, 2499)->key, "MPD_K4999");
	mpd_env_free(&env);
}

/* ---- loading files ------------------------------------------------ */

static void
test_load(void)
{
	struct mpd_env env = MPD_ENV_INIT;
	struct mpd_err e = {0};
	char *big;
	FILE *f;

	CU_ASSERT_EQUAL(tu_write_file(path_in("a.env"),
	    "MPD_A=\"1\"\nMPD_B=2"), 0);
	CU_ASSERT_EQUAL(mpd_envfile_load(path_in("a.env"), &env, false, &e),
	    0);
	expect_value(&env, "MPD_A", "1");
	expect_value(&env, "MPD_B", "2");

	CU_ASSERT_EQUAL(mpd_envfile_load(path_in("missing.env"), &env, true,
	    &e), 0);
	CU_ASSERT_EQUAL(mpd_env_count(&env), 2);
	CU_ASSERT_EQUAL(mpd_envfile_load(path_in("missing.env"), &env, false,
	    &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_NOTFOUND);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "missing.env"));

	/* a directory is not an env file, even with missing_ok */
	CU_ASSERT_EQUAL(mpd_envfile_load(dir, &env, true, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "not a regular file"));

	/* an error names the file and line and leaves env alone */
	f = fopen(path_in("nul.env"), "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fwrite("MPD_C=3\nMPD_D=\0\n", 1, 16, f);
	fclose(f);
	CU_ASSERT_EQUAL(mpd_envfile_load(path_in("nul.env"), &env, false, &e),
	    -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "nul.env:2:"));
	expect_value(&env, "MPD_C", NULL);

	/* too large */
	big = malloc(MPD_ENVFILE_SIZE_MAX + 2);
	CU_ASSERT_PTR_NOT_NULL_FATAL(big);
	memset(big, '\n', MPD_ENVFILE_SIZE_MAX + 1);
	big[MPD_ENVFILE_SIZE_MAX + 1] = '\0';
	CU_ASSERT_EQUAL(tu_write_file(path_in("big.env"), big), 0);
	free(big);
	CU_ASSERT_EQUAL(mpd_envfile_load(path_in("big.env"), &env, false, &e),
	    -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_CORRUPT);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "larger than"));
	unlink(path_in("big.env"));

	/* empty file */
	CU_ASSERT_EQUAL(tu_write_file(path_in("empty.env"), ""), 0);
	CU_ASSERT_EQUAL(mpd_envfile_load(path_in("empty.env"), &env, false,
	    &e), 0);
	CU_ASSERT_EQUAL(mpd_env_count(&env), 2);
	mpd_env_free(&env);
}

/* ---- writing ------------------------------------------------------ */

static void
rewrite_expect(const char *in, const char *key, const char *value,
    const char *want)
{
	struct mpd_err e = {0};
	char *out = NULL;
	size_t n = 0;

	CU_ASSERT_EQUAL_FATAL(mpd_envfile_rewrite(in, strlen(in), key, value,
	    &out, &n, &e), 0);
	if (strcmp(out, want) != 0)
		fprintf(stderr, "\n  rewrite: expected\n[%s]\n  got\n[%s]\n",
		    want, out);
	CU_ASSERT_STRING_EQUAL(out, want);
	CU_ASSERT_EQUAL(n, strlen(want));
	free(out);
}

static void
test_rewrite(void)
{
	const char *in =
	    "# header: MPD_A=commented\n"
	    "MPD_A=1\n"
	    "MPD_AB=keep\n"
	    " MPD_A=leading space kept\n"
	    "#MPD_A=x\n"
	    "MPD_B=\"quoted\"   \n"
	    "MPD_A=2\r\n"
	    "\n"
	    "weird line\tkept  \n"
	    "MPD_A=\n";

	rewrite_expect(in, "MPD_A", "3",
	    "# header: MPD_A=commented\n"
	    "MPD_AB=keep\n"
	    " MPD_A=leading space kept\n"
	    "#MPD_A=x\n"
	    "MPD_B=\"quoted\"   \n"
	    "\n"
	    "weird line\tkept  \n"
	    "MPD_A=3\n");
	/* empty value deletes only */
	rewrite_expect(in, "MPD_A", "",
	    "# header: MPD_A=commented\n"
	    "MPD_AB=keep\n"
	    " MPD_A=leading space kept\n"
	    "#MPD_A=x\n"
	    "MPD_B=\"quoted\"   \n"
	    "\n"
	    "weird line\tkept  \n");
	/* a new key is appended; a missing final newline is supplied */
	rewrite_expect("MPD_X=1", "MPD_Y", "2", "MPD_X=1\nMPD_Y=2\n");
	rewrite_expect("MPD_X=1", "MPD_Z", "", "MPD_X=1");
	rewrite_expect("MPD_X=1\r\nMPD_Y=0", "MPD_Y", "9",
	    "MPD_X=1\r\nMPD_Y=9\n");
	rewrite_expect("", "MPD_Y", "2", "MPD_Y=2\n");
	rewrite_expect("", "MPD_Y", "", "");
	rewrite_expect("MPD_Y=1\n", "MPD_Y", "", "");
	/* the sanitiser's whole charset goes through unquoted */
	rewrite_expect("", "MPD_DB", "postgres:17.2",
	    "MPD_DB=postgres:17.2\n");
	rewrite_expect("", "MPD_U", "a.b_c:d/e,f@g=h+i-j",
	    "MPD_U=a.b_c:d/e,f@g=h+i-j\n");
}

static void
test_rewrite_keeps_odd_bytes(void)
{
	static const char in[] = "MPD_A=1\n#\0bin\xff\nMPD_B=2";
	static const char want[] = "#\0bin\xff\nMPD_B=2\nMPD_A=5\n";
	struct mpd_err e = {0};
	char *out = NULL;
	size_t n = 0;

	CU_ASSERT_EQUAL_FATAL(mpd_envfile_rewrite(in, sizeof in - 1, "MPD_A",
	    "5", &out, &n, &e), 0);
	CU_ASSERT_EQUAL(n, sizeof want - 1);
	CU_ASSERT_EQUAL(memcmp(out, want, n), 0);
	free(out);
}

static void
test_rewrite_refuses(void)
{
	struct mpd_err e = {0};
	char *out = NULL;
	size_t n = 0;
	const char *bad_values[] = { "a\nMPD_EVIL=1", "a\r", "\"q\"", "'q'",
	    "\"\"" };

	CU_ASSERT_EQUAL(mpd_envfile_rewrite("", 0, "MPD_a", "1", &out, &n,
	    &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
	CU_ASSERT_EQUAL(mpd_envfile_rewrite("", 0, "MPD_A=B", "1", &out, &n,
	    &e), -1);
	CU_ASSERT_EQUAL(mpd_envfile_rewrite("", 0, "", "1", &out, &n, &e), -1);
	for (size_t i = 0; i < sizeof bad_values / sizeof bad_values[0]; i++) {
		CU_ASSERT_EQUAL(mpd_envfile_rewrite("", 0, "MPD_A",
		    bad_values[i], &out, &n, &e), -1);
		CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "MPD_A"));
	}
	CU_ASSERT_PTR_NULL(out);
	/* quotes inside or on one side only are fine: they read back */
	CU_ASSERT_EQUAL(mpd_envfile_rewrite("", 0, "MPD_A", "\"a", &out, &n,
	    &e), 0);
	free(out);
}

static void
test_set_line_file(void)
{
	const char *p = path_in("proj.env");
	const char *orig = "# seeded from the template\n"
	    "MPD_DB=postgres:latest\n"
	    "MPD_PHP_VERSION=8.3\n"
	    "# MPD_PHP_MOODLE_CFTUNNEL=1\n";
	struct mpd_env env = MPD_ENV_INIT;
	struct mpd_err e = {0};
	struct stat before, after;
	char *text;

	CU_ASSERT_EQUAL(tu_write_file(p, orig), 0);
	CU_ASSERT_EQUAL(chmod(p, 0640), 0);
	CU_ASSERT_EQUAL(mpd_envfile_set_line(p, "MPD_DB", "mariadb:10.11", &e),
	    0);
	CU_ASSERT_EQUAL(mpd_envfile_set_line(p, "MPD_PHP_MOODLE_BEHAT", "1",
	    &e), 0);
	text = tu_read_file(p);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_STRING_EQUAL(text, "# seeded from the template\n"
	    "MPD_PHP_VERSION=8.3\n"
	    "# MPD_PHP_MOODLE_CFTUNNEL=1\n"
	    "MPD_DB=mariadb:10.11\n"
	    "MPD_PHP_MOODLE_BEHAT=1\n");
	free(text);
	CU_ASSERT_EQUAL(stat(p, &after), 0);
	CU_ASSERT_EQUAL(after.st_mode & 07777, 0640);	/* mode kept */

	/* the result reads back through the parser */
	CU_ASSERT_EQUAL(mpd_envfile_load(p, &env, false, &e), 0);
	expect_value(&env, "MPD_DB", "mariadb:10.11");
	expect_value(&env, "MPD_PHP_MOODLE_BEHAT", "1");
	mpd_env_free(&env);

	/* empty value deletes the line */
	CU_ASSERT_EQUAL(mpd_envfile_set_line(p, "MPD_DB", "", &e), 0);
	text = tu_read_file(p);
	CU_ASSERT_PTR_NULL(strstr(text, "MPD_DB"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "MPD_PHP_VERSION=8.3\n"));
	free(text);

	/* a refused value leaves the file as it was, inode and all */
	CU_ASSERT_EQUAL(stat(p, &before), 0);
	text = tu_read_file(p);
	CU_ASSERT_EQUAL(mpd_envfile_set_line(p, "MPD_X", "a\nb", &e), -1);
	CU_ASSERT_EQUAL(stat(p, &after), 0);
	CU_ASSERT_EQUAL(before.st_ino, after.st_ino);
	{
		char *now = tu_read_file(p);

		CU_ASSERT_STRING_EQUAL(now, text);
		free(now);
	}
	free(text);
}

static void
test_set_line_is_atomic_replacement(void)
{
	const char *p = path_in("atomic.env");
	char oldlink[4096];
	struct mpd_err e = {0};
	struct stat before, after;
	char *text;
	DIR *d;
	struct dirent *de;
	int leftovers = 0;

	snprintf(oldlink, sizeof oldlink, "%s/atomic-old", dir);
	CU_ASSERT_EQUAL(tu_write_file(p, "MPD_A=1\n"), 0);
	CU_ASSERT_EQUAL(link(p, oldlink), 0);
	CU_ASSERT_EQUAL(stat(p, &before), 0);
	CU_ASSERT_EQUAL(mpd_envfile_set_line(p, "MPD_A", "2", &e), 0);
	CU_ASSERT_EQUAL(stat(p, &after), 0);
	/* a new file was renamed into place: the old inode still holds the
	 * old text, so a concurrent reader saw either all old or all new */
	CU_ASSERT_NOT_EQUAL(before.st_ino, after.st_ino);
	text = tu_read_file(oldlink);
	CU_ASSERT_STRING_EQUAL(text, "MPD_A=1\n");
	free(text);
	text = tu_read_file(p);
	CU_ASSERT_STRING_EQUAL(text, "MPD_A=2\n");
	free(text);
	/* no temporary file is left behind */
	d = opendir(dir);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, ".atomic", 7) == 0)
			leftovers++;
	closedir(d);
	CU_ASSERT_EQUAL(leftovers, 0);
	unlink(oldlink);
}

static void
test_set_line_missing_file(void)
{
	const char *p = path_in("nope.env");
	struct mpd_err e = {0};

	CU_ASSERT_EQUAL(mpd_envfile_set_line(p, "MPD_A", "1", &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_NOTFOUND);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, p));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "does not exist"));
	CU_ASSERT_NOT_EQUAL(access(p, F_OK), 0);	/* not created */
}


static const struct mpd_test_case parser_cases[] = {
	{ "only MPD_ assignments count", test_only_mpd_assignments },
	{ "one layer of matching quotes", test_quotes },
	{ "values are never evaluated", test_injection_stays_literal },
	{ "CRLF line endings", test_crlf },
	{ "last assignment wins", test_last_assignment_wins },
	{ "NUL and over-long lines", test_nul_and_long_lines_reject_the_file },
	{ "edges", test_parse_edges },
	{ "key shape", test_key_valid },
	{ NULL, NULL }
};

static const struct mpd_test_case list_cases[] = {
	{ "get/set/unset/iterate/merge", test_env_list },
	{ "many keys", test_env_many_keys },
	{ NULL, NULL }
};

static const struct mpd_test_case file_cases[] = {
	{ "load", test_load },
	{ "rewrite in memory", test_rewrite },
	{ "rewrite keeps odd bytes", test_rewrite_keeps_odd_bytes },
	{ "rewrite refuses", test_rewrite_refuses },
	{ "set_line on a file", test_set_line_file },
	{ "set_line replaces atomically", test_set_line_is_atomic_replacement },
	{ "set_line needs the file", test_set_line_missing_file },
	{ NULL, NULL }
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "envfile parser", suite_setup, suite_teardown, parser_cases },
	{ "env list", NULL, NULL, list_cases },
	{ "envfile files", suite_setup, suite_teardown, file_cases },
	{ NULL, NULL, NULL, NULL }
};
