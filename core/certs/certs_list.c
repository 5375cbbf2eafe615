/*
 * certs_list.c - collecting and printing `mpd list certs` (see
 * certs_list.h).
 */
#include "certs_list.h"

#include "certs_ca.h"
#include "certs_leaf.h"
#include "certs_names.h"
#include "certs_store.h"
#include "paths.h"
#include "strv.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

void
certs_list_free(struct certs_list_entry *v, size_t n)
{
	if (v == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free(v[i].label);
		free(v[i].path);
		strv_free(v[i].sans);
		strv_free(v[i].problems);
	}
	free(v);
}

/* Problems of the CA key file, next to a CA certificate that parsed. */
static void
ca_key_problems(const struct certs_backend *b, const char *cert_pem,
    size_t cert_len, struct strv *p)
{
	char *key_path = certs_store_ca_key_path(), *key = NULL;
	char msg[MPD_ERR_MSG_MAX];
	struct mpd_err err;
	struct stat st;
	size_t key_len = 0;
	int rc;

	if (key_path == NULL) {
		strv_push(p, "out of memory");
		return;
	}
	mpd_err_clear(&err);
	if (certs_store_read(key_path, &key, &key_len, &err) != 0) {
		strv_pushf(p, "%s", err.msg);
		goto out;
	}
	if (key == NULL) {
		strv_push(p, "rootCA-key.pem is missing: leaves cannot be "
		    "issued (copy it from the host)");
		goto out;
	}
	if (strstr(key, "ENCRYPTED") != NULL) {
		strv_pushf(p, "rootCA-key.pem is passphrase-protected; mpd "
		    "needs an unencrypted key: openssl pkey -in %s -out %s.new "
		    "&& mv %s.new %s", key_path, key_path, key_path, key_path);
		goto out;
	}
	rc = b->ops->key_matches(b->state, (const unsigned char *)cert_pem,
	    cert_len, (const unsigned char *)key, key_len);
	if (rc != MPD_OK) {
		certs_backend_message(b, rc, msg, sizeof msg);
		strv_pushf(p, "rootCA-key.pem does not go with rootCA.pem: %s",
		    msg);
	}
	if (stat(key_path, &st) == 0 && (st.st_mode & 077) != 0)
		strv_pushf(p, "rootCA-key.pem is readable by others (mode "
		    "%04o): chmod 600 %s", (unsigned)(st.st_mode & 07777),
		    key_path);
out:
	if (key != NULL)
		explicit_bzero(key, key_len);
	free(key);
	free(key_path);
}

/* Name constraints that do not limit the CA to mpd.test (and to no IP
 * address). */
static void
ca_constraint_problems(const struct mpd_cert_info *info, struct strv *p)
{
	char **permitted;

	if (info->permitted_dns[0] == '\0') {
		strv_push(p, "has no name constraints: it could sign "
		    "certificates for any domain or IP address");
		return;
	}
	/* one line; what to do about it is in docs/CERTIFICATES.md */
	if (certs_info_ip_unconstrained(info))
		strv_push(p, "its name constraints do not exclude IP "
		    "addresses: it could sign certificates for any IP address "
		    "(made by an older mpd or mpd-virt; see CERTIFICATES.md)");
	permitted = certs_names_split(info->permitted_dns);
	if (permitted == NULL) {
		strv_push(p, "out of memory");
		return;
	}
	for (size_t i = 0; permitted[i] != NULL; i++) {
		const char *n = permitted[i];

		if (strcmp(n, CERTS_ZONE) != 0 &&
		    strcmp(n, "." CERTS_ZONE) != 0)
			strv_pushf(p, "its name constraints permit %s, beyond "
			    "%s", n, CERTS_ZONE);
	}
	strv_free(permitted);
}

static void
date_problems(const struct mpd_cert_info *info, long long now, int warn_days,
    struct strv *p)
{
	char when[32];

	certs_iso8601(info->not_after, when, sizeof when);
	if (info->not_after <= now)
		strv_pushf(p, "expired on %s", when);
	else if (info->not_after - now < (long long)warn_days * 86400)
		strv_pushf(p, "expires on %s (in %lld days)", when,
		    (info->not_after - now) / 86400);
}

/* The CA row; *ca_pem gets the CA certificate when it is usable to verify
 * leaves against (caller frees). */
