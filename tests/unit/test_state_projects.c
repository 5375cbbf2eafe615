/* test_state_projects.c - projects.json: round trips, stable sorted
 * output, the mutators, input checks, and broken files that are reported
 * with file:line:col and never replaced. */
#include "harness.h"
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"
#include "state_projects.h"


/* Start each case with no state at all. */

static const char *
projects_path(void)
{
	return mpd_path(MPD_PATH_PROJECTS_JSON);
}

static char *
read_projects(void)
{
	return tu_read_file(projects_path());
}

static const char *URL_MAIN =
    "{\"label\": \"main\", \"kind\": \"web\", \"url\": "
    "\"https://alpha.mpd.test/\", \"backend\": {\"type\": \"php-fpm\", "
    "\"fastcgi\": \"127.0.0.1:9000\", \"root\": \"/srv/projects/alpha\", "
    "\"tryFiles\": [\"{path}\", \"/r.php\"]}}";
static const char *URL_MAIL =
    "{\"url\":\"https://mail.alpha.mpd.test/\",\"label\":\"mail\","
    "\"kind\":\"mail\"}";

static const char *GOLDEN =
    "{\n"
    "  \"projects\": [\n"
    "    {\n"
    "      \"databaseEngine\": \"postgres\",\n"
    "      \"databaseId\": \"postgres-17\",\n"
    "      \"databaseVersion\": \"17\",\n"
    "      \"name\": \"alpha\",\n"
    "      \"requested\": \"running\",\n"
    "      \"runtimeName\": \"php\",\n"
    "      \"type\": \"moodle\",\n"
    "      \"urls\": [\n"
    "        {\n"
    "          \"backend\": {\n"
    "            \"fastcgi\": \"127.0.0.1:9000\",\n"
    "            \"root\": \"/srv/projects/alpha\",\n"
    "            \"tryFiles\": [\n"
    "              \"{path}\",\n"
    "              \"/r.php\"\n"
    "            ],\n"
    "            \"type\": \"php-fpm\"\n"
    "          },\n"
    "          \"kind\": \"web\",\n"
    "          \"label\": \"main\",\n"
    "          \"url\": \"https://alpha.mpd.test/\"\n"
    "        },\n"
    "        {\n"
    "          \"kind\": \"mail\",\n"
    "          \"label\": \"mail\",\n"
    "          \"url\": \"https://mail.alpha.mpd.test/\"\n"
    "        }\n"
    "      ]\n"
    "    },\n"
    "    {\n"
    "      \"databaseEngine\": \"\",\n"
    "      \"databaseId\": \"\",\n"
    "      \"databaseVersion\": \"\",\n"
    "      \"name\": \"beta\",\n"
    "      \"requested\": \"not-configured\",\n"
    "      \"runtimeName\": \"\",\n"
    "      \"type\": \"bare\",\n"
    "      \"urls\": []\n"
    "    }\n"
    "  ]\n"
    "}\n";

static struct state_url urls_alpha[2];

static void
make_alpha(struct state_project *p)
{
	struct mpd_err e = {0};

	memset(p, 0, sizeof *p);
	CU_ASSERT_EQUAL_FATAL(state_url_parse("t", URL_MAIN, strlen(URL_MAIN),
	    &urls_alpha[0], &e), 0);
	CU_ASSERT_EQUAL_FATAL(state_url_parse("t", URL_MAIL, strlen(URL_MAIL),
	    &urls_alpha[1], &e), 0);
	p->name = "alpha";
	p->type = "moodle";
	p->runtime_name = "php";
	p->database_engine = "postgres";
	p->database_version = "17";
	p->database_id = "postgres-17";
	p->requested = STATE_REQUESTED_RUNNING;
	p->urls = urls_alpha;
	p->n_urls = 2;
}

static void
free_alpha(void)
{
	state_url_free(&urls_alpha[0]);
	state_url_free(&urls_alpha[1]);
}

