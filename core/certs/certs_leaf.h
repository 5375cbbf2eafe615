/*
 * certs_leaf.h - leaf (server) certificates and the rules that decide
 * when one is re-issued.
 *
 * A stored leaf is kept untouched (not a byte written, not even its
 * mtime) unless one of these holds, in which case a new key and
 * certificate replace it:
 *   - cert.pem or key.pem is missing, or cert.pem does not parse;
 *   - key.pem does not belong to cert.pem;
 *   - cert.pem was not issued by the current CA (the CA changed);
 *   - the set of DNS names differs from the wanted set (order and case
 *     do not matter);
 *   - it expires within CERTS_RENEW_BEFORE_DAYS (30) days, or is not
 *     valid yet;
 *   - it is a CA certificate;
 *   - its ECDSA signature algorithm carries a NULL parameter (an mpd
 *     built with mbed TLS 2.28 wrote it; Chromium refuses it).
 */
#ifndef MPD_CERTS_LEAF_H
#define MPD_CERTS_LEAF_H

#include <stddef.h>

#include "certs.h"
#include "certs_ca.h"

enum certs_leaf_action {
	CERTS_LEAF_KEPT = 0,
	CERTS_LEAF_ISSUED = 1,
};

struct certs_leaf_result {
	enum certs_leaf_action action;
	char reason[400];	/* why it was (re-)issued; "" when kept */
	char *cert_path;	/* owned */
	char *key_path;		/* owned */
};

/* What a stored leaf looks like against the current CA. */
struct certs_leaf_exam {
	int have_cert;
	int have_key;
	int parsed;			/* info below is valid */
	int issued_by_ca;		/* verified against `ca` */
	struct mpd_cert_info info;
	char **problems;		/* strv, owned: one line each */
};

/*
 * Examine a stored leaf: cert/key bytes as read (NULL when the file is
 * missing), the current CA (NULL when there is none), `now` in epoch
 * seconds.  Fills `x` (release with certs_leaf_exam_free()).  Problems are
 * findings, not errors: -1 only on ENOMEM.
 */
int certs_leaf_examine(const struct certs_backend *b, const struct certs_ca *ca,
    const char *cert_pem, size_t cert_len, const char *key_pem,
    size_t key_len, long long now, struct certs_leaf_exam *x,
    struct mpd_err *e);
void certs_leaf_exam_free(struct certs_leaf_exam *x);

/*
 * Make sure leaf `label` exists, is sound and covers exactly `names`
 * (validated and normalised first: nothing is written for a bad label or
 * name).  names[0] becomes the subject CN.  Fills `out` (release with
 * certs_leaf_result_free()) with the paths and whether it was re-issued.
 */
int certs_leaf_ensure(const struct certs_backend *b, const struct certs_ca *ca,
    const char *label, const char *const *names,
    struct certs_leaf_result *out, struct mpd_err *e);
void certs_leaf_result_free(struct certs_leaf_result *r);

#endif
