/*
 * cert_mbedtls_plugin.c - the cert-mbedtls plugin's descriptor, its state
 * (a CTR-DRBG seeded from mbed TLS's entropy pool) and error reporting.
 */
#include "cert_mbedtls.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/error.h>
#include <mbedtls/platform_util.h>

#define CM_PERSONALISATION "mpd cert-mbedtls"

int
cm_rng(void *p, unsigned char *out, size_t len)
{
	struct cm_state *st = p;

	return mbedtls_ctr_drbg_random(&st->drbg, out, len);
}

static int
cm_failv(struct cm_state *st, int code, const char *suffix, const char *fmt,
    va_list ap)
{
	char msg[512];

	vsnprintf(msg, sizeof msg, fmt, ap);
	if (suffix != NULL && *suffix != '\0') {
		size_t n = strlen(msg);

		snprintf(msg + n, sizeof msg - n, ": %s", suffix);
	}
	if (st != NULL && st->host != NULL && st->host->set_error != NULL)
		return st->host->set_error(st->ctx, code, "%s", msg);
	return code;
}

int
cm_fail(struct cm_state *st, int code, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = cm_failv(st, code, NULL, fmt, ap);
	va_end(ap);
	return rc;
}

int
cm_fail_mbed(struct cm_state *st, int code, int mbed_rc, const char *fmt, ...)
{
	char text[160];
	va_list ap;
	int rc;

	mbedtls_strerror(mbed_rc, text, sizeof text);
	va_start(ap, fmt);
	rc = cm_failv(st, code, text, fmt, ap);
	va_end(ap);
	return rc;
}

int
cm_buf_set(struct cm_state *st, struct mpd_buf *out, const unsigned char *data,
    size_t len)
{
	unsigned char *p;

	p = st->host->alloc(len + 1);
	if (p == NULL)
		return cm_fail(st, MPD_ENOMEM, "out of memory");
	memcpy(p, data, len);
	p[len] = '\0';
	out->data = p;
	out->len = len;
	return MPD_OK;
}

static int
cm_init(const struct mpd_host_api *host, mpd_host_ctx *ctx, void **state)
{
	struct cm_state *st;
	int rc;

	if (host == NULL || host->alloc == NULL || host->free == NULL ||
	    host->set_error == NULL)
		return MPD_EINVAL;
	st = host->alloc(sizeof *st);
	if (st == NULL)
		return MPD_ENOMEM;
	st->host = host;
	st->ctx = ctx;
	if (cm_compat_crypto_init() != 0) {
		host->free(st);
		return host->set_error(ctx, MPD_ECRYPTO,
		    "cannot start the PSA crypto layer of mbed TLS");
	}
	mbedtls_entropy_init(&st->entropy);
	mbedtls_ctr_drbg_init(&st->drbg);
	rc = mbedtls_ctr_drbg_seed(&st->drbg, mbedtls_entropy_func, &st->entropy,
	    (const unsigned char *)CM_PERSONALISATION,
	    strlen(CM_PERSONALISATION));
	if (rc != 0) {
		cm_fail_mbed(st, MPD_ECRYPTO, rc,
		    "cannot seed the random number generator");
		mbedtls_ctr_drbg_free(&st->drbg);
		mbedtls_entropy_free(&st->entropy);
		cm_compat_crypto_done();
		host->free(st);
		return MPD_ECRYPTO;
	}
	*state = st;
	return MPD_OK;
}

static void
cm_fini(void *state)
{
	struct cm_state *st = state;
	void (*host_free)(void *);

	if (st == NULL)
		return;
	host_free = st->host->free;
	mbedtls_ctr_drbg_free(&st->drbg);
	mbedtls_entropy_free(&st->entropy);
	cm_compat_crypto_done();
	mbedtls_platform_zeroize(st, sizeof *st);
	host_free(st);
}

static const struct mpd_cert_backend_ops cm_ops = {
	.struct_size = sizeof(struct mpd_cert_backend_ops),
	.ca_generate = cm_ca_generate,
	.leaf_issue = cm_leaf_issue,
	.cert_inspect = cm_cert_inspect,
	.cert_verify = cm_cert_verify,
	.key_matches = cm_key_matches,
};

MPD_PLUGIN_DEFINE(CERT_BACKEND, "cert-mbedtls", "1.0",
    "certificates with mbed TLS: name-constrained CA and TLS server leaves, EC P-256",
    cm_init, cm_fini, cm_ops)
