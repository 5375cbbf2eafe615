/* podman_argv.c - podman command lines (see podman_argv.h). */
#include "podman_argv.h"

#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "exec.h"
#include "paths.h"
#include "podman_check.h"
#include "podman_names.h"
#include "strv.h"

static uid_t (*euid_fn)(void) = geteuid;

void
podman_argv_set_euid_fn(uid_t (*fn)(void))
{
	euid_fn = fn != NULL ? fn : geteuid;
}

/* Labels mpd sets itself; a plugin may not supply them. */
static const char *const reserved_labels[] = {
	MPD_LABEL_MANAGED, MPD_LABEL_NAME, MPD_LABEL_IP, MPD_LABEL_TYPE,
	MPD_LABEL_KIND, MPD_LABEL_PLUGIN, MPD_LABEL_REVISION, MPD_LABEL_POD,
	MPD_LABEL_COMPOSE, NULL,
};

static const struct {
	const char *type;
	const char *compose;
} type_compose[] = {
	{ MPD_TYPE_SERVICE, MPD_COMPOSE_SERVICE },
	{ MPD_TYPE_DB, MPD_COMPOSE_DB },
	{ MPD_TYPE_RUNTIME, MPD_COMPOSE_DEV },
	{ MPD_TYPE_SIDECAR, MPD_COMPOSE_DEV },
};

static char **
finish(struct strv *b, struct mpd_err *e)
{
	char **v = strv_take(b);

	if (v == NULL)
		mpd_err_set(e, MPD_ERR_FAIL,
			    "cannot build a podman command: out of memory");
	return v;
}

static char **
fail(struct strv *b)
{
	strv_reset(b);
	return NULL;
}

/* "[sudo -n] podman" as the start of `b`. */
static int
push_prefix(struct strv *b, struct mpd_err *e)
{
	const char *bin = getenv(MPD_PODMAN_ENV);
	const char *nosudo = getenv(MPD_PODMAN_NO_SUDO_ENV);
	int sudo = euid_fn() != 0;

	if (bin != NULL && *bin != '\0') {
		if (bin[0] == '-' || strpbrk(bin, "\n\t") != NULL)
			return mpd_err_set(e, MPD_ERR_INPUT,
			    "%s='%.64s' is invalid: set it to the path of a "
			    "podman executable", MPD_PODMAN_ENV, bin);
		if (nosudo != NULL && strcmp(nosudo, "1") == 0)
			sudo = 0;
	} else {
		bin = MPD_PODMAN_BIN;
	}
	if (sudo) {
		strv_pushv(b, (const char *const[]){ MPD_SUDO_ARGV, NULL });
	}
	strv_push(b, bin);
	return 0;
}

/* A duration for timeout(1): "1s", "0.750s", "120.250s". */
static int
push_seconds(struct strv *b, int ms)
{
	if (ms % 1000 == 0)
		return strv_pushf(b, "%ds", ms / 1000);
	return strv_pushf(b, "%d.%03ds", ms / 1000, ms % 1000);
}

char **
podman_argv_limited(char *const *argv, int timeout_ms, bool foreground,
		    struct mpd_err *e)
{
	struct strv b = STRV_INIT;
	bool via_sudo = argv != NULL && argv[0] != NULL && argv[1] != NULL &&
	    strcmp(argv[0], MPD_SUDO_BIN) == 0 && strcmp(argv[1], "-n") == 0;
	size_t i = 0;

	if (argv == NULL)
		return finish(&b, e);
	if (via_sudo && timeout_ms > 0 &&
	    timeout_ms <= INT_MAX - PODMAN_ROOT_LIMIT_LAG_MS) {
		strv_push(&b, argv[0]);
		strv_push(&b, argv[1]);
		strv_push(&b, MPD_TIMEOUT_BIN);
		if (foreground)
			strv_push(&b, "--foreground");
		strv_push(&b, "-k");
		push_seconds(&b, MPD_EXEC_KILL_GRACE_MS);
		push_seconds(&b, timeout_ms + PODMAN_ROOT_LIMIT_LAG_MS);
		i = 2;
	}
	for (; argv[i] != NULL; i++)
		strv_push(&b, argv[i]);
	return finish(&b, e);
}

