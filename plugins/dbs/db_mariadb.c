/* db_mariadb.c - the mariadb db-engine plugin (docs/DATABASES.md).
 *
 * mariadb:11.8 (= latest) and mariadb:10.11 run images mpd builds from
 * Debian's mariadb-server (trixie, bookworm); any other version runs the
 * official image.  The container's command is
 * assets/dbs/mariadb/mpd-db-run; SIGTERM is MariaDB's clean shutdown.
 * Releases before 10.5 named their clients mysql*, not mariadb*. */
#include "db_myfamily.h"

static const char *const maria_versions[] = { "11.8", "10.11", NULL };
static const char *const maria_releases[] = { "trixie", "bookworm", NULL };
static const char *const maria_files[] = { "mariadb/mpd-db-run",
	"lib/mpd-db-common.sh", "lib/mpd-db-mysql-family.sh", NULL };

static const struct db_def maria_def = {
	.engine = "mariadb",
	.pretty = "MariaDB",
	.local_versions = maria_versions,
	.local_releases = maria_releases,
	.major_style = DB_MAJOR_XY,
	.stop_signal = "SIGTERM",
	.run_files = maria_files,
	.superuser = "root",
	.user_max = 80,
};

static const struct my_tools maria_tools = { "mariadb", "mariadb-dump",
	"mariadb-admin" };
static const struct my_tools maria_old_tools = { "mysql", "mysqldump",
	"mysqladmin" };

static const struct my_tools *
maria_tools_of(const struct db_base *b)
{
	int major, minor;

	db_version_numbers(b, &major, &minor);
	if (major > 0 && (major < 10 || (major == 10 && minor < 5)))
		return &maria_old_tools;
	return &maria_tools;
}

static const struct my_engine maria_engine = {
	.def = &maria_def,
	.root_password_env = "MARIADB_ROOT_PASSWORD",
	.tools = maria_tools_of,
};

static struct db_base maria;

static int
maria_init(const struct mpd_host_api *host, mpd_host_ctx *ctx, void **state)
{
	*state = &maria;
	return db_base_init(&maria, host, ctx, &maria_def);
}

static int
maria_describe(void *state, const struct mpd_db_input *in,
	       struct mpd_container_spec *out, const struct mpd_probe **ready)
{
	return my_describe(&maria_engine, state, in, out, ready);
}

static int
maria_image(void *state, const struct mpd_db_input *in,
	    struct mpd_db_image *out)
{
	return db_image(state, in, out);
}

static int
maria_create(void *state, const struct mpd_db_input *in,
	     const struct mpd_db_project *p, const struct mpd_step **steps,
	     size_t *n_steps)
{
	return my_create(&maria_engine, state, in, p, steps, n_steps);
}

static int
maria_drop(void *state, const struct mpd_db_input *in,
	   const struct mpd_db_project *p, const struct mpd_step **steps,
	   size_t *n_steps)
{
	return my_drop(&maria_engine, state, in, p, steps, n_steps);
}

static int
maria_dump(void *state, const struct mpd_db_input *in,
	   const struct mpd_db_project *p, struct mpd_step *out)
{
	return my_dump(&maria_engine, state, in, p, out);
}

static int
maria_restore(void *state, const struct mpd_db_input *in,
	      const struct mpd_db_project *p, struct mpd_step *out)
{
	return my_restore(&maria_engine, state, in, p, out);
}

static const struct mpd_db_engine_ops maria_ops = {
	.struct_size = sizeof(struct mpd_db_engine_ops),
	.describe = maria_describe,
	.create_project = maria_create,
	.drop_project = maria_drop,
	.dump = maria_dump,
	.restore = maria_restore,
	.image = maria_image,
};

MPD_PLUGIN_DEFINE(DB_ENGINE, "mariadb", PACKAGE_VERSION,
    "MariaDB: 11.8 and 10.11 built from Debian, other versions pulled",
    maria_init, NULL, maria_ops)
