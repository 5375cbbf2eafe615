/* revision.h - the mpd.revision label of a container mpd creates: what
 * `podman run` would be given, the plugin's own revision, the image's
 * inputs and the CA fingerprint, hashed.  Any change in any of them means
 * the container is recreated (services, sidecars). */
#ifndef MPD_REVISION_H
#define MPD_REVISION_H

#include <mpd/plugin.h>

#include "err.h"
#include "podman_argv.h"
#include "sha256.h"

/* The revision of `spec` (its own `revision` field is hashed, not used as
 * the label) as 16 hex digits into out[MPD_SHA256_HEX] (caller's).
 * image_inputs and ca_fp may be NULL.  -1 with `e` when the spec is not
 * one podman_argv_run accepts. */
int container_revision(const struct mpd_container_spec *spec,
		       const struct podman_owner *owner,
		       const char *image_inputs, const char *ca_fp,
		       char *out, struct mpd_err *e);

#endif
