/* test_images.c - mpd's images: the base reference from mpd.ini, reference
 * matching, the inputs hash, and images_ensure() against the recording
 * fake podman (one listing for all images, a build only when the hash
 * differs, the exact argv, pull of a missing base, failures). */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "exec.h"
#include "images.h"
#include "paths.h"
#include "podman_argv.h"
#include "podman_argv.h"
#include "strv.h"
#include "testutil.h"

#ifndef TOP_SRCDIR
#define TOP_SRCDIR "."
#endif

#define BASE_ID "81e64e58a7a2622b8729181db38a28a3c69dba1cfc0329ea7b1cd4ce388e5ff3"
#define OTHER_ID "096b6cd0500756f4a298f5db76aa0a59da9b94307ba23200131a9219907cdc36"

static char *root;		/* MPD_TEST_ROOT */
static char *dir;		/* the fake's log, answers and the contexts */
static char path_buf[4400];

static const char *
top(void)
{
	const char *t = getenv("top_srcdir");

	return t && *t ? t : TOP_SRCDIR;
}

static const char *
in_dir(const char *name)
{
	snprintf(path_buf, sizeof path_buf, "%s/%s", dir, name);
	return path_buf;
}

/* A fresh test root and fake-podman directory.  The fake is reached
 * through a wrapper that sets its variables, so the runners need no extra
 * environment. */
static void
fresh(void)
{
	char wrapper[4400], script[9000];

	if (root != NULL) {
		tu_rmrf(root);
		free(root);
	}
	if (dir != NULL) {
		tu_rmrf(dir);
		free(dir);
	}
	root = tu_fresh_root();
	dir = tu_mkdtemp();
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	snprintf(wrapper, sizeof wrapper, "%s/podman", dir);
	snprintf(script, sizeof script,
		 "#!/bin/sh\nFAKE_PODMAN_LOG='%s/log' "
		 "FAKE_PODMAN_RESPONSES='%s' exec '%s/tests/unit/fake-podman' "
		 "\"$@\"\n", dir, dir, top());
	CU_ASSERT_EQUAL_FATAL(tu_write_file(wrapper, script), 0);
	CU_ASSERT_EQUAL_FATAL(chmod(wrapper, 0755), 0);
	setenv("MPD_PODMAN", wrapper, 1);
	setenv("MPD_PODMAN_NO_SUDO", "1", 1);
}

static int
suite_teardown(void)
{
	unsetenv("MPD_PODMAN");
	unsetenv("MPD_PODMAN_NO_SUDO");
	unsetenv("MPD_TEST_ROOT");
	mpd_paths_reset();
	podman_argv_set_euid_fn(NULL);
	tu_rmrf(root);
	tu_rmrf(dir);
	free(root);
	free(dir);
	root = dir = NULL;
	return 0;
}

/* What the fake answers on its `n`th call. */
static void
answer(int n, const char *out, const char *err, int status)
{
	CU_ASSERT_EQUAL(tu_fake_answer(dir, n, out, err, status), 0);
}

static void
expect_str_at(const char *got, const char *want, int line)
{
	int same = got != NULL && strcmp(got, want) == 0;

	CU_ASSERT(same);
	if (!same)
		fprintf(stderr, "\nline %d:\nwant: %s\ngot:  %s\n", line, want,
			got ? got : "(null)");
}
#define expect_str(got, want) expect_str_at((got), (want), __LINE__)

/* The fake's log (one line per call, arguments tab-separated). */
static char *
read_log(void)
{
	char *s = tu_read_file(in_dir("log"));

	return s ? s : strdup("");
}

static int
log_calls(void)
{
	char *s = read_log();
	int n = 0;

	for (char *p = s; *p; p++)
		n += *p == '\n';
	free(s);
	return n;
}

static void
write_ini(const char *text)
{
	char *ini = mpd_path_join(MPD_PATH_CONF, "mpd.ini");

	CU_ASSERT_EQUAL(tu_write_file(ini, text), 0);
	free(ini);
}

/* ---- the base reference --------------------------------------------------- */

static void
test_base_default_and_ini(void)
{
	struct mpd_err e = { 0 };
	char *base;

	fresh();
	CU_ASSERT_EQUAL_FATAL(images_base_ref(&base, &e), 0);
	expect_str(base, "docker.io/library/debian:trixie");
	free(base);

	write_ini("[plugin.dnsmasq]\nbase = ignored\n");
	CU_ASSERT_EQUAL_FATAL(images_base_ref(&base, &e), 0);
	expect_str(base, "docker.io/library/debian:trixie");
	free(base);

	write_ini("; comment\n[plugin.x]\nk = v\n[images]\n"
		  "base = localhost/mpd-debian:trixie\n");
	CU_ASSERT_EQUAL_FATAL(images_base_ref(&base, &e), 0);
	expect_str(base, "localhost/mpd-debian:trixie");
	free(base);
}

