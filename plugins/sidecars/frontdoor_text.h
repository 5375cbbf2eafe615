/* frontdoor_text.h - a growing text buffer for the frontdoor's Caddyfile,
 * and a printable, bounded copy of untrusted input for error messages.
 * Compiled into the frontdoor plugin and its tests. */
#ifndef MPD_FRONTDOOR_TEXT_H
#define MPD_FRONTDOOR_TEXT_H

#include <stddef.h>

#if defined(__GNUC__)
#define FD_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define FD_PRINTF(f, a)
#endif

/* Zero-initialise ({0}); the buffer owns `p` (malloc'ed, NUL-terminated
 * once anything was added).  Out of memory sets `failed`: later adds do
 * nothing, and fd_text_take() answers NULL. */
struct fd_text {
	char *p;
	size_t len, cap;
	int failed;
};

void fd_text_add(struct fd_text *t, const char *s);
void fd_text_addf(struct fd_text *t, const char *fmt, ...) FD_PRINTF(2, 3);

/* The text, handed to the caller (free() it), "" when nothing was added;
 * NULL when an add ran out of memory.  The buffer is empty afterwards. */
char *fd_text_take(struct fd_text *t);

/* Release the buffer without taking it. */
void fd_text_reset(struct fd_text *t);

/* Format a one-line message into err[n]; returns -1 (for `return
 * fd_errf(...)` on an error path). */
int fd_errf(char *err, size_t n, const char *fmt, ...) FD_PRINTF(3, 4);

/* `s` for an error message, into out[n] (n >= 8): bytes outside printable
 * ASCII become '?', and a long value ends in "...".  NULL shows as
 * "(none)".  Returns `out`. */
const char *fd_shown(const char *s, char *out, size_t n);

#endif
