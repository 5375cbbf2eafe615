/* db_postgres.c - the postgres db-engine plugin (docs/DATABASES.md).
 *
 * postgres:17 (= latest) and postgres:15 run images mpd builds from
 * Debian's postgresql-17 (trixie) and postgresql-15 (bookworm); any other
 * version runs the official image.  The container's command is
 * assets/dbs/postgres/mpd-db-run; SIGINT is PostgreSQL's fast shutdown.
 * Every command connects over TCP to 127.0.0.1 with a password (the
 * superuser's, or the project's), which both kinds of image accept. */
#include "db_common.h"

#include <stdio.h>
#include <string.h>

#define PG_SUPERUSER	"postgres"
#define PG_SUPERPASS	"postgres"
#define PG_QUIET	"-c client_min_messages=warning"
/* psql reads the SQL on stdin, so that it may use \gexec; the SQL is an
 * argument ($2), never part of the shell's text */
#define PG_STDIN_SQL \
	"printf '%s\\n' \"$2\" | exec \"$1\" -h 127.0.0.1 -U " PG_SUPERUSER \
	" -d postgres -X -q -v ON_ERROR_STOP=1"

static const char *const pg_versions[] = { "17", "15", NULL };
static const char *const pg_releases[] = { "trixie", "bookworm", NULL };
static const char *const pg_files[] = { "postgres/mpd-db-run",
	"lib/mpd-db-common.sh", NULL };

static const struct db_def pg_def = {
	.engine = "postgres",
	.pretty = "PostgreSQL",
	.local_versions = pg_versions,
	.local_releases = pg_releases,
	.major_style = DB_MAJOR_PG,
	.stop_signal = "SIGINT",	/* fast shutdown */
	.run_files = pg_files,
	.superuser = PG_SUPERUSER,
	.user_max = 63,
};

struct pg {
	struct db_base b;
	char psql[96];
	char pg_dump[96];
};

static struct pg pg;

static int
pg_init(const struct mpd_host_api *host, mpd_host_ctx *ctx, void **state)
{
	*state = &pg;
	return db_base_init(&pg.b, host, ctx, &pg_def);
}

/* A tool of the server's version: Debian keeps each major's in its own
 * directory; the official images have them on PATH. */
static void
pg_tool(const struct db_base *b, const char *tool, char *out, size_t n)
{
	if (b->local)
		snprintf(out, n, "/usr/lib/postgresql/%s/bin/%s", b->major, tool);
	else
		snprintf(out, n, "%s", tool);
}

static void
pg_tools(struct pg *p)
{
	pg_tool(&p->b, "psql", p->psql, sizeof p->psql);
	pg_tool(&p->b, "pg_dump", p->pg_dump, sizeof p->pg_dump);
}

static int
pg_describe(void *state, const struct mpd_db_input *in,
	    struct mpd_container_spec *out, const struct mpd_probe **ready)
{
	struct pg *p = state;
	struct db_base *b = &p->b;
	int rc;

	if ((rc = db_describe_begin(b, in, out, ready)) != MPD_OK)
		return rc;
	if (!b->local) {
		/* the official image's entrypoint initialises PGDATA */
		db_env(b, "POSTGRES_USER", PG_SUPERUSER);
		db_env(b, "POSTGRES_PASSWORD", PG_SUPERPASS);
		db_env(b, "PGDATA", b->data_dir);
	}
	pg_tool(b, "pg_isready", b->probe_bin, sizeof b->probe_bin);
	db_probe(b, (const char *const[]){ b->probe_bin, "-h", "127.0.0.1",
	    "-U", PG_SUPERUSER, "-q", NULL });
	return db_describe_end(b, out, ready);
}

static int
pg_image(void *state, const struct mpd_db_input *in, struct mpd_db_image *out)
{
	return db_image(&((struct pg *)state)->b, in, out);
}

