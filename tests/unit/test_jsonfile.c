/* test_jsonfile.c - strict parsing with file:line:col errors, the sorted
 * stable writer, and the schema helpers. */
#include "harness.h"
#include "testutil.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jsonfile.h"
#include "printable.h"

#define HINT "fix it"

/* Parse `text` and expect failure with exactly `want` as the message. */
static void
expect_parse_error(const char *text, size_t len, const char *want)
{
	struct json_object *o = (struct json_object *)1;
	struct mpd_err e = {0};

	CU_ASSERT_EQUAL(jsonfile_parse("f.json", HINT, text, len, &o, &e), -1);
	CU_ASSERT_PTR_NULL(o);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_CORRUPT);
	if (strcmp(e.msg, want) != 0)
		fprintf(stderr, "\n  want: %s\n  got:  %s\n", want, e.msg);
	CU_ASSERT_STRING_EQUAL(e.msg, want);
	CU_ASSERT_PTR_NULL(strchr(e.msg, '\n'));
}

#define BAD(text, want) expect_parse_error(text, sizeof(text) - 1, want)

static void
test_parse_errors_have_line_and_column(void)
{
	BAD("{\"a\": x}",
	    "f.json:1:7: invalid JSON (unexpected character 'x'); fix it");
	BAD("{\n  \"projects\": [\n",
	    "f.json:3:1: invalid JSON (unexpected end of file); fix it");
	BAD("{\n  \"a\": 1\n}\n}\n",
	    "f.json:4:1: invalid JSON (unexpected text after the end of the "
	    "JSON value); fix it");
	BAD("{\"a\": [1,]}",
	    "f.json:1:10: invalid JSON (unexpected character ']'); fix it");
	BAD("{\"a\": 1,}",
	    "f.json:1:9: invalid JSON (unexpected character '}', expected a "
	    "\"key\"); fix it");
	BAD("{\"a\" 1}",
	    "f.json:1:6: invalid JSON (unexpected character '1', expected "
	    "':'); fix it");
	BAD("{\"a\": 1 \"b\": 2}",
	    "f.json:1:9: invalid JSON (unexpected character '\"', expected "
	    "',' or '}'); fix it");
	BAD("[1 2]",
	    "f.json:1:4: invalid JSON (unexpected character '2', expected "
	    "',' or ']'); fix it");
	BAD("", "f.json:1:1: invalid JSON (unexpected end of file); fix it");
	BAD("  \n ", "f.json:2:2: invalid JSON (unexpected end of file); fix it");
	BAD("{\"a\": \"abc", "f.json:1:7: invalid JSON (unterminated string); "
	    "fix it");
	BAD("{\"a\": tru", "f.json:1:10: invalid JSON (unexpected end of file); "
	    "fix it");
	BAD("{\"a\": trux}", "f.json:1:10: invalid JSON (unexpected character "
	    "'x'); fix it");
}

