/*
 * test_certs_trust.c - trust-store installation builds the right argv and
 * runs it through the exec boundary, and runs nothing when the store
 * already trusts the CA.  Fake `sudo`, `update-ca-certificates` and
 * `certutil` scripts log their argv; every target path points into a
 * temporary directory.  The real trust stores are never touched.
 */
#include "harness.h"

#include "cert_test_util.h"
#include "certs_trust.h"
#include "testutil.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *tmp, *bin, *logpath, *ca, *sys_ca, *nssdb, *policies;
static struct certs_trust_env T;

static const char CA1[] = "-----BEGIN CERTIFICATE-----\n"
    "MIIBfakefakefakefakefakefakefakefakefakefakefakefake\nAAAA\n"
    "-----END CERTIFICATE-----\n";
static const char CA2[] = "-----BEGIN CERTIFICATE-----\n"
    "MIIBotherotherotherotherotherotherotherotherotherother\nBBBB\n"
    "-----END CERTIFICATE-----\n";

/* logs "<name> <args...>" to argv.log next to itself */
#define LOG_ARGV \
	"d=$(dirname \"$0\")\n" \
	"{ printf '%s' \"$(basename \"$0\")\"; for a in \"$@\"; do printf ' %s' \"$a\"; done; echo; } >> \"$d/argv.log\"\n"

static const char fake_sudo[] = "#!/bin/sh\n" LOG_ARGV
    "[ \"$1\" = -n ] || { echo 'fake sudo: expected -n' >&2; exit 99; }\n"
    "shift\n"
    "if [ -f \"$d/sudo-fails\" ]; then echo 'sudo: a password is required' >&2; exit 1; fi\n"
    "exec \"$@\"\n";

static const char fake_update[] = "#!/bin/sh\n" LOG_ARGV "exit 0\n";

/* certutil over a directory: DB/cert9.db marks a database, DB/nick.pem
 * holds the one certificate */
static const char fake_certutil[] = "#!/bin/sh\n" LOG_ARGV
    "db=; op=; in=\n"
    "while [ $# -gt 0 ]; do\n"
    "  case $1 in\n"
    "  -d) db=${2#sql:}; shift ;;\n"
    "  -i) in=$2; shift ;;\n"
    "  -n|-t) shift ;;\n"
    "  -N|-L|-A|-D) op=$1 ;;\n"
    "  esac\n"
    "  shift\n"
    "done\n"
    "case $op in\n"
    "-N) : > \"$db/cert9.db\" ;;\n"
    "-L) [ -f \"$db/nick.pem\" ] || { echo 'certutil: could not find certificate named' >&2; exit 255; }; cat \"$db/nick.pem\" ;;\n"
    "-D) rm \"$db/nick.pem\" ;;\n"
    "-A) [ -f \"$db/cert9.db\" ] || exit 3; cp \"$in\" \"$db/nick.pem\" ;;\n"
    "esac\n";

static char *
path_in(const char *dir, const char *name)
{
	char *p;

	if (asprintf(&p, "%s/%s", dir, name) < 0)
		return NULL;
	return p;
}

static void
script(const char *name, const char *text)
{
	char *p = path_in(bin, name);

	CU_ASSERT_EQUAL_FATAL(tu_write_file(p, text), 0);
	CU_ASSERT_FATAL(chmod(p, 0755) == 0);
	free(p);
}

static int
setup(void)
{
	tmp = tu_mkdtemp();
	if (tmp == NULL)
		return 1;
	bin = path_in(tmp, "bin");
	logpath = path_in(bin, "argv.log");
	ca = path_in(tmp, "caroot/rootCA.pem");
	sys_ca = path_in(tmp, "usr/local/share/ca-certificates/mpd-rootCA.crt");
	nssdb = path_in(tmp, "home/.pki/nssdb");
	policies = path_in(tmp, "etc/firefox/policies/policies.json");
	return mkdir(bin, 0755) != 0;
}

static int
teardown(void)
{
	tu_rmrf(tmp);
	free(tmp);
	free(bin);
	free(logpath);
	free(ca);
	free(sys_ca);
	free(nssdb);
	free(policies);
	return 0;
}

