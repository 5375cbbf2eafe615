/* sidecar_common.h - what the mail, WebDriver and Valkey sidecar plugins
 * share: a container in a runtime pod built from assets/sidecars/<name>/,
 * running unprivileged (all capabilities dropped, no new privileges, a
 * read-only root with tmpfs /tmp and /run), restarted with the pod.  Each
 * plugin fills in what is its own (mounts, urls) after sc_describe_begin.
 * Contract: docs/SIDECARS.md. */
#ifndef MPD_SIDECAR_COMMON_H
#define MPD_SIDECAR_COMMON_H

#include <limits.h>

#include <mpd/plugin.h>

struct sc_base {
	const struct mpd_host_api *host;
	mpd_host_ctx *ctx;
	const char *plugin;		/* the plugin's (and sidecar's) name */
	char context[PATH_MAX];		/* <assets>/sidecars/<plugin> */
	char image[96];			/* localhost/mpd-sidecar-<plugin>:latest */
	char name[128];			/* <pod>-<plugin> */
	struct mpd_container_spec spec;
	struct mpd_sidecar_desc desc;
};

/* init(): remember the host and find the build context.  MPD_OK or an
 * error set on ctx. */
int sc_init(struct sc_base *b, const struct mpd_host_api *host,
	    mpd_host_ctx *ctx, const char *plugin);

/* "<root of `which`>/<tail>" into out[n]; MPD_OK or an error set. */
int sc_host_path(struct sc_base *b, enum mpd_host_path which,
		 const char *tail, char *out, size_t n);

/* describe(): check the input and fill b->spec and b->desc with the
 * common part (wanted, container, build_context; no urls, no mounts).
 * MPD_OK or an error set. */
int sc_describe_begin(struct sc_base *b, const struct mpd_sidecar_input *in,
		      const struct mpd_sidecar_desc *out);

#endif
