/*
 * test_cert_mbedtls.c - the cert-mbedtls plugin, checked by mbed TLS itself
 * and by openssl: the CA's extensions and name constraints (a certificate
 * for example.com that the CA signs must fail `openssl verify`), leaves,
 * host CAs made by openssl (RSA-4096 and EC), and clear errors for corrupt
 * PEM, passphrase-protected keys and keys that are not the CA's; the DER
 * of the signature algorithm (no NULL after ecdsa-with-SHA256, on mbed TLS
 * 2.28 and 3.6 alike) and the CA's exclusion of every IP address.
 */
#include "harness.h"

#include "cert_test_host.h"
#include "cert_test_util.h"
#include "testutil.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static struct certs_backend B;
static char *tmp;
static struct mpd_buf ca_cert, ca_key;	/* an EC CA made by the plugin */
static char *ca_path;

static const char *const permitted[] = { "mpd.test", ".mpd.test", NULL };

static void
buf_free(struct mpd_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
}

static int
gen_ca(enum mpd_key_type kt, struct mpd_buf *c, struct mpd_buf *k)
{
	struct mpd_ca_params p = {
		.struct_size = sizeof p,
		.common_name = "mpd.test local development CA",
		.permitted_dns = permitted,
		.validity_days = 3650,
		.key_type = kt,
	};

	return B.ops->ca_generate(B.state, &p, c, k);
}

static int
issue_with(const void *cert, size_t cert_len, const void *key, size_t key_len,
    const char *const *names, enum mpd_key_type kt, uint32_t days,
    struct mpd_buf *c, struct mpd_buf *k)
{
	struct mpd_pem_pair pair = { cert, cert_len, key, key_len };
	struct mpd_leaf_params p = {
		.struct_size = sizeof p,
		.common_name = NULL,
		.dns_names = names,
		.validity_days = days,
		.key_type = kt,
	};

	cert_test_host_clear_error();
	return B.ops->leaf_issue(B.state, &pair, &p, c, k);
}

static int
issue(const char *const *names, struct mpd_buf *c, struct mpd_buf *k)
{
	return issue_with(ca_cert.data, ca_cert.len, ca_key.data, ca_key.len,
	    names, MPD_KEY_EC_P256, 397, c, k);
}

static char *
save(const char *name, const struct mpd_buf *b)
{
	return ctu_write(tmp, name, b->data, b->len);
}

static int
setup(void)
{
	if (cert_test_backend_open(&B) != 0)
		return 1;
	tmp = tu_mkdtemp();
	if (tmp == NULL || gen_ca(MPD_KEY_EC_P256, &ca_cert, &ca_key) != 0)
		return 1;
	ca_path = save("ca.pem", &ca_cert);
	return ca_path == NULL;
}

static int
teardown(void)
{
	buf_free(&ca_cert);
	buf_free(&ca_key);
	cert_test_backend_close(&B);
	tu_rmrf(tmp);
	free(tmp);
	free(ca_path);
	return 0;
}

/* Hex bytes following `label` in openssl -text output (next line). */
static char *
text_field(const char *text, const char *label)
{
	const char *s = strstr(text, label), *nl;

	if (s == NULL || (nl = strchr(s, '\n')) == NULL)
		return NULL;
	s = nl + 1;
	while (*s == ' ')
		s++;
	if (strncmp(s, "keyid:", 6) == 0)
		s += 6;
	return strndup(s, strcspn(s, "\n"));
}

/* ---- descriptor ---- */

static void
test_descriptor(void)
{
	const struct mpd_plugin *mpd_plugin_entry_v1(void);
	const struct mpd_plugin *d = mpd_plugin_entry_v1();

	CU_ASSERT_STRING_EQUAL(d->name, "cert-mbedtls");
	CU_ASSERT_EQUAL(d->kind, MPD_PLUGIN_CERT_BACKEND);
	CU_ASSERT_EQUAL(d->abi_major, MPD_ABI_MAJOR);
	CU_ASSERT_EQUAL(d->ops_size, sizeof(struct mpd_cert_backend_ops));
}

/* ---- the CA ---- */

static void
test_ca_inspect(void)
{
	struct mpd_cert_info info = { .struct_size = sizeof info };

	CU_ASSERT_EQUAL_FATAL(B.ops->cert_inspect(B.state, ca_cert.data,
	    ca_cert.len, &info), MPD_OK);
	CU_ASSERT_EQUAL(info.is_ca, 1);
	CU_ASSERT_EQUAL(info.not_after - info.not_before, 3650LL * 86400);
	CU_ASSERT_STRING_EQUAL(info.permitted_dns, ".mpd.test,mpd.test");
	CU_ASSERT_STRING_EQUAL(info.sans, "");
	CU_ASSERT_EQUAL(strlen(info.fingerprint_sha256), 64);
	CU_ASSERT_PTR_NOT_NULL(strstr(info.subject,
	    "CN=mpd.test local development CA"));
	CU_ASSERT_STRING_EQUAL(info.subject, info.issuer);
	CU_ASSERT_EQUAL(B.ops->key_matches(B.state, ca_cert.data, ca_cert.len,
	    ca_key.data, ca_key.len), MPD_OK);
}

static void
test_ca_openssl_text(void)
{
	char *text = ctu_x509_text(ca_path), *out = NULL, *key;
	const char *want[] = {
		"X509v3 Basic Constraints: critical", "CA:TRUE, pathlen:0",
		"X509v3 Key Usage: critical", "Certificate Sign, CRL Sign",
		"X509v3 Name Constraints: critical", "Permitted:",
		"DNS:mpd.test", "DNS:.mpd.test", "Subject Key Identifier",
		"Authority Key Identifier", "ecdsa-with-SHA256", "prime256v1",
		"CN=mpd.test local development CA", NULL };

	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	for (size_t i = 0; want[i] != NULL; i++) {
		if (strstr(text, want[i]) == NULL)
			fprintf(stderr, "missing in CA text: %s\n", want[i]);
		CU_ASSERT_PTR_NOT_NULL(strstr(text, want[i]));
	}
	/* self-signed root verifies against itself */
	CU_ASSERT_EQUAL(ctu_openssl_verify(ca_path, ca_path, &out), 0);
	free(out);
	/* the key is a plain EC key openssl reads */
	key = save("ca-key.pem", &ca_key);
	{
		const char *argv[] = { "openssl", "pkey", "-noout", "-in", key,
		    NULL };

		CU_ASSERT_EQUAL(ctu_run(argv, NULL), 0);
	}
	free(key);
	free(text);
}

