/*
 * certs_list.h - `mpd list certs`: every certificate mpd manages, with its
 * path, names, expiry, whether the current CA issued it, and anything
 * wrong with it.  What a user reads when a browser complains.
 *
 * Rows: the CA first (label "ca"), then the services certificate (label
 * "services", conf/service/), then conf/certs/<label>/ in label order.
 *
 * JSON form (stable field names):
 *   {"certificates": [{"label": "...", "path": "...", "sans": ["..."],
 *     "notAfter": "2026-01-31T12:00:00Z" | null, "issuer": "..." | null,
 *     "issuedByCurrentCa": true, "fingerprintSha256": "..." | null,
 *     "problems": ["..."]}]}
 */
#ifndef MPD_CERTS_LIST_H
#define MPD_CERTS_LIST_H

#include <stddef.h>
#include <stdio.h>

#include "certs.h"

struct certs_list_entry {
	char *label;			/* owned */
	char *path;			/* owned: the certificate file */
	int parsed;			/* info is valid */
	struct mpd_cert_info info;
	int issued_by_current_ca;
	char **sans;			/* strv, owned (CA: empty) */
	char **problems;		/* strv, owned (empty: all well) */
};

/* Collect the rows.  Reads only; writes nothing.  The caller owns *out and
 * releases it with certs_list_free().  -1 only when listing itself fails
 * (ENOMEM, an unreadable directory); a broken certificate is a row with
 * problems. */
int certs_list_collect(const struct certs_backend *b,
    struct certs_list_entry **out, size_t *n, struct mpd_err *e);
void certs_list_free(struct certs_list_entry *v, size_t n);

/* Print the rows as text (json == 0) or JSON to `out`. */
int certs_list_print(FILE *out, int json, const struct certs_backend *b,
    struct mpd_err *e);

#endif
