/* vm_context.h - what the lifecycle commands know about this VM and its
 * developer: platform.env, the dev user, the hostname, the upstream
 * resolvers, the CA.  Gathered once per command, no podman call. */
#ifndef MPD_VM_CONTEXT_H
#define MPD_VM_CONTEXT_H

#include <limits.h>
#include <sys/types.h>

#include <mpd/plugin.h>

#include "err.h"
#include "platform.h"

struct vm_context {
	struct mpd_platform platform;
	char user[64];
	uid_t uid;
	gid_t gid;
	char home[PATH_MAX];
	char hostname[256];
	char resolv[PATH_MAX];		/* upstream resolv.conf */
	char ca_fingerprint[65];	/* "" until the CA is known */
	struct mpd_service_input input;	/* points into this struct */
};

/* Fill `c`.  platform.env must exist (fix-it error otherwise). */
int vm_context_load(struct vm_context *c, struct mpd_err *e);

/* Re-point c->input at c's fields (after changing any of them). */
void vm_context_sync_input(struct vm_context *c);

#endif