/* ---- leaves ---- */

static void
test_leaf_verifies(void)
{
	const char *names[] = { "foo.mpd.test", "behat.foo.mpd.test",
	    "mail.foo.mpd.test", NULL };
	struct mpd_buf c = { 0 }, k = { 0 };
	struct mpd_cert_info info = { .struct_size = sizeof info };
	char *leaf, *text, *ca_text, *out = NULL, *aki, *ski;

	CU_ASSERT_EQUAL_FATAL(issue(names, &c, &k), MPD_OK);
	/* mbed TLS */
	CU_ASSERT_EQUAL(B.ops->cert_verify(B.state, c.data, c.len,
	    ca_cert.data, ca_cert.len), MPD_OK);
	CU_ASSERT_EQUAL(B.ops->key_matches(B.state, c.data, c.len, k.data,
	    k.len), MPD_OK);
	CU_ASSERT_EQUAL(B.ops->cert_inspect(B.state, c.data, c.len, &info),
	    MPD_OK);
	CU_ASSERT_EQUAL(info.is_ca, 0);
	CU_ASSERT_STRING_EQUAL(info.sans,
	    "behat.foo.mpd.test,foo.mpd.test,mail.foo.mpd.test");
	CU_ASSERT_EQUAL(info.not_after - info.not_before, 397LL * 86400);
	CU_ASSERT_STRING_EQUAL(info.subject, "CN=foo.mpd.test");
	CU_ASSERT_STRING_EQUAL(info.permitted_dns, "");
	/* openssl */
	leaf = save("leaf.pem", &c);
	CU_ASSERT_EQUAL(ctu_openssl_verify(ca_path, leaf, &out), 0);
	free(out);
	text = ctu_x509_text(leaf);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	{
		const char *want[] = { "TLS Web Server Authentication",
		    "X509v3 Extended Key Usage", "CA:FALSE",
		    "X509v3 Key Usage: critical", "Digital Signature",
		    "DNS:foo.mpd.test", "DNS:behat.foo.mpd.test",
		    "DNS:mail.foo.mpd.test", "Subject Key Identifier",
		    "Authority Key Identifier", "ecdsa-with-SHA256", NULL };

		for (size_t i = 0; want[i] != NULL; i++) {
			if (strstr(text, want[i]) == NULL)
				fprintf(stderr, "missing in leaf text: %s\n",
				    want[i]);
			CU_ASSERT_PTR_NOT_NULL(strstr(text, want[i]));
		}
		CU_ASSERT_PTR_NULL(strstr(text, "Key Encipherment"));
	}
	/* the leaf's authority key id is the CA's subject key id */
	ca_text = ctu_x509_text(ca_path);
	aki = text_field(text, "X509v3 Authority Key Identifier");
	ski = text_field(ca_text, "X509v3 Subject Key Identifier");
	CU_ASSERT_PTR_NOT_NULL_FATAL(aki);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ski);
	CU_ASSERT_STRING_EQUAL(aki, ski);
	free(aki);
	free(ski);
	free(ca_text);
	free(text);
	free(leaf);
	buf_free(&c);
	buf_free(&k);
}

static void
test_leaf_serial(void)
{
	const char *names[] = { "a.mpd.test", NULL };
	struct mpd_buf c1 = { 0 }, k1 = { 0 }, c2 = { 0 }, k2 = { 0 };
	char *p1, *p2, *s1, *s2;

	CU_ASSERT_EQUAL_FATAL(issue(names, &c1, &k1), MPD_OK);
	CU_ASSERT_EQUAL_FATAL(issue(names, &c2, &k2), MPD_OK);
	p1 = save("s1.pem", &c1);
	p2 = save("s2.pem", &c2);
	s1 = ctu_serial_hex(p1);
	s2 = ctu_serial_hex(p2);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s2);
	/* at least 64 bits: 16 hex digits, no leading zero digit */
	CU_ASSERT(strlen(s1) >= 16);
	CU_ASSERT(s1[0] != '0');
	CU_ASSERT(strlen(s2) >= 16);
	CU_ASSERT_STRING_NOT_EQUAL(s1, s2);
	/* different keys too */
	CU_ASSERT_NOT_EQUAL(B.ops->key_matches(B.state, c1.data, c1.len,
	    k2.data, k2.len), MPD_OK);
	CU_ASSERT_PTR_NOT_NULL(strstr(cert_test_host_error(),
	    "does not belong"));
	free(s1);
	free(s2);
	free(p1);
	free(p2);
	buf_free(&c1);
	buf_free(&k1);
	buf_free(&c2);
	buf_free(&k2);
}

/* openssl's verdict on a leaf for `names` signed by our CA */
static int
openssl_accepts(const char *const *names, char **out)
{
	struct mpd_buf c = { 0 }, k = { 0 };
	char *leaf;
	int rc;

	if (issue(names, &c, &k) != MPD_OK)
		return -1;
	leaf = save("nc.pem", &c);
	rc = ctu_openssl_verify(ca_path, leaf, out);
	free(leaf);
	buf_free(&c);
	buf_free(&k);
	return rc;
}

