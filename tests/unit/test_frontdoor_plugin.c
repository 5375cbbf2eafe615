/* test_frontdoor_plugin.c - the frontdoor sidecar plugin
 * (plugins/sidecars/sidecar_frontdoor.c) against the core's real host
 * table: its container, config path, reload step and build context, the
 * revision that ignores the config, and bad input refused with a message. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mpd/names.h>
#include <mpd/plugin.h>

#include "paths.h"
#include "plugin_host.h"
#include "testutil.h"

const struct mpd_plugin *mpd_plugin_entry_v1(void);

static struct mpd_host_ctx *ctx;
static void *state;

#define PROJECTS(rt, target) "{\"runtime\": \"" rt "\", \"projects\": [" \
	"{\"name\": \"demo\", \"cert\": \"/etc/mpd/certs/project-demo/cert.pem\"," \
	" \"key\": \"/etc/mpd/certs/project-demo/key.pem\", \"urls\": [" \
	"{\"label\": \"mail\", \"kind\": \"mail\", \"url\": " \
	"\"https://mail.demo.mpd.test/\", \"backend\": {\"type\": \"redirect\"," \
	" \"target\": \"" target "\"}}]}]}"

static int
setup(void)
{
	const struct mpd_plugin *d = mpd_plugin_entry_v1();

	if (tu_suite_setup() != 0 || d == NULL || d->init == NULL)
		return 1;
	/* the host makes state/ and its plugins/ (not the parents) */
	if (tu_write_file(mpd_path(MPD_PATH_CONF), "") != 0 ||
	    unlink(mpd_path(MPD_PATH_CONF)) != 0)
		return 1;
	ctx = plugin_host_ctx_new(d->name, NULL);
	return ctx == NULL || d->init(plugin_host_api(), ctx, &state) != MPD_OK;
}

static int
teardown(void)
{
	const struct mpd_plugin *d = mpd_plugin_entry_v1();

	if (d->fini != NULL)
		d->fini(state);
	plugin_host_ctx_free(ctx);
	ctx = NULL;
	return tu_suite_teardown();
}

static int
describe(const char *runtime, const char *pod, const char *json,
	 struct mpd_sidecar_desc *out)
{
	const struct mpd_plugin *d = mpd_plugin_entry_v1();
	const struct mpd_sidecar_ops *ops = d->ops;
	struct mpd_sidecar_input in = {
		.struct_size = sizeof in, .runtime = runtime, .pod = pod,
		.projects_json = json,
	};

	memset(out, 0, sizeof *out);
	out->struct_size = sizeof *out;
	plugin_host_ctx_clear_error(ctx);
	return ops->describe(state, &in, out);
}

static char *
joined(enum mpd_path_id id, const char *tail)
{
	char *s = mpd_path_join(id, tail);

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	return s;
}

static void
test_descriptor(void)
{
	const struct mpd_plugin *d = mpd_plugin_entry_v1();

	CU_ASSERT_EQUAL(d->kind, MPD_PLUGIN_SIDECAR);
	CU_ASSERT_STRING_EQUAL(d->name, "frontdoor");
	CU_ASSERT_EQUAL(d->ops_size, sizeof(struct mpd_sidecar_ops));
}

