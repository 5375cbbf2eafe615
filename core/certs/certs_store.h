/*
 * certs_store.h - where mpd keeps its certificates.
 *
 *   conf/caroot/                  0700  the CA (pushed by the host, or made here)
 *     rootCA.pem                  0644
 *     rootCA-key.pem              0600
 *   conf/service/                 0700  the services certificate (label
 *     cert.pem, key.pem                 "services": mpd.test and the
 *                                       *.service.mpd.test names)
 *   conf/certs/<label>/           0700  every other leaf: "project-<p>",
 *     cert.pem                    0644  "runtime-<rt>", ...
 *     key.pem                     0600
 *
 * conf/ is /var/lib/mpd/conf (mpd_path(MPD_PATH_CONF)): private to the VM,
 * never mounted into a container as a whole.  Writes are atomic
 * (state_store_write_atomic: temporary file, fsync, rename, fsync dir).
 */
#ifndef MPD_CERTS_STORE_H
#define MPD_CERTS_STORE_H

#include <stddef.h>
#include <sys/types.h>

#include "err.h"

#define CERTS_LABEL_SERVICES	"services"
#define CERTS_LABEL_CA		"ca"	/* the CA's row in listings */

#define CERTS_DIR_MODE		0700
#define CERTS_CERT_MODE		0644
#define CERTS_KEY_MODE		0600
#define CERTS_PEM_MAX		(1024 * 1024)

/* Paths of the CA files.  Caller frees; NULL on ENOMEM. */
char *certs_store_ca_cert_path(void);
char *certs_store_ca_key_path(void);

/* 0 when `label` names a leaf: 1-63 of [a-z0-9_-], starting with a letter
 * or digit, and not "ca".  -1 with MPD_ERR_INPUT otherwise. */
int certs_store_label_check(const char *label, struct mpd_err *e);

/* The directory of leaf `label` (validated).  Caller frees. */
char *certs_store_leaf_dir(const char *label, struct mpd_err *e);

/* cert.pem / key.pem inside `dir`.  Caller frees; NULL on ENOMEM. */
char *certs_store_join(const char *dir, const char *file);

/* The labels under conf/certs/ that hold a cert.pem, sorted, as a strv
 * the caller frees (empty when there are none).  NULL with `e` on error. */
char **certs_store_leaf_labels(struct mpd_err *e);

/* Create `dir` (and parents) and give it exactly `mode`. */
int certs_store_dir(const char *dir, mode_t mode, struct mpd_err *e);

/* Read a PEM file.  Missing: 0 with *buf NULL.  Caller frees *buf (wipe
 * keys first). */
int certs_store_read(const char *path, char **buf, size_t *len,
    struct mpd_err *e);

/* Remove leaf `label` (its cert.pem, key.pem and directory; not the
 * services leaf).  Missing is fine: 0. */
int certs_store_leaf_remove(const char *label, struct mpd_err *e);

/* Atomically replace `path` with exactly `mode`; its directory is
 * created with CERTS_DIR_MODE when missing. */
int certs_store_write(const char *path, const void *data, size_t len,
    mode_t mode, struct mpd_err *e);

/* Give an existing file or directory exactly `mode` when it has another
 * (returns 1 when it changed something, 0 when not, -1 on error). */
int certs_store_tighten(const char *path, mode_t mode, struct mpd_err *e);

#endif
