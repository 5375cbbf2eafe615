/* podman.c - the podman gateway (see podman.h). */
#include "podman.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exec.h"
#include "log.h"
#include "podman_check.h"
#include "podman_names.h"
#include "strv.h"

static unsigned long calls;
static double call_seconds;
static const char *const *extra_env;

/* ---- statistics and settings --------------------------------------------- */

unsigned long
podman_call_count(void)
{
	return calls;
}

double
podman_call_seconds(void)
{
	return call_seconds;
}

char *
podman_stats_format(char *buf, size_t n)
{
	snprintf(buf, n, "podman: %lu call%s, %.3f s", calls,
		 calls == 1 ? "" : "s", call_seconds);
	return buf;
}

void
podman_debug_summary(void)
{
	char line[96];

	mpd_debug("%s", podman_stats_format(line, sizeof line));
}

void
podman_stats_reset(void)
{
	calls = 0;
	call_seconds = 0;
}

void
podman_set_extra_env(const char *const *env)
{
	extra_env = env;
}

/* Whoever runs mpd: the passwd entry's name (static storage); NULL with
 * `e` set when there is none. */
static const char *
current_user(struct mpd_err *e)
{
	struct passwd *pw;

	pw = getpwuid(getuid());
	if (pw == NULL || pw->pw_name == NULL) {
		mpd_err_set(e, MPD_ERR_FAIL,
		    "cannot tell who runs mpd (uid %u has no passwd entry): "
		    "add one, or pass a user with the request",
		    (unsigned)getuid());
		return NULL;
	}
	return pw->pw_name;
}

/* ---- running -------------------------------------------------------------- */

/* The line of podman's stderr worth quoting: the last "Error: ..." line,
 * else the first non-empty one, into buf (caller's). */
static const char *
stderr_line(const char *err, char *buf, size_t n)
{
	const char *pick = NULL, *first = NULL;
	size_t len;

	for (const char *p = err; p != NULL && *p != '\0';) {
		const char *nl = strchr(p, '\n');
		size_t l = nl ? (size_t)(nl - p) : strlen(p);

		if (l > 0 && first == NULL)
			first = p;
		if (strncmp(p, "Error:", 6) == 0)
			pick = p;
		p = nl ? nl + 1 : NULL;
	}
	if (pick == NULL)
		pick = first;
	if (pick == NULL) {
		snprintf(buf, n, "(no error message)");
		return buf;
	}
	len = strcspn(pick, "\r\n");
	if (len >= n)
		len = n - 1;
	memcpy(buf, pick, len);
	buf[len] = '\0';
	return buf;
}

/* Run one podman argv.  0 when it ran (check res), -1 when it could not
 * start, or timed out (then res is released). */
static int
call(char **argv, const void *in, size_t in_len, int timeout_ms,
     uint32_t flags, struct mpd_exec_outcome *res, struct mpd_err *e)
{
	/* through sudo the limit is enforced on the root side as well */
	char **limited = podman_argv_limited(argv, timeout_ms,
	    (flags & MPD_EXEC_INHERIT_STDIO) != 0, e);
	struct mpd_exec_spec spec = {
		.argv = strv_const(limited),
		.env = extra_env,
		.stdin_data = in,
		.stdin_len = in_len,
		.timeout_ms = timeout_ms,
		.flags = flags,
	};
	int rc;

	if (limited == NULL)
		return -1;
	rc = mpd_exec_run(&spec, res, e);
	strv_free(limited);
	if (rc != 0)
		return -1;
	calls++;
	call_seconds += res->seconds;
	return 0;
}

/* -1 with a message for a podman run that failed or timed out; 0 when it
 * exited 0.  Releases res on failure. */
static int
check_ok(struct mpd_exec_outcome *res, const char *what, int timeout_ms,
	 struct mpd_err *e)
{
	char line[320];

