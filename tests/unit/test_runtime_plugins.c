/*
 * test_runtime_plugins.c - the BUILT php, php82, node and util .so files,
 * loaded by the real plugin loader (as test_certs_plugin.c does) and
 * initialised with the core's real host table, whose config_get reads
 * [plugin.<name>] of an mpd.ini under MPD_TEST_ROOT.  Each case opens a
 * fresh host context after writing the mpd.ini it needs, calls describe
 * and checks the description against docs/RUNTIMES.md.
 */
#include "harness.h"

#include "paths.h"
#include "plugin_host.h"
#include "plugin_loader.h"
#include "testutil.h"

#include <mpd/names.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct plugin_registry reg;

static int
suite_setup(void)
{
	char *const dirs[] = { (char *)MPD_BUILD_PLUGINDIR, NULL };
	struct mpd_err e;

	if (tu_suite_setup() != 0)
		return 1;
	memset(&reg, 0, sizeof reg);
	return plugin_registry_load(&reg, dirs, &e) != 0;
}

static int
suite_teardown(void)
{
	plugin_registry_free(&reg);
	return tu_suite_teardown();
}

/* mpd.ini for the next open (NULL: none) */
static void
write_ini(const char *text)
{
	CU_ASSERT_EQUAL_FATAL(tu_write_ini(text), 0);
}

struct rt {
	const struct mpd_plugin *d;
	struct mpd_host_ctx *ctx;
	void *state;
};

/* The loaded runtime plugin `name`, initialised in a new host context
 * (which reads the mpd.ini written last). */
static void
rt_open(struct rt *r, const char *name)
{
	struct mpd_err e;

	memset(r, 0, sizeof *r);
	for (size_t i = 0; i < reg.n; i++)
		if (strcmp(reg.plugins[i].name, name) == 0)
			r->d = reg.plugins[i].desc;
	if (r->d == NULL)
		fprintf(stderr, "runtime plugin %s not loaded from %s\n", name,
		    MPD_BUILD_PLUGINDIR);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->d);
	CU_ASSERT_EQUAL_FATAL(r->d->kind, MPD_PLUGIN_RUNTIME);
	CU_ASSERT_EQUAL(r->d->abi_minor, MPD_ABI_MINOR);
	r->ctx = plugin_host_ctx_new(name, &e);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->ctx);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->d->init);
	CU_ASSERT_EQUAL_FATAL(r->d->init(plugin_host_api(), r->ctx, &r->state),
	    MPD_OK);
}

static void
rt_close(struct rt *r)
{
	if (r->d != NULL && r->d->fini != NULL)
		r->d->fini(r->state);
	plugin_host_ctx_free(r->ctx);
	memset(r, 0, sizeof *r);
}

static struct mpd_runtime_input
input(const char *name, const char *suffix)
{
	return (struct mpd_runtime_input){
		.struct_size = sizeof(struct mpd_runtime_input),
		.name = name,
		.instance_suffix = suffix,
		.dev_user = "dev",
		.dev_uid = 1000,
	};
}

static int
describe(struct rt *r, const struct mpd_runtime_input *in,
	 struct mpd_runtime_desc *out)
{
	const struct mpd_runtime_ops *ops = r->d->ops;

	memset(out, 0, sizeof *out);
	out->struct_size = sizeof *out;
	plugin_host_ctx_clear_error(r->ctx);
	return ops->describe(r->state, in, out);
}

/* argv equals the NULL-terminated list `want` */
static int
argv_is(const char *const *argv, const char *const *want)
{
	size_t i;

	if (argv == NULL)
		return 0;
	for (i = 0; want[i] != NULL; i++)
		if (argv[i] == NULL || strcmp(argv[i], want[i]) != 0) {
			fprintf(stderr, "argv[%zu]: '%s', want '%s'\n", i,
			    argv[i] ? argv[i] : "(null)", want[i]);
			return 0;
		}
	return argv[i] == NULL;
}

