/* test_hooks.c - core/hooks against a test root and the recording fake
 * podman (tests/unit/fake-podman): the event table, the layers' order and
 * the *.sh filter, the exact argv and env of a hook's exec (the timeout
 * wrapper), abort vs continue, the result lines, stdin for containers
 * without the assets, and the diagnostics (unknown event, audience
 * mismatch, files that never run, revision change and stamping). */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hook_check.h"
#include "hook_collect.h"
#include "hook_events.h"
#include "hook_run.h"
#include "paths.h"
#include "podman.h"
#include "testutil.h"

#ifndef TOP_SRCDIR
#define TOP_SRCDIR "."
#endif

#define OK_MARK "\xe2\x9c\x93"
#define NO_MARK "\xe2\x9c\x97"

static char *dir;	/* the fake's log and answers */
static char fake[4096], env_log[4200], env_resp[4200], env_stdin[4200];
static const char *extra_env[4];

static const char *
top(void)
{
	const char *t = getenv("top_srcdir");

	return t && *t ? t : TOP_SRCDIR;
}

/* A fresh root (assets, state) and a fresh fake for each case. */
static void
fresh(void)
{
	if (tu_root != NULL) {
		tu_rmrf(tu_root);
		free(tu_root);
	}
	tu_root = tu_fresh_root();
	CU_ASSERT_PTR_NOT_NULL_FATAL(tu_root);
	if (dir != NULL) {
		tu_rmrf(dir);
		free(dir);
	}
	dir = tu_mkdtemp();
	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	snprintf(fake, sizeof fake, "%s/tests/unit/fake-podman", top());
	setenv("MPD_PODMAN", fake, 1);
	setenv("MPD_PODMAN_NO_SUDO", "1", 1);
	snprintf(env_log, sizeof env_log, "FAKE_PODMAN_LOG=%s/log", dir);
	snprintf(env_resp, sizeof env_resp, "FAKE_PODMAN_RESPONSES=%s", dir);
	snprintf(env_stdin, sizeof env_stdin, "FAKE_PODMAN_STDIN=%s/stdin", dir);
	extra_env[0] = env_log;
	extra_env[1] = env_resp;
	extra_env[2] = env_stdin;
	extra_env[3] = NULL;
	podman_set_extra_env(extra_env);
	podman_stats_reset();
}

static int
suite_teardown(void)
{
	podman_set_extra_env(NULL);
	unsetenv("MPD_PODMAN");
	unsetenv("MPD_PODMAN_NO_SUDO");
	if (dir != NULL)
		tu_rmrf(dir);
	free(dir);
	dir = NULL;
	return tu_suite_teardown();
}

/* A file under the test root's assets. */
static void
asset(const char *rel, const char *content)
{
	char path[4300];

	snprintf(path, sizeof path, "%s/%s", mpd_path(MPD_PATH_ASSETS), rel);
	CU_ASSERT_EQUAL_FATAL(tu_write_file(path, content), 0);
}

static void
asset_dir(const char *rel)
{
	char path[4300];

	snprintf(path, sizeof path, "%s/%s", mpd_path(MPD_PATH_ASSETS), rel);
	CU_ASSERT_EQUAL(mkdir(path, 0755), 0);
}

static void
answer(int n, const char *out, const char *err, int status)
{
	CU_ASSERT_EQUAL(tu_fake_answer(dir, n, out, err, status), 0);
}

static char *
in_dir(const char *name)
{
	return tu_read_in(dir, name);
}

/* The text a FILE* collected. */
static char *
drain(FILE *f)
{
	long n;
	char *s;

	fflush(f);
	n = ftell(f);
	s = calloc(1, (size_t)(n > 0 ? n : 0) + 1);
	rewind(f);
	if (s != NULL && n > 0 && fread(s, 1, (size_t)n, f) != (size_t)n)
		s[0] = '\0';
	return s;
}

#define ASSETS_IN_CONTAINER "/opt/mpd/assets"

/* ---- the table ------------------------------------------------------------ */