/* Prefix plus `words` (a NULL-terminated list of fixed words). */
static int
start(struct strv *b, struct mpd_err *e, const char *const *words)
{
	if (push_prefix(b, e) != 0)
		return -1;
	strv_pushv(b, words);
	return 0;
}

/* [prefix] verb... NAME, with NAME checked as `what`. */
static char **
simple(const char *const *words, const char *what, const char *name,
       struct mpd_err *e)
{
	struct strv b = STRV_INIT;

	if (podman_check_name(what, name, e) != 0 || start(&b, e, words) != 0)
		return fail(&b);
	strv_push(&b, name);
	return finish(&b, e);
}

/* [prefix] verb... REF, with REF checked as an image reference. */
static char **
with_image(const char *const *words, const char *ref, struct mpd_err *e)
{
	struct strv b = STRV_INIT;

	if (podman_check_image(ref, e) != 0 || start(&b, e, words) != 0)
		return fail(&b);
	strv_push(&b, ref);
	return finish(&b, e);
}

static int
check_timeout(int timeout_s, struct mpd_err *e)
{
	if (timeout_s < 0 || timeout_s > 3600)
		return mpd_err_set(e, MPD_ERR_INPUT,
		    "stop timeout %d is invalid: use 0-3600 seconds", timeout_s);
	return 0;
}

static int
push_label(struct strv *b, const char *key, const char *value,
	   struct mpd_err *e)
{
	if (podman_check_label(key, value, e) != 0)
		return -1;
	strv_push(b, "--label");
	strv_pushf(b, "%s=%s", key, value);
	return 0;	/* running out of memory shows at finish() */
}

/* Plugin-supplied labels: checked, and never one of mpd's own keys. */
static int
push_extra_labels(struct strv *b, const struct mpd_kv *labels, size_t n,
		  struct mpd_err *e)
{
	if (n > 0 && labels == NULL)
		return mpd_err_set(e, MPD_ERR_INPUT,
				   "labels are missing: %zu announced", n);
	for (size_t i = 0; i < n; i++) {
		for (const char *const *r = reserved_labels; *r; r++)
			if (labels[i].key != NULL &&
			    strcmp(labels[i].key, *r) == 0)
				return mpd_err_set(e, MPD_ERR_INPUT,
				    "label '%s' is set by mpd itself: choose "
				    "another key", *r);
		if (push_label(b, labels[i].key, labels[i].value, e) != 0)
			return -1;
	}
	return 0;
}

static const char *
compose_for(const char *type)
{
	for (size_t i = 0; i < sizeof type_compose / sizeof type_compose[0];
	     i++)
		if (type != NULL && strcmp(type, type_compose[i].type) == 0)
			return type_compose[i].compose;
	return NULL;
}

/* mpd's own labels for `owner` (ip may be NULL). */
static int
push_owner_labels(struct strv *b, const struct podman_owner *o,
		  const char *ip, const char *revision, struct mpd_err *e)
{
	const char *compose = o ? compose_for(o->type) : NULL;

	if (compose == NULL)
		return mpd_err_set(e, MPD_ERR_INPUT,
		    "container type '%.32s' is invalid: use %s, %s, %s or %s",
		    o && o->type ? o->type : "(none)", MPD_TYPE_SERVICE,
		    MPD_TYPE_DB, MPD_TYPE_RUNTIME, MPD_TYPE_SIDECAR);
	if (o->plugin == NULL || o->plugin[0] == '\0')
		return mpd_err_set(e, MPD_ERR_INPUT,
		    "the plugin that describes a container must be named");
	if (push_label(b, MPD_LABEL_MANAGED, MPD_LABEL_MANAGED_VALUE, e) ||
	    push_label(b, MPD_LABEL_TYPE, o->type, e) ||
	    push_label(b, MPD_LABEL_PLUGIN, o->plugin, e) ||
	    (o->kind && push_label(b, MPD_LABEL_KIND, o->kind, e)) ||
	    (o->name && push_label(b, MPD_LABEL_NAME, o->name, e)) ||
	    (ip && push_label(b, MPD_LABEL_IP, ip, e)) ||
	    (revision && push_label(b, MPD_LABEL_REVISION, revision, e)) ||
	    push_label(b, MPD_LABEL_COMPOSE, compose, e))
		return -1;
	return 0;
}

