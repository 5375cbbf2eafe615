/* envlayer.h - the four layered env files merged the way the original's
 * source-mpd-env.sh does it, remembering which layer set each key.
 *
 * Layers, in order (later wins; "last assignment wins", as in bash):
 *   0 runtime defaults  assets/runtimes/<rt>/mpd-defaults.env
 *   1 type defaults     assets/runtimes/<rt>/project_types/<type>/mpd-defaults.env
 *   2 VM-wide           /var/lib/mpd/env/mpd-vm.env
 *   3 project           /srv/projects/<p>/mpd.env
 * An explicit KEY="" in a later layer sets the key to the empty string,
 * which overrides (blocks) every earlier layer's value.  A layer whose path
 * is NULL or does not exist is skipped silently; a layer that exists but
 * cannot be read or parsed is an error.
 */
#ifndef MPD_ENVLAYER_H
#define MPD_ENVLAYER_H

#include <stdbool.h>

#include "envfile.h"
#include "err.h"

enum mpd_env_layer {
	MPD_ENV_LAYER_RUNTIME = 0,
	MPD_ENV_LAYER_TYPE,
	MPD_ENV_LAYER_VM,
	MPD_ENV_LAYER_PROJECT,
	MPD_ENV_LAYER_COUNT
};

struct mpd_envlayer {
	/* the merged result; each entry's tag is the enum mpd_env_layer that
	 * set it and line the line in that layer's file */
	struct mpd_env env;
	char *paths[MPD_ENV_LAYER_COUNT];	/* copies of the inputs, or NULL */
	bool present[MPD_ENV_LAYER_COUNT];	/* the file existed and was read */
};

/* Load and merge the layers named by paths[] (any entry may be NULL).  out
 * is overwritten (it need not be initialised; free it with
 * mpd_envlayer_free).  On error out is left empty and e names the file and
 * line. */
int mpd_envlayer_load(const char *const paths[MPD_ENV_LAYER_COUNT],
    struct mpd_envlayer *out, struct mpd_err *e);

void mpd_envlayer_free(struct mpd_envlayer *l);

/* The resolved value of key, or NULL when no layer sets it (owned by l). */
const char *mpd_envlayer_get(const struct mpd_envlayer *l, const char *key);

/* Which layer set key: returns the layer index, or -1 when unset.  When
 * not NULL, *origin gets that layer's path (owned by l) and *line the line
 * of the assignment. */
int mpd_envlayer_source(const struct mpd_envlayer *l, const char *key,
    const char **origin, unsigned *line);

/* "runtime defaults", "type defaults", "VM-wide", "project"; static. */
const char *mpd_envlayer_name(enum mpd_env_layer layer);

#endif