	if (res->timed_out) {
		mpd_exec_result_free(res);
		return mpd_err_set(e, MPD_ERR_TIMEOUT,
		    "%s timed out after %g s and was stopped", what,
		    timeout_ms / 1000.0);
	}
	if (res->exit_status == 0)
		return 0;
	stderr_line(res->err, line, sizeof line);
	if (strstr(res->err, "sudo:") != NULL &&
	    strstr(res->err, "password is required") != NULL)
		mpd_err_set(e, MPD_ERR_EXEC,
		    "%s failed: sudo asked for a password: mpd needs "
		    "passwordless sudo for podman (%s)", what, line);
	else if ((strstr(res->err, "sudo:") != NULL &&
		  strstr(res->err, "command not found") != NULL) ||
		 (res->exit_status == 127 &&
		  strstr(res->err, MPD_TIMEOUT_BIN ": failed to run command")))
		mpd_err_set(e, MPD_ERR_EXEC,
		    "%s failed: podman is not installed: apt-get install "
		    "podman (%s)", what, line);
	else if (res->exit_status < 0)
		mpd_err_set(e, MPD_ERR_EXEC, "%s was killed by signal %d",
			    what, res->term_signal);
	else
		mpd_err_set(e, MPD_ERR_EXEC, "%s failed (exit %d): %s", what,
			    res->exit_status, line);
	mpd_exec_result_free(res);
	return -1;
}

/* Build-then-run for commands whose only answer is success or failure. */
static int
run_simple(char **argv, const char *what, int timeout_ms, struct mpd_err *e)
{
	struct mpd_exec_outcome res;
	int rc;

	if (argv == NULL)
		return -1;
	rc = call(argv, NULL, 0, timeout_ms, 0, &res, e);
	strv_free(argv);
	if (rc != 0 || check_ok(&res, what, timeout_ms, e) != 0)
		return -1;
	mpd_exec_result_free(&res);
	return 0;
}

/* Like run_simple, with podman's stdout in *out (malloc'ed for the caller;
 * NULL on -1). */
static int
run_output(char **argv, const char *what, int timeout_ms, char **out,
	   struct mpd_err *e)
{
	struct mpd_exec_outcome res;
	int rc;

	if (out != NULL)
		*out = NULL;
	if (argv == NULL)
		return -1;
	rc = call(argv, NULL, 0, timeout_ms, 0, &res, e);
	strv_free(argv);
	if (rc != 0 || check_ok(&res, what, timeout_ms, e) != 0)
		return -1;
	if (out != NULL) {
		*out = res.out;
		res.out = NULL;
	}
	mpd_exec_result_free(&res);
	return 0;
}

/* For `exists` commands: exit 0 yes, 1 no, anything else an error. */
static int
run_exists(char **argv, const char *what, bool *exists, struct mpd_err *e)
{
	struct mpd_exec_outcome res;
	int rc;

	if (argv == NULL)
		return -1;
	rc = call(argv, NULL, 0, PODMAN_TIMEOUT_MS, 0, &res, e);
	strv_free(argv);
	if (rc != 0)
		return -1;
	if (!res.timed_out && (res.exit_status == 0 || res.exit_status == 1)) {
		*exists = res.exit_status == 0;
		mpd_exec_result_free(&res);
		return 0;
	}
	check_ok(&res, what, PODMAN_TIMEOUT_MS, e);
	return -1;
}

/* Wall-clock allowance for a stop with `timeout_s` (invalid values are
 * refused by the argv builder; this only keeps the sum in range). */
static int
stop_allowance_ms(int timeout_s)
{
	if (timeout_s < 0 || timeout_s > 3600)
		timeout_s = 0;
	return timeout_s * 1000 + PODMAN_STOP_SLACK_MS;
}

static char *
describe(const char *verb, const char *name)
{
	static char buf[200];

	snprintf(buf, sizeof buf, "podman %s '%.120s'", verb,
		 name ? name : "(null)");
	return buf;
}

/* ---- status --------------------------------------------------------------- */

