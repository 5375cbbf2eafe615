/*
 * test_db_plugins.c - the BUILT postgres, mariadb and mysql .so files,
 * loaded by the real plugin loader (as test_runtime_plugins.c does) and
 * initialised with the core's real host table, whose config_get reads
 * [plugin.<name>] of an mpd.ini and whose assets path is under
 * MPD_TEST_ROOT: the suite writes the run scripts the revision hashes
 * there.  Each case checks the plugins' answers against docs/DATABASES.md:
 * the container for local, official and `latest` versions, image(), the
 * per-project steps (the SQL text, a dashed project name), and the
 * refusals of bad input.
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

/* the files under <assets>/dbs/ the DB containers run */
static const char *const run_files[] = { "postgres/mpd-db-run",
	"mariadb/mpd-db-run", "mysql/mpd-db-run", "lib/mpd-db-common.sh",
	"lib/mpd-db-mysql-family.sh", NULL };

static void
write_asset(const char *rel, const char *text)
{
	char path[4096];

	snprintf(path, sizeof path, "%s/dbs/%s", mpd_path(MPD_PATH_ASSETS), rel);
	CU_ASSERT_EQUAL_FATAL(tu_write_file(path, text), 0);
}

static int
suite_setup(void)
{
	char *const dirs[] = { (char *)MPD_BUILD_PLUGINDIR, NULL };
	struct mpd_err e;
	char path[4096];

	if (tu_suite_setup() != 0)
		return 1;
	for (size_t i = 0; run_files[i] != NULL; i++) {
		snprintf(path, sizeof path, "%s/dbs/%s",
		    mpd_path(MPD_PATH_ASSETS), run_files[i]);
		if (tu_write_file(path, "#!/bin/bash\n# version one\n") != 0)
			return 1;
	}
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

struct db {
	const struct mpd_plugin *d;
	const struct mpd_db_engine_ops *ops;
	struct mpd_host_ctx *ctx;
	void *state;
};

/* The loaded db-engine plugin `name`, initialised in a new host context
 * (which reads the mpd.ini written last). */
static void
db_open(struct db *p, const char *name)
{
	struct mpd_err e;

	memset(p, 0, sizeof *p);
	for (size_t i = 0; i < reg.n; i++)
		if (strcmp(reg.plugins[i].name, name) == 0)
			p->d = reg.plugins[i].desc;
	if (p->d == NULL)
		fprintf(stderr, "db-engine plugin %s not loaded from %s\n", name,
		    MPD_BUILD_PLUGINDIR);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p->d);
	CU_ASSERT_EQUAL_FATAL(p->d->kind, MPD_PLUGIN_DB_ENGINE);
	CU_ASSERT_EQUAL(p->d->abi_major, 1);
	CU_ASSERT_EQUAL(p->d->abi_minor, MPD_ABI_MINOR);
	CU_ASSERT_STRING_EQUAL(p->d->name, name);
	CU_ASSERT_EQUAL_FATAL(p->d->ops_size, sizeof(struct mpd_db_engine_ops));
	p->ops = p->d->ops;
	CU_ASSERT_PTR_NOT_NULL_FATAL(p->ops->image);
	p->ctx = plugin_host_ctx_new(name, &e);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p->ctx);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p->d->init);
	CU_ASSERT_EQUAL_FATAL(p->d->init(plugin_host_api(), p->ctx, &p->state),
	    MPD_OK);
}

static void
db_close(struct db *p)
{
	if (p->d != NULL && p->d->fini != NULL)
		p->d->fini(p->state);
	plugin_host_ctx_free(p->ctx);
	memset(p, 0, sizeof *p);
}

/* The input the core gives for engine:version (its id, container and
 * data directory derived as core/config/mpddb.h says). */
struct input {
	char id[80], container[96], dir[96];
	struct mpd_db_input in;
};

static void
input(struct input *t, const char *engine, const char *version)
{
	snprintf(t->id, sizeof t->id, "%s-%s", engine, version);
	for (char *c = t->id + strlen(engine); *c != '\0'; c++)
		if (*c == '.')
			*c = '-';
	snprintf(t->container, sizeof t->container, MPD_DB_PREFIX "%s", t->id);
	snprintf(t->dir, sizeof t->dir, "/srv/dbs/%s", t->id);
	t->in = (struct mpd_db_input){
		.struct_size = sizeof(struct mpd_db_input),
		.version = version,
		.database_id = t->id,
		.container = t->container,
		.data_dir = t->dir,
		.ip = "10.163.0.31",
	};
}

static int
describe(struct db *p, const struct mpd_db_input *in,
	 struct mpd_container_spec *out, const struct mpd_probe **ready)
{
	memset(out, 0, sizeof *out);
	out->struct_size = sizeof *out;
	*ready = NULL;
	plugin_host_ctx_clear_error(p->ctx);
	return p->ops->describe(p->state, in, out, ready);
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
	if (argv[i] != NULL)
		fprintf(stderr, "argv[%zu]: '%s', want the end\n", i, argv[i]);
	return argv[i] == NULL;
}

/* the value of `key` in kv[n], or NULL */
static const char *
kv_get(const struct mpd_kv *kv, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(kv[i].key, key) == 0)
			return kv[i].value;
	return NULL;
}

struct want {
	const char *engine, *version;
	const char *image, *major, *mode;
	const char *probe0;		/* the probe's program */
	size_t n_env;
};

