/* hook_run.c - one container's scripts for one event (see hook_run.h). */
#include "hook_run.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "podman.h"
#include "printable.h"
#include "state_store.h"

/* a script fed on stdin: more is not a hook */
#define HOOK_SCRIPT_MAX	(1024 * 1024)

int
hook_argv(const struct hook_event *ev, const struct hook_script *s,
	  bool via_stdin, struct strv *out)
{
	strv_push(out, HOOK_TIMEOUT_BIN);
	strv_pushf(out, "--kill-after=%d", HOOK_KILL_AFTER_S);
	strv_pushf(out, "%d", ev->timeout_s);
	strv_push(out, HOOK_SHELL_BIN);
	if (via_stdin)
		strv_push(out, "-s");
	else
		strv_push(out, s->path);
	return out->oom ? -1 : 0;
}

int
hook_env(const struct hook_event *ev, const struct hook_vars *v,
	 struct strv *out)
{
	strv_pushf(out, "MPD_HOOK_EVENT=%s", ev->name);
	strv_pushf(out, "MPD_HOOK_REVISION=%ld", ev->revision);
	strv_pushf(out, "MPD_HOOK_VERB=%s", ev->verb);
	if (v != NULL) {
		strv_pushf(out, "MPD_HOOK_PROJECT=%s", v->project ?
		    v->project : "");
		strv_pushf(out, "MPD_HOOK_RUNTIME=%s", v->runtime ?
		    v->runtime : "");
		strv_pushf(out, "MPD_HOOK_DB_ENGINE=%s", v->db_engine ?
		    v->db_engine : "");
		strv_pushf(out, "MPD_HOOK_DB_VERSION=%s", v->db_version ?
		    v->db_version : "");
	}
	return out->oom ? -1 : 0;
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Every line of `text` indented on `out`. */
static void
print_indented(FILE *out, const char *text)
{
	const char *p = text;

	while (p != NULL && *p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		fprintf(out, "    %.*s\n", (int)n, p);
		p = nl ? nl + 1 : NULL;
	}
}

/* The last non-empty line of `s` into buf (printable, one line). */
static const char *
last_line(const char *s, char *buf, size_t n)
{
	const char *end, *start;
	char raw[512];
	size_t len;

	buf[0] = '\0';
	if (s == NULL)
		return buf;
	end = s + strlen(s);
	while (end > s && (end[-1] == '\n' || end[-1] == '\r' ||
	    end[-1] == ' '))
		end--;
	start = end;
	while (start > s && start[-1] != '\n')
		start--;
	len = (size_t)(end - start);
	if (len >= sizeof raw)
		len = sizeof raw - 1;
	memcpy(raw, start, len);
	raw[len] = '\0';
	return mpd_printable(raw, buf, n);
}

bool
hook_result_text(const struct hook_event *ev, int rc,
		 const struct mpd_exec_result *r, double took,
		 const struct mpd_err *xe, char *why, size_t n)
{
	if (rc != 0) {
		snprintf(why, n, "\xe2\x9c\x97 could not run: %s", xe->msg);
		return true;
	}
	if (r->timed_out) {
		snprintf(why, n, "\xe2\x9c\x97 timed out after %d s: the exec "
		    "was stopped", ev->timeout_s + HOOK_KILL_AFTER_S +
		    HOOK_EXEC_SLACK_S);
		return true;
	}
	/* timeout(1): 124 when SIGTERM ended it; killed itself with the
	 * group (128 + 9) when SIGKILL had to follow */
	if (r->exit_status == 124 && took >= ev->timeout_s - 0.5) {
		snprintf(why, n, "\xe2\x9c\x97 timed out after %d s: stopped",
		    ev->timeout_s);
		return true;
	}
	if (r->exit_status == 137 && took >= ev->timeout_s - 0.5) {
		snprintf(why, n, "\xe2\x9c\x97 timed out after %d s: killed "
		    "%d s later", ev->timeout_s, HOOK_KILL_AFTER_S);
		return true;
	}
	if (r->exit_status != 0) {
		char line[200];

		last_line(r->err, line, sizeof line);
		if (r->exit_status == 126 || r->exit_status == 127)
			snprintf(why, n, "\xe2\x9c\x97 exit %d%s%s (%.1f s)",
			    r->exit_status, line[0] ? ": " : "", line, took);
		else
			snprintf(why, n, "\xe2\x9c\x97 exit %d (%.1f s)",
			    r->exit_status, took);
		return true;
	}
	snprintf(why, n, "\xe2\x9c\x93 (%.1f s)", took);
	return false;
}

/* One script; *failed says whether it failed, `why` the result. */
static int
run_one(const struct hook_event *ev, const struct hook_target *t,
	const char *const *env, const struct hook_script *s, FILE *out,
	bool *failed, char *why, size_t n, struct mpd_err *e)
{
	struct strv argv = STRV_INIT;
	struct mpd_exec_result r;
	struct mpd_err xe = { .code = MPD_ERR_NONE };
	char *script = NULL;
	size_t script_len = 0;
	double t0, took;
	int rc;

	if (t->via_stdin) {
		if (s->host_path == NULL)
			return mpd_err_set(e, MPD_ERR_INPUT, "hook %s: no copy "
			    "on this host to feed to %s", s->name, t->container);
		if (state_store_read(s->host_path, HOOK_SCRIPT_MAX,
		    "a hook is a bash script", &script, &script_len, e) != 0)
			return -1;
		if (script == NULL)
			return mpd_err_set(e, MPD_ERR_IO, "hook %s is gone",
			    s->host_path);
	}
	if (hook_argv(ev, s, t->via_stdin, &argv) != 0) {
		free(script);
		return mpd_err_set(e, MPD_ERR_IO, "out of memory");
	}
	struct mpd_exec_request req = {
		.struct_size = sizeof req,
		.container = t->container,
		.user = t->user,
		.argv = strv_const(argv.v),
		.env = env,
		.workdir = t->workdir,
		.stdin_data = script,
		.stdin_len = script_len,
		.timeout_ms = (ev->timeout_s + HOOK_KILL_AFTER_S +
		    HOOK_EXEC_SLACK_S) * 1000,
	};
	memset(&r, 0, sizeof r);
	r.struct_size = sizeof r;
	mpd_debug("hook %s/%s in %s", ev->name, s->name, t->container);
	t0 = now_s();
	rc = podman_exec(&req, &r, &xe);
	took = now_s() - t0;
	strv_reset(&argv);
	free(script);
	if (rc == 0) {
		print_indented(out, r.out);
		print_indented(out, r.err);
	}
	*failed = hook_result_text(ev, rc, &r, took, &xe, why, n);
	fprintf(out, "  [%s] %s/%s %s\n", t->container, ev->name, s->name,
	    why);
	fflush(out);
	if (rc == 0) {
		free(r.out);
		free(r.err);
	}
	return 0;
}

int
hook_run(const struct hook_event *ev, const struct hook_target *t,
	 const struct hook_vars *v, const struct hook_list *l, FILE *out,
	 struct hook_outcome *res, struct mpd_err *e)
{
	struct strv env = STRV_INIT;
	int rc = 0;

	if (l->n == 0)
		return 0;
	if (hook_env(ev, v, &env) != 0) {
		strv_reset(&env);
		return mpd_err_set(e, MPD_ERR_IO, "out of memory");
	}
	for (size_t i = 0; rc == 0 && i < l->n; i++) {
		const struct hook_script *s = &l->v[i];
		bool failed = false;
		char why[600];

		if (run_one(ev, t, strv_const(env.v), s, out, &failed, why,
		    sizeof why, e) != 0) {
			rc = -1;
			break;
		}
		if (res != NULL) {
			res->ran++;
			res->failed += failed;
		}
		if (failed && ev->policy == HOOK_ABORT) {
			/* "✗ " is three bytes and a blank */
			mpd_err_set(e, MPD_ERR_FAIL, "%s hook %s failed in %s "
			    "(%s): fix or remove %s", ev->name, s->name,
			    t->container, why + 4, s->path);
			rc = -1;
		}
	}
	strv_reset(&env);
	return rc;
}
