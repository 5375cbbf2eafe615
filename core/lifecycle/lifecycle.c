/* lifecycle.c - --start, --stop, --restart, --status, --images and `list
 * services` (see lifecycle.h; --setup is lifecycle_setup.c, what they share
 * lifecycle_common.c). */
#include "lifecycle_common.h"
#include "databases.h"
#include "lifecycle_hooks.h"
#include "runtimes.h"
#include "sidecars.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exec.h"
#include "podman.h"
#include "podman_names.h"
#include "state_current.h"

/* ---- --start ------------------------------------------------------------ */

static int
start(struct lc *l, const struct lifecycle_opts *o, struct mpd_err *e)
{
	if (lc_require_setup(e) != 0 || lc_open(l, o, e) != 0 ||
	    lc_ca(l, NULL, e) != 0)
		return -1;
	lc_step(l, "Services");
	if (services_ensure(&l->ctx.reg, &l->ctx.vm.input, &l->rep, &l->ps,
	    e) != 0)
		return -1;
	lc_report_services(l);
	if (lc_publish(l, e) != 0 || databases_resume(l, e) != 0 ||
	    runtimes_resume(l, e) != 0 ||
	    lc_refresh_current(l, e) != 0)
		return -1;
	if (!l->json)
		printf("\n\xe2\x9c\x93 mpd started.  https://mpd.test/\n");
	return 0;
}

int
lifecycle_start(const struct lifecycle_opts *o, struct mpd_err *e)
{
	return lc_run(start, o, e);
}

/* ---- --stop / --restart ------------------------------------------------- */

static int
power(const char *verb, struct mpd_err *e)
{
	const char *nohalt = getenv(MPD_NO_POWEROFF_ENV);
	const char *argv[] = { MPD_SUDO_ARGV, "systemctl", verb, NULL };
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
	/* one listing for the hooks, the services, the DBs and the runtimes */
	if (lc_ps_refresh(l, e) != 0 || lc_hooks_mpd_pre_stop(l, e) != 0)
		return -1;
	lc_step(l, "Stopping services");
	if (services_stop(&l->rep, &l->ps, e) != 0)
		return -1;
	for (size_t i = 0; i < l->rep.n; i++)
		lc_ok(l, "%s stopped", l->rep.v[i].name);
	if (l->rep.n == 0)
		lc_ok(l, "no service was running");
	/* the DBs (from the same listing), gracefully: postgres logs a clean
	 * shutdown and the next start needs no recovery */
	if (databases_stop_all(l, e) != 0)
		return -1;
	/* the runtimes (from the same listing): their pods stop, their
	 * requested state stays for the next --start */
	if (runtimes_halt_all(l, e) != 0)
		return -1;
	return lc_refresh_current(l, e);
}

static int
stop(struct lc *l, const struct lifecycle_opts *o, struct mpd_err *e)
{
	if (lc_require_setup(e) != 0 || lc_open(l, o, e) != 0 ||
	    stop_services(l, e) != 0)
		return -1;
	return power("poweroff", e);
}

int
lifecycle_stop(const struct lifecycle_opts *o, struct mpd_err *e)
{
	return lc_run(stop, o, e);
}

int
lifecycle_restart(const struct lifecycle_opts *o, struct mpd_err *e)
{
	const char *nohalt = getenv(MPD_NO_POWEROFF_ENV);

	if (nohalt == NULL || *nohalt == '\0')
		/* the systemd user unit runs --stop and --start around the
		 * reboot */
		return lc_require_setup(e) != 0 || power("reboot", e) != 0 ?
		    -1 : 0;
	if (lifecycle_stop(o, e) != 0)
		return -1;
	return lifecycle_start(o, e);
}

/* ---- --check-hooks ------------------------------------------------------ */

static int
check_hooks(struct lc *l, const struct lifecycle_opts *o, struct mpd_err *e)
{
	if (lc_require_setup(e) != 0 || lc_open(l, o, e) != 0)
		return -1;
	return lc_check_hooks(l, true, e);
}

