/*
 * test_certs_store.c - the CA on disk (generated when absent, a host-pushed
 * one reused as is, clear errors for broken ones) and the leaf reuse rules:
 * SAN drift, a CA change, near expiry, a key mismatch and a signature
 * algorithm Chromium refuses each cause exactly one re-issue; otherwise
 * nothing is written, not even an mtime.
 */
#include "harness.h"

#include "cert_test_host.h"
#include "cert_test_util.h"
#include "certs_ca.h"
#include "certs_leaf.h"
#include "certs_store.h"
#include "paths.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct certs_backend B;
static char *root;

static int
suite_setup(void)
{
	return cert_test_backend_open(&B) != 0;
}

static int
suite_teardown(void)
{
	cert_test_backend_close(&B);
	return 0;
}

static void
fresh_root(void)
{
	if (root != NULL) {
		tu_rmrf(root);
		free(root);
	}
	root = tu_fresh_root();
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
}

static void
end_root(void)
{
	tu_rmrf(root);
	free(root);
	root = NULL;
}

struct snap {
	ino_t ino;
	long long mtime_ns;
	off_t size;
	mode_t mode;
};

static struct snap
snap_of(const char *path)
{
	struct snap s = { 0 };
	struct stat st;

	if (stat(path, &st) == 0) {
		s.ino = st.st_ino;
		s.mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL +
		    st.st_mtim.tv_nsec;
		s.size = st.st_size;
		s.mode = st.st_mode & 07777;
	}
	return s;
}

static int
snap_same(struct snap a, struct snap b)
{
	return a.ino == b.ino && a.mtime_ns == b.mtime_ns && a.size == b.size &&
	    a.mode == b.mode;
}

static mode_t
mode_of(const char *path)
{
	return snap_of(path).mode;
}

static char *
caroot_file(const char *name)
{
	char *p;

	if (asprintf(&p, "%s/%s", mpd_path(MPD_PATH_CAROOT), name) < 0)
		return NULL;
	return p;
}

/* Put an openssl-made CA (or the cached RSA one) into caroot. */
static void
push_host_ca(const char *from_dir, mode_t key_mode, mode_t dir_mode)
{
	char *cmd_src_c, *cmd_src_k, *dst_c, *dst_k;

	{
		const char *mk[] = { "mkdir", "-p", mpd_path(MPD_PATH_CAROOT),
		    NULL };

		CU_ASSERT_EQUAL_FATAL(ctu_run(mk, NULL), 0);
	}
	chmod(mpd_path(MPD_PATH_CAROOT), dir_mode);
	CU_ASSERT_FATAL(asprintf(&cmd_src_c, "%s/rootCA.pem", from_dir) > 0);
	CU_ASSERT_FATAL(asprintf(&cmd_src_k, "%s/rootCA-key.pem", from_dir) > 0);
	dst_c = caroot_file("rootCA.pem");
	dst_k = caroot_file("rootCA-key.pem");
	{
		const char *cp1[] = { "cp", cmd_src_c, dst_c, NULL };
		const char *cp2[] = { "cp", cmd_src_k, dst_k, NULL };

		CU_ASSERT_EQUAL_FATAL(ctu_run(cp1, NULL), 0);
		CU_ASSERT_EQUAL_FATAL(ctu_run(cp2, NULL), 0);
	}
	chmod(dst_k, key_mode);
	free(cmd_src_c);
	free(cmd_src_k);
	free(dst_c);
	free(dst_k);
}

/* ---- the CA ---- */

static void
test_ca_generated_when_absent(void)
{
	struct certs_ca ca;
	struct mpd_err e;
	struct snap c1, k1;
	char *cert, *key, *text;
	int gen = -1;

	fresh_root();
	CU_ASSERT_EQUAL_FATAL(certs_ca_ensure(&B, &ca, &gen, &e), 0);
	CU_ASSERT_EQUAL(gen, 1);
	CU_ASSERT_EQUAL(ca.info.is_ca, 1);
	CU_ASSERT_STRING_EQUAL(ca.info.permitted_dns, ".mpd.test,mpd.test");
	CU_ASSERT_PTR_NOT_NULL(strstr(ca.info.subject,
	    "mpd.test local development CA"));
	CU_ASSERT_EQUAL(ca.info.not_after - ca.info.not_before,
	    3650LL * 86400);
	certs_ca_free(&ca);
	cert = caroot_file("rootCA.pem");
	key = caroot_file("rootCA-key.pem");
	CU_ASSERT_EQUAL(mode_of(mpd_path(MPD_PATH_CAROOT)), 0700);
	CU_ASSERT_EQUAL(mode_of(cert), 0644);
	CU_ASSERT_EQUAL(mode_of(key), 0600);
	text = ctu_x509_text(cert);
	CU_ASSERT_PTR_NOT_NULL(text ? strstr(text,
	    "X509v3 Name Constraints: critical") : NULL);
	free(text);
	/* reuse: nothing rewritten */
	c1 = snap_of(cert);
	k1 = snap_of(key);
	CU_ASSERT_EQUAL_FATAL(certs_ca_ensure(&B, &ca, &gen, &e), 0);
	CU_ASSERT_EQUAL(gen, 0);
	CU_ASSERT(snap_same(c1, snap_of(cert)));
	CU_ASSERT(snap_same(k1, snap_of(key)));
	certs_ca_free(&ca);
	free(cert);
	free(key);
	end_root();
}

