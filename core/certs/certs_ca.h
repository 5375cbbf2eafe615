/*
 * certs_ca.h - mpd's local CA.
 *
 * The host (mpd-virt) normally pushes rootCA.pem + rootCA-key.pem into
 * conf/caroot/ before provisioning; mpd reuses them as they are, RSA or EC.
 * Only when rootCA.pem is absent does mpd generate a CA itself: EC P-256,
 * 10 years, name-constrained (critical) to mpd.test and .mpd.test.
 */
#ifndef MPD_CERTS_CA_H
#define MPD_CERTS_CA_H

#include <stddef.h>

#include "certs.h"

struct certs_ca {
	char *cert_path;		/* owned */
	char *key_path;			/* owned */
	char *cert_pem;			/* owned, NUL-terminated */
	size_t cert_len;
	char *key_pem;			/* owned, secret: wiped on free */
	size_t key_len;
	struct mpd_cert_info info;	/* what the backend read from it */
};

/*
 * Load the CA and check it: rootCA.pem must parse and be a CA, and
 * rootCA-key.pem must be its unencrypted private key.  A missing CA is
 * MPD_ERR_NOTFOUND.  Writes nothing.  On success the caller owns
 * `ca` and releases it with certs_ca_free(); on failure nothing is held.
 */
int certs_ca_load(const struct certs_backend *b, struct certs_ca *ca,
    struct mpd_err *e);

/*
 * certs_ca_load(), generating and writing a new CA first when rootCA.pem
 * does not exist.  *generated (may be NULL) says which happened.  The key
 * file and the directory get modes 0600 and 0700 when they were looser (a
 * host-pushed key, say; a warning says so).
 */
int certs_ca_ensure(const struct certs_backend *b, struct certs_ca *ca,
    int *generated, struct mpd_err *e);

/* The CA as a PEM pair for leaf_issue (borrowed from `ca`). */
struct mpd_pem_pair certs_ca_pair(const struct certs_ca *ca);

void certs_ca_free(struct certs_ca *ca);

#endif
