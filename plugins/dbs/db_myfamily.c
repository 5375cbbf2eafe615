/* db_myfamily.c - the mariadb and mysql plugins' shared ops (see
 * db_myfamily.h).  Every command connects over TCP to 127.0.0.1 as root
 * with root's password, which both kinds of image accept. */
#include "db_myfamily.h"

#include <string.h>

#define MY_SUPERUSER	"root"
#define MY_SUPERPASS	"root"

/* client, superuser, TCP: the first argv elements of every step */
static void
my_connect(struct db_base *b, size_t i, const char *tool)
{
	db_arg(b, i, tool);
	db_arg(b, i, "-u" MY_SUPERUSER);
	db_arg(b, i, "-p" MY_SUPERPASS);
	db_arg(b, i, "-h127.0.0.1");
	db_arg(b, i, "--protocol=tcp");
}

int
my_describe(const struct my_engine *e, struct db_base *b,
	    const struct mpd_db_input *in, struct mpd_container_spec *out,
	    const struct mpd_probe **ready)
{
	const struct my_tools *t;
	int rc;

	if ((rc = db_describe_begin(b, in, out, ready)) != MPD_OK)
		return rc;
	t = e->tools(b);
	if (!b->local)	/* the official image's entrypoint initialises */
		db_env(b, e->root_password_env, MY_SUPERPASS);
	db_probe(b, (const char *const[]){ t->admin, "-u" MY_SUPERUSER,
	    "-p" MY_SUPERPASS, "-h127.0.0.1", "--protocol=tcp", "ping",
	    "--silent", NULL });
	return db_describe_end(b, out, ready);
}

/* `name`@'%' */
static void
my_user(struct db_base *b, const char *name)
{
	db_sql_literal(b, 0, name, 1);
	db_sql(b, 0, "@'%%'");
}

int
my_create(const struct my_engine *e, struct db_base *b,
	  const struct mpd_db_input *in, const struct mpd_db_project *p,
	  const struct mpd_step **steps, size_t *n_steps)
{
	int rc;

	if ((rc = db_project(b, in, p)) != MPD_OK)
		return rc;
	db_step_start(b, 0, "Creating the database and user", MY_SUPERUSER,
	    DB_STEP_TIMEOUT_MS);
	my_connect(b, 0, e->tools(b)->client);
	db_arg(b, 0, "-e");
	/* the password is set every time: the user may exist already */
	db_sql(b, 0, "CREATE DATABASE IF NOT EXISTS ");
	db_sql_ident(b, 0, '`', b->project);
	db_sql(b, 0, " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;\n"
	    "CREATE USER IF NOT EXISTS ");
	my_user(b, b->project);
	db_sql(b, 0, " IDENTIFIED BY ");
	db_sql_literal(b, 0, b->password, 1);
	db_sql(b, 0, ";\nALTER USER ");
	my_user(b, b->project);
	db_sql(b, 0, " IDENTIFIED BY ");
	db_sql_literal(b, 0, b->password, 1);
	db_sql(b, 0, ";\nGRANT ALL PRIVILEGES ON ");
	db_sql_ident(b, 0, '`', b->project);
	db_sql(b, 0, ".* TO ");
	my_user(b, b->project);
	db_sql(b, 0, ";\nFLUSH PRIVILEGES;");
	db_arg(b, 0, db_sql_cut(b, 0));
	return db_steps_emit(b, 1, steps, n_steps);
}

int
my_drop(const struct my_engine *e, struct db_base *b,
	const struct mpd_db_input *in, const struct mpd_db_project *p,
	const struct mpd_step **steps, size_t *n_steps)
{
	int rc;

	if ((rc = db_project(b, in, p)) != MPD_OK)
		return rc;
	db_step_start(b, 0, "Dropping the database and user", MY_SUPERUSER,
	    DB_STEP_TIMEOUT_MS);
	my_connect(b, 0, e->tools(b)->client);
	db_arg(b, 0, "-e");
	db_sql(b, 0, "DROP DATABASE IF EXISTS ");
	db_sql_ident(b, 0, '`', b->project);
	db_sql(b, 0, ";\nDROP USER IF EXISTS ");
	my_user(b, b->project);
	db_sql(b, 0, ";");
	db_arg(b, 0, db_sql_cut(b, 0));
	return db_steps_emit(b, 1, steps, n_steps);
}

int
my_dump(const struct my_engine *e, struct db_base *b,
	const struct mpd_db_input *in, const struct mpd_db_project *p,
	struct mpd_step *out)
{
	int rc;

	if ((rc = db_project(b, in, p)) != MPD_OK)
		return rc;
	/* as root: the dump keeps the DEFINER of routines and triggers */
	db_step_start(b, 0, "Dumping the database", MY_SUPERUSER,
	    DB_DUMP_TIMEOUT_MS);
	my_connect(b, 0, e->tools(b)->dump);
	db_arg(b, 0, "--default-character-set=utf8mb4");
	db_arg(b, 0, "--single-transaction");
	db_arg(b, 0, "--routines");
	db_arg(b, 0, "--triggers");
	db_arg(b, 0, "--hex-blob");
	db_arg(b, 0, b->project);
	return db_step_emit(b, out);
}

int
my_restore(const struct my_engine *e, struct db_base *b,
	   const struct mpd_db_input *in, const struct mpd_db_project *p,
	   struct mpd_step *out)
{
	int rc;

	if ((rc = db_project(b, in, p)) != MPD_OK)
		return rc;
	db_step_start(b, 0, "Restoring the database", MY_SUPERUSER,
	    DB_DUMP_TIMEOUT_MS);
	my_connect(b, 0, e->tools(b)->client);
	db_arg(b, 0, "--default-character-set=utf8mb4");
	db_arg(b, 0, b->project);
	return db_step_emit(b, out);
}
