/*
 * certs_trust.c - the trust-store steps (see certs_trust.h).  Processes run
 * only through mpd_exec_run().
 */
#include "certs_trust.h"

#include "certs_store.h"
#include "exec.h"
#include "log.h"
#include "podman_names.h"
#include "state_store.h"

#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define POLICIES_MAX (1024 * 1024)

void
certs_trust_env_default(struct certs_trust_env *t)
{
	memset(t, 0, sizeof *t);
	t->sudo = MPD_SUDO_BIN;
	t->install = "install";
	t->update_ca = "update-ca-certificates";
	t->certutil = "certutil";
	t->system_ca = "/usr/local/share/ca-certificates/mpd-rootCA.crt";
	t->nssdb = NULL;
	t->nss_nickname = "mpd local CA";
	t->firefox_policies = "/etc/firefox/policies/policies.json";
	t->timeout_ms = 120000;
}

static void
report(struct certs_trust_report *r, enum certs_trust_status s,
    const char *note)
{
	if (r == NULL)
		return;
	r->status = s;
	snprintf(r->note, sizeof r->note, "%s", note != NULL ? note : "");
}

/* The first line of a command's stderr (or stdout), for messages. */
static void
first_line(const struct mpd_exec_outcome *o, char *out, size_t n)
{
	const char *s = (o->err != NULL && o->err[0]) ? o->err :
	    (o->out != NULL ? o->out : "");
	size_t len = strcspn(s, "\n");

	snprintf(out, n, "%.*s", (int)len, s);
}

/* Run argv; 0 when it exited 0, else -1 with "<what>: ...". */
static int
run(const struct certs_trust_env *t, const char *const *argv,
    const char *what, struct mpd_err *e)
{
	struct mpd_exec_spec spec;
	struct mpd_exec_outcome o;
	char line[256];

	memset(&spec, 0, sizeof spec);
	memset(&o, 0, sizeof o);
	spec.argv = argv;
	spec.timeout_ms = t->timeout_ms;
	if (mpd_exec_run(&spec, &o, e) != 0)
		return mpd_err_prefix(e, "%s", what);
	if (o.exit_status != 0) {
		first_line(&o, line, sizeof line);
		mpd_err_set(e, MPD_ERR_EXEC, "%s: %s %s (exit %d)%s%s", what,
		    argv[0], o.timed_out ? "timed out" : "failed",
		    o.exit_status, line[0] ? ": " : "", line);
		mpd_exec_result_free(&o);
		return -1;
	}
	mpd_exec_result_free(&o);
	return 0;
}

static int
read_required(const char *path, char **buf, size_t *len, struct mpd_err *e)
{
	if (certs_store_read(path, buf, len, e) != 0)
		return -1;
	if (*buf == NULL)
		return mpd_err_set(e, MPD_ERR_NOTFOUND, "%s does not exist: run "
		    "mpd --setup first", path);
	return 0;
}

int
certs_trust_system(const struct certs_trust_env *t, const char *ca_path,
    struct certs_trust_report *r, struct mpd_err *e)
{
	const char *install[] = { t->sudo, "-n", t->install, "-D", "-m", "0644",
	    ca_path, t->system_ca, NULL };
	const char *update[] = { t->sudo, "-n", t->update_ca, NULL };
	char *ca = NULL, *have = NULL;
	size_t ca_len = 0, have_len = 0;
	struct mpd_err ignore;
	int same;

	if (read_required(ca_path, &ca, &ca_len, e) != 0)
		return -1;
	/* an unreadable installed copy just counts as different */
	if (certs_store_read(t->system_ca, &have, &have_len, &ignore) != 0)
		have = NULL;
	same = have != NULL && have_len == ca_len &&
	    memcmp(have, ca, ca_len) == 0;
	free(ca);
	free(have);
	if (same) {
		report(r, CERTS_TRUST_UNCHANGED, "the system store already "
		    "trusts this CA");
		return 0;
	}
	if (run(t, install, "installing the CA into the system store", e) != 0 ||
	    run(t, update, "updating the system trust store", e) != 0)
		return -1;
	report(r, CERTS_TRUST_INSTALLED, t->system_ca);
	return 0;
}

/* 1 when `cmd` (a bare name looked up in PATH, or a path) is an
 * executable file. */
static int
have_command(const char *cmd)
{
	const char *path = getenv("PATH");
	char buf[4096];

	if (strchr(cmd, '/') != NULL)
		return access(cmd, X_OK) == 0;
	if (path == NULL || *path == '\0')
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		size_t n = strcspn(path, ":");

		snprintf(buf, sizeof buf, "%.*s/%s", (int)(n ? n : 1),
		    n ? path : ".", cmd);
		if (access(buf, X_OK) == 0)
			return 1;
		path += n;
		if (*path == ':')
			path++;
	}
	return 0;
}