struct want {
	const char *name, *ip, *dir, *release;
	const char *const *sidecars;
	const char *const *types;
};

static const char *const frontdoor[] = { "frontdoor", NULL };
static const char *const php_sidecars[] = { "frontdoor", "mail", NULL };
static const char *const php_types[] = { "moodle", "plain", NULL };
static const char *const astro[] = { "astro", NULL };
static const char *const bare[] = { "bare", NULL };

static const struct want wants[] = {
	{ "php", MPD_IP_RUNTIME_PHP, "php", NULL, php_sidecars, php_types },
	{ "php82", MPD_IP_RUNTIME_PHP82, "php", "bookworm", php_sidecars,
	  php_types },
	{ "node", MPD_IP_RUNTIME_NODE, "node", NULL, frontdoor, astro },
	{ "util", MPD_IP_RUNTIME_UTIL, "util", NULL, NULL, bare },
};
#define N_WANTS (sizeof wants / sizeof wants[0])

static void
test_descriptions(void)
{
	write_ini(NULL);
	for (size_t i = 0; i < N_WANTS; i++) {
		const struct want *w = &wants[i];
		struct mpd_runtime_input in = input(w->name, "");
		struct mpd_runtime_desc out;
		const struct mpd_container_spec *m;
		char want_image[128], want_ctx[4096], want_main[128];
		struct rt r;

		rt_open(&r, w->name);
		CU_ASSERT_STRING_EQUAL(r.d->name, w->name);
		CU_ASSERT_EQUAL_FATAL(describe(&r, &in, &out), MPD_OK);
		CU_ASSERT_EQUAL(out.struct_size, sizeof out);
		snprintf(want_image, sizeof want_image,
		    "localhost/mpd-runtime-%s:latest", w->name);
		snprintf(want_ctx, sizeof want_ctx, "%s/runtimes/%s",
		    mpd_path(MPD_PATH_ASSETS), w->dir);
		CU_ASSERT_STRING_EQUAL(out.image, want_image);
		CU_ASSERT_STRING_EQUAL(out.build_context, want_ctx);
		CU_ASSERT_STRING_EQUAL(out.ip, w->ip);
		CU_ASSERT_STRING_EQUAL(out.asset_dir, w->dir);
		if (w->release == NULL) {
			CU_ASSERT_PTR_NULL(out.base_release);
		} else {
			CU_ASSERT_STRING_EQUAL(out.base_release, w->release);
		}
		if (w->sidecars == NULL) {
			CU_ASSERT_PTR_NULL(out.default_sidecars);
		} else {
			CU_ASSERT_TRUE(argv_is(out.default_sidecars, w->sidecars));
		}
		CU_ASSERT_TRUE(argv_is(out.project_types, w->types));

		m = out.main;
		CU_ASSERT_PTR_NOT_NULL_FATAL(m);
		snprintf(want_main, sizeof want_main, "mpd-%s-main", w->name);
		CU_ASSERT_STRING_EQUAL(m->name, want_main);
		CU_ASSERT_STRING_EQUAL(m->image, want_image);
		CU_ASSERT_PTR_NULL(m->hostname);
		CU_ASSERT_PTR_NULL(m->ip);
		CU_ASSERT_EQUAL(m->flags, MPD_CONTAINER_SYSTEMD);
		CU_ASSERT_TRUE(argv_is(m->command,
		    (const char *const[]){ "/sbin/init", NULL }));
		CU_ASSERT_PTR_NOT_NULL_FATAL(m->revision);
		CU_ASSERT_EQUAL(strlen(m->revision), 16);

		CU_ASSERT_PTR_NOT_NULL_FATAL(out.ready);
		CU_ASSERT_TRUE(argv_is(out.ready->argv, (const char *const[]){
		    "sh", "-c", "s=$(systemctl is-system-running 2>/dev/null); "
		    "[ \"$s\" = running ] || [ \"$s\" = degraded ]", NULL }));
		CU_ASSERT_EQUAL(out.ready->interval_ms, 250);
		CU_ASSERT_EQUAL(out.ready->attempts, 120);
		rt_close(&r);
	}
}