static const struct want wants[] = {
	{ "postgres", "17", "localhost/mpd-db-postgres:17", "17", "local",
	  "/usr/lib/postgresql/17/bin/pg_isready", 0 },
	{ "postgres", "latest", "localhost/mpd-db-postgres:17", "17", "local",
	  "/usr/lib/postgresql/17/bin/pg_isready", 0 },
	{ "postgres", "15", "localhost/mpd-db-postgres:15", "15", "local",
	  "/usr/lib/postgresql/15/bin/pg_isready", 0 },
	{ "postgres", "16.4", "postgres:16.4", "16", "official", "pg_isready", 3 },
	{ "postgres", "17-alpine", "postgres:17-alpine", "17", "official",
	  "pg_isready", 3 },
	{ "postgres", "9.6.24", "postgres:9.6.24", "9.6", "official",
	  "pg_isready", 3 },
	{ "postgres", "9", "postgres:9", "auto", "official", "pg_isready", 3 },
	{ "mariadb", "latest", "localhost/mpd-db-mariadb:11.8", "11.8", "local",
	  "mariadb-admin", 0 },
	{ "mariadb", "11.8", "localhost/mpd-db-mariadb:11.8", "11.8", "local",
	  "mariadb-admin", 0 },
	{ "mariadb", "10.11", "localhost/mpd-db-mariadb:10.11", "10.11", "local",
	  "mariadb-admin", 0 },
	{ "mariadb", "11.4.2", "mariadb:11.4.2", "11.4", "official",
	  "mariadb-admin", 1 },
	{ "mariadb", "11", "mariadb:11", "auto", "official", "mariadb-admin", 1 },
	{ "mariadb", "10.4", "mariadb:10.4", "10.4", "official", "mysqladmin", 1 },
	{ "mysql", "latest", "mysql:latest", "auto", "official", "mysqladmin", 1 },
	{ "mysql", "8.0.36", "mysql:8.0.36", "8.0", "official", "mysqladmin", 1 },
	{ "mysql", "8", "mysql:8", "auto", "official", "mysqladmin", 1 },
};
#define N_WANTS (sizeof wants / sizeof wants[0])

static void
test_describe(void)
{
	write_ini(NULL);
	for (size_t i = 0; i < N_WANTS; i++) {
		const struct want *w = &wants[i];
		struct mpd_container_spec s;
		const struct mpd_probe *r;
		char run[128];
		struct input t;
		struct db p;

		input(&t, w->engine, w->version);
		db_open(&p, w->engine);
		CU_ASSERT_EQUAL_FATAL(describe(&p, &t.in, &s, &r), MPD_OK);
		CU_ASSERT_EQUAL(s.struct_size, sizeof s);
		CU_ASSERT_STRING_EQUAL(s.name, t.container);
		if (strcmp(s.image, w->image) != 0)
			fprintf(stderr, "%s:%s: image %s, want %s\n", w->engine,
			    w->version, s.image, w->image);
		CU_ASSERT_STRING_EQUAL(s.image, w->image);
		CU_ASSERT_STRING_EQUAL(s.hostname, t.id);
		CU_ASSERT_STRING_EQUAL(s.ip, "10.163.0.31");
		CU_ASSERT_TRUE(argv_is(s.aliases,
		    (const char *const[]){ t.id, NULL }));
		CU_ASSERT_EQUAL_FATAL(s.n_labels, 2);
		CU_ASSERT_STRING_EQUAL(kv_get(s.labels, 2, "mpd.db.engine"),
		    w->engine);
		CU_ASSERT_STRING_EQUAL(kv_get(s.labels, 2, "mpd.db.version"),
		    w->version);
		snprintf(run, sizeof run, "/opt/mpd/assets/dbs/%s/mpd-db-run",
		    w->engine);
		CU_ASSERT_TRUE(argv_is(s.command, (const char *const[]){ run,
		    w->engine, w->major, t.dir, w->mode, NULL }));
		CU_ASSERT_STRING_EQUAL(s.stop_signal,
		    strcmp(w->engine, "postgres") == 0 ? "SIGINT" : "SIGTERM");
		CU_ASSERT_EQUAL(s.stop_timeout_s, 60);
		CU_ASSERT_EQUAL(s.flags, MPD_CONTAINER_NO_NEW_PRIVS);
		CU_ASSERT_PTR_NULL(s.user);
		CU_ASSERT_PTR_NOT_NULL_FATAL(s.revision);
		CU_ASSERT_EQUAL(strlen(s.revision), 16);
		CU_ASSERT_EQUAL(strspn(s.revision, "0123456789abcdef"), 16);
		CU_ASSERT_EQUAL(s.n_env, w->n_env);

		CU_ASSERT_PTR_NOT_NULL_FATAL(r);
		CU_ASSERT_EQUAL(r->struct_size, sizeof *r);
		CU_ASSERT_EQUAL(r->interval_ms, 250);
		CU_ASSERT_EQUAL(r->attempts, 240);	/* 60 s */
		if (strcmp(w->engine, "postgres") == 0) {
			CU_ASSERT_TRUE(argv_is(r->argv, (const char *const[]){
			    w->probe0, "-h", "127.0.0.1", "-U", "postgres", "-q",
			    NULL }));
		} else {
			CU_ASSERT_TRUE(argv_is(r->argv, (const char *const[]){
			    w->probe0, "-uroot", "-proot", "-h127.0.0.1",
			    "--protocol=tcp", "ping", "--silent", NULL }));
		}
		db_close(&p);
	}
}

