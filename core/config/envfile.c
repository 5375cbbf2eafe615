/* envfile.c - mpd.env parser, key/value list and writer (see envfile.h). */
#include "envfile.h"

#include "state_store.h"

#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the ordered key/value list ------------------------------------ */

void
mpd_env_init(struct mpd_env *env)
{
	memset(env, 0, sizeof *env);
}

void
mpd_env_free(struct mpd_env *env)
{
	if (env == NULL)
		return;
	for (size_t i = 0; i < env->n; i++) {
		free(env->v[i].key);
		free(env->v[i].value);
	}
	free(env->v);
	free(env->slots);
	mpd_env_init(env);
}

static size_t
key_hash(const char *key)
{
	uint64_t h = 14695981039346656037ULL;	/* FNV-1a */

	for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
		h ^= *p;
		h *= 1099511628211ULL;
	}
	return (size_t)h;
}

/* The slot holding key, or the free slot where it would go.  Needs
 * nslots > n (always true: the index is kept at most half full). */
static size_t
slot_of(const struct mpd_env *env, const char *key)
{
	size_t mask = env->nslots - 1;
	size_t s = key_hash(key) & mask;

	while (env->slots[s] != 0 &&
	    strcmp(env->v[env->slots[s] - 1].key, key) != 0)
		s = (s + 1) & mask;
	return s;
}

static void
index_fill(struct mpd_env *env)
{
	memset(env->slots, 0, env->nslots * sizeof *env->slots);
	for (size_t i = 0; i < env->n; i++)
		env->slots[slot_of(env, env->v[i].key)] = i + 1;
}

static ssize_t
find_index(const struct mpd_env *env, const char *key)
{
	size_t s;

	if (env == NULL || key == NULL || env->n == 0)
		return -1;
	s = slot_of(env, key);
	return env->slots[s] == 0 ? -1 : (ssize_t)(env->slots[s] - 1);
}

const struct mpd_env_entry *
mpd_env_find(const struct mpd_env *env, const char *key)
{
	ssize_t i = find_index(env, key);

	return i < 0 ? NULL : &env->v[i];
}

const char *
mpd_env_get(const struct mpd_env *env, const char *key)
{
	const struct mpd_env_entry *en = mpd_env_find(env, key);

	return en == NULL ? NULL : en->value;
}

/* Make room for one more entry (array and index) without changing any
 * entry; on failure env is as it was. */
static int
reserve_one(struct mpd_env *env)
{
	if (env->n == env->cap) {
		size_t ncap = env->cap ? env->cap * 2 : 8;
		struct mpd_env_entry *nv = realloc(env->v, ncap * sizeof *nv);

		if (nv == NULL)
			return -1;
		env->v = nv;
		env->cap = ncap;
	}
	if ((env->n + 1) * 2 > env->nslots) {
		size_t nn = env->nslots ? env->nslots * 2 : 16;
		size_t *ns = calloc(nn, sizeof *ns);

		if (ns == NULL)
			return -1;
		free(env->slots);
		env->slots = ns;
		env->nslots = nn;
		index_fill(env);
	}
	return 0;
}

int
mpd_env_set_tagged(struct mpd_env *env, const char *key, const char *value,
    int tag, unsigned line, struct mpd_err *e)
{
	ssize_t i = find_index(env, key);
	char *v = strdup(value), *k = NULL;

	if (v == NULL)
		goto nomem;
	if (i >= 0) {
		free(env->v[i].value);
		env->v[i].value = v;
		env->v[i].tag = tag;
		env->v[i].line = line;
		return 0;
	}
	if ((k = strdup(key)) == NULL || reserve_one(env) != 0)
		goto nomem;
	env->v[env->n] = (struct mpd_env_entry){ k, v, tag, line };
	env->slots[slot_of(env, k)] = env->n + 1;
	env->n++;
	return 0;
nomem:
	free(v);
	free(k);
	return mpd_err_set(e, MPD_ERR_FAIL, "out of memory storing '%s'",
	    key);
}

int
mpd_env_set(struct mpd_env *env, const char *key, const char *value,
    struct mpd_err *e)
{
	return mpd_env_set_tagged(env, key, value, -1, 0, e);
}

bool
mpd_env_unset(struct mpd_env *env, const char *key)
{
	ssize_t i = find_index(env, key);

	if (i < 0)
		return false;
	free(env->v[i].key);
	free(env->v[i].value);
	memmove(&env->v[i], &env->v[i + 1],
	    (env->n - (size_t)i - 1) * sizeof *env->v);
	env->n--;
	index_fill(env);
	return true;
}

size_t
mpd_env_count(const struct mpd_env *env)
{
	return env == NULL ? 0 : env->n;
}

const struct mpd_env_entry *
mpd_env_at(const struct mpd_env *env, size_t i)
{
	return (env == NULL || i >= env->n) ? NULL : &env->v[i];
}