static void
test_parse_is_strict(void)
{
	/* json-c alone accepts all of these */
	BAD("{'a': 1}", "f.json:1:2: invalid JSON (unexpected character ''', "
	    "expected a \"key\"); fix it");
	BAD("{\"a\": NaN}", "f.json:1:7: invalid JSON (unexpected character "
	    "'N'); fix it");
	BAD("{\"a\": \"x\ty\"}", "f.json:1:9: invalid JSON (control character "
	    "in a string (write it as \\n, \\t or \\u0009)); fix it");
	BAD("/* c */ {}", "f.json:1:1: invalid JSON (unexpected character "
	    "'/'); fix it");
	BAD("{\"a\": 01}", "f.json:1:7: invalid JSON (invalid number (leading "
	    "zero)); fix it");
	BAD("{\"a\": -}", "f.json:1:7: invalid JSON (invalid number); fix it");
	BAD("{\"a\": 1.}", "f.json:1:7: invalid JSON (invalid number); fix it");
	BAD("{\"a\": 1e}", "f.json:1:7: invalid JSON (invalid number); fix it");
	BAD("{\"a\": \"\\x\"}", "f.json:1:8: invalid JSON (invalid escape "
	    "sequence); fix it");
	BAD("{\"a\": \"\\u12G4\"}", "f.json:1:8: invalid JSON (invalid \\u "
	    "escape (expected 4 hex digits)); fix it");
	BAD("{\"a\": \"\\ud800\"}", "f.json:1:8: invalid JSON (invalid \\u "
	    "escape (unpaired surrogate)); fix it");
	BAD("{\"a\": \"\\udc00\"}", "f.json:1:8: invalid JSON (invalid \\u "
	    "escape (unpaired surrogate)); fix it");
	BAD("{\"a\": \"\xff\"}", "f.json:1:8: invalid JSON (invalid UTF-8); "
	    "fix it");
	BAD("{\"a\": \"\xc0\xaf\"}", "f.json:1:8: invalid JSON (invalid UTF-8); "
	    "fix it");
	BAD("{\"a\": \"\xed\xa0\x80\"}", "f.json:1:8: invalid JSON (invalid "
	    "UTF-8); fix it");
	BAD("{\"a\"\x01: 1}", "f.json:1:5: invalid JSON (unexpected byte 0x01, "
	    "expected ':'); fix it");
	/* a NUL byte in the file */
	expect_parse_error("{\"a\": \0}", 8, "f.json:1:7: invalid JSON "
	    "(unexpected byte 0x00); fix it");
}

static void
test_column_counts_characters(void)
{
	/* "é" is two bytes but one column */
	BAD("{\"\xc3\xa9\": x}",
	    "f.json:1:7: invalid JSON (unexpected character 'x'); fix it");
	BAD("{\n\t\"\xe2\x82\xac\xe2\x82\xac\": ?}",
	    "f.json:2:8: invalid JSON (unexpected character '?'); fix it");
}

static void
test_valid_documents(void)
{
	const char *ok[] = {
		"{}", "[]", " {\"a\":[1,-2.5e+3,true,false,null,\"\\u00e9\"]} ",
		"{\"a\":\"\\ud83d\\ude00\"}", "{\"a\":\"\xf0\x9f\x98\x80\"}",
		"0", "\"s\"", "{\"a\":{\"b\":{\"c\":[]}}}", "-0", "1E5",
		"{\"k\":\"x\\/y\"}",
	};

	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		struct json_object *o = NULL;
		struct mpd_err e = {0};
		int rc = jsonfile_parse("f", HINT, ok[i], strlen(ok[i]), &o, &e);

		if (rc != 0)
			fprintf(stderr, "\n  %s: %s\n", ok[i], e.msg);
		CU_ASSERT_EQUAL(rc, 0);
		CU_ASSERT_PTR_NOT_NULL(o);
		json_object_put(o);
	}
	/* a bare null is valid too: json-c's null is NULL */
	{
		struct json_object *o = (struct json_object *)1;
		struct mpd_err e = {0};

		CU_ASSERT_EQUAL(jsonfile_parse("f", HINT, " null\n", 6, &o, &e),
		    0);
		CU_ASSERT_PTR_NULL(o);
	}
}

static char *
nested(int levels)
{
	char *s = malloc((size_t)levels * 2 + 1);

	for (int i = 0; i < levels; i++) {
		s[i] = '[';
		s[levels * 2 - 1 - i] = ']';
	}
	s[levels * 2] = '\0';
	return s;
}

static void
test_depth_limit(void)
{
	char *ok = nested(JSONFILE_MAX_DEPTH);
	char *deep = nested(JSONFILE_MAX_DEPTH + 1);
	char *very = nested(100000);
	struct json_object *o = NULL;
	struct mpd_err e = {0};

	CU_ASSERT_EQUAL(jsonfile_parse("f", HINT, ok, strlen(ok), &o, &e), 0);
	json_object_put(o);
	expect_parse_error(deep, strlen(deep), "f.json:1:33: invalid JSON "
	    "(nested deeper than 32 levels); fix it");
	expect_parse_error(very, strlen(very), "f.json:1:33: invalid JSON "
	    "(nested deeper than 32 levels); fix it");
	free(ok);
	free(deep);
	free(very);
}