static void
test_name_constraints_enforced(void)
{
	const char *outside[] = { "example.com", NULL };
	const char *mixed[] = { "foo.mpd.test", "www.google.com", NULL };
	const char *apex[] = { "mpd.test", NULL };
	const char *wild[] = { "*.service.mpd.test", "mpd.test", NULL };
	const char *lookalike[] = { "evilmpd.test", NULL };
	char *out = NULL;

	/* the plugin signs what it is asked; the CA's constraints stop it */
	CU_ASSERT_NOT_EQUAL(openssl_accepts(outside, &out), 0);
	CU_ASSERT_PTR_NOT_NULL(out ? strstr(out, "permitted subtree") : NULL);
	free(out);
	CU_ASSERT_NOT_EQUAL(openssl_accepts(mixed, &out), 0);
	CU_ASSERT_PTR_NOT_NULL(out ? strstr(out, "permitted subtree") : NULL);
	free(out);
	CU_ASSERT_NOT_EQUAL(openssl_accepts(lookalike, &out), 0);
	free(out);
	CU_ASSERT_EQUAL(openssl_accepts(apex, &out), 0);
	free(out);
	CU_ASSERT_EQUAL(openssl_accepts(wild, &out), 0);
	free(out);
}

static void
test_leaf_rsa(void)
{
	const char *names[] = { "rsa.mpd.test", NULL };
	struct mpd_buf c = { 0 }, k = { 0 };
	char *leaf, *text, *out = NULL;

	CU_ASSERT_EQUAL_FATAL(issue_with(ca_cert.data, ca_cert.len, ca_key.data,
	    ca_key.len, names, MPD_KEY_RSA_2048, 397, &c, &k), MPD_OK);
	leaf = save("rsa-leaf.pem", &c);
	CU_ASSERT_EQUAL(ctu_openssl_verify(ca_path, leaf, &out), 0);
	free(out);
	text = ctu_x509_text(leaf);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "rsaEncryption"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "Public-Key: (2048 bit)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "Key Encipherment"));
	CU_ASSERT_EQUAL(B.ops->key_matches(B.state, c.data, c.len, k.data,
	    k.len), MPD_OK);
	free(text);
	free(leaf);
	buf_free(&c);
	buf_free(&k);
}

static void
test_leaf_bad_params(void)
{
	const char *none[] = { NULL };
	const char *bad[] = { "foo bar.mpd.test", NULL };
	const char *dash[] = { "-foo.mpd.test", NULL };
	const char *ok[] = { "ok.mpd.test", NULL };
	struct mpd_buf c = { 0 }, k = { 0 };
	struct mpd_pem_pair pair = { ca_cert.data, ca_cert.len, ca_key.data,
	    ca_key.len };

	CU_ASSERT_EQUAL(issue(none, &c, &k), MPD_EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(cert_test_host_error(), "at least one"));
	CU_ASSERT_EQUAL(issue(bad, &c, &k), MPD_EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(cert_test_host_error(),
	    "'foo bar.mpd.test' is not a valid DNS name"));
	CU_ASSERT_EQUAL(issue(dash, &c, &k), MPD_EINVAL);
	CU_ASSERT_EQUAL(issue_with(ca_cert.data, ca_cert.len, ca_key.data,
	    ca_key.len, ok, MPD_KEY_EC_P256, 0, &c, &k), MPD_EINVAL);
	CU_ASSERT_EQUAL(issue_with(ca_cert.data, ca_cert.len, ca_key.data,
	    ca_key.len, ok, (enum mpd_key_type)99, 397, &c, &k), MPD_EINVAL);
	CU_ASSERT_EQUAL(B.ops->leaf_issue(B.state, &pair, NULL, &c, &k),
	    MPD_EINVAL);
	CU_ASSERT_PTR_NULL(c.data);
	CU_ASSERT_PTR_NULL(k.data);
}

static void
test_ca_bad_params(void)
{
	const char *bad_nc[] = { "mpd .test", NULL };
	struct mpd_buf c = { 0 }, k = { 0 };
	struct mpd_ca_params p = {
		.struct_size = sizeof p,
		.common_name = "x\\y",
		.permitted_dns = permitted,
		.validity_days = 10,
		.key_type = MPD_KEY_EC_P256,
	};

	CU_ASSERT_EQUAL(B.ops->ca_generate(B.state, &p, &c, &k), MPD_EINVAL);
	p.common_name = "ok, with a comma";
	p.permitted_dns = bad_nc;
	CU_ASSERT_EQUAL(B.ops->ca_generate(B.state, &p, &c, &k), MPD_EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(cert_test_host_error(), "mpd .test"));
	/* a comma in the name survives as the issuer of a leaf */
	p.permitted_dns = permitted;
	CU_ASSERT_EQUAL_FATAL(B.ops->ca_generate(B.state, &p, &c, &k), MPD_OK);
	{
		const char *names[] = { "x.mpd.test", NULL };
		struct mpd_buf lc = { 0 }, lk = { 0 };
		struct mpd_cert_info info = { .struct_size = sizeof info };

		CU_ASSERT_EQUAL_FATAL(issue_with(c.data, c.len, k.data, k.len,
		    names, MPD_KEY_EC_P256, 30, &lc, &lk), MPD_OK);
		CU_ASSERT_EQUAL(B.ops->cert_verify(B.state, lc.data, lc.len,
		    c.data, c.len), MPD_OK);
		CU_ASSERT_EQUAL(B.ops->cert_inspect(B.state, lc.data, lc.len,
		    &info), MPD_OK);
		if (strstr(info.issuer, "with a comma") == NULL)
			fprintf(stderr, "issuer: %s\n", info.issuer);
		CU_ASSERT_PTR_NOT_NULL(strstr(info.issuer, "with a comma"));
		buf_free(&lc);
		buf_free(&lk);
	}
	buf_free(&c);
	buf_free(&k);
}

/* ---- CAs made by openssl, the host's way ---- */

