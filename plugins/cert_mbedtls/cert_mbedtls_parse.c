/*
 * cert_mbedtls_parse.c - certificates and private keys from the bytes the
 * core hands over (PEM, or DER for certificates).
 *
 * Certificates go through mbedtls_x509_crt_parse_der_with_ext_cb(): neither
 * mbed TLS 2.28 nor 3.6 parses a certificate with a CRITICAL nameConstraints
 * extension otherwise, and mpd's CA carries exactly that.  The callback
 * accepts nameConstraints (mbed TLS then ignores it; browsers, curl and
 * openssl enforce it) and nothing else, so other unknown critical
 * extensions still make the parse fail, as RFC 5280 requires.
 */
#include "cert_mbedtls.h"

#include <stdlib.h>
#include <string.h>

#include <mbedtls/asn1.h>
#include <mbedtls/oid.h>
#include <mbedtls/platform_util.h>

#define PEM_CRT_BEGIN "-----BEGIN CERTIFICATE-----"
#define PEM_CRT_END "-----END CERTIFICATE-----"

static int
ext_cb(void *p_ctx, mbedtls_x509_crt const *crt, mbedtls_x509_buf const *oid,
    int critical, const unsigned char *p, const unsigned char *end)
{
	(void)p_ctx;
	(void)crt;
	(void)critical;
	(void)p;
	(void)end;
	if (oid->len == MBEDTLS_OID_SIZE(MBEDTLS_OID_NAME_CONSTRAINTS) &&
	    memcmp(oid->p, MBEDTLS_OID_NAME_CONSTRAINTS, oid->len) == 0)
		return 0;
	return MBEDTLS_ERR_X509_INVALID_EXTENSIONS +
	    MBEDTLS_ERR_ASN1_UNEXPECTED_TAG;
}

/* A NUL-terminated heap copy (mbed TLS's PEM reader needs the NUL). */
static unsigned char *
dup_nul(const unsigned char *data, size_t len)
{
	unsigned char *p = malloc(len + 1);

	if (p == NULL)
		return NULL;
	memcpy(p, data, len);
	p[len] = '\0';
	return p;
}

static void
free_secret(unsigned char *p, size_t len)
{
	if (p == NULL)
		return;
	mbedtls_platform_zeroize(p, len);
	free(p);
}

int
cm_parse_crt(struct cm_state *st, mbedtls_x509_crt *crt,
    const unsigned char *data, size_t len, const char *what)
{
	mbedtls_pem_context pem;
	const unsigned char *der;
	unsigned char *text;
	size_t der_len, use_len;
	int rc;

	if (data == NULL || len == 0)
		return cm_fail(st, MPD_EINVAL, "%s is empty", what);
	if (len > 1024 * 1024)
		return cm_fail(st, MPD_EINVAL, "%s is too large (%zu bytes)",
		    what, len);
	if (data[0] == 0x30) {
		/* DER */
		rc = mbedtls_x509_crt_parse_der_with_ext_cb(crt, data, len, 1,
		    ext_cb, NULL);
		if (rc != 0)
			return cm_fail_mbed(st, MPD_ECRYPTO, rc,
			    "%s is not a valid DER certificate", what);
		return MPD_OK;
	}
	text = dup_nul(data, len);
	if (text == NULL)
		return cm_fail(st, MPD_ENOMEM, "out of memory");
	if (strstr((const char *)text, PEM_CRT_BEGIN) == NULL) {
		free(text);
		return cm_fail(st, MPD_ECRYPTO,
		    "%s is not a PEM certificate (no \"" PEM_CRT_BEGIN
		    "\" line)", what);
	}
	mbedtls_pem_init(&pem);
	rc = mbedtls_pem_read_buffer(&pem, PEM_CRT_BEGIN, PEM_CRT_END, text,
	    NULL, 0, &use_len);
	free(text);
	if (rc != 0) {
		mbedtls_pem_free(&pem);
		return cm_fail_mbed(st, MPD_ECRYPTO, rc,
		    "%s is a corrupt PEM certificate", what);
	}
	der = cm_compat_pem_buffer(&pem, &der_len);
	rc = mbedtls_x509_crt_parse_der_with_ext_cb(crt, der, der_len, 1,
	    ext_cb, NULL);
	mbedtls_pem_free(&pem);
	if (rc != 0)
		return cm_fail_mbed(st, MPD_ECRYPTO, rc,
		    "%s is not a valid certificate", what);
	return MPD_OK;
}

static int
fail_passphrase(struct cm_state *st, const char *what, const char *file_hint)
{
	const char *f = file_hint != NULL ? file_hint : "key.pem";

	/* not "-in X -out X": openssl truncates the output before it reads
	 * the input, and the key is lost */
	return cm_fail(st, MPD_ECRYPTO,
	    "%s is passphrase-protected; mpd needs an unencrypted key: "
	    "openssl pkey -in %s -out %s.new && mv %s.new %s", what, f, f, f,
	    f);
}

int
cm_parse_key(struct cm_state *st, mbedtls_pk_context *pk,
    const unsigned char *data, size_t len, const char *what,
    const char *file_hint)
{
	unsigned char *text;
	int rc;

	if (data == NULL || len == 0)
		return cm_fail(st, MPD_EINVAL, "%s is empty", what);
	if (len > 1024 * 1024)
		return cm_fail(st, MPD_EINVAL, "%s is too large (%zu bytes)",
		    what, len);
	if (data[0] == 0x30) {
		rc = cm_compat_pk_parse_key(pk, data, len, cm_rng, st);
		if (rc == MBEDTLS_ERR_PK_PASSWORD_REQUIRED ||
		    rc == MBEDTLS_ERR_PK_PASSWORD_MISMATCH)
			return fail_passphrase(st, what, file_hint);
		if (rc != 0)
			return cm_fail_mbed(st, MPD_ECRYPTO, rc,
			    "%s is not a valid DER private key", what);
		return MPD_OK;
	}
	text = dup_nul(data, len);
	if (text == NULL)
		return cm_fail(st, MPD_ENOMEM, "out of memory");
	if (strstr((const char *)text, "-----BEGIN ENCRYPTED PRIVATE KEY") ||
	    strstr((const char *)text, "Proc-Type: 4,ENCRYPTED")) {
		free_secret(text, len);
		return fail_passphrase(st, what, file_hint);
	}
	if (strstr((const char *)text, "PRIVATE KEY-----") == NULL) {
		free_secret(text, len);
		return cm_fail(st, MPD_ECRYPTO,
		    "%s is not a PEM private key (no \"-----BEGIN ... PRIVATE "
		    "KEY-----\" line)", what);
	}
	rc = cm_compat_pk_parse_key(pk, text, len + 1, cm_rng, st);
	free_secret(text, len);
	if (rc == MBEDTLS_ERR_PK_PASSWORD_REQUIRED ||
	    rc == MBEDTLS_ERR_PK_PASSWORD_MISMATCH)
		return fail_passphrase(st, what, file_hint);
	if (rc != 0)
		return cm_fail_mbed(st, MPD_ECRYPTO, rc,
		    "%s is a corrupt or unsupported private key", what);
	return MPD_OK;
}
