/* lifecycle_hooks.c - mpd-pre-stop and the hook diagnostics (see
 * lifecycle_hooks.h). */
#include "lifecycle_hooks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hook_check.h"
#include "hook_collect.h"
#include "hook_run.h"
#include "log.h"
#include "mpddb.h"
#include "podman_names.h"
#include "project_hooks.h"
#include "runtimes.h"
#include "state_projects.h"

int
lc_hooks_mpd_pre_stop(struct lc *l, struct mpd_err *e)
{
	const struct hook_event *ev = hook_event_get(HOOK_MPD_PRE_STOP);
	FILE *out = l->json ? stderr : stdout;
	bool said = false;

	for (size_t i = 0; i < l->ps.n; i++) {
		const struct podman_container *c = &l->ps.items[i];
		const char *type = podman_container_label(c, MPD_LABEL_TYPE);
		const char *id = podman_container_label(c, MPD_LABEL_NAME);
		struct hook_target t = { c->name, HOOK_ROOT_USER, NULL, false };
		struct hook_list scripts = { NULL, 0 };
		struct hook_layer layer;
		struct mpd_db_tag tag;
		struct mpd_err pe = { .code = MPD_ERR_NONE };
		int rc;

		if (type == NULL || strcmp(type, MPD_TYPE_DB) != 0 ||
		    c->state != MPD_CONTAINER_RUNNING || id == NULL)
			continue;
		if (mpd_db_id_parse(id, &tag, &pe) != 0) {
			mpd_warn("mpd-pre-stop: %s: %s", c->name, pe.msg);
			continue;
		}
		if (hook_layer_database(tag.engine, &layer, e) != 0 ||
		    hook_collect(ev, &layer, 1, &scripts, e) != 0) {
			hook_list_free(&scripts);
			return -1;
		}
		if (scripts.n > 0 && !said && !l->json) {
			printf("==> Hooks: %s\n", ev->name);
			said = true;
		}
		rc = hook_run(ev, &t, NULL, &scripts, out, NULL, e);
		hook_list_free(&scripts);
		if (rc != 0)
			return -1;
	}
	return 0;
}

/* The own hooks of every project whose runtime runs. */
static int
check_projects(struct lc *l, struct hook_check *c, unsigned *checked,
	       struct mpd_err *e)
{
	struct state_project_list pl;
	struct runtime_set rs = { NULL, 0 };
	int rc = 0;

	*checked = 0;
	if (state_projects_load(&pl, e) != 0)
		return -1;
	if (pl.n > 0 && (runtimes_describe(l, &rs, e) != 0 ||
	    lc_ps_refresh(l, e) != 0))
		rc = -1;
	for (size_t i = 0; rc == 0 && i < pl.n; i++) {
		const struct state_project *p = &pl.items[i];
		const struct runtime_def *d = runtimes_find(&rs, p->runtime_name);
		struct mpd_err le = { .code = MPD_ERR_NONE };
		char *listing = NULL;

		if (d == NULL || runtime_state(l, d) != MPD_CONTAINER_RUNNING) {
			lc_ok(l, "project %s: not checked (%s)", p->name,
			    d == NULL ? "not configured" :
			    "its runtime is not running");
			continue;
		}
		if (project_hooks_listing(l, d, p->name, &listing, &le) != 0) {
			/* a project whose tree cannot be listed is a finding */
			strv_pushf(&c->warnings, "%s", le.msg);
			continue;
		}
		project_hooks_check(c, p->name, listing);
		free(listing);
		(*checked)++;
	}
	runtimes_free(&rs);
	state_project_list_free(&pl);
	return rc;
}

int
lc_check_hooks(struct lc *l, bool projects, struct mpd_err *e)
{
	struct hook_check c = HOOK_CHECK_INIT;
	unsigned checked = 0;
	int rc = -1;

	lc_step(l, "Hooks");
	if (hook_check_assets(&c, e) != 0 ||
	    (projects && check_projects(l, &c, &checked, e) != 0) ||
	    hook_check_revisions(&c, e) != 0)
		goto done;
	if (c.warnings.oom) {
		mpd_err_set(e, MPD_ERR_IO, "out of memory");
		goto done;
	}
	if (c.warnings.len > 0) {
		fflush(stdout);
		fputs("Hook diagnostics:\n", stderr);
		for (size_t i = 0; i < c.warnings.len; i++)
			fprintf(stderr, "  %s\n", c.warnings.v[i]);
		fflush(stderr);
	}
	if (hook_check_stamp(e) != 0)
		goto done;
	if (projects)
		lc_ok(l, "%u hook scripts in %u event directories (assets and "
		    "%u projects), %zu warnings", c.scripts, c.dirs, checked,
		    c.warnings.len);
	else
		lc_ok(l, "%u hook scripts in %u event directories of the "
		    "assets, %zu warnings (projects' own hooks: mpd "
		    "--check-hooks)", c.scripts, c.dirs, c.warnings.len);
	rc = 0;
done:
	hook_check_free(&c);
	return rc;
}