/* A clean slate for each test: fakes, the CA, an empty log. */
static void
reset(const char *ca_text)
{
	char *p, *sub;

	sub = path_in(tmp, "usr");
	tu_rmrf(sub);
	free(sub);
	sub = path_in(tmp, "home");
	tu_rmrf(sub);
	free(sub);
	sub = path_in(tmp, "etc");
	tu_rmrf(sub);
	free(sub);
	unlink(logpath);
	p = path_in(bin, "sudo-fails");
	unlink(p);
	free(p);
	script("sudo", fake_sudo);
	script("update-ca-certificates", fake_update);
	script("certutil", fake_certutil);
	CU_ASSERT_EQUAL_FATAL(tu_write_file(ca, ca_text), 0);
	certs_trust_env_default(&T);
	T.sudo = p = path_in(bin, "sudo");
	T.update_ca = path_in(bin, "update-ca-certificates");
	T.certutil = path_in(bin, "certutil");
	T.system_ca = sys_ca;
	T.nssdb = nssdb;
	T.firefox_policies = policies;
	T.timeout_ms = 20000;
}

static void
release(void)
{
	free((char *)T.sudo);
	free((char *)T.update_ca);
	free((char *)T.certutil);
}

/* The log so far ("" when nothing ran); caller frees. */
static char *
log_text(void)
{
	char *s = ctu_read(logpath, NULL);

	return s != NULL ? s : strdup("");
}

static void
expect_log(const char *want)
{
	char *got = log_text();

	if (strcmp(got, want) != 0)
		fprintf(stderr, "log:\n%s\nwanted:\n%s\n", got, want);
	CU_ASSERT_STRING_EQUAL(got, want);
	free(got);
}

/* ---- system store ---- */

static void
test_system(void)
{
	struct certs_trust_report r;
	struct mpd_err e;
	char *want, *installed;

	reset(CA1);
	CU_ASSERT_EQUAL_FATAL(certs_trust_system(&T, ca, &r, &e), 0);
	CU_ASSERT_EQUAL(r.status, CERTS_TRUST_INSTALLED);
	CU_ASSERT_FATAL(asprintf(&want,
	    "sudo -n install -D -m 0644 %s %s\n"
	    "sudo -n %s\n"
	    "update-ca-certificates\n", ca, sys_ca, T.update_ca) > 0);
	expect_log(want);
	installed = ctu_read(sys_ca, NULL);
	CU_ASSERT_STRING_EQUAL(installed, CA1);
	free(installed);
	/* byte-identical: nothing runs */
	CU_ASSERT_EQUAL(certs_trust_system(&T, ca, &r, &e), 0);
	CU_ASSERT_EQUAL(r.status, CERTS_TRUST_UNCHANGED);
	expect_log(want);
	/* a new CA: installed again */
	CU_ASSERT_EQUAL_FATAL(tu_write_file(ca, CA2), 0);
	CU_ASSERT_EQUAL(certs_trust_system(&T, ca, &r, &e), 0);
	CU_ASSERT_EQUAL(r.status, CERTS_TRUST_INSTALLED);
	installed = ctu_read(sys_ca, NULL);
	CU_ASSERT_STRING_EQUAL(installed, CA2);
	free(installed);
	free(want);
	release();
}

static void
test_system_sudo_fails(void)
{
	struct certs_trust_report r;
	struct mpd_err e;
	char *flag = path_in(bin, "sudo-fails");

	reset(CA1);
	CU_ASSERT_EQUAL_FATAL(tu_write_file(flag, ""), 0);
	CU_ASSERT_EQUAL(certs_trust_system(&T, ca, &r, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_EXEC);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg,
	    "installing the CA into the system store"));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "a password is required"));
	CU_ASSERT_EQUAL(access(sys_ca, F_OK), -1);
	/* a missing CA file is an error before anything runs */
	unlink(flag);
	unlink(logpath);
	CU_ASSERT_EQUAL(certs_trust_system(&T, "/nonexistent/rootCA.pem", &r,
	    &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "does not exist"));
	expect_log("");
	free(flag);
	release();
}

/* ---- NSS ---- */