static void
leaf_against_host_ca(const char *dir, const char *sigalg)
{
	const char *names[] = { "proj.mpd.test", "behat.proj.mpd.test", NULL };
	struct mpd_buf c = { 0 }, k = { 0 };
	struct mpd_cert_info info = { .struct_size = sizeof info };
	char *cert_path, *key_path, *cert, *key, *leaf, *text, *ca_text, *out;
	char *aki, *ski;
	size_t cert_len, key_len;

	CU_ASSERT_FATAL(asprintf(&cert_path, "%s/rootCA.pem", dir) > 0);
	CU_ASSERT_FATAL(asprintf(&key_path, "%s/rootCA-key.pem", dir) > 0);
	cert = ctu_read(cert_path, &cert_len);
	key = ctu_read(key_path, &key_len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cert);
	CU_ASSERT_PTR_NOT_NULL_FATAL(key);
	/* parses despite the critical nameConstraints */
	CU_ASSERT_EQUAL(B.ops->cert_inspect(B.state, (unsigned char *)cert,
	    cert_len, &info), MPD_OK);
	CU_ASSERT_EQUAL(info.is_ca, 1);
	CU_ASSERT_STRING_EQUAL(info.permitted_dns, ".mpd.test,mpd.test");
	CU_ASSERT_EQUAL_FATAL(issue_with(cert, cert_len, key, key_len, names,
	    MPD_KEY_EC_P256, 397, &c, &k), MPD_OK);
	CU_ASSERT_EQUAL(B.ops->cert_verify(B.state, c.data, c.len,
	    (unsigned char *)cert, cert_len), MPD_OK);
	leaf = save("host-leaf.pem", &c);
	out = NULL;
	CU_ASSERT_EQUAL(ctu_openssl_verify(cert_path, leaf, &out), 0);
	if (out != NULL && strstr(out, "OK") == NULL)
		fprintf(stderr, "openssl verify: %s\n", out);
	free(out);
	text = ctu_x509_text(leaf);
	ca_text = ctu_x509_text(cert_path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ca_text);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, sigalg));
	CU_ASSERT_PTR_NOT_NULL(strstr(text,
	    "Issuer: O=mpd.test local development CA, CN=mpd.test local development CA"));
	aki = text_field(text, "X509v3 Authority Key Identifier");
	ski = text_field(ca_text, "X509v3 Subject Key Identifier");
	CU_ASSERT_PTR_NOT_NULL_FATAL(aki);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ski);
	CU_ASSERT_STRING_EQUAL(aki, ski);
	free(aki);
	free(ski);
	free(text);
	free(ca_text);
	free(leaf);
	free(cert);
	free(key);
	free(cert_path);
	free(key_path);
	buf_free(&c);
	buf_free(&k);
}

static void
test_host_ca_rsa4096(void)
{
	const char *dir = ctu_rsa4096_ca_dir();

	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	leaf_against_host_ca(dir, "sha256WithRSAEncryption");
}

static void
test_host_ca_rsa_traditional_key(void)
{
	const char *dir = ctu_rsa4096_ca_dir();
	char *sub, *in, *outk, *cert, *dst;
	char *out = NULL;

	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	CU_ASSERT_FATAL(asprintf(&sub, "%s/trad", tmp) > 0);
	CU_ASSERT_FATAL(mkdir(sub, 0700) == 0);
	CU_ASSERT_FATAL(asprintf(&in, "%s/rootCA-key.pem", dir) > 0);
	CU_ASSERT_FATAL(asprintf(&outk, "%s/rootCA-key.pem", sub) > 0);
	CU_ASSERT_FATAL(asprintf(&cert, "%s/rootCA.pem", dir) > 0);
	CU_ASSERT_FATAL(asprintf(&dst, "%s/rootCA.pem", sub) > 0);
	{
		/* PKCS#1 "BEGIN RSA PRIVATE KEY", as `openssl genrsa` wrote
		 * before OpenSSL 3 */
		const char *conv[] = { "openssl", "rsa", "-traditional", "-in",
		    in, "-out", outk, NULL };
		const char *cp[] = { "cp", cert, dst, NULL };

		CU_ASSERT_EQUAL_FATAL(ctu_run(conv, &out), 0);
		free(out);
		CU_ASSERT_EQUAL_FATAL(ctu_run(cp, NULL), 0);
	}
	{
		char *k = ctu_read(outk, NULL);

		CU_ASSERT_PTR_NOT_NULL(k ? strstr(k, "BEGIN RSA PRIVATE KEY") :
		    NULL);
		free(k);
	}
	leaf_against_host_ca(sub, "sha256WithRSAEncryption");
	free(sub);
	free(in);
	free(outk);
	free(cert);
	free(dst);
}

static void
test_host_ca_ec(void)
{
	char *sub;

	CU_ASSERT_FATAL(asprintf(&sub, "%s/ec", tmp) > 0);
	CU_ASSERT_FATAL(mkdir(sub, 0700) == 0);
	CU_ASSERT_EQUAL_FATAL(ctu_openssl_ca(sub, "ec"), 0);
	leaf_against_host_ca(sub, "ecdsa-with-SHA256");
	free(sub);
}

/* ---- errors ---- */

static void
expect_inspect_error(const char *pem, const char *needle)
{
	struct mpd_cert_info info = { .struct_size = sizeof info };
	int rc;

	cert_test_host_clear_error();
	rc = B.ops->cert_inspect(B.state, (const unsigned char *)pem,
	    strlen(pem), &info);
	CU_ASSERT_EQUAL(rc, MPD_ECRYPTO);
	if (strstr(cert_test_host_error(), needle) == NULL)
		fprintf(stderr, "want '%s' in '%s'\n", needle,
		    cert_test_host_error());
	CU_ASSERT_PTR_NOT_NULL(strstr(cert_test_host_error(), needle));
}

