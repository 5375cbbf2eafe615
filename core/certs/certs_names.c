/*
 * certs_names.c - validating and comparing certificate DNS names (see
 * certs_names.h).
 */
#include "certs_names.h"

#include "certs.h"
#include "strv.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
certs_name_check(const char *name, struct mpd_err *e)
{
	const char *s, *zone = "." CERTS_ZONE;
	size_t len, label = 0, zlen = strlen(zone);

	if (name == NULL || *name == '\0')
		return mpd_err_set(e, MPD_ERR_INPUT,
		    "an empty name cannot go into a certificate");
	len = strlen(name);
	if (len > 253)
		return mpd_err_set(e, MPD_ERR_INPUT,
		    "certificate name '%.40s...' is longer than 253 characters",
		    name);
	if (strcmp(name, CERTS_ZONE) != 0 &&
	    (len <= zlen || strcmp(name + len - zlen, zone) != 0))
		return mpd_err_set(e, MPD_ERR_INPUT,
		    "certificate name '%s' is outside %s: mpd's CA may only "
		    "sign %s and names ending in .%s", name, CERTS_ZONE,
		    CERTS_ZONE, CERTS_ZONE);
	s = name;
	if (s[0] == '*' && s[1] == '.')
		s += 2;
	for (; *s; s++) {
		char c = *s;

		if (c == '.') {
			if (label == 0 || s[-1] == '-')
				goto bad;
			label = 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-'))
			goto bad;
		if ((c == '-' && label == 0) || ++label > 63)
			goto bad;
	}
	return 0;
bad:
	return mpd_err_set(e, MPD_ERR_INPUT,
	    "certificate name '%s' is not a valid DNS name: use lowercase "
	    "letters, digits and inner dashes, labels of 1-63 characters",
	    name);
}

/* Sort and drop duplicates in place. */
static void
sort_unique(char **v)
{
	size_t n = strv_len(strv_const(v)), w = 0;

	if (n == 0)
		return;
	strv_sort(v, n);
	for (size_t r = 0; r < n; r++) {
		if (w > 0 && strcmp(v[w - 1], v[r]) == 0) {
			free(v[r]);
			continue;
		}
		v[w++] = v[r];
	}
	v[w] = NULL;
}

int
certs_names_normalise(const char *const *names, char ***out,
    struct mpd_err *e)
{
	char **v;
	size_t total = 0, n;

	*out = NULL;
	if (names == NULL || names[0] == NULL)
		return mpd_err_set(e, MPD_ERR_INPUT,
		    "a certificate needs at least one name");
	v = strv_dup(names);
	if (v == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	for (size_t i = 0; v[i] != NULL; i++) {
		for (char *c = v[i]; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		if (certs_name_check(v[i], e) != 0) {
			strv_free(v);
			return -1;
		}
	}
	sort_unique(v);
	n = strv_len(strv_const(v));
	for (size_t i = 0; i < n; i++)
		total += strlen(v[i]) + 1;
	if (n > CERTS_MAX_NAMES || total > CERTS_MAX_NAMES_LEN) {
		strv_free(v);
		return mpd_err_set(e, MPD_ERR_INPUT,
		    "too many names for one certificate (%zu names, %zu "
		    "characters; at most %d and %d)", n, total,
		    CERTS_MAX_NAMES, CERTS_MAX_NAMES_LEN);
	}
	*out = v;
	return 0;
}

char **
certs_names_split(const char *joined)
{
	struct strv b = STRV_INIT;
	const char *s = joined != NULL ? joined : "";
	char **v;

	while (*s) {
		const char *comma = strchr(s, ',');
		size_t n = comma != NULL ? (size_t)(comma - s) : strlen(s);

		if (n > 0)
			strv_pushf(&b, "%.*s", (int)n, s);
		s += n;
		if (*s == ',')
			s++;
	}
	v = strv_take(&b);
	if (v == NULL)
		return NULL;
	sort_unique(v);
	return v;
}

int
certs_names_equal(const char *const *a, const char *const *b)
{
	size_t i;

	for (i = 0; a[i] != NULL && b[i] != NULL; i++)
		if (strcmp(a[i], b[i]) != 0)
			return 0;
	return a[i] == NULL && b[i] == NULL;
}

char *
certs_names_join(const char *const *names, const char *sep)
{
	size_t len = 1, slen = strlen(sep);
	char *out, *p;

	for (size_t i = 0; names[i] != NULL; i++)
		len += strlen(names[i]) + slen;
	out = malloc(len);
	if (out == NULL)
		return NULL;
	p = out;
	*p = '\0';
	for (size_t i = 0; names[i] != NULL; i++) {
		size_t n = strlen(names[i]);

		if (i > 0) {
			memcpy(p, sep, slen);
			p += slen;
		}
		memcpy(p, names[i], n);
		p += n;
		*p = '\0';
	}
	return out;
}

/* The lowercase host of "scheme://[user@]host[:port][/...]", or NULL. */
static char *
url_host(const char *url)
{
	const char *s = strstr(url, "://"), *end, *at;
	char *host;
	size_t n;

	if (s == NULL)
		return NULL;
	s += 3;
	end = s + strcspn(s, "/?#");
	at = memchr(s, '@', (size_t)(end - s));
	if (at != NULL)
		s = at + 1;
	if (*s == '[')		/* IPv6 literal: never inside mpd.test */
		return NULL;
	n = strcspn(s, ":/?#");
	if (s + n > end)
		n = (size_t)(end - s);
	if (n == 0)
		return NULL;
	host = strndup(s, n);
	if (host == NULL)
		return NULL;
	for (char *c = host; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	while (n > 0 && host[n - 1] == '.')	/* absolute form "a.test." */
		host[--n] = '\0';
	return host;
}

static int
in_zone(const char *host)
{
	size_t n = strlen(host), z = strlen(CERTS_ZONE);

	if (strcmp(host, CERTS_ZONE) == 0)
		return 1;
	return n > z + 1 && host[n - z - 1] == '.' &&
	    strcmp(host + n - z, CERTS_ZONE) == 0;
}

int
certs_names_from_urls(const char *primary, const char *const *urls,
    char ***out, struct mpd_err *e)
{
	struct strv b = STRV_INIT;
	char **v;
	int rc;

	*out = NULL;
	if (primary == NULL)
		return mpd_err_set(e, MPD_ERR_INPUT,
		    "a certificate needs a primary name");
	strv_push(&b, primary);
	for (size_t i = 0; urls != NULL && urls[i] != NULL; i++) {
		char *host = url_host(urls[i]);

		if (host != NULL && in_zone(host))
			strv_push(&b, host);
		free(host);
	}
	v = strv_take(&b);
	if (v == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	rc = certs_names_normalise(strv_const(v), out, e);
	strv_free(v);
	return rc;
}

char *
certs_name_project(const char *project)
{
	char *s;

	if (asprintf(&s, "%s.%s", project, CERTS_ZONE) < 0)
		return NULL;
	return s;
}

char *
certs_name_runtime(const char *runtime)
{
	char *s;

	if (asprintf(&s, "%s.runtime.%s", runtime, CERTS_ZONE) < 0)
		return NULL;
	return s;
}