static void
test_mounts(void)
{
	write_ini(NULL);
	for (size_t i = 0; i < N_WANTS; i++) {
		struct mpd_runtime_input in = input(wants[i].name, "");
		struct mpd_runtime_desc out;
		const struct mpd_mount *mt;
		struct rt r;

		rt_open(&r, wants[i].name);
		CU_ASSERT_EQUAL_FATAL(describe(&r, &in, &out), MPD_OK);
		CU_ASSERT_EQUAL_FATAL(out.main->n_mounts, 4);
		mt = out.main->mounts;
		/* the env and skel sources are the core's own paths: the
		 * plugin derives them from the state root's parent */
		CU_ASSERT_STRING_EQUAL(mt[0].source, mpd_path(MPD_PATH_ASSETS));
		CU_ASSERT_STRING_EQUAL(mt[0].target, MPD_CONTAINER_ASSETS);
		CU_ASSERT_EQUAL(mt[0].flags, MPD_MOUNT_RO);
		CU_ASSERT_STRING_EQUAL(mt[1].source, mpd_path(MPD_PATH_ENV));
		CU_ASSERT_STRING_EQUAL(mt[1].target, MPD_CONTAINER_ENV_DIR);
		CU_ASSERT_EQUAL(mt[1].flags, MPD_MOUNT_RO);
		CU_ASSERT_STRING_EQUAL(mt[2].source, mpd_path(MPD_PATH_SKEL));
		CU_ASSERT_STRING_EQUAL(mt[2].target, MPD_CONTAINER_SKEL);
		CU_ASSERT_EQUAL(mt[2].flags, MPD_MOUNT_RO);
		CU_ASSERT_STRING_EQUAL(mt[3].source, MPD_VOLUME_NAME);
		CU_ASSERT_STRING_EQUAL(mt[3].target, MPD_VOLUME_TARGET);
		CU_ASSERT_EQUAL(mt[3].flags, MPD_MOUNT_VOLUME);
		rt_close(&r);
	}
}

static void
test_steps(void)
{
	write_ini(NULL);
	for (size_t i = 0; i < N_WANTS; i++) {
		const struct want *w = &wants[i];
		struct mpd_runtime_input in = input(w->name, "-161");
		struct mpd_runtime_desc out;
		char script[256], want_main[128];
		struct rt r;

		in.dev_user = "jo.dev";
		in.dev_uid = 1234;
		rt_open(&r, w->name);
		CU_ASSERT_EQUAL_FATAL(describe(&r, &in, &out), MPD_OK);
		snprintf(want_main, sizeof want_main, "mpd-161-%s-main", w->name);
		CU_ASSERT_STRING_EQUAL(out.main->name, want_main);
		CU_ASSERT_EQUAL_FATAL(out.n_bootstrap, 1);
		CU_ASSERT_STRING_EQUAL(out.bootstrap[0].user, "root");
		CU_ASSERT_STRING_EQUAL(out.bootstrap[0].label,
		    "Provisioning the runtime (phase 1)");
		CU_ASSERT_EQUAL(out.bootstrap[0].timeout_ms, 300000);
		CU_ASSERT_PTR_NULL(out.bootstrap[0].env);
		CU_ASSERT_TRUE(argv_is(out.bootstrap[0].argv,
		    (const char *const[]){ "bash",
		    "/opt/mpd/assets/runtime-base/bootstrap.sh", w->name,
		    "jo.dev", "1234", w->dir, NULL }));
		snprintf(script, sizeof script,
		    "/opt/mpd/assets/runtimes/%s/build.sh", w->dir);
		CU_ASSERT_EQUAL_FATAL(out.n_provision, 1);
		CU_ASSERT_PTR_NULL(out.provision[0].user);
		CU_ASSERT_STRING_EQUAL(out.provision[0].label,
		    "Building the runtime (phase 2)");
		CU_ASSERT_TRUE(argv_is(out.provision[0].argv,
		    (const char *const[]){ "bash", script, w->name, NULL }));
		rt_close(&r);
	}
}

