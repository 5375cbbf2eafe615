/* lifecycle.c - --start, --stop, --restart, --status, `list services`, and
 * what they share with --setup (lifecycle_setup.c).  See lifecycle.h. */
#include "lifecycle_common.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "dns_records.h"
#include "exec.h"
#include "host_certs.h"
#include "log.h"
#include "paths.h"
#include "plugin_host.h"
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
lc_open(struct lc *l, const struct cli_cmd *cmd, struct mpd_err *e)
{
	memset(l, 0, sizeof *l);
	l->json = cmd->json;
	if (vm_context_load(&l->vm, e) != 0)
		return -1;
	if (plugin_registry_load(&l->reg, NULL, e) != 0)
		return -1;
	l->reg_loaded = true;
	for (size_t i = 0; i < l->reg.n_rejected; i++)
		mpd_warn("plugin refused: %s", l->reg.rejected[i].reason);
	host_certs_set_registry(&l->reg);
	plugin_host_set_services(&(const struct plugin_host_services){
		.container_state = podman_container_state,
		.container_exec = podman_exec,
		.cert_ensure = host_certs_ensure,
	});
	podman_set_dev_user(l->vm.user);
	return 0;
}

void
lc_close(struct lc *l)
{
	services_report_free(&l->rep);
	podman_ps_free(&l->ps);
	host_certs_set_registry(NULL);
	if (l->reg_loaded)
		plugin_registry_free(&l->reg);
}