static void
test_nss(void)
{
	struct certs_trust_report r;
	struct mpd_err e;
	char *want, *want2, *have, *stored;

	reset(CA1);
	CU_ASSERT_EQUAL_FATAL(certs_trust_nss(&T, ca, &r, &e), 0);
	CU_ASSERT_EQUAL(r.status, CERTS_TRUST_INSTALLED);
	CU_ASSERT_FATAL(asprintf(&want,
	    "certutil -d sql:%s -N --empty-password\n"
	    "certutil -d sql:%s -L -n mpd local CA -a\n"
	    "certutil -d sql:%s -A -t C,, -n mpd local CA -i %s\n",
	    nssdb, nssdb, nssdb, ca) > 0);
	expect_log(want);
	/* already there: only the look-up runs */
	CU_ASSERT_EQUAL(certs_trust_nss(&T, ca, &r, &e), 0);
	CU_ASSERT_EQUAL(r.status, CERTS_TRUST_UNCHANGED);
	CU_ASSERT_FATAL(asprintf(&want2, "%scertutil -d sql:%s -L -n mpd "
	    "local CA -a\n", want, nssdb) > 0);
	expect_log(want2);
	/* a new CA replaces the old one under the nickname */
	CU_ASSERT_EQUAL_FATAL(tu_write_file(ca, CA2), 0);
	unlink(logpath);
	CU_ASSERT_EQUAL(certs_trust_nss(&T, ca, &r, &e), 0);
	CU_ASSERT_EQUAL(r.status, CERTS_TRUST_INSTALLED);
	free(want);
	CU_ASSERT_FATAL(asprintf(&want,
	    "certutil -d sql:%s -L -n mpd local CA -a\n"
	    "certutil -d sql:%s -D -n mpd local CA\n"
	    "certutil -d sql:%s -A -t C,, -n mpd local CA -i %s\n",
	    nssdb, nssdb, nssdb, ca) > 0);
	expect_log(want);
	have = path_in(nssdb, "nick.pem");
	stored = ctu_read(have, NULL);
	CU_ASSERT_STRING_EQUAL(stored, CA2);
	free(stored);
	free(have);
	free(want);
	free(want2);
	release();
}

static void
test_nss_default_db_and_skips(void)
{
	struct certs_trust_report r;
	struct mpd_err e;
	char *home = path_in(tmp, "home"), *old = getenv("HOME");
	char *saved = old ? strdup(old) : NULL, *db;

	reset(CA1);
	/* no certutil: skipped, nothing run */
	free((char *)T.certutil);
	T.certutil = path_in(bin, "no-such-certutil");
	CU_ASSERT_EQUAL(certs_trust_nss(&T, ca, &r, &e), 0);
	CU_ASSERT_EQUAL(r.status, CERTS_TRUST_SKIPPED);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.note, "certutil is not installed"));
	expect_log("");
	/* the default database is $HOME/.pki/nssdb */
	free((char *)T.certutil);
	T.certutil = path_in(bin, "certutil");
	T.nssdb = NULL;
	setenv("HOME", home, 1);
	CU_ASSERT_EQUAL(certs_trust_nss(&T, ca, &r, &e), 0);
	CU_ASSERT_EQUAL(r.status, CERTS_TRUST_INSTALLED);
	db = path_in(home, ".pki/nssdb/nick.pem");
	CU_ASSERT_EQUAL(access(db, F_OK), 0);
	free(db);
	if (saved != NULL)
		setenv("HOME", saved, 1);
	else
		unsetenv("HOME");
	free(saved);
	free(home);
	release();
}

/* ---- Firefox ---- */

static json_object *
policies_json(void)
{
	char *text = ctu_read(policies, NULL);
	json_object *o = text ? json_tokener_parse(text) : NULL;

	free(text);
	return o;
}

static json_object *
install_list(json_object *doc)
{
	json_object *p, *c, *i;

	if (!json_object_object_get_ex(doc, "policies", &p) ||
	    !json_object_object_get_ex(p, "Certificates", &c) ||
	    !json_object_object_get_ex(c, "Install", &i))
		return NULL;
	return i;
}

/* The temporary file named in the logged install line. */
static char *
logged_temp(void)
{
	char *log = log_text(), *s, *t = NULL;

	s = strstr(log, "-m 0644 ");
	if (s != NULL) {
		s += strlen("-m 0644 ");
		t = strndup(s, strcspn(s, " "));
	}
	free(log);
	return t;
}