static void
test_event_table(void)
{
	const struct hook_event *ev;
	char aud[80];

	ev = hook_event_find("mpd-pre-stop");
	CU_ASSERT_PTR_NOT_NULL_FATAL(ev);
	CU_ASSERT_EQUAL(ev->audiences, HOOK_AUD_DATABASE);
	CU_ASSERT_EQUAL(ev->policy, HOOK_CONTINUE);
	CU_ASSERT_EQUAL(ev->timeout_s, 120);
	ev = hook_event_find("project-pre-start");
	CU_ASSERT_PTR_NOT_NULL_FATAL(ev);
	CU_ASSERT_EQUAL(ev->policy, HOOK_ABORT);
	CU_ASSERT_EQUAL(ev->timeout_s, 30);
	CU_ASSERT_STRING_EQUAL(hook_audiences_text(ev, aud, sizeof aud),
	    "database, project");
	ev = hook_event_find("project-pre-stop");
	CU_ASSERT_PTR_NOT_NULL_FATAL(ev);
	CU_ASSERT_EQUAL(ev->policy, HOOK_CONTINUE);
	CU_ASSERT_STRING_EQUAL(hook_audiences_text(ev, aud, sizeof aud),
	    "runtime, project");
	ev = hook_event_find("project-post-start");
	CU_ASSERT_PTR_NOT_NULL_FATAL(ev);
	CU_ASSERT_EQUAL(ev->policy, HOOK_CONTINUE);
	CU_ASSERT_EQUAL(ev->timeout_s, 30);
	CU_ASSERT_PTR_NULL(hook_event_find("project-post-stop"));
	CU_ASSERT_PTR_NULL(hook_event_find(NULL));
	for (int i = 0; i < HOOK_EVENT_COUNT; i++) {
		CU_ASSERT_EQUAL(hook_event_get(i)->id, i);
		CU_ASSERT(hook_event_get(i)->revision >= 1);
	}
	CU_ASSERT_PTR_NULL(hook_event_get(HOOK_EVENT_COUNT));
}

/* ---- collection ----------------------------------------------------------- */

