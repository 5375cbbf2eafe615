/* fixture_plugin.c - purpose-built good and bad plugins for the loader
 * tests.  One source, one variant per FIXTURE_* define (see tests/tests.am):
 *
 *   FIXTURE_GOOD           a well-formed service plugin that uses the host
 *   FIXTURE_BAD_MAJOR      entry symbol of ABI 2 only (mpd_plugin_entry_v2)
 *   FIXTURE_MAJOR_FIELD    v1 entry, but the descriptor says major 2
 *   FIXTURE_NEWER_MINOR    minor newer than the host's
 *   FIXTURE_TRUNCATED      descriptor struct_size too small
 *   FIXTURE_SHORT_OPS      ops table struct_size too small
 *   FIXTURE_NAME_MISMATCH  descriptor name differs from the file name
 *   FIXTURE_NO_ENTRY       no entry symbol at all
 *   FIXTURE_INIT_FAILS     init() fails with a message
 *   FIXTURE_BAD_KIND       unknown kind
 *
 * FIXTURE_GOOD builds with FIXTURE_VERSION (default "1.2.3") too: the
 * impostor is a good plugin named fixture-good at version 6.6.6 (swapped
 * in under the loader's feet), the nodelete one a good plugin linked with
 * -z nodelete (it outlives its dlclose).
 */
#include <mpd/plugin.h>

#include <string.h>

#ifndef FIXTURE_NAME
#error define FIXTURE_NAME
#endif

/* not every variant uses every piece */
#define FIXTURE_UNUSED __attribute__((unused))

struct fixture_state {
	const struct mpd_host_api *host;
	mpd_host_ctx *ctx;
	char greeting[128];
};

static struct fixture_state the_state FIXTURE_UNUSED;

static int FIXTURE_UNUSED
fixture_init(const struct mpd_host_api *host, mpd_host_ctx *ctx, void **state)
{
#ifdef FIXTURE_INIT_FAILS
	(void)state;
	return host->set_error(ctx, MPD_EINVAL, "fixture refuses to start: %s",
	    "missing widget");
#else
	const char *greeting;

	the_state.host = host;
	the_state.ctx = ctx;
	greeting = host->config_get(ctx, "greeting");
	strncpy(the_state.greeting, greeting ? greeting : "hello",
	    sizeof the_state.greeting - 1);
	host->log(ctx, MPD_HOST_LOG_DEBUG, "fixture init (%s)",
	    the_state.greeting);
	*state = &the_state;
	return MPD_OK;
#endif
}

static void FIXTURE_UNUSED
fixture_fini(void *state)
{
	struct fixture_state *s = state;

	if (s != NULL)
		s->greeting[0] = '\0';
}

static const char *const fixture_cmd[] = { "sleep", "infinity", NULL };
static const struct mpd_kv fixture_labels[] = { { "fixture", "yes" } };

static struct mpd_container_spec fixture_spec = {
	.struct_size = sizeof(struct mpd_container_spec),
	.name = "mpd-service-fixture",
	.image = "localhost/fixture:latest",
	.ip = "10.163.0.9",
	.labels = fixture_labels,
	.n_labels = 1,
	.command = fixture_cmd,
	.revision = "1",
};

static struct mpd_service_desc fixture_desc;

static int
fixture_describe(void *state, const struct mpd_service_input *in,
		 struct mpd_service_desc *out)
{
	struct fixture_state *s = state;

	(void)in;
	if (s == NULL || out == NULL ||
	    out->struct_size < sizeof(struct mpd_service_desc))
		return MPD_EINVAL;
	memset(&fixture_desc, 0, sizeof fixture_desc);
	fixture_desc.struct_size = sizeof fixture_desc;
	fixture_desc.container = &fixture_spec;
	fixture_desc.access = s->greeting;
	*out = fixture_desc;
	return MPD_OK;
}

static const struct mpd_service_ops fixture_ops FIXTURE_UNUSED = {
#ifdef FIXTURE_SHORT_OPS
	.struct_size = 2,
#else
	.struct_size = sizeof(struct mpd_service_ops),
#endif
	.describe = fixture_describe,
};

#ifndef FIXTURE_VERSION
#define FIXTURE_VERSION "1.2.3"
#endif

#if defined(FIXTURE_GOOD) || defined(FIXTURE_INIT_FAILS)
MPD_PLUGIN_DEFINE(SERVICE, FIXTURE_NAME, FIXTURE_VERSION, "loader test fixture",
    fixture_init, fixture_fini, fixture_ops)
#elif defined(FIXTURE_NO_ENTRY)
MPD_PLUGIN_EXPORT int fixture_not_an_entry(void);
MPD_PLUGIN_EXPORT int fixture_not_an_entry(void) { return 0; }
#else
static const struct mpd_plugin fixture_descriptor = {
#if defined(FIXTURE_MAJOR_FIELD) || defined(FIXTURE_BAD_MAJOR)
	.abi_major = MPD_ABI_MAJOR + 1,
#else
	.abi_major = MPD_ABI_MAJOR,
#endif
#ifdef FIXTURE_NEWER_MINOR
	.abi_minor = MPD_ABI_MINOR + 1,
#else
	.abi_minor = MPD_ABI_MINOR,
#endif
#ifdef FIXTURE_TRUNCATED
	.struct_size = 16,
#else
	.struct_size = sizeof(struct mpd_plugin),
#endif
#ifdef FIXTURE_BAD_KIND
	.kind = 77,
#else
	.kind = MPD_PLUGIN_SERVICE,
#endif
#ifdef FIXTURE_NAME_MISMATCH
	.name = "somebody-else",
#else
	.name = FIXTURE_NAME,
#endif
	.version = "0.0.1",
	.description = "bad loader fixture",
	.init = fixture_init,
	.fini = fixture_fini,
	.ops = &fixture_ops,
	.ops_size = sizeof fixture_ops,
};

#ifdef FIXTURE_BAD_MAJOR
MPD_PLUGIN_EXPORT const struct mpd_plugin *mpd_plugin_entry_v2(void);
MPD_PLUGIN_EXPORT const struct mpd_plugin *
mpd_plugin_entry_v2(void)
#else
MPD_PLUGIN_EXPORT const struct mpd_plugin *mpd_plugin_entry_v1(void);
MPD_PLUGIN_EXPORT const struct mpd_plugin *
mpd_plugin_entry_v1(void)
#endif
{
	return &fixture_descriptor;
}
#endif
