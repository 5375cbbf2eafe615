/* jsonfile.c - strict JSON loading with file:line:col errors, schema
 * checks, and a stable sorted writer (see jsonfile.h). */
#include "jsonfile.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state_store.h"
#include "printable.h"

/* ---- the validator --------------------------------------------------- */

struct vstate {
	const unsigned char *p;
	size_t len;
	size_t pos;		/* where the error is */
	char why[96];		/* what is wrong */
};

static int
v_fail(struct vstate *v, size_t pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
v_fail(struct vstate *v, size_t pos, const char *fmt, ...)
{
	va_list ap;

	v->pos = pos;
	va_start(ap, fmt);
	vsnprintf(v->why, sizeof v->why, fmt, ap);
	va_end(ap);
	return -1;
}

static int
v_eof(struct vstate *v)
{
	return v_fail(v, v->len, "unexpected end of file");
}

/* "unexpected character 'x'" or "unexpected byte 0x01" */
static int
v_unexpected(struct vstate *v, size_t pos, const char *expect)
{
	unsigned char c = v->p[pos];

	if (c >= 0x20 && c < 0x7f)
		return v_fail(v, pos, "unexpected character '%c'%s%s", c,
		    *expect ? ", " : "", expect);
	return v_fail(v, pos, "unexpected byte 0x%02x%s%s", c,
	    *expect ? ", " : "", expect);
}

static void
v_ws(struct vstate *v, size_t *i)
{
	while (*i < v->len) {
		unsigned char c = v->p[*i];

		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		(*i)++;
	}
}

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Read the 4 hex digits of a \u escape at i (just after the 'u'). */
static int
v_hex4(struct vstate *v, size_t i, size_t esc, unsigned *out)
{
	unsigned u = 0;

	for (size_t k = 0; k < 4; k++) {
		int h;

		if (i + k >= v->len)
			return v_eof(v);
		h = hexval(v->p[i + k]);
		if (h < 0)
			return v_fail(v, esc, "invalid \\u escape (expected 4 hex "
			    "digits)");
		u = u * 16 + (unsigned)h;
	}
	*out = u;
	return 0;
}

/* Length of the valid UTF-8 sequence at i, or 0. */
static size_t
utf8_len(const unsigned char *p, size_t avail)
{
	unsigned char c = p[0];
	size_t n;
	unsigned char lo = 0x80, hi = 0xbf;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;	/* no surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if (avail < n)
		return 0;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (size_t k = 2; k < n; k++)
		if (p[k] < 0x80 || p[k] > 0xbf)
			return 0;
	return n;
}

static int
v_string(struct vstate *v, size_t *i)
{
	size_t start = *i;

	(*i)++;		/* the opening quote */
	for (;;) {
		unsigned char c;

		if (*i >= v->len)
			return v_fail(v, start, "unterminated string");
		c = v->p[*i];
		if (c == '"') {
			(*i)++;
			return 0;
		}
		if (c < 0x20)
			return v_fail(v, *i, "control character in a string "
			    "(write it as \\n, \\t or \\u00%02x)", c);
		if (c == '\\') {
			size_t esc = *i;
			unsigned u, lo;

			if (*i + 1 >= v->len)
				return v_fail(v, start, "unterminated string");
			c = v->p[*i + 1];
			if (strchr("\"\\/bfnrt", c) != NULL && c != '\0') {
				*i += 2;
				continue;
			}
			if (c != 'u')
				return v_fail(v, esc, "invalid escape sequence");
			if (v_hex4(v, *i + 2, esc, &u) != 0)
				return -1;
			*i += 6;
			if (u >= 0xdc00 && u <= 0xdfff)
				return v_fail(v, esc, "invalid \\u escape (unpaired "
				    "surrogate)");
			if (u < 0xd800 || u > 0xdbff)
				continue;
			if (*i + 1 >= v->len || v->p[*i] != '\\' ||
			    v->p[*i + 1] != 'u')
				return v_fail(v, esc, "invalid \\u escape (unpaired "
				    "surrogate)");
			if (v_hex4(v, *i + 2, *i, &lo) != 0)
				return -1;
			if (lo < 0xdc00 || lo > 0xdfff)
				return v_fail(v, esc, "invalid \\u escape (unpaired "
				    "surrogate)");
			*i += 6;
			continue;
		}
		if (c >= 0x80) {
			size_t n = utf8_len(v->p + *i, v->len - *i);

			if (n == 0)
				return v_fail(v, *i, "invalid UTF-8");
			*i += n;
			continue;
		}
		(*i)++;
	}
}

static int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int
v_number(struct vstate *v, size_t *i)
{
	size_t start = *i;

	if (v->p[*i] == '-')
		(*i)++;
	if (*i >= v->len)
		return v_eof(v);
	if (v->p[*i] == '0') {
		(*i)++;
		if (*i < v->len && is_digit(v->p[*i]))
			return v_fail(v, start, "invalid number (leading zero)");
	} else if (is_digit(v->p[*i])) {
		while (*i < v->len && is_digit(v->p[*i]))
			(*i)++;
	} else
		return v_fail(v, start, "invalid number");
	if (*i < v->len && v->p[*i] == '.') {
		(*i)++;
		if (*i >= v->len)
			return v_eof(v);
		if (!is_digit(v->p[*i]))
			return v_fail(v, start, "invalid number");
		while (*i < v->len && is_digit(v->p[*i]))
			(*i)++;
	}
	if (*i < v->len && (v->p[*i] == 'e' || v->p[*i] == 'E')) {
		(*i)++;
		if (*i < v->len && (v->p[*i] == '+' || v->p[*i] == '-'))
			(*i)++;
		if (*i >= v->len)
			return v_eof(v);
		if (!is_digit(v->p[*i]))
			return v_fail(v, start, "invalid number");
		while (*i < v->len && is_digit(v->p[*i]))
			(*i)++;
	}
	return 0;
}

static int
v_literal(struct vstate *v, size_t *i, const char *word)
{
	for (size_t k = 0; word[k]; k++) {
		if (*i + k >= v->len)
			return v_eof(v);
		if (v->p[*i + k] != (unsigned char)word[k])
			return v_unexpected(v, *i + k, "");
	}
	*i += strlen(word);
	return 0;
}

static int v_value(struct vstate *v, size_t *i, int depth);

static int
v_object(struct vstate *v, size_t *i, int depth)
{
	(*i)++;
	v_ws(v, i);
	if (*i < v->len && v->p[*i] == '}') {
		(*i)++;
		return 0;
	}
	for (;;) {
		if (*i >= v->len)
			return v_eof(v);
		if (v->p[*i] != '"')
			return v_unexpected(v, *i, "expected a \"key\"");
		if (v_string(v, i) != 0)
			return -1;
		v_ws(v, i);
		if (*i >= v->len)
			return v_eof(v);
		if (v->p[*i] != ':')
			return v_unexpected(v, *i, "expected ':'");
		(*i)++;
		if (v_value(v, i, depth) != 0)
			return -1;
		v_ws(v, i);
		if (*i >= v->len)
			return v_eof(v);
		if (v->p[*i] == '}') {
			(*i)++;
			return 0;
		}
		if (v->p[*i] != ',')
			return v_unexpected(v, *i, "expected ',' or '}'");
		(*i)++;
		v_ws(v, i);
	}
}

static int
v_array(struct vstate *v, size_t *i, int depth)
{
	(*i)++;
	v_ws(v, i);
	if (*i < v->len && v->p[*i] == ']') {
		(*i)++;
		return 0;
	}
	for (;;) {
		if (v_value(v, i, depth) != 0)
			return -1;
		v_ws(v, i);
		if (*i >= v->len)
			return v_eof(v);
		if (v->p[*i] == ']') {
			(*i)++;
			return 0;
		}
		if (v->p[*i] != ',')
			return v_unexpected(v, *i, "expected ',' or ']'");
		(*i)++;
	}
}

static int
v_value(struct vstate *v, size_t *i, int depth)
{
	unsigned char c;

	v_ws(v, i);
	if (*i >= v->len)
		return v_eof(v);
	c = v->p[*i];
	switch (c) {
	case '{':
	case '[':
		if (depth >= JSONFILE_MAX_DEPTH)
			return v_fail(v, *i, "nested deeper than %d levels",
			    JSONFILE_MAX_DEPTH);
		return c == '{' ? v_object(v, i, depth + 1) :
		    v_array(v, i, depth + 1);
	case '"':
		return v_string(v, i);
	case 't':
		return v_literal(v, i, "true");
	case 'f':
		return v_literal(v, i, "false");
	case 'n':
		return v_literal(v, i, "null");
	default:
		if (c == '-' || is_digit(c))
			return v_number(v, i);
		return v_unexpected(v, *i, "");
	}
}

/* 1-based line and column (in characters) of byte offset pos. */
static void
line_col(const unsigned char *p, size_t len, size_t pos, unsigned long *line,
    unsigned long *col)
{
	size_t bol = 0;

	*line = 1;
	if (pos > len)
		pos = len;
	for (size_t k = 0; k < pos; k++)
		if (p[k] == '\n') {
			(*line)++;
			bol = k + 1;
		}
	*col = 1;
	for (size_t k = bol; k < pos; k++)
		if ((p[k] & 0xc0) != 0x80)
			(*col)++;
}

static int
parse_error(const char *label, const char *hint, const char *buf, size_t len,
    size_t pos, const char *why, struct mpd_err *e)
{
	unsigned long line, col;

	line_col((const unsigned char *)buf, len, pos, &line, &col);
	return mpd_err_set(e, MPD_ERR_CORRUPT, "%s:%lu:%lu: invalid JSON (%s); "
	    "%s", label, line, col, why, hint);
}

int
jsonfile_parse(const char *label, const char *hint, const char *buf,
    size_t len, struct json_object **out, struct mpd_err *e)
{
	struct vstate v = { (const unsigned char *)buf, len, 0, "" };
	struct json_tokener *tok;
	struct json_object *o;
	size_t i = 0;

	*out = NULL;
	if (len > JSONFILE_MAX_BYTES)
		return mpd_err_set(e, MPD_ERR_CORRUPT, "%s: file is larger than "
		    "%zu MiB; %s", label, JSONFILE_MAX_BYTES >> 20, hint);
	if (v_value(&v, &i, 0) != 0)
		return parse_error(label, hint, buf, len, v.pos, v.why, e);
	v_ws(&v, &i);
	if (i < len)
		return parse_error(label, hint, buf, len, i, "unexpected text "
		    "after the end of the JSON value", e);

	/* valid JSON: let json-c build the tree (its default mode parses a
	 * superset of JSON the same way in every release we support) */
	tok = json_tokener_new_ex(JSONFILE_MAX_DEPTH + 1);
	if (tok == NULL)
		return mpd_err_set(e, MPD_ERR_IO, "out of memory parsing %s",
		    label);
	o = json_tokener_parse_ex(tok, buf, (int)len);
	if (o == NULL) {
		enum json_tokener_error je = json_tokener_get_error(tok);
		size_t at = json_tokener_get_parse_end(tok);

		/* a scalar at the top level may need an end-of-input flush */
		if (je == json_tokener_continue)
			o = json_tokener_parse_ex(tok, "", 1);
		if (o == NULL) {
			je = json_tokener_get_error(tok);
			/* json-c's null is NULL: a document that is just null */
			if (je == json_tokener_success) {
				json_tokener_free(tok);
				return 0;
			}
			json_tokener_free(tok);
			return parse_error(label, hint, buf, len, at,
			    json_tokener_error_desc(je), e);
		}
	}
	json_tokener_free(tok);
	*out = o;
	return 0;
}

int
jsonfile_load(const char *path, const char *hint, struct json_object **out,
    struct mpd_err *e)
{
	char *buf;
	size_t len;
	int rc;

	*out = NULL;
	if (state_store_read(path, JSONFILE_MAX_BYTES, hint, &buf, &len, e) != 0)
		return -1;
	if (buf == NULL)
		return 0;
	rc = jsonfile_parse(path, hint, buf, len, out, e);
	free(buf);
	return rc;
}

/* ---- the writer ------------------------------------------------------ */

struct outbuf {
	char *p;
	size_t len, cap;
	int oom;
};

static void
put(struct outbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->cap - b->len < n + 1) {
		size_t cap = b->cap ? b->cap : 256;
		char *np;

		while (cap - b->len < n + 1)
			cap *= 2;
		np = realloc(b->p, cap);
		if (np == NULL) {
			b->oom = 1;
			return;
		}
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
puts_(struct outbuf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void
indent(struct outbuf *b, int level)
{
	for (int k = 0; k < level; k++)
		put(b, "  ", 2);
}

static void
put_string(struct outbuf *b, const char *s, size_t n)
{
	size_t run = 0;

	put(b, "\"", 1);
	for (size_t k = 0; k < n; k++) {
		unsigned char c = (unsigned char)s[k];
		char esc[8];

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		put(b, s + run, k - run);
		run = k + 1;
		switch (c) {
		case '"': puts_(b, "\\\""); break;
		case '\\': puts_(b, "\\\\"); break;
		case '\b': puts_(b, "\\b"); break;
		case '\f': puts_(b, "\\f"); break;
		case '\n': puts_(b, "\\n"); break;
		case '\r': puts_(b, "\\r"); break;
		case '\t': puts_(b, "\\t"); break;
		default:
			snprintf(esc, sizeof esc, "\\u%04x", c);
			puts_(b, esc);
		}
	}
	put(b, s + run, n - run);
	put(b, "\"", 1);
}

static int
cmp_key(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void emit(struct outbuf *b, struct json_object *o, int pretty, int level);

static void
emit_object(struct outbuf *b, struct json_object *o, int pretty, int level)
{
	size_t n = (size_t)json_object_object_length(o), k = 0;
	const char **keys;

	if (n == 0) {
		puts_(b, "{}");
		return;
	}
	keys = calloc(n, sizeof *keys);
	if (keys == NULL) {
		b->oom = 1;
		return;
	}
	json_object_object_foreach(o, key, val) {
		(void)val;
		if (k < n)
			keys[k++] = key;
	}
	qsort(keys, k, sizeof *keys, cmp_key);
	puts_(b, pretty ? "{\n" : "{");
	for (size_t j = 0; j < k; j++) {
		if (pretty)
			indent(b, level + 1);
		put_string(b, keys[j], strlen(keys[j]));
		puts_(b, pretty ? ": " : ":");
		emit(b, json_object_object_get(o, keys[j]), pretty, level + 1);
		if (j + 1 < k)
			puts_(b, ",");
		if (pretty)
			puts_(b, "\n");
	}
	if (pretty)
		indent(b, level);
	puts_(b, "}");
	free(keys);
}

static void
emit_array(struct outbuf *b, struct json_object *o, int pretty, int level)
{
	size_t n = json_object_array_length(o);

	if (n == 0) {
		puts_(b, "[]");
		return;
	}
	puts_(b, pretty ? "[\n" : "[");
	for (size_t j = 0; j < n; j++) {
		if (pretty)
			indent(b, level + 1);
		emit(b, json_object_array_get_idx(o, j), pretty, level + 1);
		if (j + 1 < n)
			puts_(b, ",");
		if (pretty)
			puts_(b, "\n");
	}
	if (pretty)
		indent(b, level);
	puts_(b, "]");
}

static void
emit(struct outbuf *b, struct json_object *o, int pretty, int level)
{
	switch (json_object_get_type(o)) {
	case json_type_null:
		puts_(b, "null");
		break;
	case json_type_object:
		emit_object(b, o, pretty, level);
		break;
	case json_type_array:
		emit_array(b, o, pretty, level);
		break;
	case json_type_string:
		put_string(b, json_object_get_string(o),
		    (size_t)json_object_get_string_len(o));
		break;
	default:
		/* boolean, int, double: json-c's own spelling (a double
		 * parsed from a file keeps its original text) */
		puts_(b, json_object_to_json_string_ext(o,
		    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
		break;
	}
}

char *
jsonfile_to_string(struct json_object *o, int pretty, size_t *lenp)
{
	struct outbuf b = { NULL, 0, 0, 0 };

	emit(&b, o, pretty, 0);
	if (pretty)
		puts_(&b, "\n");
	if (b.oom || b.p == NULL) {
		free(b.p);
		return NULL;
	}
	if (lenp != NULL)
		*lenp = b.len;
	return b.p;
}

/* ---- what may be written: exactly what the reader accepts ------------ */

/* The field path being checked: "projects[0].type". */
struct wpath {
	char s[512];
	size_t n;
};

static size_t
wpath_push_key(struct wpath *p, const char *key)
{
	size_t was = p->n;
	char f[sizeof p->s];

	p->s[was] = '\0';
	jsonfile_field(f, sizeof f, p->s, key);
	snprintf(p->s, sizeof p->s, "%s", f);
	p->n = strlen(p->s);
	return was;
}

static size_t
wpath_push_index(struct wpath *p, size_t i)
{
	size_t was = p->n;

	snprintf(p->s + was, sizeof p->s - was, "[%zu]", i);
	p->n = strlen(p->s);
	return was;
}

static void
wpath_pop(struct wpath *p, size_t was)
{
	p->n = was;
	p->s[was] = '\0';
}

static int
wfail(const char *label, const struct wpath *p, struct mpd_err *e,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* "cannot write <label>: <field>: <what>; nothing was written" */
static int
wfail(const char *label, const struct wpath *p, struct mpd_err *e,
    const char *fmt, ...)
{
	char what[MPD_ERR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return mpd_err_set(e, MPD_ERR_INPUT, "cannot write %s: %s: %s; nothing "
	    "was written", label, p->n ? p->s : "top level", what);
}

/* Offset of the first byte of s[0..n) that is not valid UTF-8, or n. */
static size_t
utf8_bad_at(const unsigned char *s, size_t n)
{
	size_t k = 0;

	while (k < n) {
		size_t m = utf8_len(s + k, n - k);

		if (m == 0)
			return k;
		k += m;
	}
	return n;
}

/* `what` is "the text" or "the key '...'". */
static int
check_text(const char *label, const struct wpath *p, const char *s, size_t n,
    const char *what, struct mpd_err *e)
{
	size_t at = utf8_bad_at((const unsigned char *)s, n);

	if (at < n)
		return wfail(label, p, e, "%s is not valid UTF-8 (byte 0x%02x at "
		    "offset %zu); use UTF-8 text", what,
		    (unsigned char)s[at], at);
	return 0;
}

/* A number as json-c spells it must be a JSON number (NaN and Infinity
 * are not). */
static int
check_number(const char *label, const struct wpath *p, struct json_object *o,
    struct mpd_err *e)
{
	const char *t = json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	struct vstate v = { (const unsigned char *)t, t ? strlen(t) : 0, 0, "" };
	size_t i = 0;
	char q[40];

	if (t == NULL)
		return mpd_err_set(e, MPD_ERR_IO, "out of memory writing %s",
		    label);
	if (v.len == 0 || v_number(&v, &i) != 0 || i != v.len)
		return wfail(label, p, e, "'%s' is not a JSON number; store a "
		    "finite number", mpd_printable(t, q, sizeof q));
	return 0;
}

static int
check_tree(const char *label, struct wpath *p, struct json_object *o,
    int depth, struct mpd_err *e)
{
	enum json_type t = json_object_get_type(o);
	size_t was;

	if (t == json_type_string)
		return check_text(label, p, json_object_get_string(o),
		    (size_t)json_object_get_string_len(o), "the text", e);
	if (t == json_type_int || t == json_type_double)
		return check_number(label, p, o, e);
	if (t != json_type_object && t != json_type_array)
		return 0;
	if (depth >= JSONFILE_MAX_DEPTH)
		return wfail(label, p, e, "nested deeper than %d levels",
		    JSONFILE_MAX_DEPTH);
	if (t == json_type_array) {
		size_t n = json_object_array_length(o);

		for (size_t j = 0; j < n; j++) {
			was = wpath_push_index(p, j);
			if (check_tree(label, p, json_object_array_get_idx(o, j),
			    depth + 1, e) != 0)
				return -1;
			wpath_pop(p, was);
		}
		return 0;
	}
	json_object_object_foreach(o, key, val) {
		char q[64], what[96];

		snprintf(what, sizeof what, "the key '%s'",
		    mpd_printable(key, q, sizeof q));
		if (check_text(label, p, key, strlen(key), what, e) != 0)
			return -1;
		was = wpath_push_key(p, key);
		if (check_tree(label, p, val, depth + 1, e) != 0)
			return -1;
		wpath_pop(p, was);
	}
	return 0;
}

int
jsonfile_encode(struct json_object *o, const char *label, char **text,
    size_t *lenp, struct mpd_err *e)
{
	struct wpath p = { "", 0 };
	struct vstate v;
	size_t len, i = 0;
	char *t;

	*text = NULL;
	if (lenp != NULL)
		*lenp = 0;
	if (check_tree(label, &p, o, 0, e) != 0)
		return -1;
	t = jsonfile_to_string(o, 1, &len);
	if (t == NULL)
		return mpd_err_set(e, MPD_ERR_IO, "out of memory writing %s",
		    label);
	if (len > JSONFILE_MAX_BYTES) {
		free(t);
		return mpd_err_set(e, MPD_ERR_INPUT, "cannot write %s: it would "
		    "be larger than %zu MiB, more than mpd reads back; nothing "
		    "was written", label, JSONFILE_MAX_BYTES >> 20);
	}
	/* the promise itself: these very bytes pass the reader's validator
	 * (the checks above name the field; this catches anything else) */
	v = (struct vstate){ (const unsigned char *)t, len, 0, "" };
	if (v_value(&v, &i, 0) == 0) {
		v_ws(&v, &i);
		if (i != len)
			v_fail(&v, i, "text after the value");
	}
	if (v.why[0] != '\0') {
		mpd_err_set(e, MPD_ERR_INPUT, "cannot write %s: the JSON text "
		    "would not read back (%s at byte %zu); nothing was written",
		    label, v.why, v.pos);
		free(t);
		return -1;
	}
	*text = t;
	if (lenp != NULL)
		*lenp = len;
	return 0;
}

int
jsonfile_write(const char *path, struct json_object *o, mode_t mode,
    struct mpd_err *e)
{
	size_t len;
	char *text;
	int rc;

	if (jsonfile_encode(o, path, &text, &len, e) != 0)
		return -1;
	rc = state_store_write_atomic(path, text, len, mode, e);
	free(text);
	return rc;
}

/* ---- schema checks --------------------------------------------------- */

int
jsonfile_schema_error(const struct jsonfile_schema *s, const char *field,
    const char *fmt, ...)
{
	char what[MPD_ERR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return mpd_err_set(s->e, MPD_ERR_CORRUPT, "%s: %s: %s; %s", s->file,
	    (field == NULL || *field == '\0') ? "top level" : field, what,
	    s->hint);
}

const char *
jsonfile_type_phrase(enum json_type t)
{
	switch (t) {
	case json_type_null: return "null";
	case json_type_boolean: return "a boolean";
	case json_type_double: return "a number";
	case json_type_int: return "a whole number";
	case json_type_object: return "an object";
	case json_type_array: return "an array";
	case json_type_string: return "a string";
	}
	return "a value";
}

char *
jsonfile_field(char *buf, size_t n, const char *parent, const char *key)
{
	char pk[128];

	mpd_printable(key, pk, sizeof pk);
	if (parent == NULL || *parent == '\0')
		snprintf(buf, n, "%s", pk);
	else
		snprintf(buf, n, "%s.%s", parent, pk);
	return buf;
}

char *
jsonfile_field_index(char *buf, size_t n, const char *parent, size_t i)
{
	snprintf(buf, n, "%s[%zu]", parent ? parent : "", i);
	return buf;
}

int
jsonfile_add(struct json_object *o, const char *key, struct json_object *v)
{
	if (v == NULL)
		return -1;
	if (json_object_object_add(o, key, v) != 0) {
		json_object_put(v);
		return -1;
	}
	return 0;
}

int
jsonfile_add_string(struct json_object *o, const char *key, const char *val)
{
	return jsonfile_add(o, key, json_object_new_string(val));
}

int
jsonfile_array_items(const struct jsonfile_schema *s, struct json_object *arr,
    const char *field, size_t item_size, jsonfile_item_fn item, void **items,
    size_t *n)
{
	size_t count = json_object_array_length(arr);
	unsigned char *v;
	char f[256];

	*items = NULL;
	*n = 0;
	if (count == 0)
		return 0;
	v = calloc(count, item_size);
	if (v == NULL)
		return mpd_err_set(s->e, MPD_ERR_IO, "out of memory reading %s",
		    s->file);
	*items = v;
	for (size_t i = 0; i < count; i++) {
		jsonfile_field_index(f, sizeof f, field, i);
		if (item(s, json_object_array_get_idx(arr, i), f,
		    v + i * item_size) != 0)
			return -1;
		*n = i + 1;
	}
	return 0;
}

int
jsonfile_expect_type(const struct jsonfile_schema *s, struct json_object *o,
    const char *field, enum json_type t)
{
	enum json_type have = json_object_get_type(o);

	/* a whole number is a number */
	if (have == t || (t == json_type_double && have == json_type_int))
		return 0;
	return jsonfile_schema_error(s, field, "expected %s, found %s",
	    jsonfile_type_phrase(t), jsonfile_type_phrase(have));
}

int
jsonfile_member(const struct jsonfile_schema *s, struct json_object *obj,
    const char *field, const char *key, enum json_type t, int required,
    struct json_object **out)
{
	char f[256];

	*out = NULL;
	jsonfile_field(f, sizeof f, field, key);
	if (!json_object_object_get_ex(obj, key, out)) {
		*out = NULL;
		if (!required)
			return 0;
		return jsonfile_schema_error(s, f, "missing (expected %s)",
		    jsonfile_type_phrase(t));
	}
	if (jsonfile_expect_type(s, *out, f, t) != 0) {
		*out = NULL;
		return -1;
	}
	return 0;
}

int
jsonfile_string_value(const struct jsonfile_schema *s, struct json_object *o,
    const char *field, char **out)
{
	const char *str;
	size_t n;

	*out = NULL;
	if (jsonfile_expect_type(s, o, field, json_type_string) != 0)
		return -1;
	str = json_object_get_string(o);
	n = (size_t)json_object_get_string_len(o);
	if (strlen(str) != n)
		return jsonfile_schema_error(s, field, "contains a NUL "
		    "character (\\u0000)");
	if (!state_store_text_ok(str))
		return jsonfile_schema_error(s, field, "contains a control "
		    "character");
	*out = strdup(str);
	if (*out == NULL)
		return mpd_err_set(s->e, MPD_ERR_IO, "out of memory reading %s",
		    s->file);
	return 0;
}

int
jsonfile_string_member(const struct jsonfile_schema *s,
    struct json_object *obj, const char *field, const char *key, char **out)
{
	struct json_object *v;
	char f[256];

	*out = NULL;
	if (jsonfile_member(s, obj, field, key, json_type_string, 1, &v) != 0)
		return -1;
	return jsonfile_string_value(s, v, jsonfile_field(f, sizeof f, field,
	    key), out);
}