static void
test_collect_order_and_filter(void)
{
	const struct hook_event *ev = hook_event_get(HOOK_PROJECT_POST_START);
	struct hook_layer layers[HOOK_LAYER_MAX];
	struct hook_list l = { NULL, 0 };
	struct mpd_err e = { 0 };
	size_t n = 0;

	fresh();
	asset("runtime-base/hooks/project-post-start.d/20-b.sh", "true\n");
	asset("runtime-base/hooks/project-post-start.d/10-a.sh", "true\n");
	asset("runtime-base/hooks/project-post-start.d/README", "x\n");
	asset("runtime-base/hooks/project-post-start.d/.hidden.sh", "x\n");
	asset("runtime-base/hooks/project-post-start.d/15-old.sh.bak", "x\n");
	asset_dir("runtime-base/hooks/project-post-start.d/12-dir.sh");
	asset("runtime-base/hooks/project-pre-stop.d/10-other-event.sh", "x\n");
	asset("runtimes/php/hooks/project-post-start.d/05-z.sh", "true\n");
	asset("runtimes/php/project_types/moodle/hooks/project-post-start.d/"
	    "01-t.sh", "true\n");
	asset("runtimes/php/project_types/plain/hooks/project-post-start.d/"
	    "01-other-type.sh", "true\n");
	asset("dbs/postgres/hooks/project-post-start.d/01-db.sh", "true\n");

	CU_ASSERT_EQUAL_FATAL(hook_layers_runtime("php", "moodle", layers, &n,
	    &e), 0);
	CU_ASSERT_EQUAL_FATAL(n, 3);
	CU_ASSERT_STRING_EQUAL(layers[0].rel, "runtime-base/hooks");
	CU_ASSERT_STRING_EQUAL(layers[2].rel,
	    "runtimes/php/project_types/moodle/hooks");
	CU_ASSERT_EQUAL_FATAL(hook_collect(ev, layers, n, &l, &e), 0);
	CU_ASSERT_EQUAL_FATAL(l.n, 4);
	CU_ASSERT_STRING_EQUAL(l.v[0].name, "10-a.sh");
	CU_ASSERT_STRING_EQUAL(l.v[1].name, "20-b.sh");
	CU_ASSERT_STRING_EQUAL(l.v[2].name, "05-z.sh");
	CU_ASSERT_STRING_EQUAL(l.v[3].name, "01-t.sh");
	CU_ASSERT_STRING_EQUAL(l.v[0].path, ASSETS_IN_CONTAINER
	    "/runtime-base/hooks/project-post-start.d/10-a.sh");
	CU_ASSERT_STRING_EQUAL(l.v[3].path, ASSETS_IN_CONTAINER
	    "/runtimes/php/project_types/moodle/hooks/project-post-start.d/"
	    "01-t.sh");
	CU_ASSERT_PTR_NOT_NULL(l.v[0].host_path);
	hook_list_free(&l);
	CU_ASSERT_EQUAL(l.n, 0);

	/* no type: two layers; a bad name is refused */
	CU_ASSERT_EQUAL(hook_layers_runtime("php", NULL, layers, &n, &e), 0);
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT_EQUAL(hook_layers_runtime("php", "../x", layers, &n, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
	CU_ASSERT_EQUAL(hook_layer_database("..", &layers[0], &e), -1);

	/* the database layer of one engine; a missing directory has none */
	CU_ASSERT_EQUAL(hook_layer_database("postgres", &layers[0], &e), 0);
	CU_ASSERT_EQUAL(hook_collect(ev, layers, 1, &l, &e), 0);
	CU_ASSERT_EQUAL(l.n, 1);
	hook_list_free(&l);
	CU_ASSERT_EQUAL(hook_layer_service("portal", &layers[0], &e), 0);
	CU_ASSERT_STRING_EQUAL(layers[0].rel, "services/portal/hooks");
	CU_ASSERT_EQUAL(hook_collect(ev, layers, 1, &l, &e), 0);
	CU_ASSERT_EQUAL(l.n, 0);

	CU_ASSERT(hook_name_ok("10-x.sh"));
	CU_ASSERT(!hook_name_ok(".sh"));
	CU_ASSERT(!hook_name_ok(".x.sh"));
	CU_ASSERT(!hook_name_ok("x.bash"));
	CU_ASSERT(!hook_name_ok("a/b.sh"));
}

/* ---- dispatch ------------------------------------------------------------- */

static void
add(struct hook_list *l, const char *name)
{
	char path[300];

	snprintf(path, sizeof path, "/srv/projects/p/.mpd/hooks/x.d/%s", name);
	CU_ASSERT_EQUAL_FATAL(hook_list_add(l, name, path, NULL), 0);
}

static void
test_argv_env_and_result_line(void)
{
	const struct hook_event *ev = hook_event_get(HOOK_PROJECT_POST_START);
	struct hook_target t = { "mpdx-php-main", "dev", "/srv/projects/p",
	    false };
	struct hook_vars v = { "p", "php", "postgres", "17" };
	struct hook_list l = { NULL, 0 };
	struct hook_outcome res = { 0, 0 };
	struct mpd_err e = { 0 };
	FILE *out = tmpfile();
	char *log, *text;

	fresh();
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	add(&l, "10-a.sh");
	answer(1, "hello\n", "note\n", 0);
	CU_ASSERT_EQUAL(hook_run(ev, &t, &v, &l, out, &res, &e), 0);
	CU_ASSERT_EQUAL(podman_call_count(), 1);
	CU_ASSERT_EQUAL(res.ran, 1);
	CU_ASSERT_EQUAL(res.failed, 0);
	log = in_dir("log");
	CU_ASSERT_STRING_EQUAL(log, "exec\t-u\tdev\t-w\t/srv/projects/p\t"
	    "--env\tMPD_HOOK_EVENT=project-post-start\t"
	    "--env\tMPD_HOOK_REVISION=1\t--env\tMPD_HOOK_VERB=start\t"
	    "--env\tMPD_HOOK_PROJECT=p\t--env\tMPD_HOOK_RUNTIME=php\t"
	    "--env\tMPD_HOOK_DB_ENGINE=postgres\t"
	    "--env\tMPD_HOOK_DB_VERSION=17\t"
	    "mpdx-php-main\ttimeout\t--kill-after=5\t30\tbash\t"
	    "/srv/projects/p/.mpd/hooks/x.d/10-a.sh\n");
	free(log);
	text = drain(out);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "    hello\n    note\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "  [mpdx-php-main] "
	    "project-post-start/10-a.sh " OK_MARK " ("));
	free(text);
	fclose(out);
	hook_list_free(&l);

	/* mpd-pre-stop: the standard three only, the container's own user,
	 * its 120 s */
	fresh();
	out = tmpfile();
	ev = hook_event_get(HOOK_MPD_PRE_STOP);
	t = (struct hook_target){ "mpd-db-postgres-17", HOOK_ROOT_USER, NULL,
	    false };
	add(&l, "90-graceful-stop.sh");
	CU_ASSERT_EQUAL(hook_run(ev, &t, NULL, &l, out, NULL, &e), 0);
	log = in_dir("log");
	CU_ASSERT_STRING_EQUAL(log, "exec\t-u\troot\t"
	    "--env\tMPD_HOOK_EVENT=mpd-pre-stop\t"
	    "--env\tMPD_HOOK_REVISION=1\t--env\tMPD_HOOK_VERB=stop\t"
	    "mpd-db-postgres-17\ttimeout\t--kill-after=5\t120\tbash\t"
	    "/srv/projects/p/.mpd/hooks/x.d/90-graceful-stop.sh\n");
	free(log);
	fclose(out);
	hook_list_free(&l);
}

