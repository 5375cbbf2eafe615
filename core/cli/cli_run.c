/* cli_run.c - dispatch, the root refusal, exit codes (see cli.h). */
#include "cli.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <mpd/plugin.h>

#include "action_ctx.h"
#include "certs_list.h"
#include "env_sanitise.h"
#include "exec.h"
#include "lifecycle.h"
#include "log.h"
#include "oplock.h"
#include "paths.h"
#include "names.h"
#include "podman.h"
#include "projects.h"
#include "strv.h"

/* What each not-yet-built action says.  The CLI parses every flag of the
 * spec now; an action whose issue has not landed refuses honestly. */
static int
not_available(const char *what)
{
	mpd_error("'%s' is not available yet in this build of mpd; nothing was changed",
	    what);
	return CLI_EXIT_FAIL;
}

/* create's --type= --git-repo= --git-branch= --git-depth= */
static int
create_flags(const struct cli_cmd *c, struct project_opts *o)
{
	static const struct { const char *flag; size_t off; } flags[] = {
		{ "--type=", offsetof(struct project_opts, type) },
		{ "--git-repo=", offsetof(struct project_opts, git_repo) },
		{ "--git-branch=", offsetof(struct project_opts, git_branch) },
		{ "--git-depth=", offsetof(struct project_opts, git_depth) },
	};

	for (int i = 0; i < c->nargs; i++) {
		const char *a = c->args[i];
		bool known = false;

		for (size_t f = 0; f < sizeof flags / sizeof flags[0]; f++) {
			size_t n = strlen(flags[f].flag);

			if (strncmp(a, flags[f].flag, n) == 0) {
				*(const char **)((char *)o + flags[f].off) = a + n;
				known = true;
			}
		}
		if (!known) {
			mpd_error("unknown argument '%s' for create: it takes "
			    "--type=, --git-repo=, --git-branch= and "
			    "--git-depth=; settings live in mpd.env (mpd "
			    "configure %s KEY=VALUE)", a, c->project);
			return -1;
		}
	}
	return 0;
}

static int
run_verb(const struct cli_cmd *c)
{
	struct mpd_err e = {0};
	struct project_opts o = { .json = c->json, .yes = c->yes };
	struct strv pairs = STRV_INIT;
	int rc;

	if (strcmp(c->verb, "configure") == 0) {
		/* validate every KEY=VALUE first: bad input is reported as
		 * such and nothing is touched */
		if (env_sanitise_args((const char *const *)c->args, c->nargs,
		    NULL, &e) != 0) {
			mpd_error("%s", e.msg);
			return CLI_EXIT_USAGE;
		}
		/* a NULL-terminated copy: c->args points into argv, where
		 * what follows the last pair is not NULL (cli_parse moves the
		 * positionals to the front) */
		for (int i = 0; i < c->nargs; i++)
			strv_push(&pairs, c->args[i]);
		if (pairs.oom) {
			strv_reset(&pairs);
			mpd_error("out of memory");
			return CLI_EXIT_FAIL;
		}
		o.pairs = pairs.len ? strv_const(pairs.v) :
		    (const char *const[]){ NULL };
		o.n_pairs = pairs.len;
	} else if (strcmp(c->verb, "create") == 0) {
		if (create_flags(c, &o) != 0)
			return CLI_EXIT_USAGE;
	} else if (c->nargs > 0) {
		mpd_error("'mpd %s' takes no arguments after the project (got '%s')",
		    c->verb, c->args[0]);
		return CLI_EXIT_USAGE;
	}
	if (strcmp(c->verb, "create") == 0)
		rc = project_create(c->project, &o, &e);
	else if (strcmp(c->verb, "configure") == 0)
		rc = project_configure(c->project, &o, &e);
	else if (strcmp(c->verb, "start") == 0)
		rc = project_start(c->project, &o, &e);
	else if (strcmp(c->verb, "stop") == 0)
		rc = project_stop(c->project, &o, &e);
	else if (strcmp(c->verb, "delete") == 0)
		rc = project_delete(c->project, &o, &e);
	else
		rc = project_show(c->project, &o, &e);
	strv_reset(&pairs);
	if (rc == 0)
		return CLI_EXIT_OK;
	mpd_error("%s", e.msg);
	return e.code == MPD_ERR_USAGE ? CLI_EXIT_USAGE : CLI_EXIT_FAIL;
}

