/* test_podman_argv.c - every podman command line, exactly; the prefix as
 * root and not; and the values the builders refuse. */
#include "harness.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"
#include "podman_argv.h"
#include "podman_names.h"
#include "strv.h"

static uid_t fake_uid;

static uid_t
fake_euid(void)
{
	return fake_uid;
}

static int
as_root(void)
{
	fake_uid = 0;
	podman_argv_set_euid_fn(fake_euid);
	unsetenv("MPD_PODMAN");
	unsetenv("MPD_PODMAN_NO_SUDO");
	return 0;
}

static int
restore(void)
{
	podman_argv_set_euid_fn(NULL);
	unsetenv("MPD_PODMAN");
	unsetenv("MPD_PODMAN_NO_SUDO");
	return 0;
}

/* Assert `got` equals `want` element by element; frees `got`. */
static void
expect_argv_at(char **got, const char *const *want, int line)
{
	size_t n = strv_len(want), m = strv_len(strv_const(got));
	int same = got != NULL && n == m;

	for (size_t i = 0; same && i < n; i++)
		same = strcmp(got[i], want[i]) == 0;
	CU_ASSERT(same);
	if (!same) {
		fprintf(stderr, "\nline %d: argv differs\n  want:", line);
		for (size_t i = 0; i < n; i++)
			fprintf(stderr, " [%s]", want[i]);
		fprintf(stderr, "\n  got: ");
		for (size_t i = 0; got && i < m; i++)
			fprintf(stderr, " [%s]", got[i]);
		fprintf(stderr, "\n");
	}
	strv_free(got);
}
#define expect_argv(got, ...) do { \
		const char *const want_[] = { __VA_ARGS__, NULL }; \
		expect_argv_at((got), want_, __LINE__); \
	} while (0)

/* Assert a builder refused with a message containing `part`. */
static void
expect_refused_at(char **got, const struct mpd_err *e, const char *part,
		  int line)
{
	int ok = got == NULL && e->code == MPD_ERR_INPUT &&
	    strstr(e->msg, part) != NULL;

	CU_ASSERT(ok);
	if (!ok)
		fprintf(stderr, "\nline %d: want refusal with '%s', got %s (%s)\n",
			line, part, got ? got[0] : "NULL", e->msg);
	strv_free(got);
}
#define expect_refused(got, e, part) \
	expect_refused_at((got), (e), (part), __LINE__)

static struct mpd_container_spec
spec_named(const char *name, const char *image)
{
	struct mpd_container_spec s;

	memset(&s, 0, sizeof s);
	s.struct_size = sizeof s;
	s.name = name;
	s.image = image;
	return s;
}

static const struct podman_owner svc_owner = {
	.type = MPD_TYPE_SERVICE, .plugin = "dnsmasq",
};

/* ---- prefix --------------------------------------------------------------- */

static void
test_prefix_root_and_not(void)
{
	struct mpd_err e = { 0 };

	fake_uid = 0;
	expect_argv(podman_argv_start("c1", &e), "podman", "start", "c1");
	fake_uid = 1000;
	expect_argv(podman_argv_start("c1", &e), "sudo", "-n", "podman",
		    "start", "c1");
	/* MPD_PODMAN_NO_SUDO alone does not drop sudo */
	setenv("MPD_PODMAN_NO_SUDO", "1", 1);
	expect_argv(podman_argv_start("c1", &e), "sudo", "-n", "podman",
		    "start", "c1");
	setenv("MPD_PODMAN", "/opt/fake/podman", 1);
	expect_argv(podman_argv_start("c1", &e), "/opt/fake/podman", "start",
		    "c1");
	unsetenv("MPD_PODMAN_NO_SUDO");
	expect_argv(podman_argv_start("c1", &e), "sudo", "-n",
		    "/opt/fake/podman", "start", "c1");
	setenv("MPD_PODMAN_NO_SUDO", "yes", 1);	/* only "1" counts */
	expect_argv(podman_argv_start("c1", &e), "sudo", "-n",
		    "/opt/fake/podman", "start", "c1");
	fake_uid = 0;
	expect_argv(podman_argv_start("c1", &e), "/opt/fake/podman", "start",
		    "c1");
	setenv("MPD_PODMAN", "", 1);	/* empty: the default */
	expect_argv(podman_argv_start("c1", &e), "podman", "start", "c1");
	setenv("MPD_PODMAN", "--rm", 1);
	expect_refused(podman_argv_start("c1", &e), &e, "MPD_PODMAN='--rm'");
	as_root();
}