static int
collect_ca(const struct certs_backend *b, struct certs_list_entry *row,
    char **ca_pem, size_t *ca_len, long long now, struct mpd_err *e)
{
	struct strv p = STRV_INIT;
	struct mpd_err err;
	char msg[MPD_ERR_MSG_MAX];
	char *pem = NULL;
	size_t len = 0;
	int rc;

	row->label = strdup(CERTS_LABEL_CA);
	row->path = certs_store_ca_cert_path();
	row->sans = strv_dup(NULL);
	if (row->label == NULL || row->path == NULL || row->sans == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	mpd_err_clear(&err);
	if (certs_store_read(row->path, &pem, &len, &err) != 0) {
		strv_pushf(&p, "%s", err.msg);
	} else if (pem == NULL) {
		strv_push(&p, "missing: mpd --setup reuses the CA the host "
		    "pushed or makes one");
	} else {
		certs_info_init(&row->info);
		rc = b->ops->cert_inspect(b->state, (const unsigned char *)pem,
		    len, &row->info);
		if (rc != MPD_OK) {
			certs_backend_message(b, rc, msg, sizeof msg);
			strv_pushf(&p, "cannot be read: %s", msg);
		} else {
			row->parsed = 1;
			if (!row->info.is_ca)
				strv_push(&p, "is not a CA certificate "
				    "(basicConstraints CA:TRUE missing)");
			else
				row->issued_by_current_ca = 1;
			ca_constraint_problems(&row->info, &p);
			date_problems(&row->info, now,
			    CERTS_RENEW_BEFORE_DAYS, &p);
			ca_key_problems(b, pem, len, &p);
		}
	}
	row->problems = strv_take(&p);
	if (row->problems == NULL) {
		free(pem);
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	}
	if (row->parsed && row->info.is_ca) {
		*ca_pem = pem;
		*ca_len = len;
	} else {
		free(pem);
	}
	return 0;
}

static int
collect_leaf(const struct certs_backend *b, const struct certs_ca *ca,
    const char *label, struct certs_list_entry *row, long long now,
    struct mpd_err *e)
{
	struct certs_leaf_exam x;
	char *dir, *cert = NULL, *key = NULL, *key_path = NULL;
	size_t cert_len = 0, key_len = 0;
	int rc = -1;

	dir = certs_store_leaf_dir(label, e);
	if (dir == NULL)
		return -1;
	row->label = strdup(label);
	row->path = certs_store_join(dir, "cert.pem");
	key_path = certs_store_join(dir, "key.pem");
	if (row->label == NULL || row->path == NULL || key_path == NULL) {
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		goto out;
	}
	if (certs_store_read(row->path, &cert, &cert_len, e) != 0 ||
	    certs_store_read(key_path, &key, &key_len, e) != 0)
		goto out;
	if (certs_leaf_examine(b, ca, cert, cert_len, key, key_len, now, &x,
	    e) != 0)
		goto out;
	row->parsed = x.parsed;
	row->info = x.info;
	row->issued_by_current_ca = x.issued_by_ca;
	row->problems = x.problems;
	x.problems = NULL;
	row->sans = certs_names_split(x.parsed ? x.info.sans : "");
	certs_leaf_exam_free(&x);
	if (row->sans == NULL) {
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		goto out;
	}
	rc = 0;
out:
	if (key != NULL)
		explicit_bzero(key, key_len);
	free(key);
	free(cert);
	free(key_path);
	free(dir);
	return rc;
}

int
certs_list_collect(const struct certs_backend *b,
    struct certs_list_entry **out, size_t *n, struct mpd_err *e)
{
	struct certs_list_entry *rows = NULL;
	struct certs_ca ca;
	struct stat st;
	char **labels = NULL, *services = NULL;
	size_t count = 0, cap;
	long long now = (long long)time(NULL);
	int rc = -1;

	*out = NULL;
	*n = 0;
	memset(&ca, 0, sizeof ca);
	if (certs_backend_check(b, e) != 0)
		return -1;
	labels = certs_store_leaf_labels(e);
	if (labels == NULL)
		return -1;
	cap = strv_len(strv_const(labels)) + 2;
	rows = calloc(cap, sizeof *rows);
	if (rows == NULL) {
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		goto out;
	}
	count = 1;
	if (collect_ca(b, &rows[0], &ca.cert_pem, &ca.cert_len, now, e) != 0)
		goto out;
	services = certs_store_join(mpd_path(MPD_PATH_SERVICE_CERTS),
	    "cert.pem");
	if (services == NULL) {
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		goto out;
	}
	if (stat(services, &st) == 0) {
		count++;
		if (collect_leaf(b, ca.cert_pem ? &ca : NULL,
		    CERTS_LABEL_SERVICES, &rows[count - 1], now, e) != 0)
			goto out;
	}
	for (size_t i = 0; labels[i] != NULL; i++) {
		if (strcmp(labels[i], CERTS_LABEL_SERVICES) == 0)
			continue;	/* conf/certs/services: not ours */
		count++;
		if (collect_leaf(b, ca.cert_pem ? &ca : NULL, labels[i],
		    &rows[count - 1], now, e) != 0)
			goto out;
	}
	*out = rows;
	*n = count;
	rows = NULL;
	rc = 0;
out:
	certs_list_free(rows, count);
	free(ca.cert_pem);
	free(services);
	strv_free(labels);
	return rc;
}

static void
print_text(FILE *out, const struct certs_list_entry *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct certs_list_entry *r = &rows[i];
		char when[32];

		if (i > 0)
			fputc('\n', out);
		fprintf(out, "%s  %s\n", r->label, r->path);
		if (strcmp(r->label, CERTS_LABEL_CA) == 0) {
			if (r->parsed) {
				char **lim = certs_names_split(
				    r->info.permitted_dns);
				char *s = lim ? certs_names_join(
				    strv_const(lim), ", ") : NULL;

				fprintf(out, "  limited to: %s\n",
				    s == NULL ? "?" : *s ? s : "(any domain)");
				free(s);
				strv_free(lim);
			}
		} else if (r->sans != NULL && r->sans[0] != NULL) {
			char *names = certs_names_join(strv_const(r->sans),
			    ", ");

			fprintf(out, "  names:      %s\n", names ? names : "?");
			free(names);
		}
		if (r->parsed) {
			certs_iso8601(r->info.not_after, when, sizeof when);
			fprintf(out, "  not after:  %s\n", when);
			fprintf(out, "  issuer:     %s\n", r->info.issuer);
		}
		fprintf(out, "  current CA: %s\n",
		    r->issued_by_current_ca ? "yes" : "no");
		if (r->problems == NULL || r->problems[0] == NULL)
			fprintf(out, "  problems:   none\n");
		for (size_t j = 0; r->problems && r->problems[j]; j++)
			fprintf(out, "  problem:    %s\n", r->problems[j]);
	}
}

