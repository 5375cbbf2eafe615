/*
 * bench_certs.c - how long mpd's cert backend (cert-mbedtls, linked in)
 * takes to generate the CA and to issue leaves.  bench/bench-certs.sh
 * runs it next to the original's one-openssl-process-per-step way.
 *
 *	bench_certs [LEAVES]        (default 100)
 *
 * Prints "name: value" lines (times in milliseconds).
 */
#include "cert_test_host.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static int
gen_ca(struct certs_backend *b, enum mpd_key_type kt, struct mpd_buf *c,
    struct mpd_buf *k)
{
	static const char *const permitted[] = { "mpd.test", ".mpd.test",
	    NULL };
	struct mpd_ca_params p = {
		.struct_size = sizeof p,
		.common_name = "mpd.test local development CA",
		.permitted_dns = permitted,
		.validity_days = 3650,
		.key_type = kt,
	};

	return b->ops->ca_generate(b->state, &p, c, k);
}

/* Issue `n` leaves of key type `kt`; returns the total milliseconds or a
 * negative number on failure. */
static double
leaves(struct certs_backend *b, const struct mpd_buf *c,
    const struct mpd_buf *k, enum mpd_key_type kt, int n)
{
	struct mpd_pem_pair pair = { c->data, c->len, k->data, k->len };
	double t0 = now_ms();

	for (int i = 0; i < n; i++) {
		char a[64], be[64];
		const char *names[] = { a, be, NULL };
		struct mpd_leaf_params p = {
			.struct_size = sizeof p,
			.dns_names = names,
			.validity_days = 397,
			.key_type = kt,
		};
		struct mpd_buf lc = { 0 }, lk = { 0 };

		snprintf(a, sizeof a, "p%d.mpd.test", i);
		snprintf(be, sizeof be, "behat.p%d.mpd.test", i);
		if (b->ops->leaf_issue(b->state, &pair, &p, &lc, &lk) != 0) {
			fprintf(stderr, "bench_certs: leaf %d: %s\n", i,
			    cert_test_host_error());
			return -1;
		}
		free(lc.data);
		free(lk.data);
	}
	return now_ms() - t0;
}

int
main(int argc, char **argv)
{
	struct certs_backend b;
	struct mpd_buf c = { 0 }, k = { 0 };
	int n = argc > 1 ? atoi(argv[1]) : 100;
	double t0, ca_ms, ca_avg = 0, leaf_ms, rsa_ms;
	const int ca_runs = 20, rsa_leaves = 10;

	if (n <= 0 || cert_test_backend_open(&b) != 0) {
		fprintf(stderr, "usage: bench_certs [LEAVES]\n");
		return 2;
	}
	t0 = now_ms();
	if (gen_ca(&b, MPD_KEY_EC_P256, &c, &k) != 0) {
		fprintf(stderr, "bench_certs: %s\n", cert_test_host_error());
		return 1;
	}
	ca_ms = now_ms() - t0;
	for (int i = 0; i < ca_runs; i++) {
		struct mpd_buf c2 = { 0 }, k2 = { 0 };

		t0 = now_ms();
		if (gen_ca(&b, MPD_KEY_EC_P256, &c2, &k2) != 0)
			return 1;
		ca_avg += now_ms() - t0;
		free(c2.data);
		free(k2.data);
	}
	ca_avg /= ca_runs;
	leaf_ms = leaves(&b, &c, &k, MPD_KEY_EC_P256, n);
	rsa_ms = leaves(&b, &c, &k, MPD_KEY_RSA_2048, rsa_leaves);
	if (leaf_ms < 0 || rsa_ms < 0)
		return 1;
	printf("plugin_ca_ec_p256_first_ms: %.2f\n", ca_ms);
	printf("plugin_ca_ec_p256_avg_ms: %.2f (over %d)\n", ca_avg, ca_runs);
	printf("plugin_leaves_ec_p256_total_ms: %.1f (%d leaves)\n", leaf_ms, n);
	printf("plugin_leaf_ec_p256_avg_ms: %.2f\n", leaf_ms / n);
	printf("plugin_leaf_rsa2048_avg_ms: %.1f (over %d; mbed TLS RSA "
	    "key generation)\n", rsa_ms / rsa_leaves, rsa_leaves);
	free(c.data);
	free(k.data);
	cert_test_backend_close(&b);
	return 0;
}