static void
test_env_mounts(void)
{
	struct mpd_container_spec s;
	const struct mpd_probe *r;
	struct input t;
	struct db p;

	write_ini(NULL);
	db_open(&p, "postgres");
	input(&t, "postgres", "16");
	CU_ASSERT_EQUAL_FATAL(describe(&p, &t.in, &s, &r), MPD_OK);
	CU_ASSERT_EQUAL_FATAL(s.n_env, 3);
	CU_ASSERT_STRING_EQUAL(kv_get(s.env, 3, "POSTGRES_USER"), "postgres");
	CU_ASSERT_STRING_EQUAL(kv_get(s.env, 3, "POSTGRES_PASSWORD"), "postgres");
	CU_ASSERT_STRING_EQUAL(kv_get(s.env, 3, "PGDATA"), "/srv/dbs/postgres-16");
	CU_ASSERT_EQUAL_FATAL(s.n_mounts, 2);
	CU_ASSERT_STRING_EQUAL(s.mounts[0].source, MPD_VOLUME_NAME);
	CU_ASSERT_STRING_EQUAL(s.mounts[0].target, "/srv");
	CU_ASSERT_EQUAL(s.mounts[0].flags, MPD_MOUNT_VOLUME);
	CU_ASSERT_STRING_EQUAL(s.mounts[1].source, mpd_path(MPD_PATH_ASSETS));
	CU_ASSERT_STRING_EQUAL(s.mounts[1].target, "/opt/mpd/assets");
	CU_ASSERT_EQUAL(s.mounts[1].flags, MPD_MOUNT_RO);
	/* a local image initialises itself: no entrypoint variables */
	input(&t, "postgres", "17");
	CU_ASSERT_EQUAL_FATAL(describe(&p, &t.in, &s, &r), MPD_OK);
	CU_ASSERT_EQUAL(s.n_env, 0);
	CU_ASSERT_PTR_NULL(s.env);
	CU_ASSERT_EQUAL(s.n_mounts, 2);
	db_close(&p);

	db_open(&p, "mariadb");
	input(&t, "mariadb", "11.4");
	CU_ASSERT_EQUAL_FATAL(describe(&p, &t.in, &s, &r), MPD_OK);
	CU_ASSERT_EQUAL_FATAL(s.n_env, 1);
	CU_ASSERT_STRING_EQUAL(kv_get(s.env, 1, "MARIADB_ROOT_PASSWORD"), "root");
	db_close(&p);
	db_open(&p, "mysql");
	input(&t, "mysql", "8.4");
	CU_ASSERT_EQUAL_FATAL(describe(&p, &t.in, &s, &r), MPD_OK);
	CU_ASSERT_EQUAL_FATAL(s.n_env, 1);
	CU_ASSERT_STRING_EQUAL(kv_get(s.env, 1, "MYSQL_ROOT_PASSWORD"), "root");
	CU_ASSERT_STRING_EQUAL(s.mounts[1].source, mpd_path(MPD_PATH_ASSETS));
	db_close(&p);
}

static int
image(struct db *p, const struct mpd_db_input *in, struct mpd_db_image *out)
{
	memset(out, 0, sizeof *out);
	out->struct_size = sizeof *out;
	plugin_host_ctx_clear_error(p->ctx);
	return p->ops->image(p->state, in, out);
}

static void
test_image(void)
{
	static const struct {
		const char *engine, *version, *release, *build_version;
	} cases[] = {
		{ "postgres", "17", "trixie", "17" },
		{ "postgres", "latest", "trixie", "17" },
		{ "postgres", "15", "bookworm", "15" },
		{ "postgres", "16", NULL, NULL },
		{ "mariadb", "latest", "trixie", "11.8" },
		{ "mariadb", "11.8", "trixie", "11.8" },
		{ "mariadb", "10.11", "bookworm", "10.11" },
		{ "mariadb", "10.11.6", NULL, NULL },
		{ "mysql", "latest", NULL, NULL },
		{ "mysql", "8.4", NULL, NULL },
	};

	write_ini(NULL);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct mpd_db_image img;
		char ctx[4096];
		struct input t;
		struct db p;

		db_open(&p, cases[i].engine);
		input(&t, cases[i].engine, cases[i].version);
		CU_ASSERT_EQUAL_FATAL(image(&p, &t.in, &img), MPD_OK);
		CU_ASSERT_EQUAL(img.struct_size, sizeof img);
		if (cases[i].release == NULL) {
			CU_ASSERT_PTR_NULL(img.build_context);
			CU_ASSERT_PTR_NULL(img.base_release);
			CU_ASSERT_PTR_NULL(img.build_args);
			CU_ASSERT_EQUAL(img.n_build_args, 0);
		} else {
			snprintf(ctx, sizeof ctx, "%s/dbs/%s",
			    mpd_path(MPD_PATH_ASSETS), cases[i].engine);
			CU_ASSERT_STRING_EQUAL(img.build_context, ctx);
			CU_ASSERT_STRING_EQUAL(img.base_release, cases[i].release);
			CU_ASSERT_EQUAL_FATAL(img.n_build_args, 1);
			CU_ASSERT_STRING_EQUAL(img.build_args[0].key, "VERSION");
			CU_ASSERT_STRING_EQUAL(img.build_args[0].value,
			    cases[i].build_version);
		}
		if (strcmp(cases[i].engine, "postgres") == 0) {
			CU_ASSERT_TRUE(argv_is(img.local_versions,
			    (const char *const[]){ "17", "15", NULL }));
		} else if (strcmp(cases[i].engine, "mariadb") == 0) {
			CU_ASSERT_TRUE(argv_is(img.local_versions,
			    (const char *const[]){ "11.8", "10.11", NULL }));
		} else {
			CU_ASSERT_PTR_NULL(img.local_versions);
		}
		db_close(&p);
	}
}

