/* host_certs.h - certificates for the lifecycle and for plugins: the CA
 * and leaf certificates through the cert-backend plugin of a registry.
 * The caller (action_ctx) owns the struct; nothing here is global. */
#ifndef MPD_HOST_CERTS_H
#define MPD_HOST_CERTS_H

#include "certs.h"
#include "certs_ca.h"
#include "err.h"
#include "plugin_loader.h"

struct host_certs {
	struct plugin_registry *reg;	/* borrowed; NULL: none loaded */
	unsigned issued;		/* CA and leaves issued so far */
};

/* The backend of hc->reg; -1 with a fix-it when none. */
int host_certs_backend(const struct host_certs *hc, struct certs_backend *b,
		       struct mpd_err *e);

/* Ensure the CA (generated only when absent); fills `ca` (caller frees
 * with certs_ca_free) and *generated (may be NULL). */
int host_certs_ca(struct host_certs *hc, struct certs_ca *ca, int *generated,
		  struct mpd_err *e);

/* Leaf `label` for `names`: *cert_path and *key_path are malloc'ed for the
 * caller.  A re-issue counts in hc->issued. */
int host_certs_ensure(struct host_certs *hc, const char *label,
		      const char *const *names, char **cert_path,
		      char **key_path, struct mpd_err *e);

#endif