static void
test_container_and_config(void)
{
	struct mpd_sidecar_desc o;
	const struct mpd_container_spec *c;
	char *certs = joined(MPD_PATH_CONF, "certs");
	char *dir = joined(MPD_PATH_PLUGINS_STATE, "frontdoor/php");
	char *cfg = joined(MPD_PATH_PLUGINS_STATE, "frontdoor/php/Caddyfile");
	char *ctxdir = joined(MPD_PATH_ASSETS, "sidecars/frontdoor");
	static const char *const argv[] = {
		"caddy", "reload", "--config", "/etc/mpd/frontdoor/Caddyfile.new",
		"--adapter", "caddyfile", "--address", "localhost:2019", "--force",
		NULL,
	};
	size_t i;

	CU_ASSERT_EQUAL_FATAL(describe("php", "mpd-php",
	    PROJECTS("php", "https://mail.php.mpd.test/"), &o), MPD_OK);
	CU_ASSERT_EQUAL(o.struct_size, sizeof o);
	CU_ASSERT_EQUAL(o.wanted, 1);
	c = o.container;
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(c->name, "mpd-php-frontdoor");
	CU_ASSERT_STRING_EQUAL(c->image, "localhost/mpd-sidecar-frontdoor:latest");
	/* it joins the pod: no address, host name or aliases of its own */
	CU_ASSERT_PTR_NULL(c->ip);
	CU_ASSERT_PTR_NULL(c->hostname);
	CU_ASSERT_PTR_NULL(c->aliases);
	CU_ASSERT_PTR_NULL(c->command);
	CU_ASSERT(c->flags & MPD_CONTAINER_RESTART);
	CU_ASSERT_FALSE(c->flags & MPD_CONTAINER_SYSTEMD);
	CU_ASSERT_EQUAL_FATAL(c->n_mounts, 3);
	CU_ASSERT_STRING_EQUAL(c->mounts[0].source, MPD_VOLUME_NAME);
	CU_ASSERT_STRING_EQUAL(c->mounts[0].target, MPD_VOLUME_TARGET);
	CU_ASSERT_EQUAL(c->mounts[0].flags, MPD_MOUNT_VOLUME | MPD_MOUNT_RO);
	CU_ASSERT_STRING_EQUAL(c->mounts[1].source, certs);
	CU_ASSERT_STRING_EQUAL(c->mounts[1].target, MPD_CONTAINER_CERTS);
	CU_ASSERT_EQUAL(c->mounts[1].flags, MPD_MOUNT_RO);
	CU_ASSERT_STRING_EQUAL(c->mounts[2].source, dir);
	CU_ASSERT_STRING_EQUAL(c->mounts[2].target, "/etc/mpd/frontdoor");
	CU_ASSERT_EQUAL(c->mounts[2].flags, MPD_MOUNT_RO);
	CU_ASSERT_PTR_NOT_NULL(c->revision);
	CU_ASSERT_STRING_EQUAL(o.config_path, cfg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(o.config);
	CU_ASSERT_PTR_NOT_NULL(strstr(o.config, "\nhttps://mail.demo.mpd.test {\n"
	    "\ttls /etc/mpd/certs/project-demo/cert.pem "
	    "/etc/mpd/certs/project-demo/key.pem\n"
	    "\tredir https://mail.php.mpd.test/ 302\n}\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(o.reload);
	CU_ASSERT_STRING_EQUAL(o.reload->user, "root");
	CU_ASSERT_EQUAL(o.reload->timeout_ms, 15000);
	for (i = 0; argv[i] != NULL && o.reload->argv[i] != NULL; i++)
		CU_ASSERT_STRING_EQUAL(o.reload->argv[i], argv[i]);
	CU_ASSERT_PTR_NULL(argv[i]);
	CU_ASSERT_PTR_NULL(o.reload->argv[i]);
	CU_ASSERT_STRING_EQUAL(o.build_context, ctxdir);
	free(certs);
	free(dir);
	free(cfg);
	free(ctxdir);
}

/* a new config is a reload, not a new container; another pod or runtime
 * is another container */
static void
test_revision(void)
{
	struct mpd_sidecar_desc o;
	char a[64], b[64];

	CU_ASSERT_EQUAL_FATAL(describe("php", "mpd-php",
	    PROJECTS("php", "https://mail.php.mpd.test/"), &o), MPD_OK);
	snprintf(a, sizeof a, "%s", o.container->revision);
	snprintf(b, sizeof b, "%s", o.config);
	CU_ASSERT_EQUAL_FATAL(describe("php", "mpd-php",
	    PROJECTS("php", "https://elsewhere.mpd.test/"), &o), MPD_OK);
	CU_ASSERT_STRING_EQUAL(o.container->revision, a);
	CU_ASSERT_PTR_NOT_NULL(strstr(o.config, "redir https://elsewhere.mpd.test/ 302"));
	CU_ASSERT_EQUAL_FATAL(describe("php", "mpd-161-php",
	    PROJECTS("php", "https://mail.php.mpd.test/"), &o), MPD_OK);
	CU_ASSERT_STRING_EQUAL(o.container->name, "mpd-161-php-frontdoor");
	CU_ASSERT_STRING_NOT_EQUAL(o.container->revision, a);
	CU_ASSERT_EQUAL_FATAL(describe("node", "mpd-php",
	    PROJECTS("node", "https://mail.php.mpd.test/"), &o), MPD_OK);
	CU_ASSERT_STRING_NOT_EQUAL(o.container->revision, a);
	CU_ASSERT_PTR_NOT_NULL(strstr(o.config_path, "/frontdoor/node/Caddyfile"));
}

static void
expect_refused(const char *runtime, const char *pod, const char *json,
	       const char *needle)
{
	struct mpd_sidecar_desc o;
	const char *msg;

	CU_ASSERT_EQUAL(describe(runtime, pod, json, &o), MPD_EINVAL);
	msg = plugin_host_ctx_error(ctx);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, needle));
	if (strstr(msg, needle) == NULL)
		fprintf(stderr, "\nexpected '%s' in '%s'\n", needle, msg);
}

static void
test_refused(void)
{
	const struct mpd_plugin *d = mpd_plugin_entry_v1();
	const struct mpd_sidecar_ops *ops = d->ops;
	struct mpd_sidecar_input in = { sizeof in, "php", "mpd-php",
	    PROJECTS("php", "https://x.mpd.test/") };
	struct mpd_sidecar_desc small = { .struct_size = 40 }, ok;
	char pod[64];

	expect_refused("php", "mpd-php", PROJECTS("php", "https://x.mpd.test/ 301"),
	    "frontdoor of runtime php: project 'demo': redirect target "
	    "'https://x.mpd.test/ 301' refused");
	expect_refused("php", "mpd-php", PROJECTS("node", "https://x.mpd.test/"),
	    "is for runtime 'node', not 'php'");
	expect_refused("php", "mpd-php", NULL, "no projects_json");
	expect_refused("p/hp", "mpd-php", PROJECTS("php", "https://x.mpd.test/"),
	    "needs a runtime name, a pod name");
	expect_refused("php", "mpd php", PROJECTS("php", "https://x.mpd.test/"),
	    "needs a runtime name, a pod name");
	expect_refused("php", NULL, PROJECTS("php", "https://x.mpd.test/"),
	    "needs a runtime name, a pod name");
	/* "<pod>-frontdoor" is a container name: 63 characters at most */
	memset(pod, 'p', 54);
	pod[54] = '\0';
	expect_refused("php", pod, PROJECTS("php", "https://x.mpd.test/"),
	    "a pod name");
	pod[53] = '\0';
	CU_ASSERT_EQUAL(describe("php", pod, PROJECTS("php",
	    "https://x.mpd.test/"), &ok), MPD_OK);
	CU_ASSERT_EQUAL(strlen(ok.container->name), 63);
	/* a core that passes an ABI 1.0 description is refused, not overrun */
	CU_ASSERT_EQUAL(ops->describe(state, &in, &small), MPD_EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(plugin_host_ctx_error(ctx), "ABI 1.2"));
	CU_ASSERT_PTR_NULL(small.container);
}

static const struct mpd_test_case cases[] = {
	{ "descriptor: a sidecar named frontdoor", test_descriptor },
	{ "container, mounts, config path, reload step, build context", test_container_and_config },
	{ "the revision follows the container, not the config", test_revision },
	{ "bad input is refused with a message", test_refused },
	{ NULL, NULL },
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "frontdoor plugin", setup, teardown, cases },
	{ NULL, NULL, NULL, NULL },
};