/* [plugin.<engine>] image names the official image's repository; the
 * images built here are not affected */
static void
test_config_image(void)
{
	struct mpd_container_spec s;
	const struct mpd_probe *r;
	struct input t;
	struct db p;

	write_ini("[plugin.postgres]\nimage = registry.example:5000/lib/postgres\n");
	db_open(&p, "postgres");
	input(&t, "postgres", "16.2");
	CU_ASSERT_EQUAL_FATAL(describe(&p, &t.in, &s, &r), MPD_OK);
	CU_ASSERT_STRING_EQUAL(s.image, "registry.example:5000/lib/postgres:16.2");
	input(&t, "postgres", "latest");
	CU_ASSERT_EQUAL_FATAL(describe(&p, &t.in, &s, &r), MPD_OK);
	CU_ASSERT_STRING_EQUAL(s.image, "localhost/mpd-db-postgres:17");
	db_close(&p);

	static const char *const bad_images[] = {
		"[plugin.mysql]\nimage = mysql:8\n",
		"[plugin.mysql]\nimage = mysql@sha256:abc\n",
		"[plugin.mysql]\nimage = My/MySQL\n",
		"[plugin.mysql]\nimage = mirror/mysql/\n",
		"[plugin.mysql]\nimage = -mysql\n",
		"[plugin.mysql]\nimage = mysql;rm\n",
	};
	for (size_t i = 0; i < sizeof bad_images / sizeof bad_images[0]; i++) {
		write_ini(bad_images[i]);
		db_open(&p, "mysql");
		input(&t, "mysql", "8.4");
		CU_ASSERT_EQUAL(describe(&p, &t.in, &s, &r), MPD_EINVAL);
		CU_ASSERT_PTR_NULL(s.name);
		CU_ASSERT_PTR_NULL(r);
		CU_ASSERT_PTR_NOT_NULL(strstr(plugin_host_ctx_error(p.ctx),
		    "mpd.ini [plugin.mysql] image: must be an image name "
		    "without a tag"));
		db_close(&p);
	}
	write_ini(NULL);
}

/* the revision of engine:version now, into out[32] */
static int
revision(struct db *p, const char *engine, const char *version, char *out)
{
	struct mpd_container_spec s;
	const struct mpd_probe *r;
	struct input t;
	int rc;

	input(&t, engine, version);
	rc = describe(p, &t.in, &s, &r);
	snprintf(out, 32, "%s", rc == MPD_OK ? s.revision : "");
	return rc;
}

static void
test_revision(void)
{
	char a[32], b[32], c[32];
	char path[4096];
	struct db p;

	write_ini(NULL);
	db_open(&p, "postgres");
	CU_ASSERT_EQUAL_FATAL(revision(&p, "postgres", "17", a), MPD_OK);
	CU_ASSERT_EQUAL_FATAL(revision(&p, "postgres", "17", b), MPD_OK);
	CU_ASSERT_STRING_EQUAL(a, b);
	/* another definition: another revision */
	CU_ASSERT_EQUAL_FATAL(revision(&p, "postgres", "15", c), MPD_OK);
	CU_ASSERT_STRING_NOT_EQUAL(a, c);
	/* the run script's bytes, and the library it sources */
	write_asset("postgres/mpd-db-run", "#!/bin/bash\n# version two\n");
	CU_ASSERT_EQUAL_FATAL(revision(&p, "postgres", "17", b), MPD_OK);
	CU_ASSERT_STRING_NOT_EQUAL(a, b);
	write_asset("lib/mpd-db-common.sh", "# changed\n");
	CU_ASSERT_EQUAL_FATAL(revision(&p, "postgres", "17", c), MPD_OK);
	CU_ASSERT_STRING_NOT_EQUAL(b, c);
	/* back to the first bytes: the first revision */
	write_asset("postgres/mpd-db-run", "#!/bin/bash\n# version one\n");
	write_asset("lib/mpd-db-common.sh", "#!/bin/bash\n# version one\n");
	CU_ASSERT_EQUAL_FATAL(revision(&p, "postgres", "17", b), MPD_OK);
	CU_ASSERT_STRING_EQUAL(a, b);
	db_close(&p);

	/* mariadb and mysql hash the library they share */
	db_open(&p, "mysql");
	CU_ASSERT_EQUAL_FATAL(revision(&p, "mysql", "8.4", a), MPD_OK);
	write_asset("lib/mpd-db-mysql-family.sh", "# changed\n");
	CU_ASSERT_EQUAL_FATAL(revision(&p, "mysql", "8.4", b), MPD_OK);
	CU_ASSERT_STRING_NOT_EQUAL(a, b);
	write_asset("mariadb/mpd-db-run", "# not mysql's\n");
	CU_ASSERT_EQUAL_FATAL(revision(&p, "mysql", "8.4", c), MPD_OK);
	CU_ASSERT_STRING_EQUAL(b, c);
	write_asset("lib/mpd-db-mysql-family.sh", "#!/bin/bash\n# version one\n");
	write_asset("mariadb/mpd-db-run", "#!/bin/bash\n# version one\n");
	db_close(&p);

	/* a run script that cannot be read: no container */
	snprintf(path, sizeof path, "%s/dbs/mysql/mpd-db-run",
	    mpd_path(MPD_PATH_ASSETS));
	CU_ASSERT_EQUAL_FATAL(unlink(path), 0);
	db_open(&p, "mysql");
	CU_ASSERT_EQUAL(revision(&p, "mysql", "8.4", a), MPD_EIO);
	CU_ASSERT_PTR_NOT_NULL(strstr(plugin_host_ctx_error(p.ctx),
	    "mysql/mpd-db-run"));
	CU_ASSERT_PTR_NOT_NULL(strstr(plugin_host_ctx_error(p.ctx),
	    "reinstall mpd's assets"));
	db_close(&p);
	write_asset("mysql/mpd-db-run", "#!/bin/bash\n# version one\n");
}

