/*
 * cert_mbedtls_der.c - the few DER structures mbed TLS 2.28 cannot write
 * (or, for name constraints, read) itself, built and read by hand so 2.28
 * and 3.6 share one path:
 *
 *   subjectAltName      GeneralNames ::= SEQUENCE OF GeneralName,
 *                       dNSName [2] IMPLICIT IA5String
 *   nameConstraints     SEQUENCE { permittedSubtrees [0] IMPLICIT
 *                       SEQUENCE OF GeneralSubtree, excludedSubtrees [1]
 *                       IMPLICIT SEQUENCE OF GeneralSubtree },
 *                       GeneralSubtree ::= SEQUENCE { base GeneralName },
 *                       iPAddress [7] IMPLICIT OCTET STRING (address and
 *                       mask: 8 bytes for IPv4, 32 for IPv6)
 *   extendedKeyUsage    SEQUENCE OF KeyPurposeId
 *   authorityKeyId      SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING }
 *
 * Reading walks the raw extensions (crt->v3_ext, public in both versions)
 * with mbed TLS's asn1 parser.
 */
#include "cert_mbedtls.h"

#include <stdlib.h>
#include <string.h>

#include <mbedtls/asn1.h>
#include <mbedtls/oid.h>

#define TAG_SEQ		0x30
#define TAG_OID		0x06
#define TAG_OCTETS	0x04
#define TAG_CTX0_CONS	0xA0
#define TAG_CTX0_PRIM	0x80
#define TAG_CTX1_CONS	0xA1
#define TAG_DNS		0x82	/* [2] IMPLICIT IA5String */
#define TAG_IP		0x87	/* [7] IMPLICIT OCTET STRING */

void
cm_der_free(struct cm_der *d)
{
	free(d->p);
	d->p = NULL;
	d->len = d->cap = 0;
	d->failed = 0;
}

static void
der_reserve(struct cm_der *d, size_t more)
{
	unsigned char *np;
	size_t cap;

	if (d->failed)
		return;
	if (d->len + more <= d->cap)
		return;
	cap = d->cap ? d->cap : 64;
	while (cap < d->len + more)
		cap *= 2;
	np = realloc(d->p, cap);
	if (np == NULL) {
		d->failed = 1;
		return;
	}
	d->p = np;
	d->cap = cap;
}

void
cm_der_tlv(struct cm_der *d, unsigned char tag, const void *content, size_t len)
{
	unsigned char hdr[6];
	size_t h = 0;

	hdr[h++] = tag;
	if (len < 0x80) {
		hdr[h++] = (unsigned char)len;
	} else if (len <= 0xFF) {
		hdr[h++] = 0x81;
		hdr[h++] = (unsigned char)len;
	} else if (len <= 0xFFFF) {
		hdr[h++] = 0x82;
		hdr[h++] = (unsigned char)(len >> 8);
		hdr[h++] = (unsigned char)len;
	} else if (len <= 0xFFFFFF) {
		hdr[h++] = 0x83;
		hdr[h++] = (unsigned char)(len >> 16);
		hdr[h++] = (unsigned char)(len >> 8);
		hdr[h++] = (unsigned char)len;
	} else {
		d->failed = 1;
		return;
	}
	der_reserve(d, h + len);
	if (d->failed)
		return;
	memcpy(d->p + d->len, hdr, h);
	d->len += h;
	if (len > 0)
		memcpy(d->p + d->len, content, len);
	d->len += len;
}

void
cm_der_raw(struct cm_der *d, const void *bytes, size_t len)
{
	der_reserve(d, len);
	if (d->failed || len == 0)
		return;
	memcpy(d->p + d->len, bytes, len);
	d->len += len;
}

/* Wrap `inner` as the content of `tag` into `d`; frees `inner`. */
static int
der_wrap(struct cm_der *d, unsigned char tag, struct cm_der *inner)
{
	int failed = inner->failed;

	if (!failed)
		cm_der_tlv(d, tag, inner->p, inner->len);
	cm_der_free(inner);
	return (failed || d->failed) ? -1 : 0;
}

int
cm_der_san(struct cm_der *d, const char *const *dns_names)
{
	struct cm_der names = { 0 };

	for (size_t i = 0; dns_names[i] != NULL; i++)
		cm_der_tlv(&names, TAG_DNS, dns_names[i], strlen(dns_names[i]));
	return der_wrap(d, TAG_SEQ, &names);
}

/* One GeneralSubtree { base: GeneralName `tag` with `len` bytes } into
 * `subtrees`. */
static int
der_subtree(struct cm_der *subtrees, unsigned char tag, const void *base,
    size_t len)
{
	struct cm_der one = { 0 };

	cm_der_tlv(&one, tag, base, len);
	return der_wrap(subtrees, TAG_SEQ, &one);
}

