/*
 * cert_mbedtls_sign.c - signing a certificate with its signature
 * AlgorithmIdentifier written the way RFC 5758 section 3.2 wants it, on
 * every mbed TLS version.
 *
 * mbed TLS before 3.5 (Debian bookworm's 2.28) writes ecdsa-with-SHA256
 * WITH a NULL parameter (30 0C 06 08 2A8648CE3D040302 05 00), in the
 * signed TBSCertificate and in the outer signatureAlgorithm; Chromium
 * refuses such a certificate.  The parameter must be absent
 * (30 0A 06 08 2A8648CE3D040302).  mbed TLS offers no way to write the
 * TBS without signing it, so for an ECDSA issuer the plugin takes the TBS
 * mbed TLS wrote, puts the right AlgorithmIdentifier in it, signs that
 * with mbedtls_pk_sign() and assembles the certificate itself:
 *
 *   Certificate ::= SEQUENCE { tbsCertificate TBSCertificate,
 *       signatureAlgorithm AlgorithmIdentifier, signature BIT STRING }
 *   TBSCertificate ::= SEQUENCE { version [0] EXPLICIT, serialNumber,
 *       signature AlgorithmIdentifier, ... }
 *
 * Whether to do that is decided from the bytes, not from the version:
 * 3.5 and later (trixie's 3.6) already write the right field, and their
 * certificate is kept as mbed TLS signed it (one signature, not two).
 * RSA issuers keep what mbed TLS wrote (sha256WithRSAEncryption's NULL
 * is required there, RFC 4055).
 */
#include "cert_mbedtls.h"

#include <stdlib.h>
#include <string.h>

#include <mbedtls/asn1.h>
#include <mbedtls/md.h>
#include <mbedtls/oid.h>

#define TAG_SEQ		0x30
#define TAG_BITS	0x03
#define ECDSA_OID	MBEDTLS_OID_ANSI_X9_62_SIG_SHA2	/* ecdsa-with-SHA2 arc */

/* ecdsa-with-SHA256 without parameters */
static const unsigned char ecdsa_sha256_alg[] = {
	0x30, 0x0A, 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02
};

/* Read one TLV at *p (< end): *start = its first byte, *len = its whole
 * length, *p moves past it.  0 or -1. */
static int
tlv(unsigned char **p, const unsigned char *end, unsigned char tag,
    const unsigned char **start, size_t *len)
{
	unsigned char *s = *p;
	size_t n;

	if (mbedtls_asn1_get_tag(p, end, &n, tag) != 0)
		return -1;
	*p += n;
	*start = s;
	*len = (size_t)(*p - s);
	return 0;
}

int
cm_crt_split(const unsigned char *der, size_t len, struct cm_crt_parts *out)
{
	const int seq = MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE;
	unsigned char *p = (unsigned char *)der, *end = p + len, *tbs_end;
	const unsigned char *skip;
	size_t n, skip_len;

	memset(out, 0, sizeof *out);
	if (mbedtls_asn1_get_tag(&p, end, &n, seq) != 0 || p + n != end)
		return -1;
	out->tbs = p;
	if (mbedtls_asn1_get_tag(&p, end, &n, seq) != 0)
		return -1;
	out->tbs_body = p;
	out->tbs_body_len = n;
	tbs_end = p + n;
	out->tbs_len = (size_t)(tbs_end - out->tbs);
	/* version [0] EXPLICIT (absent for v1), serialNumber */
	if (p < tbs_end && *p == (MBEDTLS_ASN1_CONTEXT_SPECIFIC |
	    MBEDTLS_ASN1_CONSTRUCTED) && tlv(&p, tbs_end, *p, &skip,
	    &skip_len) != 0)
		return -1;
	if (tlv(&p, tbs_end, MBEDTLS_ASN1_INTEGER, &skip, &skip_len) != 0 ||
	    tlv(&p, tbs_end, seq, &out->tbs_alg, &out->tbs_alg_len) != 0)
		return -1;
	p = tbs_end;
	if (tlv(&p, end, seq, &out->alg, &out->alg_len) != 0 ||
	    tlv(&p, end, MBEDTLS_ASN1_BIT_STRING, &skip, &skip_len) != 0 ||
	    p != end)
		return -1;
	return 0;
}

int
cm_alg_ecdsa_has_params(const unsigned char *alg, size_t len)
{
	const size_t arc = MBEDTLS_OID_SIZE(ECDSA_OID);
	unsigned char *p = (unsigned char *)alg, *end = p + len;
	size_t n;

	if (mbedtls_asn1_get_tag(&p, end, &n, MBEDTLS_ASN1_CONSTRUCTED |
	    MBEDTLS_ASN1_SEQUENCE) != 0)
		return 0;
	end = p + n;
	if (mbedtls_asn1_get_tag(&p, end, &n, MBEDTLS_ASN1_OID) != 0)
		return 0;
	if (n != arc + 1 || memcmp(p, ECDSA_OID, arc) != 0)
		return 0;	/* not ecdsa-with-SHA224/256/384/512 */
	return p + n < end;
}

/* The certificate from `tbs` (a TBSCertificate whose signature field is
 * already ecdsa_sha256_alg), signed with `key`, into `out`. */
