/* strv.h - NULL-terminated string vectors (argv, env lists).
 *
 * A vector is a plain `char **` ending in NULL, every element and the array
 * malloc'ed: exactly what execve() and the podman argv builders want.  It is
 * grown with a `struct strv` builder whose out-of-memory state is sticky, so
 * a run of pushes needs one check at the end:
 *
 *	struct strv b = STRV_INIT;
 *	strv_push(&b, "podman");
 *	strv_pushf(&b, "--network=%s", net);
 *	char **argv = strv_take(&b);	   NULL only when a push ran out of memory
 *	...
 *	strv_free(argv);
 */
#ifndef MPD_STRV_H
#define MPD_STRV_H

#include <stddef.h>

struct strv {
	char	**v;	/* NULL-terminated once anything was pushed */
	size_t	  len;	/* elements before the NULL */
	size_t	  cap;	/* slots allocated, including the NULL */
	int	  oom;	/* a push failed: every later push is a no-op */
};

#define STRV_INIT { NULL, 0, 0, 0 }

/* Append a copy of `s`.  0, or -1 (ENOMEM, or s == NULL) which also marks
 * the builder failed. */
int strv_push(struct strv *b, const char *s);

/* Append a formatted string.  0 or -1 as strv_push. */
int strv_pushf(struct strv *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Append copies of every element of the NULL-terminated `v` (NULL: none).
 * 0 or -1 as strv_push. */
int strv_pushv(struct strv *b, const char *const *v);

/* Hand the vector over: the caller owns the result and frees it with
 * strv_free().  An empty builder yields an empty vector ({NULL}).  Returns
 * NULL when a push failed (or on ENOMEM); the builder is reset either way. */
char **strv_take(struct strv *b);

/* Free what the builder holds and reset it to STRV_INIT (for error paths). */
void strv_reset(struct strv *b);

/* Free a vector from strv_take()/strv_dup() (NULL is fine). */
void strv_free(char **v);

/* Number of elements before the terminating NULL (0 for NULL). */
size_t strv_len(const char *const *v);

/* A deep copy of `v` (NULL gives an empty vector), owned by the caller
 * (strv_free).  NULL on ENOMEM. */
char **strv_dup(const char *const *v);

/* Sort the first n strings of v in place (strcmp order).  n < 2: no-op. */
void strv_sort(char **v, size_t n);

/* A vector as the const view execve-style APIs take. */
static inline const char *const *
strv_const(char **v)
{
	return (const char *const *)v;
}

#endif
