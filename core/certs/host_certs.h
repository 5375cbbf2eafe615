/* host_certs.h - certificates for the lifecycle and for plugins: the CA
 * and leaf certificates through the cert-backend plugin in the registry.
 * Wires plugin_host_services.cert_ensure. */
#ifndef MPD_HOST_CERTS_H
#define MPD_HOST_CERTS_H

#include "certs.h"
#include "certs_ca.h"
#include "err.h"
#include "plugin_loader.h"

/* Use `reg`'s cert backend from now on (borrowed; NULL forgets it). */
void host_certs_set_registry(struct plugin_registry *reg);

/* The backend of the registry set above; -1 with a fix-it when none. */
int host_certs_backend(struct certs_backend *b, struct mpd_err *e);

/* Ensure the CA (generated only when absent); fills `ca` (caller frees
 * with certs_ca_free) and *generated. */
int host_certs_ca(struct certs_ca *ca, int *generated, struct mpd_err *e);

/* plugin_host_services.cert_ensure: leaf `label` for `names`; paths are
 * malloc'ed for the caller.  Counts re-issues (host_certs_issued()). */
int host_certs_ensure(const char *label, const char *const *names,
		      char **cert_path, char **key_path, struct mpd_err *e);

/* Leaves (and the CA) issued by this process so far. */
unsigned host_certs_issued(void);

#endif
