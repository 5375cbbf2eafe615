/* plugin_host.h - the host table the core hands every plugin.
 *
 * One `struct mpd_host_api` (static, shared) and one `mpd_host_ctx` per
 * loaded plugin (its name, its [plugin.<name>] config section from
 * /var/lib/mpd/conf/mpd.ini, its last error, cached paths).  Contexts carry
 * a magic number; a plugin passing a foreign pointer is caught, not obeyed.
 *
 * The podman, state and certificate slots call through `struct
 * plugin_host_services`, which action_ctx_open() wires to the real gateway
 * (plugin_host_set_services) and unit tests wire to fakes.  A slot whose
 * service is not wired answers MPD_ENOTSUP with a message saying so.
 */
#ifndef MPD_PLUGIN_HOST_H
#define MPD_PLUGIN_HOST_H

#include <mpd/plugin.h>

#include "err.h"

/* Each service gets `user` back as its first argument. */
struct plugin_host_services {
	void *user;
	int (*container_state)(void *user, const char *name,
			       enum mpd_container_state *out, struct mpd_err *e);
	/* Fills `out` with malloc'ed buffers (released with free()). */
	int (*container_exec)(void *user, const struct mpd_exec_request *req,
			      struct mpd_exec_result *out, struct mpd_err *e);
	/* Paths returned are malloc'ed and handed over: the host keeps them
	 * in the plugin's ctx until its next cert_ensure or ctx free. */
	int (*cert_ensure)(void *user, const char *label,
			   const char *const *dns_names, char **cert_path,
			   char **key_path, struct mpd_err *e);
};

/* The table handed to init().  Static; never NULL. */
const struct mpd_host_api *plugin_host_api(void);

/* Replace the services behind the podman/cert slots (NULL resets).  The
 * struct is copied. */
void plugin_host_set_services(const struct plugin_host_services *s);

/* A context for plugin `name`; reads its config section.  Caller owns it
 * (plugin_host_ctx_free).  NULL with `e` filled on a bad mpd.ini. */
struct mpd_host_ctx *plugin_host_ctx_new(const char *name, struct mpd_err *e);
void plugin_host_ctx_free(struct mpd_host_ctx *ctx);

/* The last message the plugin set with set_error (never NULL; "" if none).
 * Owned by ctx. */
const char *plugin_host_ctx_error(struct mpd_host_ctx *ctx);
void plugin_host_ctx_clear_error(struct mpd_host_ctx *ctx);

#endif
