/*
 * cert_mbedtls.h - internals shared by the cert-mbedtls plugin's files.
 *
 * The plugin is the mpd cert backend built on mbed TLS: PEM bytes in, PEM
 * bytes out, no file I/O, no processes.  Files, one concept each:
 *   cert_mbedtls_plugin.c   descriptor, init/fini, RNG, error reporting
 *   cert_mbedtls_der.c      small DER builders and readers (SAN, name
 *                           constraints, EKU, key identifiers)
 *   cert_mbedtls_parse.c    certificates and keys from PEM/DER
 *   cert_mbedtls_keygen.c   EC P-256 and RSA key generation
 *   cert_mbedtls_write.c    the parts every certificate shares
 *   cert_mbedtls_sign.c     signing, with the signature AlgorithmIdentifier
 *                           RFC 5758 wants (whatever mbed TLS writes)
 *   cert_mbedtls_ca.c       ca_generate
 *   cert_mbedtls_leaf.c     leaf_issue
 *   cert_mbedtls_inspect.c  cert_inspect, cert_verify, key_matches
 * All names here start with cm_; nothing but the entry symbol is exported.
 */
#ifndef CERT_MBEDTLS_H
#define CERT_MBEDTLS_H

#include <stddef.h>
#include <stdint.h>

#include <mpd/plugin.h>

#include "cert_mbedtls_compat.h"

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>

struct cm_state {
	const struct mpd_host_api *host;
	mpd_host_ctx *ctx;
	mbedtls_entropy_context entropy;
	mbedtls_ctr_drbg_context drbg;
};

/* ---- cert_mbedtls_plugin.c ---- */

/* The RNG callback for mbed TLS (a CTR-DRBG seeded from the entropy
 * pool); `p` is the struct cm_state. */
int cm_rng(void *p, unsigned char *out, size_t len);