static void
test_size_limit(void)
{
	char *dir = tu_mkdtemp(), path[4096];
	struct json_object *o = (struct json_object *)1;
	struct mpd_err e = {0};
	char one[] = "{}";
	int fd;

	/* the check comes before any byte is read */
	CU_ASSERT_EQUAL(jsonfile_parse("f.json", HINT, one,
	    JSONFILE_MAX_BYTES + 1, &o, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "f.json: file is larger than 16 MiB; "
	    "fix it");
	/* a sparse 17 MiB file is refused without being read */
	snprintf(path, sizeof path, "%s/big.json", dir);
	fd = open(path, O_WRONLY | O_CREAT, 0644);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_EQUAL(ftruncate(fd, (off_t)17 << 20), 0);
	close(fd);
	mpd_err_clear(&e);
	CU_ASSERT_EQUAL(jsonfile_load(path, HINT, &o, &e), -1);
	CU_ASSERT_PTR_NULL(o);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_CORRUPT);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "big.json: file is larger than "
	    "16 MiB; fix it"));
	tu_rmrf(dir);
	free(dir);
}

static void
test_load_missing_and_present(void)
{
	char *dir = tu_mkdtemp(), path[4096], want[4200];
	struct json_object *o = (struct json_object *)1;
	struct mpd_err e = {0};

	snprintf(path, sizeof path, "%s/none.json", dir);
	CU_ASSERT_EQUAL(jsonfile_load(path, HINT, &o, &e), 0);
	CU_ASSERT_PTR_NULL(o);
	snprintf(path, sizeof path, "%s/a.json", dir);
	CU_ASSERT_EQUAL(tu_write_file(path, "{\"a\": 1}\n"), 0);
	CU_ASSERT_EQUAL(jsonfile_load(path, HINT, &o, &e), 0);
	CU_ASSERT_PTR_NOT_NULL(o);
	json_object_put(o);
	CU_ASSERT_EQUAL(tu_write_file(path, "{\"a\": 1}\n,"), 0);
	CU_ASSERT_EQUAL(jsonfile_load(path, HINT, &o, &e), -1);
	snprintf(want, sizeof want, "%s:2:1: invalid JSON (unexpected text "
	    "after the end of the JSON value); fix it", path);
	CU_ASSERT_STRING_EQUAL(e.msg, want);
	/* a directory is not a state file */
	CU_ASSERT_EQUAL(jsonfile_load(dir, HINT, &o, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_IO);
	tu_rmrf(dir);
	free(dir);
}

static struct json_object *
parse_ok(const char *text)
{
	struct json_object *o = NULL;
	struct mpd_err e = {0};

	CU_ASSERT_EQUAL_FATAL(jsonfile_parse("t", HINT, text, strlen(text), &o,
	    &e), 0);
	return o;
}

static void
test_writer_sorts_and_indents(void)
{
	struct json_object *o = parse_ok("{\"zeta\": 1, \"alpha\": {\"b\": [], "
	    "\"a\": {}}, \"mid\": [true, null, 2.50, \"x/y\", {\"k\": \"v\"}]}");
	const char *want =
	    "{\n"
	    "  \"alpha\": {\n"
	    "    \"a\": {},\n"
	    "    \"b\": []\n"
	    "  },\n"
	    "  \"mid\": [\n"
	    "    true,\n"
	    "    null,\n"
	    "    2.50,\n"
	    "    \"x/y\",\n"
	    "    {\n"
	    "      \"k\": \"v\"\n"
	    "    }\n"
	    "  ],\n"
	    "  \"zeta\": 1\n"
	    "}\n";
	size_t len = 0;
	char *text = jsonfile_to_string(o, 1, &len);

	CU_ASSERT_STRING_EQUAL(text, want);
	CU_ASSERT_EQUAL(len, strlen(want));
	free(text);
	text = jsonfile_to_string(o, 0, NULL);
	CU_ASSERT_STRING_EQUAL(text, "{\"alpha\":{\"a\":{},\"b\":[]},\"mid\":"
	    "[true,null,2.50,\"x/y\",{\"k\":\"v\"}],\"zeta\":1}");
	free(text);
	json_object_put(o);
}

static void
test_writer_escapes(void)
{
	struct json_object *o = parse_ok("{\"s\": \"q\\\" b\\\\ n\\n t\\t "
	    "c\\u0001 z\\u0000 \xc3\xa9 \\u00e9 sl\\/ash\"}");
	char *text = jsonfile_to_string(o, 0, NULL);

	CU_ASSERT_STRING_EQUAL(text, "{\"s\":\"q\\\" b\\\\ n\\n t\\t c\\u0001 "
	    "z\\u0000 \xc3\xa9 \xc3\xa9 sl/ash\"}");
	free(text);
	json_object_put(o);
}

static void
test_writer_round_trip_is_stable(void)
{
	const char *in = "{\"b\":[1,2,{\"y\":1e999,\"x\":-0.0}],\"a\":"
	    "18446744073709551615,\"c\":\"\xe2\x82\xac\"}";
	struct json_object *o = parse_ok(in), *o2;
	char *t1 = jsonfile_to_string(o, 1, NULL), *t2;

	o2 = parse_ok(t1);
	t2 = jsonfile_to_string(o2, 1, NULL);
	CU_ASSERT_STRING_EQUAL(t1, t2);
	/* doubles keep their spelling */
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, "1e999"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, "-0.0"));
	free(t1);
	free(t2);
	json_object_put(o);
	json_object_put(o2);
}