/* The revision follows the spec: another suffix, another revision; the
 * same input twice, the same. */
static void
test_revision(void)
{
	struct mpd_runtime_input a = input("php", ""), b = input("php", "-161");
	struct mpd_runtime_desc out;
	char first[32];
	struct rt r;

	write_ini(NULL);
	rt_open(&r, "php");
	CU_ASSERT_EQUAL_FATAL(describe(&r, &a, &out), MPD_OK);
	snprintf(first, sizeof first, "%s", out.main->revision);
	CU_ASSERT_EQUAL_FATAL(describe(&r, &b, &out), MPD_OK);
	CU_ASSERT_STRING_NOT_EQUAL(out.main->revision, first);
	CU_ASSERT_EQUAL_FATAL(describe(&r, &a, &out), MPD_OK);
	CU_ASSERT_STRING_EQUAL(out.main->revision, first);
	rt_close(&r);
}

static void
test_provides_default(void)
{
	write_ini("[plugin.node]\nextra_php = 8.1\n");
	for (size_t i = 0; i < N_WANTS; i++) {
		struct mpd_runtime_input in = input(wants[i].name, "");
		struct mpd_runtime_desc out;
		struct rt r;

		rt_open(&r, wants[i].name);
		CU_ASSERT_EQUAL_FATAL(describe(&r, &in, &out), MPD_OK);
		CU_ASSERT_PTR_NULL(out.build_args);
		CU_ASSERT_EQUAL(out.n_build_args, 0);
		if (strcmp(wants[i].name, "php") == 0) {
			CU_ASSERT_TRUE(argv_is(out.provides, (const char *const[]){
			    "MPD_PHP_VERSION=8.4", NULL }));
		} else if (strcmp(wants[i].name, "php82") == 0) {
			CU_ASSERT_TRUE(argv_is(out.provides, (const char *const[]){
			    "MPD_PHP_VERSION=8.2", NULL }));
		} else {
			CU_ASSERT_PTR_NULL(out.provides);
		}
		rt_close(&r);
	}
}

#define SOURCE "deb [signed-by=/usr/share/keyrings/extra-php.gpg] " \
	"https://php.example.test/debian trixie main"

static void
test_php_build_args(void)
{
	struct mpd_runtime_input in = input("php", "");
	struct mpd_runtime_desc out;
	struct rt r;

	write_ini("[images]\nbase = localhost/mpd-debian:trixie\n"
	    "[plugin.php]\nextra_apt_source = " SOURCE "\n"
	    "extra_php =  8.1   8.3 \n");
	rt_open(&r, "php");
	CU_ASSERT_EQUAL_FATAL(describe(&r, &in, &out), MPD_OK);
	CU_ASSERT_EQUAL_FATAL(out.n_build_args, 2);
	CU_ASSERT_STRING_EQUAL(out.build_args[0].key, "EXTRA_APT_SOURCE");
	CU_ASSERT_STRING_EQUAL(out.build_args[0].value, SOURCE);
	CU_ASSERT_STRING_EQUAL(out.build_args[1].key, "EXTRA_PHP");
	CU_ASSERT_STRING_EQUAL(out.build_args[1].value, "8.1 8.3");
	CU_ASSERT_TRUE(argv_is(out.provides, (const char *const[]){
	    "MPD_PHP_VERSION=8.4", "MPD_PHP_VERSION=8.1",
	    "MPD_PHP_VERSION=8.3", NULL }));
	rt_close(&r);

	/* a php runtime on another base says which PHP it has */
	write_ini("[plugin.php]\nrelease_php = 8.2\nextra_php =\n");
	rt_open(&r, "php");
	CU_ASSERT_EQUAL_FATAL(describe(&r, &in, &out), MPD_OK);
	CU_ASSERT_EQUAL(out.n_build_args, 0);
	CU_ASSERT_TRUE(argv_is(out.provides, (const char *const[]){
	    "MPD_PHP_VERSION=8.2", NULL }));
	rt_close(&r);
}