static void
test_corrupt_pem(void)
{
	char *broken;
	size_t mid;

	expect_inspect_error("hello, I am not a certificate\n",
	    "not a PEM certificate");
	expect_inspect_error("-----BEGIN CERTIFICATE-----\n!!!!\n"
	    "-----END CERTIFICATE-----\n", "corrupt PEM certificate");
	/* a valid PEM frame around a truncated DER body */
	broken = strdup((const char *)ca_cert.data);
	CU_ASSERT_PTR_NOT_NULL_FATAL(broken);
	mid = strlen(broken) / 2;
	memcpy(broken + mid - (mid % 4), "\n-----END CERTIFICATE-----\n", 28);
	expect_inspect_error(broken, "certificate");
	free(broken);
	/* an empty buffer */
	CU_ASSERT_EQUAL(B.ops->cert_inspect(B.state,
	    (const unsigned char *)"", 0, &(struct mpd_cert_info){
	    .struct_size = sizeof(struct mpd_cert_info) }), MPD_EINVAL);
}

static void
test_unknown_critical_extension(void)
{
	char *sub, *cert, *key, *text = NULL, *pem;
	size_t len;

	CU_ASSERT_FATAL(asprintf(&sub, "%s/uce", tmp) > 0);
	CU_ASSERT_FATAL(mkdir(sub, 0700) == 0);
	CU_ASSERT_FATAL(asprintf(&cert, "%s/c.pem", sub) > 0);
	CU_ASSERT_FATAL(asprintf(&key, "%s/k.pem", sub) > 0);
	{
		const char *argv[] = { "openssl", "req", "-x509", "-newkey",
		    "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
		    "-keyout", key, "-out", cert, "-days", "30", "-subj",
		    "/CN=odd", "-addext", "1.2.3.4=critical,ASN1:UTF8String:x",
		    NULL };

		CU_ASSERT_EQUAL_FATAL(ctu_run(argv, &text), 0);
		free(text);
	}
	pem = ctu_read(cert, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pem);
	expect_inspect_error(pem, "not a valid certificate");
	free(pem);
	free(cert);
	free(key);
	free(sub);
}

static void
expect_issue_error(const void *cert, size_t cert_len, const void *key,
    size_t key_len, const char *needle)
{
	const char *names[] = { "x.mpd.test", NULL };
	struct mpd_buf c = { 0 }, k = { 0 };

	CU_ASSERT_EQUAL(issue_with(cert, cert_len, key, key_len, names,
	    MPD_KEY_EC_P256, 397, &c, &k), MPD_ECRYPTO);
	if (strstr(cert_test_host_error(), needle) == NULL)
		fprintf(stderr, "want '%s' in '%s'\n", needle,
		    cert_test_host_error());
	CU_ASSERT_PTR_NOT_NULL(strstr(cert_test_host_error(), needle));
	CU_ASSERT_PTR_NULL(c.data);
	CU_ASSERT_PTR_NULL(k.data);
}

static void
test_passphrase_key(void)
{
	char *key = save("plain-key.pem", &ca_key), *enc8, *enc_trad, *text;
	size_t len;

	CU_ASSERT_FATAL(asprintf(&enc8, "%s/enc8.pem", tmp) > 0);
	CU_ASSERT_FATAL(asprintf(&enc_trad, "%s/enctrad.pem", tmp) > 0);
	{
		const char *pkcs8[] = { "openssl", "pkey", "-in", key, "-aes256",
		    "-passout", "pass:secret", "-out", enc8, NULL };
		const char *trad[] = { "openssl", "ec", "-in", key, "-aes256",
		    "-passout", "pass:secret", "-out", enc_trad, NULL };

		CU_ASSERT_EQUAL_FATAL(ctu_run(pkcs8, NULL), 0);
		CU_ASSERT_EQUAL_FATAL(ctu_run(trad, NULL), 0);
	}
	text = ctu_read(enc8, &len);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "ENCRYPTED PRIVATE KEY"));
	expect_issue_error(ca_cert.data, ca_cert.len, text, len,
	    "the CA key is passphrase-protected; mpd needs an unencrypted "
	    "key: openssl pkey -in rootCA-key.pem -out rootCA-key.pem.new && "
	    "mv rootCA-key.pem.new rootCA-key.pem");
	free(text);
	text = ctu_read(enc_trad, &len);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "Proc-Type: 4,ENCRYPTED"));
	expect_issue_error(ca_cert.data, ca_cert.len, text, len,
	    "passphrase-protected");
	/* key_matches says the same for any key */
	CU_ASSERT_EQUAL(B.ops->key_matches(B.state, ca_cert.data, ca_cert.len,
	    (unsigned char *)text, len), MPD_ECRYPTO);
	CU_ASSERT_PTR_NOT_NULL(strstr(cert_test_host_error(),
	    "passphrase-protected"));
	free(text);
	/* the suggested fix works and gives a key the plugin takes */
	{
		char *fixed;
		const char *names[] = { "fixed.mpd.test", NULL };
		struct mpd_buf c = { 0 }, k = { 0 };

		CU_ASSERT_FATAL(asprintf(&fixed, "%s.new", enc8) > 0);
		{
			const char *fix[] = { "openssl", "pkey", "-in", enc8,
			    "-passin", "pass:secret", "-out", fixed, NULL };
			const char *mv[] = { "mv", fixed, enc8, NULL };

			CU_ASSERT_EQUAL_FATAL(ctu_run(fix, NULL), 0);
			CU_ASSERT_EQUAL_FATAL(ctu_run(mv, NULL), 0);
		}
		free(fixed);
		text = ctu_read(enc8, &len);
		CU_ASSERT_EQUAL(issue_with(ca_cert.data, ca_cert.len, text, len,
		    names, MPD_KEY_EC_P256, 397, &c, &k), MPD_OK);
		free(text);
		buf_free(&c);
		buf_free(&k);
	}
	free(key);
	free(enc8);
	free(enc_trad);
}

