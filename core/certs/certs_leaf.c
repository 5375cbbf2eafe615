/*
 * certs_leaf.c - examining stored leaf certificates and re-issuing them
 * when a reuse rule says so (see certs_leaf.h).
 */
#include "certs_leaf.h"

#include "certs_names.h"
#include "certs_store.h"
#include "log.h"
#include "strv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void
certs_leaf_exam_free(struct certs_leaf_exam *x)
{
	if (x == NULL)
		return;
	strv_free(x->problems);
	memset(x, 0, sizeof *x);
}

void
certs_leaf_result_free(struct certs_leaf_result *r)
{
	if (r == NULL)
		return;
	free(r->cert_path);
	free(r->key_path);
	memset(r, 0, sizeof *r);
}

static void
check_dates(const struct mpd_cert_info *info, long long now, struct strv *p)
{
	char when[32];
	long long left = info->not_after - now;

	if (info->not_after <= now) {
		certs_iso8601(info->not_after, when, sizeof when);
		strv_pushf(p, "expired on %s", when);
	} else if (left < (long long)CERTS_RENEW_BEFORE_DAYS * 86400) {
		certs_iso8601(info->not_after, when, sizeof when);
		strv_pushf(p, "expires on %s (in %lld days; mpd renews %d "
		    "days ahead)", when, left / 86400, CERTS_RENEW_BEFORE_DAYS);
	}
	if (info->not_before > now) {
		certs_iso8601(info->not_before, when, sizeof when);
		strv_pushf(p, "not valid before %s (is the clock right?)",
		    when);
	}
}

int
certs_leaf_examine(const struct certs_backend *b, const struct certs_ca *ca,
    const char *cert_pem, size_t cert_len, const char *key_pem,
    size_t key_len, long long now, struct certs_leaf_exam *x,
    struct mpd_err *e)
{
	struct strv p = STRV_INIT;
	char msg[MPD_ERR_MSG_MAX];
	int rc;

	memset(x, 0, sizeof *x);
	x->have_cert = cert_pem != NULL;
	x->have_key = key_pem != NULL;
	if (!x->have_cert)
		strv_push(&p, "cert.pem is missing");
	if (!x->have_key)
		strv_push(&p, "key.pem is missing");
	if (x->have_cert) {
		certs_info_init(&x->info);
		rc = b->ops->cert_inspect(b->state,
		    (const unsigned char *)cert_pem, cert_len, &x->info);
		if (rc == MPD_OK) {
			x->parsed = 1;
		} else {
			certs_backend_message(b, rc, msg, sizeof msg);
			strv_pushf(&p, "cert.pem cannot be read: %s", msg);
		}
	}
	if (x->parsed && x->have_key) {
		rc = b->ops->key_matches(b->state,
		    (const unsigned char *)cert_pem, cert_len,
		    (const unsigned char *)key_pem, key_len);
		if (rc != MPD_OK) {
			certs_backend_message(b, rc, msg, sizeof msg);
			strv_pushf(&p, "key.pem does not go with cert.pem: %s",
			    msg);
		}
	}
	if (x->parsed && ca != NULL) {
		rc = b->ops->cert_verify(b->state,
		    (const unsigned char *)cert_pem, cert_len,
		    (const unsigned char *)ca->cert_pem, ca->cert_len);
		if (rc == MPD_OK) {
			x->issued_by_ca = 1;
		} else if (rc == MPD_ECRYPTO) {
			strv_push(&p, "not issued by the current CA");
		} else {
			certs_backend_message(b, rc, msg, sizeof msg);
			strv_pushf(&p, "cannot check the issuer: %s", msg);
		}
	} else if (x->parsed) {
		strv_push(&p, "there is no CA to check it against");
	}
	if (x->parsed) {
		if (x->info.is_ca)
			strv_push(&p, "is a CA certificate, not a server "
			    "certificate");
		if (certs_info_has(&x->info, MPD_CERT_ECDSA_PARAMS))
			strv_push(&p, CERTS_ECDSA_PARAMS_PROBLEM);
		check_dates(&x->info, now, &p);
	}
	x->problems = strv_take(&p);
	if (x->problems == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	return 0;
}

/* Add "names differ" when the certificate's SAN set is not `want`. */
static int
check_names(const struct certs_leaf_exam *x, const char *const *want,
    struct strv *p)
{
	char **have;
	char *hs, *ws;