static void
test_base_ini_errors(void)
{
	struct mpd_err e = { 0 };
	char *base = (char *)"unchanged";
	char want[600];

	fresh();
	write_ini("[images]\nbsae = localhost/x\n");
	CU_ASSERT_EQUAL(images_base_ref(&base, &e), -1);
	CU_ASSERT_PTR_NULL(base);
	snprintf(want, sizeof want, "%s:2: [images] unknown key 'bsae': the "
		 "section takes 'base = IMAGE' (the base mpd's images are "
		 "built FROM) and 'base_<release> = IMAGE' (the base of a "
		 "release's images, e.g. base_bookworm)",
		 mpd_path(MPD_PATH_MPD_INI));
	expect_str(e.msg, want);

	write_ini("[images]\nbase = a\nbase = b\n");
	CU_ASSERT_EQUAL(images_base_ref(&base, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, ":3: [images] 'base' is set twice"));

	write_ini("[images]\nbase = -v/etc:/x\n");
	CU_ASSERT_EQUAL(images_base_ref(&base, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "mpd.ini: [images] base: "));

	write_ini("[images]\nbase =\n");
	CU_ASSERT_EQUAL(images_base_ref(&base, &e), -1);

	write_ini("[images\nbase = x\n");
	CU_ASSERT_EQUAL(images_base_ref(&base, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_CORRUPT);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, ":1: not an INI line"));

	/* a release's base: its own key, else the debootstrapped default */
	write_ini("[images]\nbase = localhost/t\nbase_bookworm = localhost/b:1\n");
	CU_ASSERT_EQUAL_FATAL(images_base_ref_for("bookworm", &base, &e), 0);
	expect_str(base, "localhost/b:1");
	free(base);
	CU_ASSERT_EQUAL_FATAL(images_base_ref(&base, &e), 0);
	expect_str(base, "localhost/t");
	free(base);
	CU_ASSERT_EQUAL_FATAL(images_base_ref_for("sid", &base, &e), 0);
	expect_str(base, "localhost/mpd-debian:sid");
	free(base);
	CU_ASSERT_EQUAL(images_base_ref_for("Bad", &base, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
	write_ini("[images]\nbase_ = x\n");
	CU_ASSERT_EQUAL(images_base_ref_for("bookworm", &base, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "unknown key 'base_'"));
}

static void
test_base_ini_unreadable(void)
{
	struct mpd_err e = { 0 };
	char *base;
	char *ini;

	if (geteuid() == 0)
		return;		/* root reads anything */
	fresh();
	write_ini("[images]\nbase = x\n");
	ini = mpd_path_join(MPD_PATH_CONF, "mpd.ini");
	CU_ASSERT_EQUAL(chmod(ini, 0), 0);
	CU_ASSERT_EQUAL(images_base_ref(&base, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_IO);
	free(ini);
}

/* ---- references ------------------------------------------------------------ */

static void
test_ref_matches(void)
{
	CU_ASSERT_TRUE(images_ref_matches("localhost/mpd-debian:trixie",
					  "localhost/mpd-debian:trixie"));
	CU_ASSERT_TRUE(images_ref_matches("mpd-debian:trixie",
					  "localhost/mpd-debian:trixie"));
	CU_ASSERT_TRUE(images_ref_matches("localhost/mpd-x",
					  "localhost/mpd-x:latest"));
	CU_ASSERT_TRUE(images_ref_matches("debian:trixie",
					  "docker.io/library/debian:trixie"));
	CU_ASSERT_TRUE(images_ref_matches("library/debian:trixie",
					  "docker.io/library/debian:trixie"));
	CU_ASSERT_TRUE(images_ref_matches("docker.io/library/debian:trixie",
					  "docker.io/library/debian:trixie"));
	CU_ASSERT_TRUE(images_ref_matches("quay.io/a/b", "quay.io/a/b:latest"));
	CU_ASSERT_TRUE(images_ref_matches("reg:5000/a:1", "reg:5000/a:1"));

	CU_ASSERT_FALSE(images_ref_matches("debian:trixie",
					   "docker.io/library/debian:bookworm"));
	CU_ASSERT_FALSE(images_ref_matches("quay.io/a/b",
					   "docker.io/quay.io/a/b:latest"));
	CU_ASSERT_FALSE(images_ref_matches("localhost/a:1",
					   "docker.io/localhost/a:1"));
	CU_ASSERT_FALSE(images_ref_matches("mpd-x", "localhost/mpd-xy:latest"));
	CU_ASSERT_FALSE(images_ref_matches("", ""));
	CU_ASSERT_FALSE(images_ref_matches(NULL, "a"));
}

/* ---- the inputs hash -------------------------------------------------------- */

/* A context under dir/NAME with a Containerfile, two files, a subdir and
 * a symlink. */
static void
make_context(const char *name)
{
	char p[4400];

	snprintf(p, sizeof p, "%s/%s/Containerfile", dir, name);
	CU_ASSERT_EQUAL(tu_write_file(p, "ARG BASE\nFROM ${BASE}\n"
				      "COPY . /srv/\n"), 0);
	snprintf(p, sizeof p, "%s/%s/etc/app.conf", dir, name);
	CU_ASSERT_EQUAL(tu_write_file(p, "port = 80\n"), 0);
	snprintf(p, sizeof p, "%s/%s/run.sh", dir, name);
	CU_ASSERT_EQUAL(tu_write_file(p, "#!/bin/sh\nexec app\n"), 0);
	CU_ASSERT_EQUAL(chmod(p, 0755), 0);
	snprintf(p, sizeof p, "%s/%s/link", dir, name);
	CU_ASSERT_EQUAL(symlink("etc/app.conf", p), 0);
}

struct ctx {
	char tag[64], cf[4400], ctx[4400];
	struct images_want want;
};

static void
ctx_init(struct ctx *c, const char *name, const char *tag)
{
	memset(&c->want, 0, sizeof c->want);
	snprintf(c->tag, sizeof c->tag, "%s", tag);
	snprintf(c->ctx, sizeof c->ctx, "%s/%s", dir, name);
	snprintf(c->cf, sizeof c->cf, "%s/%s/Containerfile", dir, name);
	c->want.tag = c->tag;
	c->want.containerfile = c->cf;
	c->want.context_dir = c->ctx;
}

static void
hash_of(const struct ctx *c, const char *base, const char *id, char *out)
{
	struct mpd_err e = { 0 };

	CU_ASSERT_EQUAL(images_inputs_hash(&c->want, base, id, out, &e), 0);
	if (e.msg[0])
		fprintf(stderr, "\nhash: %s\n", e.msg);
}

static void
test_hash_stable_and_sensitive(void)
{
	char h0[MPD_SHA256_HEX], h[MPD_SHA256_HEX], p[4400];
	struct ctx c;

	fresh();
	make_context("a");
	ctx_init(&c, "a", "localhost/mpd-a:latest");
	hash_of(&c, "localhost/b:1", BASE_ID, h0);
	CU_ASSERT_EQUAL(strlen(h0), 64);
	hash_of(&c, "localhost/b:1", BASE_ID, h);
	expect_str(h, h0);

	/* the base reference and the base image's ID are inputs */
	hash_of(&c, "localhost/b:2", BASE_ID, h);
	CU_ASSERT_STRING_NOT_EQUAL(h, h0);
	hash_of(&c, "localhost/b:1", OTHER_ID, h);
	CU_ASSERT_STRING_NOT_EQUAL(h, h0);

	/* a touch changes nothing */
	snprintf(p, sizeof p, "%s/a/etc/app.conf", dir);
	CU_ASSERT_EQUAL(utimes(p, NULL), 0);
	hash_of(&c, "localhost/b:1", BASE_ID, h);
	expect_str(h, h0);

	/* contents */
	CU_ASSERT_EQUAL(tu_write_file(p, "port = 81\n"), 0);
	hash_of(&c, "localhost/b:1", BASE_ID, h);
	CU_ASSERT_STRING_NOT_EQUAL(h, h0);
	CU_ASSERT_EQUAL(tu_write_file(p, "port = 80\n"), 0);
	hash_of(&c, "localhost/b:1", BASE_ID, h);
	expect_str(h, h0);

	/* permission bits */
	snprintf(p, sizeof p, "%s/a/run.sh", dir);
	CU_ASSERT_EQUAL(chmod(p, 0644), 0);
	hash_of(&c, "localhost/b:1", BASE_ID, h);
	CU_ASSERT_STRING_NOT_EQUAL(h, h0);
	CU_ASSERT_EQUAL(chmod(p, 0755), 0);

	/* a new empty directory */
	snprintf(p, sizeof p, "%s/a/empty", dir);
	CU_ASSERT_EQUAL(mkdir(p, 0755), 0);
	hash_of(&c, "localhost/b:1", BASE_ID, h);
	CU_ASSERT_STRING_NOT_EQUAL(h, h0);
	CU_ASSERT_EQUAL(rmdir(p), 0);

	/* a symlink's target */
	snprintf(p, sizeof p, "%s/a/link", dir);
	CU_ASSERT_EQUAL(unlink(p), 0);
	CU_ASSERT_EQUAL(symlink("run.sh", p), 0);
	hash_of(&c, "localhost/b:1", BASE_ID, h);
	CU_ASSERT_STRING_NOT_EQUAL(h, h0);
	CU_ASSERT_EQUAL(unlink(p), 0);
	CU_ASSERT_EQUAL(symlink("etc/app.conf", p), 0);

	/* a rename, same contents */
	snprintf(p, sizeof p, "%s/a/run.sh", dir);
	snprintf(path_buf, sizeof path_buf, "%s/a/run2.sh", dir);
	CU_ASSERT_EQUAL(rename(p, path_buf), 0);
	hash_of(&c, "localhost/b:1", BASE_ID, h);
	CU_ASSERT_STRING_NOT_EQUAL(h, h0);
	CU_ASSERT_EQUAL(rename(path_buf, p), 0);

	hash_of(&c, "localhost/b:1", BASE_ID, h);
	expect_str(h, h0);
}

/* The same tree made in another order and place hashes the same; a
 * Containerfile outside the context is an input too. */
static void
test_hash_order_and_outside_containerfile(void)
{
	char h1[MPD_SHA256_HEX], h2[MPD_SHA256_HEX], p[4400];
	struct ctx c1, c2;

	fresh();
	snprintf(p, sizeof p, "%s/x/z", dir);
	CU_ASSERT_EQUAL(tu_write_file(p, "zz"), 0);
	snprintf(p, sizeof p, "%s/x/a/b", dir);
	CU_ASSERT_EQUAL(tu_write_file(p, "bb"), 0);
	snprintf(p, sizeof p, "%s/y/a/b", dir);
	CU_ASSERT_EQUAL(tu_write_file(p, "bb"), 0);
	snprintf(p, sizeof p, "%s/y/z", dir);
	CU_ASSERT_EQUAL(tu_write_file(p, "zz"), 0);
	snprintf(p, sizeof p, "%s/Containerfile", dir);
	CU_ASSERT_EQUAL(tu_write_file(p, "ARG BASE\nFROM ${BASE}\n"), 0);
	ctx_init(&c1, "x", "localhost/one");
	ctx_init(&c2, "y", "localhost/two");
	snprintf(c1.cf, sizeof c1.cf, "%s", p);
	snprintf(c2.cf, sizeof c2.cf, "%s", p);
	hash_of(&c1, "b", BASE_ID, h1);
	hash_of(&c2, "b", BASE_ID, h2);
	expect_str(h2, h1);
	/* a trailing slash on the context changes nothing */
	strcat(c2.ctx, "//");
	hash_of(&c2, "b", BASE_ID, h2);
	expect_str(h2, h1);
	CU_ASSERT_EQUAL(tu_write_file(p, "ARG BASE\nFROM ${BASE}\nRUN true\n"), 0);
	hash_of(&c2, "b", BASE_ID, h2);
	CU_ASSERT_STRING_NOT_EQUAL(h2, h1);
}

static void
test_hash_refuses(void)
{
	char h[MPD_SHA256_HEX], p[4400];
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct mpd_err e = { 0 };
	struct ctx c;
	int fd;

	fresh();
	make_context("a");
	ctx_init(&c, "a", "localhost/a");

	/* a missing Containerfile */
	snprintf(c.cf, sizeof c.cf, "%s/a/Nope", dir);
	CU_ASSERT_EQUAL(images_inputs_hash(&c.want, "b", BASE_ID, h, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "Containerfile of localhost/a: "
				      "cannot read "));
	ctx_init(&c, "a", "localhost/a");

	/* a missing context */
	snprintf(c.ctx, sizeof c.ctx, "%s/nowhere", dir);
	CU_ASSERT_EQUAL(images_inputs_hash(&c.want, "b", BASE_ID, h, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "cannot read the build context "
				      "directory"));
	ctx_init(&c, "a", "localhost/a");

	/* a socket in the context */
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s/a/sock", dir);
	if (strlen(dir) + 7 < sizeof sa.sun_path) {
		fd = socket(AF_UNIX, SOCK_STREAM, 0);
		CU_ASSERT_FATAL(fd >= 0);
		CU_ASSERT_EQUAL(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
		CU_ASSERT_EQUAL(images_inputs_hash(&c.want, "b", BASE_ID, h, &e),
				-1);
		CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "is not a file, directory "
					      "or symlink"));
		close(fd);
		unlink(sa.sun_path);
	}

	/* too many entries */
	for (int i = 0; i <= MPD_IMAGES_MAX_ENTRIES; i++) {
		snprintf(p, sizeof p, "%s/a/many/%d", dir, i);
		if (i == 0) {
			CU_ASSERT_EQUAL_FATAL(tu_write_file(p, ""), 0);
		} else {
			FILE *f = fopen(p, "w");

			CU_ASSERT_PTR_NOT_NULL_FATAL(f);
			fclose(f);
		}
	}
	CU_ASSERT_EQUAL(images_inputs_hash(&c.want, "b", BASE_ID, h, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "has more than 20000 entries"));
}

/* ---- argv -------------------------------------------------------------------- */

static uid_t
fake_user(void)
{
	return 1000;
}

static char *
joined(char **v)
{
	size_t len = 0;
	char *s;

	for (char **p = v; *p; p++)
		len += strlen(*p) + 1;
	s = calloc(1, len + 1);
	for (char **p = v; s && *p; p++) {
		strcat(s, *p);
		if (p[1])
			strcat(s, " ");
	}
	strv_free(v);
	return s;
}

static void
test_argv(void)
{
	struct mpd_kv label = { "mpd.inputs", "abc" };
	struct mpd_err e = { 0 };
	char *s;

	fresh();
	unsetenv("MPD_PODMAN");
	unsetenv("MPD_PODMAN_NO_SUDO");
	podman_argv_set_euid_fn(fake_user);
	s = joined(podman_argv_image_list(&e));
	expect_str(s, "sudo -n podman image list --format json");
	free(s);
	s = joined(podman_argv_image_pull("docker.io/library/debian:trixie",
					  &e));
	expect_str(s, "sudo -n podman image pull docker.io/library/debian:trixie");
	free(s);
	s = joined(podman_argv_image_build("localhost/mpd-a:latest",
	    "/opt/mpd/assets/a/Containerfile", "/opt/mpd/assets/a",
	    "localhost/mpd-debian:trixie", &label, 1, &e));
	expect_str(s, "sudo -n podman build --network=host --build-arg "
	    "BASE=localhost/mpd-debian:trixie -t localhost/mpd-a:latest "
	    "--label mpd.managed=true --label mpd.inputs=abc -f "
	    "/opt/mpd/assets/a/Containerfile /opt/mpd/assets/a");
	free(s);
	podman_argv_set_euid_fn(NULL);

	/* bad values never become arguments */
	CU_ASSERT_PTR_NULL(podman_argv_image_pull("--all", &e));
	CU_ASSERT_PTR_NULL(podman_argv_image_build("localhost/a", "/c",
	    "/d", "-base", NULL, 0, &e));
	CU_ASSERT_PTR_NULL(podman_argv_image_build("localhost/a", "c",
	    "/d", "base", NULL, 0, &e));
	label.key = "mpd.managed";
	CU_ASSERT_PTR_NULL(podman_argv_image_build("localhost/a", "/c",
	    "/d", "base", &label, 1, &e));
}

/* ---- images_ensure ----------------------------------------------------------- */

/* One listed image: names, id, and its mpd.inputs label (NULL: none). */
static void
listed(char *buf, size_t n, const char *name, const char *id,
       const char *inputs)
{
	size_t used = strlen(buf);

	snprintf(buf + used, n - used, "%s{\"Id\":\"%s\",\"Names\":[\"%s\"],"
		 "\"Labels\":%s%s%s%s%s}", used > 1 ? "," : "", id, name,
		 inputs ? "{\"mpd.managed\":\"true\",\"mpd.inputs\":\"" : "null",
		 inputs ? inputs : "", inputs ? "\"" : "", inputs ? "}" : "",
		 "");
}

static void
two_wants(struct ctx *a, struct ctx *b)
{
	make_context("a");
	make_context("b");
	ctx_init(a, "a", "localhost/mpd-a:latest");
	ctx_init(b, "b", "localhost/mpd-b:latest");
}

static void
test_ensure_all_current_is_one_call(void)
{
	char ha[MPD_SHA256_HEX], hb[MPD_SHA256_HEX], list[4000] = "[";
	struct images_want w[2];
	struct images_result r[2];
	struct mpd_err e = { 0 };
	struct ctx a, b;
	unsigned long spawns;

	fresh();
	write_ini("[images]\nbase = localhost/mpd-debian:trixie\n");
	two_wants(&a, &b);
	hash_of(&a, "localhost/mpd-debian:trixie", BASE_ID, ha);
	hash_of(&b, "localhost/mpd-debian:trixie", BASE_ID, hb);
	listed(list, sizeof list, "localhost/mpd-a:latest", OTHER_ID, ha);
	listed(list, sizeof list, "localhost/mpd-debian:trixie", BASE_ID, NULL);
	listed(list, sizeof list, "localhost/mpd-b:latest", OTHER_ID, hb);
	strcat(list, "]");
	answer(1, list, NULL, 0);
	w[0] = a.want;
	w[1] = b.want;
	spawns = mpd_exec_count();
	CU_ASSERT_EQUAL_FATAL(images_ensure(w, 2, r, &e), 0);
	CU_ASSERT_EQUAL(mpd_exec_count(), spawns + 1);
	CU_ASSERT_EQUAL(log_calls(), 1);
	{
		char *log = read_log();

		expect_str(log, "image\tlist\t--format\tjson\n");
		free(log);
	}
	CU_ASSERT_EQUAL(r[0].built, 0);
	CU_ASSERT_EQUAL(r[1].built, 0);
	expect_str(r[0].inputs, ha);
	expect_str(r[1].inputs, hb);
}

static void
test_ensure_builds_only_stale(void)
{
	char ha[MPD_SHA256_HEX], hb[MPD_SHA256_HEX], list[4000] = "[";
	char want[12000];
	struct images_want w[2];
	struct images_result r[2];
	struct mpd_err e = { 0 };
	struct ctx a, b;
	char *log;

	fresh();
	write_ini("[images]\nbase = localhost/mpd-debian:trixie\n");
	two_wants(&a, &b);
	hash_of(&a, "localhost/mpd-debian:trixie", BASE_ID, ha);
	hash_of(&b, "localhost/mpd-debian:trixie", BASE_ID, hb);
	/* a is current; b carries the hash of an older base */
	listed(list, sizeof list, "localhost/mpd-a:latest", OTHER_ID, ha);
	listed(list, sizeof list, "localhost/mpd-b:latest", OTHER_ID,
	       "0000000000000000000000000000000000000000000000000000000000000000");
	listed(list, sizeof list, "localhost/mpd-debian:trixie", BASE_ID, NULL);
	strcat(list, "]");
	answer(1, list, NULL, 0);
	w[0] = a.want;
	w[1] = b.want;
	CU_ASSERT_EQUAL_FATAL(images_ensure(w, 2, r, &e), 0);
	CU_ASSERT_EQUAL(r[0].built, 0);
	CU_ASSERT_EQUAL(r[1].built, 1);
	expect_str(r[1].inputs, hb);
	snprintf(want, sizeof want,
		 "image\tlist\t--format\tjson\n"
		 "build\t--network=host\t--build-arg\t"
		 "BASE=localhost/mpd-debian:trixie\t-t\tlocalhost/mpd-b:latest\t"
		 "--label\tmpd.managed=true\t--label\tmpd.inputs=%s\t"
		 "-f\t%s\t%s\n", hb, b.cf, b.ctx);
	log = read_log();
	expect_str(log, want);
	free(log);
}

static void
test_ensure_builds_missing_and_unlabelled(void)
{
	char list[4000] = "[";
	struct images_want w[2];
	struct images_result r[2];
	struct mpd_err e = { 0 };
	struct ctx a, b;

	fresh();	/* no mpd.ini: the default base */
	two_wants(&a, &b);
	listed(list, sizeof list, "docker.io/library/debian:trixie", BASE_ID,
	       NULL);
	listed(list, sizeof list, "localhost/mpd-b:latest", OTHER_ID, NULL);
	strcat(list, "]");
	answer(1, list, NULL, 0);
	w[0] = a.want;
	w[1] = b.want;
	CU_ASSERT_EQUAL_FATAL(images_ensure(w, 2, r, &e), 0);
	CU_ASSERT_EQUAL(r[0].built, 1);
	CU_ASSERT_EQUAL(r[1].built, 1);
	CU_ASSERT_EQUAL(log_calls(), 3);
	{
		char *log = read_log();

		CU_ASSERT_PTR_NOT_NULL(strstr(log, "--build-arg\tBASE=docker.io/"
					      "library/debian:trixie\t-t\t"
					      "localhost/mpd-a:latest\t"));
		free(log);
	}
}

/* b is built FROM a, which is stale: a is built, the images listed again,
 * and b hashed with a's new ID (then built, with its build argument). */
static void
test_ensure_chain_and_build_args(void)
{
	char hb[MPD_SHA256_HEX], list1[4000] = "[", list2[4000] = "[";
	static const struct mpd_kv args[] = { { "EXTRA_PHP", "8.1 8.3" } };
	struct images_want w[2];
	struct images_result r[2];
	struct mpd_err e = { 0 };
	struct ctx a, b;
	char *log;

	fresh();
	write_ini("[images]\nbase = localhost/mpd-debian:trixie\n");
	two_wants(&a, &b);
	listed(list1, sizeof list1, "localhost/mpd-debian:trixie", BASE_ID,
	       NULL);
	strcat(list1, "]");
	listed(list2, sizeof list2, "localhost/mpd-debian:trixie", BASE_ID,
	       NULL);
	listed(list2, sizeof list2, "localhost/mpd-a:latest", OTHER_ID, "x");
	strcat(list2, "]");
	answer(1, list1, NULL, 0);
	answer(3, list2, NULL, 0);
	w[0] = a.want;
	w[1] = b.want;
	w[1].base = "localhost/mpd-a:latest";
	w[1].build_args = args;
	w[1].n_build_args = 1;
	CU_ASSERT_EQUAL_FATAL(images_ensure(w, 2, r, &e), 0);
	CU_ASSERT_EQUAL(r[0].built, 1);
	CU_ASSERT_EQUAL(r[1].built, 1);
	CU_ASSERT_EQUAL(log_calls(), 4);
	hash_of(&b, "localhost/mpd-a:latest", OTHER_ID, hb);
	/* hash_of hashes without the build argument: they must differ */
	CU_ASSERT_NOT_EQUAL(strcmp(r[1].inputs, hb), 0);
	log = read_log();
	CU_ASSERT_PTR_NOT_NULL(strstr(log, "--build-arg\tBASE=localhost/mpd-a:"
				      "latest\t--build-arg\tEXTRA_PHP=8.1 8.3\t"
				      "-t\tlocalhost/mpd-b:latest\t"));
	free(log);
	/* a bad build argument is refused before podman builds it */
	fresh();
	write_ini("[images]\nbase = localhost/mpd-debian:trixie\n");
	two_wants(&a, &b);
	answer(1, list2, NULL, 0);
	w[0] = b.want;
	w[0].build_args = (const struct mpd_kv[]){ { "BASE", "x" } };
	w[0].n_build_args = 1;
	CU_ASSERT_EQUAL(images_ensure(w, 1, r, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "mpd's own"));
}

static void
test_ensure_pulls_missing_base(void)
{
	char list[4000] = "[", *log;
	struct images_result r[1];
	struct mpd_err e = { 0 };
	struct ctx a;

	fresh();
	make_context("a");
	ctx_init(&a, "a", "localhost/mpd-a:latest");
	answer(1, "[]", NULL, 0);
	answer(2, "", "Trying to pull docker.io/library/debian:trixie...\n", 0);
	listed(list, sizeof list, "docker.io/library/debian:trixie", BASE_ID,
	       NULL);
	strcat(list, "]");
	answer(3, list, NULL, 0);
	CU_ASSERT_EQUAL_FATAL(images_ensure(&a.want, 1, r, &e), 0);
	CU_ASSERT_EQUAL(r[0].built, 1);
	log = read_log();
	CU_ASSERT_PTR_NOT_NULL(strstr(log, "image\tlist\t--format\tjson\n"
				      "image\tpull\tdocker.io/library/debian:"
				      "trixie\nimage\tlist\t--format\tjson\n"
				      "build\t"));
	free(log);
	CU_ASSERT_EQUAL(log_calls(), 4);
}

static void
test_ensure_base_unavailable(void)
{
	struct images_result r[1];
	struct mpd_err e = { 0 };
	struct ctx a;

	fresh();
	make_context("a");
	ctx_init(&a, "a", "localhost/mpd-a:latest");
	answer(1, "", NULL, 0);	/* an empty answer is an empty list */
	answer(2, NULL, "Trying to pull docker.io/library/debian:trixie...\n"
	       "Error: initializing source docker://debian:trixie: pinging "
	       "container registry registry-1.docker.io: connection refused\n",
	       125);
	CU_ASSERT_EQUAL(images_ensure(&a.want, 1, r, &e), -1);
	CU_ASSERT_EQUAL(log_calls(), 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "base image 'docker.io/library/"
	    "debian:trixie' is missing and could not be pulled (podman pull "
	    "'docker.io/library/debian:trixie' failed (exit 125): Error: "
	    "initializing source"));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "make one with bootstrap/"
	    "base-image.sh and set [images] base = localhost/mpd-debian:trixie "
	    "in "));
	CU_ASSERT_EQUAL(r[0].built, 0);

	/* pulled, yet listed under another name */
	fresh();
	make_context("a");
	ctx_init(&a, "a", "localhost/mpd-a:latest");
	answer(1, "[]", NULL, 0);
	answer(2, "", NULL, 0);
	answer(3, "[]", NULL, 0);
	CU_ASSERT_EQUAL(images_ensure(&a.want, 1, r, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_NOTFOUND);
	CU_ASSERT_EQUAL(log_calls(), 3);
}

