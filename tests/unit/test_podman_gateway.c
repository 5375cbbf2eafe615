/* test_podman_gateway.c - the podman gateway end to end, against the
 * recording fake (tests/unit/fake-podman): the exact argv each call ran,
 * what came back, the error messages, and one process per ps. */
#include "harness.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exec.h"
#include "paths.h"
#include "podman.h"
#include "podman_names.h"
#include "testutil.h"

#ifndef TOP_SRCDIR
#define TOP_SRCDIR "."
#endif

static char *dir;
static char fake[4096], env_log[4200], env_resp[4200], env_stdin[4200];
static char env_sleep[64];
static const char *extra_env[6];

static const char *
top(void)
{
	const char *t = getenv("top_srcdir");

	return t && *t ? t : TOP_SRCDIR;
}

/* A fresh directory, log and answers for each test. */
static int
fresh(void)
{
	if (dir != NULL) {
		tu_rmrf(dir);
		free(dir);
	}
	dir = tu_mkdtemp();
	if (dir == NULL)
		return 1;
	snprintf(fake, sizeof fake, "%s/tests/unit/fake-podman", top());
	setenv("MPD_PODMAN", fake, 1);
	setenv("MPD_PODMAN_NO_SUDO", "1", 1);
	snprintf(env_log, sizeof env_log, "FAKE_PODMAN_LOG=%s/log", dir);
	snprintf(env_resp, sizeof env_resp, "FAKE_PODMAN_RESPONSES=%s", dir);
	snprintf(env_stdin, sizeof env_stdin, "FAKE_PODMAN_STDIN=%s/stdin", dir);
	extra_env[0] = env_log;
	extra_env[1] = env_resp;
	extra_env[2] = env_stdin;
	extra_env[3] = NULL;
	podman_set_extra_env(extra_env);
	podman_stats_reset();
	return 0;
}

static int
suite_setup(void)
{
	return fresh();
}

static int
suite_teardown(void)
{
	podman_set_extra_env(NULL);
	unsetenv("MPD_PODMAN");
	unsetenv("MPD_PODMAN_NO_SUDO");
	tu_rmrf(dir);
	free(dir);
	dir = NULL;
	return 0;
}

/* What the fake answers on its `n`th call (NULL: leave as default). */
static void
answer(int n, const char *out, const char *err, int status)
{
	CU_ASSERT_EQUAL(tu_fake_answer(dir, n, out, err, status), 0);
}

static char *
read_in_dir(const char *name)
{
	return tu_read_in(dir, name);
}

/* Assert the fake's log equals `want` (arguments tab-separated, one line
 * per call). */
static void
expect_log_at(const char *want, int line)
{
	char *got = read_in_dir("log");
	int same = strcmp(got, want) == 0;

	CU_ASSERT(same);
	if (!same)
		fprintf(stderr, "\nline %d: log differs\nwant:\n%sgot:\n%s", line,
			want, got);
	free(got);
}
#define expect_log(want) expect_log_at((want), __LINE__)

static void
expect_msg_at(const struct mpd_err *e, const char *want, int line)
{
	int same = strcmp(e->msg, want) == 0;

	CU_ASSERT(same);
	if (!same)
		fprintf(stderr, "\nline %d: message\nwant: %s\ngot:  %s\n", line,
			want, e->msg);
}
#define expect_msg(e, want) expect_msg_at((e), (want), __LINE__)

/* ---- status --------------------------------------------------------------- */