/* --network mpd-internal[:ip=IP,mac=MAC] and --network-alias A...
 * A static address gets a MAC derived from it (02:00 + the four octets):
 * with podman's random MAC, a recreated or restarted container was
 * unreachable for 10-30 s while neighbours kept the old MAC cached; with a
 * stable one it answers at once. */
static int
push_network(struct strv *b, const char *ip, const char *const *aliases,
	     struct mpd_err *e)
{
	unsigned o[4];

	if (ip != NULL && podman_check_ip(ip, e) != 0)
		return -1;
	strv_push(b, "--network");
	if (ip != NULL && sscanf(ip, "%u.%u.%u.%u", &o[0], &o[1], &o[2],
	    &o[3]) == 4)
		strv_pushf(b, "%s:ip=%s,mac=02:00:%02x:%02x:%02x:%02x",
		    MPD_NET_NAME, ip, o[0], o[1], o[2], o[3]);
	else
		strv_push(b, MPD_NET_NAME);
	for (const char *const *a = aliases; a != NULL && *a != NULL; a++) {
		if (podman_check_hostname("network alias", *a, e) != 0)
			return -1;
		strv_push(b, "--network-alias");
		strv_push(b, *a);
	}
	return 0;
}

static int
push_mounts(struct strv *b, const struct mpd_mount *m, size_t n,
	    struct mpd_err *e)
{
	if (n > 0 && m == NULL)
		return mpd_err_set(e, MPD_ERR_INPUT,
				   "mounts are missing: %zu announced", n);
	for (size_t i = 0; i < n; i++) {
		int rc = (m[i].flags & MPD_MOUNT_VOLUME) ?
		    podman_check_name("volume name", m[i].source, e) :
		    podman_check_path("mount source", m[i].source, 1, e);

		if (rc != 0 ||
		    podman_check_path("mount target", m[i].target, 1, e) != 0)
			return -1;
		strv_push(b, "-v");
		strv_pushf(b, "%s:%s%s", m[i].source, m[i].target,
			   (m[i].flags & MPD_MOUNT_RO) ? ":ro" : "");
	}
	return 0;
}

static int
push_env_kv(struct strv *b, const struct mpd_kv *env, size_t n,
	    struct mpd_err *e)
{
	if (n > 0 && env == NULL)
		return mpd_err_set(e, MPD_ERR_INPUT,
				   "environment is missing: %zu announced", n);
	for (size_t i = 0; i < n; i++) {
		if (podman_check_env_key(env[i].key, e) != 0)
			return -1;
		if (env[i].value == NULL)
			return mpd_err_set(e, MPD_ERR_INPUT,
			    "environment variable '%s' has no value",
			    env[i].key);
		strv_push(b, "--env");
		strv_pushf(b, "%s=%s", env[i].key, env[i].value);
	}
	return 0;
}

static int
push_env_strings(struct strv *b, const char *const *env, struct mpd_err *e)
{
	for (const char *const *p = env; p != NULL && *p != NULL; p++) {
		if (podman_check_env_kv(*p, e) != 0)
			return -1;
		strv_push(b, "--env");
		strv_push(b, *p);
	}
	return 0;
}

static int
spec_size_ok(const struct mpd_container_spec *spec, struct mpd_err *e)
{
	if (spec == NULL || spec->struct_size <
	    offsetof(struct mpd_container_spec, revision) +
	    sizeof spec->revision)
		return mpd_err_set(e, MPD_ERR_INPUT,
		    "container spec is missing or too short (struct_size %u)",
		    spec ? (unsigned)spec->struct_size : 0u);
	return 0;
}

