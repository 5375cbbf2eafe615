/*
 * test_certs_list.c - `mpd list certs`: every managed certificate with its
 * path, names, expiry, issuer, whether the current CA issued it and what is
 * wrong with it, as text and as JSON with stable field names; a CA whose
 * name constraints leave IP addresses open is warned about.  Listing
 * reads only.
 */
#include "harness.h"

#include "cert_test_host.h"
#include "cert_test_util.h"
#include "certs_ca.h"
#include "certs_leaf.h"
#include "certs_list.h"
#include "certs_store.h"
#include "paths.h"
#include "testutil.h"

#include <json-c/json.h>
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

static char *
listing(int json)
{
	struct mpd_err e;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (f == NULL)
		return NULL;
	if (certs_list_print(f, json, &B, &e) != 0) {
		fprintf(stderr, "certs_list_print: %s\n", e.msg);
		fclose(f);
		free(text);
		return NULL;
	}
	fclose(f);
	return text;
}

/* Store a leaf for `label` signed by (cert, key), valid `days`. */
static void
store_leaf(const char *label, const char *const *names, const void *cert,
    size_t cert_len, const void *key, size_t key_len, uint32_t days)
{
	struct mpd_pem_pair pair = { cert, cert_len, key, key_len };
	struct mpd_leaf_params p = { .struct_size = sizeof p,
	    .dns_names = names, .validity_days = days,
	    .key_type = MPD_KEY_EC_P256 };
	struct mpd_buf c = { 0 }, k = { 0 };
	struct mpd_err e;
	char *dir = certs_store_leaf_dir(label, NULL), *cp, *kp;

	CU_ASSERT_EQUAL_FATAL(B.ops->leaf_issue(B.state, &pair, &p, &c, &k), 0);
	cp = certs_store_join(dir, "cert.pem");
	kp = certs_store_join(dir, "key.pem");
	CU_ASSERT_EQUAL_FATAL(certs_store_write(cp, c.data, c.len, 0644, &e), 0);
	CU_ASSERT_EQUAL_FATAL(certs_store_write(kp, k.data, k.len, 0600, &e), 0);
	free(c.data);
	free(k.data);
	free(cp);
	free(kp);
	free(dir);
}

/*
 * A populated store: the CA, the services cert, project-ok (fine),
 * project-old (from another CA), project-soon (expires in ~10 days) and
 * project-nokey (key.pem missing).
 */
static void
populate(struct certs_ca *ca)
{
	const char *ok[] = { "ok.mpd.test", "behat.ok.mpd.test", NULL };
	const char *old[] = { "old.mpd.test", NULL };
	const char *soon[] = { "soon.mpd.test", NULL };
	const char *svc[] = { "mpd.test", "adminer.service.mpd.test", NULL };
	const char *nokey[] = { "nokey.mpd.test", NULL };
	struct mpd_ca_params p = { .struct_size = sizeof p,
	    .common_name = "some other CA", .validity_days = 100,
	    .key_type = MPD_KEY_EC_P256 };
	struct mpd_buf oc = { 0 }, ok_ = { 0 };
	struct certs_leaf_result r;
	struct mpd_err e;
	char *kp;

	CU_ASSERT_EQUAL_FATAL(certs_ca_ensure(&B, ca, NULL, &e), 0);
	CU_ASSERT_EQUAL_FATAL(certs_leaf_ensure(&B, ca, "project-ok", ok, &r,
	    &e), 0);
	certs_leaf_result_free(&r);
	CU_ASSERT_EQUAL_FATAL(certs_leaf_ensure(&B, ca, "services", svc, &r,
	    &e), 0);
	certs_leaf_result_free(&r);
	CU_ASSERT_EQUAL_FATAL(certs_leaf_ensure(&B, ca, "project-nokey", nokey,
	    &r, &e), 0);
	kp = strdup(r.key_path);
	certs_leaf_result_free(&r);
	CU_ASSERT_FATAL(unlink(kp) == 0);
	free(kp);
	CU_ASSERT_EQUAL_FATAL(B.ops->ca_generate(B.state, &p, &oc, &ok_), 0);
	store_leaf("project-old", old, oc.data, oc.len, ok_.data, ok_.len, 397);
	store_leaf("project-soon", soon, ca->cert_pem, ca->cert_len,
	    ca->key_pem, ca->key_len, 11);
	free(oc.data);
	free(ok_.data);
}

static const struct certs_list_entry *
row(const struct certs_list_entry *rows, size_t n, const char *label)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].label, label) == 0)
			return &rows[i];
	return NULL;
}