static void
test_ps_managed_is_one_process(void)
{
	char path[4200], *sample;
	struct podman_ps_list l;
	struct mpd_err e = { 0 };
	unsigned long spawns;

	fresh();
	snprintf(path, sizeof path, "%s/tests/unit/fixtures/podman/ps-podman43.json",
		 top());
	sample = tu_read_file(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sample);
	answer(1, sample, NULL, 0);
	free(sample);
	spawns = mpd_exec_count();
	CU_ASSERT_EQUAL_FATAL(podman_ps_managed(&l, &e), 0);
	CU_ASSERT_EQUAL(mpd_exec_count(), spawns + 1);
	CU_ASSERT_EQUAL(podman_call_count(), 1);
	expect_log("ps\t-a\t--format\tjson\t--filter\tlabel=mpd.managed=true\n");
	CU_ASSERT_EQUAL(l.n, 5);
	CU_ASSERT_PTR_NOT_NULL(podman_ps_find(&l, "mpd-exectest-running"));
	podman_ps_free(&l);
}

static void
test_container_state(void)
{
	const char *json = "[{\"Names\":[\"mpd-service-dnsmasq\"],"
	    "\"State\":\"running\"},{\"Names\":[\"mpd-db-pg\"],"
	    "\"State\":\"exited\"}]";
	enum mpd_container_state st = MPD_CONTAINER_STOPPED;
	struct mpd_err e = { 0 };

	fresh();
	answer(1, json, NULL, 0);
	answer(2, json, NULL, 0);
	answer(3, json, NULL, 0);
	CU_ASSERT_EQUAL(podman_container_state("mpd-service-dnsmasq", &st, &e), 0);
	CU_ASSERT_EQUAL(st, MPD_CONTAINER_RUNNING);
	CU_ASSERT_EQUAL(podman_container_state("mpd-db-pg", &st, &e), 0);
	CU_ASSERT_EQUAL(st, MPD_CONTAINER_STOPPED);
	CU_ASSERT_EQUAL(podman_container_state("mpd-db-gone", &st, &e), 0);
	CU_ASSERT_EQUAL(st, MPD_CONTAINER_MISSING);
	CU_ASSERT_EQUAL(podman_call_count(), 3);	/* one ps per question */
	CU_ASSERT_EQUAL(podman_container_state("-a", &st, &e), -1);
	CU_ASSERT_EQUAL(podman_call_count(), 3);	/* refused before running */
}

static void
test_ps_failures(void)
{
	struct podman_ps_list l;
	struct mpd_err e = { 0 };

	fresh();
	answer(1, NULL, "time=\"x\" level=warning msg=\"noise\"\n"
	       "Error: database is locked\n", 125);
	answer(2, "this is not json", NULL, 0);
	answer(3, NULL, "sudo: a password is required\n", 1);
	answer(4, NULL, "", 2);
	CU_ASSERT_EQUAL(podman_ps_managed(&l, &e), -1);
	expect_msg(&e, "podman ps failed (exit 125): Error: database is locked");
	CU_ASSERT_EQUAL(l.n, 0);
	CU_ASSERT_EQUAL(podman_ps_managed(&l, &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_CORRUPT);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "podman ps output is not JSON"));
	CU_ASSERT_EQUAL(podman_ps_managed(&l, &e), -1);
	expect_msg(&e, "podman ps failed: sudo asked for a password: mpd needs "
		   "passwordless sudo for podman (sudo: a password is required)");
	CU_ASSERT_EQUAL(podman_ps_managed(&l, &e), -1);
	expect_msg(&e, "podman ps failed (exit 2): (no error message)");
}

static void
test_podman_missing(void)
{
	struct podman_ps_list l;
	struct mpd_err e = { 0 };

	fresh();
	setenv("MPD_PODMAN", "/nonexistent-mpd/podman", 1);
	CU_ASSERT_EQUAL(podman_ps_managed(&l, &e), -1);
	expect_msg(&e, "cannot run '/nonexistent-mpd/podman': no such file; "
		   "install it: apt-get install podman");
	CU_ASSERT_EQUAL(podman_call_count(), 0);
	setenv("MPD_PODMAN", fake, 1);
}

/* ---- containers ----------------------------------------------------------- */

