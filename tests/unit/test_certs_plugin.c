/*
 * test_certs_plugin.c - the BUILT cert-mbedtls.so, loaded by the real
 * plugin loader and driven through the real host table: the core makes a
 * CA and a leaf with it, frees what the plugin allocated, and sees the
 * plugin's error messages through the host context.
 */
#include "harness.h"

#include "cert_test_util.h"
#include "certs_ca.h"
#include "certs_leaf.h"
#include "plugin_host.h"
#include "plugin_loader.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *
host_error(void *ctx)
{
	return plugin_host_ctx_error(ctx);
}

static void
test_loaded_plugin(void)
{
	const char *names[] = { "foo.mpd.test", "behat.foo.mpd.test", NULL };
	char *const dirs[] = { (char *)MPD_BUILD_PLUGINDIR, NULL };
	struct plugin_registry reg;
	struct plugin_loaded *p;
	struct certs_backend b;
	struct certs_leaf_result r;
	struct certs_ca ca;
	struct mpd_err e;
	char *root, *out = NULL, *key;

	root = tu_fresh_root();
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	memset(&reg, 0, sizeof reg);
	CU_ASSERT_EQUAL_FATAL(plugin_registry_load(&reg, dirs, &e), 0);
	p = plugin_registry_get(&reg, MPD_PLUGIN_CERT_BACKEND, "cert-mbedtls",
	    &e);
	if (p == NULL)
		fprintf(stderr, "cert-mbedtls: %s\n", e.msg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	b.ops = p->desc->ops;
	b.state = p->state;
	b.last_error = host_error;
	b.error_ctx = p->ctx;

	CU_ASSERT_EQUAL_FATAL(certs_ca_ensure(&b, &ca, NULL, &e), 0);
	CU_ASSERT_EQUAL_FATAL(certs_leaf_ensure(&b, &ca, "project-foo", names,
	    &r, &e), 0);
	CU_ASSERT_EQUAL(r.action, CERTS_LEAF_ISSUED);
	CU_ASSERT_EQUAL(ctu_openssl_verify(ca.cert_path, r.cert_path, &out), 0);
	free(out);
	certs_leaf_result_free(&r);

	/* the plugin's message reaches the core's error */
	key = ca.key_pem;
	ca.key_pem = (char *)"-----BEGIN PRIVATE KEY-----\nAAAA\n"
	    "-----END PRIVATE KEY-----\n";
	ca.key_len = strlen(ca.key_pem);
	CU_ASSERT_EQUAL(certs_leaf_ensure(&b, &ca, "project-bar", names, &r,
	    &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg,
	    "cannot issue the certificate 'project-bar': the CA key is a "
	    "corrupt or unsupported private key"));
	ca.key_pem = key;
	certs_ca_free(&ca);
	plugin_registry_free(&reg);
	tu_rmrf(root);
	free(root);
}

static const struct mpd_test_case cases[] = {
	{ "loaded_plugin", test_loaded_plugin },
	{ NULL, NULL }
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "certs_plugin", NULL, NULL, cases },
	{ NULL, NULL, NULL, NULL }
};