int
mpd_env_foreach(const struct mpd_env *env,
    int (*fn)(const struct mpd_env_entry *, void *), void *arg)
{
	for (size_t i = 0; i < mpd_env_count(env); i++) {
		int r = fn(&env->v[i], arg);

		if (r != 0)
			return r;
	}
	return 0;
}

static int
apply_all(struct mpd_env *dst, const struct mpd_env *src, struct mpd_err *e)
{
	for (size_t i = 0; i < src->n; i++)
		if (mpd_env_set_tagged(dst, src->v[i].key, src->v[i].value,
		    src->v[i].tag, src->v[i].line, e) != 0)
			return -1;
	return 0;
}

int
mpd_env_merge(struct mpd_env *dst, const struct mpd_env *src,
    struct mpd_err *e)
{
	struct mpd_env tmp = MPD_ENV_INIT;

	if (apply_all(&tmp, dst, e) != 0 || apply_all(&tmp, src, e) != 0) {
		mpd_env_free(&tmp);
		return -1;
	}
	mpd_env_free(dst);
	*dst = tmp;
	return 0;
}

/* ---- parsing ------------------------------------------------------- */

static bool
is_key_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Length of the key in an assignment line "MPD_X=...", or 0 when the line
 * is not one (^(MPD_[A-Z0-9_]+)=). */
static size_t
assignment_key_len(const char *s, size_t n)
{
	size_t i = 4;

	if (n < 6 || memcmp(s, "MPD_", 4) != 0)
		return 0;
	while (i < n && is_key_char(s[i]))
		i++;
	return (i > 4 && i < n && s[i] == '=') ? i : 0;
}

