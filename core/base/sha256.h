/* sha256.h - SHA-256 (FIPS 180-4), self-contained.
 *
 * The core needs a content hash for its image inputs (images.h); json-c has
 * none and mbedTLS is linked only into the certificate plugin, so this is a
 * small portable implementation, checked against the FIPS test vectors in
 * tests/unit/test_sha256.c.  Not for secrets: no constant-time guarantees
 * beyond what the algorithm gives.
 *
 *	struct mpd_sha256 h;
 *	unsigned char d[MPD_SHA256_LEN];
 *	char hex[MPD_SHA256_HEX];
 *	mpd_sha256_init(&h);
 *	mpd_sha256_update(&h, buf, len);	   any number of times
 *	mpd_sha256_final(&h, d);
 *	mpd_sha256_hex(d, hex);
 */
#ifndef MPD_SHA256_H
#define MPD_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define MPD_SHA256_LEN	32		/* digest bytes */
#define MPD_SHA256_HEX	(2 * MPD_SHA256_LEN + 1)	/* hex digits + NUL */

/* The running state; the caller's storage, no resources to free. */
struct mpd_sha256 {
	uint32_t	h[8];
	uint64_t	bytes;		/* message length so far */
	unsigned char	block[64];	/* pending input */
	size_t		fill;		/* bytes pending in block */
};

void mpd_sha256_init(struct mpd_sha256 *s);
void mpd_sha256_update(struct mpd_sha256 *s, const void *data, size_t len);
/* Finish into out[MPD_SHA256_LEN]; `s` must be re-initialised to reuse. */
void mpd_sha256_final(struct mpd_sha256 *s, unsigned char *out);

/* The digest as lowercase hex into out[MPD_SHA256_HEX] (caller's). */
void mpd_sha256_hex(const unsigned char *digest, char *out);

/* One-shot: hex digest of `len` bytes at `data` into out[MPD_SHA256_HEX]. */
void mpd_sha256_hex_of(const void *data, size_t len, char *out);

#endif
