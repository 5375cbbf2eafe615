/* cert_test_util.c - helpers for the certificate tests (see
 * cert_test_util.h). */
#include "cert_test_util.h"

#include "testutil.h"

#include "exec.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
ctu_run(const char *const *argv, char **out)
{
	struct mpd_exec_spec spec;
	struct mpd_exec_outcome o;
	struct mpd_err e;
	int status;

	memset(&spec, 0, sizeof spec);
	memset(&o, 0, sizeof o);
	spec.argv = argv;
	spec.timeout_ms = 300000;
	if (out != NULL)
		*out = NULL;
	if (mpd_exec_run(&spec, &o, &e) != 0) {
		fprintf(stderr, "ctu_run: %s\n", e.msg);
		return -1;
	}
	status = o.exit_status;
	if (out != NULL) {
		size_t a = o.out ? o.out_len : 0, b = o.err ? o.err_len : 0;

		*out = malloc(a + b + 1);
		if (*out != NULL) {
			if (a)
				memcpy(*out, o.out, a);
			if (b)
				memcpy(*out + a, o.err, b);
			(*out)[a + b] = '\0';
		}
	}
	mpd_exec_result_free(&o);
	return status;
}

char *
ctu_write(const char *dir, const char *name, const void *data, size_t len)
{
	char *path;
	FILE *f;

	if (asprintf(&path, "%s/%s", dir, name) < 0)
		return NULL;
	f = fopen(path, "w");
	if (f == NULL || fwrite(data, 1, len, f) != len) {
		if (f != NULL)
			fclose(f);
		free(path);
		return NULL;
	}
	fclose(f);
	return path;
}

char *
ctu_read(const char *path, size_t *len)
{
	return tu_read_file_len(path, len);
}

char *
ctu_x509_text(const char *path)
{
	const char *argv[] = { "openssl", "x509", "-noout", "-text", "-in",
	    path, NULL };
	char *out;

	if (ctu_run(argv, &out) != 0) {
		free(out);
		return NULL;
	}
	/* OpenSSL 3.0 (bookworm) prints names as "CN = x", 3.5 (trixie) as
	 * "CN=x": fold to the latter so tests read one format */
	for (char *r = out, *w = out; ; r++) {
		if (r[0] == ' ' && r[1] == '=' && r[2] == ' ') {
			*w++ = '=';
			r += 2;
			continue;
		}
		*w++ = *r;
		if (*r == '\0')
			break;
	}
	return out;
}

int
ctu_openssl_verify(const char *ca, const char *leaf, char **out)
{
	const char *argv[] = { "openssl", "verify", "-CAfile", ca, leaf, NULL };

	return ctu_run(argv, out);
}

char *
ctu_serial_hex(const char *path)
{
	const char *argv[] = { "openssl", "x509", "-noout", "-serial", "-in",
	    path, NULL };
	char *out, *eq, *hex;

	if (ctu_run(argv, &out) != 0) {
		free(out);
		return NULL;
	}
	eq = strchr(out, '=');
	hex = strdup(eq ? eq + 1 : out);
	free(out);
	if (hex != NULL)
		hex[strcspn(hex, "\r\n")] = '\0';
	return hex;
}

char *
ctu_fixture(const char *name)
{
	const char *top = getenv("top_srcdir");
	char *path;

	if (asprintf(&path, "%s/tests/unit/fixtures/certs/%s",
	    top != NULL && *top ? top : TOP_SRCDIR, name) < 0)
		return NULL;
	return path;
}

unsigned char *
ctu_der(const char *path, size_t *len)
{
	char *der_path, *out = NULL;
	unsigned char *der = NULL;

	if (asprintf(&der_path, "%s.der", path) < 0)
		return NULL;
	{
		const char *argv[] = { "openssl", "x509", "-in", path,
		    "-outform", "DER", "-out", der_path, NULL };

		if (ctu_run(argv, &out) == 0)
			der = (unsigned char *)ctu_read(der_path, len);
		else
			fprintf(stderr, "openssl x509 -outform DER: %s\n",
			    out ? out : "");
	}
	free(out);
	unlink(der_path);
	free(der_path);
	return der;
}