static void
test_ensure_build_failure(void)
{
	char list[4000] = "[";
	struct images_want w[2];
	struct images_result r[2];
	struct mpd_err e = { 0 };
	struct ctx a, b;

	fresh();
	two_wants(&a, &b);
	listed(list, sizeof list, "docker.io/library/debian:trixie", BASE_ID,
	       NULL);
	strcat(list, "]");
	answer(1, list, NULL, 0);
	answer(2, "STEP 1/3: FROM docker.io/library/debian:trixie\n", NULL, 0);
	answer(3, NULL, "E: Unable to locate package nope\n"
	       "Error: building at STEP \"RUN apt-get install nope\": exit "
	       "status 100\n", 1);
	w[0] = a.want;
	w[1] = b.want;
	CU_ASSERT_EQUAL(images_ensure(w, 2, r, &e), -1);
	expect_str(e.msg, "podman build 'localhost/mpd-b:latest' failed "
		   "(exit 1): Error: building at STEP \"RUN apt-get install "
		   "nope\": exit status 100");
	CU_ASSERT_EQUAL(r[0].built, 1);
	CU_ASSERT_EQUAL(r[1].built, 0);
}

static void
test_ensure_bad_input_runs_nothing(void)
{
	struct images_want w[2];
	struct images_result r[2];
	struct mpd_err e = { 0 };
	struct ctx a, b;

	fresh();
	two_wants(&a, &b);
	CU_ASSERT_EQUAL(images_ensure(NULL, 0, NULL, &e), 0);
	w[0] = a.want;
	w[1] = b.want;
	w[1].tag = "--rm";
	CU_ASSERT_EQUAL(images_ensure(w, 2, r, &e), -1);
	w[1] = a.want;
	CU_ASSERT_EQUAL(images_ensure(w, 2, r, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "is wanted twice"));
	w[1] = b.want;
	w[1].context_dir = "relative/dir";
	CU_ASSERT_EQUAL(images_ensure(w, 2, r, &e), -1);
	write_ini("[images]\nbase = --privileged\n");
	CU_ASSERT_EQUAL(images_ensure(&a.want, 1, r, &e), -1);
	CU_ASSERT_EQUAL(log_calls(), 0);

	/* an unreadable context fails before any build (after the listing) */
	fresh();
	two_wants(&a, &b);
	answer(1, "[{\"Id\":\"" BASE_ID "\",\"Names\":[\"docker.io/library/"
	       "debian:trixie\"]}]", NULL, 0);
	w[0] = a.want;
	w[1] = b.want;
	w[1].containerfile = "/nonexistent/Containerfile";
	CU_ASSERT_EQUAL(images_ensure(w, 2, r, &e), -1);
	CU_ASSERT_EQUAL(log_calls(), 1);
	CU_ASSERT_EQUAL(r[0].built, 0);
}