/* ---- the root-side limit --------------------------------------------------- */

static void
test_limited_through_sudo(void)
{
	struct mpd_err e = { 0 };
	char **plain;

	fake_uid = 1000;
	plain = podman_argv_start("c1", &e);
	CU_ASSERT_PTR_NOT_NULL_FATAL(plain);
	/* the limit trails mpd's by PODMAN_ROOT_LIMIT_LAG_MS; SIGKILL follows
	 * after exec's grace */
	expect_argv(podman_argv_limited(plain, 120000, false, &e), "sudo", "-n",
		    "timeout", "-k", "1s", "120.250s", "podman", "start", "c1");
	expect_argv(podman_argv_limited(plain, 500, false, &e), "sudo", "-n",
		    "timeout", "-k", "1s", "0.750s", "podman", "start", "c1");
	/* a command on the terminal stays in its group */
	expect_argv(podman_argv_limited(plain, 1750, true, &e), "sudo", "-n",
		    "timeout", "--foreground", "-k", "1s", "2s", "podman",
		    "start", "c1");
	/* no limit: nothing to enforce */
	expect_argv(podman_argv_limited(plain, 0, false, &e), "sudo", "-n",
		    "podman", "start", "c1");
	strv_free(plain);

	/* as root (or without sudo) mpd's own kill() reaches podman */
	fake_uid = 0;
	plain = podman_argv_start("c1", &e);
	CU_ASSERT_PTR_NOT_NULL_FATAL(plain);
	expect_argv(podman_argv_limited(plain, 120000, false, &e), "podman",
		    "start", "c1");
	strv_free(plain);
	setenv("MPD_PODMAN", "/opt/fake/podman", 1);
	setenv("MPD_PODMAN_NO_SUDO", "1", 1);
	fake_uid = 1000;
	plain = podman_argv_start("c1", &e);
	CU_ASSERT_PTR_NOT_NULL_FATAL(plain);
	expect_argv(podman_argv_limited(plain, 120000, false, &e),
		    "/opt/fake/podman", "start", "c1");
	strv_free(plain);
	as_root();
}

/* ---- containers ----------------------------------------------------------- */