static void
test_key_not_the_cas(void)
{
	static const char bad_key[] = "-----BEGIN EC PRIVATE KEY-----\nAAAA\n"
	    "-----END EC PRIVATE KEY-----\n";
	struct mpd_buf c2 = { 0 }, k2 = { 0 }, lc = { 0 }, lk = { 0 };
	const char *names[] = { "leafca.mpd.test", NULL };

	CU_ASSERT_EQUAL_FATAL(gen_ca(MPD_KEY_EC_P256, &c2, &k2), MPD_OK);
	expect_issue_error(ca_cert.data, ca_cert.len, k2.data, k2.len,
	    "the CA key does not belong to the CA certificate");
	/* a leaf is not a CA, even with its own key */
	CU_ASSERT_EQUAL_FATAL(issue(names, &lc, &lk), MPD_OK);
	expect_issue_error(lc.data, lc.len, lk.data, lk.len, "is not a CA");
	/* a corrupt key */
	expect_issue_error(ca_cert.data, ca_cert.len, bad_key, strlen(bad_key),
	    "corrupt or unsupported private key");
	expect_issue_error(ca_cert.data, ca_cert.len, "not a key", 9,
	    "not a PEM private key");
	/* verify against another CA */
	CU_ASSERT_EQUAL(B.ops->cert_verify(B.state, lc.data, lc.len, c2.data,
	    c2.len), MPD_ECRYPTO);
	CU_ASSERT_PTR_NOT_NULL(strstr(cert_test_host_error(),
	    "not issued by this CA"));
	buf_free(&c2);
	buf_free(&k2);
	buf_free(&lc);
	buf_free(&lk);
}

static void
test_inspect_respects_struct_size(void)
{
	/* a core built against ABI 1.0 before permitted_dns existed */
	size_t old = offsetof(struct mpd_cert_info, permitted_dns);
	unsigned char *raw = malloc(sizeof(struct mpd_cert_info));
	struct mpd_cert_info *info = (struct mpd_cert_info *)raw;

	CU_ASSERT_PTR_NOT_NULL_FATAL(raw);
	memset(raw, 0xAB, sizeof(struct mpd_cert_info));
	info->struct_size = (uint32_t)old;
	CU_ASSERT_EQUAL(B.ops->cert_inspect(B.state, ca_cert.data, ca_cert.len,
	    info), MPD_OK);
	CU_ASSERT_EQUAL(info->struct_size, old);
	CU_ASSERT_EQUAL(info->is_ca, 1);
	for (size_t i = old; i < sizeof(struct mpd_cert_info); i++)
		if (raw[i] != 0xAB) {
			CU_FAIL("wrote beyond struct_size");
			break;
		}
	/* too small for even the 1.0 fields */
	info->struct_size = 8;
	CU_ASSERT_EQUAL(B.ops->cert_inspect(B.state, ca_cert.data, ca_cert.len,
	    info), MPD_EINVAL);
	free(raw);
}

/* ---- DER: the signature AlgorithmIdentifier (RFC 5758 3.2) ---- */

/* ecdsa-with-SHA256, parameters absent, as RFC 5758 section 3.2 says */
static const unsigned char ecdsa_sha256_alg[] = {
	0x30, 0x0A, 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02
};
/* sha256WithRSAEncryption, NULL parameter present, as RFC 4055 says */
static const unsigned char rsa_sha256_alg[] = {
	0x30, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01,
	0x0B, 0x05, 0x00
};

static void
print_hex(const char *what, const unsigned char *p, size_t n)
{
	fprintf(stderr, "%s:", what);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, " %02X", p[i]);
	fputc('\n', stderr);
}

/*
 * The certificate at `path` (PEM), decoded by openssl and walked by
 * cert_test_util: both signature AlgorithmIdentifiers are exactly `want`.
 */
