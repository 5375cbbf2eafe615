/* host_certs.c - certificates through the registry's cert backend (see
 * host_certs.h). */
#include "host_certs.h"

#include <stdlib.h>
#include <string.h>

#include "certs_leaf.h"
#include "log.h"
#include "plugin_host.h"

static const char *
backend_error(void *ctx)
{
	return plugin_host_ctx_error(ctx);
}

int
host_certs_backend(const struct host_certs *hc, struct certs_backend *b,
		   struct mpd_err *e)
{
	struct plugin_loaded *p;

	memset(b, 0, sizeof *b);
	if (hc->reg == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL, "no plugins loaded");
	p = plugin_registry_first(hc->reg, MPD_PLUGIN_CERT_BACKEND, e);
	if (p == NULL)
		return mpd_err_prefix(e,
		    "certificates need a cert-backend plugin (cert-mbedtls.so)");
	b->ops = p->desc->ops;
	b->state = p->state;
	b->last_error = backend_error;
	b->error_ctx = p->ctx;
	return certs_backend_check(b, e);
}

int
host_certs_ca(struct host_certs *hc, struct certs_ca *ca, int *generated,
	      struct mpd_err *e)
{
	struct certs_backend b;
	int gen = 0;

	if (host_certs_backend(hc, &b, e) != 0)
		return -1;
	if (certs_ca_ensure(&b, ca, &gen, e) != 0)
		return -1;
	if (gen)
		hc->issued++;
	if (generated != NULL)
		*generated = gen;
	return 0;
}

int
host_certs_ensure(struct host_certs *hc, const char *label,
		  const char *const *names, char **cert_path, char **key_path,
		  struct mpd_err *e)
{
	struct certs_backend b;
	struct certs_ca ca;
	struct certs_leaf_result r;
	int rc;

	memset(&ca, 0, sizeof ca);
	memset(&r, 0, sizeof r);
	if (host_certs_backend(hc, &b, e) != 0 ||
	    host_certs_ca(hc, &ca, NULL, e) != 0)
		return -1;
	rc = certs_leaf_ensure(&b, &ca, label, names, &r, e);
	certs_ca_free(&ca);
	if (rc != 0)
		return -1;
	if (r.action == CERTS_LEAF_ISSUED) {
		hc->issued++;
		mpd_debug("certificate %s issued: %s", label, r.reason);
	}
	*cert_path = r.cert_path;
	*key_path = r.key_path;
	r.cert_path = r.key_path = NULL;
	certs_leaf_result_free(&r);
	return 0;
}
