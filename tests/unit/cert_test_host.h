/*
 * cert_test_host.h - drive the cert-mbedtls plugin without the plugin
 * loader: the unit tests and bench/bench_certs.c link the plugin's sources
 * into their binary, call mpd_plugin_entry_v1() directly and hand it the
 * core's real host table (plugin_host.c) with a context of its own;
 * cert_test_host_error() is that context's last set_error message.
 */
#ifndef MPD_CERT_TEST_HOST_H
#define MPD_CERT_TEST_HOST_H

#include <mpd/plugin.h>

#include "certs.h"

/* The host table (static). */
const struct mpd_host_api *cert_test_host(void);

/* The last message a plugin set with set_error ("" when none); owned by
 * the host, valid until the next set_error or clear. */
const char *cert_test_host_error(void);
void cert_test_host_clear_error(void);

/* Initialise the linked-in cert-mbedtls plugin and fill `b` (its ops, its
 * state, and last_error wired to cert_test_host_error).  0 or -1. */
int cert_test_backend_open(struct certs_backend *b);
void cert_test_backend_close(struct certs_backend *b);

#endif
