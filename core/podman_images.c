/* podman_images.c - image listing, builds FROM a base, pulls (see
 * podman_images.h). */
#include "podman_images.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exec.h"
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

/* The line of podman's stderr worth quoting: the last line starting
 * "Error:", else the last non-empty line; into buf (caller's). */
static const char *
error_line(const char *err, char *buf, size_t n)
{
	const char *pick = NULL, *last = NULL;
	size_t len;

	for (const char *p = err; p != NULL && *p != '\0';) {
		const char *nl = strchr(p, '\n');
		size_t l = nl ? (size_t)(nl - p) : strlen(p);

		if (l > 0)
			last = p;
		if (strncmp(p, "Error:", 6) == 0)
			pick = p;
		p = nl ? nl + 1 : NULL;
	}
	if (pick == NULL)
		pick = last;
	if (pick == NULL) {
		snprintf(buf, n, "(no error message)");
		return buf;
	}
	len = strcspn(pick, "\r\n");
	if (len >= n)
		len = n - 1;
	memcpy(buf, pick, len);
	buf[len] = '\0';
	return buf;
}

/* Run `argv` (consumed); on success *out (if not NULL) gets its stdout. */
static int
run(char **argv, const char *what, int timeout_ms, char **out,
    struct mpd_err *e)
{
	struct mpd_exec_spec spec = { .timeout_ms = timeout_ms };
	struct mpd_exec_outcome res;
	char line[320];
	int rc;

	if (out != NULL)
		*out = NULL;
	if (argv == NULL)
		return -1;
	spec.argv = strv_const(argv);
	rc = mpd_exec_run(&spec, &res, e);
	strv_free(argv);
	if (rc != 0)
		return mpd_err_prefix(e, "%s", what);
	if (res.timed_out)
		rc = mpd_err_set(e, MPD_ERR_TIMEOUT,
		    "%s timed out after %d s and was stopped", what,
		    timeout_ms / 1000);
	else if (res.exit_status != 0 && strstr(res.err, "sudo:") != NULL &&
		 strstr(res.err, "password is required") != NULL)
		rc = mpd_err_set(e, MPD_ERR_EXEC,
		    "%s failed: sudo asked for a password: mpd needs "
		    "passwordless sudo for podman", what);
	else if (res.exit_status < 0)
		rc = mpd_err_set(e, MPD_ERR_EXEC, "%s was killed by signal %d",
				 what, res.term_signal);
	else if (res.exit_status != 0)
		rc = mpd_err_set(e, MPD_ERR_EXEC, "%s failed (exit %d): %s",
		    what, res.exit_status, error_line(res.err, line,
		    sizeof line));
	if (rc == 0 && out != NULL) {
		*out = res.out;
		res.out = NULL;
	}
	mpd_exec_result_free(&res);
	return rc;
}

int
podman_image_list(char **json, struct mpd_err *e)
{
	return run(podman_argv_image_list(e), "podman image list",
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
	return run(podman_argv_image_build_from(tag, containerfile,
		   context_dir, base_ref, labels, n_labels, e), what,
		   PODMAN_BUILD_TIMEOUT_MS, NULL, e);
}

int
podman_image_pull(const char *ref, struct mpd_err *e)
{
	char what[320];

	snprintf(what, sizeof what, "podman pull of '%.200s'",
		 ref ? ref : "(null)");
	return run(podman_argv_image_pull(ref, e), what,
		   PODMAN_BUILD_TIMEOUT_MS, NULL, e);
}
