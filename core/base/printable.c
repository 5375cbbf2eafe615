/* printable.c - see printable.h. */
#include "printable.h"

#include <string.h>

char *
mpd_printable(const char *s, char *buf, size_t n)
{
	size_t k = 0;

	if (s == NULL)
		s = "(null)";
	for (; s[k] != '\0' && k + 1 < n; k++) {
		unsigned char c = (unsigned char)s[k];

		buf[k] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
	}
	buf[k] = '\0';
	if (s[k] != '\0' && n > 4)
		memcpy(buf + n - 4, "...", 4);
	return buf;
}
