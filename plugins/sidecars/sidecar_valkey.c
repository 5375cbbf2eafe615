/* sidecar_valkey.c - Valkey in a runtime pod (<pod>-valkey) at
 * localhost:6379, in memory only: Debian's valkey-server (trixie) or
 * redis-server (a bookworm base).  Wanted while a running project on the
 * runtime asks for it (MPD_PHP_VALKEY=1).  Image: assets/sidecars/valkey/.
 * Contract: docs/SIDECARS.md. */
#include <mpd/plugin.h>

#include "sidecar_common.h"

#define VALKEY_NAME	"valkey"

static struct sc_base valkey;

static int
valkey_init(const struct mpd_host_api *host, mpd_host_ctx *ctx, void **state)
{
	*state = &valkey;
	return sc_init(&valkey, host, ctx, VALKEY_NAME);
}

static void
valkey_fini(void *state)
{
	(void)state;
}

static int
valkey_describe(void *state, const struct mpd_sidecar_input *in,
		struct mpd_sidecar_desc *out)
{
	struct sc_base *b = state;
	int rc = sc_describe_begin(b, in, out);

	if (rc != MPD_OK)
		return rc;
	*out = b->desc;
	return MPD_OK;
}

static const struct mpd_sidecar_ops valkey_ops = {
	.struct_size = sizeof(struct mpd_sidecar_ops),
	.describe = valkey_describe,
};

MPD_PLUGIN_DEFINE(SIDECAR, VALKEY_NAME, PACKAGE_VERSION,
    "Valkey in a runtime pod at localhost:6379 (in memory)",
    valkey_init, valkey_fini, valkey_ops)
