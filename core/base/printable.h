/* printable.h - a value made safe for a one-line message. */
#ifndef MPD_PRINTABLE_H
#define MPD_PRINTABLE_H

#include <stddef.h>

/* `s` into buf[n] (n >= 5) for a one-line message: bytes outside printable
 * ASCII become '?', a value longer than the buffer ends in "...", NULL reads
 * "(null)".  Returns buf (the caller's). */
char *mpd_printable(const char *s, char *buf, size_t n);

#endif
