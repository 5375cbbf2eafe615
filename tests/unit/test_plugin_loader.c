/* test_plugin_loader.c - the loader against purpose-built good and bad
 * plugins, and the host table they are handed. */
#include "harness.h"
#include "testutil.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "paths.h"
#include "plugin_host.h"
#include "plugin_loader.h"


static void
fixture_path(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s.so", MPD_BUILD_PLUGINDIR, name);
}

/* The fixture trees: under the build tree, which (like an installed
 * plugindir) only root or the user running the tests can write; the
 * suite's MPD_TEST_ROOT is usually under /tmp, a shared directory the loader
 * refuses on purpose. */
static char *base;

static int
loader_setup(void)
{
	char tmpl[4096];

	snprintf(tmpl, sizeof tmpl, "%s/test-plugin-loader.XXXXXX",
	    MPD_TEST_BUILDDIR);
	if (mkdtemp(tmpl) == NULL || chmod(tmpl, 0755) != 0)
		return 1;
	base = strdup(tmpl);
	return base == NULL || tu_suite_setup();
}

static int
loader_teardown(void)
{
	tu_rmrf(base);
	free(base);
	base = NULL;
	return tu_suite_teardown();
}

/* base/sub, made 0755 (static buffer) */
static const char *
subdir(const char *sub)
{
	static char d[4096];

	snprintf(d, sizeof d, "%s/%s", base, sub);
	mkdir(d, 0755);
	CU_ASSERT_EQUAL_FATAL(chmod(d, 0755), 0);
	return d;
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
	CU_ASSERT_FATAL(fclose(out) == 0);
	CU_ASSERT_FATAL(chmod(dst, 0755) == 0);
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
	char want[64];

	/* the fixture keeps this SDK's minor */
	snprintf(want, sizeof want, "built for plugin ABI 2.%d", MPD_ABI_MINOR);
	expect_refused("fixture-major-field", want);
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

/* load `path`, expect a refusal whose message has every needle */
static void
expect_path_refused(const char *path, const char *n1, const char *n2)
{
	struct plugin_loaded pl;
	struct mpd_err e = {0};

	CU_ASSERT_EQUAL(plugin_load_file(path, &pl, &e), -1);
	CU_ASSERT_PTR_NULL(pl.dl);
	if (strstr(e.msg, n1) == NULL || (n2 && strstr(e.msg, n2) == NULL))
		fprintf(stderr, "\n  %s: expected '%s' and '%s' in: %s\n",
		    path, n1, n2 ? n2 : "", e.msg);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, n1));
	if (n2 != NULL)
		CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, n2));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, path));
	CU_ASSERT_PTR_NULL(strchr(e.msg, '\n'));
}

static void
expect_path_loads(const char *path, const char *version)
{
	struct plugin_loaded pl;
	struct mpd_err e = {0};

	if (plugin_load_file(path, &pl, &e) != 0)
		fprintf(stderr, "\n  %s refused: %s\n", path, e.msg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pl.dl);
	CU_ASSERT_STRING_EQUAL(pl.desc->version, version);
	plugin_loaded_release(&pl);
}

/* a formatted string; two calls may share an argument list */
static const char *fixf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static const char *
fixf(const char *fmt, ...)
{
	static char buf[2][8192];
	static int i;
	va_list ap;

	i = !i;
	va_start(ap, fmt);
	vsnprintf(buf[i], sizeof buf[i], fmt, ap);
	va_end(ap);
	return buf[i];
}

static uid_t
nobody_uid(void)
{
	const struct passwd *pw = getpwnam("nobody");

	CU_ASSERT_PTR_NOT_NULL_FATAL(pw);
	return pw->pw_uid;
}

/* a group that is not private to root: nobody's primary group */
static gid_t
shared_gid(void)
{
	const struct passwd *pw = getpwnam("nobody");

	CU_ASSERT_PTR_NOT_NULL_FATAL(pw);
	CU_ASSERT_NOT_EQUAL_FATAL(pw->pw_gid, 0);
	return pw->pw_gid;
}