static int
run_runtime(const struct cli_cmd *c)
{
	struct mpd_err e = {0};
	struct project_opts o = { .json = c->json, .yes = c->yes };
	int rc;

	if (mpd_name_check_runtime(c->value, &e) != 0) {
		mpd_error("%s", e.msg);
		return CLI_EXIT_USAGE;
	}
	switch (c->action) {
	case CLI_RUNTIME_CREATE: rc = runtime_cmd_create(c->value, &o, &e); break;
	case CLI_RUNTIME_START: rc = runtime_cmd_start(c->value, &o, &e); break;
	case CLI_RUNTIME_STOP: rc = runtime_cmd_stop(c->value, &o, &e); break;
	case CLI_RUNTIME_DELETE: rc = runtime_cmd_delete(c->value, &o, &e); break;
	default: rc = runtime_cmd_show(c->value, &o, &e); break;
	}
	if (rc == 0)
		return CLI_EXIT_OK;
	mpd_error("%s", e.msg);
	return e.code == MPD_ERR_USAGE ? CLI_EXIT_USAGE : CLI_EXIT_FAIL;
}

static int
run_db(const struct cli_cmd *c)
{
	struct mpd_err e = {0};
	struct project_opts o = { .json = c->json, .yes = c->yes };
	int rc;

	switch (c->action) {
	case CLI_DB_CREATE: rc = db_cmd_create(c->value, &o, &e); break;
	case CLI_DB_START: rc = db_cmd_start(c->value, &o, &e); break;
	case CLI_DB_STOP: rc = db_cmd_stop(c->value, &o, &e); break;
	default: rc = db_cmd_delete(c->value, &o, &e); break;
	}
	if (rc == 0)
		return CLI_EXIT_OK;
	mpd_error("%s", e.msg);
	return e.code == MPD_ERR_USAGE || e.code == MPD_ERR_INPUT ?
	    CLI_EXIT_USAGE : CLI_EXIT_FAIL;
}

static int
list_certs(const struct cli_cmd *c, struct mpd_err *e)
{
	struct action_ctx ctx;
	struct certs_backend b;
	int rc = -1;

	if (action_ctx_open(&ctx, 0, e) == 0 &&
	    host_certs_backend(&ctx.certs, &b, e) == 0 &&
	    certs_list_print(stdout, c->json, &b, e) == 0)
		rc = 0;
	action_ctx_close(&ctx);
	return rc;
}

/* An action's 0 / -1 as an exit code, printing its error. */
static int
exit_code(int rc, const struct mpd_err *e)
{
	if (rc == 0)
		return CLI_EXIT_OK;
	mpd_error("%s", e->msg);
	return CLI_EXIT_FAIL;
}

static int
status(const struct lifecycle_opts *o)
{
	struct mpd_err e = {0};
	bool healthy = false;

	if (lifecycle_status(o, &healthy, &e) != 0)
		return exit_code(-1, &e);
	return healthy ? CLI_EXIT_OK : CLI_EXIT_FAIL;
}

