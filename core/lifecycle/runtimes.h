/* runtimes.h - the runtimes: pods described by runtime plugins, built,
 * created, provisioned and kept by the core (docs/RUNTIMES.md).
 *
 * A runtime is registered when state/runtimes/<rt>/meta.json exists; it is
 * written only after provisioning finished, so a runtime that exists
 * without it (a create that was killed) is provisioned again (both phases
 * are idempotent).  Every function here works from the one `podman ps`
 * listing in l->ps (lc_ps_refresh) and adds only the calls that change
 * something.
 */
#ifndef MPD_RUNTIMES_H
#define MPD_RUNTIMES_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include <mpd/plugin.h>

#include "err.h"
#include "lifecycle_common.h"

/* One runtime definition: a runtime plugin's description.  Pointers in
 * `desc` belong to the plugin (valid for the command: each plugin is asked
 * once); the strings here are the core's. */
struct runtime_def {
	struct plugin_loaded *p;
	const char *name;		/* the plugin's (= runtime's) name */
	struct mpd_runtime_desc desc;	/* zero-extended to ABI 1.2 */
	char asset_dir[64];		/* assets/runtimes/<asset_dir>/ */
	char pod[96];			/* mpd<suffix>-<rt> */
	char hostname[128];		/* mpd-runtime-<rt><suffix> */
	char dns[128];			/* <rt>.runtime.mpd.test */
};

struct runtime_set {
	struct runtime_def *v;		/* owned array, sorted by name */
	size_t n;
};

/* Describe every runtime plugin in l's registry.  Caller frees *out with
 * runtimes_free().  -1 with `e` naming the plugin on a failed describe. */
int runtimes_describe(struct lc *l, struct runtime_set *out,
		      struct mpd_err *e);
void runtimes_free(struct runtime_set *s);

/* The definition named `name`, borrowed, or NULL. */
const struct runtime_def *runtimes_find(const struct runtime_set *s,
					const char *name);

/* The first runtime (by name) that owns project type `type`, or NULL. */
const struct runtime_def *runtimes_for_type(const struct runtime_set *s,
					    const char *type);

/* True when `d` lists `type` among its project types. */
bool runtime_owns_type(const struct runtime_def *d, const char *type);

/* True when `d` provides "KEY=VALUE" (desc.provides). */
bool runtime_provides(const struct runtime_def *d, const char *key,
		      const char *value);

/* "a, b and c": the project types of every runtime, deduplicated, into a
 * caller's buffer (for messages). */
void runtimes_type_list(const struct runtime_set *s, char *buf, size_t n);

/* The current state of runtime `d` from l->ps (its main container). */
enum mpd_container_state runtime_state(const struct lc *l,
				       const struct runtime_def *d);

/* The main container's name: "<pod>-main".  Into buf (>= 128). */
const char *runtime_main_name(const struct runtime_def *d, char *buf,
			      size_t n);

/* Build (only) the images of `d` whose inputs changed: `mpd --images`. */
int runtime_images(struct lc *l, const struct runtime_def *d,
		   struct mpd_err *e);

/* Bring `d` to running and provisioned, creating what is missing (images
 * first).  *changed (may be NULL) says whether anything was done.
 * Registers the runtime (meta.json, requested running), publishes its DNS
 * record and reconciles its sidecars when it did anything. */
int runtime_ensure(struct lc *l, const struct runtime_def *d, bool *changed,
		   struct mpd_err *e);

/* Stop the pod (when running), remove the DNS records of the runtime and
 * of its running projects (their `requested` stays), requested=stopped. */
int runtime_stop(struct lc *l, const struct runtime_def *d,
		 struct mpd_err *e);

/* The same, for the whole VM going down (--stop): the requested state of
 * the runtime stays, so --start brings it back. */
int runtime_halt(struct lc *l, const struct runtime_def *d,
		 struct mpd_err *e);

/* --start: every runtime requested running is brought up (runtime_ensure:
 * its pod started, its running projects restored). */
int runtimes_resume(struct lc *l, struct mpd_err *e);

/* --stop: every runtime pod that runs is stopped (runtime_halt). */
int runtimes_halt_all(struct lc *l, struct mpd_err *e);

/* Remove the pod and its containers, the runtime's DNS and meta.json and
 * the DNS records of its projects (they stay registered). */
int runtime_delete(struct lc *l, const struct runtime_def *d,
		   struct mpd_err *e);

/* Run `argv` in the runtime's main container as `user` (NULL: the dev
 * user), stdin from `in` (may be NULL).  Fills `out` (release with
 * mpd_exec_result-style runtime_exec_free).  -1 only when the exec itself
 * could not run; the command's status is out->exit_status. */
int runtime_exec(struct lc *l, const struct runtime_def *d, const char *user,
		 const char *const *argv, const char *const *env,
		 const char *in, int timeout_ms, struct mpd_exec_result *out,
		 struct mpd_err *e);
void runtime_exec_free(struct mpd_exec_result *r);

/* The last non-empty line of `s` (may be NULL) into buf; returns buf. */
const char *runtime_last_line(const char *s, char *buf, size_t n);

/* The last line of a command's stderr, or of its stdout when stderr is
 * empty: what a one-line error quotes.  Returns buf. */
const char *runtime_exec_message(const struct mpd_exec_result *r, char *buf,
				 size_t n);

#endif