static int
has_problem(const struct certs_list_entry *r, const char *needle)
{
	for (size_t i = 0; r->problems && r->problems[i]; i++)
		if (strstr(r->problems[i], needle) != NULL)
			return 1;
	return 0;
}

static void
test_collect(void)
{
	struct certs_list_entry *rows;
	const struct certs_list_entry *r;
	struct certs_ca ca;
	struct mpd_err e;
	size_t n;

	fresh_root();
	populate(&ca);
	CU_ASSERT_EQUAL_FATAL(certs_list_collect(&B, &rows, &n, &e), 0);
	CU_ASSERT_EQUAL(n, 6);
	/* order: ca, services, then labels */
	CU_ASSERT_STRING_EQUAL(rows[0].label, "ca");
	CU_ASSERT_STRING_EQUAL(rows[1].label, "services");
	CU_ASSERT_STRING_EQUAL(rows[2].label, "project-nokey");
	CU_ASSERT_STRING_EQUAL(rows[5].label, "project-soon");

	r = row(rows, n, "ca");
	CU_ASSERT_STRING_EQUAL(r->path, ca.cert_path);
	CU_ASSERT(r->issued_by_current_ca);
	CU_ASSERT_PTR_NULL(r->problems[0]);

	r = row(rows, n, "project-ok");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT(r->issued_by_current_ca);
	CU_ASSERT_PTR_NULL(r->problems[0]);
	CU_ASSERT_STRING_EQUAL(r->sans[0], "behat.ok.mpd.test");
	CU_ASSERT_STRING_EQUAL(r->sans[1], "ok.mpd.test");
	CU_ASSERT_PTR_NOT_NULL(strstr(r->path, "conf/certs/project-ok/cert.pem"));

	r = row(rows, n, "services");
	CU_ASSERT_PTR_NOT_NULL(strstr(r->path, "conf/service/cert.pem"));
	CU_ASSERT(r->issued_by_current_ca);

	r = row(rows, n, "project-old");
	CU_ASSERT(!r->issued_by_current_ca);
	CU_ASSERT(has_problem(r, "not issued by the current CA"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r->info.issuer, "some other CA"));

	r = row(rows, n, "project-soon");
	CU_ASSERT(r->issued_by_current_ca);
	CU_ASSERT(has_problem(r, "expires on "));

	r = row(rows, n, "project-nokey");
	CU_ASSERT(has_problem(r, "key.pem is missing"));
	certs_list_free(rows, n);
	certs_ca_free(&ca);
	end_root();
}

static void
test_print_text(void)
{
	struct certs_ca ca;
	char *text;

	fresh_root();
	populate(&ca);
	text = listing(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	if (getenv("CERTS_SHOW_LISTING") != NULL)
		fputs(text, stderr);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, ca.cert_path));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "limited to: .mpd.test, mpd.test"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text,
	    "names:      behat.ok.mpd.test, ok.mpd.test"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "not after:  20"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "current CA: no"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text,
	    "problem:    not issued by the current CA"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "problems:   none"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "problem:    expires on "));
	free(text);
	certs_ca_free(&ca);
	end_root();
}

static json_object *
json_row(json_object *arr, const char *label)
{
	for (size_t i = 0; i < json_object_array_length(arr); i++) {
		json_object *o = json_object_array_get_idx(arr, i), *l;

		if (json_object_object_get_ex(o, "label", &l) &&
		    strcmp(json_object_get_string(l), label) == 0)
			return o;
	}
	return NULL;
}

