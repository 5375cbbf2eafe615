/* cert_test_host.c - the cert plugin's sources linked into a test binary,
 * run against the core's real host table (see cert_test_host.h). */
#include "cert_test_host.h"

#include <string.h>

#include "plugin_host.h"

const struct mpd_plugin *mpd_plugin_entry_v1(void);

static struct mpd_host_ctx *ctx;

const struct mpd_host_api *
cert_test_host(void)
{
	return plugin_host_api();
}

const char *
cert_test_host_error(void)
{
	return plugin_host_ctx_error(ctx);
}

void
cert_test_host_clear_error(void)
{
	plugin_host_ctx_clear_error(ctx);
}

static const char *
backend_error(void *c)
{
	return plugin_host_ctx_error(c);
}

int
cert_test_backend_open(struct certs_backend *b)
{
	const struct mpd_plugin *d = mpd_plugin_entry_v1();
	void *state = NULL;

	memset(b, 0, sizeof *b);
	if (d == NULL || d->kind != MPD_PLUGIN_CERT_BACKEND || d->init == NULL)
		return -1;
	if (ctx == NULL && (ctx = plugin_host_ctx_new(d->name, NULL)) == NULL)
		return -1;
	if (d->init(plugin_host_api(), ctx, &state) != MPD_OK)
		return -1;
	b->ops = d->ops;
	b->state = state;
	b->last_error = backend_error;
	b->error_ctx = ctx;
	return 0;
}

void
cert_test_backend_close(struct certs_backend *b)
{
	const struct mpd_plugin *d = mpd_plugin_entry_v1();

	if (b->state != NULL && d->fini != NULL)
		d->fini(b->state);
	memset(b, 0, sizeof *b);
	plugin_host_ctx_free(ctx);
	ctx = NULL;
}