static struct mpd_db_project
project(const char *name, const char *password)
{
	return (struct mpd_db_project){
		.struct_size = sizeof(struct mpd_db_project),
		.project = name,
		.password = password,
	};
}

static int
steps_of(struct db *p, int drop, const struct mpd_db_input *in,
	 const struct mpd_db_project *pr, const struct mpd_step **steps,
	 size_t *n)
{
	*steps = NULL;
	*n = 0;
	plugin_host_ctx_clear_error(p->ctx);
	return (drop ? p->ops->drop_project : p->ops->create_project)(
	    p->state, in, pr, steps, n);
}

#define PG_CREATE_SQL(n, pw) \
	"SELECT format('CREATE ROLE %I', '" n "') WHERE NOT EXISTS (SELECT " \
	"FROM pg_roles WHERE rolname = '" n "')\\gexec\n" \
	"ALTER ROLE \"" n "\" WITH LOGIN PASSWORD '" pw "';\n" \
	"SELECT format('CREATE DATABASE %I OWNER %I', '" n "', '" n "') WHERE " \
	"NOT EXISTS (SELECT FROM pg_database WHERE datname = '" n "')\\gexec\n" \
	"ALTER DATABASE \"" n "\" OWNER TO \"" n "\";\n" \
	"REVOKE CONNECT ON DATABASE \"" n "\" FROM PUBLIC;\n" \
	"GRANT CONNECT ON DATABASE \"" n "\" TO \"" n "\";"

#define PG_STDIN \
	"printf '%s\\n' \"$2\" | exec \"$1\" -h 127.0.0.1 -U postgres -d " \
	"postgres -X -q -v ON_ERROR_STOP=1"

static const char *const pg_super_env[] = { "PGPASSWORD=postgres",
	"PGOPTIONS=-c client_min_messages=warning", NULL };

static void
test_postgres_steps(void)
{
	const struct mpd_step *st;
	struct mpd_db_project pr = project("my-proj", "it's\\x");
	struct mpd_step one;
	struct input t;
	struct db p;
	size_t n;

	write_ini(NULL);
	db_open(&p, "postgres");
	input(&t, "postgres", "17");
	CU_ASSERT_EQUAL_FATAL(steps_of(&p, 0, &t.in, &pr, &st, &n), MPD_OK);
	CU_ASSERT_EQUAL_FATAL(n, 1);
	CU_ASSERT_EQUAL(st[0].struct_size, sizeof st[0]);
	CU_ASSERT_STRING_EQUAL(st[0].user, "postgres");
	CU_ASSERT_TRUE(st[0].timeout_ms > 0);
	CU_ASSERT_TRUE(argv_is(st[0].env, pg_super_env));
	/* the SQL is an argument of the shell, never part of its text; the
	 * password's quote is doubled, its backslash is a backslash */
	CU_ASSERT_TRUE(argv_is(st[0].argv, (const char *const[]){ "sh", "-c",
	    PG_STDIN, "mpd-db-sql", "/usr/lib/postgresql/17/bin/psql",
	    PG_CREATE_SQL("my-proj", "it''s\\x"), NULL }));

	CU_ASSERT_EQUAL_FATAL(steps_of(&p, 1, &t.in, &pr, &st, &n), MPD_OK);
	CU_ASSERT_EQUAL_FATAL(n, 1);
	CU_ASSERT_STRING_EQUAL(st[0].user, "postgres");
	CU_ASSERT_TRUE(argv_is(st[0].env, pg_super_env));
	CU_ASSERT_TRUE(argv_is(st[0].argv, (const char *const[]){
	    "/usr/lib/postgresql/17/bin/psql", "-h", "127.0.0.1", "-U",
	    "postgres", "-d", "postgres", "-X", "-q", "-v", "ON_ERROR_STOP=1",
	    "-c", "DO $$BEGIN IF EXISTS (SELECT FROM pg_database WHERE datname "
	    "= 'my-proj') THEN EXECUTE format('ALTER DATABASE %I "
	    "ALLOW_CONNECTIONS false', 'my-proj'); END IF; END$$",
	    "-c", "DO $$BEGIN PERFORM pg_terminate_backend(pid) FROM "
	    "pg_stat_activity WHERE datname = 'my-proj' AND pid <> "
	    "pg_backend_pid(); END$$",
	    "-c", "DROP DATABASE IF EXISTS \"my-proj\"",
	    "-c", "DROP ROLE IF EXISTS \"my-proj\"", NULL }));

	/* dump and restore: the project's own user, on its own database */
	pr = project("my-proj", "my-proj");
	memset(&one, 0, sizeof one);
	one.struct_size = sizeof one;
	CU_ASSERT_EQUAL_FATAL(p.ops->dump(p.state, &t.in, &pr, &one), MPD_OK);
	CU_ASSERT_STRING_EQUAL(one.user, "postgres");
	CU_ASSERT_TRUE(argv_is(one.env, (const char *const[]){
	    "PGPASSWORD=my-proj", "PGOPTIONS=-c client_min_messages=warning",
	    NULL }));
	CU_ASSERT_TRUE(argv_is(one.argv, (const char *const[]){
	    "/usr/lib/postgresql/17/bin/pg_dump", "-h", "127.0.0.1", "-U",
	    "my-proj", "-d", "my-proj", "--no-owner", "--no-privileges",
	    "--clean", "--if-exists", NULL }));
	/* an official image has the tools on PATH */
	input(&t, "postgres", "16");
	CU_ASSERT_EQUAL_FATAL(p.ops->restore(p.state, &t.in, &pr, &one), MPD_OK);
	CU_ASSERT_TRUE(argv_is(one.argv, (const char *const[]){ "psql", "-h",
	    "127.0.0.1", "-U", "my-proj", "-d", "my-proj", "-X", "-q", "-v",
	    "ON_ERROR_STOP=1", NULL }));
	CU_ASSERT_EQUAL_FATAL(steps_of(&p, 0, &t.in, &pr, &st, &n), MPD_OK);
	CU_ASSERT_STRING_EQUAL(st[0].argv[4], "psql");
	db_close(&p);
}