static void
test_firefox_new(void)
{
	struct certs_trust_report r;
	struct mpd_err e;
	json_object *doc, *inst;
	char *tmpfile, *want;

	reset(CA1);
	CU_ASSERT_EQUAL_FATAL(certs_trust_firefox(&T, &r, &e), 0);
	CU_ASSERT_EQUAL(r.status, CERTS_TRUST_INSTALLED);
	tmpfile = logged_temp();
	CU_ASSERT_PTR_NOT_NULL_FATAL(tmpfile);
	if (tmpfile == NULL)
		return;
	CU_ASSERT_FATAL(asprintf(&want, "sudo -n install -D -m 0644 %s %s\n",
	    tmpfile, policies) > 0);
	expect_log(want);
	CU_ASSERT_EQUAL(access(tmpfile, F_OK), -1);	/* cleaned up */
	doc = policies_json();
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	inst = install_list(doc);
	CU_ASSERT_PTR_NOT_NULL_FATAL(inst);
	CU_ASSERT_EQUAL(json_object_array_length(inst), 1);
	CU_ASSERT_STRING_EQUAL(json_object_get_string(
	    json_object_array_get_idx(inst, 0)), sys_ca);
	json_object_put(doc);
	/* second run: unchanged, nothing run */
	CU_ASSERT_EQUAL(certs_trust_firefox(&T, &r, &e), 0);
	CU_ASSERT_EQUAL(r.status, CERTS_TRUST_UNCHANGED);
	expect_log(want);
	free(want);
	free(tmpfile);
	release();
}

static void
test_firefox_merge(void)
{
	struct certs_trust_report r;
	struct mpd_err e;
	json_object *doc, *inst, *p, *v;

	reset(CA1);
	CU_ASSERT_EQUAL_FATAL(tu_write_file(policies,
	    "{\"policies\": {\"DisableTelemetry\": true, \"Certificates\": "
	    "{\"ImportEnterpriseRoots\": true, \"Install\": "
	    "[\"/other/corp.crt\"]}}, \"x-comment\": \"kept\"}\n"), 0);
	CU_ASSERT_EQUAL_FATAL(certs_trust_firefox(&T, &r, &e), 0);
	CU_ASSERT_EQUAL(r.status, CERTS_TRUST_INSTALLED);
	doc = policies_json();
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	inst = install_list(doc);
	CU_ASSERT_EQUAL_FATAL(json_object_array_length(inst), 2);
	CU_ASSERT_STRING_EQUAL(json_object_get_string(
	    json_object_array_get_idx(inst, 0)), "/other/corp.crt");
	CU_ASSERT_STRING_EQUAL(json_object_get_string(
	    json_object_array_get_idx(inst, 1)), sys_ca);
	CU_ASSERT(json_object_object_get_ex(doc, "policies", &p));
	CU_ASSERT(json_object_object_get_ex(p, "DisableTelemetry", &v));
	CU_ASSERT(json_object_object_get_ex(doc, "x-comment", &v));
	json_object_put(doc);
	release();
}

static void
expect_refusal(const char *content, const char *needle)
{
	struct certs_trust_report r;
	struct mpd_err e;
	char *after;

	reset(CA1);
	CU_ASSERT_EQUAL_FATAL(tu_write_file(policies, content), 0);
	CU_ASSERT_EQUAL(certs_trust_firefox(&T, &r, &e), -1);
	if (strstr(e.msg, needle) == NULL)
		fprintf(stderr, "want '%s' in '%s'\n", needle, e.msg);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, needle));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "refusing to change"));
	expect_log("");
	after = ctu_read(policies, NULL);
	CU_ASSERT_STRING_EQUAL(after, content);
	free(after);
	release();
}

static void
test_firefox_refuses(void)
{
	expect_refusal("{not json", "is not valid JSON");
	expect_refusal("[1, 2]", "is not a JSON object");
	expect_refusal("{\"policies\": []}", "\"policies\" is not an object");
	expect_refusal("{\"policies\": {\"Certificates\": 3}}",
	    "\"policies.Certificates\" is not an object");
	expect_refusal("{\"policies\": {\"Certificates\": {\"Install\": "
	    "\"/x.crt\"}}}", "\"policies.Certificates.Install\" is not an "
	    "array");
}

static const struct mpd_test_case cases[] = {
	{ "system", test_system },
	{ "system_sudo_fails", test_system_sudo_fails },
	{ "nss", test_nss },
	{ "nss_default_db_and_skips", test_nss_default_db_and_skips },
	{ "firefox_new", test_firefox_new },
	{ "firefox_merge", test_firefox_merge },
	{ "firefox_refuses", test_firefox_refuses },
	{ NULL, NULL }
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "certs_trust", setup, teardown, cases },
	{ NULL, NULL, NULL, NULL }
};