static void
expect_sig_alg(const char *path, const unsigned char *want, size_t want_len)
{
	const unsigned char *tbs_alg = NULL, *alg = NULL;
	size_t len = 0, tbs_alg_len = 0, alg_len = 0;
	unsigned char *der = ctu_der(path, &len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(der);
	CU_ASSERT_EQUAL_FATAL(ctu_sig_algs(der, len, &tbs_alg, &tbs_alg_len,
	    &alg, &alg_len), 0);
	if (tbs_alg_len != want_len || memcmp(tbs_alg, want, want_len) != 0 ||
	    alg_len != want_len || memcmp(alg, want, want_len) != 0) {
		fprintf(stderr, "%s:\n", path);
		print_hex("  want          ", want, want_len);
		print_hex("  TBS signature ", tbs_alg, tbs_alg_len);
		print_hex("  outer         ", alg, alg_len);
	}
	CU_ASSERT_EQUAL(tbs_alg_len, want_len);
	CU_ASSERT(tbs_alg_len == want_len &&
	    memcmp(tbs_alg, want, want_len) == 0);
	CU_ASSERT_EQUAL(alg_len, want_len);
	CU_ASSERT(alg_len == want_len && memcmp(alg, want, want_len) == 0);
	free(der);
}

/* `leaf` chains to `ca` for openssl. */
static void
expect_openssl_chain(const char *ca, const char *leaf)
{
	char *out = NULL;

	CU_ASSERT_EQUAL(ctu_openssl_verify(ca, leaf, &out), 0);
	if (out != NULL && strstr(out, ": OK") == NULL)
		fprintf(stderr, "openssl verify %s: %s\n", leaf, out);
	free(out);
}

static void
test_sig_alg_plugin_ca(void)
{
	const char *names[] = { "der.mpd.test", "behat.der.mpd.test", NULL };
	struct mpd_buf c = { 0 }, k = { 0 };
	char *leaf;

	/* the CA signs itself */
	expect_sig_alg(ca_path, ecdsa_sha256_alg, sizeof ecdsa_sha256_alg);
	expect_openssl_chain(ca_path, ca_path);
	/* an EC leaf */
	CU_ASSERT_EQUAL_FATAL(issue(names, &c, &k), MPD_OK);
	leaf = save("der-ec.pem", &c);
	expect_sig_alg(leaf, ecdsa_sha256_alg, sizeof ecdsa_sha256_alg);
	expect_openssl_chain(ca_path, leaf);
	CU_ASSERT_EQUAL(B.ops->cert_verify(B.state, c.data, c.len,
	    ca_cert.data, ca_cert.len), MPD_OK);
	CU_ASSERT_EQUAL(B.ops->key_matches(B.state, c.data, c.len, k.data,
	    k.len), MPD_OK);
	free(leaf);
	buf_free(&c);
	buf_free(&k);
	/* an RSA leaf: the signature is the CA's, so still ECDSA */
	CU_ASSERT_EQUAL_FATAL(issue_with(ca_cert.data, ca_cert.len, ca_key.data,
	    ca_key.len, names, MPD_KEY_RSA_2048, 397, &c, &k), MPD_OK);
	leaf = save("der-rsa.pem", &c);
	expect_sig_alg(leaf, ecdsa_sha256_alg, sizeof ecdsa_sha256_alg);
	expect_openssl_chain(ca_path, leaf);
	free(leaf);
	buf_free(&c);
	buf_free(&k);
}

/* A leaf issued by the host CA in `dir` has `want` in both places. */
static void
sig_alg_host_ca(const char *dir, const unsigned char *want, size_t want_len)
{
	const char *names[] = { "host.mpd.test", NULL };
	struct mpd_buf c = { 0 }, k = { 0 };
	char *cert_path, *key_path, *cert, *key, *leaf;
	size_t cert_len, key_len;

	CU_ASSERT_FATAL(asprintf(&cert_path, "%s/rootCA.pem", dir) > 0);
	CU_ASSERT_FATAL(asprintf(&key_path, "%s/rootCA-key.pem", dir) > 0);
	cert = ctu_read(cert_path, &cert_len);
	key = ctu_read(key_path, &key_len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cert);
	CU_ASSERT_PTR_NOT_NULL_FATAL(key);
	CU_ASSERT_EQUAL_FATAL(issue_with(cert, cert_len, key, key_len, names,
	    MPD_KEY_EC_P256, 397, &c, &k), MPD_OK);
	leaf = save("der-host.pem", &c);
	expect_sig_alg(leaf, want, want_len);
	expect_openssl_chain(cert_path, leaf);
	free(leaf);
	free(cert);
	free(key);
	free(cert_path);
	free(key_path);
	buf_free(&c);
	buf_free(&k);
}

static void
test_sig_alg_host_cas(void)
{
	const char *rsa = ctu_rsa4096_ca_dir();
	char *sub;

	CU_ASSERT_FATAL(asprintf(&sub, "%s/der-ec", tmp) > 0);
	CU_ASSERT_FATAL(mkdir(sub, 0700) == 0);
	CU_ASSERT_EQUAL_FATAL(ctu_openssl_ca(sub, "ec"), 0);
	sig_alg_host_ca(sub, ecdsa_sha256_alg, sizeof ecdsa_sha256_alg);
	free(sub);
	/* an RSA CA's signature keeps its (required) NULL */
	CU_ASSERT_PTR_NOT_NULL_FATAL(rsa);
	sig_alg_host_ca(rsa, rsa_sha256_alg, sizeof rsa_sha256_alg);
}

/* cert_inspect's flags for the PEM file at `path`. */
static uint32_t
flags_of_file(const char *path)
{
	struct mpd_cert_info info = { .struct_size = sizeof info };
	size_t len;
	char *pem = ctu_read(path, &len);
	int rc;

	CU_ASSERT_PTR_NOT_NULL_FATAL(pem);
	rc = B.ops->cert_inspect(B.state, (unsigned char *)pem, len, &info);
	CU_ASSERT_EQUAL(rc, MPD_OK);
	free(pem);
	return rc == MPD_OK ? info.flags : 0;
}

static void
test_inspect_flags(void)
{
	const uint32_t all_ip = MPD_CERT_EXCLUDES_IPV4 | MPD_CERT_EXCLUDES_IPV6;
	const char *names[] = { "flags.mpd.test", NULL };
	struct mpd_buf c = { 0 }, k = { 0 };
	char *legacy_ca = ctu_fixture("mbedtls228-rootCA.pem");
	char *legacy_leaf = ctu_fixture("mbedtls228-leaf.pem");
	char *leaf, *sub, *host;
	uint32_t f;

	/* the plugin's CA: every IP excluded, the signature right */
	f = flags_of_file(ca_path);
	CU_ASSERT(f & MPD_CERT_FLAGS_SET);
	CU_ASSERT_EQUAL(f & all_ip, all_ip);
	CU_ASSERT_FALSE(f & MPD_CERT_ECDSA_PARAMS);
	CU_ASSERT_EQUAL_FATAL(issue(names, &c, &k), MPD_OK);
	leaf = save("flags.pem", &c);
	f = flags_of_file(leaf);
	CU_ASSERT_EQUAL(f, MPD_CERT_FLAGS_SET);
	/* what an mpd built with mbed TLS 2.28 wrote: the NULL, no IP
	 * exclusions */
	f = flags_of_file(legacy_leaf);
	CU_ASSERT_EQUAL(f, MPD_CERT_FLAGS_SET | MPD_CERT_ECDSA_PARAMS);
	f = flags_of_file(legacy_ca);
	CU_ASSERT_EQUAL(f, MPD_CERT_FLAGS_SET | MPD_CERT_ECDSA_PARAMS);
	/* mpd-virt's way (openssl, DNS constraints only) */
	CU_ASSERT_FATAL(asprintf(&sub, "%s/flags-host", tmp) > 0);
	CU_ASSERT_FATAL(mkdir(sub, 0700) == 0);
	CU_ASSERT_EQUAL_FATAL(ctu_openssl_ca(sub, "ec"), 0);
	CU_ASSERT_FATAL(asprintf(&host, "%s/rootCA.pem", sub) > 0);
	f = flags_of_file(host);
	CU_ASSERT_EQUAL(f, MPD_CERT_FLAGS_SET);
	/* the recipe docs/CERTIFICATES.md gives mpd-virt */
	{
		const char *req[] = { "openssl", "req", "-x509", "-newkey", "ec",
		    "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
		    NULL, "-out", host, "-days", "30", "-subj", "/CN=recipe",
		    "-addext", "basicConstraints=critical,CA:TRUE,pathlen:0",
		    "-addext", "nameConstraints=critical,permitted;DNS:mpd.test,"
		    "permitted;DNS:.mpd.test,excluded;IP:0.0.0.0/0.0.0.0,"
		    "excluded;IP:::/::", NULL };
		char *key;

		CU_ASSERT_FATAL(asprintf(&key, "%s/recipe-key.pem", sub) > 0);
		req[9] = key;
		CU_ASSERT_EQUAL_FATAL(ctu_run(req, NULL), 0);
		f = flags_of_file(host);
		CU_ASSERT_EQUAL(f, MPD_CERT_FLAGS_SET | all_ip);
		free(key);
	}
	free(host);
	free(sub);
	free(leaf);
	free(legacy_ca);
	free(legacy_leaf);
	buf_free(&c);
	buf_free(&k);
}

/* ---- the CA vouches for no IP address ---- */

/* `openssl verify` of a leaf for `san` that openssl signs with our CA:
 * its exit status, output in *out. */
static int
openssl_leaf_verdict(const char *san, char **out)
{
	char *key = save("ip-ca-key.pem", &ca_key), *leaf;
	int rc;

	*out = NULL;
	CU_ASSERT_FATAL(asprintf(&leaf, "%s/ip-leaf.pem", tmp) > 0);
	if (ctu_openssl_leaf(ca_path, key, san, leaf) != 0)
		rc = -1;
	else
		rc = ctu_openssl_verify(ca_path, leaf, out);
	free(leaf);
	free(key);
	return rc;
}

static void
test_ca_excludes_ip(void)
{
	const char *ip_leaves[] = { "IP:8.8.8.8", "IP:10.163.0.4",
	    "IP:2001:db8::1", "IP:::1", "DNS:foo.mpd.test,IP:127.0.0.1", NULL };
	struct mpd_cert_info info = { .struct_size = sizeof info };
	char *text = ctu_x509_text(ca_path), *out = NULL;

	/* mbed TLS still parses the CA (the extension callback) and reads
	 * the permitted names past the new excludedSubtrees */
	CU_ASSERT_EQUAL(B.ops->cert_inspect(B.state, ca_cert.data, ca_cert.len,
	    &info), MPD_OK);
	CU_ASSERT_STRING_EQUAL(info.permitted_dns, ".mpd.test,mpd.test");
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "Excluded:"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "IP:0.0.0.0/0.0.0.0"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text,
	    "IP:0:0:0:0:0:0:0:0/0:0:0:0:0:0:0:0"));
	free(text);
	for (size_t i = 0; ip_leaves[i] != NULL; i++) {
		int rc = openssl_leaf_verdict(ip_leaves[i], &out);

		if (rc == 0 || out == NULL ||
		    strstr(out, "excluded subtree violation") == NULL)
			fprintf(stderr, "leaf for %s: rc %d: %s\n",
			    ip_leaves[i], rc, out ? out : "");
		CU_ASSERT(rc > 0);
		CU_ASSERT_PTR_NOT_NULL(out ? strstr(out,
		    "excluded subtree violation") : NULL);
		free(out);
	}
	/* the same way, a DNS name in mpd.test still verifies */
	CU_ASSERT_EQUAL(openssl_leaf_verdict("DNS:foo.mpd.test", &out), 0);
	free(out);
	CU_ASSERT_EQUAL(openssl_leaf_verdict("DNS:mpd.test", &out), 0);
	free(out);
}