static void
test_write_file(void)
{
	char *dir = tu_mkdtemp(), path[4096], *got;
	struct json_object *o = parse_ok("{\"b\": 1, \"a\": 2}");
	struct mpd_err e = {0};

	snprintf(path, sizeof path, "%s/sub/dir/x.json", dir);
	CU_ASSERT_EQUAL(jsonfile_write(path, o, 0644, &e), 0);
	got = tu_read_file(path);
	CU_ASSERT_STRING_EQUAL(got, "{\n  \"a\": 2,\n  \"b\": 1\n}\n");
	free(got);
	json_object_put(o);
	tu_rmrf(dir);
	free(dir);
}

/* jsonfile_encode() refuses `o` with a message containing `want`. */
static void
expect_refused(struct json_object *o, const char *want)
{
	struct mpd_err e = {0};
	char *text = (char *)1;
	size_t len = 7;

	CU_ASSERT_EQUAL(jsonfile_encode(o, "x.json", &text, &len, &e), -1);
	CU_ASSERT_PTR_NULL(text);
	CU_ASSERT_EQUAL(len, 0);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
	if (strstr(e.msg, want) == NULL)
		fprintf(stderr, "\n  want '%s' in: %s\n", want, e.msg);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, want));
	CU_ASSERT_PTR_NULL(strchr(e.msg, '\n'));
	json_object_put(o);
}