static void
test_run_full_spec(void)
{
	const char *const aliases[] = { "dns", "dnsmasq.service.mpd.test", NULL };
	const struct mpd_kv labels[] = { { "mpd.ca.fingerprint", "ab12" } };
	const struct mpd_kv env[] = { { "TZ", "UTC" }, { "EMPTY", "" } };
	const struct mpd_mount mounts[] = {
		{ "/opt/mpd", "/opt/mpd", MPD_MOUNT_RO },
		{ MPD_VOLUME_NAME, MPD_VOLUME_TARGET, MPD_MOUNT_VOLUME },
		{ "/var/lib/mpd/state/dnsmasq.d", "/etc/dnsmasq.d", MPD_MOUNT_RO },
	};
	const char *const cmd[] = { "dnsmasq", "--keep-in-foreground", NULL };
	const char *const caps[] = { "NET_ADMIN", "NET_BIND_SERVICE", NULL };
	const char *const drop[] = { "ALL", NULL };
	const char *const dns[] = { "10.163.0.3", NULL };
	struct mpd_container_spec s = spec_named("mpd-service-dnsmasq",
						 "localhost/mpd-dnsmasq:latest");
	const struct podman_owner o = {
		.type = MPD_TYPE_SERVICE, .plugin = "dnsmasq",
		.kind = "service", .name = "dnsmasq",
	};
	struct mpd_err e = { 0 };

	s.hostname = "dnsmasq";
	s.ip = "10.163.0.3";
	s.aliases = aliases;
	s.labels = labels;
	s.n_labels = 1;
	s.env = env;
	s.n_env = 2;
	s.mounts = mounts;
	s.n_mounts = 3;
	s.command = cmd;
	s.user = "root";
	s.workdir = "/etc";
	s.cap_add = caps;
	s.cap_drop = drop;
	s.dns = dns;
	s.flags = MPD_CONTAINER_RESTART | MPD_CONTAINER_INIT |
	    MPD_CONTAINER_READ_ONLY | MPD_CONTAINER_NO_NEW_PRIVS;
	s.revision = "9";
	expect_argv(podman_argv_run(&s, &o, &e),
	    "podman", "run", "-d", "--name", "mpd-service-dnsmasq",
	    "--hostname", "dnsmasq",
	    "--network", "mpd-internal:ip=10.163.0.3,mac=02:00:0a:a3:00:03",
	    "--network-alias", "dns",
	    "--network-alias", "dnsmasq.service.mpd.test",
	    "--label", "mpd.managed=true",
	    "--label", "mpd.type=service",
	    "--label", "mpd.plugin=dnsmasq",
	    "--label", "mpd.kind=service",
	    "--label", "mpd.name=dnsmasq",
	    "--label", "mpd.ip=10.163.0.3",
	    "--label", "mpd.revision=9",
	    "--label", "com.docker.compose.project=mpd-service",
	    "--label", "mpd.ca.fingerprint=ab12",
	    "--env", "TZ=UTC",
	    "--env", "EMPTY=",
	    "-v", "/opt/mpd:/opt/mpd:ro",
	    "-v", "mpd-data-volume:/srv",
	    "-v", "/var/lib/mpd/state/dnsmasq.d:/etc/dnsmasq.d:ro",
	    "--user", "root",
	    "--workdir", "/etc",
	    "--dns", "10.163.0.3",
	    "--cap-drop", "ALL",
	    "--cap-add", "NET_ADMIN",
	    "--cap-add", "NET_BIND_SERVICE",
	    "--restart=unless-stopped",
	    "--init",
	    "--read-only",
	    "--security-opt=no-new-privileges",
	    "localhost/mpd-dnsmasq:latest",
	    "dnsmasq", "--keep-in-foreground");
}

/* a writer of a shorter spec (before dns/cap_drop) is read up to its
 * struct_size only: whatever lies beyond is never touched */
static void
test_run_short_spec_ignores_later_fields(void)
{
	const char *const dns[] = { "10.163.0.3", NULL };
	struct mpd_container_spec s = spec_named("mpd-service-x",
						 "localhost/x:latest");
	const struct podman_owner o = { .type = MPD_TYPE_SERVICE, .plugin = "x" };
	struct mpd_err e = { 0 };
	char **argv;
	bool has_dns = false;

	s.struct_size = offsetof(struct mpd_container_spec, dns);
	s.dns = dns;
	argv = podman_argv_run(&s, &o, &e);
	CU_ASSERT_PTR_NOT_NULL_FATAL(argv);
	for (char **a = argv; *a; a++)
		has_dns |= strcmp(*a, "--dns") == 0;
	CU_ASSERT_FALSE(has_dns);
	strv_free(argv);
}

static void
test_run_minimal_and_db_command_with_dashes(void)
{
	struct mpd_container_spec s = spec_named("mpd-db-mariadb-11",
						 "localhost/mpd-mariadb:11");
	const char *const args[] = { "--character-set-server=utf8mb4",
				     "--skip-log-bin", NULL };
	const struct podman_owner o = {
		.type = MPD_TYPE_DB, .plugin = "mariadb", .name = "mariadb-11",
	};
	struct mpd_err e = { 0 };

	expect_argv(podman_argv_run(&s, &svc_owner, &e),
	    "podman", "run", "-d", "--name", "mpd-db-mariadb-11",
	    "--network", "mpd-internal",
	    "--label", "mpd.managed=true",
	    "--label", "mpd.type=service",
	    "--label", "mpd.plugin=dnsmasq",
	    "--label", "com.docker.compose.project=mpd-service",
	    "localhost/mpd-mariadb:11");
	/* arguments after the image belong to the container */
	s.command = args;
	s.ip = "10.163.0.30";
	expect_argv(podman_argv_run(&s, &o, &e),
	    "podman", "run", "-d", "--name", "mpd-db-mariadb-11",
	    "--network", "mpd-internal:ip=10.163.0.30,mac=02:00:0a:a3:00:1e",
	    "--label", "mpd.managed=true",
	    "--label", "mpd.type=db",
	    "--label", "mpd.plugin=mariadb",
	    "--label", "mpd.name=mariadb-11",
	    "--label", "mpd.ip=10.163.0.30",
	    "--label", "com.docker.compose.project=mpd-db",
	    "localhost/mpd-mariadb:11",
	    "--character-set-server=utf8mb4", "--skip-log-bin");
}

