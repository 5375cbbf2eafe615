/* test_podman_ps.c - parsing `podman ps -a --format json`, from output
 * captured on podman 4.3.1 (tests/unit/fixtures/podman/) and hand-made
 * variants of the shape. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podman_ps.h"
#include "testutil.h"

#ifndef TOP_SRCDIR
#define TOP_SRCDIR "."
#endif

/* A fixture's text (malloc'ed). */
static char *
fixture(const char *name)
{
	const char *top = getenv("top_srcdir");
	char path[4096];

	snprintf(path, sizeof path, "%s/tests/unit/fixtures/podman/%s",
		 top && *top ? top : TOP_SRCDIR, name);
	return tu_read_file(path);
}

static int
parse_text(const char *text, struct podman_ps_list *l, struct mpd_err *e)
{
	return podman_ps_parse(text, strlen(text), l, e);
}

static void
test_empty_forms(void)
{
	static const char *const empty[] = {
		"[]", "[]\n", "null", " null \n", "", "  \n\t", NULL,
	};
	struct podman_ps_list l;
	struct mpd_err e = { 0 };
	char *text = fixture("ps-empty.json");

	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_EQUAL(parse_text(text, &l, &e), 0);
	CU_ASSERT_EQUAL(l.n, 0);
	free(text);
	for (const char *const *s = empty; *s; s++) {
		l.n = 99;
		CU_ASSERT_EQUAL(parse_text(*s, &l, &e), 0);
		CU_ASSERT_EQUAL(l.n, 0);
		CU_ASSERT_PTR_NULL(l.items);
		podman_ps_free(&l);
	}
	CU_ASSERT_EQUAL(podman_ps_parse(NULL, 0, &l, &e), 0);
	CU_ASSERT_PTR_NULL(podman_ps_find(&l, "x"));
}

static void
test_podman43_sample(void)
{
	struct podman_ps_list l;
	struct mpd_err e = { 0 };
	char *text = fixture("ps-podman43.json");
	const struct podman_container *c;

	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_EQUAL_FATAL(parse_text(text, &l, &e), 0);
	free(text);
	CU_ASSERT_EQUAL(l.n, 5);

	c = podman_ps_find(&l, "mpd-exectest-running");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->state, MPD_CONTAINER_RUNNING);
	CU_ASSERT_STRING_EQUAL(c->state_text, "running");
	CU_ASSERT_STRING_EQUAL(c->image, "localhost/mpd-test-busybox:latest");
	CU_ASSERT_STRING_EQUAL(c->id, "12807bee89a869a2b7f14770eda50c06fbd3da4e36e325b76b6b089fc8a9a317");
	CU_ASSERT_EQUAL(c->created, 1795442402);
	CU_ASSERT_EQUAL(c->n_labels, 4);
	CU_ASSERT_STRING_EQUAL(podman_container_label(c, "mpd.type"), "service");
	CU_ASSERT_STRING_EQUAL(podman_container_label(c,
			       "com.docker.compose.project"), "mpd-service");
	CU_ASSERT_PTR_NULL(podman_container_label(c, "mpd.ip"));
	CU_ASSERT_EQUAL(c->is_infra, 0);
	CU_ASSERT_STRING_EQUAL(c->pod_id, "");

	c = podman_ps_find(&l, "mpd-exectest-exited");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->state, MPD_CONTAINER_STOPPED);
	CU_ASSERT_STRING_EQUAL(c->state_text, "exited");
	CU_ASSERT_STRING_EQUAL(podman_container_label(c, "mpd.ip"), "10.163.0.30");

	c = podman_ps_find(&l, "mpd-exectest-created");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->state, MPD_CONTAINER_STOPPED);

	c = podman_ps_find(&l, "f1b163939b49-infra");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->is_infra, 1);
	CU_ASSERT_STRING_EQUAL(c->pod_id, "f1b163939b49a560bc4b39ab250f7ba167619d84090c3444ce18bf85d44683fa");

	c = podman_ps_find(&l, "mpd-exectest-sidecar");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(podman_container_label(c, "mpd.pod"),
			       "mpd-exectest-pod");

	CU_ASSERT_PTR_NULL(podman_ps_find(&l, "mpd-exectest"));	/* exact */
	CU_ASSERT_PTR_NULL(podman_ps_find(&l, NULL));
	podman_ps_free(&l);
	CU_ASSERT_EQUAL(l.n, 0);
	podman_ps_free(&l);
}