static void
test_ca_host_pushed_reused(void)
{
	char *dir, *cert, *orig, *now;
	struct certs_ca ca;
	struct mpd_err e;
	int gen = -1;

	fresh_root();
	CU_ASSERT_FATAL(asprintf(&dir, "%s/host", root) > 0);
	CU_ASSERT_FATAL(mkdir(dir, 0700) == 0);
	CU_ASSERT_EQUAL_FATAL(ctu_openssl_ca(dir, "ec"), 0);
	/* pushed with loose modes */
	push_host_ca(dir, 0644, 0755);
	cert = caroot_file("rootCA.pem");
	orig = ctu_read(cert, NULL);
	CU_ASSERT_EQUAL_FATAL(certs_ca_ensure(&B, &ca, &gen, &e), 0);
	CU_ASSERT_EQUAL(gen, 0);
	now = ctu_read(cert, NULL);
	CU_ASSERT_STRING_EQUAL(orig, now);
	CU_ASSERT_EQUAL(mode_of(ca.key_path), 0600);
	CU_ASSERT_EQUAL(mode_of(mpd_path(MPD_PATH_CAROOT)), 0700);
	CU_ASSERT_STRING_EQUAL(ca.info.permitted_dns, ".mpd.test,mpd.test");
	certs_ca_free(&ca);
	free(orig);
	free(now);
	free(cert);
	free(dir);
	end_root();
}

static void
test_ca_host_pushed_rsa_signs_leaves(void)
{
	const char *names[] = { "foo.mpd.test", "behat.foo.mpd.test", NULL };
	const char *dir = ctu_rsa4096_ca_dir();
	struct certs_leaf_result r;
	struct certs_ca ca;
	struct mpd_err e;
	char *out = NULL;

	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	fresh_root();
	push_host_ca(dir, 0600, 0700);
	CU_ASSERT_EQUAL_FATAL(certs_ca_ensure(&B, &ca, NULL, &e), 0);
	CU_ASSERT_EQUAL_FATAL(certs_leaf_ensure(&B, &ca, "project-foo", names,
	    &r, &e), 0);
	CU_ASSERT_EQUAL(r.action, CERTS_LEAF_ISSUED);
	CU_ASSERT_EQUAL(ctu_openssl_verify(ca.cert_path, r.cert_path, &out), 0);
	free(out);
	certs_leaf_result_free(&r);
	certs_ca_free(&ca);
	end_root();
}

static void
expect_ca_error(const char *needle)
{
	struct certs_ca ca;
	struct mpd_err e;

	mpd_err_clear(&e);
	CU_ASSERT_EQUAL(certs_ca_ensure(&B, &ca, NULL, &e), -1);
	if (strstr(e.msg, needle) == NULL)
		fprintf(stderr, "want '%s' in '%s'\n", needle, e.msg);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, needle));
	CU_ASSERT_PTR_NULL(ca.cert_pem);
}