int
cm_der_name_constraints(struct cm_der *d, const char *const *permitted)
{
	/* 0.0.0.0/0 and ::/0: address and mask all zero */
	static const unsigned char any_ip[32];
	struct cm_der permit = { 0 }, exclude = { 0 }, seq = { 0 };

	for (size_t i = 0; permitted[i] != NULL; i++)
		if (der_subtree(&permit, TAG_DNS, permitted[i],
		    strlen(permitted[i])) != 0)
			goto fail;
	if (der_subtree(&exclude, TAG_IP, any_ip, 8) != 0 ||
	    der_subtree(&exclude, TAG_IP, any_ip, 32) != 0)
		goto fail;
	if (der_wrap(&seq, TAG_CTX0_CONS, &permit) != 0 ||
	    der_wrap(&seq, TAG_CTX1_CONS, &exclude) != 0)
		goto fail;
	return der_wrap(d, TAG_SEQ, &seq);
fail:
	cm_der_free(&permit);
	cm_der_free(&exclude);
	cm_der_free(&seq);
	return -1;
}

int
cm_der_eku_server_auth(struct cm_der *d)
{
	static const char oid[] = MBEDTLS_OID_SERVER_AUTH;
	struct cm_der seq = { 0 };

	cm_der_tlv(&seq, TAG_OID, oid, MBEDTLS_OID_SIZE(MBEDTLS_OID_SERVER_AUTH));
	return der_wrap(d, TAG_SEQ, &seq);
}

int
cm_der_aki(struct cm_der *d, const unsigned char *kid, size_t len)
{
	struct cm_der seq = { 0 };

	cm_der_tlv(&seq, TAG_CTX0_PRIM, kid, len);
	return der_wrap(d, TAG_SEQ, &seq);
}