#define MY_CONNECT(tool) tool, "-uroot", "-proot", "-h127.0.0.1", "--protocol=tcp"

static void
test_mariadb_steps(void)
{
	static const struct {
		const char *engine, *version, *client, *dump;
	} cases[] = {
		{ "mariadb", "latest", "mariadb", "mariadb-dump" },
		{ "mariadb", "10.4", "mysql", "mysqldump" },
		{ "mysql", "8.4", "mysql", "mysqldump" },
	};

	write_ini(NULL);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct mpd_db_project pr = project("my-proj", "it's\\x");
		const struct mpd_step *st;
		struct mpd_step one;
		struct input t;
		struct db p;
		size_t n;

		db_open(&p, cases[i].engine);
		input(&t, cases[i].engine, cases[i].version);
		CU_ASSERT_EQUAL_FATAL(steps_of(&p, 0, &t.in, &pr, &st, &n), MPD_OK);
		CU_ASSERT_EQUAL_FATAL(n, 1);
		CU_ASSERT_STRING_EQUAL(st[0].user, "root");
		CU_ASSERT_PTR_NULL(st[0].env);
		/* `name` as an identifier, 'it\'s\\x' as a literal */
		CU_ASSERT_TRUE(argv_is(st[0].argv, (const char *const[]){
		    MY_CONNECT(cases[i].client), "-e",
		    "CREATE DATABASE IF NOT EXISTS `my-proj` CHARACTER SET "
		    "utf8mb4 COLLATE utf8mb4_bin;\n"
		    "CREATE USER IF NOT EXISTS 'my-proj'@'%' IDENTIFIED BY "
		    "'it''s\\\\x';\n"
		    "ALTER USER 'my-proj'@'%' IDENTIFIED BY 'it''s\\\\x';\n"
		    "GRANT ALL PRIVILEGES ON `my-proj`.* TO 'my-proj'@'%';\n"
		    "FLUSH PRIVILEGES;", NULL }));
		CU_ASSERT_EQUAL_FATAL(steps_of(&p, 1, &t.in, &pr, &st, &n), MPD_OK);
		CU_ASSERT_EQUAL_FATAL(n, 1);
		CU_ASSERT_STRING_EQUAL(st[0].user, "root");
		CU_ASSERT_TRUE(argv_is(st[0].argv, (const char *const[]){
		    MY_CONNECT(cases[i].client), "-e",
		    "DROP DATABASE IF EXISTS `my-proj`;\n"
		    "DROP USER IF EXISTS 'my-proj'@'%';", NULL }));

		memset(&one, 0, sizeof one);
		one.struct_size = sizeof one;
		CU_ASSERT_EQUAL_FATAL(p.ops->dump(p.state, &t.in, &pr, &one),
		    MPD_OK);
		CU_ASSERT_STRING_EQUAL(one.user, "root");
		CU_ASSERT_TRUE(argv_is(one.argv, (const char *const[]){
		    MY_CONNECT(cases[i].dump), "--default-character-set=utf8mb4",
		    "--single-transaction", "--routines", "--triggers",
		    "--hex-blob", "my-proj", NULL }));
		CU_ASSERT_EQUAL_FATAL(p.ops->restore(p.state, &t.in, &pr, &one),
		    MPD_OK);
		CU_ASSERT_TRUE(argv_is(one.argv, (const char *const[]){
		    MY_CONNECT(cases[i].client), "--default-character-set=utf8mb4",
		    "my-proj", NULL }));
		db_close(&p);
	}
}

/* describe, image and the steps all refuse `in`, with `msg` in the line */
static void
refused_input(struct db *p, const struct mpd_db_input *in, const char *msg)
{
	struct mpd_db_project pr = project("demo", "demo");
	struct mpd_container_spec s;
	const struct mpd_probe *r;
	const struct mpd_step *st;
	struct mpd_db_image img;
	const char *got;
	size_t n;

	CU_ASSERT_EQUAL(describe(p, in, &s, &r), MPD_EINVAL);
	CU_ASSERT_PTR_NULL(s.name);	/* nothing handed out */
	CU_ASSERT_PTR_NULL(r);
	got = plugin_host_ctx_error(p->ctx);
	if (strstr(got, msg) == NULL)
		fprintf(stderr, "'%s', want '%s'\n", got, msg);
	CU_ASSERT_PTR_NOT_NULL(strstr(got, msg));
	CU_ASSERT_PTR_NULL(strchr(got, '\n'));
	CU_ASSERT_EQUAL(image(p, in, &img), MPD_EINVAL);
	CU_ASSERT_PTR_NULL(img.local_versions);
	CU_ASSERT_PTR_NOT_NULL(strstr(plugin_host_ctx_error(p->ctx), msg));
	CU_ASSERT_EQUAL(steps_of(p, 0, in, &pr, &st, &n), MPD_EINVAL);
	CU_ASSERT_PTR_NULL(st);
	CU_ASSERT_EQUAL(n, 0);
}

