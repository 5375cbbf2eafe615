/*
 * cert_test_util.h - helpers for the certificate tests: running openssl
 * (through mpd_exec_run), files, and host-style CAs made by openssl the
 * way mpd-virt makes them.
 */
#ifndef MPD_CERT_TEST_UTIL_H
#define MPD_CERT_TEST_UTIL_H

#include <stddef.h>

/* Run argv (argv[0] looked up in PATH); *out (may be NULL) gets stdout and
 * stderr concatenated (caller frees).  Returns the exit status, -1 when
 * the command could not be started. */
int ctu_run(const char *const *argv, char **out);

/* Write `len` bytes to `dir`/`name`; returns the malloc'ed path. */
char *ctu_write(const char *dir, const char *name, const void *data,
    size_t len);

/* Read a whole file (malloc'ed, NUL-terminated; *len may be NULL). */
char *ctu_read(const char *path, size_t *len);

/* `openssl x509 -noout -text -in path` output (caller frees). */
char *ctu_x509_text(const char *path);

/* `openssl verify -CAfile ca leaf`: its exit status, output in *out. */
int ctu_openssl_verify(const char *ca, const char *leaf, char **out);

/* `openssl x509 -noout -serial`: the serial as hex digits (caller frees). */
char *ctu_serial_hex(const char *path);

/* The path of tests/unit/fixtures/certs/`name` (malloc'ed). */
char *ctu_fixture(const char *name);

/* The DER bytes of the PEM certificate at `path`, decoded by openssl
 * (malloc'ed; NULL on failure). */
unsigned char *ctu_der(const char *path, size_t *len);

/*
 * The two signature AlgorithmIdentifiers of a DER certificate, read by a
 * walker of this file (not the plugin's): the one inside TBSCertificate
 * and the outer signatureAlgorithm, each a whole TLV pointing into `der`.
 * 0, or -1 when the DER is not a certificate.
 */
int ctu_sig_algs(const unsigned char *der, size_t len,
    const unsigned char **tbs_alg, size_t *tbs_alg_len,
    const unsigned char **alg, size_t *alg_len);

/*
 * A leaf signed by `ca_cert`/`ca_key` with `openssl x509 -req` (EC P-256
 * key, serverAuth, subjectAltName `san`, e.g. "IP:8.8.8.8"), written to
 * `out`.  0 or -1.
 */
int ctu_openssl_leaf(const char *ca_cert, const char *ca_key,
    const char *san, const char *out);

/*
 * A CA made by openssl like mpd-virt makes one: `openssl req -x509
 * -newkey <keyspec> -nodes` with basicConstraints critical CA:TRUE
 * pathlen:0, keyUsage critical keyCertSign+cRLSign, the default key
 * identifiers and nameConstraints critical mpd.test/.mpd.test.  Written
 * to dir/rootCA.pem and dir/rootCA-key.pem.  0 or -1.
 */
int ctu_openssl_ca(const char *dir, const char *keyspec);

/*
 * The RSA-4096 host CA, generated ONCE and cached under
 * $top_builddir/test-cache/rsa4096 (or ./test-cache/rsa4096): RSA-4096
 * key generation takes seconds.  Returns the cache directory (static).
 */
const char *ctu_rsa4096_ca_dir(void);

#endif
