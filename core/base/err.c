/* err.c - the core's error value (see err.h). */
#include "err.h"

#include <stdio.h>
#include <string.h>

int
mpd_err_setv(struct mpd_err *e, enum mpd_err_code code, const char *fmt,
	     va_list ap)
{
	if (e == NULL)
		return -1;
	e->code = code;
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	return -1;
}

int
mpd_err_set(struct mpd_err *e, enum mpd_err_code code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	mpd_err_setv(e, code, fmt, ap);
	va_end(ap);
	return -1;
}

int
mpd_err_prefix(struct mpd_err *e, const char *fmt, ...)
{
	char head[MPD_ERR_MSG_MAX], old[MPD_ERR_MSG_MAX];
	va_list ap;

	if (e == NULL)
		return -1;
	va_start(ap, fmt);
	vsnprintf(head, sizeof head, fmt, ap);
	va_end(ap);
	memcpy(old, e->msg, sizeof old);
	/* head + ": " + old, truncated to the buffer (intended) */
	size_t n = strnlen(head, sizeof head);
	size_t room = sizeof e->msg - 1;

	n = n < room ? n : room;
	memcpy(e->msg, head, n);
	for (const char *sep = ": "; *sep && n < room; sep++)
		e->msg[n++] = *sep;
	for (const char *o = old; *o && n < room; o++)
		e->msg[n++] = *o;
	e->msg[n] = '\0';
	return -1;
}

void
mpd_err_clear(struct mpd_err *e)
{
	if (e == NULL)
		return;
	e->code = MPD_ERR_NONE;
	e->msg[0] = '\0';
}
