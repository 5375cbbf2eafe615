/* hook_run.h - run an event's scripts in one container and report each
 * (docs/HOOKS.md, "Dispatch").
 *
 * Each script is one `podman exec` (through the podman gateway, counted
 * like every podman call):
 *
 *   podman exec [-u USER] [-w DIR] --env MPD_HOOK_...=... CONTAINER \
 *       timeout --kill-after=5 T bash PATH
 *
 * GNU timeout runs the script in its own process group and signals the
 * whole group, so a script that outlives its event's timeout T is gone
 * afterwards with its children (SIGTERM at T, SIGKILL 5 s later); the
 * exec's own timeout (T + 5 + HOOK_EXEC_SLACK_S) is the backstop.  A
 * container that does not mount mpd's assets gets the script on stdin
 * (`bash -s`).  One line per script:
 *
 *   [mpd-db-postgres-17] mpd-pre-stop/90-graceful-stop.sh ✓ (0.4 s)
 *   [mpd-php-main] project-post-start/10-x.sh ✗ exit 1 (0.1 s)
 *   [mpd-php-main] project-post-start/20-y.sh ✗ timed out after 30 s: stopped
 *
 * An ABORT event stops at the first failure and fails with one line
 * naming the script and the fix; a CONTINUE event reports it and goes on.
 */
#ifndef MPD_HOOK_RUN_H
#define MPD_HOOK_RUN_H

#include <stdbool.h>
#include <stdio.h>

#include <mpd/plugin.h>

#include "err.h"
#include "hook_collect.h"
#include "hook_events.h"
#include "strv.h"

#define HOOK_EXEC_SLACK_S	10	/* the exec's backstop beyond T + 5 */
#define HOOK_TIMEOUT_BIN	"timeout"
#define HOOK_SHELL_BIN		"bash"
/* The user DB and service hooks run as: those containers have no dev
 * user, and their entrypoints run as root too. */
#define HOOK_ROOT_USER		"root"

/* Where an event's scripts run. */
struct hook_target {
	const char *container;	/* also the label of the result lines */
	const char *user;	/* NULL: the user running mpd (podman_exec) */
	const char *workdir;	/* NULL: the container's default */
	bool via_stdin;		/* no assets mount: the script on stdin */
};

/* What the project events tell their hooks (NULL: not a project event;
 * NULL fields are passed empty). */
struct hook_vars {
	const char *project;
	const char *runtime;
	const char *db_engine;
	const char *db_version;
};

struct hook_outcome {
	unsigned ran;		/* scripts started */
	unsigned failed;	/* of those, failed or timed out */
};

/* The argv that runs `s` for `ev` (see above) pushed onto `out`.  0, or -1
 * on ENOMEM. */
int hook_argv(const struct hook_event *ev, const struct hook_script *s,
	      bool via_stdin, struct strv *out);

/* MPD_HOOK_EVENT, _REVISION, _VERB and, with `v`, _PROJECT, _RUNTIME,
 * _DB_ENGINE, _DB_VERSION as "KEY=VALUE" onto `out`.  0, or -1 on ENOMEM. */
int hook_env(const struct hook_event *ev, const struct hook_vars *v,
	     struct strv *out);

/* A script's outcome as the tail of its result line into `why` ("✓ (0.4
 * s)", "✗ exit 1 (0.1 s)", "✗ timed out after 30 s: stopped"): `rc` and
 * `xe` are podman_exec's, `r` its result, `took` the seconds it took.
 * True when the script failed.  timeout(1)'s 124 (SIGTERM sufficed) and
 * 137 (SIGKILL followed) count as timeouts only when `took` reached the
 * event's timeout. */
bool hook_result_text(const struct hook_event *ev, int rc,
		      const struct mpd_exec_result *r, double took,
		      const struct mpd_err *xe, char *why, size_t n);

/* Run the scripts of `l` for `ev` in `t`, printing each script's output
 * (indented) and its result line on `out`.  `res` (may be NULL) is
 * added to.  0 when the verb may go on: always for a CONTINUE event;
 * for an ABORT event, -1 at its first failure with `e` naming the script,
 * the container and the fix (the remaining scripts are not run). */
int hook_run(const struct hook_event *ev, const struct hook_target *t,
	     const struct hook_vars *v, const struct hook_list *l, FILE *out,
	     struct hook_outcome *res, struct mpd_err *e);

#endif
