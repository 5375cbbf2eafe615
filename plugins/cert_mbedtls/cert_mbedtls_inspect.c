/*
 * cert_mbedtls_inspect.c - reading certificates back: cert_inspect (what a
 * certificate says), cert_verify (was it signed by this CA) and key_matches
 * (does this key belong to it).  These feed the core's reuse rules and
 * `mpd list certs`; cert_inspect's flags say whether a CA's name
 * constraints exclude IP addresses and whether a signature algorithm
 * carries the parameter Chromium refuses.
 */
#include "cert_mbedtls.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/asn1.h>
#include <mbedtls/md.h>

#define MAX_SANS 1024

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int64_t
x509_time_epoch(const mbedtls_x509_time *t)
{
	return days_from_civil(t->year, t->mon, t->day) * 86400 +
	    (int64_t)t->hour * 3600 + t->min * 60 + t->sec;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The DNS SANs, sorted, joined with commas. */
static int
sans_string(const mbedtls_x509_crt *crt, char *out, size_t outsz,
    int *truncated)
{
	const mbedtls_x509_sequence *s;
	char *names[MAX_SANS];
	size_t count = 0, used = 0;
	int rc = 0;

	out[0] = '\0';
	*truncated = 0;
	for (s = &crt->subject_alt_names; s != NULL; s = s->next) {
		if (s->buf.p == NULL || s->buf.tag !=
		    (MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_X509_SAN_DNS_NAME))
			continue;
		if (count == MAX_SANS) {
			*truncated = 1;
			break;
		}
		names[count] = malloc(s->buf.len + 1);
		if (names[count] == NULL) {
			rc = -1;
			goto out;
		}
		memcpy(names[count], s->buf.p, s->buf.len);
		names[count][s->buf.len] = '\0';
		count++;
	}
	qsort(names, count, sizeof names[0], cmp_str);
	for (size_t i = 0; i < count; i++) {
		size_t l = strlen(names[i]);

		if (used + l + 2 > outsz) {
			*truncated = 1;
			break;
		}
		if (i > 0)
			out[used++] = ',';
		memcpy(out + used, names[i], l);
		used += l;
		out[used] = '\0';
	}
out:
	for (size_t i = 0; i < count; i++)
		free(names[i]);
	return rc;
}

static void
dn_string(char *out, size_t outsz, const mbedtls_x509_name *dn)
{
	char big[2048];

	size_t n;

	if (mbedtls_x509_dn_gets(big, sizeof big, dn) < 0)
		snprintf(big, sizeof big, "(unreadable name)");
	n = strlen(big);
	if (n >= outsz)
		n = outsz - 1;
	memcpy(out, big, n);
	out[n] = '\0';
}

/* enum mpd_cert_flags for `crt`.  0, or -1 when its name constraints are
 * malformed. */
static int
cert_flags(const mbedtls_x509_crt *crt, uint32_t *flags)
{
	struct cm_crt_parts parts;
	int ip;

	*flags = MPD_CERT_FLAGS_SET;
	ip = cm_der_excluded_ip(crt);
	if (ip < 0)
		return -1;
	*flags |= (uint32_t)ip;
	/* mbed TLS parsed it, so the split cannot fail */
	if (cm_crt_split(crt->raw.p, crt->raw.len, &parts) == 0 &&
	    (cm_alg_ecdsa_has_params(parts.tbs_alg, parts.tbs_alg_len) ||
	    cm_alg_ecdsa_has_params(parts.alg, parts.alg_len)))
		*flags |= MPD_CERT_ECDSA_PARAMS;
	return 0;
}

int
cm_cert_inspect(void *state, const unsigned char *pem, size_t len,
    struct mpd_cert_info *out)
{
	struct cm_state *st = state;
	struct mpd_cert_info *info;
	mbedtls_x509_crt crt;
	unsigned char digest[32];
	size_t copy;
	int rc;

	if (out == NULL ||
	    !MPD_HAS_FIELD(out, struct mpd_cert_info, sans_truncated))
		return cm_fail(st, MPD_EINVAL,
		    "certificate info struct missing or truncated");
	info = calloc(1, sizeof *info);
	if (info == NULL)
		return cm_fail(st, MPD_ENOMEM, "out of memory");
	mbedtls_x509_crt_init(&crt);
	rc = cm_parse_crt(st, &crt, pem, len, "the certificate");
	if (rc != MPD_OK)
		goto out;
	info->not_before = x509_time_epoch(&crt.valid_from);
	info->not_after = x509_time_epoch(&crt.valid_to);
	info->is_ca = cm_compat_crt_is_ca(&crt) ? 1 : 0;
	rc = mbedtls_md(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256),
	    crt.raw.p, crt.raw.len, digest);
	if (rc != 0) {
		rc = cm_fail_mbed(st, MPD_ECRYPTO, rc,
		    "cannot hash the certificate");
		goto out;
	}
	for (size_t i = 0; i < sizeof digest; i++)
		snprintf(info->fingerprint_sha256 + 2 * i, 3, "%02x",
		    digest[i]);
	dn_string(info->subject, sizeof info->subject, &crt.subject);
	dn_string(info->issuer, sizeof info->issuer, &crt.issuer);
	if (sans_string(&crt, info->sans, sizeof info->sans,
	    &info->sans_truncated) != 0) {
		rc = cm_fail(st, MPD_ENOMEM, "out of memory");
		goto out;
	}
	if (cm_der_permitted_dns(&crt, info->permitted_dns,
	    sizeof info->permitted_dns) != 0) {
		rc = cm_fail(st, MPD_ECRYPTO,
		    "the certificate's name constraints are malformed");
		goto out;
	}
	rc = cert_flags(&crt, &info->flags);
	if (rc != 0) {
		rc = cm_fail(st, MPD_ECRYPTO,
		    "the certificate's name constraints are malformed");
		goto out;
	}
	/* write no further than the caller's struct reaches */
	info->struct_size = out->struct_size;
	copy = out->struct_size < sizeof *info ? out->struct_size :
	    sizeof *info;
	memcpy(out, info, copy);
	rc = MPD_OK;
out:
	mbedtls_x509_crt_free(&crt);
	free(info);
	return rc;
}

