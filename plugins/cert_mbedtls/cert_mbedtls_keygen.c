/*
 * cert_mbedtls_keygen.c - private keys for new CAs and leaves.
 *
 * EC P-256 is the default (see docs/CERTIFICATES.md: fastest to generate
 * and to sign with, and trusted by macOS, Chrome, Firefox and curl); RSA
 * 2048/4096 exist for callers that ask for them.
 */
#include "cert_mbedtls.h"

#include <mbedtls/rsa.h>

int
cm_keygen(struct cm_state *st, mbedtls_pk_context *pk, enum mpd_key_type type)
{
	unsigned int bits = 0;
	int rc;

	switch (type) {
	case MPD_KEY_EC_P256:
		rc = mbedtls_pk_setup(pk,
		    mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY));
		if (rc == 0)
			rc = mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1,
			    mbedtls_pk_ec(*pk), cm_rng, st);
		if (rc != 0)
			return cm_fail_mbed(st, MPD_ECRYPTO, rc,
			    "cannot generate an EC P-256 key");
		return MPD_OK;
	case MPD_KEY_RSA_2048:
		bits = 2048;
		break;
	case MPD_KEY_RSA_4096:
		bits = 4096;
		break;
	default:
		return cm_fail(st, MPD_EINVAL, "unknown key type %d",
		    (int)type);
	}
	rc = mbedtls_pk_setup(pk, mbedtls_pk_info_from_type(MBEDTLS_PK_RSA));
	if (rc == 0)
		rc = mbedtls_rsa_gen_key(mbedtls_pk_rsa(*pk), cm_rng, st, bits,
		    65537);
	if (rc != 0)
		return cm_fail_mbed(st, MPD_ECRYPTO, rc,
		    "cannot generate an RSA-%u key", bits);
	return MPD_OK;
}
