/* project_exec.h - the project verbs' one call into a runtime:
 *   bash /opt/mpd/assets/runtime-base/lib/mpd-project.sh ACTION P [ARGS]
 * as the dev user (docs/RUNTIMES.md, "Project verbs inside the runtime"). */
#ifndef MPD_PROJECT_EXEC_H
#define MPD_PROJECT_EXEC_H

#include <json-c/json.h>

#include "err.h"
#include "lifecycle_common.h"

struct runtime_def;

/* mpd-project.sh's exit statuses */
#define PROJECT_EXIT_USAGE	2	/* bad arguments */
#define PROJECT_EXIT_TREE	3	/* the tree is not what the type needs */
#define PROJECT_EXIT_PHP	4	/* MPD_PHP_VERSION not in this runtime */

struct project_exec_out {
	int status;			/* the script's exit status */
	struct json_object *last;	/* its last stdout line as JSON, or NULL */
	char message[512];		/* its last stderr line (one line) */
};

/* Run ACTION for project `p` in runtime `d` with `args` (NULL-terminated,
 * may be NULL) and `in` on stdin (may be NULL).  0 when the script ran
 * (whatever its status, in out->status); -1 when it could not.  Release
 * out with project_exec_out_free. */
int project_exec(struct lc *l, const struct runtime_def *d,
		 const char *action, const char *p, const char *const *args,
		 const char *in, struct project_exec_out *out,
		 struct mpd_err *e);
void project_exec_out_free(struct project_exec_out *o);

/* -1 with an error naming the action, the project and the script's last
 * line when out->status is not 0; 0 otherwise. */
int project_exec_check(const struct project_exec_out *o, const char *action,
		       const char *p, struct mpd_err *e);

/* project_exec without arguments or stdin, then project_exec_check: 0
 * when the script ran and succeeded. */
int project_run(struct lc *l, const struct runtime_def *d, const char *action,
		const char *p, struct mpd_err *e);

#endif