static void
test_ca_broken(void)
{
	struct mpd_buf c2 = { 0 }, k2 = { 0 };
	struct mpd_ca_params p = {
		.struct_size = sizeof p, .common_name = "other",
		.permitted_dns = NULL, .validity_days = 10,
		.key_type = MPD_KEY_EC_P256,
	};
	char *cert, *key, *keytext, *enc, *before;
	struct certs_ca ca;
	struct mpd_err e;

	fresh_root();
	CU_ASSERT_EQUAL_FATAL(certs_ca_ensure(&B, &ca, NULL, &e), 0);
	certs_ca_free(&ca);
	cert = caroot_file("rootCA.pem");
	key = caroot_file("rootCA-key.pem");
	keytext = ctu_read(key, NULL);

	/* key missing */
	CU_ASSERT_FATAL(unlink(key) == 0);
	expect_ca_error("rootCA-key.pem is missing next to");
	CU_ASSERT_EQUAL(access(key, F_OK), -1);	/* not regenerated */

	/* a key that is not the CA's */
	CU_ASSERT_EQUAL_FATAL(B.ops->ca_generate(B.state, &p, &c2, &k2), 0);
	CU_ASSERT_EQUAL_FATAL(tu_write_file(key, (char *)k2.data), 0);
	expect_ca_error("does not go with");
	expect_ca_error("does not belong to the certificate");

	/* passphrase-protected */
	CU_ASSERT_EQUAL_FATAL(tu_write_file(key, keytext), 0);
	CU_ASSERT_FATAL(asprintf(&enc, "%s.enc", key) > 0);
	{
		const char *argv[] = { "openssl", "pkey", "-in", key, "-aes256",
		    "-passout", "pass:x", "-out", enc, NULL };

		CU_ASSERT_EQUAL_FATAL(ctu_run(argv, NULL), 0);
	}
	CU_ASSERT_FATAL(rename(enc, key) == 0);
	expect_ca_error("is passphrase-protected; mpd needs an unencrypted "
	    "key: openssl pkey -in ");

	/* a corrupt CA certificate: an error, and nothing is replaced */
	CU_ASSERT_EQUAL_FATAL(tu_write_file(key, keytext), 0);
	CU_ASSERT_EQUAL_FATAL(tu_write_file(cert, "garbage\n"), 0);
	expect_ca_error("not a PEM certificate");
	before = ctu_read(key, NULL);
	CU_ASSERT_STRING_EQUAL(before, keytext);
	free(before);

	/* a leaf is not a CA */
	CU_ASSERT_EQUAL_FATAL(tu_write_file(cert, (char *)c2.data), 0);
	CU_ASSERT_EQUAL_FATAL(tu_write_file(key, (char *)k2.data), 0);
	{
		const char *names[] = { "x.mpd.test", NULL };
		struct mpd_pem_pair pair = { c2.data, c2.len, k2.data, k2.len };
		struct mpd_leaf_params lp = { .struct_size = sizeof lp,
		    .dns_names = names, .validity_days = 10,
		    .key_type = MPD_KEY_EC_P256 };
		struct mpd_buf lc = { 0 }, lk = { 0 };

		CU_ASSERT_EQUAL_FATAL(B.ops->leaf_issue(B.state, &pair, &lp,
		    &lc, &lk), 0);
		CU_ASSERT_EQUAL_FATAL(tu_write_file(cert, (char *)lc.data), 0);
		CU_ASSERT_EQUAL_FATAL(tu_write_file(key, (char *)lk.data), 0);
		free(lc.data);
		free(lk.data);
	}
	expect_ca_error("is not a CA certificate");

	free(c2.data);
	free(k2.data);
	free(enc);
	free(keytext);
	free(cert);
	free(key);
	end_root();
}

/* ---- leaves ---- */

static const char *const foo_names[] = { "foo.mpd.test", "behat.foo.mpd.test",
    NULL };

/* ensure and return the action (-1 on error) */
static int
ensure(const struct certs_ca *ca, const char *label, const char *const *names,
    char *reason, size_t n)
{
	struct certs_leaf_result r;
	struct mpd_err e;
	int action;

	mpd_err_clear(&e);
	if (certs_leaf_ensure(&B, ca, label, names, &r, &e) != 0) {
		snprintf(reason, n, "%s", e.msg);
		return -1;
	}
	action = (int)r.action;
	snprintf(reason, n, "%s", r.reason);
	certs_leaf_result_free(&r);
	return action;
}

static char *
leaf_file(const char *label, const char *file)
{
	char *dir = certs_store_leaf_dir(label, NULL), *p;

	p = certs_store_join(dir, file);
	free(dir);
	return p;
}

static void
with_ca(struct certs_ca *ca)
{
	struct mpd_err e;

	fresh_root();
	CU_ASSERT_EQUAL_FATAL(certs_ca_ensure(&B, ca, NULL, &e), 0);
}