static char **
container_argv(const char *verb, const struct mpd_container_spec *spec,
	       const struct podman_owner *o, struct mpd_err *e)
{
	const char *const words[] = { verb, NULL };
	struct strv b = STRV_INIT;
	const char *pod = o ? o->pod : NULL;

	if (spec_size_ok(spec, e) != 0 ||
	    podman_check_name("container name", spec->name, e) != 0 ||
	    podman_check_image(spec->image, e) != 0 ||
	    (pod && podman_check_name("pod name", pod, e) != 0))
		return NULL;
	if (pod != NULL && (spec->ip || spec->hostname ||
			    (spec->aliases && spec->aliases[0]))) {
		mpd_err_set(e, MPD_ERR_INPUT,
		    "container '%s' joins pod '%s': its address, aliases and "
		    "host name belong to the pod", spec->name, pod);
		return NULL;
	}
	if (start(&b, e, words) != 0)
		return fail(&b);
	if (strcmp(verb, "run") == 0)
		strv_push(&b, "-d");
	strv_push(&b, "--name");
	strv_push(&b, spec->name);
	if (pod != NULL) {
		strv_push(&b, "--pod");
		strv_push(&b, pod);
	} else {
		if (spec->hostname != NULL) {
			if (podman_check_hostname("host name", spec->hostname,
						  e) != 0)
				return fail(&b);
			strv_push(&b, "--hostname");
			strv_push(&b, spec->hostname);
		}
		if (push_network(&b, spec->ip, spec->aliases, e) != 0)
			return fail(&b);
	}
	if (push_owner_labels(&b, o, spec->ip, spec->revision, e) != 0 ||
	    (pod && push_label(&b, MPD_LABEL_POD, pod, e) != 0) ||
	    push_extra_labels(&b, spec->labels, spec->n_labels, e) != 0 ||
	    push_env_kv(&b, spec->env, spec->n_env, e) != 0 ||
	    push_mounts(&b, spec->mounts, spec->n_mounts, e) != 0)
		return fail(&b);
	if (spec->user != NULL) {
		if (podman_check_user(spec->user, e) != 0)
			return fail(&b);
		strv_push(&b, "--user");
		strv_push(&b, spec->user);
	}
	if (spec->workdir != NULL) {
		if (podman_check_path("working directory", spec->workdir, 0,
				      e) != 0)
			return fail(&b);
		strv_push(&b, "--workdir");
		strv_push(&b, spec->workdir);
	}
	if (MPD_HAS_FIELD(spec, struct mpd_container_spec, cap_drop)) {
		for (const char *const *d = spec->dns; d != NULL && *d; d++) {
			if (podman_check_ip(*d, e) != 0)
				return fail(&b);
			strv_push(&b, "--dns");
			strv_push(&b, *d);
		}
		for (const char *const *c = spec->cap_drop; c != NULL && *c;
		     c++) {
			if (podman_check_cap(*c, e) != 0)
				return fail(&b);
			strv_push(&b, "--cap-drop");
			strv_push(&b, *c);
		}
	}
	for (const char *const *c = spec->cap_add; c != NULL && *c; c++) {
		if (podman_check_cap(*c, e) != 0)
			return fail(&b);
		strv_push(&b, "--cap-add");
		strv_push(&b, *c);
	}
	if (MPD_HAS_FIELD(spec, struct mpd_container_spec, stop_timeout_s)) {
		if (spec->stop_signal != NULL) {
			if (podman_check_signal(spec->stop_signal, e) != 0)
				return fail(&b);
			strv_push(&b, "--stop-signal");
			strv_push(&b, spec->stop_signal);
		}
		if (spec->stop_timeout_s > 0) {
			strv_push(&b, "--stop-timeout");
			strv_pushf(&b, "%d", spec->stop_timeout_s);
		}
	}
	if (spec->flags & MPD_CONTAINER_SYSTEMD)
		strv_push(&b, "--systemd=always");
	if (spec->flags & MPD_CONTAINER_RESTART)
		strv_push(&b, "--restart=unless-stopped");
	if (spec->flags & MPD_CONTAINER_INIT)
		strv_push(&b, "--init");
	if (spec->flags & MPD_CONTAINER_READ_ONLY)
		strv_push(&b, "--read-only");
	if (spec->flags & MPD_CONTAINER_NO_NEW_PRIVS)
		strv_push(&b, "--security-opt=no-new-privileges");
	strv_push(&b, spec->image);
	strv_pushv(&b, spec->command);
	return finish(&b, e);
}

char **
podman_argv_run(const struct mpd_container_spec *spec,
		const struct podman_owner *owner, struct mpd_err *e)
{
	return container_argv("run", spec, owner, e);
}

char **
podman_argv_create(const struct mpd_container_spec *spec,
		   const struct podman_owner *owner, struct mpd_err *e)
{
	return container_argv("create", spec, owner, e);
}