static json_object *
strv_json(char *const *v)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; v != NULL && v[i] != NULL; i++)
		json_object_array_add(a, json_object_new_string(v[i]));
	return a;
}

static int
print_json(FILE *out, const struct certs_list_entry *rows, size_t n,
    struct mpd_err *e)
{
	json_object *root = json_object_new_object();
	json_object *arr = json_object_new_array();
	const char *text;

	if (root == NULL || arr == NULL) {
		json_object_put(root);
		json_object_put(arr);
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		const struct certs_list_entry *r = &rows[i];
		json_object *o = json_object_new_object();
		char when[32];

		certs_iso8601(r->info.not_after, when, sizeof when);
		json_object_object_add(o, "label",
		    json_object_new_string(r->label));
		json_object_object_add(o, "path",
		    json_object_new_string(r->path));
		json_object_object_add(o, "sans", strv_json(r->sans));
		json_object_object_add(o, "notAfter", r->parsed ?
		    json_object_new_string(when) : NULL);
		json_object_object_add(o, "issuer", r->parsed ?
		    json_object_new_string(r->info.issuer) : NULL);
		json_object_object_add(o, "issuedByCurrentCa",
		    json_object_new_boolean(r->issued_by_current_ca));
		json_object_object_add(o, "fingerprintSha256", r->parsed ?
		    json_object_new_string(r->info.fingerprint_sha256) : NULL);
		json_object_object_add(o, "problems", strv_json(r->problems));
		json_object_array_add(arr, o);
	}
	json_object_object_add(root, "certificates", arr);
	text = json_object_to_json_string_ext(root,
	    JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE);
	fprintf(out, "%s\n", text);
	json_object_put(root);
	return 0;
}

int
certs_list_print(FILE *out, int json, const struct certs_backend *b,
    struct mpd_err *e)
{
	struct certs_list_entry *rows;
	size_t n;
	int rc;

	if (certs_list_collect(b, &rows, &n, e) != 0)
		return -1;
	if (json)
		rc = print_json(out, rows, n, e);
	else {
		print_text(out, rows, n);
		rc = 0;
	}
	certs_list_free(rows, n);
	if (rc == 0 && fflush(out) != 0)
		rc = mpd_err_set(e, MPD_ERR_IO, "cannot write the listing");
	return rc;
}
