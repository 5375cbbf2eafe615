/* test_preflight.c - the host tools `mpd --setup` checks first (podman,
 * netavark, aardvark-dns, netavark's firewall tool per release), against a
 * fake PATH and a fake host root: what is missing is named with its
 * package, in one line. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "preflight.h"
#include "testutil.h"

static char *dir;
static char bin[512], host[512];

/* an executable stand-in at path (mode 0755, or 0644 when !x) */
static void
tool(const char *path, int x)
{
	CU_ASSERT_EQUAL_FATAL(tu_write_file(path, "#!/bin/sh\nexit 0\n"), 0);
	CU_ASSERT_EQUAL_FATAL(chmod(path, x ? 0755 : 0644), 0);
}

static void
in_bin(const char *name)
{
	char p[600];

	snprintf(p, sizeof p, "%s/%s", bin, name);
	tool(p, 1);
}

static void
in_host(const char *path)
{
	char p[700];

	snprintf(p, sizeof p, "%s%s", host, path);
	tool(p, 1);
}

/* podman in the fake PATH, netavark and aardvark-dns in the fake root */
static int
setup(void)
{
	dir = tu_mkdtemp();
	if (dir == NULL)
		return 1;
	snprintf(bin, sizeof bin, "%s/bin", dir);
	snprintf(host, sizeof host, "%s/host", dir);
	return 0;
}

static int
teardown(void)
{
	tu_rmrf(dir);
	free(dir);
	return 0;
}

static void
fresh(void)
{
	char p[600];

	tu_rmrf(bin);
	tu_rmrf(host);
	snprintf(p, sizeof p, "%s/.keep", bin);
	CU_ASSERT_EQUAL_FATAL(tu_write_file(p, ""), 0);
	snprintf(p, sizeof p, "%s/.keep", host);
	CU_ASSERT_EQUAL_FATAL(tu_write_file(p, ""), 0);
	in_bin("podman");
	in_bin("catatonit");
	in_host("/usr/lib/podman/netavark");
	in_host("/usr/lib/podman/aardvark-dns");
}

static void
test_release(void)
{
	char b[32];

	CU_ASSERT_STRING_EQUAL(preflight_release("PRETTY_NAME=\"Debian\"\n"
	    "VERSION_CODENAME=bookworm\nID=debian\n", b, sizeof b), "bookworm");
	CU_ASSERT_STRING_EQUAL(preflight_release("VERSION_CODENAME=\"trixie\"",
	    b, sizeof b), "trixie");
	CU_ASSERT_PTR_NULL(preflight_release("ID=debian\nVERSION_ID=13\n", b,
	    sizeof b));
	/* a key that only ends in VERSION_CODENAME is not it */
	CU_ASSERT_PTR_NULL(preflight_release("X_VERSION_CODENAME=sid\n", b,
	    sizeof b));
	CU_ASSERT_PTR_NULL(preflight_release("VERSION_CODENAME=\n", b, sizeof b));
	CU_ASSERT_PTR_NULL(preflight_release("VERSION_CODENAME=bookworm", b, 4));
	CU_ASSERT_PTR_NULL(preflight_release(NULL, b, sizeof b));
	CU_ASSERT_STRING_EQUAL(preflight_rows_for("bookworm"), "bookworm");
	CU_ASSERT_STRING_EQUAL(preflight_rows_for("trixie"), "trixie");
	CU_ASSERT_STRING_EQUAL(preflight_rows_for("forky"), "trixie");
	CU_ASSERT_STRING_EQUAL(preflight_rows_for(NULL), "trixie");
}

static void
test_bookworm_needs_iptables(void)
{
	struct mpd_err e = {0};

	fresh();
	CU_ASSERT_EQUAL(preflight_host_tools("bookworm", bin, host, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_FAIL);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "Debian bookworm"));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "iptables (netavark 1.4"));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "sudo apt-get install iptables"));
	CU_ASSERT_PTR_NULL(strstr(e.msg, "nft"));
	CU_ASSERT_PTR_NULL(strstr(e.msg, "podman (the container"));
	CU_ASSERT_PTR_NULL(strchr(e.msg, '\n'));
	/* nft does not do on bookworm; iptables in PATH does */
	in_bin("nft");
	CU_ASSERT_EQUAL(preflight_host_tools("bookworm", bin, host, &e), -1);
	in_bin("iptables");
	CU_ASSERT_EQUAL(preflight_host_tools("bookworm", bin, host, NULL), 0);
}