/* Nothing the writer accepts fails to read back (issue 7). */
static void
test_encode_refuses_what_cannot_be_read(void)
{
	struct json_object *o, *deep;

	o = json_object_new_object();
	json_object_object_add(o, "type", json_object_new_string("moodle\xff"));
	expect_refused(o, "cannot write x.json: type: the text is not valid "
	    "UTF-8 (byte 0xff at offset 6); use UTF-8 text; nothing was "
	    "written");

	o = json_object_new_object();
	json_object_object_add(o, "list", json_object_new_array());
	json_object_array_add(json_object_object_get(o, "list"),
	    json_object_new_string_len("ok\0\xc0\x80", 5));
	expect_refused(o, "list[0]: the text is not valid UTF-8 (byte 0xc0 at "
	    "offset 3)");

	o = json_object_new_object();
	json_object_object_add(o, "k\xe9y", json_object_new_int(1));
	expect_refused(o, "top level: the key 'k?y' is not valid UTF-8");

	o = json_object_new_object();
	json_object_object_add(o, "n", json_object_new_double(0.0 / 0.0));
	expect_refused(o, "n: 'NaN' is not a JSON number; store a finite "
	    "number");
	o = json_object_new_array();
	json_object_array_add(o, json_object_new_double(-1.0 / 0.0));
	expect_refused(o, "[0]: '-Infinity' is not a JSON number");

	/* a custom spelling only the final validator sees */
	o = json_object_new_array();
	json_object_array_add(o, json_object_new_double_s(1.0, "1.0x"));
	expect_refused(o, "'1.0x' is not a JSON number");

	deep = json_object_new_array();
	for (int i = 0; i < JSONFILE_MAX_DEPTH; i++) {
		struct json_object *up = json_object_new_array();

		json_object_array_add(up, deep);
		deep = up;
	}
	expect_refused(deep, "nested deeper than 32 levels");

	o = json_object_new_array();
	for (int i = 0; i < 17; i++) {
		static char mib[1024 * 1024];

		memset(mib, 'a', sizeof mib);
		json_object_array_add(o, json_object_new_string_len(mib,
		    sizeof mib));
	}
	expect_refused(o, "cannot write x.json: it would be larger than 16 MiB");
}

static void
test_encode_reads_back(void)
{
	struct json_object *o = json_object_new_object(), *deep, *back;
	struct mpd_err e = {0};
	char *text;
	size_t len;

	json_object_object_add(o, "nul", json_object_new_string_len("a\0b", 3));
	json_object_object_add(o, "ctl", json_object_new_string("\x01\x1f\x7f"));
	json_object_object_add(o, "utf8",
	    json_object_new_string("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"));
	json_object_object_add(o, "\xc3\xa9", json_object_new_double(-0.0));
	json_object_object_add(o, "big", json_object_new_uint64(UINT64_MAX));
	json_object_object_add(o, "small", json_object_new_int64(INT64_MIN));
	deep = json_object_new_array();
	for (int i = 0; i < JSONFILE_MAX_DEPTH - 2; i++) {
		struct json_object *up = json_object_new_array();

		json_object_array_add(up, deep);
		deep = up;
	}
	json_object_object_add(o, "deep", deep);	/* 32 levels with o */
	CU_ASSERT_EQUAL_FATAL(jsonfile_encode(o, "x.json", &text, &len, &e), 0);
	CU_ASSERT_EQUAL(len, strlen(text));
	CU_ASSERT_EQUAL_FATAL(jsonfile_parse("x.json", HINT, text, len, &back,
	    &e), 0);
	CU_ASSERT(json_object_equal(o, back));
	free(text);
	json_object_put(back);
	json_object_put(o);
}

/* A refused write leaves the old file, byte for byte, and no temp file. */
static void
test_write_refused_keeps_the_file(void)
{
	char *dir = tu_mkdtemp(), path[4096], *got;
	struct json_object *o = parse_ok("{\"a\": 1}");
	struct mpd_err e = {0};

	snprintf(path, sizeof path, "%s/x.json", dir);
	CU_ASSERT_EQUAL_FATAL(jsonfile_write(path, o, 0644, &e), 0);
	json_object_object_add(o, "b", json_object_new_string("\xff"));
	CU_ASSERT_EQUAL(jsonfile_write(path, o, 0644, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "x.json: b: the text is not valid "
	    "UTF-8"));
	got = tu_read_file(path);
	CU_ASSERT_STRING_EQUAL(got, "{\n  \"a\": 1\n}\n");
	free(got);
	{
		DIR *d = opendir(dir);
		struct dirent *ent;
		int n = 0;

		CU_ASSERT_PTR_NOT_NULL_FATAL(d);
		while ((ent = readdir(d)) != NULL)
			n += ent->d_name[0] != '.' || strstr(ent->d_name,
			    ".tmp") != NULL;
		closedir(d);
		CU_ASSERT_EQUAL(n, 1);
	}
	CU_ASSERT_EQUAL(tu_rmrf(dir), 0);
	free(dir);
	json_object_put(o);
}