/* One DER TLV at *p: its tag must be `tag`; `start` and `tlv_len` get the
 * whole TLV, `body` and `body_len` its content; *p moves past it.  Short-
 * form and 1-3 byte long-form lengths (all a certificate needs).  0 or
 * -1. */
static int
der_tlv(const unsigned char **p, const unsigned char *end, unsigned char tag,
    const unsigned char **start, size_t *tlv_len, const unsigned char **body,
    size_t *body_len)
{
	const unsigned char *q = *p;
	size_t n = 0;

	if (end - q < 2 || q[0] != tag)
		return -1;
	*start = q++;
	if (*q < 0x80) {
		n = *q++;
	} else {
		int k = *q++ & 0x7F;

		if (k < 1 || k > 3 || end - q < k)
			return -1;
		while (k-- > 0)
			n = (n << 8) | *q++;
	}
	if ((size_t)(end - q) < n)
		return -1;
	*body = q;
	*body_len = n;
	*p = q + n;
	*tlv_len = (size_t)(*p - *start);
	return 0;
}

int
ctu_sig_algs(const unsigned char *der, size_t len,
    const unsigned char **tbs_alg, size_t *tbs_alg_len,
    const unsigned char **alg, size_t *alg_len)
{
	const unsigned char *p = der, *end = der + len, *s, *body, *tbs_end;
	size_t n, body_len;

	/* Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm,
	 * signatureValue BIT STRING } */
	if (der_tlv(&p, end, 0x30, &s, &n, &body, &body_len) != 0 ||
	    p != end)
		return -1;
	p = body;
	end = body + body_len;
	if (der_tlv(&p, end, 0x30, &s, &n, &body, &body_len) != 0)
		return -1;
	tbs_end = p;
	/* TBSCertificate ::= SEQUENCE { version [0] EXPLICIT, serialNumber,
	 * signature AlgorithmIdentifier, ... } */
	{
		const unsigned char *q = body, *qend = body + body_len, *b;
		size_t bl;

		if (q < qend && *q == 0xA0 &&
		    der_tlv(&q, qend, 0xA0, &s, &n, &b, &bl) != 0)
			return -1;
		if (der_tlv(&q, qend, 0x02, &s, &n, &b, &bl) != 0 ||
		    der_tlv(&q, qend, 0x30, tbs_alg, tbs_alg_len, &b,
		    &bl) != 0)
			return -1;
	}
	p = tbs_end;
	if (der_tlv(&p, end, 0x30, alg, alg_len, &body, &body_len) != 0 ||
	    der_tlv(&p, end, 0x03, &s, &n, &body, &body_len) != 0 || p != end)
		return -1;
	return 0;
}

int
ctu_openssl_leaf(const char *ca_cert, const char *ca_key, const char *san,
    const char *out)
{
	char *key, *csr, *ext, *text = NULL, *extline;
	int rc = -1;

	if (asprintf(&key, "%s.key", out) < 0)
		return -1;
	if (asprintf(&csr, "%s.csr", out) < 0) {
		free(key);
		return -1;
	}
	if (asprintf(&ext, "%s.ext", out) < 0) {
		free(key);
		free(csr);
		return -1;
	}
	if (asprintf(&extline, "basicConstraints=CA:FALSE\n"
	    "extendedKeyUsage=serverAuth\nsubjectAltName=%s\n", san) < 0)
		goto out;
	{
		const char *req[] = { "openssl", "req", "-new", "-newkey", "ec",
		    "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
		    key, "-out", csr, "-subj", "/CN=openssl-made leaf", NULL };
		const char *sign[] = { "openssl", "x509", "-req", "-in", csr,
		    "-CA", ca_cert, "-CAkey", ca_key, "-set_serial", "4242",
		    "-days", "30", "-extfile", ext, "-out", out, NULL };
		if (tu_write_file(ext, extline) != 0)
			goto out_free;
		if (ctu_run(req, &text) == 0) {
			free(text);
			text = NULL;
			if (ctu_run(sign, &text) == 0)
				rc = 0;
		}
		if (rc != 0)
			fprintf(stderr, "openssl leaf for %s: %s\n", san,
			    text ? text : "");
	}
out_free:
	free(text);
	free(extline);
out:
	unlink(key);
	unlink(csr);
	unlink(ext);
	free(key);
	free(csr);
	free(ext);
	return rc;
}