static void
test_file_writable_by_others(void)
{
	const char *p = copy_fixture("fixture-good", subdir("fw"),
	    "fixture-good");

	CU_ASSERT_EQUAL(chmod(p, 0757), 0);
	expect_path_refused(p, "the file is writable by others",
	    fixf("fix: chmod o-w %s", p));
	CU_ASSERT_EQUAL(chown(p, 0, shared_gid()), 0);
	CU_ASSERT_EQUAL(chmod(p, 0775), 0);
	expect_path_refused(p, "the file is writable by its group",
	    fixf("fix: chmod g-w %s", p));
	CU_ASSERT_EQUAL(chmod(p, 0666), 0);
	expect_path_refused(p, "writable by group and others",
	    fixf("fix: chmod go-w %s", p));
	CU_ASSERT_EQUAL(chmod(p, 0755), 0);
	expect_path_loads(p, "1.2.3");
}

/* umask-002 machines: group write for a group that holds only the owner
 * is harmless (root's group has no one else, here and in CI) */
static void
test_private_group_write_allowed(void)
{
	const char *d = subdir("pg");
	const char *p = copy_fixture("fixture-good", d, "fixture-good");
	const struct group *gr = getgrgid(0);

	CU_ASSERT_EQUAL_FATAL(getuid(), 0);	/* the suite runs as root */
	CU_ASSERT_PTR_NOT_NULL_FATAL(gr);
	CU_ASSERT_PTR_NULL(gr->gr_mem[0]);	/* the premise */
	CU_ASSERT_EQUAL(chown(p, 0, 0), 0);
	CU_ASSERT_EQUAL(chmod(p, 0775), 0);
	CU_ASSERT_EQUAL(chmod(d, 0775), 0);
	expect_path_loads(p, "1.2.3");
	/* a member besides the owner: nobody's primary group */
	CU_ASSERT_EQUAL(chown(d, 0, shared_gid()), 0);
	expect_path_refused(p, fixf("its directory %s is writable by its group", d),
	    fixf("fix: chmod g-w %s", d));
	CU_ASSERT_EQUAL(chmod(d, 0755), 0);
}

static void
test_foreign_owner(void)
{
	const char *d = subdir("owner");
	const char *p = copy_fixture("fixture-good", d, "fixture-good");

	CU_ASSERT_EQUAL_FATAL(getuid(), 0);	/* chown needs root */
	CU_ASSERT_EQUAL(chown(p, nobody_uid(), 0), 0);
	expect_path_refused(p,
	    "the file is owned by nobody, not by root or the user running mpd (root)",
	    fixf("fix: chown root %s", p));
	CU_ASSERT_EQUAL(chown(p, 0, 0), 0);
	CU_ASSERT_EQUAL(chmod(p, 0755), 0);	/* chown dropped nothing */
	expect_path_loads(p, "1.2.3");
	/* a directory owned by someone else: its owner could swap the file */
	CU_ASSERT_EQUAL(chown(d, nobody_uid(), 0), 0);
	expect_path_refused(p, fixf("its directory %s is owned by nobody", d),
	    fixf("fix: chown root %s", d));
	CU_ASSERT_EQUAL(chown(d, 0, 0), 0);
}

/* every directory up to /, not only the one holding the file */
static void
test_ancestor_directories(void)
{
	char top[4096], leaf[4200];
	const char *p;

	snprintf(top, sizeof top, "%s", subdir("up"));
	snprintf(leaf, sizeof leaf, "%s/mid", top);
	CU_ASSERT_EQUAL(mkdir(leaf, 0755), 0);
	p = copy_fixture("fixture-good", leaf, "fixture-good");
	expect_path_loads(p, "1.2.3");
	CU_ASSERT_EQUAL(chmod(top, 0757), 0);
	expect_path_refused(p, fixf("its directory %s is writable by others", top),
	    fixf("fix: chmod o-w %s", top));
	CU_ASSERT_EQUAL(chmod(top, 0755), 0);
	CU_ASSERT_EQUAL(chown(top, 0, shared_gid()), 0);
	CU_ASSERT_EQUAL(chmod(top, 0775), 0);
	expect_path_refused(p, fixf("its directory %s is writable by its group", top),
	    NULL);
	CU_ASSERT_EQUAL(chmod(top, 0755), 0);
	CU_ASSERT_EQUAL(chown(top, nobody_uid(), 0), 0);
	expect_path_refused(p, fixf("its directory %s is owned by nobody", top),
	    NULL);
	CU_ASSERT_EQUAL(chown(top, 0, 0), 0);
	expect_path_loads(p, "1.2.3");
}

