/* test_plugin_loader.c - the loader against purpose-built good and bad
 * plugins, and the host table they are handed. */
#include "harness.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"
#include "plugin_host.h"
#include "plugin_loader.h"


static void
fixture_path(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s.so", MPD_BUILD_PLUGINDIR, name);
}

/* Copy a fixture into dir/as.so; returns the new path (static buffer). */
static const char *
copy_fixture(const char *name, const char *dir, const char *as)
{
	static char dst[4096];
	char src[4096];
	FILE *in, *out;
	char buf[8192];
	size_t r;

	fixture_path(src, sizeof src, name);
	snprintf(dst, sizeof dst, "%s/%s.so", dir, as);
	mkdir(dir, 0755);
	in = fopen(src, "rb");
	out = fopen(dst, "wb");
	CU_ASSERT_FATAL(in != NULL && out != NULL);
	while ((r = fread(buf, 1, sizeof buf, in)) > 0)
		CU_ASSERT_FATAL(fwrite(buf, 1, r, out) == r);
	fclose(in);
	fclose(out);
	chmod(dst, 0755);
	return dst;
}

static void
expect_refused(const char *fixture, const char *needle)
{
	char path[4096];
	struct plugin_loaded p;
	struct mpd_err e = {0};

	fixture_path(path, sizeof path, fixture);
	CU_ASSERT_EQUAL(plugin_load_file(path, &p, &e), -1);
	if (strstr(e.msg, needle) == NULL)
		fprintf(stderr, "\n  %s: expected '%s' in: %s\n", fixture,
		    needle, e.msg);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, needle));
	CU_ASSERT_PTR_NULL(strchr(e.msg, '\n'));
}

static void
test_good_loads(void)
{
	char path[4096];
	struct plugin_loaded p;
	struct mpd_err e = {0};

	fixture_path(path, sizeof path, "fixture-good");
	CU_ASSERT_EQUAL_FATAL(plugin_load_file(path, &p, &e), 0);
	CU_ASSERT_STRING_EQUAL(p.name, "fixture-good");
	CU_ASSERT_EQUAL(p.desc->kind, MPD_PLUGIN_SERVICE);
	CU_ASSERT_STRING_EQUAL(p.desc->version, "1.2.3");
	CU_ASSERT_EQUAL(p.desc->abi_major, MPD_ABI_MAJOR);
	CU_ASSERT_FALSE(p.initialized);
	plugin_loaded_release(&p);
}

static void
test_wrong_major_symbol(void)
{
	expect_refused("fixture-bad-major", "built for plugin ABI 2, this mpd speaks ABI 1");
}

static void
test_wrong_major_field(void)
{
	expect_refused("fixture-major-field", "built for plugin ABI 2.0");
}

static void
test_newer_minor(void)
{
	expect_refused("fixture-newer-minor", "newer than this mpd's");
}

static void
test_truncated_descriptor(void)
{
	expect_refused("fixture-truncated", "truncated descriptor");
}

static void
test_short_ops(void)
{
	expect_refused("fixture-short-ops", "truncated service ops table");
}

static void
test_name_mismatch(void)
{
	expect_refused("fixture-name-mismatch",
	    "descriptor name 'somebody-else' does not match the file name 'fixture-name-mismatch'");
}

static void
test_no_entry(void)
{
	expect_refused("fixture-no-entry", "no mpd_plugin_entry_v1 symbol");
}

static void
test_bad_kind(void)
{
	expect_refused("fixture-bad-kind", "unknown plugin kind 77");
}

static void
test_world_writable(void)
{
	char dir[4096];
	const char *p;
	struct plugin_loaded pl;
	struct mpd_err e = {0};

	snprintf(dir, sizeof dir, "%s/ww", tu_root);
	p = copy_fixture("fixture-good", dir, "fixture-good");
	chmod(p, 0666);
	CU_ASSERT_EQUAL(plugin_load_file(p, &pl, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "world-writable"));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "chmod o-w"));
	chmod(p, 0755);
	chmod(dir, 0777);
	CU_ASSERT_EQUAL(plugin_load_file(p, &pl, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "directory is world-writable"));
	chmod(dir, 0755);
}

static void
test_symlink_and_bad_name(void)
{
	char dir[4096], link[4200];
	const char *p;
	struct plugin_loaded pl;
	struct mpd_err e = {0};

	snprintf(dir, sizeof dir, "%s/links", tu_root);
	p = copy_fixture("fixture-good", dir, "fixture-good");
	snprintf(link, sizeof link, "%s/other.so", dir);
	CU_ASSERT_EQUAL_FATAL(symlink(p, link), 0);
	CU_ASSERT_EQUAL(plugin_load_file(link, &pl, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "symlinks are refused"));

	p = copy_fixture("fixture-good", dir, "Fixture_Good");
	CU_ASSERT_EQUAL(plugin_load_file(p, &pl, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "[a-z0-9][a-z0-9_-]*"));
}

