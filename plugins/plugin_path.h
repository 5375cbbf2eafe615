/* plugin_path.h - "<root of a host path>/<tail>" for the in-tree plugins
 * (services, sidecars): one helper instead of one per plugin family. */
#ifndef MPD_PLUGIN_PATH_H
#define MPD_PLUGIN_PATH_H

#include <stdio.h>

#include <mpd/plugin.h>

/* The host's path `which`, then "/<tail>" when tail is not empty, into
 * out[n].  MPD_OK, or MPD_EINVAL with the message set on ctx. */
static inline int
plugin_host_path(const struct mpd_host_api *host, mpd_host_ctx *ctx,
		 enum mpd_host_path which, const char *tail, char *out,
		 size_t n)
{
	const char *root = host->path(ctx, which);
	int w;

	if (root == NULL)
		return host->set_error(ctx, MPD_EINVAL,
		    "the host gave no path for %d", (int)which);
	w = snprintf(out, n, "%s%s%s", root, tail && *tail ? "/" : "",
	    tail ? tail : "");
	if (w < 0 || (size_t)w >= n)
		return host->set_error(ctx, MPD_EINVAL, "path too long: %s/%s",
		    root, tail ? tail : "");
	return MPD_OK;
}

#endif