static void
test_ensure_listing_garbage(void)
{
	struct images_result r[1];
	struct mpd_err e = { 0 };
	struct ctx a;

	fresh();
	make_context("a");
	ctx_init(&a, "a", "localhost/mpd-a:latest");
	answer(1, "not json", NULL, 0);
	CU_ASSERT_EQUAL(images_ensure(&a.want, 1, r, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_CORRUPT);
	fresh();
	make_context("a");
	ctx_init(&a, "a", "localhost/mpd-a:latest");
	answer(1, "{\"Id\":\"x\"}", NULL, 0);
	CU_ASSERT_EQUAL(images_ensure(&a.want, 1, r, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "expected a JSON array"));
	fresh();
	make_context("a");
	ctx_init(&a, "a", "localhost/mpd-a:latest");
	answer(1, NULL, "sudo: a password is required\n", 1);
	CU_ASSERT_EQUAL(images_ensure(&a.want, 1, r, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "passwordless sudo"));
}

static const struct mpd_test_case images_cases[] = {
	{ "base: default and mpd.ini", test_base_default_and_ini },
	{ "base: mpd.ini errors", test_base_ini_errors },
	{ "base: unreadable mpd.ini", test_base_ini_unreadable },
	{ "reference matching", test_ref_matches },
	{ "hash: stable and sensitive", test_hash_stable_and_sensitive },
	{ "hash: order, outside Containerfile",
	  test_hash_order_and_outside_containerfile },
	{ "hash: refusals", test_hash_refuses },
	{ "argv: list, pull, build", test_argv },
	{ "ensure: all current is one call",
	  test_ensure_all_current_is_one_call },
	{ "ensure: builds only the stale", test_ensure_builds_only_stale },
	{ "ensure: missing and unlabelled",
	  test_ensure_builds_missing_and_unlabelled },
	{ "ensure: chained build, build arguments",
	  test_ensure_chain_and_build_args },
	{ "ensure: pulls a missing base", test_ensure_pulls_missing_base },
	{ "ensure: base unavailable", test_ensure_base_unavailable },
	{ "ensure: build failure", test_ensure_build_failure },
	{ "ensure: bad input runs nothing",
	  test_ensure_bad_input_runs_nothing },
	{ "ensure: listing garbage", test_ensure_listing_garbage },
	{ NULL, NULL },
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "images", NULL, suite_teardown, images_cases },
	{ NULL, NULL, NULL, NULL },
};