	if (!x->parsed)
		return 0;
	have = certs_names_split(x->info.sans);
	if (have == NULL)
		return -1;
	if (!x->info.sans_truncated &&
	    certs_names_equal(strv_const(have), want)) {
		strv_free(have);
		return 0;
	}
	hs = certs_names_join(strv_const(have), ", ");
	ws = certs_names_join(want, ", ");
	if (hs != NULL && ws != NULL)
		strv_pushf(p, "names differ: has %s%s; wants %s", hs,
		    x->info.sans_truncated ? " ..." : "", ws);
	strv_free(have);
	free(hs);
	free(ws);
	return hs != NULL && ws != NULL ? 0 : -1;
}

static int
issue(const struct certs_backend *b, const struct certs_ca *ca,
    const char *cn, char **names, const struct certs_leaf_result *out,
    const char *label, struct mpd_err *e)
{
	struct mpd_leaf_params p;
	struct mpd_pem_pair pair = certs_ca_pair(ca);
	struct mpd_buf cert = { 0 }, key = { 0 };
	int rc;

	memset(&p, 0, sizeof p);
	p.struct_size = sizeof p;
	p.common_name = strlen(cn) <= 64 ? cn : NULL;
	p.dns_names = strv_const(names);
	p.validity_days = CERTS_LEAF_VALIDITY_DAYS;
	p.key_type = CERTS_KEY_TYPE;
	rc = b->ops->leaf_issue(b->state, &pair, &p, &cert, &key);
	if (rc != MPD_OK)
		return certs_backend_fail(b, rc, e,
		    "cannot issue the certificate '%s'", label);
	/* key first: a crash between the two leaves a pair that does not
	 * match, which the next run re-issues */
	rc = certs_store_write(out->key_path, key.data, key.len,
	    CERTS_KEY_MODE, e);
	if (rc == 0)
		rc = certs_store_write(out->cert_path, cert.data, cert.len,
		    CERTS_CERT_MODE, e);
	certs_buf_release(&cert, 0);
	certs_buf_release(&key, 1);
	return rc;
}

static int
read_pair(const struct certs_leaf_result *out, char **cert, size_t *cert_len,
    char **key, size_t *key_len, struct mpd_err *e)
{
	if (certs_store_read(out->cert_path, cert, cert_len, e) != 0)
		return -1;
	if (certs_store_read(out->key_path, key, key_len, e) != 0) {
		free(*cert);
		*cert = NULL;
		return -1;
	}
	return 0;
}

int
certs_leaf_ensure(const struct certs_backend *b, const struct certs_ca *ca,
    const char *label, const char *const *names,
    struct certs_leaf_result *out, struct mpd_err *e)
{
	struct certs_leaf_exam x;
	struct strv found = STRV_INIT;
	char **want = NULL, **all = NULL;
	char *dir = NULL, *cert = NULL, *key = NULL, *cn = NULL, *why = NULL;
	size_t cert_len = 0, key_len = 0;
	int rc = -1;

	memset(out, 0, sizeof *out);
	memset(&x, 0, sizeof x);
	if (certs_backend_check(b, e) != 0)
		return -1;
	if (ca == NULL || ca->cert_pem == NULL || ca->key_pem == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL,
		    "no CA loaded to issue '%s' with", label ? label : "?");
	if (certs_names_normalise(names, &want, e) != 0)
		return mpd_err_prefix(e, "certificate '%s'",
		    label ? label : "?");
	dir = certs_store_leaf_dir(label, e);
	if (dir == NULL)
		goto out;
	cn = strdup(names[0]);
	out->cert_path = certs_store_join(dir, "cert.pem");
	out->key_path = certs_store_join(dir, "key.pem");
	if (cn == NULL || out->cert_path == NULL || out->key_path == NULL) {
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		goto out;
	}
	for (char *c = cn; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	if (read_pair(out, &cert, &cert_len, &key, &key_len, e) != 0)
		goto out;
	if (certs_leaf_examine(b, ca, cert, cert_len, key, key_len,
	    (long long)time(NULL), &x, e) != 0)
		goto out;
	strv_pushv(&found, strv_const(x.problems));
	if (check_names(&x, strv_const(want), &found) != 0) {
		strv_reset(&found);
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		goto out;
	}
	all = strv_take(&found);
	if (all == NULL) {
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		goto out;
	}
	if (all[0] == NULL) {
		out->action = CERTS_LEAF_KEPT;
		rc = 0;
		goto out;
	}
	why = certs_names_join(strv_const(all), "; ");
	if (why == NULL) {
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		goto out;
	}
	snprintf(out->reason, sizeof out->reason, "%s", why);
	mpd_debug("certificate %s: re-issuing: %s", label, why);
	if (certs_store_dir(dir, CERTS_DIR_MODE, e) != 0 ||
	    issue(b, ca, cn, want, out, label, e) != 0)
		goto out;
	out->action = CERTS_LEAF_ISSUED;
	rc = 0;
out:
	if (key != NULL)
		explicit_bzero(key, key_len);
	free(key);
	free(cert);
	free(cn);
	free(dir);
	free(why);
	strv_free(want);
	strv_free(all);
	certs_leaf_exam_free(&x);
	if (rc != 0) {
		free(out->cert_path);
		free(out->key_path);
		out->cert_path = out->key_path = NULL;
	}
	return rc;
}