static void
test_labels_null(void)
{
	struct podman_ps_list l;
	struct mpd_err e = { 0 };
	char *text = fixture("ps-podman43-nolabels.json");

	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_EQUAL_FATAL(parse_text(text, &l, &e), 0);
	free(text);
	CU_ASSERT_EQUAL_FATAL(l.n, 1);
	CU_ASSERT_STRING_EQUAL(l.items[0].name, "mpd-exectest-nolabel");
	CU_ASSERT_EQUAL(l.items[0].n_labels, 0);
	CU_ASSERT_PTR_NULL(podman_container_label(&l.items[0], "mpd.managed"));
	podman_ps_free(&l);
}

static void
test_older_shapes(void)
{
	struct podman_ps_list l;
	struct mpd_err e = { 0 };
	char *text = fixture("ps-older-shapes.json");
	const struct podman_container *c;

	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_EQUAL_FATAL(parse_text(text, &l, &e), 0);
	free(text);
	CU_ASSERT_EQUAL(l.n, 4);
	c = podman_ps_find(&l, "mpd-service-portal");	/* Names a string */
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->state, MPD_CONTAINER_RUNNING);
	CU_ASSERT_EQUAL(c->created, 1795442402);	/* Created a string */
	CU_ASSERT_STRING_EQUAL(podman_container_label(c, "mpd.name"), "portal");
	c = podman_ps_find(&l, "mpd-service-adminer");	/* first of Names */
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->state, MPD_CONTAINER_STOPPED);	/* paused */
	CU_ASSERT_STRING_EQUAL(c->id, "");
	CU_ASSERT_EQUAL(c->created, 0);
	CU_ASSERT_PTR_NULL(podman_ps_find(&l, "alias-name"));
	c = podman_ps_find(&l, "mpd-db-postgres-17");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->n_labels, 0);
	c = podman_ps_find(&l, "mpd-no-state");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(c->state_text, "unknown");
	CU_ASSERT_EQUAL(c->state, MPD_CONTAINER_STOPPED);
	podman_ps_free(&l);
}

static void
test_state_words(void)
{
	CU_ASSERT_EQUAL(podman_state_from_text("running"), MPD_CONTAINER_RUNNING);
	CU_ASSERT_EQUAL(podman_state_from_text("exited"), MPD_CONTAINER_STOPPED);
	CU_ASSERT_EQUAL(podman_state_from_text("created"), MPD_CONTAINER_STOPPED);
	CU_ASSERT_EQUAL(podman_state_from_text("paused"), MPD_CONTAINER_STOPPED);
	CU_ASSERT_EQUAL(podman_state_from_text("Running"), MPD_CONTAINER_STOPPED);
	CU_ASSERT_EQUAL(podman_state_from_text(NULL), MPD_CONTAINER_STOPPED);
}

static void
expect_corrupt_at(const char *text, const char *part, int line)
{
	struct podman_ps_list l = { (void *)1, 7 };
	struct mpd_err e = { 0 };
	int rc = parse_text(text, &l, &e);
	int ok = rc == -1 && e.code == MPD_ERR_CORRUPT &&
	    strstr(e.msg, part) != NULL && l.n == 0 && l.items == NULL;

	CU_ASSERT(ok);
	if (!ok)
		fprintf(stderr, "\nline %d: rc %d, message '%s', want '%s'\n",
			line, rc, e.msg, part);
	if (rc == 0)
		podman_ps_free(&l);
}
#define expect_corrupt(text, part) expect_corrupt_at((text), (part), __LINE__)

static void
test_garbage(void)
{
	char *text = fixture("ps-garbage.txt");

	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	expect_corrupt(text, "podman ps output is not JSON");
	free(text);
	expect_corrupt("[", "is not JSON (unexpected end at byte 1)");
	expect_corrupt("[] []", "trailing text");
	expect_corrupt("{}", "not a JSON array");
	expect_corrupt("42", "not a JSON array");
	expect_corrupt("[1]", "entry 0 is not an object");
	expect_corrupt("[{\"Names\":[\"a\"]},{}]", "entry 1 has no name");
	expect_corrupt("[{\"Names\":[]}]", "entry 0 has no name");
	expect_corrupt("[{\"Names\":[7]}]", "entry 0 has no name");
	expect_corrupt("[{\"Names\":[\"\"]}]", "entry 0 has no name");
	expect_corrupt("[{\"Names\":[\"a\"],\"Labels\":\"x=y\"}]",
		       "Labels that are not an object");
}

static const struct mpd_test_case ps_cases[] = {
	{ "empty forms", test_empty_forms },
	{ "podman 4.3 sample", test_podman43_sample },
	{ "Labels null", test_labels_null },
	{ "older shapes", test_older_shapes },
	{ "state words", test_state_words },
	{ "garbage", test_garbage },
	{ NULL, NULL },
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "podman-ps", NULL, NULL, ps_cases },
	{ NULL, NULL, NULL, NULL },
};