static void
test_print_json(void)
{
	json_object *doc, *arr, *o, *v;
	struct certs_ca ca;
	char *text;

	fresh_root();
	populate(&ca);
	text = listing(1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	if (getenv("CERTS_SHOW_LISTING") != NULL)
		fputs(text, stderr);
	doc = json_tokener_parse(text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	CU_ASSERT_FATAL(json_object_object_get_ex(doc, "certificates", &arr));
	CU_ASSERT_EQUAL(json_object_array_length(arr), 6);
	o = json_row(arr, "project-ok");
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	{
		const char *fields[] = { "path", "label", "sans", "notAfter",
		    "issuer", "issuedByCurrentCa", "problems", NULL };

		for (size_t i = 0; fields[i]; i++)
			CU_ASSERT(json_object_object_get_ex(o, fields[i], &v));
	}
	json_object_object_get_ex(o, "sans", &v);
	CU_ASSERT(json_object_is_type(v, json_type_array));
	CU_ASSERT_EQUAL(json_object_array_length(v), 2);
	CU_ASSERT_STRING_EQUAL(json_object_get_string(
	    json_object_array_get_idx(v, 1)), "ok.mpd.test");
	json_object_object_get_ex(o, "notAfter", &v);
	{
		const char *s = json_object_get_string(v);

		/* 2027-01-02T03:04:05Z */
		CU_ASSERT_EQUAL(strlen(s), 20);
		CU_ASSERT_EQUAL(s[10], 'T');
		CU_ASSERT_EQUAL(s[19], 'Z');
	}
	json_object_object_get_ex(o, "issuedByCurrentCa", &v);
	CU_ASSERT(json_object_is_type(v, json_type_boolean));
	CU_ASSERT(json_object_get_boolean(v));
	json_object_object_get_ex(o, "problems", &v);
	CU_ASSERT_EQUAL(json_object_array_length(v), 0);
	o = json_row(arr, "project-old");
	json_object_object_get_ex(o, "issuedByCurrentCa", &v);
	CU_ASSERT(!json_object_get_boolean(v));
	json_object_object_get_ex(o, "problems", &v);
	CU_ASSERT(json_object_array_length(v) >= 1);
	json_object_put(doc);
	free(text);
	certs_ca_free(&ca);
	end_root();
}

static void
test_no_ca(void)
{
	struct certs_list_entry *rows;
	struct mpd_err e;
	size_t n;

	fresh_root();
	CU_ASSERT_EQUAL_FATAL(certs_list_collect(&B, &rows, &n, &e), 0);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_STRING_EQUAL(rows[0].label, "ca");
	CU_ASSERT(!rows[0].issued_by_current_ca);
	CU_ASSERT(has_problem(&rows[0], "missing: mpd --setup"));
	certs_list_free(rows, n);
	end_root();
}

static void
test_ca_problems_and_read_only(void)
{
	struct certs_list_entry *rows;
	const char *mk[] = { "mkdir", "-p", NULL, NULL };
	char *cert, *key, *cmdkey;
	struct mpd_err e;
	struct stat st;
	size_t n;

	fresh_root();
	mk[2] = mpd_path(MPD_PATH_CAROOT);
	CU_ASSERT_EQUAL_FATAL(ctu_run(mk, NULL), 0);
	cert = mpd_path_join(MPD_PATH_CAROOT, "rootCA.pem");
	key = mpd_path_join(MPD_PATH_CAROOT, "rootCA-key.pem");
	{
		/* an unconstrained CA, key world-readable */
		const char *req[] = { "openssl", "req", "-x509", "-newkey", "ec",
		    "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
		    key, "-out", cert, "-days", "5", "-subj", "/CN=loose", NULL };

		CU_ASSERT_EQUAL_FATAL(ctu_run(req, NULL), 0);
	}
	CU_ASSERT_FATAL(chmod(key, 0644) == 0);
	CU_ASSERT_EQUAL_FATAL(certs_list_collect(&B, &rows, &n, &e), 0);
	CU_ASSERT(has_problem(&rows[0], "has no name constraints"));
	CU_ASSERT(has_problem(&rows[0], "readable by others (mode 0644)"));
	CU_ASSERT(has_problem(&rows[0], "expires on "));
	certs_list_free(rows, n);
	/* listing changed nothing */
	CU_ASSERT_FATAL(stat(key, &st) == 0);
	CU_ASSERT_EQUAL(st.st_mode & 07777, 0644);
	/* a key that is not the CA's */
	CU_ASSERT_FATAL(asprintf(&cmdkey, "%s.other", key) > 0);
	{
		const char *gen[] = { "openssl", "genpkey", "-algorithm", "EC",
		    "-pkeyopt", "ec_paramgen_curve:P-256", "-out", cmdkey, NULL };

		CU_ASSERT_EQUAL_FATAL(ctu_run(gen, NULL), 0);
	}
	CU_ASSERT_FATAL(rename(cmdkey, key) == 0);
	CU_ASSERT_EQUAL_FATAL(certs_list_collect(&B, &rows, &n, &e), 0);
	CU_ASSERT(has_problem(&rows[0], "rootCA-key.pem does not go with "
	    "rootCA.pem"));
	certs_list_free(rows, n);
	free(cmdkey);
	free(cert);
	free(key);
	end_root();
}

/* A host-pushed CA whose name constraints permit only mpd.test DNS names
 * (mpd-virt's until now) keeps working, with one warning line: its
 * constraints leave IP addresses open. */
static void
test_host_ca_without_ip_exclusions(void)
{
	static const char *const names[] = { "p.mpd.test", NULL };
	const struct certs_list_entry *r;
	struct certs_list_entry *rows;
	struct certs_leaf_result lr;
	struct certs_ca ca;
	struct mpd_err e;
	char *host, *text, *line;
	size_t n;

	fresh_root();
	CU_ASSERT_FATAL(asprintf(&host, "%s/host", root) > 0);
	CU_ASSERT_FATAL(mkdir(host, 0700) == 0);
	CU_ASSERT_EQUAL_FATAL(ctu_openssl_ca(host, "ec"), 0);
	{
		const char *mk[] = { "mkdir", "-p", mpd_path(MPD_PATH_CAROOT),
		    NULL };
		const char *cp[] = { "cp", "-p", NULL, NULL, NULL, NULL };
		char *c, *k;

		CU_ASSERT_FATAL(asprintf(&c, "%s/rootCA.pem", host) > 0);
		CU_ASSERT_FATAL(asprintf(&k, "%s/rootCA-key.pem", host) > 0);
		cp[2] = c;
		cp[3] = k;
		cp[4] = mpd_path(MPD_PATH_CAROOT);
		CU_ASSERT_EQUAL_FATAL(ctu_run(mk, NULL), 0);
		CU_ASSERT_EQUAL_FATAL(ctu_run(cp, NULL), 0);
		free(c);
		free(k);
	}
	/* it keeps working: mpd signs leaves with it */
	CU_ASSERT_EQUAL_FATAL(certs_ca_ensure(&B, &ca, NULL, &e), 0);
	CU_ASSERT_EQUAL_FATAL(certs_leaf_ensure(&B, &ca, "project-p", names,
	    &lr, &e), 0);
	certs_leaf_result_free(&lr);
	CU_ASSERT_EQUAL_FATAL(certs_list_collect(&B, &rows, &n, &e), 0);
	r = row(rows, n, "ca");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT(r->issued_by_current_ca);
	/* exactly one problem: the warning */
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->problems[0]);
	CU_ASSERT_PTR_NULL(r->problems[1]);
	CU_ASSERT_PTR_NOT_NULL(strstr(r->problems[0],
	    "its name constraints do not exclude IP addresses"));
	r = row(rows, n, "project-p");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT(r->issued_by_current_ca);
	CU_ASSERT_PTR_NULL(r->problems[0]);
	certs_list_free(rows, n);
	/* printed on one line */
	text = listing(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	line = strstr(text, "  problem:    its name constraints do not "
	    "exclude IP addresses");
	CU_ASSERT_PTR_NOT_NULL_FATAL(line);
	line = strchr(line, '\n');
	CU_ASSERT_PTR_NOT_NULL_FATAL(line);
	/* the CA's row ends there: a blank line, then the next row */
	CU_ASSERT_EQUAL(strncmp(line, "\n\nproject-p  ", 13), 0);
	free(text);
	free(host);
	certs_ca_free(&ca);
	end_root();
}

/* A 1.0 plugin leaves flags 0: no warning can be derived from that. */
static void
test_flags_of_an_older_plugin(void)
{
	struct mpd_cert_info info;

	certs_info_init(&info);
	snprintf(info.permitted_dns, sizeof info.permitted_dns,
	    ".mpd.test,mpd.test");
	CU_ASSERT_FALSE(certs_info_ip_unconstrained(&info));
	CU_ASSERT_FALSE(certs_info_has(&info, MPD_CERT_ECDSA_PARAMS));
	info.flags = MPD_CERT_FLAGS_SET | MPD_CERT_EXCLUDES_IPV4;
	CU_ASSERT(certs_info_ip_unconstrained(&info));
	info.flags |= MPD_CERT_EXCLUDES_IPV6;
	CU_ASSERT_FALSE(certs_info_ip_unconstrained(&info));
	info.flags = MPD_CERT_ECDSA_PARAMS;
	CU_ASSERT_FALSE(certs_info_has(&info, MPD_CERT_ECDSA_PARAMS));
}

static const struct mpd_test_case cases[] = {
	{ "collect", test_collect },
	{ "print_text", test_print_text },
	{ "print_json", test_print_json },
	{ "no_ca", test_no_ca },
	{ "ca_problems_and_read_only", test_ca_problems_and_read_only },
	{ "host_ca_without_ip_exclusions",
	    test_host_ca_without_ip_exclusions },
	{ "flags_of_an_older_plugin", test_flags_of_an_older_plugin },
	{ NULL, NULL }
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "certs_list", suite_setup, suite_teardown, cases },
	{ NULL, NULL, NULL, NULL }
};