static void
test_create_in_pod_with_systemd(void)
{
	struct mpd_container_spec s = spec_named("mpd-php", "localhost/mpd-php");
	const char *const init[] = { "/sbin/init", NULL };
	const struct podman_owner o = {
		.type = MPD_TYPE_RUNTIME, .plugin = "php", .name = "php",
		.pod = "mpd-pod-php",
	};
	struct mpd_err e = { 0 };

	s.command = init;
	s.flags = MPD_CONTAINER_SYSTEMD;
	expect_argv(podman_argv_create(&s, &o, &e),
	    "podman", "create", "--name", "mpd-php", "--pod", "mpd-pod-php",
	    "--label", "mpd.managed=true",
	    "--label", "mpd.type=runtime",
	    "--label", "mpd.plugin=php",
	    "--label", "mpd.name=php",
	    "--label", "com.docker.compose.project=mpd-dev",
	    "--label", "mpd.pod=mpd-pod-php",
	    "--systemd=always",
	    "localhost/mpd-php", "/sbin/init");
}

static void
test_container_lifecycle(void)
{
	struct mpd_err e = { 0 };

	expect_argv(podman_argv_start("mpd-db-postgres-17", &e),
		    "podman", "start", "mpd-db-postgres-17");
	expect_argv(podman_argv_stop("mpd-db-postgres-17", 10, &e),
		    "podman", "stop", "-t", "10", "mpd-db-postgres-17");
	expect_argv(podman_argv_rm("mpd-db-postgres-17", &e),
		    "podman", "rm", "-f", "mpd-db-postgres-17");
	expect_refused(podman_argv_stop("c", -1, &e), &e, "stop timeout -1");
	expect_refused(podman_argv_stop("c", 3601, &e), &e, "0-3600");
}

static void
test_exec_requests(void)
{
	const char *const argv[] = { "psql", "-c", "select 1", NULL };
	const char *const env[] = { "PGUSER=postgres", "A=b=c", NULL };
	struct mpd_exec_request r;
	struct mpd_err e = { 0 };

	memset(&r, 0, sizeof r);
	r.struct_size = sizeof r;
	r.container = "mpd-db-postgres-17";
	r.argv = argv;
	expect_argv(podman_argv_exec(&r, 0, &e),
	    "podman", "exec", "mpd-db-postgres-17", "psql", "-c", "select 1");
	r.user = "postgres";
	r.workdir = "/srv";
	r.env = env;
	r.stdin_data = "x";
	r.stdin_len = 1;
	expect_argv(podman_argv_exec(&r, 0, &e),
	    "podman", "exec", "-u", "postgres", "-w", "/srv",
	    "--env", "PGUSER=postgres", "--env", "A=b=c", "-i",
	    "mpd-db-postgres-17", "psql", "-c", "select 1");
	r.stdin_data = NULL;
	r.env = NULL;
	r.workdir = NULL;
	r.user = "1000:1000";
	expect_argv(podman_argv_exec(&r, PODMAN_EXEC_TTY, &e),
	    "podman", "exec", "-u", "1000:1000", "-i", "-t",
	    "mpd-db-postgres-17", "psql", "-c", "select 1");
}