static void
test_abort_stops_at_first_failure(void)
{
	const struct hook_event *ev = hook_event_get(HOOK_PROJECT_PRE_START);
	struct hook_target t = { "mpd-db-postgres-17", NULL, NULL, false };
	struct hook_list l = { NULL, 0 };
	struct hook_outcome res = { 0, 0 };
	struct mpd_err e = { 0 };
	FILE *out = tmpfile();
	char *text;

	fresh();
	add(&l, "10-ok.sh");
	add(&l, "20-fails.sh");
	add(&l, "30-never.sh");
	answer(1, NULL, NULL, 0);
	answer(2, NULL, "no such table\n", 1);
	CU_ASSERT_EQUAL(hook_run(ev, &t, NULL, &l, out, &res, &e), -1);
	CU_ASSERT_EQUAL(podman_call_count(), 2);
	CU_ASSERT_EQUAL(res.ran, 2);
	CU_ASSERT_EQUAL(res.failed, 1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_FAIL);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "project-pre-start hook "
	    "20-fails.sh failed in mpd-db-postgres-17 (exit 1 ("));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "fix or remove "
	    "/srv/projects/p/.mpd/hooks/x.d/20-fails.sh"));
	text = drain(out);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "project-pre-start/20-fails.sh "
	    NO_MARK " exit 1 ("));
	CU_ASSERT_PTR_NULL(strstr(text, "30-never"));
	free(text);
	fclose(out);
	hook_list_free(&l);
}

static void
test_continue_goes_on(void)
{
	const struct hook_event *ev = hook_event_get(HOOK_PROJECT_PRE_STOP);
	struct hook_target t = { "mpdx-php-main", "dev", NULL, false };
	struct hook_list l = { NULL, 0 };
	struct hook_outcome res = { 0, 0 };
	struct mpd_err e = { 0 };
	FILE *out = tmpfile();
	char *text;

	fresh();
	add(&l, "10-fails.sh");
	add(&l, "20-gone.sh");
	add(&l, "30-ok.sh");
	answer(1, NULL, NULL, 3);
	/* podman itself fails (the container went away): reported, on */
	answer(2, NULL, "Error: no container with name or ID \"x\" found\n",
	    125);
	answer(3, NULL, NULL, 0);
	CU_ASSERT_EQUAL(hook_run(ev, &t, NULL, &l, out, &res, &e), 0);
	CU_ASSERT_EQUAL(podman_call_count(), 3);
	CU_ASSERT_EQUAL(res.ran, 3);
	CU_ASSERT_EQUAL(res.failed, 2);
	text = drain(out);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "project-pre-stop/10-fails.sh "
	    NO_MARK " exit 3 ("));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "project-pre-stop/20-gone.sh "
	    NO_MARK " could not run: "));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "project-pre-stop/30-ok.sh "
	    OK_MARK));
	free(text);
	fclose(out);
	hook_list_free(&l);
}

