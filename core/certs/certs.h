/*
 * certs.h - mpd's certificates: the handle on the cert backend plugin and
 * the fixed facts every certs_* module shares.
 *
 * The crypto lives in a cert-backend plugin (cert-mbedtls by default) that
 * turns bytes into bytes; the core owns files, reuse decisions, listing
 * and trust installation:
 *   certs_backend.c  calling the plugin, its errors, its buffers
 *   certs_names.c    which DNS names a certificate may carry, SAN sets
 *   certs_store.c    where certificates live on disk
 *   certs_ca.c       the CA: reuse a host-pushed one or generate one
 *   certs_leaf.c     leaf certificates and the reuse rules
 *   certs_list.c     `mpd list certs`
 *   certs_trust.c    installing the CA into the VM's trust stores
 * See docs/CERTIFICATES.md.
 */
#ifndef MPD_CERTS_H
#define MPD_CERTS_H

#include <stddef.h>
#include <stdint.h>

#include <mpd/names.h>
#include <mpd/plugin.h>

#include "err.h"

/* The one DNS zone mpd's CA may sign for (name constraints). */
#define CERTS_ZONE			MPD_ZONE
#define CERTS_CA_COMMON_NAME		MPD_ZONE " local development CA"
#define CERTS_CA_VALIDITY_DAYS		3650u	/* 10 years */
#define CERTS_LEAF_VALIDITY_DAYS	397u	/* macOS: must be < 398 */
#define CERTS_RENEW_BEFORE_DAYS		30	/* re-issue this close to expiry */
#define CERTS_KEY_TYPE			MPD_KEY_EC_P256

/*
 * A cert backend as the core uses it: the plugin's ops and state, plus an
 * optional way to read the message the plugin attached with
 * host->set_error() (the loader wires it to plugin_host_ctx_error()).
 */
struct certs_backend {
	const struct mpd_cert_backend_ops *ops;
	void *state;
	const char *(*last_error)(void *error_ctx);	/* may be NULL */
	void *error_ctx;
};

/* 0 when `b` has every op the core calls; MPD_ERR_PLUGIN otherwise. */
int certs_backend_check(const struct certs_backend *b, struct mpd_err *e);

/* Turn a failed plugin call (`rc` < 0) into `e`: "<what>: <plugin's
 * message>".  Returns -1. */
int certs_backend_fail(const struct certs_backend *b, int rc,
    struct mpd_err *e, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The plugin's message for a failed call (`rc`), without a prefix, into
 * `out`. */
void certs_backend_message(const struct certs_backend *b, int rc, char *out,
    size_t n);

/* Release a buffer the plugin returned (allocated with the host's calloc-
 * backed alloc).  `secret` wipes it first.  Leaves it empty. */
void certs_buf_release(struct mpd_buf *buf, int secret);

/* A zeroed mpd_cert_info with struct_size set, for cert_inspect. */
void certs_info_init(struct mpd_cert_info *info);

/* 1 when cert_inspect filled `info->flags` (a plugin of ABI 1.1 or newer)
 * and set `flag` (enum mpd_cert_flags) in it. */
int certs_info_has(const struct mpd_cert_info *info, uint32_t flag);

/* 1 when the plugin can tell (ABI 1.1 or newer) and the CA's name
 * constraints do not exclude every IPv4 and IPv6 address. */
int certs_info_ip_unconstrained(const struct mpd_cert_info *info);

/* What a certificate whose ECDSA signature algorithm carries a NULL
 * parameter is told (mbed TLS before 3.5 wrote one; a leaf with it is
 * re-issued). */
#define CERTS_ECDSA_PARAMS_PROBLEM \
	"its signature algorithm carries a NULL parameter (written by mbed " \
	"TLS before 3.5), which Chromium refuses"

/* Format epoch seconds as ISO-8601 UTC ("2026-01-31T12:00:00Z") into
 * `out` (at least 21 bytes). */
void certs_iso8601(long long epoch, char *out, size_t n);

#endif