static void
test_exec_refusals(void)
{
	const char *const argv[] = { "true", NULL };
	const char *const empty[] = { NULL };
	const char *const noeq[] = { "PGUSER", NULL };
	struct mpd_exec_request r;
	struct mpd_err e = { 0 };

	memset(&r, 0, sizeof r);
	r.struct_size = sizeof r;
	r.container = "-it";
	r.argv = argv;
	expect_refused(podman_argv_exec(&r, 0, &e), &e, "container name '-it'");
	r.container = "c";
	r.argv = empty;
	expect_refused(podman_argv_exec(&r, 0, &e), &e, "the command is empty");
	r.argv = argv;
	r.env = noeq;
	expect_refused(podman_argv_exec(&r, 0, &e), &e, "write KEY=VALUE");
	r.env = NULL;
	r.user = "--privileged";
	expect_refused(podman_argv_exec(&r, 0, &e), &e, "user '--privileged'");
	r.user = NULL;
	r.workdir = "srv";
	expect_refused(podman_argv_exec(&r, 0, &e), &e, "working directory 'srv'");
	r.workdir = NULL;
	r.struct_size = 8;
	expect_refused(podman_argv_exec(&r, 0, &e), &e, "too short");
	expect_refused(podman_argv_exec(NULL, 0, &e), &e, "missing");
}

/* ---- status, network, volume ---------------------------------------------- */

static void
test_ps_network_volume(void)
{
	struct mpd_err e = { 0 };

	expect_argv(podman_argv_ps(&e), "podman", "ps", "-a", "--format", "json",
		    "--filter", "label=mpd.managed=true");
	expect_argv(podman_argv_network_exists(&e),
		    "podman", "network", "exists", "mpd-internal");
	expect_argv(podman_argv_network_create(true, &e),
		    "podman", "network", "create", "--subnet", "10.163.0.0/24",
		    "--gateway", "10.163.0.1", "--dns", "10.163.0.3",
		    "--label", "mpd.managed=true", "mpd-internal");
	expect_argv(podman_argv_network_create(false, &e),
		    "podman", "network", "create", "--subnet", "10.163.0.0/24",
		    "--gateway", "10.163.0.1",
		    "--label", "mpd.managed=true", "mpd-internal");
	expect_argv(podman_argv_volume_exists(&e),
		    "podman", "volume", "exists", "mpd-data-volume");
	expect_argv(podman_argv_volume_create(&e),
		    "podman", "volume", "create", "--label", "mpd.managed=true",
		    "mpd-data-volume");
}

/* ---- pods ----------------------------------------------------------------- */

static void
test_pods(void)
{
	const char *const aliases[] = { "php.runtime.mpd.test", NULL };
	const struct mpd_kv extra[] = { { "mpd.runtime", "php" } };
	struct podman_pod_spec p = {
		.name = "mpd-161-php", .hostname = "mpd-161-php",
		.ip = "10.163.0.100", .aliases = aliases,
		.labels = extra, .n_labels = 1,
	};
	const struct podman_owner o = {
		.type = MPD_TYPE_RUNTIME, .plugin = "php", .name = "php",
		.pod = "ignored",
	};
	struct mpd_err e = { 0 };

	expect_argv(podman_argv_pod_create(&p, &o, &e),
	    "podman", "pod", "create", "--name", "mpd-161-php",
	    "--hostname", "mpd-161-php",
	    "--network", "mpd-internal:ip=10.163.0.100,mac=02:00:0a:a3:00:64",
	    "--network-alias", "php.runtime.mpd.test",
	    "--label", "mpd.managed=true",
	    "--label", "mpd.type=runtime",
	    "--label", "mpd.plugin=php",
	    "--label", "mpd.name=php",
	    "--label", "mpd.ip=10.163.0.100",
	    "--label", "com.docker.compose.project=mpd-dev",
	    "--label", "mpd.runtime=php");
	expect_argv(podman_argv_pod_exists("mpd-161-php", &e),
		    "podman", "pod", "exists", "mpd-161-php");
	expect_argv(podman_argv_pod_start("mpd-161-php", &e),
		    "podman", "pod", "start", "mpd-161-php");
	expect_argv(podman_argv_pod_stop("mpd-161-php", 5, &e),
		    "podman", "pod", "stop", "-t", "5", "mpd-161-php");
	expect_argv(podman_argv_pod_rm("mpd-161-php", &e),
		    "podman", "pod", "rm", "-f", "mpd-161-php");
	p.dns = (const char *const[]){ "10.163.0.3", NULL };
	p.aliases = NULL;
	p.n_labels = 0;
	expect_argv(podman_argv_pod_create(&p, &o, &e),
	    "podman", "pod", "create", "--name", "mpd-161-php",
	    "--hostname", "mpd-161-php", "--dns", "10.163.0.3",
	    "--network", "mpd-internal:ip=10.163.0.100,mac=02:00:0a:a3:00:64",
	    "--label", "mpd.managed=true",
	    "--label", "mpd.type=runtime",
	    "--label", "mpd.plugin=php",
	    "--label", "mpd.name=php",
	    "--label", "mpd.ip=10.163.0.100",
	    "--label", "com.docker.compose.project=mpd-dev");
	p.dns = (const char *const[]){ "-x", NULL };
	expect_refused(podman_argv_pod_create(&p, &o, &e), &e, "-x");
	p.dns = NULL;
	p.ip = "10.163.1.100";
	expect_refused(podman_argv_pod_create(&p, &o, &e), &e,
		       "address '10.163.1.100'");
	expect_refused(podman_argv_pod_create(NULL, &o, &e), &e, "missing");
}