static void
make_beta(struct state_project *p)
{
	memset(p, 0, sizeof *p);
	p->name = "beta";
	p->type = "bare";
	p->requested = STATE_REQUESTED_NOT_CONFIGURED;
}

/* No leftovers next to the state files. */
static void
assert_no_temp_files(void)
{
	DIR *d = opendir(mpd_path(MPD_PATH_STATE));
	struct dirent *ent;

	if (d == NULL)
		return;
	while ((ent = readdir(d)) != NULL)
		CU_ASSERT_PTR_NULL(strstr(ent->d_name, ".tmp"));
	closedir(d);
}

static void
test_missing_file_is_empty(void)
{
	struct state_project_list l = { (void *)1, 9 };
	struct state_project p;
	struct mpd_err e = {0};

	tu_reset_var();
	CU_ASSERT_EQUAL(state_projects_load(&l, &e), 0);
	CU_ASSERT_EQUAL(l.n, 0);
	CU_ASSERT_PTR_NULL(l.items);
	CU_ASSERT_EQUAL(state_projects_get("x", &p, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_NOTFOUND);
	CU_ASSERT_STRING_EQUAL(e.msg, "project 'x' is not registered");
}

static void
test_round_trip_and_golden_output(void)
{
	struct state_project a, b;
	struct state_project_list l;
	const struct state_project *g;
	struct mpd_err e = {0};
	struct stat st;
	char *text;

	tu_reset_var();
	make_alpha(&a);
	make_beta(&b);
	/* inserted out of order: written sorted by name */
	CU_ASSERT_EQUAL(state_projects_upsert(&b, &e), 0);
	CU_ASSERT_EQUAL(state_projects_upsert(&a, &e), 0);
	text = read_projects();
	CU_ASSERT_STRING_EQUAL(text, GOLDEN);
	if (strcmp(text, GOLDEN) != 0)
		fprintf(stderr, "\n%s", text);
	free(text);
	CU_ASSERT_EQUAL(stat(projects_path(), &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 07777, 0644);
	assert_no_temp_files();

	CU_ASSERT_EQUAL_FATAL(state_projects_load(&l, &e), 0);
	CU_ASSERT_EQUAL_FATAL(l.n, 2);
	g = state_project_list_find(&l, "alpha");
	CU_ASSERT_PTR_NOT_NULL_FATAL(g);
	CU_ASSERT_STRING_EQUAL(g->type, "moodle");
	CU_ASSERT_STRING_EQUAL(g->runtime_name, "php");
	CU_ASSERT_STRING_EQUAL(g->database_engine, "postgres");
	CU_ASSERT_STRING_EQUAL(g->database_version, "17");
	CU_ASSERT_STRING_EQUAL(g->database_id, "postgres-17");
	CU_ASSERT_EQUAL(g->requested, STATE_REQUESTED_RUNNING);
	CU_ASSERT_EQUAL_FATAL(g->n_urls, 2);
	CU_ASSERT_STRING_EQUAL(g->urls[0].label, "main");
	CU_ASSERT_STRING_EQUAL(g->urls[0].kind, "web");
	CU_ASSERT_STRING_EQUAL(g->urls[0].url, "https://alpha.mpd.test/");
	CU_ASSERT_STRING_EQUAL(g->urls[0].json, urls_alpha[0].json);
	CU_ASSERT_STRING_EQUAL(g->urls[1].json, "{\"kind\":\"mail\",\"label\":"
	    "\"mail\",\"url\":\"https://mail.alpha.mpd.test/\"}");
	g = state_project_list_find(&l, "beta");
	CU_ASSERT_PTR_NOT_NULL_FATAL(g);
	CU_ASSERT_STRING_EQUAL(g->runtime_name, "");
	CU_ASSERT_EQUAL(g->n_urls, 0);
	CU_ASSERT_PTR_NULL(state_project_list_find(&l, "gamma"));
	state_project_list_free(&l);
	CU_ASSERT_EQUAL(l.n, 0);
	free_alpha();
}

static void
test_output_is_stable(void)
{
	struct state_project a, b;
	struct mpd_err e = {0};
	char *first, *second, *third;

	tu_reset_var();
	make_alpha(&a);
	make_beta(&b);
	CU_ASSERT_EQUAL(state_projects_upsert(&a, &e), 0);
	CU_ASSERT_EQUAL(state_projects_upsert(&b, &e), 0);
	first = read_projects();
	/* the same record again: identical bytes */
	CU_ASSERT_EQUAL(state_projects_upsert(&a, &e), 0);
	second = read_projects();
	CU_ASSERT_STRING_EQUAL(first, second);
	/* a no-op requested change: identical bytes */
	CU_ASSERT_EQUAL(state_projects_set_requested("beta",
	    STATE_REQUESTED_NOT_CONFIGURED, &e), 0);
	third = read_projects();
	CU_ASSERT_STRING_EQUAL(first, third);
	CU_ASSERT_STRING_EQUAL(first, GOLDEN);
	free(first);
	free(second);
	free(third);
	free_alpha();
}

static void
test_hand_written_file_is_normalised(void)
{
	struct state_project_list l;
	struct mpd_err e = {0};
	char *text;

	tu_reset_var();
	/* compact, unsorted, an unknown field, no urls: all fine to read */
	CU_ASSERT_EQUAL(tu_write_file(projects_path(), "{\"projects\":[{"
	    "\"type\":\"bare\",\"name\":\"beta\",\"requested\":\"not-configured\","
	    "\"runtimeName\":\"\",\"databaseEngine\":\"\",\"databaseVersion\":"
	    "\"\",\"databaseId\":\"\",\"futureField\":true}]}"), 0);
	CU_ASSERT_EQUAL_FATAL(state_projects_load(&l, &e), 0);
	CU_ASSERT_EQUAL(l.n, 1);
	CU_ASSERT_EQUAL(l.items[0].n_urls, 0);
	state_project_list_free(&l);
	/* the next write normalises it */
	CU_ASSERT_EQUAL(state_projects_set_requested("beta",
	    STATE_REQUESTED_NOT_CONFIGURED, &e), 0);
	text = read_projects();
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"urls\": []"));
	CU_ASSERT_PTR_NULL(strstr(text, "futureField"));
	free(text);
}