int
lifecycle_check_hooks(const struct lifecycle_opts *o, struct mpd_err *e)
{
	return lc_run(check_hooks, o, e);
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
observe(struct lc *l, const struct lifecycle_opts *o, struct mpd_err *e)
{
	memset(l, 0, sizeof *l);	/* closed whatever happens */
	if (lc_require_setup(e) != 0 || lc_open(l, o, e) != 0)
		return -1;
	if (services_observe(&l->ctx.reg, &l->ctx.vm.input, &l->rep, &l->ps, e) != 0)
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
lifecycle_list_services(const struct lifecycle_opts *o, struct mpd_err *e)
{
	struct lc l;

	if (observe(&l, o, e) != 0) {
		lc_close(&l);
		return -1;
	}
	if (o->json) {
		json_object *root = json_object_new_object();

		print_services_json(&l, root);
		json_print(root);
	} else {
		print_services_text(&l);
	}
	lc_close(&l);
	return 0;
}

int
lifecycle_status(const struct lifecycle_opts *o, bool *healthy,
		 struct mpd_err *e)
{
	struct lc l;
	bool all_running = true;

	if (observe(&l, o, e) != 0) {
		lc_close(&l);
		return -1;
	}
	for (size_t i = 0; i < l.rep.n; i++)
		all_running &= l.rep.v[i].state == MPD_CONTAINER_RUNNING;
	if (o->json) {
		json_object *root = json_object_new_object();
		char ts[32];

		json_object_object_add(root, "platform", json_object_new_string(
		    mpd_platform_kind_name(l.ctx.vm.platform.kind)));
		json_object_object_add(root, "vm", json_object_new_string(l.ctx.vm.hostname));
		json_object_object_add(root, "vmIp", json_object_new_string(l.ctx.vm.platform.vm_ip));
		json_object_object_add(root, "healthy", json_object_new_boolean(all_running));
		json_object_object_add(root, "refreshedAt", json_object_new_string(
		    state_current_format_time(time(NULL), ts, sizeof ts)));
		print_services_json(&l, root);
		json_print(root);
	} else {
		printf("mpd  \xe2\x80\x94  Moodle Plugin Development Environment (%s, %s)\n\n",
		    l.ctx.vm.hostname, mpd_platform_kind_name(l.ctx.vm.platform.kind));
		print_services_text(&l);
		printf("\n%s\nmpd --help  full flag reference\n", all_running ?
		    "All services running: https://mpd.test/" :
		    "Some services are not running: mpd --start");
	}
	lc_close(&l);
	*healthy = all_running;
	return 0;
}

/* ---- --images ----------------------------------------------------------- */

int
lifecycle_images(const struct lifecycle_opts *o, struct mpd_err *e)
{
	struct lc l;
	int rc = -1;

	if (lc_open(&l, o, e) == 0 && lc_ca(&l, NULL, e) == 0) {
		lc_step(&l, "Images");
		rc = services_build_images(&l.ctx.reg, &l.ctx.vm.input, &l.rep,
		    e);
	}
	for (size_t i = 0; rc == 0 && i < l.rep.n; i++)
		lc_ok(&l, "%-11s %s", l.rep.v[i].name,
		    l.rep.v[i].image_built ? "built" : "current");
	if (rc == 0) {
		/* the runtimes and their sidecars */
		struct runtime_set rs = { NULL, 0 };

		rc = runtimes_describe(&l, &rs, e);
		for (size_t i = 0; rc == 0 && i < rs.n; i++)
			if (runtime_images(&l, &rs.v[i], e) != 0 ||
			    sidecars_images(&l, &rs.v[i], e) != 0)
				rc = -1;
		runtimes_free(&rs);
	}
	if (rc == 0)
		rc = databases_images(&l, e);
	lc_close(&l);
	return rc;
}