struct bad {
	const char *plugin;
	const char *ini;
	const char *msg;	/* part of the one-line error */
};

static const struct bad bads[] = {
	{ "php", "[plugin.php]\nextra_php = 8.x\n",
	  "mpd.ini [plugin.php] extra_php: must be PHP versions" },
	{ "php", "[plugin.php]\nextra_php = 8.1;8.3\n",
	  "mpd.ini [plugin.php] extra_php: must be PHP versions" },
	{ "php", "[plugin.php]\nextra_apt_source = " SOURCE "\n"
	  "extra_php = 8.1 8.2 8.3 8.5 8.6 8.7 8.8 8.9 9.0\n",
	  "mpd.ini [plugin.php] extra_php: must be PHP versions" },
	{ "php", "[plugin.php]\nextra_apt_source = " SOURCE "\n"
	  "extra_php = 8.1 8.4\n",
	  "mpd.ini [plugin.php] extra_php: names the release's own PHP" },
	{ "php", "[plugin.php]\nextra_apt_source = " SOURCE "\n"
	  "extra_php = 8.1 8.3 8.1\n",
	  "mpd.ini [plugin.php] extra_php: names a version twice" },
	{ "php", "[plugin.php]\nextra_php = 8.1\n",
	  "mpd.ini [plugin.php] extra_php: needs extra_apt_source" },
	{ "php", "[plugin.php]\nrelease_php = 8\n",
	  "mpd.ini [plugin.php] release_php: must be a PHP version" },
	{ "php", "[plugin.php]\nrelease_php = 8.4.1\n",
	  "mpd.ini [plugin.php] release_php: must be a PHP version" },
	{ "php", "[plugin.php]\nextra_apt_source = deb https://php.example.test/d trixie main\n",
	  "mpd.ini [plugin.php] extra_apt_source: must name the source's keyring" },
	{ "php", "[plugin.php]\nextra_apt_source = deb [trusted=yes signed-by=/k] https://x.test/d trixie main\n",
	  "mpd.ini [plugin.php] extra_apt_source: must not turn off apt's signature check" },
	{ "php", "[plugin.php]\nextra_apt_source = deb [signed-by=/k] https://x.test/$(id) trixie main\n",
	  "mpd.ini [plugin.php] extra_apt_source: must be one apt line" },
	{ "php", "[plugin.php]\nextra_apt_source = deb-src [signed-by=/k] https://x.test/d trixie main\n",
	  "mpd.ini [plugin.php] extra_apt_source: must be one apt line" },
	{ "php", "[plugin.php]\nextra_apt_source = \"deb [signed-by=/k] https://x.test/d trixie main\"\n",
	  "mpd.ini [plugin.php] extra_apt_source: must be one apt line" },
	{ "php82", "[plugin.php82]\nextra_php = 8.3\n",
	  "mpd.ini [plugin.php82] extra_php: php82 has bookworm's PHP 8.2 only" },
	{ "php82", "[plugin.php82]\nrelease_php = 8.2\n",
	  "mpd.ini [plugin.php82] release_php: php82 has bookworm's PHP 8.2 only" },
};

