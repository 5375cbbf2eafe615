/* action_ctx.h - the one place that builds what a command runs with: the
 * VM context (no podman), the loaded plugins, and the host services the
 * plugins call back through (container state and exec through the podman
 * gateway, exec as the dev user; certificates through the registry's
 * cert backend).
 *
 * Every command that loads plugins opens one action_ctx; nothing else
 * calls plugin_host_set_services().  One context is open at a time (the
 * host table is process-wide); closing it unwires the services.
 */
#ifndef MPD_ACTION_CTX_H
#define MPD_ACTION_CTX_H

#include <stdbool.h>

#include "err.h"
#include "host_certs.h"
#include "plugin_loader.h"
#include "vm_context.h"

enum action_ctx_flags {
	ACTION_CTX_VM = 1u << 0,	/* load the VM context (platform.env
					   must exist) */
};

struct action_ctx {
	struct vm_context vm;		/* valid when has_vm */
	bool has_vm;
	struct plugin_registry reg;
	bool reg_loaded;
	struct host_certs certs;	/* reg's cert backend, issue count */
};

/* Fill `c` (zeroed first, so action_ctx_close is always safe), load the
 * plugins, wire the host services to `c`.  0, or -1 with `e` set. */
int action_ctx_open(struct action_ctx *c, unsigned flags, struct mpd_err *e);

/* Unwire the host services and free what open took.  Idempotent. */
void action_ctx_close(struct action_ctx *c);

#endif