static void
test_registry_dirs_and_duplicates(void)
{
	char d1[4096], d2[4096];
	char *dirs[4];
	struct plugin_registry reg;
	struct mpd_err e = {0};

	snprintf(d1, sizeof d1, "%s/reg1", tu_root);
	snprintf(d2, sizeof d2, "%s/reg2", tu_root);
	copy_fixture("fixture-good", d1, "fixture-good");
	copy_fixture("fixture-newer-minor", d1, "fixture-newer-minor");
	copy_fixture("fixture-good", d2, "fixture-good");
	dirs[0] = d1;
	dirs[1] = d2;
	dirs[2] = tu_root;		/* exists, holds no .so */
	dirs[3] = NULL;
	CU_ASSERT_EQUAL_FATAL(plugin_registry_load(&reg, dirs, &e), 0);
	CU_ASSERT_EQUAL(reg.n, 1);
	CU_ASSERT_EQUAL(reg.n_rejected, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(reg.rejected[0].reason, "newer than"));
	CU_ASSERT_PTR_NOT_NULL(strstr(reg.rejected[1].reason,
	    "duplicate plugin name 'fixture-good'"));
	plugin_registry_free(&reg);

	/* a missing directory is fine and empty */
	dirs[0] = "/nonexistent/mpd-plugins";
	dirs[1] = NULL;
	CU_ASSERT_EQUAL(plugin_registry_load(&reg, dirs, &e), 0);
	CU_ASSERT_EQUAL(reg.n, 0);
	plugin_registry_free(&reg);
}

static void
test_plugin_path_env(void)
{
	char **dirs;

	setenv("MPD_PLUGIN_PATH", "/a:/b/c::/d", 1);
	dirs = plugin_dirs_default();
	CU_ASSERT_PTR_NOT_NULL_FATAL(dirs);
	CU_ASSERT_STRING_EQUAL(dirs[0], "/a");
	CU_ASSERT_STRING_EQUAL(dirs[1], "/b/c");
	CU_ASSERT_STRING_EQUAL(dirs[2], "/d");
	CU_ASSERT_PTR_NULL(dirs[3]);
	plugin_dirs_free(dirs);
	unsetenv("MPD_PLUGIN_PATH");
	dirs = plugin_dirs_default();
	CU_ASSERT_STRING_EQUAL(dirs[0], MPD_PLUGINDIR);
	plugin_dirs_free(dirs);
}

static void
test_init_config_and_describe(void)
{
	char dir[4096], ini[4096];
	char *dirs[2];
	struct plugin_registry reg;
	struct plugin_loaded *p;
	struct mpd_service_desc d = { .struct_size = sizeof d };
	const struct mpd_service_ops *ops;
	struct mpd_err e = {0};

	snprintf(dir, sizeof dir, "%s/init", tu_root);
	copy_fixture("fixture-good", dir, "fixture-good");
	copy_fixture("fixture-init-fails", dir, "fixture-init-fails");
	snprintf(ini, sizeof ini, "%s", mpd_path(MPD_PATH_MPD_INI));
	CU_ASSERT_EQUAL_FATAL(tu_write_file(ini,
	    "; mpd plugin settings\n[plugin.other]\ngreeting = no\n"
	    "[plugin.fixture-good]\ngreeting = bonjour\n"), 0);
	dirs[0] = dir;
	dirs[1] = NULL;
	CU_ASSERT_EQUAL_FATAL(plugin_registry_load(&reg, dirs, &e), 0);
	CU_ASSERT_EQUAL(reg.n, 2);

	p = plugin_registry_get(&reg, MPD_PLUGIN_SERVICE, "fixture-good", &e);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_TRUE(p->initialized);
	ops = p->desc->ops;
	CU_ASSERT_EQUAL(ops->describe(p->state, NULL, &d), MPD_OK);
	CU_ASSERT_STRING_EQUAL(d.access, "bonjour");
	CU_ASSERT_STRING_EQUAL(d.container->name, "mpd-service-fixture");

	CU_ASSERT_PTR_NULL(plugin_registry_get(&reg, MPD_PLUGIN_RUNTIME,
	    "fixture-good", &e));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "no runtime plugin named 'fixture-good'"));

	CU_ASSERT_PTR_NULL(plugin_registry_get(&reg, MPD_PLUGIN_SERVICE,
	    "fixture-init-fails", &e));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg,
	    "plugin 'fixture-init-fails': init failed (-1): fixture refuses to start: missing widget"));
	plugin_registry_free(&reg);
	unlink(ini);
}

static void
test_bad_ini(void)
{
	struct mpd_err e = {0};
	const char *ini = mpd_path(MPD_PATH_MPD_INI);

	CU_ASSERT_EQUAL_FATAL(tu_write_file(ini, "[plugin.x]\nok = 1\nthis is not ini\n"), 0);
	CU_ASSERT_PTR_NULL(plugin_host_ctx_new("x", &e));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "mpd.ini:3: not an INI line"));
	unlink(ini);
}

static int fake_state_calls;

static int fake_user;	/* the services' user pointer comes back */

