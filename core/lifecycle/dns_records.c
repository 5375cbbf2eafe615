/* dns_records.c - the A records mpd publishes through dnsmasq (see
 * dns_records.h). */
#include "dns_records.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "paths.h"
#include "platform.h"
#include "state_store.h"

bool
dns_name_ok(const char *name)
{
	size_t n = strlen(name), zl = strlen(DNS_ZONE);
	size_t label = 0;

	if (n < zl || n > 253 || strcmp(name + n - zl, DNS_ZONE) != 0)
		return false;
	if (n > zl && name[n - zl - 1] != '.')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];

		if (c == '.') {
			if (label == 0 || name[i - 1] == '-')
				return false;
			label = 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    (c == '-' && label > 0)))
			return false;
		if (++label > 63)
			return false;
	}
	return label > 0 && name[n - 1] != '-';
}

int
dns_records_render(const struct dns_record *r, size_t n, char **out,
		   struct mpd_err *e)
{
	size_t cap = 1, len = 0;
	char *buf;

	*out = NULL;
	for (size_t i = 0; i < n; i++) {
		if (r[i].name == NULL || !dns_name_ok(r[i].name))
			return mpd_err_set(e, MPD_ERR_INPUT,
			    "DNS name '%s' is not under %s",
			    r[i].name ? r[i].name : "(null)", DNS_ZONE);
		if (r[i].ipv4 == NULL || !mpd_platform_ipv4_valid(r[i].ipv4))
			return mpd_err_set(e, MPD_ERR_INPUT,
			    "DNS record %s: '%s' is not an IPv4 address",
			    r[i].name, r[i].ipv4 ? r[i].ipv4 : "(null)");
		cap += strlen(r[i].name) + strlen(r[i].ipv4) + 2;
	}
	buf = malloc(cap);
	if (buf == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, cap - len, "%s %s\n",
		    r[i].ipv4, r[i].name);
	*out = buf;
	return 0;
}

static bool
group_ok(const char *g)
{
	if (*g == '\0' || strlen(g) > 64)
		return false;
	for (; *g; g++)
		if (!((*g >= 'a' && *g <= 'z') || (*g >= '0' && *g <= '9') ||
		    *g == '-' || *g == '_'))
			return false;
	return true;
}

int
dns_records_set(const char *group, const struct dns_record *r, size_t n,
		bool *changed, struct mpd_err *e)
{
	char tail[96];
	char *path = NULL, *text = NULL;
	int rc = -1;

	if (changed != NULL)
		*changed = false;
	if (!group_ok(group))
		return mpd_err_set(e, MPD_ERR_INPUT,
		    "DNS record group '%s' must match [a-z0-9_-]+", group);
	snprintf(tail, sizeof tail, "%s.hosts", group);
	path = mpd_path_join(MPD_PATH_DNS_DIR, tail);
	if (path == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	if (n == 0) {
		if (unlink(path) == 0) {
			if (changed != NULL)
				*changed = true;
			rc = 0;
		} else if (errno == ENOENT) {
			rc = 0;
		} else {
			mpd_err_set(e, MPD_ERR_IO, "%s: %s", path,
			    strerror(errno));
		}
		free(path);
		return rc;
	}
	if (dns_records_render(r, n, &text, e) != 0)
		goto out;
	if (state_store_mkdirs(mpd_path(MPD_PATH_DNS_DIR), STATE_DIR_MODE, e) != 0)
		goto out;
	if (state_store_write_if_changed(path, text, strlen(text),
	    STATE_FILE_MODE, changed, e) != 0)
		goto out;
	rc = 0;
out:
	free(path);
	free(text);
	return rc;
}
