/* hello-service.c - a minimal out-of-tree mpd plugin.
 *
 * A service plugin that describes one container.  It shows the whole
 * contract: MPD_PLUGIN_DEFINE() for the entry symbol, init() keeping the
 * host table, a describe op that fills a struct from memory the plugin owns,
 * a setting read from /var/lib/mpd/conf/mpd.ini:
 *
 *     [plugin.hello-service]
 *     image = localhost/hello:latest
 *
 * Build:  make            (finds the SDK with pkg-config)
 * Try:    MPD_PLUGIN_PATH=$PWD mpd --plugins
 */
#include <mpd/names.h>
#include <mpd/plugin.h>

#include <string.h>

struct hello {
	const struct mpd_host_api *host;
	mpd_host_ctx *ctx;
	struct mpd_container_spec spec;
	struct mpd_service_desc desc;
};

static struct hello hello;

static const char *const hello_cmd[] = { "sleep", "infinity", NULL };

static int
hello_init(const struct mpd_host_api *host, mpd_host_ctx *ctx, void **state)
{
	const char *image = host->config_get(ctx, "image");

	memset(&hello, 0, sizeof hello);
	hello.host = host;
	hello.ctx = ctx;
	hello.spec.struct_size = sizeof hello.spec;
	hello.spec.name = MPD_SERVICE_PREFIX "hello";
	hello.spec.image = image ? image : "localhost/hello:latest";
	hello.spec.command = hello_cmd;
	hello.spec.revision = "1";
	host->log(ctx, MPD_HOST_LOG_DEBUG, "hello-service uses %s",
	    hello.spec.image);
	*state = &hello;
	return MPD_OK;
}

static int
hello_describe(void *state, const struct mpd_service_input *in,
	       struct mpd_service_desc *out)
{
	struct hello *h = state;

	(void)in;
	if (out == NULL || out->struct_size < sizeof *out)
		return h->host->set_error(h->ctx, MPD_EINVAL,
		    "describe needs a struct mpd_service_desc of ABI 1.0");
	memset(&h->desc, 0, sizeof h->desc);
	h->desc.struct_size = sizeof h->desc;
	h->desc.container = &h->spec;
	h->desc.access = "says hello";
	*out = h->desc;
	return MPD_OK;
}

static const struct mpd_service_ops hello_ops = {
	.struct_size = sizeof(struct mpd_service_ops),
	.describe = hello_describe,
};

MPD_PLUGIN_DEFINE(SERVICE, "hello-service", "1.0.0",
    "example out-of-tree service plugin", hello_init, NULL, hello_ops)