static void
test_bad_input(void)
{
	static const char *const bad_versions[] = { "bookworm", "Latest", "17.",
		"17-2", "1..2", "17.bookworm", "17_2", "", "-17", "17 ", NULL };
	struct input t;
	struct db p;

	write_ini(NULL);
	db_open(&p, "postgres");
	refused_input(&p, NULL, "db engine 'postgres': needs a struct "
	    "mpd_db_input of ABI 1.0");
	input(&t, "postgres", "17");
	t.in.struct_size = offsetof(struct mpd_db_input, ip);
	refused_input(&p, &t.in, "needs a struct mpd_db_input of ABI 1.0");
	for (size_t i = 0; bad_versions[i] != NULL; i++) {
		input(&t, "postgres", bad_versions[i]);
		refused_input(&p, &t.in, "invalid version");
		CU_ASSERT_PTR_NOT_NULL(strstr(plugin_host_ctx_error(p.ctx),
		    "use 'latest' or a version starting with a digit"));
	}
	input(&t, "postgres", "17");
	t.in.version = NULL;
	refused_input(&p, &t.in, "invalid version '(none)'");
	input(&t, "postgres", "17");
	t.in.database_id = "postgres-15";
	refused_input(&p, &t.in, "database id 'postgres-15' is not the id of "
	    "this engine's version");
	t.in.database_id = "mariadb-17";
	refused_input(&p, &t.in, "database id 'mariadb-17'");
	t.in.database_id = NULL;
	refused_input(&p, &t.in, "database id '(none)'");
	input(&t, "postgres", "17");
	t.in.container = NULL;
	refused_input(&p, &t.in, "container name '(none)' is invalid");
	t.in.container = "mpd db";
	refused_input(&p, &t.in, "container name 'mpd db' is invalid");
	static const char *const bad_dirs[] = { "srv/dbs/postgres-17",
		"/var/lib/postgres-17", "/srv", "/srv/", "/srv/dbs/", "/srv//dbs",
		"/srv/dbs/../etc", "/srv/dbs/.hidden", "/srv/dbs/a b",
		"/srv/dbs/$(id)", NULL };
	for (size_t i = 0; bad_dirs[i] != NULL; i++) {
		input(&t, "postgres", "17");
		t.in.data_dir = bad_dirs[i];
		refused_input(&p, &t.in, "data directory");
		CU_ASSERT_PTR_NOT_NULL(strstr(plugin_host_ctx_error(p.ctx),
		    "give an absolute path on the data volume"));
	}
	input(&t, "postgres", "17");
	t.in.data_dir = NULL;
	refused_input(&p, &t.in, "data directory '(none)' is invalid");
	static const char *const bad_ips[] = { "10.163.0", "10.163.0.300",
		"10.163.0.030", "10.163.0.3.1", "a.b.c.d", "", "::1", NULL };
	for (size_t i = 0; bad_ips[i] != NULL; i++) {
		input(&t, "postgres", "17");
		t.in.ip = bad_ips[i];
		refused_input(&p, &t.in, "is not an IPv4 address");
	}
	input(&t, "postgres", "17");
	t.in.ip = NULL;
	refused_input(&p, &t.in, "address '(none)'");
	db_close(&p);
}

static void
test_bad_out(void)
{
	struct mpd_container_spec s;
	const struct mpd_probe *r = NULL;
	struct mpd_db_image img;
	struct mpd_step one;
	struct mpd_db_project pr = project("demo", "demo");
	struct input t;
	struct db p;

	write_ini(NULL);
	db_open(&p, "mariadb");
	input(&t, "mariadb", "11.8");
	/* a 1.2-sized spec cannot hold the stop signal */
	memset(&s, 0, sizeof s);
	s.struct_size = offsetof(struct mpd_container_spec, stop_signal);
	CU_ASSERT_EQUAL(p.ops->describe(p.state, &t.in, &s, &r), MPD_EINVAL);
	CU_ASSERT_PTR_NULL(s.name);
	CU_ASSERT_PTR_NOT_NULL(strstr(plugin_host_ctx_error(p.ctx),
	    "describe needs a struct mpd_container_spec of ABI 1.3"));
	s.struct_size = sizeof s;
	CU_ASSERT_EQUAL(p.ops->describe(p.state, &t.in, &s, NULL), MPD_EINVAL);
	CU_ASSERT_EQUAL(p.ops->describe(p.state, &t.in, NULL, &r), MPD_EINVAL);
	memset(&img, 0, sizeof img);
	img.struct_size = offsetof(struct mpd_db_image, local_versions);
	CU_ASSERT_EQUAL(p.ops->image(p.state, &t.in, &img), MPD_EINVAL);
	CU_ASSERT_PTR_NULL(img.build_context);
	CU_ASSERT_PTR_NOT_NULL(strstr(plugin_host_ctx_error(p.ctx),
	    "image needs a struct mpd_db_image of ABI 1.3"));
	memset(&one, 0, sizeof one);
	one.struct_size = offsetof(struct mpd_step, timeout_ms);
	CU_ASSERT_EQUAL(p.ops->dump(p.state, &t.in, &pr, &one), MPD_EINVAL);
	CU_ASSERT_PTR_NULL(one.argv);
	CU_ASSERT_EQUAL(p.ops->restore(p.state, &t.in, &pr, NULL), MPD_EINVAL);
	CU_ASSERT_EQUAL(p.ops->create_project(p.state, &t.in, &pr, NULL, NULL),
	    MPD_EINVAL);
	/* and the plugin still answers a good call afterwards */
	CU_ASSERT_EQUAL(describe(&p, &t.in, &s, &r), MPD_OK);
	db_close(&p);
}

