/* runtime_util.c - runtime `util` (10.163.0.102) on the configured base:
 * no language stack and no sidecar, the bare project type (a shell with
 * the dev tool set).  Assets: assets/runtimes/util/ (docs/RUNTIMES.md). */
#include "runtime_common.h"

static const char *const util_types[] = { "bare", NULL };

static const struct rt_def util_def = {
	.name = "util",
	.ip = MPD_IP_RUNTIME_UTIL,
	.asset_dir = "util",
	.base_release = NULL,
	.default_sidecars = NULL,
	.project_types = util_types,
};

static struct rt_base util_rt;

static int
util_init(const struct mpd_host_api *host, mpd_host_ctx *ctx, void **state)
{
	*state = &util_rt;
	return rt_base_init(&util_rt, host, ctx, &util_def);
}

static int
util_describe(void *state, const struct mpd_runtime_input *in,
	      struct mpd_runtime_desc *out)
{
	struct rt_base *b = state;
	int rc = rt_describe(b, in, out);

	return rc != MPD_OK ? rc : rt_emit(b, out);
}

static const struct mpd_runtime_ops util_ops = {
	.struct_size = sizeof(struct mpd_runtime_ops),
	.describe = util_describe,
};

MPD_PLUGIN_DEFINE(RUNTIME, "util", PACKAGE_VERSION,
    "utility runtime: the dev tool set, no language stack (bare projects)",
    util_init, NULL, util_ops)