/* ---- images --------------------------------------------------------------- */

static void
test_images_and_inspect(void)
{
	const struct mpd_kv labels[] = { { "mpd.image.revision", "3" } };
	struct mpd_err e = { 0 };
	char root[] = "/tmp/mpd-argv-XXXXXX", bundle[128], vol[200];
	FILE *f;

	/* a root without the host's CA bundle: no volume */
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(root));
	setenv("MPD_TEST_ROOT", root, 1);
	mpd_paths_reset();
	expect_argv(podman_argv_image_exists("localhost/mpd-debian:trixie", &e),
		    "podman", "image", "exists", "localhost/mpd-debian:trixie");
	expect_argv(podman_argv_image_build("localhost/mpd-adminer:latest",
					    "/opt/mpd/assets/adminer/Containerfile",
					    "/opt/mpd/assets/adminer", NULL,
					    labels, 1,
					    &e),
	    "podman", "build", "--network=host",
	    "-t", "localhost/mpd-adminer:latest",
	    "--label", "mpd.managed=true", "--label", "mpd.image.revision=3",
	    "-f", "/opt/mpd/assets/adminer/Containerfile",
	    "/opt/mpd/assets/adminer");
	/* with it, RUN steps see it read-only */
	snprintf(bundle, sizeof bundle, "%s/etc", root);
	CU_ASSERT_EQUAL(mkdir(bundle, 0755), 0);
	strcat(bundle, "/ssl");
	CU_ASSERT_EQUAL(mkdir(bundle, 0755), 0);
	strcat(bundle, "/certs");
	CU_ASSERT_EQUAL(mkdir(bundle, 0755), 0);
	strcat(bundle, "/ca-certificates.crt");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f = fopen(bundle, "w"));
	fclose(f);
	snprintf(vol, sizeof vol, "--volume=%s:" MPD_BUILD_HOST_CA ":ro", bundle);
	expect_argv(podman_argv_image_build("localhost/a:b", "/c/Containerfile",
					    "/c", NULL, NULL, 0, &e),
	    "podman", "build", "--network=host", vol, "-t", "localhost/a:b",
	    "--label", "mpd.managed=true", "-f", "/c/Containerfile", "/c");
	unlink(bundle);
	for (int i = 0; i < 3; i++) {
		*strrchr(bundle, '/') = '\0';
		rmdir(bundle);
	}
	rmdir(root);
	unsetenv("MPD_TEST_ROOT");
	mpd_paths_reset();
	expect_argv(podman_argv_image_import("/tmp/rootfs.tar",
					     "localhost/mpd-debian:trixie", &e),
		    "podman", "import", "/tmp/rootfs.tar",
		    "localhost/mpd-debian:trixie");
	expect_argv(podman_argv_inspect(PODMAN_OBJ_CONTAINER, "mpd-db-x", &e),
		    "podman", "inspect", "--type", "container", "mpd-db-x");
	expect_argv(podman_argv_inspect(PODMAN_OBJ_IMAGE, "localhost/a:b", &e),
		    "podman", "inspect", "--type", "image", "localhost/a:b");
	expect_argv(podman_argv_inspect(PODMAN_OBJ_NETWORK, "mpd-internal", &e),
		    "podman", "inspect", "--type", "network", "mpd-internal");
	expect_refused(podman_argv_image_build("-t", "/f", "/d", NULL, NULL, 0, &e),
		       &e, "image '-t'");
	expect_refused(podman_argv_image_build("a", "f", "/d", NULL, NULL, 0, &e),
		       &e, "Containerfile 'f'");
	expect_refused(podman_argv_image_import("-", "a", &e), &e,
		       "image tarball '-'");
	expect_refused(podman_argv_inspect((enum podman_object)42, "x", &e),
		       &e, "unknown object type");
}