/* psql as the superuser, over TCP */
static void
pg_super(struct db_base *b, size_t i, const char *label)
{
	db_step_start(b, i, label, PG_SUPERUSER, DB_STEP_TIMEOUT_MS);
	db_step_env(b, i, "PGPASSWORD", PG_SUPERPASS);
	db_step_env(b, i, "PGOPTIONS", PG_QUIET);
}

static int
pg_create(void *state, const struct mpd_db_input *in,
	  const struct mpd_db_project *pr, const struct mpd_step **steps,
	  size_t *n_steps)
{
	struct pg *p = state;
	struct db_base *b = &p->b;
	const char *n;
	int rc;

	if ((rc = db_project(b, in, pr)) != MPD_OK)
		return rc;
	pg_tools(p);
	n = b->project;
	pg_super(b, 0, "Creating the PostgreSQL database and user");
	/* a role and a database, made when missing; the password and the
	 * owner set every time; no one else may connect */
	db_sql(b, 0, "SELECT format('CREATE ROLE %%I', ");
	db_sql_literal(b, 0, n, 0);
	db_sql(b, 0, ") WHERE NOT EXISTS (SELECT FROM pg_roles WHERE "
	    "rolname = ");
	db_sql_literal(b, 0, n, 0);
	db_sql(b, 0, ")\\gexec\nALTER ROLE ");
	db_sql_ident(b, 0, '"', n);
	db_sql(b, 0, " WITH LOGIN PASSWORD ");
	db_sql_literal(b, 0, b->password, 0);
	db_sql(b, 0, ";\nSELECT format('CREATE DATABASE %%I OWNER %%I', ");
	db_sql_literal(b, 0, n, 0);
	db_sql(b, 0, ", ");
	db_sql_literal(b, 0, n, 0);
	db_sql(b, 0, ") WHERE NOT EXISTS (SELECT FROM pg_database WHERE "
	    "datname = ");
	db_sql_literal(b, 0, n, 0);
	db_sql(b, 0, ")\\gexec\nALTER DATABASE ");
	db_sql_ident(b, 0, '"', n);
	db_sql(b, 0, " OWNER TO ");
	db_sql_ident(b, 0, '"', n);
	db_sql(b, 0, ";\nREVOKE CONNECT ON DATABASE ");
	db_sql_ident(b, 0, '"', n);
	db_sql(b, 0, " FROM PUBLIC;\nGRANT CONNECT ON DATABASE ");
	db_sql_ident(b, 0, '"', n);
	db_sql(b, 0, " TO ");
	db_sql_ident(b, 0, '"', n);
	db_sql(b, 0, ";");
	db_arg(b, 0, "sh");
	db_arg(b, 0, "-c");
	db_arg(b, 0, PG_STDIN_SQL);
	db_arg(b, 0, "mpd-db-sql");
	db_arg(b, 0, p->psql);
	db_arg(b, 0, db_sql_cut(b, 0));
	return db_steps_emit(b, 1, steps, n_steps);
}