int
lc_fail(struct lc *l, struct mpd_err *e)
{
	mpd_error("%s", e->msg);
	lc_close(l);
	return CLI_EXIT_FAIL;
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
	if (host_certs_ca(&ca, generated, e) != 0)
		return -1;
	snprintf(l->vm.ca_fingerprint, sizeof l->vm.ca_fingerprint, "%s",
	    ca.info.fingerprint_sha256);
	certs_ca_free(&ca);
	vm_context_sync_input(&l->vm);
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
			{ "display-name.txt", l->vm.hostname },
			{ "dev-user.txt", l->vm.user },
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
	if (l->vm.platform.vm_ip[0] != '\0') {
		recs[n].name = "vm.service." DNS_ZONE;
		recs[n++].ipv4 = l->vm.platform.vm_ip;
	}
	rc = dns_records_set("services", recs, n, &changed, e);
	free(recs);
	if (rc != 0)
		return -1;
	if (changed)
		lc_changed(l, "DNS records");
	return publish_portal(l, e);
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

/* ---- --start ------------------------------------------------------------ */

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

int
lifecycle_start(const struct cli_cmd *cmd)
{
	struct lc l;
	struct mpd_err e = {0};

	if (lc_require_setup(&e) != 0) {
		mpd_error("%s", e.msg);
		return CLI_EXIT_FAIL;
	}
	if (lc_open(&l, cmd, &e) != 0 || lc_ca(&l, NULL, &e) != 0)
		return lc_fail(&l, &e);
	lc_step(&l, "Services");
	if (services_ensure(&l.reg, &l.vm.input, &l.rep, &l.ps, &e) != 0)
		return lc_fail(&l, &e);
	lc_report_services(&l);
	if (lc_publish(&l, &e) != 0 || lc_refresh_current(&l, &e) != 0)
		return lc_fail(&l, &e);
	if (!l.json)
		printf("\n\xe2\x9c\x93 mpd started.  https://mpd.test/\n");
	lc_close(&l);
	return CLI_EXIT_OK;
}

/* ---- --stop / --restart ------------------------------------------------- */

static int
power(const char *verb, struct mpd_err *e)
{
	const char *nohalt = getenv(MPD_NO_POWEROFF_ENV);
	const char *argv[] = { "sudo", "-n", "systemctl", verb, NULL };
	struct mpd_exec_spec spec = { .argv = argv, .timeout_ms = 60000 };
	struct mpd_exec_outcome res;

	if (nohalt != NULL && *nohalt != '\0') {
		printf("%s set: not running 'systemctl %s'\n",
		    MPD_NO_POWEROFF_ENV, verb);
		return 0;
	}
	printf("%s the VM\n", strcmp(verb, "poweroff") == 0 ?
	    "Powering off" : "Rebooting");
	fflush(stdout);
	memset(&res, 0, sizeof res);
	if (mpd_exec_run(&spec, &res, e) != 0)
		return -1;
	if (res.exit_status != 0) {
		mpd_err_set(e, MPD_ERR_EXEC, "sudo -n systemctl %s failed: %s",
		    verb, res.err && *res.err ? res.err : "(no message)");
		mpd_exec_result_free(&res);
		return -1;
	}
	mpd_exec_result_free(&res);
	return 0;
}

static int
stop_services(struct lc *l, struct mpd_err *e)
{
	lc_step(l, "Stopping services");
	if (services_stop(&l->rep, &l->ps, e) != 0)
		return -1;
	for (size_t i = 0; i < l->rep.n; i++)
		lc_ok(l, "%s stopped", l->rep.v[i].name);
	if (l->rep.n == 0)
		lc_ok(l, "no service was running");
	return lc_refresh_current(l, e);
}

int
lifecycle_stop(const struct cli_cmd *cmd)
{
	struct lc l;
	struct mpd_err e = {0};

	if (lc_require_setup(&e) != 0) {
		mpd_error("%s", e.msg);
		return CLI_EXIT_FAIL;
	}
	if (lc_open(&l, cmd, &e) != 0 || stop_services(&l, &e) != 0 ||
	    power("poweroff", &e) != 0)
		return lc_fail(&l, &e);
	lc_close(&l);
	return CLI_EXIT_OK;
}

int
lifecycle_restart(const struct cli_cmd *cmd)
{
	const char *nohalt = getenv(MPD_NO_POWEROFF_ENV);
	struct mpd_err e = {0};
	int rc;

	if (nohalt == NULL || *nohalt == '\0') {
		/* the systemd user unit runs --stop and --start around the
		 * reboot */
		if (lc_require_setup(&e) != 0 || power("reboot", &e) != 0) {
			mpd_error("%s", e.msg);
			return CLI_EXIT_FAIL;
		}
		return CLI_EXIT_OK;
	}
	rc = lifecycle_stop(cmd);
	return rc != CLI_EXIT_OK ? rc : lifecycle_start(cmd);
}

/* ---- --status and `list services` -------------------------------------- */

static const char *
state_word(enum mpd_container_state s)
{
	switch (s) {
	case MPD_CONTAINER_RUNNING:	return "running";
	case MPD_CONTAINER_STOPPED:	return "stopped";
	default:			return "not-created";
	}
}

static void
print_services_json(const struct lc *l, json_object *root)
{
	json_object *arr = json_object_new_array();

	for (size_t i = 0; i < l->rep.n; i++) {
		const struct service_report *r = &l->rep.v[i];
		json_object *o = json_object_new_object();

		json_object_object_add(o, "access", json_object_new_string(r->access));
		json_object_object_add(o, "container", json_object_new_string(r->container));
		json_object_object_add(o, "dns", json_object_new_string(r->dns));
		json_object_object_add(o, "ip", json_object_new_string(r->ip));
		json_object_object_add(o, "name", json_object_new_string(r->name));
		json_object_object_add(o, "status", json_object_new_string(state_word(r->state)));
		json_object_array_add(arr, o);
	}
	json_object_object_add(root, "services", arr);
}

static void
print_services_text(const struct lc *l)
{
	printf("%-14s %-12s %-16s %s\n", "SERVICE", "STATUS", "IP", "ACCESS");
	for (size_t i = 0; i < l->rep.n; i++) {
		const struct service_report *r = &l->rep.v[i];

		printf("%-14s %-12s %-16s %s\n", r->name, state_word(r->state),
		    r->ip, r->access);
	}
}

static int
observe(struct lc *l, const struct cli_cmd *cmd, struct mpd_err *e)
{
	memset(l, 0, sizeof *l);	/* lc_fail may close it early */
	if (lc_require_setup(e) != 0 || lc_open(l, cmd, e) != 0)
		return -1;
	if (services_observe(&l->reg, &l->vm.input, &l->rep, &l->ps, e) != 0)
		return -1;
	return lc_refresh_current(l, e);
}

static void
json_print(json_object *root)
{
	puts(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
	    JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(root);
}

int
lifecycle_list_services(const struct cli_cmd *cmd)
{
	struct lc l;
	struct mpd_err e = {0};

	if (observe(&l, cmd, &e) != 0)
		return lc_fail(&l, &e);
	if (cmd->json) {
		json_object *root = json_object_new_object();

		print_services_json(&l, root);
		json_print(root);
	} else {
		print_services_text(&l);
	}
	lc_close(&l);
	return CLI_EXIT_OK;
}

int
lifecycle_status(const struct cli_cmd *cmd)
{
	struct lc l;
	struct mpd_err e = {0};
	bool all_running = true;

	if (observe(&l, cmd, &e) != 0)
		return lc_fail(&l, &e);
	for (size_t i = 0; i < l.rep.n; i++)
		all_running &= l.rep.v[i].state == MPD_CONTAINER_RUNNING;
	if (cmd->json) {
		json_object *root = json_object_new_object();
		char ts[32];

		json_object_object_add(root, "platform", json_object_new_string(
		    mpd_platform_kind_name(l.vm.platform.kind)));
		json_object_object_add(root, "vm", json_object_new_string(l.vm.hostname));
		json_object_object_add(root, "vmIp", json_object_new_string(l.vm.platform.vm_ip));
		json_object_object_add(root, "healthy", json_object_new_boolean(all_running));
		json_object_object_add(root, "refreshedAt", json_object_new_string(
		    state_current_format_time(time(NULL), ts, sizeof ts)));
		print_services_json(&l, root);
		json_print(root);
	} else {
		printf("mpd  \xe2\x80\x94  Moodle Plugin Development Environment (%s, %s)\n\n",
		    l.vm.hostname, mpd_platform_kind_name(l.vm.platform.kind));
		print_services_text(&l);
		printf("\n%s\nmpd --help  full flag reference\n", all_running ?
		    "All services running: https://mpd.test/" :
		    "Some services are not running: mpd --start");
	}
	lc_close(&l);
	return all_running ? CLI_EXIT_OK : CLI_EXIT_FAIL;
}

/* ---- --images ----------------------------------------------------------- */

int
lifecycle_images(const struct cli_cmd *cmd)
{
	struct lc l;
	struct mpd_err e = {0};

	if (lc_open(&l, cmd, &e) != 0 || lc_ca(&l, NULL, &e) != 0)
		return lc_fail(&l, &e);
	lc_step(&l, "Images");
	if (services_build_images(&l.reg, &l.vm.input, &l.rep, &e) != 0)
		return lc_fail(&l, &e);
	for (size_t i = 0; i < l.rep.n; i++)
		lc_ok(&l, "%-11s %s", l.rep.v[i].name,
		    l.rep.v[i].image_built ? "built" : "current");
	lc_close(&l);
	return CLI_EXIT_OK;
}
