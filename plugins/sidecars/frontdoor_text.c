/* frontdoor_text.c - see frontdoor_text.h. */
#include "frontdoor_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
grow(struct fd_text *t, size_t more)
{
	size_t want, cap;
	char *p;

	if (t->failed)
		return -1;
	if (more > (size_t)-1 / 2 - t->len) {
		t->failed = 1;
		return -1;
	}
	want = t->len + more + 1;
	if (want <= t->cap)
		return 0;
	cap = t->cap ? t->cap : 1024;
	while (cap < want)
		cap *= 2;
	p = realloc(t->p, cap);
	if (p == NULL) {
		t->failed = 1;
		return -1;
	}
	t->p = p;
	t->cap = cap;
	return 0;
}

void
fd_text_add(struct fd_text *t, const char *s)
{
	size_t n = strlen(s);

	if (grow(t, n) != 0)
		return;
	memcpy(t->p + t->len, s, n + 1);
	t->len += n;
}

void
fd_text_addf(struct fd_text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		t->failed = 1;
		return;
	}
	if (grow(t, (size_t)n) != 0)
		return;
	va_start(ap, fmt);
	vsnprintf(t->p + t->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	t->len += (size_t)n;
}

char *
fd_text_take(struct fd_text *t)
{
	char *p;

	if (t->failed) {
		fd_text_reset(t);
		return NULL;
	}
	p = t->p != NULL ? t->p : calloc(1, 1);
	memset(t, 0, sizeof *t);
	return p;
}

void
fd_text_reset(struct fd_text *t)
{
	free(t->p);
	memset(t, 0, sizeof *t);
}

const char *
fd_shown(const char *s, char *out, size_t n)
{
	size_t i = 0;

	if (s == NULL) {
		snprintf(out, n, "(none)");
		return out;
	}
	for (; s[i] != '\0' && i + 1 < n; i++)
		out[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
	out[i] = '\0';
	if (s[i] != '\0' && n >= 8)
		memcpy(out + n - 4, "...", 4);
	return out;
}

int
fd_errf(char *err, size_t n, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || n == 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err, n, fmt, ap);
	va_end(ap);
	return -1;
}
