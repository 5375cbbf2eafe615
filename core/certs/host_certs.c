/* host_certs.c - certificates through the registry's cert backend (see
 * host_certs.h). */
#include "host_certs.h"

#include <stdlib.h>
#include <string.h>

#include "certs_leaf.h"
#include "log.h"
#include "plugin_host.h"

static struct plugin_registry *registry;
static unsigned issued;

void
host_certs_set_registry(struct plugin_registry *reg)
{
	registry = reg;
}

unsigned
host_certs_issued(void)
{
	return issued;
}

static const char *
backend_error(void *ctx)
{
	return plugin_host_ctx_error(ctx);
}

int
host_certs_backend(struct certs_backend *b, struct mpd_err *e)
{
	struct plugin_loaded *p;

	memset(b, 0, sizeof *b);
	if (registry == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL, "no plugins loaded");
	p = plugin_registry_first(registry, MPD_PLUGIN_CERT_BACKEND, e);
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
host_certs_ca(struct certs_ca *ca, int *generated, struct mpd_err *e)
{
	struct certs_backend b;
	int gen = 0;

	if (host_certs_backend(&b, e) != 0)
		return -1;
	if (certs_ca_ensure(&b, ca, &gen, e) != 0)
		return -1;
	if (gen)
		issued++;
	if (generated != NULL)
		*generated = gen;
	return 0;
}

int
host_certs_ensure(const char *label, const char *const *names,
		  char **cert_path, char **key_path, struct mpd_err *e)
{
	struct certs_backend b;
	struct certs_ca ca;
	struct certs_leaf_result r;
	int rc;

	memset(&ca, 0, sizeof ca);
	memset(&r, 0, sizeof r);
	if (host_certs_backend(&b, e) != 0 || host_certs_ca(&ca, NULL, e) != 0)
		return -1;
	rc = certs_leaf_ensure(&b, &ca, label, names, &r, e);
	certs_ca_free(&ca);
	if (rc != 0)
		return -1;
	if (r.action == CERTS_LEAF_ISSUED) {
		issued++;
		mpd_debug("certificate %s issued: %s", label, r.reason);
	}
	*cert_path = r.cert_path;
	*key_path = r.key_path;
	r.cert_path = r.key_path = NULL;
	certs_leaf_result_free(&r);
	return 0;
}