char **
podman_argv_start(const char *name, struct mpd_err *e)
{
	static const char *const w[] = { "start", NULL };

	return simple(w, "container name", name, e);
}

char **
podman_argv_stop(const char *name, int timeout_s, struct mpd_err *e)
{
	static const char *const w[] = { "stop", "-t", NULL };
	struct strv b = STRV_INIT;

	if (check_timeout(timeout_s, e) != 0 ||
	    podman_check_name("container name", name, e) != 0 ||
	    start(&b, e, w) != 0)
		return fail(&b);
	strv_pushf(&b, "%d", timeout_s);
	strv_push(&b, name);
	return finish(&b, e);
}

char **
podman_argv_rm(const char *name, struct mpd_err *e)
{
	static const char *const w[] = { "rm", "-f", NULL };

	return simple(w, "container name", name, e);
}

char **
podman_argv_exec(const struct mpd_exec_request *req, unsigned flags,
		 struct mpd_err *e)
{
	static const char *const w[] = { "exec", NULL };
	struct strv b = STRV_INIT;

	if (req == NULL || req->struct_size <
	    offsetof(struct mpd_exec_request, timeout_ms) + sizeof(int)) {
		mpd_err_set(e, MPD_ERR_INPUT,
			    "exec request is missing or too short");
		return NULL;
	}
	if (podman_check_name("container name", req->container, e) != 0)
		return NULL;
	if (req->argv == NULL || req->argv[0] == NULL ||
	    req->argv[0][0] == '\0') {
		mpd_err_set(e, MPD_ERR_INPUT,
		    "nothing to run in container '%s': the command is empty",
		    req->container);
		return NULL;
	}
	if (start(&b, e, w) != 0)
		return fail(&b);
	if (req->user != NULL) {
		if (podman_check_user(req->user, e) != 0)
			return fail(&b);
		strv_push(&b, "-u");
		strv_push(&b, req->user);
	}
	if (req->workdir != NULL) {
		if (podman_check_path("working directory", req->workdir, 0,
				      e) != 0)
			return fail(&b);
		strv_push(&b, "-w");
		strv_push(&b, req->workdir);
	}
	if (push_env_strings(&b, req->env, e) != 0)
		return fail(&b);
	if (req->stdin_data != NULL || (flags & PODMAN_EXEC_TTY))
		strv_push(&b, "-i");
	if (flags & PODMAN_EXEC_TTY)
		strv_push(&b, "-t");
	strv_push(&b, req->container);
	strv_pushv(&b, req->argv);
	return finish(&b, e);
}

char **
podman_argv_ps(struct mpd_err *e)
{
	static const char *const w[] = {
		"ps", "-a", "--format", "json", "--filter", MPD_FILTER_MANAGED,
		NULL,
	};
	struct strv b = STRV_INIT;

	if (start(&b, e, w) != 0)
		return fail(&b);
	return finish(&b, e);
}

char **
podman_argv_network_exists(struct mpd_err *e)
{
	static const char *const w[] = { "network", "exists", NULL };

	return simple(w, "network name", MPD_NET_NAME, e);
}

char **
podman_argv_network_create(bool with_dns, struct mpd_err *e)
{
	static const char *const w[] = {
		"network", "create", "--subnet", MPD_NET_SUBNET,
		"--gateway", MPD_NET_GATEWAY, NULL,
	};
	struct strv b = STRV_INIT;

	if (start(&b, e, w) != 0)
		return fail(&b);
	if (with_dns) {
		strv_push(&b, "--dns");
		strv_push(&b, MPD_NET_DNS);
	}
	push_label(&b, MPD_LABEL_MANAGED, MPD_LABEL_MANAGED_VALUE, e);
	strv_push(&b, MPD_NET_NAME);
	return finish(&b, e);
}

char **
podman_argv_volume_exists(struct mpd_err *e)
{
	static const char *const w[] = { "volume", "exists", NULL };

	return simple(w, "volume name", MPD_VOLUME_NAME, e);
}

char **
podman_argv_volume_create(struct mpd_err *e)
{
	static const char *const w[] = { "volume", "create", NULL };
	struct strv b = STRV_INIT;

	if (start(&b, e, w) != 0)
		return fail(&b);
	push_label(&b, MPD_LABEL_MANAGED, MPD_LABEL_MANAGED_VALUE, e);
	strv_push(&b, MPD_VOLUME_NAME);
	return finish(&b, e);
}