int
podman_ps_managed(struct podman_ps_list *out, struct mpd_err *e)
{
	struct mpd_exec_outcome res;
	char **argv = podman_argv_ps(e);
	int rc;

	out->items = NULL;
	out->n = 0;
	if (argv == NULL)
		return -1;
	rc = call(argv, NULL, 0, PODMAN_TIMEOUT_MS, 0, &res, e);
	strv_free(argv);
	if (rc != 0 || check_ok(&res, "podman ps", PODMAN_TIMEOUT_MS, e) != 0)
		return -1;
	rc = podman_ps_parse(res.out, res.out_len, out, e);
	mpd_exec_result_free(&res);
	return rc;
}

int
podman_container_state(const char *name, enum mpd_container_state *out,
		       struct mpd_err *e)
{
	struct podman_ps_list list;
	const struct podman_container *c;

	if (podman_check_name("container name", name, e) != 0 ||
	    podman_ps_managed(&list, e) != 0)
		return -1;
	c = podman_ps_find(&list, name);
	*out = c ? c->state : MPD_CONTAINER_MISSING;
	podman_ps_free(&list);
	return 0;
}

/* ---- containers ----------------------------------------------------------- */

int
podman_run(const struct mpd_container_spec *spec,
	   const struct podman_owner *owner, struct mpd_err *e)
{
	char **argv = podman_argv_run(spec, owner, e);

	return run_simple(argv, describe("run", argv ? spec->name : NULL),
			  PODMAN_TIMEOUT_MS, e);
}

int
podman_create(const struct mpd_container_spec *spec,
	      const struct podman_owner *owner, struct mpd_err *e)
{
	char **argv = podman_argv_create(spec, owner, e);

	return run_simple(argv, describe("create", argv ? spec->name : NULL),
			  PODMAN_TIMEOUT_MS, e);
}

int
podman_start(const char *name, struct mpd_err *e)
{
	return run_simple(podman_argv_start(name, e), describe("start", name),
			  PODMAN_TIMEOUT_MS, e);
}

int
podman_stop(const char *name, int timeout_s, struct mpd_err *e)
{
	return run_simple(podman_argv_stop(name, timeout_s, e),
			  describe("stop", name),
			  stop_allowance_ms(timeout_s), e);
}

int
podman_rm(const char *name, struct mpd_err *e)
{
	return run_simple(podman_argv_rm(name, e), describe("rm", name),
			  PODMAN_TIMEOUT_MS, e);
}

/* The request with its user filled in, as an argv (caller frees). */
static char **
exec_argv(const struct mpd_exec_request *req, unsigned flags,
	  struct mpd_err *e)
{
	struct mpd_exec_request r;

	if (req == NULL || req->struct_size <
	    offsetof(struct mpd_exec_request, timeout_ms) + sizeof(int))
		return podman_argv_exec(req, flags, e);	/* its message */
	r = *req;
	r.struct_size = sizeof r;
	if (r.user == NULL && (r.user = current_user(e)) == NULL)
		return NULL;
	return podman_argv_exec(&r, flags, e);
}

int
podman_exec(const struct mpd_exec_request *req, struct mpd_exec_result *out,
	    struct mpd_err *e)
{
	struct mpd_exec_outcome res;
	char **argv = exec_argv(req, 0, e);
	int timeout, rc;
	char line[320];

	if (argv == NULL)
		return -1;
	timeout = req->timeout_ms > 0 ? req->timeout_ms : PODMAN_EXEC_TIMEOUT_MS;
	rc = call(argv, req->stdin_data, req->stdin_len, timeout, 0, &res, e);
	strv_free(argv);
	if (rc != 0)
		return -1;
	if (!res.timed_out && res.exit_status == 125) {
		mpd_err_set(e, MPD_ERR_EXEC, "podman exec in '%s' failed: %s",
			    req->container,
			    stderr_line(res.err, line, sizeof line));
		mpd_exec_result_free(&res);
		return -1;
	}
	out->exit_status = res.exit_status;
	out->timed_out = res.timed_out;
	out->out = res.out;
	out->out_len = res.out_len;
	out->err = res.err;
	out->err_len = res.err_len;
	return 0;
}

