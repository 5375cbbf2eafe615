/* cli.h - the command line: grammar, dispatch, handlers.
 *
 * Grammar (docs/CLI.md):
 *   mpd [--debug] [--json] [--yes] <action flag>[=VALUE]
 *   mpd list [projects|runtimes|services|dbs|certs|plugins]
 *   mpd <verb> <project> [args...]      verb-first (the original's form)
 *   mpd <project> <verb> [args...]      project-first (the spec's form)
 *   mpd <project>                       = mpd show <project>
 *   mpd help [<project>]
 * Verbs are reserved names, so both orders are unambiguous.  One action per
 * invocation.  Exit codes: 0 ok, 1 failure, 2 usage.
 */
#ifndef MPD_CLI_H
#define MPD_CLI_H

#include <stdbool.h>

#include "err.h"

enum cli_action {
	CLI_NONE = 0,
	CLI_HELP,
	CLI_VERSION,
	CLI_PLUGINS,
	CLI_SETUP,
	CLI_START,
	CLI_STOP,
	CLI_RESTART,
	CLI_STATUS,
	CLI_IMAGES,
	CLI_RUNTIME_CREATE,
	CLI_RUNTIME_START,
	CLI_RUNTIME_STOP,
	CLI_RUNTIME_DELETE,
	CLI_RUNTIME_SHOW,
	CLI_DB_CREATE,
	CLI_DB_START,
	CLI_DB_STOP,
	CLI_DB_DELETE,
	CLI_CHECK_HOOKS,
	CLI_GC,
	CLI_TUI,
	CLI_LIST,
	CLI_VERB,
};

enum cli_exit {
	CLI_EXIT_OK = 0,
	CLI_EXIT_FAIL = 1,
	CLI_EXIT_USAGE = 2,
};

/* A parsed command line.  Every string points into argv (borrowed);
 * cli_parse() moves the positional words to the front of argv. */
struct cli_cmd {
	enum cli_action action;
	const char *flag;	/* the action flag as typed, e.g. "--setup" */
	const char *value;	/* --x=VALUE, or the list target */
	const char *verb;	/* CLI_VERB (and CLI_HELP with a project) */
	const char *project;
	char **args;		/* verb arguments after the project */
	int nargs;
	bool debug, json, yes;
	bool preflight_done;	/* not parsed: cli_main ran --setup's checks */
};

/* Parse argv.  Returns 0, or -1 with a MPD_ERR_USAGE/MPD_ERR_INPUT message
 * (exit 2).  Nothing is read from disk. */
int cli_parse(int argc, char **argv, struct cli_cmd *out, struct mpd_err *e);

/* True when `c` changes something and so holds the operation lock
 * (oplock.h) for its whole run; false for the read-only commands
 * (--status, list, show, help, --version, ...).  The one place that knows
 * is the command table in cli_parse.c. */
bool cli_mutates(const struct cli_cmd *c);

/* Run a parsed command; returns the process exit code. */
int cli_run(const struct cli_cmd *cmd);

/* The whole program: parse, refuse root, run, report.  Returns the exit
 * code. */
int cli_main(int argc, char **argv);

/* Help texts on stdout. */
void cli_help_print(void);
void cli_help_project_print(const char *project);

/* Handlers (cli_*.c).  Each returns an exit code. */
int cli_plugins_run(const struct cli_cmd *cmd);

/* `mpd --complete CWORD WORD0 WORD1...` (argv as main got it): completion
 * candidates on stdout, one per line.  Runs before anything else, also as
 * root, and never fails. */
int cli_complete(int argc, char **argv);

#endif
