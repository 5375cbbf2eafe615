/* log.h - diagnostics on stderr.
 *
 * mpd prints user-facing results on stdout and diagnostics on stderr.
 * Debug lines appear only with --debug (or MPD_DEBUG=1) and always start
 * with "mpd: debug: " so tests and users can grep them.
 */
#ifndef MPD_LOG_H
#define MPD_LOG_H

#include <stdbool.h>

enum mpd_log_level {
	MPD_LOG_ERROR = 0,
	MPD_LOG_WARN = 1,
	MPD_LOG_INFO = 2,
	MPD_LOG_DEBUG = 3,
};

void mpd_log_set_debug(bool on);
bool mpd_log_debug_enabled(void);

void mpd_log(enum mpd_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define mpd_debug(...) do { if (mpd_log_debug_enabled()) \
		mpd_log(MPD_LOG_DEBUG, __VA_ARGS__); } while (0)
#define mpd_warn(...) mpd_log(MPD_LOG_WARN, __VA_ARGS__)
#define mpd_error(...) mpd_log(MPD_LOG_ERROR, __VA_ARGS__)

#endif