int
podman_exec_interactive(const struct mpd_exec_request *req, int *exit_status,
			struct mpd_err *e)
{
	struct mpd_exec_outcome res;
	char **argv = exec_argv(req, PODMAN_EXEC_TTY, e);
	int rc;

	if (argv == NULL)
		return -1;
	rc = call(argv, req->stdin_data, req->stdin_len, req->timeout_ms,
		  MPD_EXEC_INHERIT_STDIO, &res, e);
	strv_free(argv);
	if (rc != 0)
		return -1;
	*exit_status = res.exit_status;
	mpd_exec_result_free(&res);
	return 0;
}

/* ---- network and volume --------------------------------------------------- */

static int
network_create(bool with_dns, struct mpd_exec_outcome *res, struct mpd_err *e)
{
	char **argv = podman_argv_network_create(with_dns, e);
	int rc;

	if (argv == NULL)
		return -1;
	rc = call(argv, NULL, 0, PODMAN_TIMEOUT_MS, 0, res, e);
	strv_free(argv);
	return rc;
}

int
podman_network_ensure(bool *created, struct mpd_err *e)
{
	struct mpd_exec_outcome res;
	const char *what = "podman network create " MPD_NET_NAME;
	bool exists;

	if (created != NULL)
		*created = false;
	if (run_exists(podman_argv_network_exists(e), "podman network exists",
		       &exists, e) != 0)
		return -1;
	if (exists)
		return 0;
	if (network_create(true, &res, e) != 0)
		return -1;
	if (!res.timed_out && res.exit_status != 0 &&
	    strstr(res.err, "unknown flag: --dns") != NULL) {
		mpd_debug("podman has no network --dns option; creating %s "
			  "without it", MPD_NET_NAME);
		mpd_exec_result_free(&res);
		if (network_create(false, &res, e) != 0)
			return -1;
	}
	if (check_ok(&res, what, PODMAN_TIMEOUT_MS, e) != 0) {
		struct mpd_err again = { 0 };

		/* made meanwhile by another mpd? then all is well */
		if (run_exists(podman_argv_network_exists(&again),
			       "podman network exists", &exists, &again) == 0 &&
		    exists)
			return 0;
		return -1;
	}
	mpd_exec_result_free(&res);
	if (created != NULL)
		*created = true;
	return 0;
}

int
podman_volume_ensure(bool *created, struct mpd_err *e)
{
	struct mpd_err again = { 0 };
	bool exists;

	if (created != NULL)
		*created = false;
	if (run_exists(podman_argv_volume_exists(e), "podman volume exists",
		       &exists, e) != 0)
		return -1;
	if (exists)
		return 0;
	if (run_simple(podman_argv_volume_create(e),
		       "podman volume create " MPD_VOLUME_NAME,
		       PODMAN_TIMEOUT_MS, e) == 0) {
		if (created != NULL)
			*created = true;
		return 0;
	}
	if (run_exists(podman_argv_volume_exists(&again),
		       "podman volume exists", &exists, &again) == 0 && exists)
		return 0;
	return -1;
}

/* ---- pods ----------------------------------------------------------------- */

int
podman_pod_create(const struct podman_pod_spec *pod,
		  const struct podman_owner *owner, struct mpd_err *e)
{
	char **argv = podman_argv_pod_create(pod, owner, e);

	return run_simple(argv, describe("pod create", argv ? pod->name : NULL),
			  PODMAN_TIMEOUT_MS, e);
}

int
podman_pod_exists(const char *name, bool *exists, struct mpd_err *e)
{
	return run_exists(podman_argv_pod_exists(name, e),
			  describe("pod exists", name), exists, e);
}

int
podman_pod_start(const char *name, struct mpd_err *e)
{
	return run_simple(podman_argv_pod_start(name, e),
			  describe("pod start", name), PODMAN_TIMEOUT_MS, e);
}