static void
test_run_and_lifecycle(void)
{
	const struct mpd_mount mounts[] = {
		{ MPD_VOLUME_NAME, MPD_VOLUME_TARGET, MPD_MOUNT_RO | MPD_MOUNT_VOLUME },
	};
	struct mpd_container_spec s;
	const struct podman_owner o = {
		.type = MPD_TYPE_SIDECAR, .plugin = "caddy", .pod = "mpd-php",
	};
	struct mpd_err e = { 0 };

	fresh();
	memset(&s, 0, sizeof s);
	s.struct_size = sizeof s;
	s.name = "mpd-php-frontdoor";
	s.image = "localhost/mpd-caddy";
	s.mounts = mounts;
	s.n_mounts = 1;
	s.flags = MPD_CONTAINER_RESTART;
	CU_ASSERT_EQUAL(podman_run(&s, &o, &e), 0);
	CU_ASSERT_EQUAL(podman_create(&s, &o, &e), 0);
	CU_ASSERT_EQUAL(podman_start("mpd-php-frontdoor", &e), 0);
	CU_ASSERT_EQUAL(podman_stop("mpd-php-frontdoor", 7, &e), 0);
	CU_ASSERT_EQUAL(podman_rm("mpd-php-frontdoor", &e), 0);
	expect_log(
	    "run\t-d\t--name\tmpd-php-frontdoor\t--pod\tmpd-php\t"
	    "--label\tmpd.managed=true\t--label\tmpd.type=sidecar\t"
	    "--label\tmpd.plugin=caddy\t"
	    "--label\tcom.docker.compose.project=mpd-dev\t"
	    "--label\tmpd.pod=mpd-php\t-v\tmpd-data-volume:/srv:ro\t"
	    "--restart=unless-stopped\tlocalhost/mpd-caddy\n"
	    "create\t--name\tmpd-php-frontdoor\t--pod\tmpd-php\t"
	    "--label\tmpd.managed=true\t--label\tmpd.type=sidecar\t"
	    "--label\tmpd.plugin=caddy\t"
	    "--label\tcom.docker.compose.project=mpd-dev\t"
	    "--label\tmpd.pod=mpd-php\t-v\tmpd-data-volume:/srv:ro\t"
	    "--restart=unless-stopped\tlocalhost/mpd-caddy\n"
	    "start\tmpd-php-frontdoor\n"
	    "stop\t-t\t7\tmpd-php-frontdoor\n"
	    "rm\t-f\tmpd-php-frontdoor\n");
	CU_ASSERT_EQUAL(podman_call_count(), 5);

	answer(6, NULL, "Error: creating container storage: the container "
	       "name \"mpd-php-frontdoor\" is already in use\n", 125);
	CU_ASSERT_EQUAL(podman_run(&s, &o, &e), -1);
	expect_msg(&e, "podman run 'mpd-php-frontdoor' failed (exit 125): "
		   "Error: creating container storage: the container name "
		   "\"mpd-php-frontdoor\" is already in use");
	s.name = "-bad";
	CU_ASSERT_EQUAL(podman_run(&s, &o, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "container name '-bad'"));
	CU_ASSERT_EQUAL(podman_call_count(), 6);	/* nothing ran */
}

static struct mpd_exec_request
request(const char *const *argv)
{
	struct mpd_exec_request r;

	memset(&r, 0, sizeof r);
	r.struct_size = sizeof r;
	r.container = "mpd-db-pg";
	r.user = "dev";
	r.argv = argv;
	return r;
}

