/* jsonfile.h - JSON files for the state layer: strict loading with errors
 * that point at file:line:col, schema checks that name the field, and a
 * stable writer (sorted keys, two-space indent, trailing newline).
 *
 * This is the one core-internal header that exposes json-c types; the
 * state_* headers built on it show plain C structs only.
 *
 * Loading is strict RFC 8259 JSON: every byte is checked by a validator of
 * our own before json-c builds the tree (json-c alone accepts single quotes,
 * NaN and raw control characters even in strict mode, and its messages vary
 * between releases).  Files are limited to JSONFILE_MAX_BYTES and nesting
 * to JSONFILE_MAX_DEPTH, so a hostile file fails cleanly.
 *
 * Every error is one line:
 *   <file>:<line>:<col>: invalid JSON (<what>); <hint>
 *   <file>: <field path>: <what>; <hint>
 * where <hint> is the caller's fix, e.g. "fix or remove the file (...)".
 */
#ifndef MPD_JSONFILE_H
#define MPD_JSONFILE_H

#include <stddef.h>
#include <sys/types.h>

#include <json-c/json.h>

#include "err.h"

#define JSONFILE_MAX_BYTES	((size_t)16 * 1024 * 1024)
#define JSONFILE_MAX_DEPTH	32

/* Parse `len` bytes of `buf` (need not be NUL-terminated) into a new
 * json-c tree.  `label` names the source in messages (a path), `hint` is
 * the fix appended to every message.  On success *out holds a reference
 * the caller releases with json_object_put() (a document that is just
 * `null` gives *out NULL, json-c's null).  On failure returns -1,
 * *out is NULL and `e` has MPD_ERR_CORRUPT with file:line:col. */
int jsonfile_parse(const char *label, const char *hint, const char *buf,
    size_t len, struct json_object **out, struct mpd_err *e);

/* Read and parse the file at `path`.  A missing file is not an error:
 * returns 0 with *out NULL.  Otherwise as jsonfile_parse() (the path is
 * the label); I/O problems give MPD_ERR_IO. */
int jsonfile_load(const char *path, const char *hint,
    struct json_object **out, struct mpd_err *e);

/* Serialize `o` with object keys sorted bytewise.  `pretty`: two-space
 * indent, "key": value, one member per line and a trailing newline;
 * otherwise compact with no whitespace at all.  Slashes are not escaped,
 * UTF-8 is written as is.  Returns a malloc'ed NUL-terminated string the
 * caller frees (its length in *lenp when not NULL), or NULL on ENOMEM.
 * No checks: text that must read back comes from jsonfile_encode(). */
char *jsonfile_to_string(struct json_object *o, int pretty, size_t *lenp);

/* Serialize `o` pretty-printed, as jsonfile_write() writes it, only when
 * jsonfile_parse() accepts the result: every string and key valid UTF-8,
 * every number a JSON number (no NaN or Infinity), nesting within
 * JSONFILE_MAX_DEPTH and size within JSONFILE_MAX_BYTES; the text itself
 * is run through the reader's validator last.  On success *text is
 * malloc'ed (the caller frees it) and *lenp (may be NULL) its length.
 * Otherwise -1, *text NULL, and MPD_ERR_INPUT naming the field, e.g.
 *   cannot write <label>: projects[0].type: the text is not valid UTF-8
 *   (byte 0xff at offset 6); use UTF-8 text; nothing was written
 * (MPD_ERR_IO on ENOMEM). */
int jsonfile_encode(struct json_object *o, const char *label, char **text,
    size_t *lenp, struct mpd_err *e);

/* Write `o` to `path` atomically (see state_store.h) with file mode
 * `mode`, as jsonfile_encode() makes it: what it refuses is not written
 * and the old file stays.  Does not take the state lock: callers do. */
int jsonfile_write(const char *path, struct json_object *o, mode_t mode,
    struct mpd_err *e);

/* ---- schema checks ---------------------------------------------------
 *
 * A checker carries the file name and hint so each helper can produce
 * "<file>: <field>: <what>; <hint>" with MPD_ERR_CORRUPT.  Field paths are
 * spelled like "projects[2].requested"; an empty field means the top
 * level. */
struct jsonfile_schema {
	const char *file;
	const char *hint;
	struct mpd_err *e;
};

/* Record a schema error.  Always returns -1. */
int jsonfile_schema_error(const struct jsonfile_schema *s, const char *field,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* "an object", "a string", ... for messages.  Static storage. */
const char *jsonfile_type_phrase(enum json_type t);

/* Write "<parent>.<key>" (or "<key>" when parent is empty) into buf; bytes
 * of `key` outside printable ASCII print as '?'.  Returns buf. */
char *jsonfile_field(char *buf, size_t n, const char *parent, const char *key);

/* Write "<parent>[<i>]" into buf.  Returns buf. */
char *jsonfile_field_index(char *buf, size_t n, const char *parent, size_t i);

/* Add `v` to object `o` as `key`, taking `v` (released on failure); -1
 * when `v` is NULL (an allocation failed) or the add fails. */
int jsonfile_add(struct json_object *o, const char *key, struct json_object *v);
/* jsonfile_add of a new string `val`. */
int jsonfile_add_string(struct json_object *o, const char *key,
			const char *val);

/* Read one element (the object `o` at `field`, e.g. "projects[2]") into
 * `item`, zeroed; 0, or -1 with a schema error (freeing what it took). */
typedef int (*jsonfile_item_fn)(const struct jsonfile_schema *s,
				struct json_object *o, const char *field,
				void *item);

/* Every element of the array `arr` (at `field`) through `item` into a
 * calloc'ed array of `item_size` entries.  *items (caller frees, with each
 * of the *n entries read so far, also on -1) is NULL when `arr` is empty. */
int jsonfile_array_items(const struct jsonfile_schema *s,
			 struct json_object *arr, const char *field,
			 size_t item_size, jsonfile_item_fn item, void **items,
			 size_t *n);

/* Check that `o` (the value at `field`) has type `t`.  0 or -1. */
int jsonfile_expect_type(const struct jsonfile_schema *s, struct json_object *o,
    const char *field, enum json_type t);

/* Fetch member `key` of object `obj` (found at `field`) with type `t`.
 * When absent: -1 ("missing") if `required`, else 0 with *out NULL.
 * *out is borrowed from `obj`. */
int jsonfile_member(const struct jsonfile_schema *s, struct json_object *obj,
    const char *field, const char *key, enum json_type t, int required,
    struct json_object **out);

/* Copy the string value `o` at `field` into a malloc'ed C string in *out
 * (caller frees).  Fails when `o` is not a string or contains a control
 * character (NUL included). */
int jsonfile_string_value(const struct jsonfile_schema *s,
    struct json_object *o, const char *field, char **out);

/* jsonfile_member() for a required string, copied as in
 * jsonfile_string_value(). */
int jsonfile_string_member(const struct jsonfile_schema *s,
    struct json_object *obj, const char *field, const char *key, char **out);


#endif
