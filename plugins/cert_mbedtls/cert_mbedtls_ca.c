/*
 * cert_mbedtls_ca.c - ca_generate: a new self-signed root CA.
 *
 * basicConstraints critical CA:TRUE pathlen:0, keyUsage critical
 * keyCertSign + cRLSign, subject and authority key identifiers, and a
 * critical nameConstraints extension permitting only the DNS subtrees the
 * caller lists (mpd passes "mpd.test" and ".mpd.test") and excluding
 * every IPv4 and IPv6 address (a DNS-only constraint leaves IP addresses
 * unconstrained, RFC 5280 4.2.1.10), ECDSA or RSA with SHA-256.
 */
#include "cert_mbedtls.h"

#include <stdlib.h>
#include <string.h>

#include <mbedtls/oid.h>

#define CA_ORG "mpd"
#define MAX_VALIDITY_DAYS 36500u

static int
check_params(struct cm_state *st, const struct mpd_ca_params *p)
{
	if (p == NULL || !MPD_HAS_FIELD(p, struct mpd_ca_params, key_type))
		return cm_fail(st, MPD_EINVAL, "CA parameters missing or truncated");
	if (!cm_common_name_ok(p->common_name))
		return cm_fail(st, MPD_EINVAL,
		    "CA common name must be 1-64 printable ASCII characters "
		    "without a backslash");
	if (p->validity_days == 0 || p->validity_days > MAX_VALIDITY_DAYS)
		return cm_fail(st, MPD_EINVAL,
		    "CA validity of %u days is out of range (1-%u)",
		    p->validity_days, MAX_VALIDITY_DAYS);
	if (p->permitted_dns != NULL) {
		for (size_t i = 0; p->permitted_dns[i] != NULL; i++) {
			const char *d = p->permitted_dns[i];

			if (d[0] == '.')
				d++;
			if (d[0] == '*' || !cm_dns_name_ok(d))
				return cm_fail(st, MPD_EINVAL,
				    "name constraint '%s' is not a DNS name "
				    "or .suffix", p->permitted_dns[i]);
		}
	}
	return MPD_OK;
}

int
cm_ca_generate(void *state, const struct mpd_ca_params *p,
    struct mpd_buf *cert_pem, struct mpd_buf *key_pem)
{
	struct cm_state *st = state;
	mbedtls_x509write_cert w;
	mbedtls_pk_context key;
	struct cm_der nc = { 0 };
	char *name = NULL;
	int rc;

	if (cert_pem == NULL || key_pem == NULL)
		return cm_fail(st, MPD_EINVAL, "no output buffers");
	rc = check_params(st, p);
	if (rc != MPD_OK)
		return rc;
	mbedtls_x509write_crt_init(&w);
	mbedtls_pk_init(&key);

	rc = cm_keygen(st, &key, p->key_type);
	if (rc != MPD_OK)
		goto out;
	name = cm_name_string(CA_ORG, p->common_name);
	if (name == NULL) {
		rc = cm_fail(st, MPD_ENOMEM, "out of memory");
		goto out;
	}
	mbedtls_x509write_crt_set_version(&w, MBEDTLS_X509_CRT_VERSION_3);
	mbedtls_x509write_crt_set_md_alg(&w, MBEDTLS_MD_SHA256);
	mbedtls_x509write_crt_set_subject_key(&w, &key);
	mbedtls_x509write_crt_set_issuer_key(&w, &key);
	if ((rc = mbedtls_x509write_crt_set_subject_name(&w, name)) != 0 ||
	    (rc = mbedtls_x509write_crt_set_issuer_name(&w, name)) != 0) {
		rc = cm_fail_mbed(st, MPD_EINVAL, rc,
		    "cannot use '%s' as the CA name", p->common_name);
		goto out;
	}
	if ((rc = cm_write_serial(st, &w)) != MPD_OK ||
	    (rc = cm_write_validity(st, &w, p->validity_days)) != MPD_OK)
		goto out;
	if ((rc = mbedtls_x509write_crt_set_basic_constraints(&w, 1, 0)) != 0 ||
	    (rc = mbedtls_x509write_crt_set_subject_key_identifier(&w)) != 0 ||
	    (rc = mbedtls_x509write_crt_set_authority_key_identifier(&w)) != 0 ||
	    (rc = mbedtls_x509write_crt_set_key_usage(&w,
	    MBEDTLS_X509_KU_KEY_CERT_SIGN | MBEDTLS_X509_KU_CRL_SIGN)) != 0) {
		rc = cm_fail_mbed(st, MPD_ECRYPTO, rc,
		    "cannot add the CA extensions");
		goto out;
	}
	if (p->permitted_dns != NULL && p->permitted_dns[0] != NULL) {
		if (cm_der_name_constraints(&nc, p->permitted_dns) != 0)
			nc.failed = 1;
		rc = cm_write_ext(st, &w, MBEDTLS_OID_NAME_CONSTRAINTS,
		    MBEDTLS_OID_SIZE(MBEDTLS_OID_NAME_CONSTRAINTS), 1, &nc,
		    "the name constraints");
		if (rc != MPD_OK)
			goto out;
	}
	rc = cm_write_out(st, &w, &key, &key, nc.len, cert_pem, key_pem);
out:
	cm_der_free(&nc);
	free(name);
	mbedtls_pk_free(&key);
	mbedtls_x509write_crt_free(&w);
	return rc;
}
