/* envfile.h - mpd.env-style files: the whitelist parser, the ordered
 * key/value list it fills, and the one-line writer `mpd configure` uses.
 *
 * Reading follows the original's source-mpd-env.sh exactly:
 *   - the text is read line by line (a last line without '\n' counts);
 *     one trailing '\r' is stripped first, so CRLF files read the same;
 *   - only lines matching ^(MPD_[A-Z0-9_]+)=(.*)$ are assignments; every
 *     other line (comments, blanks, `export X=1`, `FOO=1`, leading spaces,
 *     lowercase keys) is ignored, never an error;
 *   - one layer of surrounding matching quotes is stripped: "a" -> a,
 *     'a' -> a, "" -> empty; "a' and a lone " stay as written;
 *   - the value is never evaluated: $(...), `...`, $VAR and backslashes
 *     stay literal;
 *   - the last assignment of a key wins.
 * Decided here (bash would silently mangle these): a line holding a NUL
 * byte, or longer than MPD_ENVFILE_LINE_MAX bytes, rejects the whole file
 * with an error naming the file and the line.  Files larger than
 * MPD_ENVFILE_SIZE_MAX bytes, and paths that are not regular files, are
 * rejected when loaded.
 */
#ifndef MPD_ENVFILE_H
#define MPD_ENVFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "err.h"

#define MPD_ENVFILE_LINE_MAX	65536		/* bytes, without "\n" */
#define MPD_ENVFILE_SIZE_MAX	(4u << 20)	/* bytes per file */

/* One key and its value.  `tag` is a caller's label (envlayer stores the
 * layer index there; -1 when unset); `line` is the 1-based line of the
 * file that assigned it (0 when it did not come from a file). */
struct mpd_env_entry {
	char *key;
	char *value;
	int tag;
	unsigned line;
};

/* An ordered key -> value list that owns its strings.  A key keeps the
 * position of its first assignment; later assignments replace the value.
 * Zero-initialised (or MPD_ENV_INIT) is an empty list. */
struct mpd_env {
	struct mpd_env_entry *v;
	size_t n, cap;
	size_t *slots;		/* hash index: entry index + 1, 0 = free */
	size_t nslots;
};
#define MPD_ENV_INIT { NULL, 0, 0, NULL, 0 }

void mpd_env_init(struct mpd_env *env);
/* Free every string and the arrays; leaves an empty, reusable list. */
void mpd_env_free(struct mpd_env *env);

/* The value of `key`, or NULL when unset.  Owned by env; valid until the
 * key is next set or unset, or env is freed. */
const char *mpd_env_get(const struct mpd_env *env, const char *key);
/* The entry of `key`, or NULL.  Same lifetime as mpd_env_get. */
const struct mpd_env_entry *mpd_env_find(const struct mpd_env *env,
    const char *key);

/* Set key to a copy of value (tag -1, line 0).  -1 only on ENOMEM, with
 * env unchanged. */
int mpd_env_set(struct mpd_env *env, const char *key, const char *value,
    struct mpd_err *e);
/* Same, recording tag and line. */
int mpd_env_set_tagged(struct mpd_env *env, const char *key,
    const char *value, int tag, unsigned line, struct mpd_err *e);
/* Remove key; true when it was set.  Later entries move up one place. */
bool mpd_env_unset(struct mpd_env *env, const char *key);

size_t mpd_env_count(const struct mpd_env *env);
/* The i-th entry in order (i < count), owned by env. */
const struct mpd_env_entry *mpd_env_at(const struct mpd_env *env, size_t i);
/* Call fn for each entry in order; stops at and returns the first
 * non-zero result of fn, else 0. */
int mpd_env_foreach(const struct mpd_env *env,
    int (*fn)(const struct mpd_env_entry *entry, void *arg), void *arg);

/* Apply every entry of src to dst in order, copying tags and lines (so
 * src's values win).  All or nothing: on ENOMEM dst is unchanged. */
int mpd_env_merge(struct mpd_env *dst, const struct mpd_env *src,
    struct mpd_err *e);

/* True when key matches ^MPD_[A-Z0-9_]+$. */
bool mpd_envfile_key_valid(const char *key);

/* Parse `len` bytes of text (NUL bytes are data, not the end) and apply
 * its assignments to out, recording line numbers.  `origin` names the text
 * in errors (a path).  On error out is unchanged (MPD_ERR_CORRUPT, or
 * MPD_ERR_FAIL on ENOMEM). */
int mpd_envfile_parse(const char *text, size_t len, const char *origin,
    struct mpd_env *out, struct mpd_err *e);

/* Read a whole regular file of at most MPD_ENVFILE_SIZE_MAX bytes.  On
 * success *text is malloc'ed (caller frees), NUL-terminated after *len
 * bytes, and *mode (may be NULL) holds its permission bits.  A missing
 * file fails with MPD_ERR_NOTFOUND. */
int mpd_envfile_read(const char *path, char **text, size_t *len,
    mode_t *mode, struct mpd_err *e);

/* Read and parse `path` into out.  A missing file is an error unless
 * missing_ok (then out is left as it was and 0 is returned). */
int mpd_envfile_load(const char *path, struct mpd_env *out, bool missing_ok,
    struct mpd_err *e);

/* The writer's transformation, on text in memory: drop every line that
 * starts with "KEY=", keep every other byte as it was, and append
 * "KEY=VALUE\n" when value is non-empty (after a '\n' if the kept text
 * does not end in one).  key must be valid; value may not contain '\n' or
 * '\r' nor be wrapped in matching quotes (it is written unquoted, so it
 * must read back as itself).  On success *out is malloc'ed (caller frees),
 * NUL-terminated after *outlen bytes. */
int mpd_envfile_rewrite(const char *text, size_t len, const char *key,
    const char *value, char **out, size_t *outlen, struct mpd_err *e);

/* mpd_envfile_rewrite applied to the file at path, replaced atomically
 * (mode kept).  The file must exist (MPD_ERR_NOTFOUND otherwise).  A
 * symlink at path is replaced by a regular file, as `sed -i` does. */
int mpd_envfile_set_line(const char *path, const char *key,
    const char *value, struct mpd_err *e);


#endif