/* ---- refusals in container specs ------------------------------------------ */

static void
test_container_refusals(void)
{
	struct mpd_container_spec s = spec_named("c", "img");
	const char *const bad_alias[] = { "-x", NULL };
	const char *const bad_cap[] = { "CAP-SYS", NULL };
	const struct mpd_kv reserved[] = { { "mpd.managed", "false" } };
	const struct mpd_kv badval[] = { { "k", "a\nb" } };
	const struct mpd_kv badkey[] = { { "-k", "v" } };
	const struct mpd_kv badenv[] = { { "1A", "v" } };
	const struct mpd_kv nullenv[] = { { "A", NULL } };
	const struct mpd_mount relmount[] = { { "srv", "/srv", 0 } };
	const struct mpd_mount colon[] = { { "/a:b", "/srv", 0 } };
	const struct mpd_mount badvol[] = { { "-v", "/srv", MPD_MOUNT_VOLUME } };
	struct podman_owner o = svc_owner;
	struct mpd_err e = { 0 };

	s.name = "-rf";
	expect_refused(podman_argv_run(&s, &o, &e), &e, "container name '-rf'");
	s.name = "a b";
	expect_refused(podman_argv_run(&s, &o, &e), &e, "container name 'a b'");
	s.name = "";
	expect_refused(podman_argv_run(&s, &o, &e), &e, "container name ''");
	s.name = NULL;
	expect_refused(podman_argv_run(&s, &o, &e), &e, "'(null)'");
	s.name = "c";
	s.image = "--privileged";
	expect_refused(podman_argv_run(&s, &o, &e), &e, "image '--privileged'");
	s.image = "img";

	s.ip = "10.163.0.1";
	expect_refused(podman_argv_run(&s, &o, &e), &e, "address '10.163.0.1'");
	s.ip = "10.163.0.255";
	expect_refused(podman_argv_run(&s, &o, &e), &e, "host part 2-254");
	s.ip = "10.163.0.05";
	expect_refused(podman_argv_run(&s, &o, &e), &e, "'10.163.0.05'");
	s.ip = "10.163.0.1000";
	expect_refused(podman_argv_run(&s, &o, &e), &e, "'10.163.0.1000'");
	s.ip = "192.168.0.5";
	expect_refused(podman_argv_run(&s, &o, &e), &e, "'192.168.0.5'");
	s.ip = "10.163.0.3 ";
	expect_refused(podman_argv_run(&s, &o, &e), &e, "address");
	s.ip = NULL;

	s.hostname = "-h";
	expect_refused(podman_argv_run(&s, &o, &e), &e, "host name '-h'");
	s.hostname = "a..b";
	expect_refused(podman_argv_run(&s, &o, &e), &e, "host name 'a..b'");
	s.hostname = "ends-";
	expect_refused(podman_argv_run(&s, &o, &e), &e, "host name 'ends-'");
	s.hostname = NULL;
	s.aliases = bad_alias;
	expect_refused(podman_argv_run(&s, &o, &e), &e, "network alias '-x'");
	s.aliases = NULL;

	s.labels = reserved;
	s.n_labels = 1;
	expect_refused(podman_argv_run(&s, &o, &e), &e,
		       "label 'mpd.managed' is set by mpd itself");
	s.labels = badval;
	expect_refused(podman_argv_run(&s, &o, &e), &e, "value of label 'k'");
	s.labels = badkey;
	expect_refused(podman_argv_run(&s, &o, &e), &e, "label key '-k'");
	s.labels = NULL;
	expect_refused(podman_argv_run(&s, &o, &e), &e, "labels are missing");
	s.n_labels = 0;

	s.env = badenv;
	s.n_env = 1;
	expect_refused(podman_argv_run(&s, &o, &e), &e,
		       "environment variable name '1A'");
	s.env = nullenv;
	expect_refused(podman_argv_run(&s, &o, &e), &e, "'A' has no value");
	s.env = NULL;
	s.n_env = 0;

	s.mounts = relmount;
	s.n_mounts = 1;
	expect_refused(podman_argv_run(&s, &o, &e), &e, "mount source 'srv'");
	s.mounts = colon;
	expect_refused(podman_argv_run(&s, &o, &e), &e, "mount source '/a:b'");
	s.mounts = badvol;
	expect_refused(podman_argv_run(&s, &o, &e), &e, "volume name '-v'");
	s.mounts = NULL;
	s.n_mounts = 0;

	s.user = "-u";
	expect_refused(podman_argv_run(&s, &o, &e), &e, "user '-u'");
	s.user = "a:";
	expect_refused(podman_argv_run(&s, &o, &e), &e, "user 'a:'");
	s.user = NULL;
	s.workdir = "relative";
	expect_refused(podman_argv_run(&s, &o, &e), &e, "working directory");
	s.workdir = NULL;
	s.cap_add = bad_cap;
	expect_refused(podman_argv_run(&s, &o, &e), &e, "capability 'CAP-SYS'");
	s.cap_add = NULL;

	o.type = "daemon";
	expect_refused(podman_argv_run(&s, &o, &e), &e,
		       "container type 'daemon'");
	o.type = MPD_TYPE_SERVICE;
	o.plugin = NULL;
	expect_refused(podman_argv_run(&s, &o, &e), &e, "must be named");
	expect_refused(podman_argv_run(&s, NULL, &e), &e, "container type");
	o = svc_owner;
	o.pod = "p";
	s.ip = "10.163.0.9";
	expect_refused(podman_argv_run(&s, &o, &e), &e, "belong to the pod");
	s.ip = NULL;
	o.pod = "-p";
	expect_refused(podman_argv_run(&s, &o, &e), &e, "pod name '-p'");
	o.pod = NULL;

	s.struct_size = 16;	/* an older, shorter spec */
	expect_refused(podman_argv_run(&s, &o, &e), &e, "too short");
	expect_refused(podman_argv_run(NULL, &o, &e), &e, "missing");

	expect_refused(podman_argv_rm("x;rm", &e), &e, "container name 'x;rm'");
	expect_refused(podman_argv_pod_start("\n", &e), &e, "pod name '?'");
}

