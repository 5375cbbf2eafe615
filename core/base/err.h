/* err.h - one error value that travels up the core's call chain.
 *
 * Every fallible core function returns 0 on success and -1 on failure and,
 * on failure, fills the caller's `struct mpd_err` with a one-line message
 * that names the problem and, where there is one, the fix.  The message is
 * what the CLI prints after "mpd: "; it never ends in a newline.
 */
#ifndef MPD_ERR_H
#define MPD_ERR_H

#include <stdarg.h>

/* Stable error classes; the CLI maps them to exit codes. */
enum mpd_err_code {
	MPD_ERR_NONE = 0,
	MPD_ERR_FAIL,		/* generic failure (exit 1) */
	MPD_ERR_USAGE,		/* bad command line (exit 2) */
	MPD_ERR_INPUT,		/* bad user input: name, KEY=VALUE, file */
	MPD_ERR_IO,		/* file system */
	MPD_ERR_CORRUPT,	/* a state/config file that does not parse */
	MPD_ERR_NOTFOUND,
	MPD_ERR_TIMEOUT,
	MPD_ERR_PLUGIN,
	MPD_ERR_EXEC,		/* a spawned process failed */
	MPD_ERR_UNAVAILABLE,	/* "not available yet" */
};

#define MPD_ERR_MSG_MAX 512

struct mpd_err {
	enum mpd_err_code code;
	char msg[MPD_ERR_MSG_MAX];
};

/* Fill `e` (may be NULL: then nothing is recorded).  Always returns -1 so
 * callers can write `return mpd_err_set(e, ...);`. */
int mpd_err_set(struct mpd_err *e, enum mpd_err_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int mpd_err_setv(struct mpd_err *e, enum mpd_err_code code, const char *fmt,
		 va_list ap) __attribute__((format(printf, 3, 0)));

/* Prefix the existing message with "<prefix>: " (for context as an error
 * travels up).  Returns -1. */
int mpd_err_prefix(struct mpd_err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Reset to "no error". */
void mpd_err_clear(struct mpd_err *e);

#endif