int
cli_run(const struct cli_cmd *c)
{
	const struct lifecycle_opts o = { .json = c->json,
		.preflight_done = c->preflight_done };
	struct mpd_err e = {0};
	char what[160];

	switch (c->action) {
	case CLI_HELP:
		if (c->project != NULL)
			cli_help_project_print(c->project);
		else
			cli_help_print();
		return CLI_EXIT_OK;
	case CLI_VERSION:
		printf("mpd %s (plugin ABI %d.%d)\n", PACKAGE_VERSION,
		    MPD_ABI_MAJOR, MPD_ABI_MINOR);
		return CLI_EXIT_OK;
	case CLI_PLUGINS:
		return cli_plugins_run(c);
	case CLI_SETUP:
		return exit_code(lifecycle_setup(&o, &e), &e);
	case CLI_START:
		return exit_code(lifecycle_start(&o, &e), &e);
	case CLI_STOP:
		return exit_code(lifecycle_stop(&o, &e), &e);
	case CLI_RESTART:
		return exit_code(lifecycle_restart(&o, &e), &e);
	case CLI_STATUS:
		return status(&o);
	case CLI_IMAGES:
		return exit_code(lifecycle_images(&o, &e), &e);
	case CLI_CHECK_HOOKS:
		return exit_code(lifecycle_check_hooks(&o, &e), &e);
	case CLI_LIST:
		if (strcmp(c->value, "plugins") == 0)
			return cli_plugins_run(c);
		if (strcmp(c->value, "services") == 0)
			return exit_code(lifecycle_list_services(&o, &e), &e);
		if (strcmp(c->value, "certs") == 0)
			return exit_code(list_certs(c, &e), &e);
		if (strcmp(c->value, "projects") == 0)
			return exit_code(projects_list(&(struct project_opts){
			    .json = c->json }, &e), &e);
		if (strcmp(c->value, "runtimes") == 0)
			return exit_code(runtimes_list(&(struct project_opts){
			    .json = c->json }, &e), &e);
		if (strcmp(c->value, "dbs") == 0)
			return exit_code(dbs_list(&(struct project_opts){
			    .json = c->json }, &e), &e);
		snprintf(what, sizeof what, "mpd list %s", c->value);
		return not_available(what);
	case CLI_VERB:
		return run_verb(c);
	case CLI_RUNTIME_CREATE:
	case CLI_RUNTIME_START:
	case CLI_RUNTIME_STOP:
	case CLI_RUNTIME_DELETE:
	case CLI_RUNTIME_SHOW:
		return run_runtime(c);
	case CLI_DB_CREATE:
	case CLI_DB_START:
	case CLI_DB_STOP:
	case CLI_DB_DELETE:
		return run_db(c);
	default:
		if (c->value != NULL)
			snprintf(what, sizeof what, "mpd %s=%s", c->flag,
			    c->value);
		else
			snprintf(what, sizeof what, "mpd %s", c->flag);
		return not_available(what);
	}
}

/* One mutating command at a time: wait for the one running (oplock.h).
 * Before the first --setup has made the state directory there is nothing
 * to protect: other commands then run unlocked, to stop at "not set up"
 * without creating anything. */
static int
take_oplock(const struct cli_cmd *c)
{
	char what[160];
	struct mpd_err e = {0};
	struct stat st;

	if (c->action != CLI_SETUP && stat(mpd_path(MPD_PATH_STATE), &st) != 0 &&
	    errno == ENOENT)
		return 0;
	if (c->action == CLI_VERB)
		snprintf(what, sizeof what, "mpd %s %s", c->verb, c->project);
	else if (c->value != NULL)
		snprintf(what, sizeof what, "mpd %s=%s", c->flag, c->value);
	else
		snprintf(what, sizeof what, "mpd %s", c->flag);
	if (oplock_acquire(what, &e) != 0) {
		mpd_error("%s", e.msg);
		return -1;
	}
	return 0;
}

static bool
allowed_as_root(const struct cli_cmd *c)
{
	return c->action == CLI_HELP || c->action == CLI_VERSION;
}

int
cli_main(int argc, char **argv)
{
	struct cli_cmd cmd;
	struct mpd_err e = {0};
	int rc;

	if (argc > 1 && strcmp(argv[1], "--complete") == 0)
		return cli_complete(argc, argv);
	if (cli_parse(argc, argv, &cmd, &e) != 0) {
		mpd_error("%s", e.msg);
		return CLI_EXIT_USAGE;
	}
	if (cmd.debug)
		mpd_log_set_debug(true);
	if (geteuid() == 0 && !allowed_as_root(&cmd)) {
		fputs("mpd must run as a regular user, not as root.\n"
		    "Environment: mpd VM (Debian Trixie)\n"
		    "Re-run without sudo.\n", stderr);
		return CLI_EXIT_FAIL;
	}
	/* --setup's checks change nothing, not even the lock file: a machine
	 * that cannot run mpd is told so without a trace */
	if (cmd.action == CLI_SETUP) {
		if (lifecycle_setup_preflight(&e) != 0) {
			mpd_error("%s", e.msg);
			return CLI_EXIT_FAIL;
		}
		cmd.preflight_done = true;
	}
	if (cli_mutates(&cmd) && take_oplock(&cmd) != 0)
		return CLI_EXIT_FAIL;
	rc = cli_run(&cmd);
	oplock_release();
	if (mpd_log_debug_enabled()) {
		podman_debug_summary();
		mpd_debug("%lu processes started", mpd_exec_count());
	}
	return rc;
}
