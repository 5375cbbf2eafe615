/* project_hooks.c - the project events (see project_hooks.h). */
#include "project_hooks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mpd/names.h>

#include "hook_run.h"
#include "log.h"
#include "mpddb.h"
#include "runtimes.h"
#include "strv.h"

#define PROJECT_TREE_FMT	"/srv/projects/%s"
#define PROJECT_HOOKS_DIR	".mpd/hooks"
#define LIST_TIMEOUT_MS		(60 * 1000)

void
project_hooks_free(struct project_hooks *ph)
{
	for (int i = 0; i < HOOK_EVENT_COUNT; i++)
		hook_list_free(&ph->own[i]);
}

int
project_hooks_listing(struct lc *l, const struct runtime_def *d,
		      const char *project, char **out, struct mpd_err *e)
{
	struct mpd_exec_result r;
	char tree[300], msg[300];
	const char *argv[] = { HOOK_SHELL_BIN, PROJECT_HOOKS_LIST_SCRIPT, tree,
	    NULL };

	*out = NULL;
	snprintf(tree, sizeof tree, PROJECT_TREE_FMT, project);
	if (runtime_exec(l, d, NULL, argv, NULL, NULL, LIST_TIMEOUT_MS, &r,
	    e) != 0)
		return mpd_err_prefix(e, "listing the hooks of '%s'", project);
	if (r.exit_status != 0) {
		mpd_err_set(e, MPD_ERR_EXEC, "listing the hooks of '%s' failed "
		    "(exit %d): %s", project, r.exit_status,
		    runtime_exec_message(&r, msg, sizeof msg));
		runtime_exec_free(&r);
		return -1;
	}
	*out = r.out;
	r.out = NULL;
	runtime_exec_free(&r);
	return 0;
}

/* For each line of `listing`: its kind letter and the rest. */
typedef void (*line_fn)(char kind, const char *rest, void *arg);

static void
each_line(const char *listing, line_fn fn, void *arg)
{
	const char *p = listing;

	while (p != NULL && *p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char line[1024];

		if (n >= 3 && n < sizeof line && p[1] == ' ') {
			memcpy(line, p, n);
			line[n] = '\0';
			fn(line[0], line + 2, arg);
		}
		p = nl ? nl + 1 : NULL;
	}
}

/* "<event>.d/<file>" split into the event and the file (NULL: not that
 * shape). */
static const struct hook_event *
split(const char *rest, char *event, size_t n, const char **file)
{
	const char *slash = strchr(rest, '/');
	size_t len;

	if (slash == NULL || slash - rest < 3 || strncmp(slash - 2, ".d", 2))
		return NULL;
	len = (size_t)(slash - rest) - 2;
	if (len >= n)
		return NULL;
	memcpy(event, rest, len);
	event[len] = '\0';
	*file = slash + 1;
	return hook_event_find(event);
}

struct list_arg {
	struct project_hooks *ph;
	const char *tree;
	int oom;
};

static void
take_script(char kind, const char *rest, void *arg)
{
	struct list_arg *a = arg;
	const struct hook_event *ev;
	const char *file;
	char event[160], path[1400];

	if (kind != 'F' || (ev = split(rest, event, sizeof event, &file)) ==
	    NULL || !(ev->audiences & HOOK_AUD_PROJECT) || !hook_name_ok(file))
		return;
	snprintf(path, sizeof path, "%s/" PROJECT_HOOKS_DIR "/%s", a->tree,
	    rest);
	if (hook_list_add(&a->ph->own[ev->id], file, path, NULL) != 0)
		a->oom = 1;
}

int
project_hooks_list(struct lc *l, const struct runtime_def *d,
		   const char *project, struct project_hooks *ph,
		   struct mpd_err *e)
{
	char *listing, tree[300];
	struct list_arg a = { ph, tree, 0 };

	memset(ph, 0, sizeof *ph);
	if (project_hooks_listing(l, d, project, &listing, e) != 0)
		return -1;
	snprintf(tree, sizeof tree, PROJECT_TREE_FMT, project);
	each_line(listing, take_script, &a);
	free(listing);
	if (a.oom) {
		project_hooks_free(ph);
		return mpd_err_set(e, MPD_ERR_IO, "out of memory");
	}
	return 0;
}

struct check_arg {
	struct hook_check *c;
	char hooks[400];
	/* the event directories the listing named, and whether each is
	 * one of the project's events */
	struct strv good;
};

