/* podman_images.h - the podman commands mpd's image builds need beyond
 * podman.h: one listing of every image, a build with the base as a build
 * argument, and a pull.
 *
 * Like podman_argv.h, the argv builders are pure (validated inputs, a
 * complete argv with the "[sudo -n] podman" prefix, caller frees with
 * strv_free(), NULL with `e` set); the runners beside them execute one
 * argv through mpd_exec_run() and report podman's error line.
 *
 * Note: these runners do not pass podman_set_extra_env()'s entries and are
 * not in podman_call_count(); they move into the gateway (podman.c) once it
 * exposes a way to run an argv it did not build itself.
 */
#ifndef MPD_PODMAN_IMAGES_H
#define MPD_PODMAN_IMAGES_H

#include <stddef.h>

#include <mpd/plugin.h>

#include "err.h"
#include "podman_names.h"


/* The build argument a Containerfile's `ARG BASE` / `FROM ${BASE}` reads. */

/* image list --format json   (every image: one call answers for all) */
char **podman_argv_image_list(struct mpd_err *e);

/* build --network=host --build-arg BASE=BASEREF -t TAG
 * --label mpd.managed=true [--label K=V]... -f CONTAINERFILE CONTEXT_DIR
 * (podman_argv_image_build() plus the build argument; both paths
 * absolute, BASEREF an image reference). */
char **podman_argv_image_build_from(const char *tag, const char *containerfile,
				    const char *context_dir,
				    const char *base_ref,
				    const struct mpd_kv *labels,
				    size_t n_labels, struct mpd_err *e);

/* image pull REF */
char **podman_argv_image_pull(const char *ref, struct mpd_err *e);

/* Run `image list --format json`; *json is malloc'ed for the caller
 * (free()), NULL on -1. */
int podman_image_list(char **json, struct mpd_err *e);

/* Run the build above (timeout PODMAN_BUILD_TIMEOUT_MS). */
int podman_image_build_from(const char *tag, const char *containerfile,
			    const char *context_dir, const char *base_ref,
			    const struct mpd_kv *labels, size_t n_labels,
			    struct mpd_err *e);

/* Run `image pull REF` (timeout PODMAN_BUILD_TIMEOUT_MS). */
int podman_image_pull(const char *ref, struct mpd_err *e);

#endif
