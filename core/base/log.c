/* log.c - diagnostics on stderr (see log.h). */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int debug_state = -1;	/* -1: not decided yet, read MPD_DEBUG */

void
mpd_log_set_debug(bool on)
{
	debug_state = on ? 1 : 0;
}

bool
mpd_log_debug_enabled(void)
{
	if (debug_state < 0) {
		const char *v = getenv("MPD_DEBUG");

		debug_state = (v != NULL && *v != '\0' && strcmp(v, "0") != 0);
	}
	return debug_state == 1;
}

void
mpd_log(enum mpd_log_level level, const char *fmt, ...)
{
	static const char *const prefix[] = {
		"mpd: ", "mpd: warning: ", "mpd: ", "mpd: debug: ",
	};
	va_list ap;

	if (level == MPD_LOG_DEBUG && !mpd_log_debug_enabled())
		return;
	fputs(prefix[level], stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