static void
test_bad_config(void)
{
	for (size_t i = 0; i < sizeof bads / sizeof bads[0]; i++) {
		struct mpd_runtime_input in = input(bads[i].plugin, "");
		struct mpd_runtime_desc out;
		const char *msg;
		struct rt r;

		write_ini(bads[i].ini);
		rt_open(&r, bads[i].plugin);
		CU_ASSERT_EQUAL(describe(&r, &in, &out), MPD_EINVAL);
		CU_ASSERT_PTR_NULL(out.image);	/* nothing handed out */
		msg = plugin_host_ctx_error(r.ctx);
		if (strstr(msg, bads[i].msg) == NULL)
			fprintf(stderr, "case %zu: '%s', want '%s'\n", i, msg,
			    bads[i].msg);
		CU_ASSERT_PTR_NOT_NULL(strstr(msg, bads[i].msg));
		rt_close(&r);
	}
	write_ini(NULL);
}

static void
expect_refused(struct rt *r, const struct mpd_runtime_input *in,
	       const char *msg)
{
	struct mpd_runtime_desc out;
	const char *got;

	CU_ASSERT_EQUAL(describe(r, in, &out), MPD_EINVAL);
	CU_ASSERT_PTR_NULL(out.image);
	got = plugin_host_ctx_error(r->ctx);
	if (strstr(got, msg) == NULL)
		fprintf(stderr, "'%s', want '%s'\n", got, msg);
	CU_ASSERT_PTR_NOT_NULL(strstr(got, msg));
}

static void
test_bad_input(void)
{
	struct mpd_runtime_input in;
	struct mpd_runtime_desc out;
	struct rt r;

	write_ini(NULL);
	rt_open(&r, "php");
	in = input("node", "");
	expect_refused(&r, &in, "runtime plugin 'php' was asked to describe "
	    "runtime 'node'");
	in = input("php82", "");
	expect_refused(&r, &in, "runtime plugin 'php' was asked to describe "
	    "runtime 'php82'");
	in = input(NULL, "");
	expect_refused(&r, &in, "runtime plugin 'php' was asked to describe");
	in = input("php", "161");
	expect_refused(&r, &in, "instance suffix '161' is invalid");
	in = input("php", "");
	in.dev_user = "Jo Dev";
	expect_refused(&r, &in, "dev user 'Jo Dev' cannot be made");
	in.dev_user = "jo;rm";
	expect_refused(&r, &in, "dev user 'jo;rm' cannot be made");
	in.dev_user = "-jo";
	expect_refused(&r, &in, "dev user '-jo' cannot be made");
	in.dev_user = NULL;
	expect_refused(&r, &in, "dev user '(none)' cannot be made");
	in = input("php", "");
	in.dev_uid = 0;
	expect_refused(&r, &in, "the dev user's uid is 0");
	in = input("php", "");
	in.struct_size = offsetof(struct mpd_runtime_input, dev_uid);
	expect_refused(&r, &in, "struct mpd_runtime_input of ABI 1.0");
	/* a 1.0-sized description cannot hold asset_dir and the rest */
	in = input("php", "");
	memset(&out, 0, sizeof out);
	out.struct_size = offsetof(struct mpd_runtime_desc, asset_dir);
	CU_ASSERT_EQUAL(((const struct mpd_runtime_ops *)r.d->ops)->describe(
	    r.state, &in, &out), MPD_EINVAL);
	CU_ASSERT_PTR_NULL(out.image);
	CU_ASSERT_PTR_NOT_NULL(strstr(plugin_host_ctx_error(r.ctx),
	    "struct mpd_runtime_desc of ABI 1.2"));
	/* and the plugin still answers a good call afterwards */
	in = input("php", "");
	CU_ASSERT_EQUAL(describe(&r, &in, &out), MPD_OK);
	rt_close(&r);
}

static const struct mpd_test_case cases[] = {
	{ "descriptions", test_descriptions },
	{ "mounts", test_mounts },
	{ "steps", test_steps },
	{ "revision", test_revision },
	{ "provides_default", test_provides_default },
	{ "php_build_args", test_php_build_args },
	{ "bad_config", test_bad_config },
	{ "bad_input", test_bad_input },
	{ NULL, NULL }
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "runtime_plugins", suite_setup, suite_teardown, cases },
	{ NULL, NULL, NULL, NULL }
};
