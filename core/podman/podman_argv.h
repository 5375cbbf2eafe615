/* podman_argv.h - the one place podman command lines are written.
 *
 * Pure functions: each validates its inputs (podman_check.h) and returns a
 * complete argv, prefix included, without running anything, so the exact
 * command lines are unit-tested.  The gateway (podman.h) runs them.
 *
 * The prefix: mpd drives ROOTFUL podman.  As root the argv starts with
 * "podman"; otherwise with "sudo", "-n", "podman" (never prompting: a
 * missing sudo rule fails at once).  MPD_PODMAN=/path replaces "podman";
 * with it, MPD_PODMAN_NO_SUDO=1 also drops "sudo -n" (see podman_names.h).
 *
 * Every builder returns a NULL-terminated vector the caller owns and frees
 * with strv_free(), or NULL with `e` set (MPD_ERR_INPUT for a bad value,
 * MPD_ERR_FAIL on ENOMEM).  Inputs are borrowed.
 */
#ifndef MPD_PODMAN_ARGV_H
#define MPD_PODMAN_ARGV_H

#include <stdbool.h>
#include <sys/types.h>

#include <mpd/plugin.h>

#include "err.h"

/* Who a container or pod belongs to: the labels mpd adds itself. */
struct podman_owner {
	const char *type;	/* MPD_TYPE_*: required */
	const char *plugin;	/* plugin that described it: required */
	const char *kind;	/* plugin kind ("db-engine", ...) or NULL */
	const char *name;	/* logical name (service, db id, runtime) or NULL */
	const char *pod;	/* containers only: join this pod, or NULL */
};

/* A runtime pod: it holds the network identity its containers share. */
struct podman_pod_spec {
	const char *name;
	const char *hostname;		/* NULL: podman's default */
	const char *ip;			/* static address on mpd-internal or NULL */
	const char *const *aliases;	/* NULL-terminated or NULL */
	const struct mpd_kv *labels;	/* extra labels */
	size_t n_labels;
	const char *const *dns;		/* resolvers for every container in
					   the pod, NULL-terminated or NULL */
};

enum podman_object {
	PODMAN_OBJ_CONTAINER,
	PODMAN_OBJ_IMAGE,
	PODMAN_OBJ_POD,
	PODMAN_OBJ_NETWORK,
	PODMAN_OBJ_VOLUME,
};

enum podman_exec_flags {
	PODMAN_EXEC_TTY = 1u << 0,	/* -i -t: an interactive session */
};

/* How much later than the caller's limit the root-side one fires, so the
 * caller has noted the timeout before the child ends by it. */
#define PODMAN_ROOT_LIMIT_LAG_MS	250

/* A copy of `argv` that enforces `timeout_ms` where it can act.  Through
 * sudo ("sudo -n ..." as the prefix writes it) mpd's kill() may fail with
 * EPERM (the command runs as root), so the limit moves to the root side:
 *   sudo -n timeout [--foreground] -k GRACE LIMIT podman ...
 * GRACE is MPD_EXEC_KILL_GRACE_MS (SIGTERM, then SIGKILL), LIMIT is
 * timeout_ms + PODMAN_ROOT_LIMIT_LAG_MS; timeout(1) exits 124 (or the
 * command dies by SIGKILL) when it fires.  Without --foreground timeout
 * runs the command in a process group of its own and stops all of it;
 * `foreground` (a command on the user's terminal, which must stay in the
 * terminal's group) stops only the command.  Any other argv, or
 * timeout_ms <= 0, is copied as is: mpd's own timeout can stop it.
 * sudo then sees timeout(1) as the command: a sudoers rule that allows
 * only podman would refuse it (mpd asks for NOPASSWD: ALL, see --setup).
 * Caller frees (strv_free); NULL with `e` set on ENOMEM. */
char **podman_argv_limited(char *const *argv, int timeout_ms, bool foreground,
			   struct mpd_err *e);

/* Test hook: the function that says who we are (NULL: geteuid). */
void podman_argv_set_euid_fn(uid_t (*fn)(void));

