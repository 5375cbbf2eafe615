/* lifecycle_common.c - what the lifecycle actions share (see
 * lifecycle_common.h): opening and closing a command, step output, change
 * tracking, DNS records and the portal's view, current-state.json. */
#include "lifecycle_common.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "dns_records.h"
#include "log.h"
#include "paths.h"
#include "podman.h"
#include "podman_names.h"
#include "state_current.h"
#include "state_projects.h"
#include "state_store.h"

void
lc_step(const struct lc *l, const char *what)
{
	if (!l->json)
		printf("==> %s\n", what);
}

void
lc_ok(const struct lc *l, const char *fmt, ...)
{
	va_list ap;

	if (l->json)
		return;
	fputs("  \xe2\x9c\x93 ", stdout);	/* ✓ */
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
}

void
lc_changed(struct lc *l, const char *what)
{
	l->changes++;
	if (l->n_changed < LC_MAX_CHANGED)
		snprintf(l->changed[l->n_changed++], sizeof l->changed[0],
		    "%s", what);
}

int
lc_open(struct lc *l, const struct lifecycle_opts *o, struct mpd_err *e)
{
	memset(l, 0, sizeof *l);
	l->json = o->json;
	if (action_ctx_open(&l->ctx, ACTION_CTX_VM, e) != 0)
		return -1;
	for (size_t i = 0; i < l->ctx.reg.n_rejected; i++)
		mpd_warn("plugin refused: %s", l->ctx.reg.rejected[i].reason);
	return 0;
}

void
lc_close(struct lc *l)
{
	services_report_free(&l->rep);
	podman_ps_free(&l->ps);
	action_ctx_close(&l->ctx);
}

int
lc_run(int (*body)(struct lc *l, const struct lifecycle_opts *o,
		   struct mpd_err *e),
       const struct lifecycle_opts *o, struct mpd_err *e)
{
	struct lc l;
	int rc;

	memset(&l, 0, sizeof l);
	rc = body(&l, o, e);
	lc_close(&l);
	return rc;
}

int
lc_require_setup(struct mpd_err *e)
{
	struct stat st;

	if (stat(mpd_path(MPD_PATH_PROJECTS_JSON), &st) != 0)
		return mpd_err_set(e, MPD_ERR_FAIL,
		    "mpd is not set up yet on this machine; run: mpd --setup");
	return 0;
}

int
lc_ca(struct lc *l, int *generated, struct mpd_err *e)
{
	struct certs_ca ca;

	memset(&ca, 0, sizeof ca);
	if (host_certs_ca(&l->ctx.certs, &ca, generated, e) != 0)
		return -1;
	snprintf(l->ctx.vm.ca_fingerprint, sizeof l->ctx.vm.ca_fingerprint, "%s",
	    ca.info.fingerprint_sha256);
	certs_ca_free(&ca);
	vm_context_sync_input(&l->ctx.vm);
	return 0;
}

/* The portal's view: display name, dev user and the service list, each
 * written only when it changed. */
static int
publish_portal(struct lc *l, struct mpd_err *e)
{
	json_object *root, *arr;
	const char *text;
	char *path;
	bool changed = false, any = false;
	int rc = 0;

	if (state_store_mkdirs(mpd_path(MPD_PATH_PORTAL_STATE), STATE_DIR_MODE,
	    e) != 0)
		return -1;
	{
		char line[300];
		const char *files[][2] = {
			{ "display-name.txt", l->ctx.vm.hostname },
			{ "dev-user.txt", l->ctx.vm.user },
		};

		for (size_t i = 0; i < 2 && rc == 0; i++) {
			snprintf(line, sizeof line, "%s\n", files[i][1]);
			path = mpd_path_join(MPD_PATH_PORTAL_STATE, files[i][0]);
			rc = path ? state_store_write_if_changed(path, line,
			    strlen(line), STATE_FILE_MODE, &changed, e) :
			    mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
			free(path);
			any |= changed;
		}
	}
	if (rc != 0)
		return -1;
	root = json_object_new_object();
	arr = json_object_new_array();
	for (size_t i = 0; i < l->rep.n; i++) {
		const struct service_report *r = &l->rep.v[i];
		json_object *o = json_object_new_object();

		json_object_object_add(o, "access", json_object_new_string(r->access));
		json_object_object_add(o, "dns", json_object_new_string(r->dns));
		json_object_object_add(o, "ip", json_object_new_string(r->ip));
		json_object_object_add(o, "name", json_object_new_string(r->name));
		json_object_object_add(o, "port", json_object_new_int((int)r->tcp_port));
		json_object_array_add(arr, o);
	}
	json_object_object_add(root, "services", arr);
	text = json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
	    JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE);
	path = mpd_path_join(MPD_PATH_PORTAL_STATE, "services.json");
	if (path == NULL)
		rc = mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	else {
		char *withnl = malloc(strlen(text) + 2);

		if (withnl == NULL)
			rc = mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		else {
			sprintf(withnl, "%s\n", text);
			rc = state_store_write_if_changed(path, withnl,
			    strlen(withnl), STATE_FILE_MODE, &changed, e);
			any |= changed;
			free(withnl);
		}
	}
	free(path);
	json_object_put(root);
	if (rc == 0 && any)
		lc_changed(l, "portal view");
	return rc;
}