static void
test_accepts_what_it_should(void)
{
	struct mpd_container_spec s = spec_named("Mpd_1.x-y", "a");
	struct mpd_err e = { 0 };
	char **v;

	s.ip = "10.163.0.254";
	s.user = "_apt:1000";
	s.hostname = "a-b.c";
	v = podman_argv_run(&s, &svc_owner, &e);
	CU_ASSERT_PTR_NOT_NULL(v);
	if (v == NULL)
		fprintf(stderr, "\nrefused: %s\n", e.msg);
	strv_free(v);
}

static const struct mpd_test_case argv_cases[] = {
	{ "prefix: root, sudo, MPD_PODMAN", test_prefix_root_and_not },
	{ "root-side limit through sudo", test_limited_through_sudo },
	{ "run: full spec", test_run_full_spec },
	{ "run: a short spec is read to its size", test_run_short_spec_ignores_later_fields },
	{ "run: minimal, db args", test_run_minimal_and_db_command_with_dashes },
	{ "create: in a pod", test_create_in_pod_with_systemd },
	{ "start/stop/rm", test_container_lifecycle },
	{ "exec", test_exec_requests },
	{ "exec refusals", test_exec_refusals },
	{ "ps/network/volume", test_ps_network_volume },
	{ "pods", test_pods },
	{ "images and inspect", test_images_and_inspect },
	{ "container refusals", test_container_refusals },
	{ "accepted values", test_accepts_what_it_should },
	{ NULL, NULL },
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "podman-argv", as_root, restore, argv_cases },
	{ NULL, NULL, NULL, NULL },
};