/* sticky, world-writable: not an excuse (a plugin has no business there) */
static void
test_shared_sticky_directories(void)
{
	char shared[4096], own[4200], intmp[4200];
	const char *p;

	snprintf(shared, sizeof shared, "%s", subdir("shared"));
	CU_ASSERT_EQUAL(chmod(shared, 01777), 0);
	snprintf(own, sizeof own, "%s/mine", shared);
	CU_ASSERT_EQUAL(mkdir(own, 0755), 0);
	p = copy_fixture("fixture-good", own, "fixture-good");
	expect_path_refused(p,
	    fixf("its directory %s is a shared directory (writable by everyone, sticky)", shared),
	    "fix: move the plugin to a directory only root or its owner can write");
	CU_ASSERT_EQUAL(chmod(shared, 0755), 0);
	expect_path_loads(p, "1.2.3");

	/* the real thing */
	snprintf(intmp, sizeof intmp, "/tmp/mpd-test-plugins-XXXXXX");
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(intmp));
	CU_ASSERT_EQUAL(chmod(intmp, 0755), 0);
	p = copy_fixture("fixture-good", intmp, "fixture-good");
	expect_path_refused(p,
	    "its directory /tmp is a shared directory (writable by everyone, sticky)",
	    NULL);
	tu_rmrf(intmp);
}

static void
test_symlinks(void)
{
	char dir[4096], link[4200], dlink[4200], bad[4200], via[4300];
	const char *p;

	snprintf(dir, sizeof dir, "%s", subdir("links"));
	p = copy_fixture("fixture-good", dir, "fixture-good");
	snprintf(link, sizeof link, "%s/other.so", dir);
	CU_ASSERT_EQUAL_FATAL(symlink(p, link), 0);
	expect_path_refused(link, "symlinks are refused", NULL);

	/* a symlinked directory is followed; its target is what is checked */
	snprintf(dlink, sizeof dlink, "%s/dirlink", base);
	CU_ASSERT_EQUAL_FATAL(symlink(dir, dlink), 0);
	snprintf(via, sizeof via, "%s/fixture-good.so", dlink);
	expect_path_loads(via, "1.2.3");
	CU_ASSERT_EQUAL(chmod(dir, 0757), 0);
	expect_path_refused(via, fixf("its directory %s is writable by others", dir),
	    NULL);
	CU_ASSERT_EQUAL(chmod(dir, 0755), 0);

	snprintf(bad, sizeof bad, "%s", subdir("names"));
	p = copy_fixture("fixture-good", bad, "Fixture_Good");
	expect_path_refused(p, "[a-z0-9][a-z0-9_-]*", NULL);
}

/* a FIFO (or device) named like a plugin is refused, not opened: opening
 * a FIFO for reading would block until a writer came */
static void
test_fifo_refused(void)
{
	char fifo[4200];

	snprintf(fifo, sizeof fifo, "%s/fifo.so", subdir("fifo"));
	CU_ASSERT_EQUAL_FATAL(mkfifo(fifo, 0644), 0);
	expect_path_refused(fifo, "not a regular file", NULL);
	CU_ASSERT_EQUAL(unlink(fifo), 0);
	CU_ASSERT_EQUAL_FATAL(symlink("/dev/null", fifo), 0);
	expect_path_refused(fifo, "symlinks are refused", NULL);
}