int
lc_publish(struct lc *l, struct mpd_err *e)
{
	struct dns_record *recs;
	size_t n = 0;
	bool changed = false;
	int rc;

	recs = calloc(l->rep.n_dns + 1, sizeof *recs);
	if (recs == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	for (size_t i = 0; i < l->rep.n_dns; i++) {
		recs[n].name = l->rep.dns_names[i];
		recs[n++].ipv4 = l->rep.dns_ips[i];
	}
	/* identity check for mpd-virt: the VM's own address */
	if (l->ctx.vm.platform.vm_ip[0] != '\0') {
		recs[n].name = "vm.service." DNS_ZONE;
		recs[n++].ipv4 = l->ctx.vm.platform.vm_ip;
	}
	rc = dns_records_set("services", recs, n, &changed, e);
	free(recs);
	if (rc != 0)
		return -1;
	if (changed)
		lc_changed(l, "DNS records");
	return publish_portal(l, e);
}

int
lc_ps_refresh(struct lc *l, struct mpd_err *e)
{
	struct podman_ps_list ps = {0};

	if (podman_ps_managed(&ps, e) != 0)
		return -1;
	podman_ps_free(&l->ps);
	l->ps = ps;
	return 0;
}

/* current-state.json from the one ps the command took. */
int
lc_refresh_current(struct lc *l, struct mpd_err *e)
{
	struct state_current_snapshot snap;
	struct state_project_list projects;
	int rc = -1;

	memset(&snap, 0, sizeof snap);
	memset(&projects, 0, sizeof projects);
	for (size_t i = 0; i < l->ps.n; i++) {
		const struct podman_container *c = &l->ps.items[i];
		const char *type = podman_container_label(c, MPD_LABEL_TYPE);
		const char *name = podman_container_label(c, MPD_LABEL_NAME);
		enum state_current st = c->state == MPD_CONTAINER_RUNNING ?
		    STATE_CURRENT_RUNNING : STATE_CURRENT_STOPPED;
		struct state_current_map *m = NULL;

		if (type == NULL || name == NULL || c->is_infra)
			continue;
		if (strcmp(type, MPD_TYPE_RUNTIME) == 0)
			m = &snap.runtimes;
		else if (strcmp(type, MPD_TYPE_DB) == 0)
			m = &snap.databases;
		if (m != NULL && state_current_map_set(m, name, st) != 0) {
			mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
			goto out;
		}
	}
	if (state_projects_load(&projects, e) != 0)
		goto out;
	if (state_current_fill_projects(&snap.projects, &projects,
	    &snap.runtimes) != 0) {
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		goto out;
	}
	snap.refreshed_at = time(NULL);
	rc = state_current_write(&snap, e);
out:
	state_project_list_free(&projects);
	state_current_snapshot_free(&snap);
	return rc;
}

void
lc_report_services(struct lc *l)
{
	for (size_t i = 0; i < l->rep.n; i++) {
		const struct service_report *r = &l->rep.v[i];

		if (r->image_built) {
			char what[128];

			snprintf(what, sizeof what, "image %s", r->name);
			lc_changed(l, what);
		}
		if (r->action != SERVICE_KEPT) {
			char what[128];

			snprintf(what, sizeof what, "service %s %s", r->name,
			    service_action_name(r->action));
			lc_changed(l, what);
		}
		lc_ok(l, "%-11s %-9s %s", r->name,
		    service_action_name(r->action), r->ip);
	}
}