static void
check_line(char kind, const char *rest, void *arg)
{
	struct check_arg *a = arg;
	const char *file;
	char event[160], dir[600];
	const struct hook_event *ev;

	if (kind == 'D') {
		if (hook_check_event_dir(a->c, a->hooks, rest,
		    HOOK_AUD_PROJECT) != NULL)
			strv_push(&a->good, rest);
		return;
	}
	if (kind == 'N') {
		hook_check_file(a->c, a->hooks, rest, false);
		return;
	}
	if ((ev = split(rest, event, sizeof event, &file)) == NULL)
		return;
	/* only in the directories that were accepted */
	snprintf(dir, sizeof dir, "%s.d", event);
	for (size_t i = 0; i < a->good.len; i++)
		if (strcmp(a->good.v[i], dir) == 0) {
			char shown[1100];

			snprintf(shown, sizeof shown, "%s/%s", a->hooks, dir);
			hook_check_file(a->c, shown, file, kind == 'F');
		}
}

void
project_hooks_check(struct hook_check *c, const char *project,
		    const char *listing)
{
	struct check_arg a;

	memset(&a, 0, sizeof a);
	a.c = c;
	snprintf(a.hooks, sizeof a.hooks, PROJECT_TREE_FMT "/" PROJECT_HOOKS_DIR,
	    project);
	each_line(listing, check_line, &a);
	strv_reset(&a.good);
}

/* The asset scripts of `ev` for `p` of one audience. */
static int
asset_scripts(const struct runtime_def *d, const struct state_project *p,
	      const struct hook_event *ev, unsigned audience,
	      struct hook_list *out, struct mpd_err *e)
{
	struct hook_layer layers[HOOK_LAYER_MAX];
	size_t n = 0;

	if (!(ev->audiences & audience))
		return 0;
	if (audience == HOOK_AUD_DATABASE) {
		if (p->database_engine == NULL || *p->database_engine == '\0')
			return 0;
		if (hook_layer_database(p->database_engine, &layers[0], e) != 0)
			return -1;
		n = 1;
	} else if (hook_layers_runtime(d->asset_dir, p->type, layers, &n,
	    e) != 0) {
		return -1;
	}
	return hook_collect(ev, layers, n, out, e);
}

int
project_hooks_count(struct lc *l, const struct runtime_def *d,
		    const struct state_project *p, enum hook_event_id id,
		    const struct project_hooks *ph, size_t *n, struct mpd_err *e)
{
	const struct hook_event *ev = hook_event_get(id);
	struct hook_list db = { NULL, 0 }, rt = { NULL, 0 };
	int rc;

	(void)l;
	rc = asset_scripts(d, p, ev, HOOK_AUD_DATABASE, &db, e) != 0 ||
	    asset_scripts(d, p, ev, HOOK_AUD_RUNTIME, &rt, e) != 0 ? -1 : 0;
	*n = db.n + rt.n + ph->own[id].n;
	hook_list_free(&db);
	hook_list_free(&rt);
	return rc;
}

int
project_hooks_fire(struct lc *l, const struct runtime_def *d,
		   const struct state_project *p, enum hook_event_id id,
		   const struct project_hooks *ph, struct mpd_err *e)
{
	const struct hook_event *ev = hook_event_get(id);
	struct hook_list db = { NULL, 0 }, rt = { NULL, 0 };
	struct hook_vars v = { p->name, p->runtime_name, p->database_engine,
	    p->database_version };
	struct mpd_db_tag tag;
	char main[128], tree[300];
	FILE *out = l->json ? stderr : stdout;
	int rc = -1;

	snprintf(tree, sizeof tree, PROJECT_TREE_FMT, p->name);
	runtime_main_name(d, main, sizeof main);
	if (asset_scripts(d, p, ev, HOOK_AUD_DATABASE, &db, e) != 0 ||
	    asset_scripts(d, p, ev, HOOK_AUD_RUNTIME, &rt, e) != 0)
		goto done;
	if (db.n + rt.n + ph->own[id].n == 0) {
		rc = 0;
		goto done;
	}
	if (!l->json)
		printf("==> Hooks: %s\n", ev->name);
	if (db.n > 0) {
		struct hook_target t = { NULL, HOOK_ROOT_USER, NULL, false };

		if (mpd_db_id_parse(p->database_id, &tag, e) != 0)
			goto done;
		t.container = tag.container;
		if (hook_run(ev, &t, &v, &db, out, NULL, e) != 0)
			goto done;
	}
	if (rt.n > 0) {
		/* runtime assets run as the dev user, like every runtime
		 * script (sudo for what needs root) */
		struct hook_target t = { main, l->ctx.vm.user, NULL, false };

		if (hook_run(ev, &t, &v, &rt, out, NULL, e) != 0)
			goto done;
	}
	if (ph->own[id].n > 0) {
		struct hook_target t = { main, l->ctx.vm.user, tree, false };

		if (hook_run(ev, &t, &v, &ph->own[id], out, NULL, e) != 0)
			goto done;
	}
	rc = 0;
done:
	hook_list_free(&db);
	hook_list_free(&rt);
	return rc;
}