static void
test_timeouts_are_reported(void)
{
	const struct hook_event *ev = hook_event_get(HOOK_PROJECT_POST_START);
	struct mpd_exec_result r;
	struct mpd_err xe = { 0 };
	char why[300];

	memset(&r, 0, sizeof r);
	r.exit_status = 124;
	CU_ASSERT(hook_result_text(ev, 0, &r, 30.02, &xe, why, sizeof why));
	CU_ASSERT_STRING_EQUAL(why, NO_MARK " timed out after 30 s: stopped");
	r.exit_status = 137;
	CU_ASSERT(hook_result_text(ev, 0, &r, 35.1, &xe, why, sizeof why));
	CU_ASSERT_STRING_EQUAL(why, NO_MARK " timed out after 30 s: killed "
	    "5 s later");
	/* a script's own 124, early, is its exit status */
	r.exit_status = 124;
	CU_ASSERT(hook_result_text(ev, 0, &r, 0.2, &xe, why, sizeof why));
	CU_ASSERT_STRING_EQUAL(why, NO_MARK " exit 124 (0.2 s)");
	/* the exec's backstop */
	r.exit_status = -1;
	r.timed_out = 1;
	CU_ASSERT(hook_result_text(ev, 0, &r, 45.0, &xe, why, sizeof why));
	CU_ASSERT_STRING_EQUAL(why, NO_MARK " timed out after 45 s: the exec "
	    "was stopped");
	/* no timeout(1) or bash in the container: podman's 127 and its line */
	r.timed_out = 0;
	r.exit_status = 127;
	r.err = (char *)"Error: crun: executable file `timeout` not found in "
	    "$PATH: No such file or directory\n";
	CU_ASSERT(hook_result_text(ev, 0, &r, 0.1, &xe, why, sizeof why));
	CU_ASSERT_PTR_NOT_NULL(strstr(why, NO_MARK " exit 127: Error: crun: "
	    "executable file `timeout` not found"));
	r.err = NULL;
	r.exit_status = 0;
	CU_ASSERT(!hook_result_text(ev, 0, &r, 0.44, &xe, why, sizeof why));
	CU_ASSERT_STRING_EQUAL(why, OK_MARK " (0.4 s)");
}

static void
test_stdin_for_containers_without_assets(void)
{
	const struct hook_event *ev = hook_event_get(HOOK_MPD_PRE_STOP);
	struct hook_layer layer;
	struct hook_target t = { "mpd-service-portal", NULL, NULL, true };
	struct hook_list l = { NULL, 0 };
	struct mpd_err e = { 0 };
	FILE *out = tmpfile();
	char *log, *in;

	fresh();
	asset("services/portal/hooks/mpd-pre-stop.d/10-x.sh", "echo from stdin\n");
	CU_ASSERT_EQUAL(hook_layer_service("portal", &layer, &e), 0);
	CU_ASSERT_EQUAL_FATAL(hook_collect(ev, &layer, 1, &l, &e), 0);
	CU_ASSERT_EQUAL_FATAL(l.n, 1);
	CU_ASSERT_EQUAL(hook_run(ev, &t, NULL, &l, out, NULL, &e), 0);
	log = in_dir("log");
	CU_ASSERT_PTR_NOT_NULL(strstr(log, "\t-i\tmpd-service-portal\ttimeout\t"
	    "--kill-after=5\t120\tbash\t-s\n"));
	free(log);
	in = in_dir("stdin");
	CU_ASSERT_STRING_EQUAL(in, "echo from stdin\n");
	free(in);
	fclose(out);
	hook_list_free(&l);
}

/* ---- diagnostics ---------------------------------------------------------- */

/* Whether one warning contains `part`. */
static int
warned(const struct hook_check *c, const char *part)
{
	for (size_t i = 0; i < c->warnings.len; i++)
		if (strstr(c->warnings.v[i], part) != NULL)
			return 1;
	return 0;
}