static void
test_bad_project(void)
{
	static const struct {
		const char *engine, *name, *password, *msg;
	} cases[] = {
		{ "postgres", "My-Proj", "x", "project name 'My-Proj' cannot name "
		  "a database: use [a-z][a-z0-9-]*" },
		{ "postgres", "1abc", "x", "project name '1abc' cannot name" },
		{ "mariadb", "a_b", "x", "project name 'a_b' cannot name" },
		{ "mariadb", "x`; DROP", "x", "project name 'x`; DROP' cannot" },
		{ "postgres", "x\"y", "x", "cannot name a database" },
		{ "postgres", "-x", "x", "cannot name a database" },
		{ "postgres", "", "x", "project name '' cannot name" },
		{ "postgres", NULL, "x", "project name '(none)' cannot name" },
		{ "postgres", "a123456789012345678901234567890123456789012345678"
		  "9012345678901234", "x", "at most 63 characters" },
		{ "mysql", "a12345678901234567890123456789012", "x",
		  "longer than the 32 characters a MySQL user name may have: use "
		  "a shorter project name" },
		{ "postgres", "demo", NULL, "project 'demo': give a password of "
		  "1 to 128 characters" },
		{ "postgres", "demo", "", "give a password of 1 to 128" },
		{ "mariadb", "demo", "a\nb", "the password must be printable "
		  "ASCII" },
		{ "mariadb", "demo", "caf\xc3\xa9", "printable ASCII" },
	};

	write_ini(NULL);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct mpd_db_project pr = project(cases[i].name,
		    cases[i].password);
		const struct mpd_step *st;
		struct mpd_step one;
		struct input t;
		struct db p;
		size_t n;

		db_open(&p, cases[i].engine);
		input(&t, cases[i].engine, "latest");
		for (int drop = 0; drop <= 1; drop++) {
			CU_ASSERT_EQUAL(steps_of(&p, drop, &t.in, &pr, &st, &n),
			    MPD_EINVAL);
			CU_ASSERT_PTR_NULL(st);
			if (strstr(plugin_host_ctx_error(p.ctx), cases[i].msg) ==
			    NULL)
				fprintf(stderr, "case %zu: '%s', want '%s'\n", i,
				    plugin_host_ctx_error(p.ctx), cases[i].msg);
			CU_ASSERT_PTR_NOT_NULL(strstr(plugin_host_ctx_error(p.ctx),
			    cases[i].msg));
		}
		memset(&one, 0, sizeof one);
		one.struct_size = sizeof one;
		CU_ASSERT_EQUAL(p.ops->dump(p.state, &t.in, &pr, &one),
		    MPD_EINVAL);
		CU_ASSERT_PTR_NULL(one.argv);
		CU_ASSERT_EQUAL(p.ops->restore(p.state, &t.in, &pr, &one),
		    MPD_EINVAL);
		pr.struct_size = 4;
		CU_ASSERT_EQUAL(steps_of(&p, 0, &t.in, &pr, &st, &n), MPD_EINVAL);
		CU_ASSERT_PTR_NOT_NULL(strstr(plugin_host_ctx_error(p.ctx),
		    "needs a struct mpd_db_project of ABI 1.0"));
		db_close(&p);
	}
	/* the longest names fit: 63 for postgres and mariadb, 32 for mysql */
	{
		struct mpd_db_project pr = project("a12345678901234567890123456"
		    "789012345678901234567890123456789012", "x");
		const struct mpd_step *st;
		struct input t;
		struct db p;
		size_t n;

		CU_ASSERT_EQUAL(strlen(pr.project), 63);
		db_open(&p, "mariadb");
		input(&t, "mariadb", "latest");
		CU_ASSERT_EQUAL(steps_of(&p, 0, &t.in, &pr, &st, &n), MPD_OK);
		db_close(&p);
		pr.project = "a1234567890123456789012345678901";
		CU_ASSERT_EQUAL(strlen(pr.project), 32);
		db_open(&p, "mysql");
		input(&t, "mysql", "latest");
		CU_ASSERT_EQUAL(steps_of(&p, 0, &t.in, &pr, &st, &n), MPD_OK);
		db_close(&p);
	}
}

static const struct mpd_test_case cases[] = {
	{ "describe", test_describe },
	{ "env_mounts", test_env_mounts },
	{ "image", test_image },
	{ "config_image", test_config_image },
	{ "revision", test_revision },
	{ "postgres_steps", test_postgres_steps },
	{ "mariadb_steps", test_mariadb_steps },
	{ "bad_input", test_bad_input },
	{ "bad_out", test_bad_out },
	{ "bad_project", test_bad_project },
	{ NULL, NULL }
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "db_plugins", suite_setup, suite_teardown, cases },
	{ NULL, NULL, NULL, NULL }
};
