/*
 * cert_mbedtls_write.c - what every certificate the plugin writes shares:
 * a random serial, the validity window, names, raw extensions and the PEM
 * output (signed by cert_mbedtls_sign.c) into host-allocated buffers.
 */
#include "cert_mbedtls.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mbedtls/oid.h>
#include <mbedtls/pem.h>
#include <mbedtls/platform_util.h>

#define SERIAL_LEN 16
#define BACKDATE_SECONDS 3600
#define KEY_PEM_MAX 16000

int
cm_write_serial(struct cm_state *st, mbedtls_x509write_cert *w)
{
	unsigned char serial[SERIAL_LEN];
	int rc;

	rc = cm_rng(st, serial, sizeof serial);
	if (rc != 0)
		return cm_fail_mbed(st, MPD_ECRYPTO, rc,
		    "cannot draw a random serial number");
	/* positive (top bit clear) and of full length (second bit set), so
	 * the DER INTEGER is exactly 16 bytes: 126 random bits */
	serial[0] = (unsigned char)((serial[0] & 0x3F) | 0x40);
	rc = cm_compat_set_serial(w, serial, sizeof serial);
	if (rc != 0)
		return cm_fail_mbed(st, MPD_ECRYPTO, rc,
		    "cannot set the serial number");
	return MPD_OK;
}

static int
format_time(time_t t, char out[16])
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL)
		return -1;
	if (strftime(out, 16, "%Y%m%d%H%M%S", &tm) != 14)
		return -1;
	return 0;
}

int
cm_write_validity(struct cm_state *st, mbedtls_x509write_cert *w,
    uint32_t days)
{
	char nb[16], na[16];
	time_t from = time(NULL) - BACKDATE_SECONDS;
	time_t to = from + (time_t)days * 86400;
	int rc;

	if (format_time(from, nb) != 0 || format_time(to, na) != 0)
		return cm_fail(st, MPD_EINVAL,
		    "cannot express a validity of %u days", days);
	rc = mbedtls_x509write_crt_set_validity(w, nb, na);
	if (rc != 0)
		return cm_fail_mbed(st, MPD_ECRYPTO, rc,
		    "cannot set the validity");
	return MPD_OK;
}

int
cm_common_name_ok(const char *cn)
{
	size_t n;

	if (cn == NULL)
		return 0;
	n = strlen(cn);
	if (n == 0 || n > 64)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (cn[i] < 0x20 || cn[i] > 0x7e || cn[i] == '\\')
			return 0;
	return 1;
}

/* Append `s` (length n) to the heap string *out, escaping commas. */
static int
append_escaped(char **out, size_t *len, const char *s, size_t n, int escape)
{
	char *p = realloc(*out, *len + 2 * n + 1);

	if (p == NULL)
		return -1;
	*out = p;
	for (size_t i = 0; i < n; i++) {
		if (escape && s[i] == ',')
			p[(*len)++] = '\\';
		p[(*len)++] = s[i];
	}
	p[*len] = '\0';
	return 0;
}

char *
cm_name_string(const char *org, const char *cn)
{
	char *out = NULL;
	size_t len = 0;

	if (org != NULL) {
		if (append_escaped(&out, &len, "O=", 2, 0) != 0 ||
		    append_escaped(&out, &len, org, strlen(org), 1) != 0 ||
		    append_escaped(&out, &len, ",", 1, 0) != 0)
			goto fail;
	}
	if (append_escaped(&out, &len, "CN=", 3, 0) != 0 ||
	    append_escaped(&out, &len, cn, strlen(cn), 1) != 0)
		goto fail;
	return out;
fail:
	free(out);
	return NULL;
}

char *
cm_name_of(const mbedtls_x509_crt *crt)
{
	const mbedtls_x509_name *n;
	char *out = NULL;
	size_t len = 0;

	for (n = &crt->subject; n != NULL; n = n->next) {
		const char *short_name;

		if (n->oid.p == NULL)
			continue;
		if (mbedtls_oid_get_attr_short_name(&n->oid, &short_name) != 0)
			goto fail;
		if (memchr(n->val.p, '\0', n->val.len) != NULL)
			goto fail;
		if ((len > 0 && append_escaped(&out, &len, ",", 1, 0) != 0) ||
		    append_escaped(&out, &len, short_name, strlen(short_name),
		    0) != 0 ||
		    append_escaped(&out, &len, "=", 1, 0) != 0 ||
		    append_escaped(&out, &len, (const char *)n->val.p,
		    n->val.len, 1) != 0)
			goto fail;
	}
	if (out == NULL)
		goto fail;
	return out;
fail:
	free(out);
	return NULL;
}

int
cm_write_ext(struct cm_state *st, mbedtls_x509write_cert *w, const char *oid,
    size_t oid_len, int critical, const struct cm_der *val, const char *what)
{
	int rc;

	if (val->failed)
		return cm_fail(st, MPD_ENOMEM, "out of memory building %s",
		    what);
	rc = mbedtls_x509write_crt_set_extension(w, oid, oid_len, critical,
	    val->p, val->len);
	if (rc != 0)
		return cm_fail_mbed(st, MPD_ECRYPTO, rc, "cannot add %s", what);
	return MPD_OK;
}

#define PEM_CRT_BEGIN "-----BEGIN CERTIFICATE-----\n"
#define PEM_CRT_END "-----END CERTIFICATE-----\n"

int
cm_write_out(struct cm_state *st, mbedtls_x509write_cert *w,
    mbedtls_pk_context *issuer_key, mbedtls_pk_context *key,
    size_t size_hint, struct mpd_buf *cert_pem, struct mpd_buf *key_pem)
{
	struct cm_der der = { 0 };
	unsigned char *cbuf = NULL, *kbuf;
	size_t size, olen = 0;
	int rc;

	kbuf = calloc(1, KEY_PEM_MAX);
	if (kbuf == NULL)
		return cm_fail(st, MPD_ENOMEM, "out of memory");
	rc = cm_sign_crt(st, w, issuer_key, size_hint, &der);
	if (rc != MPD_OK)
		goto out;
	/* base64 (4 per 3 bytes) with a newline per 64 characters, and the
	 * frame: well under twice the DER */
	size = 2 * der.len + sizeof PEM_CRT_BEGIN + sizeof PEM_CRT_END;
	cbuf = calloc(1, size);
	if (cbuf == NULL) {
		rc = cm_fail(st, MPD_ENOMEM, "out of memory");
		goto out;
	}
	rc = mbedtls_pem_write_buffer(PEM_CRT_BEGIN, PEM_CRT_END, der.p,
	    der.len, cbuf, size, &olen);
	if (rc != 0) {
		rc = cm_fail_mbed(st, MPD_ECRYPTO, rc,
		    "cannot write the certificate as PEM");
		goto out;
	}
	rc = mbedtls_pk_write_key_pem(key, kbuf, KEY_PEM_MAX);
	if (rc != 0) {
		rc = cm_fail_mbed(st, MPD_ECRYPTO, rc,
		    "cannot write the private key");
		goto out;
	}
	rc = cm_buf_set(st, cert_pem, cbuf, strlen((char *)cbuf));
	if (rc != MPD_OK)
		goto out;
	rc = cm_buf_set(st, key_pem, kbuf, strlen((char *)kbuf));
	if (rc != MPD_OK) {
		st->host->free(cert_pem->data);
		cert_pem->data = NULL;
		cert_pem->len = 0;
	}
out:
	mbedtls_platform_zeroize(kbuf, KEY_PEM_MAX);
	free(kbuf);
	free(cbuf);
	cm_der_free(&der);
	return rc;
}