static void
test_exec(void)
{
	const char *const argv[] = { "psql", "-f", "-", NULL };
	const char *const env[] = { "PGUSER=postgres", NULL };
	struct mpd_exec_request r = request(argv);
	struct mpd_exec_result out;
	struct mpd_err e = { 0 };
	char *in;

	fresh();
	answer(1, "result\n", "notice\n", 3);
	r.env = env;
	r.stdin_data = "select 1;\n";
	r.stdin_len = 10;
	memset(&out, 0, sizeof out);
	out.struct_size = sizeof out;
	CU_ASSERT_EQUAL_FATAL(podman_exec(&r, &out, &e), 0);
	CU_ASSERT_EQUAL(out.struct_size, sizeof out);
	CU_ASSERT_EQUAL(out.exit_status, 3);
	CU_ASSERT_EQUAL(out.timed_out, 0);
	CU_ASSERT_STRING_EQUAL(out.out, "result\n");
	CU_ASSERT_EQUAL(out.out_len, 7);
	CU_ASSERT_STRING_EQUAL(out.err, "notice\n");
	free(out.out);
	free(out.err);
	in = read_in_dir("stdin");
	CU_ASSERT_STRING_EQUAL(in, "select 1;\n");
	free(in);
	expect_log("exec\t-u\tdev\t--env\tPGUSER=postgres\t-i\tmpd-db-pg\t"
		   "psql\t-f\t-\n");

	/* podman itself failing is an error, not an exit status */
	answer(2, NULL, "Error: can only create exec sessions on running "
	       "containers: container state improper\n", 125);
	r.env = NULL;
	r.stdin_data = NULL;
	r.user = "postgres";
	CU_ASSERT_EQUAL(podman_exec(&r, &out, &e), -1);
	expect_msg(&e, "podman exec in 'mpd-db-pg' failed: Error: can only "
		   "create exec sessions on running containers: container "
		   "state improper");
}

static void
test_exec_default_user_and_timeout(void)
{
	const char *const argv[] = { "true", NULL };
	struct mpd_exec_request r = request(argv);
	struct mpd_exec_result out;
	struct mpd_err e = { 0 };
	struct passwd *pw = getpwuid(getuid());
	char want[512];

	fresh();
	CU_ASSERT_PTR_NOT_NULL_FATAL(pw);
	r.user = NULL;	/* whoever runs mpd */
	memset(&out, 0, sizeof out);
	CU_ASSERT_EQUAL_FATAL(podman_exec(&r, &out, &e), 0);
	free(out.out);
	free(out.err);
	snprintf(want, sizeof want, "exec\t-u\t%s\tmpd-db-pg\ttrue\n",
		 pw->pw_name);
	expect_log(want);

	snprintf(env_sleep, sizeof env_sleep, "FAKE_PODMAN_SLEEP=5");
	extra_env[3] = env_sleep;
	extra_env[4] = NULL;
	r.timeout_ms = 200;
	CU_ASSERT_EQUAL_FATAL(podman_exec(&r, &out, &e), 0);
	CU_ASSERT_EQUAL(out.timed_out, 1);
	CU_ASSERT_EQUAL(out.exit_status, -1);
	free(out.out);
	free(out.err);
	extra_env[3] = NULL;
}

/* ---- network, volume, pods, images ---------------------------------------- */

static void
test_network_ensure(void)
{
	struct mpd_err e = { 0 };

	fresh();	/* exists: nothing else runs */
	answer(1, NULL, NULL, 0);
	CU_ASSERT_EQUAL(podman_network_ensure(NULL, &e), 0);
	expect_log("network\texists\tmpd-internal\n");

	fresh();	/* missing, a podman with network --dns */
	answer(1, NULL, NULL, 1);
	CU_ASSERT_EQUAL(podman_network_ensure(NULL, &e), 0);
	expect_log("network\texists\tmpd-internal\n"
		   "network\tcreate\t--subnet\t10.163.0.0/24\t--gateway\t"
		   "10.163.0.1\t--dns\t10.163.0.3\t--label\tmpd.managed=true\t"
		   "mpd-internal\n");

	fresh();	/* missing, podman 4.3 */
	answer(1, NULL, NULL, 1);
	answer(2, NULL, "Error: unknown flag: --dns\nSee 'podman network "
	       "create --help'\n", 125);
	CU_ASSERT_EQUAL(podman_network_ensure(NULL, &e), 0);
	expect_log("network\texists\tmpd-internal\n"
		   "network\tcreate\t--subnet\t10.163.0.0/24\t--gateway\t"
		   "10.163.0.1\t--dns\t10.163.0.3\t--label\tmpd.managed=true\t"
		   "mpd-internal\n"
		   "network\tcreate\t--subnet\t10.163.0.0/24\t--gateway\t"
		   "10.163.0.1\t--label\tmpd.managed=true\tmpd-internal\n");

	fresh();	/* create fails for real */
	answer(1, NULL, NULL, 1);
	answer(2, NULL, "Error: subnet 10.163.0.0/24 is already used on the "
	       "host or by another config\n", 125);
	answer(3, NULL, NULL, 1);
	CU_ASSERT_EQUAL(podman_network_ensure(NULL, &e), -1);
	expect_msg(&e, "podman network create mpd-internal failed (exit 125): "
		   "Error: subnet 10.163.0.0/24 is already used on the host "
		   "or by another config");

	fresh();	/* exists answers something odd */
	answer(1, NULL, "Error: boom\n", 125);
	CU_ASSERT_EQUAL(podman_network_ensure(NULL, &e), -1);
	expect_msg(&e, "podman network exists failed (exit 125): Error: boom");
}