static void
test_leaf_issue_then_keep(void)
{
	const char *reordered[] = { "BEHAT.foo.mpd.test", "foo.mpd.test",
	    "foo.mpd.test", NULL };
	char reason[512], *cert, *key, *out = NULL;
	struct certs_ca ca;
	struct snap c1, k1;

	with_ca(&ca);
	CU_ASSERT_EQUAL(ensure(&ca, "project-foo", foo_names, reason,
	    sizeof reason), CERTS_LEAF_ISSUED);
	CU_ASSERT_PTR_NOT_NULL(strstr(reason, "cert.pem is missing"));
	cert = leaf_file("project-foo", "cert.pem");
	key = leaf_file("project-foo", "key.pem");
	CU_ASSERT_EQUAL(mode_of(cert), 0644);
	CU_ASSERT_EQUAL(mode_of(key), 0600);
	{
		char *dir = certs_store_leaf_dir("project-foo", NULL);

		CU_ASSERT_EQUAL(mode_of(dir), 0700);
		free(dir);
	}
	CU_ASSERT_EQUAL(ctu_openssl_verify(ca.cert_path, cert, &out), 0);
	free(out);
	c1 = snap_of(cert);
	k1 = snap_of(key);
	/* untouched: no write, not even mtime; order and case do not matter */
	CU_ASSERT_EQUAL(ensure(&ca, "project-foo", foo_names, reason,
	    sizeof reason), CERTS_LEAF_KEPT);
	CU_ASSERT_STRING_EQUAL(reason, "");
	CU_ASSERT_EQUAL(ensure(&ca, "project-foo", reordered, reason,
	    sizeof reason), CERTS_LEAF_KEPT);
	CU_ASSERT(snap_same(c1, snap_of(cert)));
	CU_ASSERT(snap_same(k1, snap_of(key)));
	free(cert);
	free(key);
	certs_ca_free(&ca);
	end_root();
}

/* After a disturbance: exactly one re-issue, for `why`, then kept. */
static void
expect_one_reissue(const struct certs_ca *ca, const char *const *names,
    const char *why)
{
	char reason[512];

	CU_ASSERT_EQUAL(ensure(ca, "project-foo", names, reason,
	    sizeof reason), CERTS_LEAF_ISSUED);
	if (strstr(reason, why) == NULL)
		fprintf(stderr, "want '%s' in '%s'\n", why, reason);
	CU_ASSERT_PTR_NOT_NULL(strstr(reason, why));
	CU_ASSERT_EQUAL(ensure(ca, "project-foo", names, reason,
	    sizeof reason), CERTS_LEAF_KEPT);
}

static void
test_leaf_san_drift(void)
{
	const char *more[] = { "foo.mpd.test", "behat.foo.mpd.test",
	    "mail.foo.mpd.test", NULL };
	const char *fewer[] = { "foo.mpd.test", NULL };
	struct certs_ca ca;
	char reason[512];

	with_ca(&ca);
	CU_ASSERT_EQUAL(ensure(&ca, "project-foo", foo_names, reason,
	    sizeof reason), CERTS_LEAF_ISSUED);
	expect_one_reissue(&ca, more, "names differ: has behat.foo.mpd.test, "
	    "foo.mpd.test; wants behat.foo.mpd.test, foo.mpd.test, "
	    "mail.foo.mpd.test");
	expect_one_reissue(&ca, fewer, "names differ");
	certs_ca_free(&ca);
	end_root();
}

static void
test_leaf_ca_change(void)
{
	struct certs_ca ca;
	struct mpd_err e;
	char reason[512], *c, *k;

	with_ca(&ca);
	CU_ASSERT_EQUAL(ensure(&ca, "project-foo", foo_names, reason,
	    sizeof reason), CERTS_LEAF_ISSUED);
	certs_ca_free(&ca);
	/* the host pushes a new CA */
	c = caroot_file("rootCA.pem");
	k = caroot_file("rootCA-key.pem");
	CU_ASSERT_FATAL(unlink(c) == 0 && unlink(k) == 0);
	CU_ASSERT_EQUAL_FATAL(certs_ca_ensure(&B, &ca, NULL, &e), 0);
	expect_one_reissue(&ca, foo_names, "not issued by the current CA");
	free(c);
	free(k);
	certs_ca_free(&ca);
	end_root();
}