bool
mpd_envfile_key_valid(const char *key)
{
	size_t n;

	if (key == NULL || strncmp(key, "MPD_", 4) != 0)
		return false;
	n = strlen(key + 4);
	return n > 0 &&
	    strspn(key + 4, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == n;
}

static bool
is_quote(char c)
{
	return c == '"' || c == '\'';
}

/* One line, without its "\n": add it to env if it is an assignment. */
static int
parse_line(const char *s, size_t n, unsigned lineno, struct mpd_env *env,
    struct mpd_err *e)
{
	size_t klen, vlen;
	const char *v;
	char *key, *val;
	int r;

	if (n > 0 && s[n - 1] == '\r')
		n--;
	if ((klen = assignment_key_len(s, n)) == 0)
		return 0;
	v = s + klen + 1;
	vlen = n - klen - 1;
	if (vlen >= 2 && is_quote(v[0]) && v[vlen - 1] == v[0]) {
		v++;
		vlen -= 2;
	}
	key = strndup(s, klen);
	val = strndup(v, vlen);
	if (key == NULL || val == NULL)
		r = mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	else
		r = mpd_env_set_tagged(env, key, val, -1, lineno, e);
	free(key);
	free(val);
	return r;
}

int
mpd_envfile_parse(const char *text, size_t len, const char *origin,
    struct mpd_env *out, struct mpd_err *e)
{
	struct mpd_env tmp = MPD_ENV_INIT;
	size_t pos = 0;
	unsigned lineno = 0;

	if (origin == NULL)
		origin = "(env text)";
	while (pos < len) {
		const char *s = text + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t n = nl != NULL ? (size_t)(nl - s) : len - pos;

		lineno++;
		if (n > MPD_ENVFILE_LINE_MAX) {
			mpd_err_set(e, MPD_ERR_CORRUPT,
			    "%s:%u: line is longer than %d bytes: env files "
			    "hold short KEY=VALUE lines", origin, lineno,
			    MPD_ENVFILE_LINE_MAX);
			goto fail;
		}
		if (memchr(s, '\0', n) != NULL) {
			mpd_err_set(e, MPD_ERR_CORRUPT,
			    "%s:%u: line contains a NUL byte: env files must "
			    "be plain text", origin, lineno);
			goto fail;
		}
		if (parse_line(s, n, lineno, &tmp, e) != 0)
			goto fail;
		pos += n + (nl != NULL);
	}
	if (mpd_env_merge(out, &tmp, e) != 0)
		goto fail;
	mpd_env_free(&tmp);
	return 0;
fail:
	mpd_env_free(&tmp);
	return -1;
}

/* ---- files --------------------------------------------------------- */

int
mpd_envfile_read(const char *path, char **text, size_t *len, mode_t *mode,
    struct mpd_err *e)
{
	struct stat st;
	char *buf = NULL;
	size_t n = 0, cap = 0;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return mpd_err_set(e, errno == ENOENT ? MPD_ERR_NOTFOUND :
		    MPD_ERR_IO, "cannot read %s: %s", path, strerror(errno));
	if (fstat(fd, &st) != 0) {
		mpd_err_set(e, MPD_ERR_IO, "cannot stat %s: %s", path,
		    strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		mpd_err_set(e, MPD_ERR_IO, "%s is not a regular file", path);
		goto fail;
	}
	if (st.st_size > (off_t)MPD_ENVFILE_SIZE_MAX)
		goto too_big;
	cap = (size_t)st.st_size + 2;	/* room to notice growth */
	if ((buf = malloc(cap)) == NULL) {
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory reading %s", path);
		goto fail;
	}
	for (;;) {
		ssize_t r;

		if (n + 1 >= cap) {
			char *nb;

			cap = cap * 2 > MPD_ENVFILE_SIZE_MAX + 2 ?
			    MPD_ENVFILE_SIZE_MAX + 2 : cap * 2;
			if ((nb = realloc(buf, cap)) == NULL) {
				mpd_err_set(e, MPD_ERR_FAIL,
				    "out of memory reading %s", path);
				goto fail;
			}
			buf = nb;
		}
		r = read(fd, buf + n, cap - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			mpd_err_set(e, MPD_ERR_IO, "cannot read %s: %s", path,
			    strerror(errno));
			goto fail;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > MPD_ENVFILE_SIZE_MAX)
			goto too_big;
	}
	close(fd);
	buf[n] = '\0';
	*text = buf;
	*len = n;
	if (mode != NULL)
		*mode = st.st_mode & 07777;
	return 0;
too_big:
	mpd_err_set(e, MPD_ERR_CORRUPT, "%s is larger than %u bytes: env "
	    "files hold short KEY=VALUE lines", path, MPD_ENVFILE_SIZE_MAX);
fail:
	free(buf);
	close(fd);
	return -1;
}

int
mpd_envfile_load(const char *path, struct mpd_env *out, bool missing_ok,
    struct mpd_err *e)
{
	struct mpd_err local = {0};
	char *text;
	size_t len;
	int r;

	if (mpd_envfile_read(path, &text, &len, NULL, &local) != 0) {
		if (missing_ok && local.code == MPD_ERR_NOTFOUND)
			return 0;
		if (e != NULL)
			*e = local;
		return -1;
	}
	r = mpd_envfile_parse(text, len, path, out, e);
	free(text);
	return r;
}

/* ---- writing ------------------------------------------------------- */

int
mpd_envfile_rewrite(const char *text, size_t len, const char *key,
    const char *value, char **out, size_t *outlen, struct mpd_err *e)
{
	size_t klen, vlen, pos = 0, n = 0;
	char *buf;

	if (!mpd_envfile_key_valid(key))
		return mpd_err_set(e, MPD_ERR_INPUT, "cannot write key '%.80s':"
		    " keys must match MPD_[A-Z0-9_]+", key ? key : "(null)");
	klen = strlen(key);
	vlen = strlen(value);
	if (strpbrk(value, "\r\n") != NULL ||
	    (vlen >= 2 && is_quote(value[0]) && value[vlen - 1] == value[0]))
		return mpd_err_set(e, MPD_ERR_INPUT, "cannot write the value "
		    "for '%s' unquoted: it holds a line break or is wrapped "
		    "in quotes; edit the file directly", key);
	if (len > SIZE_MAX - klen - vlen - 4 ||
	    (buf = malloc(len + klen + vlen + 4)) == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	while (pos < len) {
		const char *s = text + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t ln = nl != NULL ? (size_t)(nl - s) + 1 : len - pos;

		if (!(ln > klen && memcmp(s, key, klen) == 0 &&
		    s[klen] == '=')) {
			memcpy(buf + n, s, ln);
			n += ln;
		}
		pos += ln;
	}
	if (vlen > 0) {
		if (n > 0 && buf[n - 1] != '\n')
			buf[n++] = '\n';
		memcpy(buf + n, key, klen);
		n += klen;
		buf[n++] = '=';
		memcpy(buf + n, value, vlen);
		n += vlen;
		buf[n++] = '\n';
	}
	buf[n] = '\0';
	*out = buf;
	*outlen = n;
	return 0;
}

int
mpd_envfile_set_line(const char *path, const char *key, const char *value,
    struct mpd_err *e)
{
	char *text, *out;
	size_t len, outlen;
	mode_t mode;
	int r;

	if (mpd_envfile_read(path, &text, &len, &mode, e) != 0) {
		if (e != NULL && e->code == MPD_ERR_NOTFOUND)
			mpd_err_set(e, MPD_ERR_NOTFOUND, "cannot set %s in %s: "
			    "the file does not exist", key, path);
		return -1;
	}
	r = mpd_envfile_rewrite(text, len, key, value, &out, &outlen, e);
	free(text);
	if (r != 0)
		return -1;
	r = state_store_write_atomic(path, out, outlen, mode, e);
	free(out);
	return r;
}
