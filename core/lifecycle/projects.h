/* projects.h - the project verbs (create, configure, start, stop, delete,
 * show), `mpd list projects`, and the runtime verbs (--runtime-create /
 * -start / -stop / -delete, --runtime=<rt>, `mpd list runtimes`).
 *
 * Every verb converges when it is run again after being killed at any
 * point: the work inside the runtime is idempotent and the project's
 * record (state/projects.json) is written last by create, configure and
 * delete, so there is never a registered project without its tree, nor a
 * tree change without the record catching up on the next run.
 * Each returns 0, or -1 with `e` set (the CLI prints it).
 */
#ifndef MPD_PROJECTS_H
#define MPD_PROJECTS_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

struct project_opts {
	bool json;			/* --json (show, list) */
	bool yes;			/* --yes (delete) */
	const char *type;		/* create --type= (NULL: from the name) */
	const char *git_repo;		/* create --git-repo= */
	const char *git_branch;
	const char *git_depth;
	const char *const *pairs;	/* configure KEY=VALUE (sanitised) */
	size_t n_pairs;
};

/* The default type when neither --type nor the name says one. */
#define PROJECT_DEFAULT_TYPE	"moodle"

int project_create(const char *name, const struct project_opts *o,
		   struct mpd_err *e);
int project_configure(const char *name, const struct project_opts *o,
		      struct mpd_err *e);
int project_start(const char *name, const struct project_opts *o,
		  struct mpd_err *e);
int project_stop(const char *name, const struct project_opts *o,
		 struct mpd_err *e);
int project_delete(const char *name, const struct project_opts *o,
		   struct mpd_err *e);
int project_show(const char *name, const struct project_opts *o,
		 struct mpd_err *e);
int projects_list(const struct project_opts *o, struct mpd_err *e);

/* --runtime-create/start/stop/delete=<rt>, --runtime=<rt>, list */
int runtime_cmd_create(const char *rt, const struct project_opts *o,
		       struct mpd_err *e);
int runtime_cmd_start(const char *rt, const struct project_opts *o,
		      struct mpd_err *e);
int runtime_cmd_stop(const char *rt, const struct project_opts *o,
		     struct mpd_err *e);
int runtime_cmd_delete(const char *rt, const struct project_opts *o,
		       struct mpd_err *e);
int runtime_cmd_show(const char *rt, const struct project_opts *o,
		     struct mpd_err *e);
int runtimes_list(const struct project_opts *o, struct mpd_err *e);

/* --db-create/start/stop/delete=<spec>, `mpd list dbs` (db_cmds.c) */
int db_cmd_create(const char *spec, const struct project_opts *o,
		  struct mpd_err *e);
int db_cmd_start(const char *spec, const struct project_opts *o,
		 struct mpd_err *e);
int db_cmd_stop(const char *spec, const struct project_opts *o,
		struct mpd_err *e);
int db_cmd_delete(const char *spec, const struct project_opts *o,
		  struct mpd_err *e);
int dbs_list(const struct project_opts *o, struct mpd_err *e);

/* Ask "<question> [y/N] " on the terminal: true for y/yes.  Without a
 * terminal on stdin: false, with `e` saying to add --yes. */
bool project_confirm(const char *question, struct mpd_err *e);

#endif
