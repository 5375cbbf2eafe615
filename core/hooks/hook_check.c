/* hook_check.c - hook diagnostics (see hook_check.h). */
#include "hook_check.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hook_collect.h"
#include "paths.h"
#include "printable.h"
#include "state_hooks.h"

void
hook_check_free(struct hook_check *c)
{
	strv_reset(&c->warnings);
	c->dirs = c->scripts = 0;
}

const struct hook_event *
hook_check_event_dir(struct hook_check *c, const char *path, const char *name,
		     unsigned audience)
{
	const struct hook_event *ev;
	char event[160], q[200], aud[80];
	size_t n = strlen(name);

	c->dirs++;
	if (n < 3 || n - 2 >= sizeof event || strcmp(name + n - 2, ".d") != 0) {
		strv_pushf(&c->warnings, "%s/%s is not an <event>.d directory; "
		    "remove or move.", path, mpd_printable(name, q, sizeof q));
		return NULL;
	}
	memcpy(event, name, n - 2);
	event[n - 2] = '\0';
	if ((ev = hook_event_find(event)) == NULL) {
		char qn[200];

		strv_pushf(&c->warnings, "Hook for unknown event '%s' at "
		    "%s/%s; remove or move.", mpd_printable(event, q, sizeof q),
		    path, mpd_printable(name, qn, sizeof qn));
		return NULL;
	}
	if (!(ev->audiences & audience)) {
		strv_pushf(&c->warnings, "%s/%s subscribes to event '%s' but "
		    "the event no longer fires on this audience (%s; it fires "
		    "on: %s).", path, mpd_printable(name, q, sizeof q), ev->name,
		    hook_audience_name(audience),
		    hook_audiences_text(ev, aud, sizeof aud));
		return NULL;
	}
	return ev;
}

void
hook_check_file(struct hook_check *c, const char *dir, const char *name,
		bool regular)
{
	char q[200];

	if (hook_name_ok(name) && regular) {
		c->scripts++;
		return;
	}
	if (name[0] == '.')
		return;		/* editors' and git's files are not meant */
	strv_pushf(&c->warnings, "%s/%s never runs: hooks are regular files "
	    "named *.sh.", dir, mpd_printable(name, q, sizeof q));
}

/* The names in `dir`, sorted; none when it is missing.  `dirs_only`:
 * only the subdirectories. */
static int
names_in(const char *dir, bool dirs_only, struct strv *out, struct mpd_err *e)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (d == NULL) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		return mpd_err_set(e, MPD_ERR_IO, "cannot read %s: %s", dir,
		    strerror(errno));
	}
	while ((de = readdir(d)) != NULL) {
		char p[4096];
		struct stat st;

		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
		if (dirs_only && (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)))
			continue;
		strv_push(out, de->d_name);
	}
	closedir(d);
	if (out->oom)
		return mpd_err_set(e, MPD_ERR_IO, "out of memory");
	strv_sort(out->v, out->len);
	return 0;
}

/* One hooks directory (host path) of `audience`. */
static int
check_hooks_dir(struct hook_check *c, const char *hooks, unsigned audience,
		struct mpd_err *e)
{
	struct strv entries = STRV_INIT;
	int rc = names_in(hooks, false, &entries, e);

	for (size_t i = 0; rc == 0 && i < entries.len; i++) {
		struct strv files = STRV_INIT;
		char dir[4352];
		struct stat st;

		snprintf(dir, sizeof dir, "%s/%s", hooks, entries.v[i]);
		if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
			hook_check_file(c, hooks, entries.v[i], false);
			continue;
		}
		if (hook_check_event_dir(c, hooks, entries.v[i],
		    audience) == NULL)
			continue;
		rc = names_in(dir, false, &files, e);
		for (size_t k = 0; rc == 0 && k < files.len; k++) {
			char f[4608];

			snprintf(f, sizeof f, "%s/%s", dir, files.v[k]);
			hook_check_file(c, dir, files.v[k], stat(f, &st) == 0 &&
			    S_ISREG(st.st_mode));
		}
		strv_reset(&files);
	}
	strv_reset(&entries);
	return rc;
}

/* <assets>/<group>/<each>/<tail>hooks for every subdirectory of group. */
static int
check_group(struct hook_check *c, const char *group, unsigned audience,
	    struct mpd_err *e)
{
	const char *assets = mpd_path(MPD_PATH_ASSETS);
	struct strv subs = STRV_INIT;
	char dir[4096];
	int rc;

	snprintf(dir, sizeof dir, "%s/%s", assets, group);
	rc = names_in(dir, true, &subs, e);
	for (size_t i = 0; rc == 0 && i < subs.len; i++) {
		char hooks[4352];

		snprintf(hooks, sizeof hooks, "%s/%s/hooks", dir, subs.v[i]);
		rc = check_hooks_dir(c, hooks, audience, e);
		if (rc == 0 && strcmp(group, "runtimes") == 0) {
			struct strv types = STRV_INIT;
			char pt[4352];

			snprintf(pt, sizeof pt, "%s/%s/project_types", dir,
			    subs.v[i]);
			rc = names_in(pt, true, &types, e);
			for (size_t k = 0; rc == 0 && k < types.len; k++) {
				char th[4608];

				snprintf(th, sizeof th, "%s/%s/hooks", pt,
				    types.v[k]);
				rc = check_hooks_dir(c, th, HOOK_AUD_RUNTIME, e);
			}
			strv_reset(&types);
		}
	}
	strv_reset(&subs);
	return rc;
}

int
hook_check_assets(struct hook_check *c, struct mpd_err *e)
{
	char base[4096];

	snprintf(base, sizeof base, "%s/runtime-base/hooks",
	    mpd_path(MPD_PATH_ASSETS));
	if (check_hooks_dir(c, base, HOOK_AUD_RUNTIME, e) != 0 ||
	    check_group(c, "runtimes", HOOK_AUD_RUNTIME, e) != 0 ||
	    check_group(c, "dbs", HOOK_AUD_DATABASE, e) != 0 ||
	    check_group(c, "services", HOOK_AUD_SERVICE, e) != 0)
		return -1;
	if (c->warnings.oom)
		return mpd_err_set(e, MPD_ERR_IO, "out of memory");
	return 0;
}

int
hook_check_revisions(struct hook_check *c, struct mpd_err *e)
{
	struct state_hooks h;

	if (state_hooks_load(&h, e) != 0)
		return -1;
	for (int i = 0; i < HOOK_EVENT_COUNT; i++) {
		const struct hook_event *ev = hook_event_get(i);
		long seen;

		if (state_hooks_get(&h, ev->name, &seen) &&
		    seen != ev->revision)
			strv_pushf(&c->warnings, "Event '%s' revised (rev %ld "
			    "\xe2\x86\x92 rev %ld); review the hooks in %s.d "
			    "(docs/HOOKS.md).", ev->name, seen, ev->revision,
			    ev->name);
	}
	state_hooks_free(&h);
	return c->warnings.oom ? mpd_err_set(e, MPD_ERR_IO,
	    "out of memory") : 0;
}

int
hook_check_stamp(struct mpd_err *e)
{
	struct state_hooks h;
	int rc = 0;

	if (state_hooks_load(&h, e) != 0)
		return -1;
	for (int i = 0; rc == 0 && i < HOOK_EVENT_COUNT; i++) {
		const struct hook_event *ev = hook_event_get(i);
		long seen;

		if (state_hooks_get(&h, ev->name, &seen) &&
		    seen == ev->revision)
			continue;
		rc = state_hooks_mark_revision(ev->name, ev->revision, e);
	}
	state_hooks_free(&h);
	return rc;
}
