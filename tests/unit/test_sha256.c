/* test_sha256.c - SHA-256 against the FIPS 180-2 vectors, the padding
 * boundaries, and incremental updates of every split. */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#include "sha256.h"

static void
check_hex(const char *msg, size_t len, const char *want)
{
	char hex[MPD_SHA256_HEX];

	mpd_sha256_hex_of(msg, len, hex);
	CU_ASSERT_STRING_EQUAL(hex, want);
}

static void
test_fips_vectors(void)
{
	check_hex("abc", 3,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	check_hex("", 0,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	check_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	check_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
	    "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", 112,
	    "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void
test_million_a(void)
{
	struct mpd_sha256 s;
	unsigned char d[MPD_SHA256_LEN], chunk[1000];
	char hex[MPD_SHA256_HEX];

	memset(chunk, 'a', sizeof chunk);
	mpd_sha256_init(&s);
	for (int i = 0; i < 1000; i++)
		mpd_sha256_update(&s, chunk, sizeof chunk);
	mpd_sha256_final(&s, d);
	mpd_sha256_hex(d, hex);
	CU_ASSERT_STRING_EQUAL(hex,
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* Lengths around the 55/56/64-byte padding edges (values: sha256sum). */
static void
test_padding_boundaries(void)
{
	static const struct {
		size_t n;
		const char *hex;
	} v[] = {
		{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
		{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
		{ 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34" },
		{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
		{ 65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0" },
		{ 119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb" },
	};
	char buf[128];

	memset(buf, 'a', sizeof buf);
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		check_hex(buf, v[i].n, v[i].hex);
}

/* Any split of the input into two updates gives the one-shot digest. */
static void
test_incremental_splits(void)
{
	char msg[200], whole[MPD_SHA256_HEX], part[MPD_SHA256_HEX];
	unsigned char d[MPD_SHA256_LEN];
	struct mpd_sha256 s;

	for (size_t i = 0; i < sizeof msg; i++)
		msg[i] = (char)(i * 7 + 3);
	mpd_sha256_hex_of(msg, sizeof msg, whole);
	for (size_t cut = 0; cut <= sizeof msg; cut++) {
		mpd_sha256_init(&s);
		mpd_sha256_update(&s, msg, cut);
		mpd_sha256_update(&s, msg + cut, sizeof msg - cut);
		mpd_sha256_final(&s, d);
		mpd_sha256_hex(d, part);
		CU_ASSERT_STRING_EQUAL(part, whole);
	}
	/* byte by byte */
	mpd_sha256_init(&s);
	for (size_t i = 0; i < sizeof msg; i++)
		mpd_sha256_update(&s, msg + i, 1);
	mpd_sha256_final(&s, d);
	mpd_sha256_hex(d, part);
	CU_ASSERT_STRING_EQUAL(part, whole);
}

static const struct mpd_test_case sha256_cases[] = {
	{ "FIPS 180-2 vectors", test_fips_vectors },
	{ "one million 'a'", test_million_a },
	{ "padding boundaries", test_padding_boundaries },
	{ "incremental splits", test_incremental_splits },
	{ NULL, NULL },
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "sha256", NULL, NULL, sha256_cases },
	{ NULL, NULL, NULL, NULL },
};