static const struct mpd_test_case ca_cases[] = {
	{ "descriptor", test_descriptor },
	{ "ca_inspect", test_ca_inspect },
	{ "ca_openssl_text", test_ca_openssl_text },
	{ "ca_bad_params", test_ca_bad_params },
	{ NULL, NULL }
};

static const struct mpd_test_case leaf_cases[] = {
	{ "leaf_verifies", test_leaf_verifies },
	{ "leaf_serial", test_leaf_serial },
	{ "name_constraints_enforced", test_name_constraints_enforced },
	{ "leaf_rsa", test_leaf_rsa },
	{ "leaf_bad_params", test_leaf_bad_params },
	{ NULL, NULL }
};

static const struct mpd_test_case der_cases[] = {
	{ "sig_alg_plugin_ca", test_sig_alg_plugin_ca },
	{ "sig_alg_host_cas", test_sig_alg_host_cas },
	{ "inspect_flags", test_inspect_flags },
	{ "ca_excludes_ip", test_ca_excludes_ip },
	{ NULL, NULL }
};

static const struct mpd_test_case host_cases[] = {
	{ "host_ca_rsa4096", test_host_ca_rsa4096 },
	{ "host_ca_rsa_traditional_key", test_host_ca_rsa_traditional_key },
	{ "host_ca_ec", test_host_ca_ec },
	{ NULL, NULL }
};

static const struct mpd_test_case error_cases[] = {
	{ "corrupt_pem", test_corrupt_pem },
	{ "unknown_critical_extension", test_unknown_critical_extension },
	{ "passphrase_key", test_passphrase_key },
	{ "key_not_the_cas", test_key_not_the_cas },
	{ "inspect_respects_struct_size", test_inspect_respects_struct_size },
	{ NULL, NULL }
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "ca", setup, teardown, ca_cases },
	{ "leaf", setup, teardown, leaf_cases },
	{ "der", setup, teardown, der_cases },
	{ "host_ca", setup, teardown, host_cases },
	{ "errors", setup, teardown, error_cases },
	{ NULL, NULL, NULL, NULL }
};