/* Report a failure through host->set_error and return `code`. */
int cm_fail(struct cm_state *st, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Like cm_fail, appending ": <mbed TLS's text for mbed_rc>". */
int cm_fail_mbed(struct cm_state *st, int code, int mbed_rc,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Copy `len` bytes into a host-allocated, NUL-terminated buffer. */
int cm_buf_set(struct cm_state *st, struct mpd_buf *out,
    const unsigned char *data, size_t len);

/* ---- cert_mbedtls_der.c ---- */

/* A growing DER byte string (heap; cm_der_free releases it). */
struct cm_der {
	unsigned char *p;
	size_t len;
	size_t cap;
	int failed;		/* set on ENOMEM; later appends do nothing */
};

void cm_der_free(struct cm_der *d);
/* Append `len` raw bytes. */
void cm_der_raw(struct cm_der *d, const void *bytes, size_t len);
/* Append tag, length and `len` bytes of content. */
void cm_der_tlv(struct cm_der *d, unsigned char tag, const void *content,
    size_t len);

/* SEQUENCE OF dNSName (GeneralNames) for subjectAltName.  0 or -1. */
int cm_der_san(struct cm_der *d, const char *const *dns_names);
/* NameConstraints with permittedSubtrees of dNSName entries and
 * excludedSubtrees of every IPv4 and IPv6 address (0.0.0.0/0, ::/0). */
int cm_der_name_constraints(struct cm_der *d, const char *const *permitted);
/* ExtKeyUsageSyntax holding id-kp-serverAuth. */
int cm_der_eku_server_auth(struct cm_der *d);
/* AuthorityKeyIdentifier with keyIdentifier `kid`. */
int cm_der_aki(struct cm_der *d, const unsigned char *kid, size_t len);

/* Find the value of extension `oid` (raw OID bytes) in a parsed
 * certificate's v3_ext.  Returns 1 and points *val and *len at the
 * extension's OCTET STRING content, 0 when absent, -1 when malformed. */
int cm_der_find_ext(const mbedtls_x509_crt *crt, const char *oid,
    size_t oid_len, const unsigned char **val, size_t *len);

/* The certificate's subjectKeyIdentifier bytes; 1 found, 0 absent. */
int cm_der_subject_key_id(const mbedtls_x509_crt *crt,
    const unsigned char **kid, size_t *len);

/* Write the permitted dNSName subtrees of a nameConstraints extension as
 * a sorted, comma-separated list into `out` ("" when there is none).
 * 0, or -1 when the extension is malformed. */
int cm_der_permitted_dns(const mbedtls_x509_crt *crt, char *out, size_t n);

/* MPD_CERT_EXCLUDES_IPV4 | MPD_CERT_EXCLUDES_IPV6 for the address families
 * a nameConstraints extension excludes entirely (an iPAddress subtree
 * with an all-zero mask); 0 when none or no extension, -1 malformed. */
int cm_der_excluded_ip(const mbedtls_x509_crt *crt);

/* ---- cert_mbedtls_parse.c ---- */

/* Parse the first certificate of a PEM (or DER) buffer.  `what` names it
 * in messages ("the CA certificate").  0 or an MPD_E* code (reported). */
int cm_parse_crt(struct cm_state *st, mbedtls_x509_crt *crt,
    const unsigned char *data, size_t len, const char *what);

/* Parse an unencrypted private key from PEM (or DER).  A passphrase-
 * protected key is refused with a message that tells how to decrypt it.
 * `what` names it ("the CA key"); `file_hint` is the file name used in
 * the fix, or NULL.  0 or an MPD_E* code (reported). */
int cm_parse_key(struct cm_state *st, mbedtls_pk_context *pk,
    const unsigned char *data, size_t len, const char *what,
    const char *file_hint);

/* ---- cert_mbedtls_keygen.c ---- */

/* Generate a key of `type` into an initialised, empty `pk`. */
int cm_keygen(struct cm_state *st, mbedtls_pk_context *pk,
    enum mpd_key_type type);

/* ---- cert_mbedtls_write.c ---- */

/* A random positive serial of 16 bytes (127 bits of randomness). */
int cm_write_serial(struct cm_state *st, mbedtls_x509write_cert *w);

/* notBefore = now - 1 hour (clock skew between host and VM), notAfter =
 * notBefore + `days` days. */
int cm_write_validity(struct cm_state *st, mbedtls_x509write_cert *w,
    uint32_t days);

/* 1 when `cn` can be a subject common name: 1..64 printable ASCII
 * characters without a backslash. */
int cm_common_name_ok(const char *cn);

/* A string for mbedtls_x509write_crt_set_*_name(): "CN=<cn>" (commas
 * escaped), optionally prefixed with "O=<org>,".  Caller frees. */
char *cm_name_string(const char *org, const char *cn);

/* The subject of `crt` as a string mbed TLS's name parser reads back to
 * the same RDNs.  Caller frees; NULL when a name part has no short name
 * mbed TLS knows. */
char *cm_name_of(const mbedtls_x509_crt *crt);

/* Add a raw extension. */
int cm_write_ext(struct cm_state *st, mbedtls_x509write_cert *w,
    const char *oid, size_t oid_len, int critical, const struct cm_der *val,
    const char *what);

/* Sign the certificate with `issuer_key` (cm_sign_crt) and write it and
 * the subject's `key` as PEM into host buffers. */
int cm_write_out(struct cm_state *st, mbedtls_x509write_cert *w,
    mbedtls_pk_context *issuer_key, mbedtls_pk_context *key,
    size_t size_hint, struct mpd_buf *cert_pem, struct mpd_buf *key_pem);

/* ---- cert_mbedtls_sign.c ---- */

/* Where the parts of a DER certificate lie (pointers into its bytes; each
 * *_len counts the whole TLV unless it says body). */
struct cm_crt_parts {
	const unsigned char *tbs;	/* TBSCertificate */
	size_t tbs_len;
	const unsigned char *tbs_body;	/* its content */
	size_t tbs_body_len;
	const unsigned char *tbs_alg;	/* its signature AlgorithmIdentifier */
	size_t tbs_alg_len;
	const unsigned char *alg;	/* Certificate.signatureAlgorithm */
	size_t alg_len;
};

/* Find the parts of the certificate `der`.  0, or -1 when malformed. */
int cm_crt_split(const unsigned char *der, size_t len,
    struct cm_crt_parts *out);

/* 1 when the AlgorithmIdentifier `alg` (a whole TLV) is ecdsa-with-SHA*
 * and carries parameters, which RFC 5758 section 3.2 forbids; else 0. */
int cm_alg_ecdsa_has_params(const unsigned char *alg, size_t len);

/* The DER certificate `w` describes, signed with `issuer_key`, into the
 * empty `out` (freed on failure).  An ECDSA signature's
 * AlgorithmIdentifier is ecdsa-with-SHA256 without parameters in both
 * places, on every mbed TLS version. */
int cm_sign_crt(struct cm_state *st, mbedtls_x509write_cert *w,
    mbedtls_pk_context *issuer_key, size_t size_hint, struct cm_der *out);

/* ---- the ops ---- */
int cm_ca_generate(void *state, const struct mpd_ca_params *p,
    struct mpd_buf *cert_pem, struct mpd_buf *key_pem);
int cm_leaf_issue(void *state, const struct mpd_pem_pair *ca,
    const struct mpd_leaf_params *p, struct mpd_buf *cert_pem,
    struct mpd_buf *key_pem);
int cm_cert_inspect(void *state, const unsigned char *pem, size_t len,
    struct mpd_cert_info *out);
int cm_cert_verify(void *state, const unsigned char *cert, size_t cert_len,
    const unsigned char *ca, size_t ca_len);
int cm_key_matches(void *state, const unsigned char *cert, size_t cert_len,
    const unsigned char *key, size_t key_len);

/* Validate a DNS name a certificate may carry: 1..253 chars of LDH
 * labels, optionally starting with "*.".  1 valid, 0 not. */
int cm_dns_name_ok(const char *name);

#endif