static void
test_relative_refused(void)
{
	struct plugin_registry reg;
	struct mpd_err e = {0};
	char *rel[] = { (char *)"/nonexistent/a", (char *)"rel/plugins", NULL };
	char cwd[4096], want[4400];

	expect_path_refused("rel/fixture-good.so", "plugin paths must be absolute",
	    NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(getcwd(cwd, sizeof cwd));

	setenv("MPD_PLUGIN_PATH", "/nonexistent/a:build/.libs", 1);
	CU_ASSERT_EQUAL(plugin_registry_load(&reg, NULL, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
	snprintf(want, sizeof want,
	    "MPD_PLUGIN_PATH entry 'build/.libs' is relative; fix: give absolute directories, e.g. MPD_PLUGIN_PATH=%s/build/.libs",
	    cwd);
	CU_ASSERT_STRING_EQUAL(e.msg, want);
	CU_ASSERT_EQUAL(reg.n, 0);
	unsetenv("MPD_PLUGIN_PATH");

	CU_ASSERT_EQUAL(plugin_registry_load(&reg, rel, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "plugin directory entry 'rel/plugins' is relative"));
	CU_ASSERT_PTR_NULL(strchr(e.msg, '\n'));
}

/* ---- the file checked is the file loaded ---------------------------------
 * The loader's libc calls are interposed here (the core is linked into
 * this program): right after the loader last looks at the victim's path -
 * its O_PATH openat, or an lstat - the path is replaced by another plugin
 * of the same name.  A loader that dlopens the path loads the impostor. */
static char swap_victim[4300], swap_with[4300];
static int swaps;

static void
swap_now(const char *path)
{
	const char *b = strrchr(swap_victim, '/');

	if (swap_victim[0] == '\0' || b == NULL)
		return;
	if (strcmp(path, swap_victim) != 0 && strcmp(path, b + 1) != 0)
		return;
	CU_ASSERT_EQUAL(rename(swap_with, swap_victim), 0);
	swap_victim[0] = '\0';
	swaps++;
}

int openat(int dirfd, const char *path, int flags, ...);
int
openat(int dirfd, const char *path, int flags, ...)
{
	static int (*real)(int, const char *, int, ...);
	mode_t mode = 0;
	int fd;

	if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) {
		va_list ap;

		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "openat");
	fd = real(dirfd, path, flags, mode);
	swap_now(path);
	return fd;
}

int lstat(const char *restrict path, struct stat *restrict st);
int
lstat(const char *restrict path, struct stat *restrict st)
{
	static int (*real)(const char *restrict, struct stat *restrict);
	int r;

	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "lstat");
	r = real(path, st);
	swap_now(path);
	return r;
}

static void
test_loads_the_checked_file(void)
{
	const char *d = subdir("swap");
	struct plugin_loaded pl;
	struct mpd_err e = {0};
	char p[4200];

	snprintf(p, sizeof p, "%s", copy_fixture("fixture-good", d,
	    "fixture-good"));
	snprintf(swap_victim, sizeof swap_victim, "%s", p);
	snprintf(swap_with, sizeof swap_with, "%s",
	    copy_fixture("fixture-impostor", d, "impostor"));
	swaps = 0;
	if (plugin_load_file(p, &pl, &e) != 0)
		fprintf(stderr, "\n  %s refused: %s\n", p, e.msg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pl.dl);
	CU_ASSERT_EQUAL(swaps, 1);
	swap_victim[0] = '\0';
	CU_ASSERT_STRING_EQUAL(pl.desc->version, "1.2.3");
	plugin_loaded_release(&pl);
	/* what is at the path now is the impostor */
	expect_path_loads(p, "6.6.6");
}

static int
count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while (readdir(d) != NULL)
		n++;
	closedir(d);
	return n;
}

/* glibc hands back an already-loaded object whose name matches, and an
 * object answers to every name it was opened under: /proc/self/fd/N
 * names must never repeat, though the kernel reuses N.  An undying object
 * (-z nodelete) keeps its names after dlclose; the same file loaded twice
 * (the same directory twice on the path) gains a second name. */
