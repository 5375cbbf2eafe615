/* db_mysql.c - the mysql db-engine plugin (docs/DATABASES.md).
 *
 * Debian ships no MySQL (its default-mysql-server is MariaDB), so every
 * version, `latest` too, runs the official image.  The container's command
 * is assets/dbs/mysql/mpd-db-run (MariaDB's logic, lib/); SIGTERM is
 * MySQL's clean shutdown.  MySQL user names have at most 32 characters. */
#include "db_myfamily.h"

static const char *const mysql_files[] = { "mysql/mpd-db-run",
	"lib/mpd-db-common.sh", "lib/mpd-db-mysql-family.sh", NULL };

static const struct db_def mysql_def = {
	.engine = "mysql",
	.pretty = "MySQL",
	.local_versions = NULL,
	.local_releases = NULL,
	.major_style = DB_MAJOR_XY,
	.stop_signal = "SIGTERM",
	.run_files = mysql_files,
	.superuser = "root",
	.user_max = 32,
};

static const struct my_tools mysql_tools = { "mysql", "mysqldump",
	"mysqladmin" };

static const struct my_tools *
mysql_tools_of(const struct db_base *b)
{
	(void)b;
	return &mysql_tools;
}

static const struct my_engine mysql_engine = {
	.def = &mysql_def,
	.root_password_env = "MYSQL_ROOT_PASSWORD",
	.tools = mysql_tools_of,
};

static struct db_base mysql;

static int
mysql_init(const struct mpd_host_api *host, mpd_host_ctx *ctx, void **state)
{
	*state = &mysql;
	return db_base_init(&mysql, host, ctx, &mysql_def);
}

static int
mysql_describe(void *state, const struct mpd_db_input *in,
	       struct mpd_container_spec *out, const struct mpd_probe **ready)
{
	return my_describe(&mysql_engine, state, in, out, ready);
}

static int
mysql_image(void *state, const struct mpd_db_input *in,
	    struct mpd_db_image *out)
{
	return db_image(state, in, out);
}

static int
mysql_create(void *state, const struct mpd_db_input *in,
	     const struct mpd_db_project *p, const struct mpd_step **steps,
	     size_t *n_steps)
{
	return my_create(&mysql_engine, state, in, p, steps, n_steps);
}

static int
mysql_drop(void *state, const struct mpd_db_input *in,
	   const struct mpd_db_project *p, const struct mpd_step **steps,
	   size_t *n_steps)
{
	return my_drop(&mysql_engine, state, in, p, steps, n_steps);
}

static int
mysql_dump(void *state, const struct mpd_db_input *in,
	   const struct mpd_db_project *p, struct mpd_step *out)
{
	return my_dump(&mysql_engine, state, in, p, out);
}

static int
mysql_restore(void *state, const struct mpd_db_input *in,
	      const struct mpd_db_project *p, struct mpd_step *out)
{
	return my_restore(&mysql_engine, state, in, p, out);
}

static const struct mpd_db_engine_ops mysql_ops = {
	.struct_size = sizeof(struct mpd_db_engine_ops),
	.describe = mysql_describe,
	.create_project = mysql_create,
	.drop_project = mysql_drop,
	.dump = mysql_dump,
	.restore = mysql_restore,
	.image = mysql_image,
};

MPD_PLUGIN_DEFINE(DB_ENGINE, "mysql", PACKAGE_VERSION,
    "MySQL: the official image of any version (Debian ships none)",
    mysql_init, NULL, mysql_ops)