char **
podman_argv_pod_create(const struct podman_pod_spec *pod,
		       const struct podman_owner *owner, struct mpd_err *e)
{
	static const char *const w[] = { "pod", "create", NULL };
	struct strv b = STRV_INIT;

	if (pod == NULL) {
		mpd_err_set(e, MPD_ERR_INPUT, "pod spec is missing");
		return NULL;
	}
	if (podman_check_name("pod name", pod->name, e) != 0 ||
	    start(&b, e, w) != 0)
		return fail(&b);
	strv_push(&b, "--name");
	strv_push(&b, pod->name);
	if (pod->hostname != NULL) {
		if (podman_check_hostname("host name", pod->hostname, e) != 0)
			return fail(&b);
		strv_push(&b, "--hostname");
		strv_push(&b, pod->hostname);
	}
	for (const char *const *d = pod->dns; d != NULL && *d; d++) {
		if (podman_check_ip(*d, e) != 0)
			return fail(&b);
		strv_push(&b, "--dns");
		strv_push(&b, *d);
	}
	if (push_network(&b, pod->ip, pod->aliases, e) != 0 ||
	    push_owner_labels(&b, owner, pod->ip, NULL, e) != 0 ||
	    push_extra_labels(&b, pod->labels, pod->n_labels, e) != 0)
		return fail(&b);
	return finish(&b, e);
}

char **
podman_argv_pod_exists(const char *name, struct mpd_err *e)
{
	static const char *const w[] = { "pod", "exists", NULL };

	return simple(w, "pod name", name, e);
}

char **
podman_argv_pod_start(const char *name, struct mpd_err *e)
{
	static const char *const w[] = { "pod", "start", NULL };

	return simple(w, "pod name", name, e);
}

char **
podman_argv_pod_stop(const char *name, int timeout_s, struct mpd_err *e)
{
	static const char *const w[] = { "pod", "stop", "-t", NULL };
	struct strv b = STRV_INIT;

	if (check_timeout(timeout_s, e) != 0 ||
	    podman_check_name("pod name", name, e) != 0 ||
	    start(&b, e, w) != 0)
		return fail(&b);
	strv_pushf(&b, "%d", timeout_s);
	strv_push(&b, name);
	return finish(&b, e);
}

char **
podman_argv_pod_rm(const char *name, struct mpd_err *e)
{
	static const char *const w[] = { "pod", "rm", "-f", NULL };

	return simple(w, "pod name", name, e);
}

char **
podman_argv_image_exists(const char *ref, struct mpd_err *e)
{
	static const char *const w[] = { "image", "exists", NULL };

	return with_image(w, ref, e);
}

char **
podman_argv_image_build(const char *tag, const char *containerfile,
			const char *context_dir, const char *base_ref,
			const struct mpd_kv *labels, size_t n_labels,
			struct mpd_err *e)
{
	return podman_argv_image_build_args(tag, containerfile, context_dir,
	    base_ref, NULL, 0, labels, n_labels, e);
}

/* A build argument: a name Containerfiles can declare, a value without
 * control characters. */