static int
assemble(struct cm_state *st, const struct cm_der *tbs,
    mbedtls_pk_context *key, struct cm_der *out)
{
	unsigned char hash[32], sig[1 + MBEDTLS_PK_SIGNATURE_MAX_SIZE];
	struct cm_der body = { 0 };
	size_t sig_len = 0;
	int rc;

	rc = mbedtls_md(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), tbs->p,
	    tbs->len, hash);
	if (rc != 0)
		return cm_fail_mbed(st, MPD_ECRYPTO, rc,
		    "cannot hash the certificate");
	sig[0] = 0;	/* BIT STRING: no unused bits */
	rc = cm_compat_pk_sign(key, MBEDTLS_MD_SHA256, hash, sizeof hash,
	    sig + 1, sizeof sig - 1, &sig_len, cm_rng, st);
	if (rc != 0)
		return cm_fail_mbed(st, MPD_ECRYPTO, rc,
		    "cannot sign the certificate");
	cm_der_raw(&body, tbs->p, tbs->len);
	cm_der_raw(&body, ecdsa_sha256_alg, sizeof ecdsa_sha256_alg);
	cm_der_tlv(&body, TAG_BITS, sig, 1 + sig_len);
	if (!body.failed)
		cm_der_tlv(out, TAG_SEQ, body.p, body.len);
	rc = body.failed || out->failed ? cm_fail(st, MPD_ENOMEM,
	    "out of memory") : MPD_OK;
	cm_der_free(&body);
	return rc;
}

/* The certificate mbed TLS wrote (`der`, signed by the ECDSA `key`) into
 * `out` with ecdsa_sha256_alg in both places: as it is when it has that
 * already, else re-signed. */
static int
fix_ecdsa(struct cm_state *st, const unsigned char *der, size_t len,
    mbedtls_pk_context *key, struct cm_der *out)
{
	struct cm_crt_parts parts;
	struct cm_der body = { 0 }, tbs = { 0 };
	const unsigned char *after;
	size_t oid_len;
	int rc;

	if (cm_crt_split(der, len, &parts) != 0)
		return cm_fail(st, MPD_ECRYPTO,
		    "mbed TLS wrote a certificate mpd cannot read back");
	if (parts.tbs_alg_len == sizeof ecdsa_sha256_alg &&
	    memcmp(parts.tbs_alg, ecdsa_sha256_alg, parts.tbs_alg_len) == 0 &&
	    parts.alg_len == sizeof ecdsa_sha256_alg &&
	    memcmp(parts.alg, ecdsa_sha256_alg, parts.alg_len) == 0) {
		/* already right (mbed TLS 3.5 or later) */
		cm_der_raw(out, der, len);
		return out->failed ? cm_fail(st, MPD_ENOMEM,
		    "out of memory") : MPD_OK;
	}
	/* only SHA-256 is asked for (set_md_alg): anything else is a bug */
	oid_len = MBEDTLS_OID_SIZE(MBEDTLS_OID_ECDSA_SHA256);
	if (parts.tbs_alg_len < 4 + oid_len ||
	    parts.tbs_alg[2] != MBEDTLS_ASN1_OID || parts.tbs_alg[3] != oid_len ||
	    memcmp(parts.tbs_alg + 4, MBEDTLS_OID_ECDSA_SHA256, oid_len) != 0)
		return cm_fail(st, MPD_ECRYPTO,
		    "mbed TLS signed with another algorithm than "
		    "ecdsa-with-SHA256");
	after = parts.tbs_alg + parts.tbs_alg_len;
	cm_der_raw(&body, parts.tbs_body,
	    (size_t)(parts.tbs_alg - parts.tbs_body));
	cm_der_raw(&body, ecdsa_sha256_alg, sizeof ecdsa_sha256_alg);
	cm_der_raw(&body, after, (size_t)(parts.tbs_body +
	    parts.tbs_body_len - after));
	if (!body.failed)
		cm_der_tlv(&tbs, TAG_SEQ, body.p, body.len);
	if (body.failed || tbs.failed)
		rc = cm_fail(st, MPD_ENOMEM, "out of memory");
	else
		rc = assemble(st, &tbs, key, out);
	cm_der_free(&body);
	cm_der_free(&tbs);
	return rc;
}

int
cm_sign_crt(struct cm_state *st, mbedtls_x509write_cert *w,
    mbedtls_pk_context *issuer_key, size_t size_hint, struct cm_der *out)
{
	size_t size = size_hint + 8192;
	unsigned char *buf;
	int n, rc;

	buf = calloc(1, size);
	if (buf == NULL)
		return cm_fail(st, MPD_ENOMEM, "out of memory");
	/* written at the END of buf */
	n = mbedtls_x509write_crt_der(w, buf, size, cm_rng, st);
	if (n < 0) {
		rc = cm_fail_mbed(st, MPD_ECRYPTO, n,
		    "cannot sign the certificate");
	} else if (mbedtls_pk_can_do(issuer_key, MBEDTLS_PK_ECDSA)) {
		rc = fix_ecdsa(st, buf + size - (size_t)n, (size_t)n,
		    issuer_key, out);
	} else {
		cm_der_raw(out, buf + size - (size_t)n, (size_t)n);
		rc = out->failed ? cm_fail(st, MPD_ENOMEM, "out of memory") :
		    MPD_OK;
	}
	free(buf);
	if (rc != MPD_OK)
		cm_der_free(out);
	return rc;
}