static void
test_volume_ensure(void)
{
	struct mpd_err e = { 0 };

	fresh();
	answer(1, NULL, NULL, 1);
	CU_ASSERT_EQUAL(podman_volume_ensure(NULL, &e), 0);
	expect_log("volume\texists\tmpd-data-volume\n"
		   "volume\tcreate\t--label\tmpd.managed=true\tmpd-data-volume\n");
	fresh();	/* made meanwhile by someone else */
	answer(1, NULL, NULL, 1);
	answer(2, NULL, "Error: volume with name mpd-data-volume already "
	       "exists: volume already exists\n", 125);
	answer(3, NULL, NULL, 0);
	CU_ASSERT_EQUAL(podman_volume_ensure(NULL, &e), 0);
	CU_ASSERT_EQUAL(podman_call_count(), 3);
}

static void
test_pods_and_images(void)
{
	struct podman_pod_spec p = { .name = "mpd-php", .ip = "10.163.0.100" };
	const struct podman_owner o = { .type = MPD_TYPE_RUNTIME,
					.plugin = "php" };
	struct mpd_err e = { 0 };
	bool exists = true;
	char *json = NULL;

	fresh();
	answer(2, NULL, NULL, 1);		/* pod exists: no */
	answer(6, NULL, NULL, 0);		/* image exists: yes */
	answer(7, NULL, NULL, 1);		/* image exists: no */
	answer(8, NULL, "Error: x\n", 125);	/* image exists: broken */
	answer(11, "[{\"Id\":\"abc\"}]\n", NULL, 0);
	CU_ASSERT_EQUAL(podman_pod_create(&p, &o, &e), 0);
	CU_ASSERT_EQUAL(podman_pod_exists("mpd-php", &exists, &e), 0);
	CU_ASSERT_EQUAL(exists, false);
	CU_ASSERT_EQUAL(podman_pod_start("mpd-php", &e), 0);
	CU_ASSERT_EQUAL(podman_pod_stop("mpd-php", 3, &e), 0);
	CU_ASSERT_EQUAL(podman_pod_rm("mpd-php", &e), 0);
	CU_ASSERT_EQUAL(podman_image_exists("localhost/a:b", &exists, &e), 0);
	CU_ASSERT_EQUAL(exists, true);
	CU_ASSERT_EQUAL(podman_image_exists("localhost/a:b", &exists, &e), 0);
	CU_ASSERT_EQUAL(exists, false);
	CU_ASSERT_EQUAL(podman_image_exists("localhost/a:b", &exists, &e), -1);
	expect_msg(&e, "podman image exists 'localhost/a:b' failed (exit 125): "
		   "Error: x");
	/* a root without the host's CA bundle (test_podman_argv has both) */
	setenv("MPD_TEST_ROOT", dir, 1);
	mpd_paths_reset();
	CU_ASSERT_EQUAL(podman_image_build("localhost/a:b", "/ctx/Containerfile",
					   "/ctx", NULL, NULL, 0, &e), 0);
	unsetenv("MPD_TEST_ROOT");
	mpd_paths_reset();
	CU_ASSERT_EQUAL(podman_image_import("/tmp/r.tar", "localhost/r:1", &e), 0);
	CU_ASSERT_EQUAL(podman_inspect(PODMAN_OBJ_CONTAINER, "mpd-x", &json,
				       &e), 0);
	CU_ASSERT_STRING_EQUAL(json, "[{\"Id\":\"abc\"}]\n");
	free(json);
	expect_log(
	    "pod\tcreate\t--name\tmpd-php\t--network\tmpd-internal:ip=10.163.0.100,mac=02:00:0a:a3:00:64\t"
	    "--label\tmpd.managed=true\t--label\tmpd.type=runtime\t"
	    "--label\tmpd.plugin=php\t--label\tmpd.ip=10.163.0.100\t"
	    "--label\tcom.docker.compose.project=mpd-dev\n"
	    "pod\texists\tmpd-php\n"
	    "pod\tstart\tmpd-php\n"
	    "pod\tstop\t-t\t3\tmpd-php\n"
	    "pod\trm\t-f\tmpd-php\n"
	    "image\texists\tlocalhost/a:b\n"
	    "image\texists\tlocalhost/a:b\n"
	    "image\texists\tlocalhost/a:b\n"
	    "build\t--network=host\t-t\tlocalhost/a:b\t--label\tmpd.managed=true\t"
	    "-f\t/ctx/Containerfile\t/ctx\n"
	    "import\t/tmp/r.tar\tlocalhost/r:1\n"
	    "inspect\t--type\tcontainer\tmpd-x\n");
	CU_ASSERT_EQUAL(podman_call_count(), 11);
}

