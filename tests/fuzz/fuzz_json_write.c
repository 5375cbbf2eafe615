/* fuzz_json_write.c - libFuzzer target for the state writer's promise:
 * nothing mpd writes fails to read back (issue 7).
 *
 * The input bytes are a little program that builds a json-c tree with
 * arbitrary content: strings and keys of any bytes (invalid UTF-8, NUL,
 * control characters), doubles from raw bit patterns (NaN, infinities,
 * subnormals, -0), 64-bit integers, nesting past the depth limit.  Then:
 *   - jsonfile_encode() accepts: the text must parse with jsonfile_parse(),
 *     give the very same tree back, and encode again to the same bytes;
 *   - it refuses: the unchecked serialization must indeed be unreadable
 *     (so the writer refuses only what the reader would reject), and the
 *     message is one line.
 * Any violation aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* deep enough to cross JSONFILE_MAX_DEPTH */
#define BUILD_DEPTH_MAX	(JSONFILE_MAX_DEPTH + 4)

struct cursor {
	const uint8_t *p;
	size_t n;
};

static unsigned
take_byte(struct cursor *c)
{
	if (c->n == 0)
		return 0;
	c->n--;
	return *c->p++;
}

static uint64_t
take_u64(struct cursor *c)
{
	uint64_t v = 0;

	for (int k = 0; k < 8; k++)
		v = (v << 8) | take_byte(c);
	return v;
}

/* Up to 255 bytes; *len gets the count taken. */
static const char *
take_bytes(struct cursor *c, size_t *len)
{
	size_t want = take_byte(c);
	const char *s = (const char *)c->p;
	if (want > c->n)
		want = c->n;
	c->p += want;
	c->n -= want;
	*len = want;
	return s;
}

static struct json_object *
build(struct cursor *c, int depth)
{
	struct json_object *o;
	unsigned op, count;
	uint64_t bits;
	double d;
	size_t len;
	const char *s;

	if (c->n == 0)
		return NULL;		/* json null */
	op = take_byte(c);
	switch (op % 9) {
	case 0:
		return NULL;
	case 1:
		return json_object_new_boolean((op & 0x10) != 0);
	case 2:
		return json_object_new_int64((int64_t)take_u64(c));
	case 3:
		return json_object_new_uint64(take_u64(c));
	case 4:
		bits = take_u64(c);
		memcpy(&d, &bits, sizeof d);
		return json_object_new_double(d);
	case 5:
		s = take_bytes(c, &len);
		return json_object_new_string_len(s, (int)len);
	case 6:
	case 7:
		if (depth >= BUILD_DEPTH_MAX)
			return json_object_new_string("too deep to build");
		count = take_byte(c) % 6;
		if (op % 9 == 6) {
			o = json_object_new_array();
			for (unsigned k = 0; k < count && o != NULL; k++)
				json_object_array_add(o, build(c, depth + 1));
			return o;
		}
		o = json_object_new_object();
		for (unsigned k = 0; k < count && o != NULL; k++) {
			char key[256];

			s = take_bytes(c, &len);
			memcpy(key, s, len);
			key[len] = '\0';	/* a C string: stops at a NUL */
			json_object_object_add(o, key, build(c, depth + 1));
		}
		return o;
	default:
		/* a single nesting step, so depth is cheap to reach */
		if (depth >= BUILD_DEPTH_MAX)
			return NULL;
		o = json_object_new_array();
		json_object_array_add(o, build(c, depth + 1));
		return o;
	}
}

/* The same value: same types, bytes, numbers (doubles bit for bit). */
static int
same(struct json_object *a, struct json_object *b)
{
	enum json_type t = json_object_get_type(a);
	double x, y;

	if (t != json_object_get_type(b))
		return 0;
	switch (t) {
	case json_type_null:
		return 1;
	case json_type_boolean:
		return json_object_get_boolean(a) == json_object_get_boolean(b);
	case json_type_int:
		return json_object_get_int64(a) == json_object_get_int64(b) &&
		    json_object_get_uint64(a) == json_object_get_uint64(b);
	case json_type_double:
		x = json_object_get_double(a);
		y = json_object_get_double(b);
		return memcmp(&x, &y, sizeof x) == 0;
	case json_type_string:
		return json_object_get_string_len(a) ==
		    json_object_get_string_len(b) &&
		    memcmp(json_object_get_string(a), json_object_get_string(b),
		    (size_t)json_object_get_string_len(a)) == 0;
	case json_type_array:
		if (json_object_array_length(a) != json_object_array_length(b))
			return 0;
		for (size_t k = 0; k < json_object_array_length(a); k++)
			if (!same(json_object_array_get_idx(a, k),
			    json_object_array_get_idx(b, k)))
				return 0;
		return 1;
	case json_type_object:
		if (json_object_object_length(a) != json_object_object_length(b))
			return 0;
		json_object_object_foreach(a, key, va) {
			struct json_object *vb;

			if (!json_object_object_get_ex(b, key, &vb) ||
			    !same(va, vb))
				return 0;
		}
		return 1;
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cursor c = { data, size };
	struct json_object *o = build(&c, 0), *back;
	struct mpd_err e = {0};
	char *text, *again, *raw;
	size_t len, len2;

	if (jsonfile_encode(o, "fuzz.json", &text, &len, &e) != 0) {
		if (e.code != MPD_ERR_INPUT || e.msg[0] == '\0' ||
		    strchr(e.msg, '\n') != NULL)
			abort();
		/* refused: the reader would indeed have rejected it */
		raw = jsonfile_to_string(o, 1, &len);
		if (raw == NULL)
			abort();
		if (jsonfile_parse("fuzz.json", "hint", raw, len, &back,
		    NULL) == 0)
			abort();
		free(raw);
		json_object_put(o);
		return 0;
	}
	if (jsonfile_parse("fuzz.json", "hint", text, len, &back, &e) != 0)
		abort();
	if (!same(o, back))
		abort();
	if (jsonfile_encode(back, "fuzz.json", &again, &len2, &e) != 0 ||
	    len2 != len || memcmp(text, again, len) != 0)
		abort();
	free(again);
	free(text);
	json_object_put(back);
	json_object_put(o);
	return 0;
}