/* The first PEM certificate block of `s` without whitespace, or NULL. */
static char *
pem_body(const char *s)
{
	const char *b = strstr(s, "-----BEGIN CERTIFICATE-----"), *end;
	char *out, *w;

	if (b == NULL)
		return NULL;
	end = strstr(b, "-----END CERTIFICATE-----");
	if (end == NULL)
		return NULL;
	end += strlen("-----END CERTIFICATE-----");
	out = malloc((size_t)(end - b) + 1);
	if (out == NULL)
		return NULL;
	w = out;
	for (const char *c = b; c < end; c++)
		if (*c != '\n' && *c != '\r' && *c != ' ' && *c != '\t')
			*w++ = *c;
	*w = '\0';
	return out;
}

static char *
nssdb_dir(const struct certs_trust_env *t)
{
	const char *home = getenv("HOME");
	char *s;

	if (t->nssdb != NULL)
		return strdup(t->nssdb);
	if (home == NULL || *home == '\0')
		return NULL;
	if (asprintf(&s, "%s/.pki/nssdb", home) < 0)
		return NULL;
	return s;
}

/* Does the NSS database already hold this CA under our nickname?
 * 1 same, 0 absent, 2 present but another certificate; -1 on error. */
static int
nss_state(const struct certs_trust_env *t, const char *db, const char *ca_pem)
{
	const char *list[] = { t->certutil, "-d", db, "-L", "-n",
	    t->nss_nickname, "-a", NULL };
	struct mpd_exec_spec spec;
	struct mpd_exec_outcome o;
	struct mpd_err ignore;
	char *have = NULL, *want = NULL;
	int rc;

	memset(&spec, 0, sizeof spec);
	memset(&o, 0, sizeof o);
	spec.argv = list;
	spec.timeout_ms = t->timeout_ms;
	if (mpd_exec_run(&spec, &o, &ignore) != 0)
		return -1;
	if (o.exit_status != 0) {	/* no such nickname */
		mpd_exec_result_free(&o);
		return 0;
	}
	have = pem_body(o.out != NULL ? o.out : "");
	want = pem_body(ca_pem);
	rc = (have != NULL && want != NULL && strcmp(have, want) == 0) ? 1 : 2;
	free(have);
	free(want);
	mpd_exec_result_free(&o);
	return rc;
}

int
certs_trust_nss(const struct certs_trust_env *t, const char *ca_path,
    struct certs_trust_report *r, struct mpd_err *e)
{
	char *dir = NULL, *db = NULL, *cert9 = NULL, *ca = NULL;
	size_t ca_len = 0;
	struct stat st;
	int rc = -1, state;

	if (!have_command(t->certutil)) {
		report(r, CERTS_TRUST_SKIPPED, "certutil is not installed "
		    "(apt-get install libnss3-tools to trust the CA in "
		    "Chrome/Chromium on the VM)");
		return 0;
	}
	if (read_required(ca_path, &ca, &ca_len, e) != 0)
		return -1;
	dir = nssdb_dir(t);
	if (dir == NULL) {
		report(r, CERTS_TRUST_SKIPPED, "HOME is not set: no user NSS "
		    "database to add the CA to");
		rc = 0;
		goto out;
	}
	if (asprintf(&db, "sql:%s", dir) < 0 ||
	    asprintf(&cert9, "%s/cert9.db", dir) < 0) {
		db = cert9 = NULL;
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		goto out;
	}
	if (stat(cert9, &st) != 0) {
		const char *create[] = { t->certutil, "-d", db, "-N",
		    "--empty-password", NULL };

		if (state_store_mkdirs(dir, 0700, e) != 0 ||
		    run(t, create, "creating the NSS database", e) != 0)
			goto out;
	}
	state = nss_state(t, db, ca);
	if (state == 1) {
		report(r, CERTS_TRUST_UNCHANGED, "the NSS database already "
		    "trusts this CA");
		rc = 0;
		goto out;
	}
	if (state == 2) {
		const char *del[] = { t->certutil, "-d", db, "-D", "-n",
		    t->nss_nickname, NULL };

		if (run(t, del, "removing the old mpd CA from the NSS database",
		    e) != 0)
			goto out;
	}
	{
		const char *add[] = { t->certutil, "-d", db, "-A", "-t", "C,,",
		    "-n", t->nss_nickname, "-i", ca_path, NULL };

		if (run(t, add, "adding the CA to the NSS database", e) != 0)
			goto out;
	}
	report(r, CERTS_TRUST_INSTALLED, dir);
	rc = 0;
out:
	free(ca);
	free(dir);
	free(db);
	free(cert9);
	return rc;
}

/*
 * The policies document with our certificate in Certificates.Install.
 * *changed says whether it had to be added.  NULL with `e` when the
 * existing text cannot be merged safely.
 */