int
cm_cert_verify(void *state, const unsigned char *cert, size_t cert_len,
    const unsigned char *ca, size_t ca_len)
{
	/* time is the core's business (it renews early); only the chain
	 * and the signature count here */
	const uint32_t ignored = MBEDTLS_X509_BADCERT_EXPIRED |
	    MBEDTLS_X509_BADCERT_FUTURE;
	struct cm_state *st = state;
	mbedtls_x509_crt crt, ca_crt;
	uint32_t flags = 0;
	char why[256];
	int rc;

	mbedtls_x509_crt_init(&crt);
	mbedtls_x509_crt_init(&ca_crt);
	rc = cm_parse_crt(st, &crt, cert, cert_len, "the certificate");
	if (rc != MPD_OK)
		goto out;
	rc = cm_parse_crt(st, &ca_crt, ca, ca_len, "the CA certificate");
	if (rc != MPD_OK)
		goto out;
	rc = mbedtls_x509_crt_verify(&crt, &ca_crt, NULL, NULL, &flags, NULL,
	    NULL);
	if (rc == 0 || (rc == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED &&
	    (flags & ~ignored) == 0)) {
		rc = MPD_OK;
		goto out;
	}
	if (flags != 0 && mbedtls_x509_crt_verify_info(why, sizeof why, "",
	    flags & ~ignored) > 0) {
		size_t n = strlen(why);

		while (n > 0 && (why[n - 1] == '\n' || why[n - 1] == ' '))
			why[--n] = '\0';
		for (char *c = why; *c; c++)
			if (*c == '\n')
				*c = ';';
		rc = cm_fail(st, MPD_ECRYPTO,
		    "the certificate was not issued by this CA (%s)", why);
	} else {
		rc = cm_fail_mbed(st, MPD_ECRYPTO, rc,
		    "the certificate was not issued by this CA");
	}
out:
	mbedtls_x509_crt_free(&crt);
	mbedtls_x509_crt_free(&ca_crt);
	return rc;
}

int
cm_key_matches(void *state, const unsigned char *cert, size_t cert_len,
    const unsigned char *key, size_t key_len)
{
	struct cm_state *st = state;
	mbedtls_x509_crt crt;
	mbedtls_pk_context pk;
	int rc;

	mbedtls_x509_crt_init(&crt);
	mbedtls_pk_init(&pk);
	rc = cm_parse_crt(st, &crt, cert, cert_len, "the certificate");
	if (rc != MPD_OK)
		goto out;
	rc = cm_parse_key(st, &pk, key, key_len, "the private key", NULL);
	if (rc != MPD_OK)
		goto out;
	if (cm_compat_pk_check_pair(&crt.pk, &pk, cm_rng, st) != 0)
		rc = cm_fail(st, MPD_ECRYPTO,
		    "the private key does not belong to the certificate");
out:
	mbedtls_pk_free(&pk);
	mbedtls_x509_crt_free(&crt);
	return rc;
}
