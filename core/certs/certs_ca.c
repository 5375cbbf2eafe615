/*
 * certs_ca.c - loading, checking and (when absent) generating the local CA
 * (see certs_ca.h).
 */
#include "certs_ca.h"

#include "certs_store.h"
#include "log.h"
#include "paths.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const ca_permitted[] = {
	CERTS_ZONE, "." CERTS_ZONE, NULL
};

void
certs_ca_free(struct certs_ca *ca)
{
	if (ca == NULL)
		return;
	if (ca->key_pem != NULL)
		explicit_bzero(ca->key_pem, ca->key_len);
	free(ca->key_pem);
	free(ca->cert_pem);
	free(ca->cert_path);
	free(ca->key_path);
	memset(ca, 0, sizeof *ca);
}

struct mpd_pem_pair
certs_ca_pair(const struct certs_ca *ca)
{
	struct mpd_pem_pair p;

	p.cert = (const unsigned char *)ca->cert_pem;
	p.cert_len = ca->cert_len;
	p.key = (const unsigned char *)ca->key_pem;
	p.key_len = ca->key_len;
	return p;
}

static int
pem_is_encrypted(const char *pem)
{
	return strstr(pem, "-----BEGIN ENCRYPTED PRIVATE KEY") != NULL ||
	    strstr(pem, "Proc-Type: 4,ENCRYPTED") != NULL;
}

/* Tighten the CA directory and key modes, warning when that was needed. */
static int
tighten_modes(const struct certs_ca *ca, struct mpd_err *e)
{
	int rc;

	rc = certs_store_tighten(mpd_path(MPD_PATH_CAROOT), CERTS_DIR_MODE, e);
	if (rc < 0)
		return -1;
	if (rc > 0)
		mpd_warn("%s was accessible to others: set to mode 0700",
		    mpd_path(MPD_PATH_CAROOT));
	rc = certs_store_tighten(ca->key_path, CERTS_KEY_MODE, e);
	if (rc < 0)
		return -1;
	if (rc > 0)
		mpd_warn("%s was readable by others: set to mode 0600",
		    ca->key_path);
	return 0;
}

int
certs_ca_load(const struct certs_backend *b, struct certs_ca *ca,
    struct mpd_err *e)
{
	int rc;

	memset(ca, 0, sizeof *ca);
	if (certs_backend_check(b, e) != 0)
		return -1;
	ca->cert_path = certs_store_ca_cert_path();
	ca->key_path = certs_store_ca_key_path();
	if (ca->cert_path == NULL || ca->key_path == NULL) {
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		goto fail;
	}
	if (certs_store_read(ca->cert_path, &ca->cert_pem, &ca->cert_len,
	    e) != 0)
		goto fail;
	if (ca->cert_pem == NULL) {
		mpd_err_set(e, MPD_ERR_NOTFOUND, "there is no CA at %s: run "
		    "mpd --setup (it reuses the CA the host pushed, or makes "
		    "one)", ca->cert_path);
		goto fail;
	}
	if (certs_store_read(ca->key_path, &ca->key_pem, &ca->key_len, e) != 0)
		goto fail;
	if (ca->key_pem == NULL) {
		mpd_err_set(e, MPD_ERR_NOTFOUND, "the CA key %s is missing next "
		    "to %s: copy rootCA-key.pem from the host (mpd-virt keeps "
		    "it in ~/.mpd-virt/conf/caroot/), or remove rootCA.pem to "
		    "let mpd make a new CA", ca->key_path, ca->cert_path);
		goto fail;
	}
	certs_info_init(&ca->info);
	rc = b->ops->cert_inspect(b->state, (const unsigned char *)ca->cert_pem,
	    ca->cert_len, &ca->info);
	if (rc != MPD_OK) {
		certs_backend_fail(b, rc, e, "%s", ca->cert_path);
		goto fail;
	}
	if (!ca->info.is_ca) {
		mpd_err_set(e, MPD_ERR_CORRUPT, "%s is not a CA certificate "
		    "(basicConstraints CA:TRUE missing): replace it with the "
		    "host's rootCA.pem", ca->cert_path);
		goto fail;
	}
	if (pem_is_encrypted(ca->key_pem)) {
		mpd_err_set(e, MPD_ERR_INPUT, "the CA key %s is passphrase-"
		    "protected; mpd needs an unencrypted key: openssl pkey -in "
		    "%s -out %s.new && mv %s.new %s", ca->key_path, ca->key_path,
		    ca->key_path, ca->key_path, ca->key_path);
		goto fail;
	}
	rc = b->ops->key_matches(b->state, (const unsigned char *)ca->cert_pem,
	    ca->cert_len, (const unsigned char *)ca->key_pem, ca->key_len);
	if (rc != MPD_OK) {
		certs_backend_fail(b, rc, e, "%s does not go with %s",
		    ca->key_path, ca->cert_path);
		goto fail;
	}
	return 0;
fail:
	certs_ca_free(ca);
	return -1;
}

