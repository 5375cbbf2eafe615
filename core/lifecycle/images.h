/* images.h - mpd's container images: built by mpd itself from Containerfiles
 * under assets/, and rebuilt only when their inputs changed.
 *
 * Each image is built `podman build --network=host --build-arg BASE=<base>`
 * from a Containerfile that starts
 *
 *	ARG BASE
 *	FROM ${BASE}
 *
 * The base reference defaults to MPD_IMAGES_DEFAULT_BASE and is replaced by
 * /var/lib/mpd/conf/mpd.ini (mpd_path(MPD_PATH_MPD_INI)):
 *
 *	[images]
 *	base = localhost/mpd-debian:trixie
 *
 * (bootstrap/base-image.sh makes that image without a registry.)  A base
 * that podman does not have is pulled once.
 *
 * The inputs of an image are hashed (SHA-256) into its label mpd.inputs:
 * the base reference, the base image's ID, the Containerfile, and every
 * entry of the build context (sorted relative paths, type, permission
 * bits, file contents, symlink targets).  An image whose label matches is
 * current and left alone; any difference rebuilds it.  Files a
 * .containerignore excludes are hashed too: changing one costs a rebuild,
 * never a stale image.
 *
 * Podman is asked once for all images (podman_image_list), then once per
 * image that needs building (plus a pull and a second listing when the
 * base is missing).
 */
#ifndef MPD_IMAGES_H
#define MPD_IMAGES_H

#include <stddef.h>

#include <mpd/plugin.h>

#include "err.h"
#include "sha256.h"

#define MPD_IMAGES_DEFAULT_BASE	"docker.io/library/debian:trixie"
#define MPD_IMAGES_INI_SECTION	"images"
#define MPD_IMAGES_INI_BASE	"base"
/* The default base of a release's images ("base_<release>" unset): what
 * `bootstrap/base-image.sh --suite <release> --tag ...` makes. */
#define MPD_IMAGES_RELEASE_BASE	"localhost/mpd-debian:"

/* Build contexts larger than this many entries are refused. */
#define MPD_IMAGES_MAX_ENTRIES	20000

/* One image mpd wants.  All strings borrowed. */
struct images_want {
	const char *tag;		/* e.g. "localhost/mpd-service-portal:latest";
					   give the registry part: podman names
					   local builds "localhost/..." */
	const char *containerfile;	/* absolute path */
	const char *context_dir;	/* absolute path: the build context */
	const char *base;		/* FROM this image; NULL: the configured
					   base (images_base_ref).  May be an
					   earlier want's tag: it is built
					   first. */
	const struct mpd_kv *build_args;	/* extra --build-arg, hashed */
	size_t n_build_args;
};

/* What images_ensure() did for one want (caller's storage). */
struct images_result {
	int built;			/* 1: built now; 0: was current */
	char inputs[MPD_SHA256_HEX];	/* the mpd.inputs hash it carries */
};

/* The base reference: mpd.ini [images] base, else the default.  *out is
 * malloc'ed for the caller (free()).  -1 with `e` set for an unreadable
 * or malformed mpd.ini, an unknown key in [images], or an invalid
 * reference. */
int images_base_ref(char **out, struct mpd_err *e);

/* The base of `release`'s images: mpd.ini [images] base_<release>, else
 * MPD_IMAGES_RELEASE_BASE<release>; release NULL is images_base_ref().
 * *out as there. */
int images_base_ref_for(const char *release, char **out, struct mpd_err *e);

/* The inputs hash of `want` built FROM `base_ref` whose image ID is
 * `base_id`, as lowercase hex into out[MPD_SHA256_HEX] (caller's).  -1
 * with `e` set when the Containerfile or the context cannot be read, the
 * context holds something other than files, directories and symlinks, or
 * has more than MPD_IMAGES_MAX_ENTRIES entries. */
int images_inputs_hash(const struct images_want *want, const char *base_ref,
		       const char *base_id, char *out, struct mpd_err *e);

/* True when podman's image name `name` (as in `podman images` Names, e.g.
 * "localhost/foo:latest", "docker.io/library/debian:trixie") is what the
 * reference `ref` means: the same, or the same once ":latest" and
 * "localhost/" or "docker.io/[library/]" are added to a short reference. */
int images_ref_matches(const char *ref, const char *name);

/* Make sure each of the `n` wanted images exists with current inputs,
 * building those that are missing or stale, in order.  All wants are
 * checked before podman is asked anything.  res[i] (caller's array of n)
 * says what happened to want[i]; on -1 (`e` names the image and podman's
 * error) the results of the wants before the failure are filled. */
int images_ensure(const struct images_want *want, size_t n,
		  struct images_result *res, struct mpd_err *e);

#endif
