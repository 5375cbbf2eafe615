/* hook_collect.h - which scripts an event runs: the layer directories of
 * each audience and the `*.sh` files in them (docs/HOOKS.md, "Layers").
 *
 *   runtime   assets/runtime-base/hooks
 *             assets/runtimes/<asset dir>/hooks
 *             assets/runtimes/<asset dir>/project_types/<type>/hooks
 *                                          (project events only)
 *   database  assets/dbs/<engine>/hooks
 *   service   assets/services/<name>/hooks
 *   project   <project tree>/.mpd/hooks    (listed inside the runtime)
 *
 * Each layer's `<event>.d/` is read in name order (strcmp, bytewise);
 * only regular files named `*.sh` (not starting with '.') count.  Layers
 * are taken in the order above.  The asset layers are read on this host
 * (mpd_path(MPD_PATH_ASSETS)); containers see the same tree at
 * MPD_CONTAINER_ASSETS.
 */
#ifndef MPD_HOOK_COLLECT_H
#define MPD_HOOK_COLLECT_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "hook_events.h"

#define HOOK_LAYER_MAX	3

/* One layer: a `hooks` directory relative to the assets root. */
struct hook_layer {
	unsigned audience;		/* one enum hook_audience bit */
	char rel[192];			/* e.g. "runtimes/php/hooks" */
};

struct hook_script {
	char *name;		/* "90-graceful-stop.sh" */
	char *path;		/* where the container sees it */
	char *host_path;	/* where this host sees it, or NULL (listed
				   in a container: project hooks) */
};

struct hook_list {
	struct hook_script *v;	/* owned */
	size_t n;
};

/* Free every entry; leaves the list empty. */
void hook_list_free(struct hook_list *l);

/* Append one script (copies the strings; host_path may be NULL).  0, or
 * -1 on ENOMEM. */
int hook_list_add(struct hook_list *l, const char *name, const char *path,
		  const char *host_path);

/* True for a hook's file name: ends in ".sh", does not start with '.',
 * no '/'. */
bool hook_name_ok(const char *name);

/* The runtime audience's layers for runtime asset dir `asset_dir` and
 * project type `type` (NULL or "": no type layer) into out[], count in
 * *n.  -1 (MPD_ERR_INPUT) for a name that is not a plain directory name. */
int hook_layers_runtime(const char *asset_dir, const char *type,
			struct hook_layer out[HOOK_LAYER_MAX], size_t *n,
			struct mpd_err *e);
/* The database audience's layer of `engine`; the service audience's of
 * service `name`. */
int hook_layer_database(const char *engine, struct hook_layer *out,
			struct mpd_err *e);
int hook_layer_service(const char *name, struct hook_layer *out,
		       struct mpd_err *e);

/* Append the scripts of `ev` in `layers` (n of them, in order), each
 * layer's in name order.  A missing directory has none.  -1 when a
 * directory cannot be read (MPD_ERR_IO naming it). */
int hook_collect(const struct hook_event *ev, const struct hook_layer *layers,
		 size_t n, struct hook_list *out, struct mpd_err *e);

#endif