static json_object *
merge_policies(const char *path, const char *text, const char *ca,
    int *changed, struct mpd_err *e)
{
	json_object *root, *pol, *certs, *inst;
	enum json_tokener_error jerr = json_tokener_success;

	*changed = 0;
	if (text == NULL) {
		root = json_object_new_object();
	} else {
		root = json_tokener_parse_verbose(text, &jerr);
		if (root == NULL) {
			mpd_err_set(e, MPD_ERR_CORRUPT, "refusing to change %s: "
			    "it is not valid JSON (%s); fix or remove it", path,
			    json_tokener_error_desc(jerr));
			return NULL;
		}
	}
	if (!json_object_is_type(root, json_type_object)) {
		mpd_err_set(e, MPD_ERR_CORRUPT, "refusing to change %s: it is "
		    "not a JSON object; fix or remove it", path);
		goto fail;
	}
	if (!json_object_object_get_ex(root, "policies", &pol)) {
		pol = json_object_new_object();
		json_object_object_add(root, "policies", pol);
	} else if (!json_object_is_type(pol, json_type_object)) {
		mpd_err_set(e, MPD_ERR_CORRUPT, "refusing to change %s: "
		    "\"policies\" is not an object; fix or remove it", path);
		goto fail;
	}
	if (!json_object_object_get_ex(pol, "Certificates", &certs)) {
		certs = json_object_new_object();
		json_object_object_add(pol, "Certificates", certs);
	} else if (!json_object_is_type(certs, json_type_object)) {
		mpd_err_set(e, MPD_ERR_CORRUPT, "refusing to change %s: "
		    "\"policies.Certificates\" is not an object; fix or remove "
		    "it", path);
		goto fail;
	}
	if (!json_object_object_get_ex(certs, "Install", &inst)) {
		inst = json_object_new_array();
		json_object_object_add(certs, "Install", inst);
	} else if (!json_object_is_type(inst, json_type_array)) {
		mpd_err_set(e, MPD_ERR_CORRUPT, "refusing to change %s: "
		    "\"policies.Certificates.Install\" is not an array; fix or "
		    "remove it", path);
		goto fail;
	}
	for (size_t i = 0; i < json_object_array_length(inst); i++) {
		json_object *v = json_object_array_get_idx(inst, i);

		if (json_object_is_type(v, json_type_string) &&
		    strcmp(json_object_get_string(v), ca) == 0)
			return root;
	}
	json_object_array_add(inst, json_object_new_string(ca));
	*changed = 1;
	return root;
fail:
	json_object_put(root);
	return NULL;
}

/* Write `text` to a fresh private temporary file; returns its path. */
static char *
write_temp(const char *text, struct mpd_err *e)
{
	const char *tmp = getenv("TMPDIR");
	char *path;
	size_t len = strlen(text);
	int fd;

	if (asprintf(&path, "%s/mpd-policies-XXXXXX",
	    (tmp != NULL && *tmp) ? tmp : "/tmp") < 0) {
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		return NULL;
	}
	fd = mkstemp(path);
	if (fd < 0) {
		mpd_err_set(e, MPD_ERR_IO, "cannot create %s: %s", path,
		    strerror(errno));
		free(path);
		return NULL;
	}
	if (write(fd, text, len) != (ssize_t)len || fchmod(fd, 0644) != 0 ||
	    close(fd) != 0) {
		mpd_err_set(e, MPD_ERR_IO, "cannot write %s: %s", path,
		    strerror(errno));
		unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

int
certs_trust_firefox(const struct certs_trust_env *t,
    struct certs_trust_report *r, struct mpd_err *e)
{
	json_object *doc;
	char *text = NULL, *tmp = NULL;
	size_t len = 0;
	int changed = 0, rc = -1;

	if (state_store_read(t->firefox_policies, POLICIES_MAX,
	    "Firefox policies are a small JSON file", &text, &len, e) != 0)
		return -1;
	doc = merge_policies(t->firefox_policies, text, t->system_ca, &changed,
	    e);
	free(text);
	if (doc == NULL)
		return -1;
	if (!changed) {
		report(r, CERTS_TRUST_UNCHANGED, "Firefox's policies already "
		    "install this CA");
		json_object_put(doc);
		return 0;
	}
	tmp = write_temp(json_object_to_json_string_ext(doc,
	    JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE), e);
	json_object_put(doc);
	if (tmp != NULL) {
		const char *argv[] = { t->sudo, "-n", t->install, "-D", "-m",
		    "0644", tmp, t->firefox_policies, NULL };

		if (run(t, argv, "writing Firefox's enterprise policies",
		    e) == 0) {
			report(r, CERTS_TRUST_INSTALLED, t->firefox_policies);
			rc = 0;
		}
		unlink(tmp);
		free(tmp);
	}
	return rc;
}