static int
generate(const struct certs_backend *b, struct mpd_err *e)
{
	struct mpd_ca_params p;
	struct mpd_buf cert = { 0 }, key = { 0 };
	char *cert_path = NULL, *key_path = NULL;
	int rc = -1;

	memset(&p, 0, sizeof p);
	p.struct_size = sizeof p;
	p.common_name = CERTS_CA_COMMON_NAME;
	p.permitted_dns = ca_permitted;
	p.validity_days = CERTS_CA_VALIDITY_DAYS;
	p.key_type = CERTS_KEY_TYPE;
	cert_path = certs_store_ca_cert_path();
	key_path = certs_store_ca_key_path();
	if (cert_path == NULL || key_path == NULL) {
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		goto out;
	}
	if (access(key_path, F_OK) == 0)
		mpd_warn("%s has no %s next to it: replacing it with the key "
		    "of a new CA", key_path, cert_path);
	rc = b->ops->ca_generate(b->state, &p, &cert, &key);
	if (rc != MPD_OK) {
		certs_backend_fail(b, rc, e, "cannot generate the local CA");
		rc = -1;
		goto out;
	}
	/* key first: rootCA.pem appearing marks the CA complete */
	rc = -1;
	if (certs_store_dir(mpd_path(MPD_PATH_CAROOT), CERTS_DIR_MODE, e) != 0 ||
	    certs_store_write(key_path, key.data, key.len, CERTS_KEY_MODE,
	    e) != 0 ||
	    certs_store_write(cert_path, cert.data, cert.len, CERTS_CERT_MODE,
	    e) != 0)
		goto out;
	mpd_debug("generated a new CA in %s", mpd_path(MPD_PATH_CAROOT));
	rc = 0;
out:
	certs_buf_release(&cert, 0);
	certs_buf_release(&key, 1);
	free(cert_path);
	free(key_path);
	return rc;
}

int
certs_ca_ensure(const struct certs_backend *b, struct certs_ca *ca,
    int *generated, struct mpd_err *e)
{
	struct stat st;
	char *cert_path;
	int absent;

	memset(ca, 0, sizeof *ca);
	if (generated != NULL)
		*generated = 0;
	if (certs_backend_check(b, e) != 0)
		return -1;
	cert_path = certs_store_ca_cert_path();
	if (cert_path == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	absent = stat(cert_path, &st) != 0;
	if (absent && errno != ENOENT) {
		mpd_err_set(e, MPD_ERR_IO, "cannot read %s: %s", cert_path,
		    strerror(errno));
		free(cert_path);
		return -1;
	}
	free(cert_path);
	if (absent) {
		if (generate(b, e) != 0)
			return -1;
		if (generated != NULL)
			*generated = 1;
	}
	if (certs_ca_load(b, ca, e) != 0)
		return -1;
	if (tighten_modes(ca, e) != 0) {
		certs_ca_free(ca);
		return -1;
	}
	return 0;
}
