/* runtime_node.c - runtime `node` (10.163.0.101) on the configured base:
 * Debian's Node.js, the astro project type, a frontdoor.  Assets:
 * assets/runtimes/node/ (docs/RUNTIMES.md). */
#include "runtime_common.h"

static const char *const node_sidecars[] = { "frontdoor", NULL };
static const char *const node_types[] = { "astro", NULL };

static const struct rt_def node_def = {
	.name = "node",
	.ip = MPD_IP_RUNTIME_NODE,
	.asset_dir = "node",
	.base_release = NULL,
	.default_sidecars = node_sidecars,
	.project_types = node_types,
};

static struct rt_base node_rt;

static int
node_init(const struct mpd_host_api *host, mpd_host_ctx *ctx, void **state)
{
	*state = &node_rt;
	return rt_base_init(&node_rt, host, ctx, &node_def);
}

static int
node_describe(void *state, const struct mpd_runtime_input *in,
	      struct mpd_runtime_desc *out)
{
	struct rt_base *b = state;
	int rc = rt_describe(b, in, out);

	return rc != MPD_OK ? rc : rt_emit(b, out);
}

static const struct mpd_runtime_ops node_ops = {
	.struct_size = sizeof(struct mpd_runtime_ops),
	.describe = node_describe,
};

MPD_PLUGIN_DEFINE(RUNTIME, "node", PACKAGE_VERSION,
    "Node.js runtime (astro projects)", node_init, NULL, node_ops)