/* `podman run -d ...` (create and start) and `podman create ...` for a
 * plugin's container spec plus mpd's labels (mpd.managed, mpd.type,
 * mpd.plugin, mpd.kind, mpd.name, mpd.ip, mpd.pod, mpd.revision and the
 * compose project for the type) and network: `--network
 * mpd-internal[:ip=IP]` with `--network-alias` and `--hostname`, or
 * `--pod POD` when owner->pod is set (a pod owns the network: ip, aliases
 * and hostname are refused then).  Extra labels may not reuse the keys mpd
 * sets.  The command follows the image; it may start with '-' (arguments
 * after the image are the container's). */
char **podman_argv_run(const struct mpd_container_spec *spec,
		       const struct podman_owner *owner, struct mpd_err *e);
char **podman_argv_create(const struct mpd_container_spec *spec,
			  const struct podman_owner *owner, struct mpd_err *e);

/* start NAME / stop -t SECONDS NAME / rm -f NAME */
char **podman_argv_start(const char *name, struct mpd_err *e);
char **podman_argv_stop(const char *name, int timeout_s, struct mpd_err *e);
char **podman_argv_rm(const char *name, struct mpd_err *e);

/* exec [-u USER] [-w DIR] [--env K=V]... [-i] [-t] CONTAINER ARGV...
 * -u only when req->user is set (the gateway fills in the dev user), -i
 * when req->stdin_data is set or with PODMAN_EXEC_TTY (which adds -t). */
char **podman_argv_exec(const struct mpd_exec_request *req, unsigned flags,
			struct mpd_err *e);

/* ps -a --format json --filter label=mpd.managed=true */
char **podman_argv_ps(struct mpd_err *e);

/* network exists mpd-internal / network create --subnet --gateway [--dns]
 * --label mpd.managed=true mpd-internal.  `with_dns` adds the network DNS
 * server (podman >= 4.6 only; 4.3 answers "unknown flag: --dns"). */
char **podman_argv_network_exists(struct mpd_err *e);
char **podman_argv_network_create(bool with_dns, struct mpd_err *e);

/* volume exists mpd-data-volume / volume create --label ... mpd-data-volume */
char **podman_argv_volume_exists(struct mpd_err *e);
char **podman_argv_volume_create(struct mpd_err *e);

/* pod create --name N [--hostname H] --network mpd-internal[:ip=IP]
 * [--network-alias A]... --label ...; the owner's pod field is ignored. */
char **podman_argv_pod_create(const struct podman_pod_spec *pod,
			      const struct podman_owner *owner,
			      struct mpd_err *e);
char **podman_argv_pod_exists(const char *name, struct mpd_err *e);
char **podman_argv_pod_start(const char *name, struct mpd_err *e);
char **podman_argv_pod_stop(const char *name, int timeout_s,
			    struct mpd_err *e);
char **podman_argv_pod_rm(const char *name, struct mpd_err *e);

/* image exists REF */
char **podman_argv_image_exists(const char *ref, struct mpd_err *e);

/* build --network=host [--build-arg BASE=BASEREF] -t TAG
 * --label mpd.managed=true [--label K=V]... -f CONTAINERFILE CONTEXT_DIR
 * (both paths absolute; BASEREF, when not NULL, an image reference that the
 * Containerfile's `ARG BASE` / `FROM ${BASE}` reads) */
char **podman_argv_image_build(const char *tag, const char *containerfile,
			       const char *context_dir, const char *base_ref,
			       const struct mpd_kv *labels, size_t n_labels,
			       struct mpd_err *e);
/* The same with `--build-arg K=V` for each of `args` after BASE (names
 * [A-Z_][A-Z0-9_]*, not BASE; values without control characters). */
char **podman_argv_image_build_args(const char *tag, const char *containerfile,
				    const char *context_dir,
				    const char *base_ref,
				    const struct mpd_kv *args, size_t n_args,
				    const struct mpd_kv *labels,
				    size_t n_labels, struct mpd_err *e);

/* image list --format json   (every image: one call answers for all) */
char **podman_argv_image_list(struct mpd_err *e);

/* image pull REF */
char **podman_argv_image_pull(const char *ref, struct mpd_err *e);

/* import TARBALL TAG (TARBALL an absolute path) */
char **podman_argv_image_import(const char *tarball, const char *tag,
				struct mpd_err *e);

/* logs --tail N NAME (the container's last N lines, stdout and stderr) */
char **podman_argv_logs(const char *name, unsigned tail, struct mpd_err *e);

/* inspect --type TYPE NAME (JSON on stdout) */
char **podman_argv_inspect(enum podman_object type, const char *name,
			   struct mpd_err *e);

#endif