int
podman_pod_stop(const char *name, int timeout_s, struct mpd_err *e)
{
	return run_simple(podman_argv_pod_stop(name, timeout_s, e),
			  describe("pod stop", name),
			  stop_allowance_ms(timeout_s), e);
}

int
podman_pod_rm(const char *name, struct mpd_err *e)
{
	return run_simple(podman_argv_pod_rm(name, e),
			  describe("pod rm", name), PODMAN_TIMEOUT_MS, e);
}

/* ---- images --------------------------------------------------------------- */

int
podman_image_exists(const char *ref, bool *exists, struct mpd_err *e)
{
	return run_exists(podman_argv_image_exists(ref, e),
			  describe("image exists", ref), exists, e);
}

int
podman_image_build(const char *tag, const char *containerfile,
		   const char *context_dir, const char *base_ref,
		   const struct mpd_kv *labels, size_t n_labels,
		   struct mpd_err *e)
{
	return run_simple(podman_argv_image_build(tag, containerfile,
						  context_dir, base_ref,
						  labels, n_labels, e),
			  describe("build", tag), PODMAN_BUILD_TIMEOUT_MS, e);
}

int
podman_image_build_args(const char *tag, const char *containerfile,
			const char *context_dir, const char *base_ref,
			const struct mpd_kv *args, size_t n_args,
			const struct mpd_kv *labels, size_t n_labels,
			struct mpd_err *e)
{
	return run_simple(podman_argv_image_build_args(tag, containerfile,
						       context_dir, base_ref,
						       args, n_args, labels,
						       n_labels, e),
			  describe("build", tag), PODMAN_BUILD_TIMEOUT_MS, e);
}

int
podman_image_list(char **json, struct mpd_err *e)
{
	return run_output(podman_argv_image_list(e), "podman image list",
			  PODMAN_TIMEOUT_MS, json, e);
}

int
podman_image_pull(const char *ref, struct mpd_err *e)
{
	return run_simple(podman_argv_image_pull(ref, e),
			  describe("pull", ref), PODMAN_BUILD_TIMEOUT_MS, e);
}

int
podman_image_import(const char *tarball, const char *tag, struct mpd_err *e)
{
	return run_simple(podman_argv_image_import(tarball, tag, e),
			  describe("import", tag), PODMAN_BUILD_TIMEOUT_MS, e);
}

int
podman_inspect(enum podman_object type, const char *name, char **json,
	       struct mpd_err *e)
{
	struct mpd_exec_outcome res;
	char **argv = podman_argv_inspect(type, name, e);
	int rc;

	*json = NULL;
	if (argv == NULL)
		return -1;
	rc = call(argv, NULL, 0, PODMAN_TIMEOUT_MS, 0, &res, e);
	strv_free(argv);
	if (rc != 0 || check_ok(&res, describe("inspect", name),
				PODMAN_TIMEOUT_MS, e) != 0)
		return -1;
	*json = res.out;
	res.out = NULL;
	mpd_exec_result_free(&res);
	return 0;
}

int
podman_logs(const char *name, unsigned tail, char **out, struct mpd_err *e)
{
	struct mpd_exec_outcome res;
	char **argv = podman_argv_logs(name, tail, e);
	size_t no, ne;
	int rc;

	*out = NULL;
	if (argv == NULL)
		return -1;
	rc = call(argv, NULL, 0, PODMAN_TIMEOUT_MS, 0, &res, e);
	strv_free(argv);
	if (rc != 0 || check_ok(&res, describe("logs", name),
				PODMAN_TIMEOUT_MS, e) != 0)
		return -1;
	no = res.out ? strlen(res.out) : 0;
	ne = res.err ? strlen(res.err) : 0;
	if ((*out = malloc(no + ne + 2)) == NULL) {
		mpd_exec_result_free(&res);
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	}
	snprintf(*out, no + ne + 2, "%s%s%s", no ? res.out : "",
	    no && res.out[no - 1] != '\n' ? "\n" : "", ne ? res.err : "");
	mpd_exec_result_free(&res);
	return 0;
}
