/*
 * certs_names.h - the DNS names mpd's certificates carry.
 *
 * Every name must lie in the CA's zone: "mpd.test" itself or a name ending
 * in ".mpd.test" (lowercase letters, digits and inner dashes per label; a
 * leading "*." wildcard label is allowed).  Names are compared as sets:
 * lowercase, sorted, without duplicates.
 */
#ifndef MPD_CERTS_NAMES_H
#define MPD_CERTS_NAMES_H

#include <stddef.h>

#include "err.h"

/* Most names one certificate carries, and their total length (the cert
 * backend reports SANs in a 4096-byte field; staying below it keeps the
 * comparison exact). */
#define CERTS_MAX_NAMES		100
#define CERTS_MAX_NAMES_LEN	3800

/* 0 when `name` is a valid certificate name inside mpd.test (exactly as
 * given: callers lowercase first), else -1 with MPD_ERR_INPUT. */
int certs_name_check(const char *name, struct mpd_err *e);

/* Lowercase, validate, sort and de-duplicate `names` (NULL-terminated,
 * at least one).  *out is a strv the caller frees with strv_free().  On
 * any invalid name: -1 and nothing allocated. */
int certs_names_normalise(const char *const *names, char ***out,
    struct mpd_err *e);

/* The set a certificate reports ("a,b,c" from mpd_cert_info.sans) as a
 * sorted, de-duplicated strv (caller frees).  NULL on ENOMEM. */
char **certs_names_split(const char *joined);

/* 1 when two sorted, de-duplicated vectors hold the same names. */
int certs_names_equal(const char *const *a, const char *const *b);

/* "a, b, c": the names joined with `sep`.  Caller frees; NULL on ENOMEM. */
char *certs_names_join(const char *const *names, const char *sep);

/*
 * The names for a project's (or runtime's) certificate: `primary` (e.g.
 * "foo.mpd.test") plus the host of every URL in `urls` (NULL-terminated,
 * may be NULL) that lies inside mpd.test; hosts elsewhere (a tunnel's
 * public host) are left out, as the original did.  Normalised; *out is a
 * strv the caller frees.
 */
int certs_names_from_urls(const char *primary, const char *const *urls,
    char ***out, struct mpd_err *e);

/* "<project>.mpd.test" and "<runtime>.runtime.mpd.test"; caller frees;
 * NULL on ENOMEM. */
char *certs_name_project(const char *project);
char *certs_name_runtime(const char *runtime);

#endif