static int
check_build_arg(const struct mpd_kv *a, struct mpd_err *e)
{
	const char *k = a->key, *v = a->value;

	if (k == NULL || v == NULL || !((*k >= 'A' && *k <= 'Z') || *k == '_'))
		return mpd_err_set(e, MPD_ERR_INPUT,
		    "build argument '%s': names are [A-Z_][A-Z0-9_]*",
		    k ? k : "(null)");
	for (const char *c = k; *c; c++)
		if (!((*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
		    *c == '_'))
			return mpd_err_set(e, MPD_ERR_INPUT,
			    "build argument '%s': names are [A-Z_][A-Z0-9_]*",
			    k);
	if (strcmp(k, MPD_BUILD_ARG_BASE) == 0)
		return mpd_err_set(e, MPD_ERR_INPUT,
		    "build argument '%s' is mpd's own (the base image)", k);
	for (const char *c = v; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return mpd_err_set(e, MPD_ERR_INPUT,
			    "build argument '%s': the value has a control "
			    "character", k);
	return 0;
}

char **
podman_argv_image_build_args(const char *tag, const char *containerfile,
			     const char *context_dir, const char *base_ref,
			     const struct mpd_kv *args, size_t n_args,
			     const struct mpd_kv *labels, size_t n_labels,
			     struct mpd_err *e)
{
	static const char *const w[] = { "build", "--network=host", NULL };
	struct strv b = STRV_INIT;

	if (podman_check_image(tag, e) != 0 ||
	    podman_check_path("Containerfile", containerfile, 0, e) != 0 ||
	    podman_check_path("build context", context_dir, 0, e) != 0 ||
	    (base_ref != NULL && podman_check_image(base_ref, e) != 0) ||
	    start(&b, e, w) != 0)
		return fail(&b);
	if (base_ref != NULL) {
		strv_push(&b, "--build-arg");
		strv_pushf(&b, "%s=%s", MPD_BUILD_ARG_BASE, base_ref);
	}
	for (size_t i = 0; i < n_args; i++) {
		if (check_build_arg(&args[i], e) != 0)
			return fail(&b);
		strv_push(&b, "--build-arg");
		strv_pushf(&b, "%s=%s", args[i].key, args[i].value);
	}
	if (access(mpd_path(MPD_PATH_HOST_CA_BUNDLE), R_OK) == 0)
		strv_pushf(&b, "--volume=%s:" MPD_BUILD_HOST_CA ":ro",
		    mpd_path(MPD_PATH_HOST_CA_BUNDLE));
	strv_push(&b, "-t");
	strv_push(&b, tag);
	if (push_label(&b, MPD_LABEL_MANAGED, MPD_LABEL_MANAGED_VALUE, e) ||
	    push_extra_labels(&b, labels, n_labels, e) != 0)
		return fail(&b);
	strv_push(&b, "-f");
	strv_push(&b, containerfile);
	strv_push(&b, context_dir);
	return finish(&b, e);
}

char **
podman_argv_image_list(struct mpd_err *e)
{
	static const char *const w[] = { "image", "list", "--format", "json",
		NULL };
	struct strv b = STRV_INIT;

	if (start(&b, e, w) != 0)
		return fail(&b);
	return finish(&b, e);
}

char **
podman_argv_image_pull(const char *ref, struct mpd_err *e)
{
	static const char *const w[] = { "image", "pull", NULL };

	return with_image(w, ref, e);
}

char **
podman_argv_image_import(const char *tarball, const char *tag,
			 struct mpd_err *e)
{
	static const char *const w[] = { "import", NULL };
	struct strv b = STRV_INIT;

	if (podman_check_path("image tarball", tarball, 0, e) != 0 ||
	    podman_check_image(tag, e) != 0 || start(&b, e, w) != 0)
		return fail(&b);
	strv_push(&b, tarball);
	strv_push(&b, tag);
	return finish(&b, e);
}

char **
podman_argv_logs(const char *name, unsigned tail, struct mpd_err *e)
{
	static const char *const w[] = { "logs", "--tail", NULL };
	struct strv b = STRV_INIT;

	if (podman_check_name("name", name, e) != 0 || start(&b, e, w) != 0)
		return fail(&b);
	strv_pushf(&b, "%u", tail);
	strv_push(&b, name);
	return finish(&b, e);
}

char **
podman_argv_inspect(enum podman_object type, const char *name,
		    struct mpd_err *e)
{
	static const char *const types[] = {
		[PODMAN_OBJ_CONTAINER] = "container",
		[PODMAN_OBJ_IMAGE] = "image",
		[PODMAN_OBJ_POD] = "pod",
		[PODMAN_OBJ_NETWORK] = "network",
		[PODMAN_OBJ_VOLUME] = "volume",
	};
	static const char *const w[] = { "inspect", "--type", NULL };
	struct strv b = STRV_INIT;
	int rc;

	if ((unsigned)type >= sizeof types / sizeof types[0]) {
		mpd_err_set(e, MPD_ERR_INPUT, "inspect: unknown object type %d",
			    (int)type);
		return NULL;
	}
	rc = type == PODMAN_OBJ_IMAGE ? podman_check_image(name, e) :
	    podman_check_name("name", name, e);
	if (rc != 0 || start(&b, e, w) != 0)
		return fail(&b);
	strv_push(&b, types[type]);
	strv_push(&b, name);
	return finish(&b, e);
}