/* Replace the stored leaf with one valid for `days` days. */
static void
store_leaf_days(const struct certs_ca *ca, uint32_t days)
{
	struct mpd_pem_pair pair = certs_ca_pair(ca);
	struct mpd_leaf_params p = { .struct_size = sizeof p,
	    .dns_names = foo_names, .validity_days = days,
	    .key_type = MPD_KEY_EC_P256 };
	struct mpd_buf c = { 0 }, k = { 0 };
	char *cert = leaf_file("project-foo", "cert.pem");
	char *key = leaf_file("project-foo", "key.pem");

	CU_ASSERT_EQUAL_FATAL(B.ops->leaf_issue(B.state, &pair, &p, &c, &k), 0);
	CU_ASSERT_EQUAL_FATAL(tu_write_file(cert, (char *)c.data), 0);
	CU_ASSERT_EQUAL_FATAL(tu_write_file(key, (char *)k.data), 0);
	free(c.data);
	free(k.data);
	free(cert);
	free(key);
}

static void
test_leaf_near_expiry(void)
{
	struct certs_ca ca;
	char reason[512];

	with_ca(&ca);
	CU_ASSERT_EQUAL(ensure(&ca, "project-foo", foo_names, reason,
	    sizeof reason), CERTS_LEAF_ISSUED);
	/* 45 days left: kept */
	store_leaf_days(&ca, 46);
	CU_ASSERT_EQUAL(ensure(&ca, "project-foo", foo_names, reason,
	    sizeof reason), CERTS_LEAF_KEPT);
	/* 20 days left: renewed once */
	store_leaf_days(&ca, 21);
	expect_one_reissue(&ca, foo_names, "expires on ");
	certs_ca_free(&ca);
	end_root();
}

static void
test_leaf_key_mismatch(void)
{
	struct certs_ca ca;
	char reason[512], *key, *other;

	with_ca(&ca);
	CU_ASSERT_EQUAL(ensure(&ca, "project-foo", foo_names, reason,
	    sizeof reason), CERTS_LEAF_ISSUED);
	CU_ASSERT_EQUAL(ensure(&ca, "project-bar", foo_names, reason,
	    sizeof reason), CERTS_LEAF_ISSUED);
	key = leaf_file("project-foo", "key.pem");
	other = leaf_file("project-bar", "key.pem");
	CU_ASSERT_FATAL(rename(other, key) == 0);
	expect_one_reissue(&ca, foo_names, "key.pem does not go with cert.pem");
	/* a missing key */
	CU_ASSERT_FATAL(unlink(key) == 0);
	expect_one_reissue(&ca, foo_names, "key.pem is missing");
	/* a corrupt certificate */
	free(key);
	key = leaf_file("project-foo", "cert.pem");
	CU_ASSERT_EQUAL_FATAL(tu_write_file(key, "-----BEGIN CERTIFICATE-----\n"
	    "AAAA\n-----END CERTIFICATE-----\n"), 0);
	expect_one_reissue(&ca, foo_names, "cert.pem cannot be read");
	free(key);
	free(other);
	certs_ca_free(&ca);
	end_root();
}

static void
test_leaf_bad_input_writes_nothing(void)
{
	const char *outside[] = { "foo.mpd.test", "example.com", NULL };
	struct certs_ca ca;
	char reason[512], *dir;

	with_ca(&ca);
	CU_ASSERT_EQUAL(ensure(&ca, "project-bad", outside, reason,
	    sizeof reason), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(reason, "'example.com' is outside "
	    "mpd.test"));
	dir = mpd_path_join(MPD_PATH_CONF, "certs");
	CU_ASSERT_EQUAL(access(dir, F_OK), -1);
	free(dir);
	CU_ASSERT_EQUAL(ensure(&ca, "../evil", foo_names, reason,
	    sizeof reason), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(reason, "label '../evil' is invalid"));
	CU_ASSERT_EQUAL(ensure(&ca, "ca", foo_names, reason, sizeof reason),
	    -1);
	CU_ASSERT_EQUAL(ensure(&ca, "Project", foo_names, reason,
	    sizeof reason), -1);
	CU_ASSERT_EQUAL(ensure(NULL, "project-foo", foo_names, reason,
	    sizeof reason), -1);
	certs_ca_free(&ca);
	end_root();
}

static void
test_leaf_services_label(void)
{
	const char *names[] = { "mpd.test", "adminer.service.mpd.test", NULL };
	struct certs_leaf_result r;
	struct certs_ca ca;
	struct mpd_err e;
	char *want;

	with_ca(&ca);
	CU_ASSERT_EQUAL_FATAL(certs_leaf_ensure(&B, &ca, "services", names, &r,
	    &e), 0);
	want = certs_store_join(mpd_path(MPD_PATH_SERVICE_CERTS), "cert.pem");
	CU_ASSERT_STRING_EQUAL(r.cert_path, want);
	CU_ASSERT_EQUAL(access(want, R_OK), 0);
	free(want);
	certs_leaf_result_free(&r);
	certs_ca_free(&ca);
	end_root();
}

