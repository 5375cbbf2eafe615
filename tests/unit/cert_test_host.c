/* cert_test_host.c - the minimal host table (see cert_test_host.h). */
#include "cert_test_host.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct mpd_plugin *mpd_plugin_entry_v1(void);

static char last_error[1024];

static void
host_log(mpd_host_ctx *ctx, enum mpd_host_log_level level, const char *fmt,
    ...)
{
	va_list ap;

	(void)ctx;
	if (level == MPD_HOST_LOG_DEBUG && getenv("MPD_DEBUG") == NULL)
		return;
	va_start(ap, fmt);
	fprintf(stderr, "cert plugin: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static int
host_set_error(mpd_host_ctx *ctx, int code, const char *fmt, ...)
{
	va_list ap;

	(void)ctx;
	va_start(ap, fmt);
	vsnprintf(last_error, sizeof last_error, fmt, ap);
	va_end(ap);
	return code;
}

static void *
host_alloc(size_t n)
{
	return calloc(1, n ? n : 1);
}

static void
host_free(void *p)
{
	free(p);
}

static char *
host_strdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

static const char *
host_config_get(mpd_host_ctx *ctx, const char *key)
{
	(void)ctx;
	(void)key;
	return NULL;
}

static const char *
host_path(mpd_host_ctx *ctx, enum mpd_host_path which)
{
	(void)ctx;
	(void)which;
	return "/nonexistent";
}

static int
host_container_state(mpd_host_ctx *ctx, const char *name,
    enum mpd_container_state *out)
{
	(void)name;
	(void)out;
	return host_set_error(ctx, MPD_ENOTSUP, "not in the test host");
}

static int
host_container_exec(mpd_host_ctx *ctx, const struct mpd_exec_request *req,
    struct mpd_exec_result *out)
{
	(void)req;
	(void)out;
	return host_set_error(ctx, MPD_ENOTSUP, "not in the test host");
}

static void
host_exec_result_release(mpd_host_ctx *ctx, struct mpd_exec_result *res)
{
	(void)ctx;
	(void)res;
}

static int
host_state_read(mpd_host_ctx *ctx, const char *domain, char **json_out)
{
	(void)domain;
	(void)json_out;
	return host_set_error(ctx, MPD_ENOTSUP, "not in the test host");
}

static int
host_cert_ensure(mpd_host_ctx *ctx, const char *label,
    const char *const *dns_names, const char **cert_path,
    const char **key_path)
{
	(void)label;
	(void)dns_names;
	(void)cert_path;
	(void)key_path;
	return host_set_error(ctx, MPD_ENOTSUP, "not in the test host");
}

static const struct mpd_host_api host = {
	.struct_size = sizeof(struct mpd_host_api),
	.abi_major = MPD_ABI_MAJOR,
	.abi_minor = MPD_ABI_MINOR,
	.host_version = "test",
	.log = host_log,
	.set_error = host_set_error,
	.alloc = host_alloc,
	.free = host_free,
	.strdup = host_strdup,
	.config_get = host_config_get,
	.path = host_path,
	.container_state = host_container_state,
	.container_exec = host_container_exec,
	.exec_result_release = host_exec_result_release,
	.state_read = host_state_read,
	.cert_ensure = host_cert_ensure,
};

/* any non-NULL pointer: the test host keeps no per-plugin context */
static int ctx_token;

const struct mpd_host_api *
cert_test_host(void)
{
	return &host;
}

const char *
cert_test_host_error(void)
{
	return last_error;
}

void
cert_test_host_clear_error(void)
{
	last_error[0] = '\0';
}

static const char *
backend_error(void *ctx)
{
	(void)ctx;
	return last_error;
}

int
cert_test_backend_open(struct certs_backend *b)
{
	const struct mpd_plugin *d = mpd_plugin_entry_v1();
	void *state = NULL;

	memset(b, 0, sizeof *b);
	if (d == NULL || d->kind != MPD_PLUGIN_CERT_BACKEND || d->init == NULL)
		return -1;
	if (d->init(&host, (mpd_host_ctx *)&ctx_token, &state) != MPD_OK)
		return -1;
	b->ops = d->ops;
	b->state = state;
	b->last_error = backend_error;
	b->error_ctx = NULL;
	return 0;
}

void
cert_test_backend_close(struct certs_backend *b)
{
	const struct mpd_plugin *d = mpd_plugin_entry_v1();

	if (b->state != NULL && d->fini != NULL)
		d->fini(b->state);
	memset(b, 0, sizeof *b);
}