static int
fake_state(void *user, const char *name, enum mpd_container_state *out,
	   struct mpd_err *e)
{
	CU_ASSERT_PTR_EQUAL(user, &fake_user);
	fake_state_calls++;
	if (strcmp(name, "mpd-service-dnsmasq") != 0)
		return mpd_err_set(e, MPD_ERR_EXEC, "podman said no");
	*out = MPD_CONTAINER_RUNNING;
	return 0;
}

static void
test_host_table(void)
{
	const struct mpd_host_api *h = plugin_host_api();
	struct mpd_err e = {0};
	struct mpd_host_ctx *ctx = plugin_host_ctx_new("fixture-good", &e);
	enum mpd_container_state st;
	struct plugin_host_services svc = {
		.user = &fake_user, .container_state = fake_state };
	char *json = NULL;
	char *p;

	CU_ASSERT_PTR_NOT_NULL_FATAL(ctx);
	CU_ASSERT_EQUAL(h->struct_size, sizeof *h);
	CU_ASSERT_EQUAL(h->abi_major, MPD_ABI_MAJOR);

	/* not wired: an honest ENOTSUP with a message */
	plugin_host_set_services(NULL);
	CU_ASSERT_EQUAL(h->container_state(ctx, "x", &st), MPD_ENOTSUP);
	CU_ASSERT_PTR_NOT_NULL(strstr(plugin_host_ctx_error(ctx), "not available"));

	plugin_host_set_services(&svc);
	CU_ASSERT_EQUAL(h->container_state(ctx, "mpd-service-dnsmasq", &st), MPD_OK);
	CU_ASSERT_EQUAL(st, MPD_CONTAINER_RUNNING);
	CU_ASSERT_EQUAL(h->container_state(ctx, "nope", &st), MPD_EEXEC);
	CU_ASSERT_STRING_EQUAL(plugin_host_ctx_error(ctx), "podman said no");
	CU_ASSERT_EQUAL(fake_state_calls, 2);
	plugin_host_set_services(NULL);

	/* a foreign pointer is refused, not dereferenced as a ctx */
	{
		char junk[256] = {0};

		CU_ASSERT_PTR_NULL(h->config_get((mpd_host_ctx *)junk, "greeting"));
	}

	/* set_error keeps one line */
	CU_ASSERT_EQUAL(h->set_error(ctx, MPD_EIO, "two\nlines"), MPD_EIO);
	CU_ASSERT_STRING_EQUAL(plugin_host_ctx_error(ctx), "two lines");

	/* state_read */
	CU_ASSERT_EQUAL(tu_write_file(mpd_path(MPD_PATH_PROJECTS_JSON),
	    "{\"projects\":[]}\n"), 0);
	CU_ASSERT_EQUAL(h->state_read(ctx, "projects", &json), MPD_OK);
	CU_ASSERT_STRING_EQUAL(json, "{\"projects\":[]}\n");
	h->free(json);
	CU_ASSERT_EQUAL(h->state_read(ctx, "secrets", &json), MPD_EINVAL);
	CU_ASSERT_EQUAL(h->state_read(ctx, "databases", &json), MPD_ENOENT);

	/* paths */
	p = (char *)h->path(ctx, MPD_HOST_PATH_PLUGIN_STATE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_PTR_NOT_NULL(strstr(p, "/var/lib/mpd/state/plugins/fixture-good"));
	CU_ASSERT_EQUAL(access(p, W_OK), 0);
	CU_ASSERT_EQUAL(strncmp(h->path(ctx, MPD_HOST_PATH_CONF), tu_root, strlen(tu_root)), 0);

	/* memory */
	p = h->alloc(16);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL(p[15], 0);
	h->free(p);
	plugin_host_ctx_free(ctx);
}

static const struct mpd_test_case loader_cases[] = {
	{ "good plugin loads", test_good_loads },
	{ "wrong major entry symbol", test_wrong_major_symbol },
	{ "wrong major in descriptor", test_wrong_major_field },
	{ "newer minor refused", test_newer_minor },
	{ "truncated descriptor", test_truncated_descriptor },
	{ "truncated ops table", test_short_ops },
	{ "name must match file", test_name_mismatch },
	{ "no entry symbol", test_no_entry },
	{ "unknown kind", test_bad_kind },
	{ "world-writable refused", test_world_writable },
	{ "symlink and bad file name", test_symlink_and_bad_name },
	{ "registry: dirs, duplicates", test_registry_dirs_and_duplicates },
	{ "MPD_PLUGIN_PATH", test_plugin_path_env },
	{ "init, config, describe", test_init_config_and_describe },
	{ "bad mpd.ini", test_bad_ini },
	{ NULL, NULL },
};

static const struct mpd_test_case host_cases[] = {
	{ "host table", test_host_table },
	{ NULL, NULL },
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "plugin loader", tu_suite_setup, tu_suite_teardown, loader_cases },
	{ "plugin host", tu_suite_setup, tu_suite_teardown, host_cases },
	{ NULL, NULL, NULL, NULL },
};