int
cm_der_find_ext(const mbedtls_x509_crt *crt, const char *oid, size_t oid_len,
    const unsigned char **val, size_t *len)
{
	unsigned char *p = crt->v3_ext.p;
	const unsigned char *end;
	size_t n;

	if (p == NULL || crt->v3_ext.len == 0)
		return 0;
	end = p + crt->v3_ext.len;
	/* Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension */
	if (mbedtls_asn1_get_tag(&p, end, &n,
	    MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0)
		return -1;
	end = p + n;
	while (p < end) {
		unsigned char *ext_end, *ext_oid;
		size_t ext_oid_len;
		int critical = 0;

		if (mbedtls_asn1_get_tag(&p, end, &n,
		    MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0)
			return -1;
		ext_end = p + n;
		if (mbedtls_asn1_get_tag(&p, ext_end, &ext_oid_len,
		    MBEDTLS_ASN1_OID) != 0)
			return -1;
		ext_oid = p;
		p += ext_oid_len;
		if (p < ext_end && *p == MBEDTLS_ASN1_BOOLEAN &&
		    mbedtls_asn1_get_bool(&p, ext_end, &critical) != 0)
			return -1;
		if (mbedtls_asn1_get_tag(&p, ext_end, &n,
		    MBEDTLS_ASN1_OCTET_STRING) != 0)
			return -1;
		if (ext_oid_len == oid_len && memcmp(ext_oid, oid, oid_len) == 0) {
			*val = p;
			*len = n;
			return 1;
		}
		p = ext_end;
	}
	return 0;
}

int
cm_der_subject_key_id(const mbedtls_x509_crt *crt, const unsigned char **kid,
    size_t *len)
{
	const unsigned char *val;
	unsigned char *p;
	size_t vlen, n;
	int found;

	found = cm_der_find_ext(crt, MBEDTLS_OID_SUBJECT_KEY_IDENTIFIER,
	    MBEDTLS_OID_SIZE(MBEDTLS_OID_SUBJECT_KEY_IDENTIFIER), &val, &vlen);
	if (found != 1)
		return 0;
	/* SubjectKeyIdentifier ::= KeyIdentifier ::= OCTET STRING */
	p = (unsigned char *)val;
	if (mbedtls_asn1_get_tag(&p, val + vlen, &n,
	    MBEDTLS_ASN1_OCTET_STRING) != 0 || n == 0)
		return 0;
	*kid = p;
	*len = n;
	return 1;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The content of the nameConstraints extension's permittedSubtrees [0] and
 * excludedSubtrees [1] (each NULL/0 when absent).  1 when the certificate
 * has the extension, 0 when not, -1 when it is malformed.
 */
static int
nc_subtrees(const mbedtls_x509_crt *crt, unsigned char **permit,
    size_t *permit_len, unsigned char **exclude, size_t *exclude_len)
{
	const unsigned char *val;
	unsigned char *p, *end;
	size_t vlen, n;
	int found;

	*permit = *exclude = NULL;
	*permit_len = *exclude_len = 0;
	found = cm_der_find_ext(crt, MBEDTLS_OID_NAME_CONSTRAINTS,
	    MBEDTLS_OID_SIZE(MBEDTLS_OID_NAME_CONSTRAINTS), &val, &vlen);
	if (found <= 0)
		return found;
	p = (unsigned char *)val;
	end = p + vlen;
	if (mbedtls_asn1_get_tag(&p, end, &n,
	    MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0 ||
	    p + n != end)
		return -1;
	if (p < end && *p == TAG_CTX0_CONS) {
		if (mbedtls_asn1_get_tag(&p, end, &n, TAG_CTX0_CONS) != 0)
			return -1;
		*permit = p;
		*permit_len = n;
		p += n;
	}
	if (p < end && *p == TAG_CTX1_CONS) {
		if (mbedtls_asn1_get_tag(&p, end, &n, TAG_CTX1_CONS) != 0)
			return -1;
		*exclude = p;
		*exclude_len = n;
		p += n;
	}
	return p == end ? 1 : -1;
}

/* Walk a SEQUENCE OF GeneralSubtree: call `fn` with each base's tag and
 * bytes.  0, or -1 when malformed or `fn` fails. */
static int
each_subtree(unsigned char *p, size_t len,
    int (*fn)(void *ctx, unsigned char tag, const unsigned char *v,
    size_t n), void *ctx)
{
	unsigned char *end = p + len;

	while (p < end) {
		unsigned char *sub_end, tag;
		size_t n;

		if (mbedtls_asn1_get_tag(&p, end, &n,
		    MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0)
			return -1;
		sub_end = p + n;
		if (p >= sub_end)
			return -1;
		tag = *p++;
		if (mbedtls_asn1_get_len(&p, sub_end, &n) != 0)
			return -1;
		if (fn(ctx, tag, p, n) != 0)
			return -1;
		p = sub_end;
	}
	return 0;
}

struct dns_list {
	char *names[64];
	size_t count;
};

static int
collect_dns(void *ctx, unsigned char tag, const unsigned char *v, size_t n)
{
	struct dns_list *l = ctx;

	if (tag != TAG_DNS || l->count == 64)
		return 0;
	l->names[l->count] = malloc(n + 1);
	if (l->names[l->count] == NULL)
		return -1;
	memcpy(l->names[l->count], v, n);
	l->names[l->count][n] = '\0';
	l->count++;
	return 0;
}

int
cm_der_permitted_dns(const mbedtls_x509_crt *crt, char *out, size_t outsz)
{
	struct dns_list l = { .count = 0 };
	unsigned char *permit, *exclude;
	size_t permit_len, exclude_len, used = 0;
	int found, rc = -1;

	out[0] = '\0';
	found = nc_subtrees(crt, &permit, &permit_len, &exclude, &exclude_len);
	if (found <= 0)
		return found;
	/* permittedSubtrees [0] is optional: excludedSubtrees [1] alone
	 * permits everything not excluded, reported as "" */
	if (permit == NULL)
		return 0;
	if (each_subtree(permit, permit_len, collect_dns, &l) != 0)
		goto out;
	qsort(l.names, l.count, sizeof l.names[0], cmp_str);
	for (size_t i = 0; i < l.count; i++) {
		size_t len = strlen(l.names[i]);

		if (used + len + 2 > outsz)
			break;
		if (i > 0)
			out[used++] = ',';
		memcpy(out + used, l.names[i], len);
		used += len;
		out[used] = '\0';
	}
	rc = 0;
out:
	for (size_t i = 0; i < l.count; i++)
		free(l.names[i]);
	return rc;
}

/* An iPAddress subtree whose mask is all zero covers its whole family. */
static int
note_any_ip(void *ctx, unsigned char tag, const unsigned char *v, size_t n)
{
	unsigned int *bits = ctx;
	size_t half = n / 2, zeros = 0;

	if (tag != TAG_IP || (n != 8 && n != 32))
		return 0;
	while (zeros < half && v[half + zeros] == 0)
		zeros++;
	if (zeros == half)
		*bits |= n == 8 ? MPD_CERT_EXCLUDES_IPV4 : MPD_CERT_EXCLUDES_IPV6;
	return 0;
}

int
cm_der_excluded_ip(const mbedtls_x509_crt *crt)
{
	unsigned char *permit, *exclude;
	size_t permit_len, exclude_len;
	unsigned int bits = 0;
	int found;

	found = nc_subtrees(crt, &permit, &permit_len, &exclude, &exclude_len);
	if (found < 0)
		return -1;
	if (exclude != NULL &&
	    each_subtree(exclude, exclude_len, note_any_ip, &bits) != 0)
		return -1;
	return (int)bits;
}

int
cm_dns_name_ok(const char *name)
{
	size_t len, label = 0;
	const char *s = name;

	if (name == NULL)
		return 0;
	len = strlen(name);
	if (len == 0 || len > 253)
		return 0;
	if (s[0] == '*' && s[1] == '.')
		s += 2;
	for (; *s; s++) {
		char c = *s;

		if (c == '.') {
			if (label == 0 || s[-1] == '-')
				return 0;
			label = 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-'))
			return 0;
		if (c == '-' && label == 0)
			return 0;
		if (++label > 63)
			return 0;
	}
	return label > 0 && s[-1] != '-';
}