static void
test_upsert_replaces(void)
{
	struct state_project b;
	struct state_project got;
	struct mpd_err e = {0};

	tu_reset_var();
	make_beta(&b);
	CU_ASSERT_EQUAL(state_projects_upsert(&b, &e), 0);
	b.runtime_name = "php";
	b.requested = STATE_REQUESTED_STOPPED;
	CU_ASSERT_EQUAL(state_projects_upsert(&b, &e), 0);
	CU_ASSERT_EQUAL_FATAL(state_projects_get("beta", &got, &e), 0);
	CU_ASSERT_STRING_EQUAL(got.runtime_name, "php");
	CU_ASSERT_EQUAL(got.requested, STATE_REQUESTED_STOPPED);
	state_project_free(&got);
	{
		struct state_project_list l;

		CU_ASSERT_EQUAL(state_projects_load(&l, &e), 0);
		CU_ASSERT_EQUAL(l.n, 1);
		state_project_list_free(&l);
	}
}

static void
test_set_requested_and_delete(void)
{
	struct state_project a, b, got;
	struct mpd_err e = {0};
	char *before, *after;

	tu_reset_var();
	make_alpha(&a);
	make_beta(&b);
	CU_ASSERT_EQUAL(state_projects_upsert(&a, &e), 0);
	CU_ASSERT_EQUAL(state_projects_upsert(&b, &e), 0);
	CU_ASSERT_EQUAL(state_projects_set_requested("alpha",
	    STATE_REQUESTED_STOPPED, &e), 0);
	CU_ASSERT_EQUAL_FATAL(state_projects_get("alpha", &got, &e), 0);
	CU_ASSERT_EQUAL(got.requested, STATE_REQUESTED_STOPPED);
	CU_ASSERT_EQUAL(got.n_urls, 2);
	state_project_free(&got);

	before = read_projects();
	CU_ASSERT_EQUAL(state_projects_set_requested("nope",
	    STATE_REQUESTED_RUNNING, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_NOTFOUND);
	CU_ASSERT_STRING_EQUAL(e.msg, "project 'nope' is not registered");
	CU_ASSERT_EQUAL(state_projects_set_requested("alpha",
	    (enum state_requested)7, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
	CU_ASSERT_EQUAL(state_projects_delete("nope", &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_NOTFOUND);
	after = read_projects();
	CU_ASSERT_STRING_EQUAL(before, after);
	free(before);
	free(after);

	CU_ASSERT_EQUAL(state_projects_delete("alpha", &e), 0);
	CU_ASSERT_EQUAL(state_projects_get("alpha", &got, &e), -1);
	CU_ASSERT_EQUAL(state_projects_get("beta", &got, &e), 0);
	state_project_free(&got);
	CU_ASSERT_EQUAL(state_projects_delete("beta", &e), 0);
	after = read_projects();
	CU_ASSERT_STRING_EQUAL(after, "{\n  \"projects\": []\n}\n");
	free(after);
	assert_no_temp_files();
	free_alpha();
}

static void
expect_rejected(const struct state_project *p, const char *want)
{
	struct mpd_err e = {0};

	CU_ASSERT_EQUAL(state_projects_upsert(p, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
	if (strstr(e.msg, want) == NULL)
		fprintf(stderr, "\n  want '%s' in: %s\n", want, e.msg);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, want));
}

static void
test_bad_input_changes_nothing(void)
{
	struct state_project p;
	struct state_url u = { "main", "web", "https://x/", NULL };
	struct state_url bad = { "main", "web", "https://x/",
	    "{\"label\": 1, \"kind\": \"web\", \"url\": \"u\"}" };
	struct mpd_err e = {0};
	char *before, *after;

	tu_reset_var();
	make_beta(&p);
	CU_ASSERT_EQUAL(state_projects_upsert(&p, &e), 0);
	before = read_projects();

	p.name = "a/b";
	expect_rejected(&p, "project name 'a/b' cannot be stored");
	p.name = "";
	expect_rejected(&p, "project name '' cannot be stored");
	p.name = NULL;
	expect_rejected(&p, "project name '(null)' cannot be stored");
	p.name = "..";
	expect_rejected(&p, "cannot be stored");
	p.name = "x\ny";
	expect_rejected(&p, "project name 'x?y' cannot be stored");
	p.name = "gamma";
	p.type = "";
	expect_rejected(&p, "project 'gamma': the type is empty");
	p.type = "bare";
	p.runtime_name = "php\t";
	expect_rejected(&p, "project 'gamma': runtimeName contains a control "
	    "character");
	p.runtime_name = "";
	p.requested = (enum state_requested)3;
	expect_rejected(&p, "requested state 3 is not one of not-configured, "
	    "stopped, running");
	p.requested = STATE_REQUESTED_STOPPED;
	p.urls = &u;
	p.n_urls = 1;
	expect_rejected(&p, "project 'gamma' urls[0]: no entry");
	p.urls = &bad;
	expect_rejected(&p, "project 'gamma' urls[0]: label: expected a string, "
	    "found a whole number");
	p.urls = NULL;
	expect_rejected(&p, "1 URL entries but no array");
	CU_ASSERT_EQUAL(state_projects_upsert(NULL, &e), -1);

	after = read_projects();
	CU_ASSERT_STRING_EQUAL(before, after);
	free(before);
	free(after);
}

static void
test_url_parsing(void)
{
	struct state_url u;
	struct state_url *list;
	struct mpd_err e = {0};
	size_t n;
	const char *arr = "[{\"label\":\"a\",\"kind\":\"web\",\"url\":\"u1\"},"
	    "{\"label\":\"b\",\"kind\":\"tunnel\",\"url\":\"u2\",\"extra\":[1]}]";

	const char *nolabel = "{\"kind\": \"web\", \"url\": \"u\"}";

	CU_ASSERT_EQUAL(state_url_parse("urls.json", nolabel, strlen(nolabel),
	    &u, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
	CU_ASSERT_STRING_EQUAL(e.msg, "urls.json: label: missing (expected a "
	    "string); a URL entry is an object with string label, kind and url");
	CU_ASSERT_EQUAL(state_url_parse("urls.json", "[]", 2, &u, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "urls.json: top level: expected an "
	    "object, found an array; a URL entry is an object with string "
	    "label, kind and url");
	CU_ASSERT_EQUAL(state_url_parse("urls.json", "{", 1, &u, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
	CU_ASSERT_EQUAL(state_url_parse("urls.json", NULL, 0, &u, &e), -1);

	CU_ASSERT_EQUAL_FATAL(state_urls_parse("urls.json", arr, strlen(arr),
	    &list, &n, &e), 0);
	CU_ASSERT_EQUAL_FATAL(n, 2);
	CU_ASSERT_STRING_EQUAL(list[1].kind, "tunnel");
	CU_ASSERT_STRING_EQUAL(list[1].json, "{\"extra\":[1],\"kind\":\"tunnel\","
	    "\"label\":\"b\",\"url\":\"u2\"}");
	state_urls_free(list, n);
	CU_ASSERT_EQUAL(state_urls_parse("urls.json", "[]", 2, &list, &n, &e), 0);
	CU_ASSERT_EQUAL(n, 0);
	CU_ASSERT_PTR_NULL(list);
	CU_ASSERT_EQUAL(state_urls_parse("urls.json", "[{\"label\":\"a\"}]", 15,
	    &list, &n, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "urls.json: [0].kind: missing (expected "
	    "a string); a URL entry is an object with string label, kind and "
	    "url");
	CU_ASSERT_EQUAL(state_urls_parse("urls.json", "{}", 2, &list, &n, &e),
	    -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
}

/* Write `content` as projects.json, expect load and every mutator to fail
 * with "<path><suffix>", and the file to stay byte-identical. */
static void
expect_corrupt(const char *content, const char *suffix)
{
	struct state_project_list l;
	struct state_project b, got;
	struct mpd_err e = {0};
	char want[4600];
	char *after;

	tu_reset_var();
	CU_ASSERT_EQUAL_FATAL(tu_write_file(projects_path(), content), 0);
	snprintf(want, sizeof want, "%s%s", projects_path(), suffix);

	CU_ASSERT_EQUAL(state_projects_load(&l, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_CORRUPT);
	if (strcmp(e.msg, want) != 0)
		fprintf(stderr, "\n  want: %s\n  got:  %s\n", want, e.msg);
	CU_ASSERT_STRING_EQUAL(e.msg, want);
	CU_ASSERT_EQUAL(l.n, 0);
	CU_ASSERT_EQUAL(state_projects_get("beta", &got, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, want);

	make_beta(&b);
	mpd_err_clear(&e);
	CU_ASSERT_EQUAL(state_projects_upsert(&b, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, want);
	mpd_err_clear(&e);
	CU_ASSERT_EQUAL(state_projects_delete("beta", &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, want);
	mpd_err_clear(&e);
	CU_ASSERT_EQUAL(state_projects_set_requested("beta",
	    STATE_REQUESTED_RUNNING, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, want);

	after = read_projects();
	CU_ASSERT_STRING_EQUAL(after, content);
	free(after);
	assert_no_temp_files();
}

#define FIX "; fix or remove the file (mpd rebuilds it from the data volume " \
	"on --setup)"
#define REC(fields) "{\n  \"projects\": [\n    {" fields "}\n  ]\n}\n"
#define GOOD_FIELDS "\"name\": \"beta\", \"type\": \"bare\", " \
	"\"runtimeName\": \"\", \"databaseEngine\": \"\", " \
	"\"databaseVersion\": \"\", \"databaseId\": \"\""

/* sidecars: written only when asked for, read back, copied, checked */
static void
test_sidecars(void)
{
	char *wished[] = { "valkey", "webdriver", NULL };
	char *unsorted[] = { "webdriver", "valkey", NULL };
	char *hostile[] = { "Valkey", NULL };
	struct state_project b, got, copy;
	struct mpd_err e = {0};
	char *text, *before, *after;

	tu_reset_var();
	make_beta(&b);
	CU_ASSERT_EQUAL(state_projects_upsert(&b, &e), 0);
	text = read_projects();
	CU_ASSERT_PTR_NULL(strstr(text, "sidecars"));
	free(text);
	b.sidecars = wished;
	CU_ASSERT_EQUAL(state_projects_upsert(&b, &e), 0);
	text = read_projects();
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"sidecars\": [\n        "
	    "\"valkey\",\n        \"webdriver\"\n      ]"));
	free(text);
	CU_ASSERT_EQUAL_FATAL(state_projects_get("beta", &got, &e), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(got.sidecars);
	CU_ASSERT_STRING_EQUAL(got.sidecars[0], "valkey");
	CU_ASSERT_STRING_EQUAL(got.sidecars[1], "webdriver");
	CU_ASSERT_PTR_NULL(got.sidecars[2]);
	CU_ASSERT_EQUAL_FATAL(state_project_copy(&copy, &got), 0);
	CU_ASSERT_STRING_EQUAL(copy.sidecars[1], "webdriver");
	state_project_free(&copy);
	state_project_free(&got);

	before = read_projects();
	b.sidecars = unsorted;
	expect_rejected(&b, "sidecar 'valkey' is not a name in order");
	b.sidecars = hostile;
	expect_rejected(&b, "sidecar 'Valkey' is not a name in order");
	after = read_projects();
	CU_ASSERT_STRING_EQUAL(before, after);
	free(before);
	free(after);
	CU_ASSERT(state_sidecar_name_ok("mail"));
	CU_ASSERT(!state_sidecar_name_ok(""));
	CU_ASSERT(!state_sidecar_name_ok("-x"));
	CU_ASSERT(!state_sidecar_name_ok("a/b"));
}

static void
test_corrupt_files_are_reported_and_kept(void)
{
	/* truncated */
	expect_corrupt("{\n  \"projects\": [\n    {\n      \"name\": \"be",
	    ":4:15: invalid JSON (unterminated string)" FIX);
	expect_corrupt("{\n  \"projects\": [\n", ":3:1: invalid JSON "
	    "(unexpected end of file)" FIX);
	expect_corrupt("", ":1:1: invalid JSON (unexpected end of file)" FIX);
	/* trailing garbage */
	expect_corrupt("{\"projects\": []}\n}\n", ":2:1: invalid JSON "
	    "(unexpected text after the end of the JSON value)" FIX);
	/* hand edits */
	expect_corrupt("{\n  \"projects\": [\n    {\"name\": \"beta\",}\n  ]\n}\n",
	    ":3:21: invalid JSON (unexpected character '}', expected a "
	    "\"key\")" FIX);
	/* wrong types */
	expect_corrupt("[]", ": top level: expected an object, found an array"
	    FIX);
	expect_corrupt("{}", ": projects: missing (expected an array)" FIX);
	expect_corrupt("{\"projects\": {}}", ": projects: expected an array, "
	    "found an object" FIX);
	expect_corrupt("{\"projects\": [1]}", ": projects[0]: expected an "
	    "object, found a whole number" FIX);
	expect_corrupt(REC(GOOD_FIELDS ", \"requested\": \"stopped\", "
	    "\"sidecars\": [\"b\", \"a\"]"), ": projects[0].sidecars: [1] 'a' "
	    "is not a sidecar name in order ([a-z][a-z0-9-]*, sorted, no repeats)" FIX);
	expect_corrupt(REC(GOOD_FIELDS ", \"requested\": \"stopped\", "
	    "\"sidecars\": \"valkey\""), ": projects[0].sidecars: expected an "
	    "array, found a string" FIX);
	expect_corrupt(REC("\"name\": 5"), ": projects[0].name: expected a "
	    "string, found a whole number" FIX);
	expect_corrupt(REC(GOOD_FIELDS), ": projects[0].requested: missing "
	    "(expected a string)" FIX);
	expect_corrupt(REC(GOOD_FIELDS ", \"requested\": null"),
	    ": projects[0].requested: expected a string, found null" FIX);
	/* bad enum */
	expect_corrupt("{\"projects\": [{" GOOD_FIELDS ", \"requested\": "
	    "\"stopped\"}, {\"name\": \"gamma\", \"type\": \"bare\", "
	    "\"runtimeName\": \"\", \"databaseEngine\": \"\", "
	    "\"databaseVersion\": \"\", \"databaseId\": \"\", \"requested\": "
	    "\"stopped\"}, {" GOOD_FIELDS ", \"requested\": \"runing\"}]}",
	    ": projects[2].requested: expected one of not-configured, stopped, "
	    "running, found 'runing'" FIX);
	/* bad values */
	expect_corrupt(REC("\"name\": \"a/b\", \"type\": \"bare\", "
	    "\"runtimeName\": \"\", \"databaseEngine\": \"\", "
	    "\"databaseVersion\": \"\", \"databaseId\": \"\", \"requested\": "
	    "\"stopped\""), ": projects[0].name: 'a/b' cannot name a project "
	    "(1-255 characters, no '/')" FIX);
	expect_corrupt(REC(GOOD_FIELDS ", \"requested\": \"stopped\", "
	    "\"urls\": {}"), ": projects[0].urls: expected an array, found an "
	    "object" FIX);
	expect_corrupt(REC(GOOD_FIELDS ", \"requested\": \"stopped\", "
	    "\"urls\": [{\"label\": \"main\", \"kind\": \"web\"}]"),
	    ": projects[0].urls[0].url: missing (expected a string)" FIX);
	expect_corrupt(REC(GOOD_FIELDS ", \"requested\": \"stopped\", "
	    "\"urls\": [{\"label\": [], \"kind\": \"web\", \"url\": \"u\"}]"),
	    ": projects[0].urls[0].label: expected a string, found an array"
	    FIX);
	expect_corrupt("{\"projects\": [{" GOOD_FIELDS ", \"requested\": "
	    "\"stopped\"}, {" GOOD_FIELDS ", \"requested\": \"running\"}]}",
	    ": projects: project 'beta' is listed twice" FIX);
}

/* seed: an empty file in the one format, only when none exists */
static void
test_seed(void)
{
	struct mpd_err e = {0};
	bool written = true;
	char *text;

	tu_reset_var();
	CU_ASSERT_EQUAL_FATAL(state_projects_seed(&written, &e), 0);
	CU_ASSERT_TRUE(written);
	text = read_projects();
	CU_ASSERT_STRING_EQUAL(text, "{\n  \"projects\": []\n}\n");
	free(text);
	/* an existing file, even a broken one, is never replaced */
	CU_ASSERT_EQUAL(tu_write_file(projects_path(), "{ broken"), 0);
	CU_ASSERT_EQUAL(state_projects_seed(&written, &e), 0);
	CU_ASSERT_FALSE(written);
	text = read_projects();
	CU_ASSERT_STRING_EQUAL(text, "{ broken");
	free(text);
}

/* Issue 7: an upsert with bytes the reader rejects used to succeed and
 * wedge the state (every later load and upsert failed).  Now the write is
 * refused with the field named, and the file stays as it was. */
static void
test_unreadable_text_is_refused_not_written(void)
{
	static const char *const bad_texts[] = {
		"moodle\xff", "moodle\xc3", "\xed\xa0\x80", "a\xc0\xaf" "b",
		NULL,
	};
	struct state_project p, q;
	struct state_project_list l;
	struct mpd_err e = {0};
	char *before, *after;

	tu_reset_var();
	make_beta(&p);
	CU_ASSERT_EQUAL_FATAL(state_projects_upsert(&p, &e), 0);
	before = read_projects();
	for (size_t i = 0; bad_texts[i] != NULL; i++) {
		make_beta(&q);
		q.name = "gamma";
		q.type = (char *)bad_texts[i];
		memset(&e, 0, sizeof e);
		CU_ASSERT_EQUAL(state_projects_upsert(&q, &e), -1);
		CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
		CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "projects.json: "
		    "projects[1].type: the text is not valid UTF-8"));
		CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "nothing was written"));
		CU_ASSERT_PTR_NULL(strchr(e.msg, '\n'));
	}
	/* a name that is not UTF-8 cannot be stored either */
	make_beta(&q);
	q.name = "caf\xe9";
	CU_ASSERT_EQUAL(state_projects_upsert(&q, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, ".name: the text is not valid "
	    "UTF-8 (byte 0xe9 at offset 3)"));
	after = read_projects();
	CU_ASSERT_STRING_EQUAL(before, after);
	free(before);
	free(after);
	assert_no_temp_files();

	/* not wedged: the file loads and takes the next upsert */
	CU_ASSERT_EQUAL(state_projects_load(&l, &e), 0);
	CU_ASSERT_EQUAL(l.n, 1);
	state_project_list_free(&l);
	make_beta(&q);
	q.name = "gamma";
	q.type = "moodle\xc3\xa9";	/* valid UTF-8 is kept as is */
	CU_ASSERT_EQUAL(state_projects_upsert(&q, &e), 0);
	CU_ASSERT_EQUAL_FATAL(state_projects_get("gamma", &p, &e), 0);
	CU_ASSERT_STRING_EQUAL(p.type, "moodle\xc3\xa9");
	state_project_free(&p);
}

/* A FIFO in place of projects.json used to hang every command in open();
 * load and upsert now refuse it at once, and leave it there. */
static void
test_fifo_is_refused_not_waited_on(void)
{
	int status;
	pid_t pid;

	tu_reset_var();
	CU_ASSERT_EQUAL_FATAL(tu_write_file(projects_path(), "x"), 0);
	CU_ASSERT_EQUAL_FATAL(unlink(projects_path()), 0);
	CU_ASSERT_EQUAL_FATAL(mkfifo(projects_path(), 0644), 0);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		struct state_project_list l;
		struct state_project p;
		struct mpd_err e = {0};

		alarm(3);
		if (state_projects_load(&l, &e) != -1 ||
		    strstr(e.msg, "projects.json: not a regular file; ") == NULL)
			_exit(1);
		make_beta(&p);
		if (state_projects_upsert(&p, &e) != -1 ||
		    strstr(e.msg, "not a regular file") == NULL)
			_exit(2);
		_exit(0);
	}
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	{
		struct stat st;

		CU_ASSERT_EQUAL(lstat(projects_path(), &st), 0);
		CU_ASSERT(S_ISFIFO(st.st_mode));
	}
	CU_ASSERT_EQUAL(unlink(projects_path()), 0);
}

static const struct mpd_test_case projects_cases[] = {
	{ "seed writes an empty file once", test_seed },
	{ "missing file is empty", test_missing_file_is_empty },
	{ "round trip and golden output", test_round_trip_and_golden_output },
	{ "output is stable", test_output_is_stable },
	{ "hand-written file is normalised",
	    test_hand_written_file_is_normalised },
	{ "upsert replaces", test_upsert_replaces },
	{ "set_requested and delete", test_set_requested_and_delete },
	{ "bad input changes nothing", test_bad_input_changes_nothing },
	{ "sidecars: optional, sorted, checked", test_sidecars },
	{ "unreadable text is refused, not written",
	    test_unreadable_text_is_refused_not_written },
	{ "a FIFO is refused, not waited on", test_fifo_is_refused_not_waited_on },
	{ "URL entries", test_url_parsing },
	{ "corrupt files are reported and kept",
	    test_corrupt_files_are_reported_and_kept },
	{ NULL, NULL },
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "state_projects", tu_suite_setup, tu_suite_teardown, projects_cases },
	{ NULL, NULL, NULL, NULL },
};
