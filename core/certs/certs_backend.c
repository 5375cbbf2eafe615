/*
 * certs_backend.c - calling the cert backend plugin: checking its ops,
 * turning its status codes and messages into a struct mpd_err, and
 * releasing the buffers it hands back.
 */
#include "certs.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int
certs_backend_check(const struct certs_backend *b, struct mpd_err *e)
{
	if (b == NULL || b->ops == NULL)
		return mpd_err_set(e, MPD_ERR_PLUGIN,
		    "no cert backend plugin is loaded: install cert-mbedtls.so "
		    "in the plugin directory");
	if (!MPD_HAS_FIELD(b->ops, struct mpd_cert_backend_ops, key_matches) ||
	    b->ops->ca_generate == NULL || b->ops->leaf_issue == NULL ||
	    b->ops->cert_inspect == NULL || b->ops->cert_verify == NULL ||
	    b->ops->key_matches == NULL)
		return mpd_err_set(e, MPD_ERR_PLUGIN,
		    "the cert backend plugin lacks operations mpd needs: "
		    "rebuild it against this mpd's SDK");
	return 0;
}

static enum mpd_err_code
code_for(int rc)
{
	switch (rc) {
	case MPD_EINVAL:
		return MPD_ERR_INPUT;
	case MPD_ECRYPTO:
		return MPD_ERR_CORRUPT;
	case MPD_ENOENT:
		return MPD_ERR_NOTFOUND;
	case MPD_EIO:
		return MPD_ERR_IO;
	default:
		return MPD_ERR_PLUGIN;
	}
}

int
certs_backend_fail(const struct certs_backend *b, int rc, struct mpd_err *e,
    const char *fmt, ...)
{
	const char *why = NULL;
	char what[MPD_ERR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (b != NULL && b->last_error != NULL)
		why = b->last_error(b->error_ctx);
	if (why == NULL || *why == '\0')
		return mpd_err_set(e, code_for(rc),
		    "%s: the cert backend failed (status %d)", what, rc);
	return mpd_err_set(e, code_for(rc), "%s: %s", what, why);
}

void
certs_backend_message(const struct certs_backend *b, int rc, char *out,
    size_t n)
{
	const char *why = NULL;

	if (b != NULL && b->last_error != NULL)
		why = b->last_error(b->error_ctx);
	if (why != NULL && *why != '\0')
		snprintf(out, n, "%s", why);
	else
		snprintf(out, n, "the cert backend failed (status %d)", rc);
}

void
certs_buf_release(struct mpd_buf *buf, int secret)
{
	if (buf == NULL)
		return;
	if (buf->data != NULL) {
		if (secret)
			explicit_bzero(buf->data, buf->len);
		free(buf->data);
	}
	buf->data = NULL;
	buf->len = 0;
}

void
certs_info_init(struct mpd_cert_info *info)
{
	memset(info, 0, sizeof *info);
	info->struct_size = sizeof *info;
}

int
certs_info_has(const struct mpd_cert_info *info, uint32_t flag)
{
	return (info->flags & MPD_CERT_FLAGS_SET) != 0 &&
	    (info->flags & flag) == flag;
}

int
certs_info_ip_unconstrained(const struct mpd_cert_info *info)
{
	return (info->flags & MPD_CERT_FLAGS_SET) != 0 &&
	    !certs_info_has(info, MPD_CERT_EXCLUDES_IPV4 |
	    MPD_CERT_EXCLUDES_IPV6);
}

void
certs_iso8601(long long epoch, char *out, size_t n)
{
	time_t t = (time_t)epoch;
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(out, n, "?");
}
