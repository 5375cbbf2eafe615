/* services.h - the always-on services: described by service plugins,
 * built, created, started and kept by the core.
 *
 * services_ensure() brings every loaded service plugin's container to its
 * description with as few podman calls as the work allows: one image
 * listing for all images (core/lifecycle/images.c), one `podman ps` for all
 * containers, and then only the calls that change something.  A container
 * is recreated only when its definition changed: the core hashes the full
 * `podman run` argv, the image's inputs and the CA fingerprint into the
 * container's mpd.revision label.  A current, running service costs no
 * call at all.
 */
#ifndef MPD_SERVICES_H
#define MPD_SERVICES_H

#include <stdbool.h>
#include <stddef.h>

#include <mpd/plugin.h>

#include "err.h"
#include "plugin_loader.h"
#include "podman_ps.h"

enum service_action {
	SERVICE_KEPT = 0,	/* running and current: nothing done */
	SERVICE_STARTED,	/* existed stopped, started */
	SERVICE_CREATED,	/* did not exist */
	SERVICE_RECREATED,	/* definition changed */
	SERVICE_STOPPED,	/* services_stop() stopped it */
};

struct service_report {
	char name[64];			/* plugin name: "dnsmasq" */
	char container[96];		/* "mpd-service-dnsmasq" */
	char ip[16];
	char access[160];		/* one line for `mpd list services` */
	char dns[128];			/* its first DNS name, or "" */
	unsigned tcp_port;		/* where it answers, or 0 */
	enum service_action action;
	bool image_built;
	enum mpd_container_state state;	/* after the call */
};

struct services_report {
	struct service_report *v;	/* owned */
	size_t n;
	/* records every service answers for (name -> ip), owned strings */
	char **dns_names;
	char **dns_ips;
	size_t n_dns;
};

/* `ps_out` (may be NULL): receives the one `podman ps` listing the call
 * took (before its changes), for the caller's other questions (runtimes,
 * databases) without a second call; the caller frees it (podman_ps_free).
 *
 * Describe, build and reconcile every service plugin in `reg`.
 * `in` is what the core knows (dev user, VM, CA).  Fills `rep` (caller
 * frees with services_report_free) even on failure, as far as it got. */
int services_ensure(struct plugin_registry *reg,
		    const struct mpd_service_input *in,
		    struct services_report *rep, struct podman_ps_list *ps_out,
		    struct mpd_err *e);

/* Describe every service and build (only) the images whose inputs
 * changed: `mpd --images`, run where the package mirror is reachable. */
int services_build_images(struct plugin_registry *reg,
			  const struct mpd_service_input *in,
			  struct services_report *rep, struct mpd_err *e);

/* Stop every running mpd service container of `ps` (the caller's one
 * listing: one stop each).  Only services change here, so the listing
 * still answers for runtimes and DBs. */
int services_stop(struct services_report *rep, const struct podman_ps_list *ps,
		  struct mpd_err *e);

/* Observe, without changing anything: one ps.  Lists every service plugin
 * in `reg` (state MISSING when its container does not exist). */
int services_observe(struct plugin_registry *reg,
		     const struct mpd_service_input *in,
		     struct services_report *rep, struct podman_ps_list *ps_out,
		     struct mpd_err *e);

void services_report_free(struct services_report *rep);
const char *service_action_name(enum service_action a);

#endif