/* Copy tests/unit/fixtures/certs/`name` to `dst`. */
static void
copy_fixture(const char *name, const char *dst)
{
	char *src = ctu_fixture(name);
	const char *cp[] = { "cp", src, dst, NULL };

	CU_ASSERT_EQUAL_FATAL(ctu_run(cp, NULL), 0);
	free(src);
}

/* A leaf an mpd built with mbed TLS 2.28 wrote (ecdsa-with-SHA256 followed
 * by a NULL, which Chromium refuses) is re-issued, for that reason alone,
 * with one that has no NULL; then kept. */
static void
test_leaf_legacy_sig_alg(void)
{
	static const char *const names[] = { "legacy.mpd.test", NULL };
	const unsigned char *tbs_alg, *alg;
	size_t len, tbs_alg_len, alg_len;
	struct certs_ca ca;
	struct mpd_err e;
	unsigned char *der;
	char reason[512], *c, *k, *dir;

	fresh_root();
	{
		const char *mk[] = { "mkdir", "-p", mpd_path(MPD_PATH_CAROOT),
		    NULL };

		CU_ASSERT_EQUAL_FATAL(ctu_run(mk, NULL), 0);
	}
	c = caroot_file("rootCA.pem");
	k = caroot_file("rootCA-key.pem");
	copy_fixture("mbedtls228-rootCA.pem", c);
	copy_fixture("mbedtls228-rootCA-key.pem", k);
	free(c);
	free(k);
	CU_ASSERT_EQUAL_FATAL(certs_ca_ensure(&B, &ca, NULL, &e), 0);
	dir = certs_store_leaf_dir("project-legacy", NULL);
	CU_ASSERT_EQUAL_FATAL(certs_store_dir(dir, 0700, &e), 0);
	c = leaf_file("project-legacy", "cert.pem");
	k = leaf_file("project-legacy", "key.pem");
	copy_fixture("mbedtls228-leaf.pem", c);
	copy_fixture("mbedtls228-leaf-key.pem", k);
	CU_ASSERT_EQUAL(ensure(&ca, "project-legacy", names, reason,
	    sizeof reason), CERTS_LEAF_ISSUED);
	CU_ASSERT_STRING_EQUAL(reason, CERTS_ECDSA_PARAMS_PROBLEM);
	der = ctu_der(c, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(der);
	CU_ASSERT_EQUAL_FATAL(ctu_sig_algs(der, len, &tbs_alg, &tbs_alg_len,
	    &alg, &alg_len), 0);
	/* 30 0A 06 08 <ecdsa-with-SHA256>: no NULL */
	CU_ASSERT_EQUAL(tbs_alg_len, 12);
	CU_ASSERT_EQUAL(alg_len, 12);
	CU_ASSERT_EQUAL(ensure(&ca, "project-legacy", names, reason,
	    sizeof reason), CERTS_LEAF_KEPT);
	free(der);
	free(c);
	free(k);
	free(dir);
	certs_ca_free(&ca);
	end_root();
}

static const struct mpd_test_case ca_cases[] = {
	{ "ca_generated_when_absent", test_ca_generated_when_absent },
	{ "ca_host_pushed_reused", test_ca_host_pushed_reused },
	{ "ca_host_pushed_rsa_signs_leaves",
	    test_ca_host_pushed_rsa_signs_leaves },
	{ "ca_broken", test_ca_broken },
	{ NULL, NULL }
};

static const struct mpd_test_case leaf_cases[] = {
	{ "leaf_issue_then_keep", test_leaf_issue_then_keep },
	{ "leaf_san_drift", test_leaf_san_drift },
	{ "leaf_ca_change", test_leaf_ca_change },
	{ "leaf_near_expiry", test_leaf_near_expiry },
	{ "leaf_key_mismatch", test_leaf_key_mismatch },
	{ "leaf_bad_input_writes_nothing", test_leaf_bad_input_writes_nothing },
	{ "leaf_services_label", test_leaf_services_label },
	{ "leaf_legacy_sig_alg", test_leaf_legacy_sig_alg },
	{ NULL, NULL }
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "certs_ca", suite_setup, suite_teardown, ca_cases },
	{ "certs_leaf", suite_setup, suite_teardown, leaf_cases },
	{ NULL, NULL, NULL, NULL }
};