static void
test_trixie_needs_nft(void)
{
	struct mpd_err e = {0};

	fresh();
	CU_ASSERT_EQUAL(preflight_host_tools("trixie", bin, host, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "nft (netavark 1.14"));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "sudo apt-get install nftables"));
	CU_ASSERT_PTR_NULL(strstr(e.msg, "iptables"));
	in_bin("iptables");
	CU_ASSERT_EQUAL(preflight_host_tools("trixie", bin, host, &e), -1);
	/* root's /usr/sbin counts though it is not in the user's PATH */
	in_host("/usr/sbin/nft");
	CU_ASSERT_EQUAL(preflight_host_tools("trixie", bin, host, NULL), 0);
}

static void
test_unknown_release_uses_target(void)
{
	struct mpd_err e = {0};

	fresh();
	CU_ASSERT_EQUAL(preflight_host_tools("forky", bin, host, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "Debian forky, checked as trixie"));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "install nftables"));
	CU_ASSERT_EQUAL(preflight_host_tools(NULL, bin, host, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "unknown release, checked as trixie"));
}

static void
test_everything_missing_one_line(void)
{
	struct mpd_err e = {0};

	fresh();
	tu_rmrf(bin);
	tu_rmrf(host);
	CU_ASSERT_EQUAL(preflight_host_tools("bookworm", bin, host, &e), -1);
	/* five missing: the programs without why, so the line keeps the fix */
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "): podman, /usr/lib/podman/netavark, "
	    "/usr/lib/podman/aardvark-dns, catatonit, iptables. Install"));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg,
	    "sudo apt-get install podman netavark aardvark-dns catatonit iptables"));
	CU_ASSERT_PTR_NULL(strchr(e.msg, '\n'));
	CU_ASSERT(strlen(e.msg) < sizeof e.msg - 1);
}

static void
test_what_does_not_count(void)
{
	struct mpd_err e = {0};
	char p[1200], q[600];

	fresh();
	in_bin("iptables");
	/* not executable */
	snprintf(p, sizeof p, "%s/podman", bin);
	CU_ASSERT_EQUAL(chmod(p, 0644), 0);
	CU_ASSERT_EQUAL(preflight_host_tools("bookworm", bin, host, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "install podman"));
	/* a directory of that name */
	CU_ASSERT_EQUAL(unlink(p), 0);
	CU_ASSERT_EQUAL(mkdir(p, 0755), 0);
	CU_ASSERT_EQUAL(preflight_host_tools("bookworm", bin, host, &e), -1);
	rmdir(p);
	/* empty and relative PATH entries are never searched */
	in_bin("podman");
	CU_ASSERT_EQUAL(preflight_host_tools("bookworm", bin, host, NULL), 0);
	CU_ASSERT_EQUAL(preflight_host_tools("bookworm", "::bin:", host, &e), -1);
	CU_ASSERT_EQUAL(preflight_host_tools("bookworm", NULL, host, &e), -1);
	/* an absolute program is looked for under the host root only */
	snprintf(p, sizeof p, "%s:%s/usr/lib/podman", bin, host);
	snprintf(q, sizeof q, "%s/usr/lib/podman/netavark", host);
	CU_ASSERT_EQUAL(unlink(q), 0);
	CU_ASSERT_EQUAL(preflight_host_tools("bookworm", p, host, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "install netavark"));
}

static void
test_check_reads_environment(void)
{
	struct mpd_err e = {0};
	char *old = getenv("PATH") ? strdup(getenv("PATH")) : NULL;

	fresh();
	setenv("PATH", bin, 1);
	setenv(MPD_TEST_HOST_ROOT_ENV, host, 1);
	CU_ASSERT_EQUAL(preflight_check("ID=debian\nVERSION_CODENAME=bookworm\n",
	    &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "install iptables"));
	CU_ASSERT_EQUAL(preflight_check("ID=debian\nVERSION_CODENAME=trixie\n",
	    &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "install nftables"));
	in_bin("nft");
	CU_ASSERT_EQUAL(preflight_check("VERSION_CODENAME=trixie\n", NULL), 0);
	unsetenv(MPD_TEST_HOST_ROOT_ENV);
	if (old != NULL)
		setenv("PATH", old, 1);
	free(old);
}

static const struct mpd_test_case preflight_cases[] = {
	{ "release from os-release", test_release },
	{ "bookworm needs iptables", test_bookworm_needs_iptables },
	{ "trixie needs nft", test_trixie_needs_nft },
	{ "an unknown release uses the target's rows",
	  test_unknown_release_uses_target },
	{ "everything missing: one line", test_everything_missing_one_line },
	{ "not executable, directories, relative PATH",
	  test_what_does_not_count },
	{ "preflight_check reads PATH and MPD_TEST_HOST_ROOT",
	  test_check_reads_environment },
	{ NULL, NULL },
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "preflight", setup, teardown, preflight_cases },
	{ NULL, NULL, NULL, NULL },
};
