/* podman_images.c - image listing, builds FROM a base, pulls (see
 * podman_images.h). */
#include "podman_images.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podman.h"
#include "podman_argv.h"
#include "podman_check.h"
#include "strv.h"

/* "[sudo -n] podman" followed by `words`: the prefix is taken from the
 * gateway's own builder (podman_argv_image_exists: prefix + "image"
 * "exists" REF), so MPD_PODMAN, MPD_PODMAN_NO_SUDO and the root test hook
 * mean the same here as everywhere else. */
static int
start(struct strv *b, const char *const *words, struct mpd_err *e)
{
	char **probe = podman_argv_image_exists("localhost/probe", e);
	size_t n;

	if (probe == NULL)
		return -1;
	n = strv_len(strv_const(probe));
	for (size_t i = 0; i + 3 < n; i++)
		strv_push(b, probe[i]);
	strv_free(probe);
	strv_pushv(b, words);
	return 0;
}

static char **
finish(struct strv *b, struct mpd_err *e)
{
	char **v = strv_take(b);

	if (v == NULL)
		mpd_err_set(e, MPD_ERR_FAIL,
			    "cannot build a podman command: out of memory");
	return v;
}

char **
podman_argv_image_list(struct mpd_err *e)
{
	static const char *const w[] = { "image", "list", "--format", "json",
		NULL };
	struct strv b = STRV_INIT;

	if (start(&b, w, e) != 0) {
		strv_reset(&b);
		return NULL;
	}
	return finish(&b, e);
}

char **
podman_argv_image_build_from(const char *tag, const char *containerfile,
			     const char *context_dir, const char *base_ref,
			     const struct mpd_kv *labels, size_t n_labels,
			     struct mpd_err *e)
{
	char **plain, **p;
	struct strv b = STRV_INIT;
	int placed = 0;

	if (podman_check_image(base_ref, e) != 0)
		return NULL;
	plain = podman_argv_image_build(tag, containerfile, context_dir,
					labels, n_labels, e);
	if (plain == NULL)
		return NULL;
	for (p = plain; *p != NULL; p++) {
		strv_push(&b, *p);
		if (!placed && strcmp(*p, "--network=host") == 0) {
			strv_push(&b, "--build-arg");
			strv_pushf(&b, "%s=%s", MPD_BUILD_ARG_BASE, base_ref);
			placed = 1;
		}
	}
	strv_free(plain);
	if (!placed) {
		strv_reset(&b);
		mpd_err_set(e, MPD_ERR_FAIL, "podman build command has no "
			    "--network=host: cannot place the BASE argument");
		return NULL;
	}
	return finish(&b, e);
}

char **
podman_argv_image_pull(const char *ref, struct mpd_err *e)
{
	static const char *const w[] = { "image", "pull", NULL };
	struct strv b = STRV_INIT;

	if (podman_check_image(ref, e) != 0 || start(&b, w, e) != 0) {
		strv_reset(&b);
		return NULL;
	}
	strv_push(&b, ref);
	return finish(&b, e);
}


int
podman_image_list(char **json, struct mpd_err *e)
{
	return podman_run_argv(podman_argv_image_list(e), "podman image list",
		   PODMAN_TIMEOUT_MS, json, e);
}

int
podman_image_build_from(const char *tag, const char *containerfile,
			const char *context_dir, const char *base_ref,
			const struct mpd_kv *labels, size_t n_labels,
			struct mpd_err *e)
{
	char what[320];

	snprintf(what, sizeof what, "podman build of '%.200s'",
		 tag ? tag : "(null)");
	return podman_run_argv(podman_argv_image_build_from(tag, containerfile,
		   context_dir, base_ref, labels, n_labels, e), what,
		   PODMAN_BUILD_TIMEOUT_MS, NULL, e);
}

int
podman_image_pull(const char *ref, struct mpd_err *e)
{
	char what[320];

	snprintf(what, sizeof what, "podman pull of '%.200s'",
		 ref ? ref : "(null)");
	return podman_run_argv(podman_argv_image_pull(ref, e), what,
		   PODMAN_BUILD_TIMEOUT_MS, NULL, e);
}
