/* frontdoor_check.c - see frontdoor_check.h. */
#include "frontdoor_check.h"

#include <stdio.h>
#include <string.h>

#define ZONE_SUFFIX	".mpd.test"

static int
lower_digit(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static int
alnum(char c)
{
	return lower_digit(c) || (c >= 'A' && c <= 'Z');
}

int
fd_check_project(const char *s)
{
	size_t i;

	if (s == NULL || !(s[0] >= 'a' && s[0] <= 'z'))
		return 0;
	for (i = 1; s[i] != '\0'; i++) {
		if (i >= 63)
			return 0;
		if (lower_digit(s[i]))
			continue;
		if (s[i] != '-' || !lower_digit(s[i + 1]))
			return 0;
	}
	return 1;
}

int
fd_check_runtime(const char *s)
{
	size_t i;

	if (s == NULL || !(s[0] >= 'a' && s[0] <= 'z'))
		return 0;
	for (i = 1; s[i] != '\0'; i++)
		if (i >= 63 || !lower_digit(s[i]))
			return 0;
	return 1;
}

/* 1 when s[0..len) is a DNS name of one or more labels. */
static int
dns_name(const char *s, size_t len)
{
	size_t label = 0;

	if (len == 0 || len > 253)
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '.') {
			if (label == 0 || s[i - 1] == '-')
				return 0;
			label = 0;
			continue;
		}
		if (!lower_digit(s[i]) && !(s[i] == '-' && label > 0))
			return 0;
		if (++label > 63)
			return 0;
	}
	return label > 0 && s[len - 1] != '-';
}

int
fd_check_host(const char *s)
{
	size_t len, zl = strlen(ZONE_SUFFIX);

	if (s == NULL)
		return 0;
	len = strnlen(s, 254);
	return len > zl && dns_name(s, len) &&
	    strcmp(s + len - zl, ZONE_SUFFIX) == 0;
}

int
fd_url_host(const char *url, char *out, size_t n)
{
	const char *h, *end;
	size_t len;

	if (url == NULL || strncmp(url, "https://", 8) != 0)
		return -1;
	h = url + 8;
	end = strchr(h, '/');
	len = end != NULL ? (size_t)(end - h) : strlen(h);
	if (end != NULL && end[1] != '\0')
		return -1;
	if (len == 0 || len >= n || len > 253)
		return -1;
	memcpy(out, h, len);
	out[len] = '\0';
	if (!fd_check_host(out)) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

/* 1 when s[0..len) is one path segment of [A-Za-z0-9._-], not "." or "..". */
static int
segment(const char *s, size_t len)
{
	if (len == 0 || (len == 1 && s[0] == '.') ||
	    (len == 2 && s[0] == '.' && s[1] == '.'))
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!alnum(s[i]) && s[i] != '.' && s[i] != '_' && s[i] != '-')
			return 0;
	return 1;
}

int
fd_check_path_in(const char *p, const char *dir)
{
	size_t dl = strlen(dir);
	const char *s;

	if (p == NULL || strnlen(p, FD_VALUE_MAX + 1) > FD_VALUE_MAX ||
	    strncmp(p, dir, dl) != 0)
		return 0;
	s = p + dl;
	if (*s == '\0')
		return 1;
	if (*s != '/')
		return 0;
	while (*s == '/') {
		const char *next = strchr(s + 1, '/');
		size_t len = next ? (size_t)(next - s - 1) : strlen(s + 1);

		if (!segment(s + 1, len))
			return 0;
		s += 1 + len;
	}
	return *s == '\0';
}

/* 1 when s is a TCP port: 1-65535, digits only, no leading zero. */
static int
port(const char *s)
{
	unsigned v = 0;
	size_t i;

	if (s[0] < '1' || s[0] > '9')
		return 0;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9' || i >= 5)
			return 0;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	return v <= 65535;
}

int
fd_check_fastcgi(const char *s)
{
	if (s == NULL)
		return 0;
	if (strncmp(s, "127.0.0.1:", 10) == 0)
		return port(s + 10);
	if (strncmp(s, "unix/", 5) == 0)
		return strcmp(s + 5, "/srv") != 0 &&
		    fd_check_path_in(s + 5, "/srv");
	return 0;
}

int
fd_upstream(const char *s, char *out, size_t n)
{
	static const char *const hosts[] = {
		"http://127.0.0.1:", "http://localhost:", NULL,
	};
	char p[8];
	size_t len;

	if (s == NULL)
		return -1;
	for (const char *const *h = hosts; *h != NULL; h++) {
		size_t hl = strlen(*h);

		if (strncmp(s, *h, hl) != 0)
			continue;
		len = strlen(s + hl);
		if (len > 0 && s[hl + len - 1] == '/')
			len--;
		if (len == 0 || len >= sizeof p)
			return -1;
		memcpy(p, s + hl, len);
		p[len] = '\0';
		if (!port(p) || hl + len >= n)
			return -1;
		snprintf(out, n, "%s%s", *h, p);
		return 0;
	}
	return -1;
}

int
fd_check_redirect(const char *s)
{
	static const char path_chars[] = "._~/?&=%+:@!,;-";
	const char *h, *rest;
	size_t hl;

	if (s == NULL || strnlen(s, FD_VALUE_MAX + 1) > FD_VALUE_MAX ||
	    strncmp(s, "https://", 8) != 0)
		return 0;
	h = s + 8;
	hl = strcspn(h, ":/");
	if (!dns_name(h, hl) || memchr(h, '.', hl) == NULL)
		return 0;
	rest = h + hl;
	if (*rest == ':') {
		char p[8];
		size_t pl = strcspn(rest + 1, "/");

		if (pl == 0 || pl >= sizeof p)
			return 0;
		memcpy(p, rest + 1, pl);
		p[pl] = '\0';
		if (!port(p))
			return 0;
		rest += 1 + pl;
	}
	if (*rest == '\0')
		return 1;
	if (*rest != '/')
		return 0;
	for (; *rest != '\0'; rest++)
		if (!alnum(*rest) && strchr(path_chars, *rest) == NULL)
			return 0;
	return 1;
}

int
fd_check_try(const char *s)
{
	static const char *const placeholders[] = { "{path}", "{query}", NULL };
	size_t len;

	if (s == NULL || (len = strnlen(s, 257)) == 0 || len > 256)
		return 0;
	while (*s != '\0') {
		const char *const *ph;

		if (*s == '{') {
			for (ph = placeholders; *ph != NULL; ph++)
				if (strncmp(s, *ph, strlen(*ph)) == 0)
					break;
			if (*ph == NULL)
				return 0;
			s += strlen(*ph);
			continue;
		}
		if (!alnum(*s) && strchr("._/?&=-", *s) == NULL)
			return 0;
		s++;
	}
	return 1;
}