static int
pg_drop(void *state, const struct mpd_db_input *in,
	const struct mpd_db_project *pr, const struct mpd_step **steps,
	size_t *n_steps)
{
	struct pg *p = state;
	struct db_base *b = &p->b;
	const char *n;
	int rc;

	if ((rc = db_project(b, in, pr)) != MPD_OK)
		return rc;
	pg_tools(p);
	n = b->project;
	pg_super(b, 0, "Dropping the PostgreSQL database and user");
	db_arg(b, 0, p->psql);
	db_arg(b, 0, "-h");
	db_arg(b, 0, "127.0.0.1");
	db_arg(b, 0, "-U");
	db_arg(b, 0, PG_SUPERUSER);
	db_arg(b, 0, "-d");
	db_arg(b, 0, "postgres");
	db_arg(b, 0, "-X");
	db_arg(b, 0, "-q");
	db_arg(b, 0, "-v");
	db_arg(b, 0, "ON_ERROR_STOP=1");
	/* no new sessions, then end the open ones: DROP DATABASE refuses a
	 * database in use */
	db_arg(b, 0, "-c");
	db_sql(b, 0, "DO $$BEGIN IF EXISTS (SELECT FROM pg_database WHERE "
	    "datname = ");
	db_sql_literal(b, 0, n, 0);
	db_sql(b, 0, ") THEN EXECUTE format('ALTER DATABASE %%I "
	    "ALLOW_CONNECTIONS false', ");
	db_sql_literal(b, 0, n, 0);
	db_sql(b, 0, "); END IF; END$$");
	db_arg(b, 0, db_sql_cut(b, 0));
	db_arg(b, 0, "-c");
	db_sql(b, 0, "DO $$BEGIN PERFORM pg_terminate_backend(pid) FROM "
	    "pg_stat_activity WHERE datname = ");
	db_sql_literal(b, 0, n, 0);
	db_sql(b, 0, " AND pid <> pg_backend_pid(); END$$");
	db_arg(b, 0, db_sql_cut(b, 0));
	db_arg(b, 0, "-c");
	db_sql(b, 0, "DROP DATABASE IF EXISTS ");
	db_sql_ident(b, 0, '"', n);
	db_arg(b, 0, db_sql_cut(b, 0));
	db_arg(b, 0, "-c");
	db_sql(b, 0, "DROP ROLE IF EXISTS ");
	db_sql_ident(b, 0, '"', n);
	db_arg(b, 0, db_sql_cut(b, 0));
	return db_steps_emit(b, 1, steps, n_steps);
}

/* pg_dump / psql as the project's user, on its own database */
static void
pg_as_project(struct pg *p, const char *tool, const char *label,
	      int timeout_ms)
{
	struct db_base *b = &p->b;

	db_step_start(b, 0, label, PG_SUPERUSER, timeout_ms);
	db_step_env(b, 0, "PGPASSWORD", b->password);
	db_step_env(b, 0, "PGOPTIONS", PG_QUIET);
	db_arg(b, 0, tool);
	db_arg(b, 0, "-h");
	db_arg(b, 0, "127.0.0.1");
	db_arg(b, 0, "-U");
	db_arg(b, 0, b->project);
	db_arg(b, 0, "-d");
	db_arg(b, 0, b->project);
}

static int
pg_dump(void *state, const struct mpd_db_input *in,
	const struct mpd_db_project *pr, struct mpd_step *out)
{
	struct pg *p = state;
	int rc;

	if ((rc = db_project(&p->b, in, pr)) != MPD_OK)
		return rc;
	pg_tools(p);
	pg_as_project(p, p->pg_dump, "Dumping the PostgreSQL database",
	    DB_DUMP_TIMEOUT_MS);
	/* restorable by the project's user into an existing database */
	db_arg(&p->b, 0, "--no-owner");
	db_arg(&p->b, 0, "--no-privileges");
	db_arg(&p->b, 0, "--clean");
	db_arg(&p->b, 0, "--if-exists");
	return db_step_emit(&p->b, out);
}

static int
pg_restore(void *state, const struct mpd_db_input *in,
	   const struct mpd_db_project *pr, struct mpd_step *out)
{
	struct pg *p = state;
	int rc;

	if ((rc = db_project(&p->b, in, pr)) != MPD_OK)
		return rc;
	pg_tools(p);
	pg_as_project(p, p->psql, "Restoring the PostgreSQL database",
	    DB_DUMP_TIMEOUT_MS);
	db_arg(&p->b, 0, "-X");
	db_arg(&p->b, 0, "-q");
	db_arg(&p->b, 0, "-v");
	db_arg(&p->b, 0, "ON_ERROR_STOP=1");
	return db_step_emit(&p->b, out);
}

static const struct mpd_db_engine_ops pg_ops = {
	.struct_size = sizeof(struct mpd_db_engine_ops),
	.describe = pg_describe,
	.create_project = pg_create,
	.drop_project = pg_drop,
	.dump = pg_dump,
	.restore = pg_restore,
	.image = pg_image,
};

MPD_PLUGIN_DEFINE(DB_ENGINE, "postgres", PACKAGE_VERSION,
    "PostgreSQL: 17 and 15 built from Debian, other versions pulled",
    pg_init, NULL, pg_ops)
