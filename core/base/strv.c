/* strv.c - NULL-terminated string vectors (see strv.h). */
#include "strv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Take ownership of `s` (already malloc'ed) as the next element. */
static int
strv_adopt(struct strv *b, char *s)
{
	if (b->oom || s == NULL) {
		free(s);
		b->oom = 1;
		return -1;
	}
	if (b->len + 2 > b->cap) {
		size_t ncap = b->cap ? b->cap * 2 : 8;
		char **nv;

		if (ncap > ((size_t)-1) / sizeof *nv) {
			free(s);
			b->oom = 1;
			return -1;
		}
		nv = realloc(b->v, ncap * sizeof *nv);
		if (nv == NULL) {
			free(s);
			b->oom = 1;
			return -1;
		}
		b->v = nv;
		b->cap = ncap;
	}
	b->v[b->len++] = s;
	b->v[b->len] = NULL;
	return 0;
}

int
strv_push(struct strv *b, const char *s)
{
	if (s == NULL || b->oom) {
		b->oom = 1;
		return -1;
	}
	return strv_adopt(b, strdup(s));
}

int
strv_pushf(struct strv *b, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	int n;

	if (b->oom)
		return -1;
	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		s = NULL;
	return strv_adopt(b, s);
}

int
strv_pushv(struct strv *b, const char *const *v)
{
	if (v == NULL)
		return b->oom ? -1 : 0;
	for (; *v != NULL; v++)
		if (strv_push(b, *v) != 0)
			return -1;
	return 0;
}

char **
strv_take(struct strv *b)
{
	char **v;

	if (b->oom) {
		strv_reset(b);
		return NULL;
	}
	v = b->v;
	if (v == NULL)
		v = calloc(1, sizeof *v);
	b->v = NULL;
	b->len = b->cap = 0;
	return v;
}

void
strv_reset(struct strv *b)
{
	strv_free(b->v);
	b->v = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}

void
strv_free(char **v)
{
	if (v == NULL)
		return;
	for (char **p = v; *p != NULL; p++)
		free(*p);
	free(v);
}

size_t
strv_len(const char *const *v)
{
	size_t n = 0;

	if (v != NULL)
		while (v[n] != NULL)
			n++;
	return n;
}

char **
strv_dup(const char *const *v)
{
	struct strv b = STRV_INIT;

	strv_pushv(&b, v);
	return strv_take(&b);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
strv_sort(char **v, size_t n)
{
	if (v != NULL && n > 1)
		qsort(v, n, sizeof v[0], cmp_str);
}
