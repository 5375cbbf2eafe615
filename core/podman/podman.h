/* podman.h - the podman gateway: every podman command mpd runs goes here.
 *
 * The rest of the core asks for container, pod, network, volume and image
 * actions through these functions; they build the argv with podman_argv.h
 * (rootful: "sudo -n podman" unless root, see there) and run it through
 * mpd_exec_run().  Every call is counted and timed separately from other
 * processes, for --debug and bench/.
 *
 * Errors: functions return 0 or -1 with `e` set; when podman ran and
 * failed, the message names the command and quotes podman's error line
 * (the last "Error: ..." line on stderr, else its first line), with a hint
 * when sudo refused.
 *
 * Status is batched: podman_ps_managed() answers for every container mpd
 * owns with ONE podman call.  Code that looks at several containers calls
 * it once and searches the list (podman_ps_find); podman_container_state()
 * is the one-container convenience for the plugin host table, and costs a
 * full `podman ps` each time.
 */
#ifndef MPD_PODMAN_H
#define MPD_PODMAN_H

#include <stdbool.h>
#include <stddef.h>

#include <mpd/plugin.h>

#include "err.h"
#include "podman_argv.h"
#include "podman_ps.h"

#define PODMAN_TIMEOUT_MS	(120 * 1000)		/* management calls */
#define PODMAN_BUILD_TIMEOUT_MS	(60 * 60 * 1000)	/* image build/import */
#define PODMAN_EXEC_TIMEOUT_MS	(30 * 60 * 1000)	/* exec without its own */
#define PODMAN_STOP_SLACK_MS	(30 * 1000)		/* beyond stop -t */

/* ---- statistics ----------------------------------------------------------- */

/* podman processes started by this process, and their summed wall time. */
unsigned long podman_call_count(void);
double podman_call_seconds(void);

/* "podman: N calls, M.MMM s" into buf (caller's storage); returns buf. */
char *podman_stats_format(char *buf, size_t n);

/* That line through mpd_debug (shown with --debug); the CLI calls it at
 * exit. */
void podman_debug_summary(void);

/* Zero the counters (tests, bench). */
void podman_stats_reset(void);

/* ---- settings ------------------------------------------------------------- */

/* Extra "KEY=VALUE" entries for every podman process's environment, on top
 * of the exec allow-list (tests point the fake podman at its files this
 * way).  Borrowed: the caller keeps `env` valid until it sets NULL. */
void podman_set_extra_env(const char *const *env);

/* ---- status --------------------------------------------------------------- */

/* Every container labelled mpd.managed=true, from one `podman ps` call.
 * `out` is the caller's (podman_ps_free); empty on -1. */
int podman_ps_managed(struct podman_ps_list *out, struct mpd_err *e);

/* The state of one container (MISSING when there is none of that name
 * among mpd's).  One full `podman ps` per call: batch with
 * podman_ps_managed() when asking about more than one.  Fits
 * plugin_host_services.container_state. */
int podman_container_state(const char *name, enum mpd_container_state *out,
			   struct mpd_err *e);

/* ---- containers ----------------------------------------------------------- */

/* Create and start (podman run -d) / only create the container `spec`
 * describes, with mpd's labels for `owner` (see podman_argv_run). */
int podman_run(const struct mpd_container_spec *spec,
	       const struct podman_owner *owner, struct mpd_err *e);
int podman_create(const struct mpd_container_spec *spec,
		  const struct podman_owner *owner, struct mpd_err *e);

int podman_start(const char *name, struct mpd_err *e);
/* Stop, giving the container `timeout_s` seconds before SIGKILL. */
int podman_stop(const char *name, int timeout_s, struct mpd_err *e);
/* Remove, stopping it first if needed (rm -f). */
int podman_rm(const char *name, struct mpd_err *e);

/* Run req->argv in req->container and capture its output.  A NULL
 * req->user runs as the user running mpd (action_ctx passes plugins' execs
 * the dev user); a timeout_ms <= 0
 * means PODMAN_EXEC_TIMEOUT_MS.  Returns 0 when the command ran, whatever
 * its exit status (out->exit_status; -1 with out->timed_out set when the
 * timeout killed it); -1 when podman could not run it (podman exit 125: no
 * such container, not running, ...).  On 0, out->out and out->err are
 * malloc'ed for the caller (free()); out->struct_size is left as the caller
 * set it. */
int podman_exec(const struct mpd_exec_request *req,
		struct mpd_exec_result *out, struct mpd_err *e);

/* The same on the user's terminal (podman exec -i -t, stdio passed
 * through, no timeout unless req->timeout_ms > 0).  *exit_status gets the
 * command's status (-1 when a signal ended it). */
int podman_exec_interactive(const struct mpd_exec_request *req,
			    int *exit_status, struct mpd_err *e);

/* ---- network and volume --------------------------------------------------- */

/* Make sure mpd-internal exists (subnet, gateway, and the DNS server where
 * this podman supports a network DNS option; podman 4.3 does not, and gets
 * the network without it).  Nothing is changed when it exists; *created
 * (may be NULL) says whether it was made now. */
int podman_network_ensure(bool *created, struct mpd_err *e);

/* Make sure mpd-data-volume exists; *created as above. */
int podman_volume_ensure(bool *created, struct mpd_err *e);

/* ---- pods ----------------------------------------------------------------- */

int podman_pod_create(const struct podman_pod_spec *pod,
		      const struct podman_owner *owner, struct mpd_err *e);
int podman_pod_exists(const char *name, bool *exists, struct mpd_err *e);
int podman_pod_start(const char *name, struct mpd_err *e);
int podman_pod_stop(const char *name, int timeout_s, struct mpd_err *e);
int podman_pod_rm(const char *name, struct mpd_err *e);

/* ---- images --------------------------------------------------------------- */

int podman_image_exists(const char *ref, bool *exists, struct mpd_err *e);
/* Build TAG (FROM base_ref when not NULL; timeout PODMAN_BUILD_TIMEOUT_MS). */
int podman_image_build(const char *tag, const char *containerfile,
		       const char *context_dir, const char *base_ref,
		       const struct mpd_kv *labels, size_t n_labels,
		       struct mpd_err *e);
/* The same with build arguments (podman_argv_image_build_args). */
int podman_image_build_args(const char *tag, const char *containerfile,
			    const char *context_dir, const char *base_ref,
			    const struct mpd_kv *args, size_t n_args,
			    const struct mpd_kv *labels, size_t n_labels,
			    struct mpd_err *e);
/* `image list --format json`; *json is malloc'ed for the caller (free()),
 * NULL on -1. */
int podman_image_list(char **json, struct mpd_err *e);
/* `image pull REF` (timeout PODMAN_BUILD_TIMEOUT_MS). */
int podman_image_pull(const char *ref, struct mpd_err *e);
int podman_image_import(const char *tarball, const char *tag,
			struct mpd_err *e);

/* The last `tail` lines a container wrote (stdout, then stderr, as
 * podman gives them); *out is malloc'ed for the caller (free()), NULL on
 * -1. */
int podman_logs(const char *name, unsigned tail, char **out,
		struct mpd_err *e);

/* `podman inspect` JSON text of one object; *json is malloc'ed for the
 * caller (free()). */
int podman_inspect(enum podman_object type, const char *name, char **json,
		   struct mpd_err *e);

#endif