static void
test_schema_helpers(void)
{
	struct json_object *o = parse_ok("{\"s\": \"ok\", \"n\": 3, \"z\": "
	    "\"a\\u0000b\", \"c\": \"a\\nb\", \"d\": 1.5}"), *v;
	struct mpd_err e = {0};
	struct jsonfile_schema s = { "p.json", HINT, &e };
	char *str = NULL, f[64];

	CU_ASSERT_EQUAL(jsonfile_string_member(&s, o, "x[1]", "s", &str), 0);
	CU_ASSERT_STRING_EQUAL(str, "ok");
	free(str);
	CU_ASSERT_EQUAL(jsonfile_string_member(&s, o, "x[1]", "n", &str), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "p.json: x[1].n: expected a string, "
	    "found a whole number; fix it");
	CU_ASSERT_EQUAL(e.code, MPD_ERR_CORRUPT);
	CU_ASSERT_EQUAL(jsonfile_string_member(&s, o, "", "gone", &str), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "p.json: gone: missing (expected a "
	    "string); fix it");
	CU_ASSERT_EQUAL(jsonfile_string_member(&s, o, "", "z", &str), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "p.json: z: contains a NUL character "
	    "(\\u0000); fix it");
	CU_ASSERT_EQUAL(jsonfile_string_member(&s, o, "", "c", &str), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "p.json: c: contains a control "
	    "character; fix it");
	CU_ASSERT_EQUAL(jsonfile_member(&s, o, "", "opt", json_type_array, 0,
	    &v), 0);
	CU_ASSERT_PTR_NULL(v);
	CU_ASSERT_EQUAL(jsonfile_member(&s, o, "", "n", json_type_double, 1,
	    &v), 0);
	CU_ASSERT_EQUAL(jsonfile_member(&s, o, "", "d", json_type_int, 1, &v),
	    -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "p.json: d: expected a whole number, "
	    "found a number; fix it");
	CU_ASSERT_EQUAL(jsonfile_expect_type(&s, o, "", json_type_array), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "p.json: top level: expected an array, "
	    "found an object; fix it");
	CU_ASSERT_STRING_EQUAL(jsonfile_field(f, sizeof f, "a", "b\nc"),
	    "a.b?c");
	CU_ASSERT_STRING_EQUAL(jsonfile_field_index(f, sizeof f, "a", 7),
	    "a[7]");
	CU_ASSERT_STRING_EQUAL(mpd_printable("0123456789", f, 8),
	    "0123...");
	json_object_put(o);
}

static const struct mpd_test_case jsonfile_cases[] = {
	{ "parse errors have line and column",
	    test_parse_errors_have_line_and_column },
	{ "parse is strict JSON", test_parse_is_strict },
	{ "column counts characters", test_column_counts_characters },
	{ "valid documents", test_valid_documents },
	{ "depth limit", test_depth_limit },
	{ "size limit", test_size_limit },
	{ "load missing and present", test_load_missing_and_present },
	{ "writer sorts and indents", test_writer_sorts_and_indents },
	{ "writer escapes", test_writer_escapes },
	{ "writer round trip is stable", test_writer_round_trip_is_stable },
	{ "write file", test_write_file },
	{ "encode refuses what cannot be read",
	    test_encode_refuses_what_cannot_be_read },
	{ "encode reads back", test_encode_reads_back },
	{ "refused write keeps the file", test_write_refused_keeps_the_file },
	{ "schema helpers", test_schema_helpers },
	{ NULL, NULL },
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "jsonfile", NULL, NULL, jsonfile_cases },
	{ NULL, NULL, NULL, NULL },
};
