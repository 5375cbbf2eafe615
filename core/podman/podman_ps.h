/* podman_ps.h - what `podman ps -a --format json` says about containers.
 *
 * One `podman ps` call answers for every container mpd owns (the gateway's
 * podman_ps_managed() runs it with the mpd.managed filter); this module
 * turns its JSON into a list callers search with podman_ps_find().  It
 * understands podman 4.3's shape and its neighbours: Names an array (or a
 * plain string), Labels an object or null, State a string, Created a number
 * of seconds.
 */
#ifndef MPD_PODMAN_PS_H
#define MPD_PODMAN_PS_H

#include <stddef.h>
#include <stdint.h>

#include <mpd/plugin.h>

#include "err.h"

struct podman_label {
	char *key;
	char *value;
};

struct podman_container {
	char *name;		/* first of Names */
	char *id;		/* "" when absent */
	char *image;		/* "" when absent */
	char *pod_id;		/* Pod: the pod's id, "" when not in one (podman
				   4.3 leaves PodName empty without --pod: use
				   the mpd.pod label for the name) */
	int is_infra;		/* 1 for a pod's infra container (it carries
				   the pod's labels, so the filter finds it) */
	char *state_text;	/* podman's word: running, exited, created, ... */
	enum mpd_container_state state;	/* RUNNING for "running", else STOPPED */
	int64_t created;	/* seconds since the epoch, 0 when absent */
	struct podman_label *labels;
	size_t n_labels;
};

struct podman_ps_list {
	struct podman_container *items;
	size_t n;
};

/* Parse `len` bytes of `podman ps --format json` output into `out`
 * (which the caller then owns: podman_ps_free).  "[]", "null" and
 * whitespace only give an empty list.  On -1 (MPD_ERR_CORRUPT, message
 * naming what was wrong), `out` is empty and holds nothing to free. */
int podman_ps_parse(const char *json, size_t len, struct podman_ps_list *out,
		    struct mpd_err *e);

/* The container called `name` in `l`, or NULL.  Borrowed from `l`. */
const struct podman_container *podman_ps_find(const struct podman_ps_list *l,
					      const char *name);

/* The value of label `key` on `c`, or NULL.  Borrowed from `c`. */
const char *podman_container_label(const struct podman_container *c,
				   const char *key);

/* podman's state word mapped to the SDK's enum: "running" is RUNNING,
 * everything else (created, exited, paused, stopping, ...) is STOPPED. */
enum mpd_container_state podman_state_from_text(const char *s);

/* Free what `l` holds and empty it (not `l` itself). */
void podman_ps_free(struct podman_ps_list *l);

#endif
