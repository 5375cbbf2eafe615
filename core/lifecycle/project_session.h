/* project_session.h - what every project and runtime verb opens: the
 * command's context (lc), the runtime definitions, one `podman ps`. */
#ifndef MPD_PROJECT_SESSION_H
#define MPD_PROJECT_SESSION_H

#include <json-c/json.h>
#include <stdbool.h>

#include "err.h"
#include "lifecycle_common.h"
#include "runtimes.h"
#include "state_projects.h"

struct project_session {
	struct lc l;
	struct runtime_set rs;
	bool open;
};

/* Open (after --setup: fix-it otherwise).  session_close is safe after any
 * outcome. */
int session_open(struct project_session *s, bool json, struct mpd_err *e);

/* Refresh current-state.json (when `changed`) and free everything. */
void session_close(struct project_session *s, bool changed);

/* The runtime definition `name`; -1 naming the runtimes there are. */
const struct runtime_def *session_runtime(struct project_session *s,
					  const char *name, struct mpd_err *e);

/* The record of `name`; MPD_ERR_NOTFOUND with the create hint. */
int session_project(const char *name, struct state_project *out,
		    struct mpd_err *e);

/* Print `o` as pretty JSON (--json output) and release it. */
void session_print_json(struct json_object *o);

#endif
