/* db_myfamily.h - what the mariadb and mysql plugins share: their
 * clients speak the same SQL and take the same options, so the container's
 * probe and the per-project steps are written once (docs/DATABASES.md).
 * Compiled into both plugins. */
#ifndef MPD_DB_MYFAMILY_H
#define MPD_DB_MYFAMILY_H

#include "db_common.h"

/* The client programs of one image. */
struct my_tools {
	const char *client;	/* "mariadb" */
	const char *dump;	/* "mariadb-dump" */
	const char *admin;	/* "mariadb-admin" */
};

/* One engine of the family; static, in the plugin. */
struct my_engine {
	const struct db_def *def;
	const char *root_password_env;	/* the official image's variable */
	/* the clients of the image the version of `b` runs */
	const struct my_tools *(*tools)(const struct db_base *b);
};

/* The ops, for a plugin's state that is (starts with) a struct db_base
 * whose def is e->def; `e` is borrowed for the plugin's lifetime. */
int my_describe(const struct my_engine *e, struct db_base *b,
		const struct mpd_db_input *in, struct mpd_container_spec *out,
		const struct mpd_probe **ready);
int my_create(const struct my_engine *e, struct db_base *b,
	      const struct mpd_db_input *in, const struct mpd_db_project *p,
	      const struct mpd_step **steps, size_t *n_steps);
int my_drop(const struct my_engine *e, struct db_base *b,
	    const struct mpd_db_input *in, const struct mpd_db_project *p,
	    const struct mpd_step **steps, size_t *n_steps);
int my_dump(const struct my_engine *e, struct db_base *b,
	    const struct mpd_db_input *in, const struct mpd_db_project *p,
	    struct mpd_step *out);
int my_restore(const struct my_engine *e, struct db_base *b,
	       const struct mpd_db_input *in, const struct mpd_db_project *p,
	       struct mpd_step *out);

#endif