/* ---- statistics ----------------------------------------------------------- */

static void
test_stats(void)
{
	struct podman_ps_list l;
	struct mpd_err e = { 0 };
	char line[96];
	unsigned long spawns = mpd_exec_count();

	fresh();
	CU_ASSERT_STRING_EQUAL(podman_stats_format(line, sizeof line),
			       "podman: 0 calls, 0.000 s");
	CU_ASSERT_EQUAL(podman_ps_managed(&l, &e), 0);
	podman_ps_free(&l);
	podman_stats_format(line, sizeof line);
	CU_ASSERT_EQUAL(strncmp(line, "podman: 1 call, ", 16), 0);
	CU_ASSERT(podman_call_seconds() > 0);
	CU_ASSERT_EQUAL(podman_ps_managed(&l, &e), 0);
	podman_ps_free(&l);
	podman_stats_format(line, sizeof line);
	CU_ASSERT_EQUAL(strncmp(line, "podman: 2 calls, ", 17), 0);
	CU_ASSERT_EQUAL(line[strlen(line) - 1], 's');
	CU_ASSERT_EQUAL(mpd_exec_count(), spawns + 2);
	podman_stats_reset();
	CU_ASSERT_EQUAL(podman_call_count(), 0);
}

static const struct mpd_test_case gateway_cases[] = {
	{ "ps: one process", test_ps_managed_is_one_process },
	{ "container state", test_container_state },
	{ "ps failures", test_ps_failures },
	{ "podman missing", test_podman_missing },
	{ "run and lifecycle", test_run_and_lifecycle },
	{ "exec", test_exec },
	{ "exec: default user, timeout", test_exec_default_user_and_timeout },
	{ "network ensure", test_network_ensure },
	{ "volume ensure", test_volume_ensure },
	{ "pods and images", test_pods_and_images },
	{ "statistics", test_stats },
	{ NULL, NULL },
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "podman-gateway", suite_setup, suite_teardown, gateway_cases },
	{ NULL, NULL, NULL, NULL },
};
