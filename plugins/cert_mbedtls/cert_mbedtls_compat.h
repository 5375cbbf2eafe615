/*
 * cert_mbedtls_compat.h - the thin layer between mbed TLS 2.28 (Debian
 * bookworm) and 3.6 (Debian trixie).
 *
 * The plugin has ONE implementation; the few calls whose shape differs
 * between the two major versions go through the inline functions below.
 * Every `#if MBEDTLS_VERSION_NUMBER` of the plugin lives in this file.
 *
 *   what                         2.28                      3.6
 *   configuration header         mbedtls/config.h          mbedtls/build_info.h
 *   PEM decoded bytes            ctx.buf / ctx.buflen      mbedtls_pem_get_buffer()
 *   parse a private key          no RNG argument           RNG argument
 *   check a key pair             no RNG argument           RNG argument
 *   sign a hash                  no signature size         signature size
 *   certificate serial           set_serial(mbedtls_mpi)   set_serial_raw(bytes)
 *   crt->ca_istrue               public field              private field
 *   PSA crypto                   not needed                psa_crypto_init() first
 *
 * EC keys are generated through mbedtls_pk_ec(), which both versions keep
 * as long as MBEDTLS_ECP_C is enabled (3.6 only hides EC key data in PSA
 * when ECP_C is off; Debian's builds have it on).
 */
#ifndef CERT_MBEDTLS_COMPAT_H
#define CERT_MBEDTLS_COMPAT_H

#include <mbedtls/version.h>

#if MBEDTLS_VERSION_NUMBER >= 0x03000000
#include <mbedtls/build_info.h>
#else
#include <mbedtls/config.h>
#endif

#include <mbedtls/bignum.h>
#include <mbedtls/ecp.h>
#include <mbedtls/pem.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>

#if MBEDTLS_VERSION_NUMBER >= 0x03000000 && defined(MBEDTLS_PSA_CRYPTO_C)
#include <psa/crypto.h>
#endif

#if MBEDTLS_VERSION_NUMBER < 0x021C0000
#error "cert-mbedtls needs mbed TLS 2.28 or newer"
#endif
#if MBEDTLS_VERSION_NUMBER >= 0x03000000 && MBEDTLS_VERSION_NUMBER < 0x03040000
#error "cert-mbedtls needs mbed TLS 3.4 or newer on the 3.x line (set_serial_raw)"
#endif
#if !defined(MBEDTLS_ECP_C) || !defined(MBEDTLS_ECP_DP_SECP256R1_ENABLED)
#error "cert-mbedtls needs mbed TLS built with MBEDTLS_ECP_C and secp256r1"
#endif
#if !defined(MBEDTLS_X509_CRT_WRITE_C) || !defined(MBEDTLS_PEM_PARSE_C) || \
    !defined(MBEDTLS_PEM_WRITE_C) || !defined(MBEDTLS_PK_WRITE_C)
#error "cert-mbedtls needs mbed TLS with X.509 writing and PEM parse/write"
#endif

typedef int (*cm_rng_fn)(void *, unsigned char *, size_t);

/* Start whatever the library needs before X.509/PK calls.  0 or an mbed
 * TLS error code. */
static inline int
cm_compat_crypto_init(void)
{
#if MBEDTLS_VERSION_NUMBER >= 0x03000000 && defined(MBEDTLS_PSA_CRYPTO_C)
	return psa_crypto_init() == PSA_SUCCESS ? 0 : -1;
#else
	return 0;
#endif
}

static inline void
cm_compat_crypto_done(void)
{
#if MBEDTLS_VERSION_NUMBER >= 0x03000000 && defined(MBEDTLS_PSA_CRYPTO_C)
	mbedtls_psa_crypto_free();
#endif
}

/* The bytes mbedtls_pem_read_buffer() decoded (owned by `pem`). */
static inline const unsigned char *
cm_compat_pem_buffer(mbedtls_pem_context *pem, size_t *len)
{
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
	return mbedtls_pem_get_buffer(pem, len);
#else
	*len = pem->buflen;
	return pem->buf;
#endif
}

/* Parse a private key (PEM text including its NUL in `len`, or DER),
 * without a password. */
static inline int
cm_compat_pk_parse_key(mbedtls_pk_context *pk, const unsigned char *buf,
    size_t len, cm_rng_fn rng, void *rng_ctx)
{
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
	return mbedtls_pk_parse_key(pk, buf, len, NULL, 0, rng, rng_ctx);
#else
	(void)rng;
	(void)rng_ctx;
	return mbedtls_pk_parse_key(pk, buf, len, NULL, 0);
#endif
}

/* 0 when the private key `prv` belongs to the public key `pub`. */
static inline int
cm_compat_pk_check_pair(const mbedtls_pk_context *pub,
    const mbedtls_pk_context *prv, cm_rng_fn rng, void *rng_ctx)
{
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
	return mbedtls_pk_check_pair(pub, prv, rng, rng_ctx);
#else
	(void)rng;
	(void)rng_ctx;
	return mbedtls_pk_check_pair(pub, prv);
#endif
}

/* Sign `hash` (of type `md`) with `pk` into `sig` (`sig_size` bytes, at
 * least MBEDTLS_PK_SIGNATURE_MAX_SIZE); *sig_len gets the length. */
static inline int
cm_compat_pk_sign(mbedtls_pk_context *pk, mbedtls_md_type_t md,
    const unsigned char *hash, size_t hash_len, unsigned char *sig,
    size_t sig_size, size_t *sig_len, cm_rng_fn rng, void *rng_ctx)
{
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
	return mbedtls_pk_sign(pk, md, hash, hash_len, sig, sig_size, sig_len,
	    rng, rng_ctx);
#else
	if (sig_size < MBEDTLS_PK_SIGNATURE_MAX_SIZE)
		return MBEDTLS_ERR_PK_BAD_INPUT_DATA;
	return mbedtls_pk_sign(pk, md, hash, hash_len, sig, sig_len, rng,
	    rng_ctx);
#endif
}

/* Set a certificate serial from big-endian bytes (positive, <= 20). */
static inline int
cm_compat_set_serial(mbedtls_x509write_cert *crt, const unsigned char *serial,
    size_t len)
{
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
	/* set_serial_raw takes a non-const pointer but does not modify it */
	return mbedtls_x509write_crt_set_serial_raw(crt, (unsigned char *)serial,
	    len);
#else
	mbedtls_mpi mpi;
	int rc;

	mbedtls_mpi_init(&mpi);
	rc = mbedtls_mpi_read_binary(&mpi, serial, len);
	if (rc == 0)
		rc = mbedtls_x509write_crt_set_serial(crt, &mpi);
	mbedtls_mpi_free(&mpi);
	return rc;
#endif
}

/* Non-zero when the certificate's basicConstraints says CA:TRUE. */
static inline int
cm_compat_crt_is_ca(const mbedtls_x509_crt *crt)
{
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
	return crt->MBEDTLS_PRIVATE(ca_istrue);
#else
	return crt->ca_istrue;
#endif
}

#endif