static void
test_diagnostics(void)
{
	struct hook_check c = HOOK_CHECK_INIT;
	struct mpd_err e = { 0 };
	const char *assets;
	char want[4600], *text;

	fresh();
	assets = mpd_path(MPD_PATH_ASSETS);
	asset("runtimes/php/hooks/bogus-event.d/10-x.sh", "true\n");
	asset("dbs/postgres/hooks/project-post-start.d/10-x.sh", "true\n");
	asset("dbs/postgres/hooks/mpd-pre-stop.d/90-graceful-stop.sh", "true\n");
	asset("runtime-base/hooks/project-pre-stop.d/notes.txt", "x\n");
	asset("runtimes/php/project_types/moodle/hooks/project-pre-stop.d/"
	    "10-y.sh", "true\n");
	asset("services/portal/hooks/mpd-pre-stop.d/10-z.sh", "true\n");
	CU_ASSERT_EQUAL_FATAL(hook_check_assets(&c, &e), 0);
	snprintf(want, sizeof want, "Hook for unknown event 'bogus-event' at "
	    "%s/runtimes/php/hooks/bogus-event.d; remove or move.", assets);
	CU_ASSERT(warned(&c, want));
	snprintf(want, sizeof want, "%s/dbs/postgres/hooks/project-post-start.d "
	    "subscribes to event 'project-post-start' but the event no longer "
	    "fires on this audience (database; it fires on: runtime, "
	    "project).", assets);
	CU_ASSERT(warned(&c, want));
	snprintf(want, sizeof want, "%s/services/portal/hooks/mpd-pre-stop.d "
	    "subscribes to event 'mpd-pre-stop'", assets);
	CU_ASSERT(warned(&c, want));
	snprintf(want, sizeof want, "%s/runtime-base/hooks/project-pre-stop.d/"
	    "notes.txt never runs: hooks are regular files named *.sh.",
	    assets);
	CU_ASSERT(warned(&c, want));
	CU_ASSERT_EQUAL(c.warnings.len, 4);
	CU_ASSERT_EQUAL(c.scripts, 2);	/* graceful-stop, the type's 10-y */
	CU_ASSERT_EQUAL(c.dirs, 6);
	hook_check_free(&c);

	/* the project audience: only the project events */
	CU_ASSERT_PTR_NULL(hook_check_event_dir(&c, "/srv/projects/p/.mpd/hooks",
	    "mpd-pre-stop.d", HOOK_AUD_PROJECT));
	CU_ASSERT(warned(&c, "/srv/projects/p/.mpd/hooks/mpd-pre-stop.d "
	    "subscribes to event 'mpd-pre-stop' but the event no longer fires "
	    "on this audience (project; it fires on: database)."));
	CU_ASSERT_PTR_NOT_NULL(hook_check_event_dir(&c, "/x",
	    "project-pre-start.d", HOOK_AUD_PROJECT));
	CU_ASSERT_PTR_NULL(hook_check_event_dir(&c, "/x", "hooks-misc",
	    HOOK_AUD_PROJECT));
	CU_ASSERT(warned(&c, "/x/hooks-misc is not an <event>.d directory"));
	hook_check_free(&c);

	/* revisions: none seen is no finding; stamping records all four */
	CU_ASSERT_EQUAL(hook_check_revisions(&c, &e), 0);
	CU_ASSERT_EQUAL(c.warnings.len, 0);
	CU_ASSERT_EQUAL(hook_check_stamp(&e), 0);
	text = tu_read_file(mpd_path(MPD_PATH_HOOKS_JSON));
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_STRING_EQUAL(text, "{\n  \"revisions\": {\n"
	    "    \"mpd-pre-stop\": 1,\n    \"project-post-start\": 1,\n"
	    "    \"project-pre-start\": 1,\n    \"project-pre-stop\": 1\n  }\n}\n");
	free(text);
	/* an event revised since it was stamped is a finding, once */
	CU_ASSERT_EQUAL(tu_write_file(mpd_path(MPD_PATH_HOOKS_JSON),
	    "{\"revisions\": {\"mpd-pre-stop\": 0, \"project-pre-stop\": 1}}"),
	    0);
	CU_ASSERT_EQUAL(hook_check_revisions(&c, &e), 0);
	CU_ASSERT_EQUAL(c.warnings.len, 1);
	CU_ASSERT(warned(&c, "Event 'mpd-pre-stop' revised (rev 0 "
	    "\xe2\x86\x92 rev 1); review the hooks in mpd-pre-stop.d"));
	hook_check_free(&c);
	CU_ASSERT_EQUAL(hook_check_stamp(&e), 0);
	CU_ASSERT_EQUAL(hook_check_revisions(&c, &e), 0);
	CU_ASSERT_EQUAL(c.warnings.len, 0);
	hook_check_free(&c);

	/* a broken state file is an error, and is kept */
	CU_ASSERT_EQUAL(tu_write_file(mpd_path(MPD_PATH_HOOKS_JSON), "{"), 0);
	CU_ASSERT_EQUAL(hook_check_revisions(&c, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_CORRUPT);
	CU_ASSERT_EQUAL(hook_check_stamp(&e), -1);
	text = tu_read_file(mpd_path(MPD_PATH_HOOKS_JSON));
	CU_ASSERT_STRING_EQUAL(text, "{");
	free(text);
	hook_check_free(&c);
}

static const struct mpd_test_case hook_cases[] = {
	{ "the event table", test_event_table },
	{ "collection order and the *.sh filter", test_collect_order_and_filter },
	{ "argv, env and the result line", test_argv_env_and_result_line },
	{ "abort stops at the first failure", test_abort_stops_at_first_failure },
	{ "continue goes on", test_continue_goes_on },
	{ "timeouts are reported", test_timeouts_are_reported },
	{ "stdin for containers without the assets",
	    test_stdin_for_containers_without_assets },
	{ "diagnostics", test_diagnostics },
	{ NULL, NULL },
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "hooks", tu_suite_setup, suite_teardown, hook_cases },
	{ NULL, NULL, NULL, NULL },
};