static void
test_fd_names_never_collide(void)
{
	const char *d = subdir("names2");
	char good[4200], nodel[4200];
	char *dirs[3] = { NULL, NULL, NULL };
	struct plugin_loaded a, b;
	struct plugin_registry reg;
	struct mpd_err e = {0};
	int fds = count_fds();

	snprintf(good, sizeof good, "%s", copy_fixture("fixture-good", d,
	    "fixture-good"));
	snprintf(nodel, sizeof nodel, "%s", copy_fixture("fixture-nodelete",
	    d, "fixture-nodelete"));
	CU_ASSERT_EQUAL_FATAL(plugin_load_file(nodel, &a, &e), 0);
	CU_ASSERT_EQUAL(count_fds(), fds);	/* the fd is closed after */
	plugin_loaded_release(&a);
	if (plugin_load_file(good, &b, &e) != 0)
		fprintf(stderr, "\n  %s refused: %s\n", good, e.msg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b.dl);
	CU_ASSERT_STRING_EQUAL(b.desc->name, "fixture-good");
	/* the same file again is the same object */
	CU_ASSERT_EQUAL_FATAL(plugin_load_file(good, &a, &e), 0);
	CU_ASSERT_PTR_EQUAL(a.dl, b.dl);
	plugin_loaded_release(&a);
	plugin_loaded_release(&b);

	/* one directory twice: the second copy of each is a duplicate, and
	 * each name is the file's own */
	d = subdir("twice");
	copy_fixture("fixture-good", d, "fixture-good");
	copy_fixture("fixture-init-fails", d, "fixture-init-fails");
	copy_fixture("fixture-newer-minor", d, "fixture-newer-minor");
	dirs[0] = dirs[1] = (char *)d;
	CU_ASSERT_EQUAL_FATAL(plugin_registry_load(&reg, dirs, &e), 0);
	CU_ASSERT_EQUAL(reg.n, 2);
	CU_ASSERT_EQUAL_FATAL(reg.n_rejected, 4);
	CU_ASSERT_PTR_NOT_NULL(strstr(reg.rejected[0].reason, "needs plugin ABI"));
	CU_ASSERT_PTR_NOT_NULL(strstr(reg.rejected[1].reason,
	    "duplicate plugin name 'fixture-good'"));
	CU_ASSERT_PTR_NOT_NULL(strstr(reg.rejected[2].reason,
	    "duplicate plugin name 'fixture-init-fails'"));
	CU_ASSERT_PTR_NOT_NULL(strstr(reg.rejected[3].reason, "needs plugin ABI"));
	plugin_registry_free(&reg);
	CU_ASSERT_EQUAL(count_fds(), fds);
}

static void
test_registry_dirs_and_duplicates(void)
{
	char d1[4096], d2[4096];
	char *dirs[4];
	struct plugin_registry reg;
	struct mpd_err e = {0};

	snprintf(d1, sizeof d1, "%s", subdir("reg1"));
	snprintf(d2, sizeof d2, "%s", subdir("reg2"));
	copy_fixture("fixture-good", d1, "fixture-good");
	copy_fixture("fixture-newer-minor", d1, "fixture-newer-minor");
	copy_fixture("fixture-good", d2, "fixture-good");
	dirs[0] = d1;
	dirs[1] = d2;
	dirs[2] = base;			/* exists, holds no .so */
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

	snprintf(dir, sizeof dir, "%s", subdir("init"));
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
	{ "file writable by others refused", test_file_writable_by_others },
	{ "group write of a private group allowed", test_private_group_write_allowed },
	{ "owner other than root or the user refused", test_foreign_owner },
	{ "every directory up to / checked", test_ancestor_directories },
	{ "sticky shared directories refused", test_shared_sticky_directories },
	{ "symlinks: file refused, directory followed", test_symlinks },
	{ "FIFO refused without blocking", test_fifo_refused },
	{ "relative paths and MPD_PLUGIN_PATH refused", test_relative_refused },
	{ "the checked file is the loaded file", test_loads_the_checked_file },
	{ "fd names never collide", test_fd_names_never_collide },
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
	{ "plugin loader", loader_setup, loader_teardown, loader_cases },
	{ "plugin host", tu_suite_setup, tu_suite_teardown, host_cases },
	{ NULL, NULL, NULL, NULL },
};
