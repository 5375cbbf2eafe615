/* project_exec.c - run mpd-project.sh in a runtime (see project_exec.h). */
#include "project_exec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mpd/names.h>

#include "log.h"
#include "runtimes.h"
#include "strv.h"

#define PROJECT_SCRIPT	MPD_CONTAINER_ASSETS "/runtime-base/lib/mpd-project.sh"
#define PROJECT_TIMEOUT_MS (30 * 60 * 1000)

void
project_exec_out_free(struct project_exec_out *o)
{
	json_object_put(o->last);
	memset(o, 0, sizeof *o);
}

int
project_exec(struct lc *l, const struct runtime_def *d, const char *action,
	     const char *p, const char *const *args, const char *in,
	     struct project_exec_out *out, struct mpd_err *e)
{
	struct strv argv = STRV_INIT;
	struct mpd_exec_result r;
	char line[8192];
	int rc;

	memset(out, 0, sizeof *out);
	strv_push(&argv, "bash");
	strv_push(&argv, PROJECT_SCRIPT);
	strv_push(&argv, action);
	strv_push(&argv, p);
	strv_pushv(&argv, args);
	if (argv.oom) {
		strv_reset(&argv);
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	}
	rc = runtime_exec(l, d, NULL, (const char *const *)argv.v, NULL, in,
	    PROJECT_TIMEOUT_MS, &r, e);
	strv_reset(&argv);
	if (rc != 0)
		return mpd_err_prefix(e, "%s %s", action, p);
	out->status = r.exit_status;
	runtime_last_line(r.out, line, sizeof line);
	if (line[0] == '{')
		out->last = json_tokener_parse(line);
	runtime_last_line(r.err, out->message, sizeof out->message);
	if (r.err != NULL && *r.err != '\0')
		mpd_debug("%s %s: %s", action, p, r.err);
	runtime_exec_free(&r);
	return 0;
}

int
project_exec_check(const struct project_exec_out *o, const char *action,
		   const char *p, struct mpd_err *e)
{
	if (o->status == 0)
		return 0;
	if (o->status == PROJECT_EXIT_TREE || o->status == PROJECT_EXIT_PHP)
		return mpd_err_set(e, MPD_ERR_INPUT, "%s", o->message[0] ?
		    o->message : "the project's tree is not what its type needs");
	return mpd_err_set(e, MPD_ERR_EXEC, "%s of project '%s' failed (exit "
	    "%d)%s%s", action, p, o->status, o->message[0] ? ": " : "",
	    o->message);
}

int
project_run(struct lc *l, const struct runtime_def *d, const char *action,
	    const char *p, struct mpd_err *e)
{
	struct project_exec_out o;
	int rc;

	if (project_exec(l, d, action, p, NULL, NULL, &o, e) != 0)
		return -1;
	rc = project_exec_check(&o, action, p, e);
	project_exec_out_free(&o);
	return rc;
}