int
ctu_openssl_ca(const char *dir, const char *keyspec)
{
	char *cert, *key;
	int rc;

	if (asprintf(&cert, "%s/rootCA.pem", dir) < 0)
		return -1;
	if (asprintf(&key, "%s/rootCA-key.pem", dir) < 0) {
		free(cert);
		return -1;
	}
	{
		const char *ec[] = { "openssl", "req", "-x509", "-newkey", "ec",
		    "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
		    key, "-out", cert, "-days", "3650", "-subj",
		    "/O=mpd.test local development CA/CN=mpd.test local development CA",
		    "-addext", "basicConstraints=critical,CA:TRUE,pathlen:0",
		    "-addext", "keyUsage=critical,keyCertSign,cRLSign",
		    "-addext", "nameConstraints=critical,permitted;DNS:mpd.test,permitted;DNS:.mpd.test",
		    NULL };
		const char *rsa[] = { "openssl", "req", "-x509", "-newkey",
		    keyspec, "-nodes", "-keyout", key, "-out", cert, "-days",
		    "3650", "-subj",
		    "/O=mpd.test local development CA/CN=mpd.test local development CA",
		    "-addext", "basicConstraints=critical,CA:TRUE,pathlen:0",
		    "-addext", "keyUsage=critical,keyCertSign,cRLSign",
		    "-addext", "nameConstraints=critical,permitted;DNS:mpd.test,permitted;DNS:.mpd.test",
		    NULL };
		char *out = NULL;

		rc = ctu_run(strcmp(keyspec, "ec") == 0 ? ec : rsa, &out);
		if (rc != 0)
			fprintf(stderr, "openssl req failed: %s\n",
			    out ? out : "");
		free(out);
	}
	free(cert);
	free(key);
	return rc == 0 ? 0 : -1;
}

const char *
ctu_rsa4096_ca_dir(void)
{
	static char dir[PATH_MAX];
	const char *top = getenv("top_builddir");
	char base[PATH_MAX], tmp[PATH_MAX + 32], cert[PATH_MAX + 16];

	if (dir[0] != '\0')
		return dir;
	if (top != NULL && *top)
		snprintf(base, sizeof base, "%s/test-cache", top);
	else if (getcwd(base, sizeof base - 16) != NULL)
		strcat(base, "/test-cache");
	else
		return NULL;
	if (mkdir(base, 0700) != 0 && errno != EEXIST)
		return NULL;
	snprintf(dir, sizeof dir, "%s/rsa4096", base);
	snprintf(cert, sizeof cert, "%s/rootCA.pem", dir);
	if (access(cert, R_OK) == 0)
		return dir;
	/* generate into a private directory, then rename it into place:
	 * two test binaries racing both succeed, one copy wins */
	snprintf(tmp, sizeof tmp, "%s/rsa4096.%ld", base, (long)getpid());
	if (mkdir(tmp, 0700) != 0 || ctu_openssl_ca(tmp, "rsa:4096") != 0) {
		dir[0] = '\0';
		return NULL;
	}
	if (rename(tmp, dir) != 0) {
		char k[PATH_MAX + 64], c[PATH_MAX + 64];

		/* lost the race: use the winner's, drop ours */
		snprintf(k, sizeof k, "%s/rootCA-key.pem", tmp);
		snprintf(c, sizeof c, "%s/rootCA.pem", tmp);
		unlink(k);
		unlink(c);
		rmdir(tmp);
	}
	return dir;
}
