/* db_common.h - what the in-tree db-engine plugins (postgres, mariadb,
 * mysql) share: the checks on the input, which image a version runs (built
 * here from a base release's packages, or the engine's official image),
 * the DB container's spec of docs/DATABASES.md (mounts, labels, command,
 * stop signal, revision), image(), and the buffers the per-project steps
 * are written into.  Compiled into each plugin (plugins share no code at
 * run time).
 *
 * Everything a description points at lives in the plugin's struct db_base
 * (static storage), valid until the next call into the plugin or fini. */
#ifndef MPD_DB_COMMON_H
#define MPD_DB_COMMON_H

#include <limits.h>
#include <stdarg.h>
#include <stddef.h>

#include <mpd/plugin.h>

#include <mpd/names.h>

#define DB_VERSION_MAX	63	/* the id names a DNS label */
#define DB_NAME_MAX	63	/* a project name (postgres' identifier limit) */
#define DB_PASSWORD_MAX	128
#define DB_DIR_MAX	200
#define DB_IMAGE_MAX	256
#define DB_SQL_MAX	4096
#define DB_ARGV_MAX	24
#define DB_STEPS_MAX	2
#define DB_STOP_TIMEOUT_S	60
#define DB_READY_INTERVAL_MS	250
#define DB_READY_ATTEMPTS	240	/* 60 s: a first initialisation is slow */
#define DB_STEP_TIMEOUT_MS	60000
#define DB_DUMP_TIMEOUT_MS	3600000

/* How an engine counts major versions. */
enum db_major_style {
	DB_MAJOR_PG,	/* N from 10 on (17.2 -> 17), N.M before (9.6.24 -> 9.6) */
	DB_MAJOR_XY,	/* N.M (11.8.3 -> 11.8) */
};

/* What one engine is; static, in the plugin. */
struct db_def {
	const char *engine;		/* "postgres": the plugin's name */
	const char *pretty;		/* "PostgreSQL" */
	/* the versions built here, newest (= latest) first, NULL-terminated,
	 * or NULL; local_releases[i] is the base release of local_versions[i] */
	const char *const *local_versions;
	const char *const *local_releases;
	enum db_major_style major_style;
	const char *stop_signal;	/* "SIGINT" */
	/* files under <assets>/dbs/ the container's command runs: their bytes
	 * are hashed into the revision; NULL-terminated */
	const char *const *run_files;
	const char *superuser;		/* "postgres", "root" */
	size_t user_max;		/* the engine's longest user name */
};

/* One step's argv, env and SQL text. */
struct db_stepbuf {
	char sql[DB_SQL_MAX];
	char env_kv[2][DB_PASSWORD_MAX + 64];
	const char *env[3];
	const char *argv[DB_ARGV_MAX + 1];
	size_t argc;
	size_t sql_len;
	size_t sql_start;		/* where the text after the last cut starts */
	size_t n_env;
	int overflow;			/* an argv, env or SQL did not fit */
};

struct db_base {
	const struct mpd_host_api *host;
	mpd_host_ctx *ctx;
	const struct db_def *def;
	char assets[PATH_MAX];		/* MPD_HOST_PATH_ASSETS */
	char context[PATH_MAX];		/* <assets>/dbs/<engine> */
	/* the input of the last call, copied */
	char version[DB_VERSION_MAX + 1];
	char id[DB_VERSION_MAX + 1];
	char container[DB_VERSION_MAX + 16];
	char data_dir[DB_DIR_MAX + 1];
	char ip[16];
	/* what the version resolves to */
	int local;			/* 1: an image built here */
	const char *base_release;	/* its base release, or NULL */
	char major[16];			/* "17", "11.8", or "auto" (the server's) */
	char image[DB_IMAGE_MAX];
	/* the container */
	char run_path[96];		/* MPD_CONTAINER_ASSETS/dbs/<engine>/mpd-db-run */
	char revision[17];
	const char *aliases[2];
	struct mpd_kv labels[2];
	struct mpd_kv env[4];
	size_t n_env;
	struct mpd_mount mounts[2];
	const char *command[6];
	struct mpd_container_spec spec;
	char probe_bin[96];
	const char *probe_argv[DB_ARGV_MAX + 1];
	struct mpd_probe probe;
	/* image() */
	struct mpd_kv build_args[1];
	struct mpd_db_image img;
	/* the project of the last call, and its steps */
	char project[DB_NAME_MAX + 1];
	char password[DB_PASSWORD_MAX + 1];
	char client[96];		/* the engine's client for the steps */
	struct db_stepbuf buf[DB_STEPS_MAX];
	struct mpd_step steps[DB_STEPS_MAX];
};

/* Fill `b` for engine `def` (borrowed; static in the plugin): the host
 * handles and the assets paths.  MPD_OK or an error set on the host. */
int db_base_init(struct db_base *b, const struct mpd_host_api *host,
		 mpd_host_ctx *ctx, const struct db_def *def);

/* Check `in` (every field present and well formed, a version the MPD_DB
 * grammar accepts, an id of this engine), copy it into `b` and resolve its
 * version: b->local, base_release, major and image.  MPD_OK or MPD_EINVAL
 * set on the host with one line naming the fix. */
int db_input(struct db_base *b, const struct mpd_db_input *in);

/* describe(), the part every engine shares: check `out` (a struct
 * mpd_container_spec of ABI 1.3 at least) and `ready`, db_input(), then
 * fill b->spec (name, image, hostname, ip, alias, labels, mounts, command,
 * stop signal and timeout) and b->probe (interval and attempts; argv is
 * the engine's).  The engine then adds env (db_env) and the probe's argv,
 * and calls db_describe_end().  Nothing is written to `out` or `ready`. */
int db_describe_begin(struct db_base *b, const struct mpd_db_input *in,
		      const struct mpd_container_spec *out,
		      const struct mpd_probe *const *ready);

/* Add one environment variable (static or b-owned strings). */
void db_env(struct db_base *b, const char *key, const char *value);

/* The probe runs argv (NULL-terminated, at most DB_ARGV_MAX; the strings
 * static or b-owned). */
void db_probe(struct db_base *b, const char *const *argv);

/* Hash the spec and the run files (read now; MPD_EIO set on the host when
 * one cannot be read) into b->revision, then *out = b->spec, *ready =
 * &b->probe.  MPD_OK or an error, with nothing written. */
int db_describe_end(struct db_base *b, struct mpd_container_spec *out,
		    const struct mpd_probe **ready);

/* image(): the build context, base release and VERSION build arg of a
 * version built here, or all NULL (pulled); local_versions always.  MPD_OK
 * or MPD_EINVAL set on the host (nothing written to `out`). */
int db_image(struct db_base *b, const struct mpd_db_input *in,
	     struct mpd_db_image *out);

/* Check `in` (db_input) and `p`: a project name [a-z][a-z0-9-]* of at most
 * DB_NAME_MAX (and def->user_max) characters, a password of printable
 * ASCII; copy them into b->project and b->password and clear the steps.
 * MPD_OK or MPD_EINVAL set on the host. */
int db_project(struct db_base *b, const struct mpd_db_input *in,
	       const struct mpd_db_project *p);

/* The version the engine's tools are from: the local major, or the
 * official version's leading N.M as numbers (0 when it names none, as
 * `latest` of an engine mpd builds nothing of). */
void db_version_numbers(const struct db_base *b, int *major, int *minor);

/* Step i (< DB_STEPS_MAX): start it with `label`, run as `user`, with a
 * timeout; then add argv elements, env entries and SQL text. */
void db_step_start(struct db_base *b, size_t i, const char *label,
		   const char *user, int timeout_ms);
void db_arg(struct db_base *b, size_t i, const char *arg);	/* NULL: overflow */
void db_step_env(struct db_base *b, size_t i, const char *key,
		 const char *value);
/* Append printf-style text to step i's SQL; returns -1 once it no longer
 * fits (the SQL is then unusable). */
int db_sql(struct db_base *b, size_t i, const char *fmt, ...)
	MPD_PRINTF(3, 4);

/* End the SQL text written since the last cut (a string of its own, for
 * one argv element) and return it; NULL once it no longer fits. */
const char *db_sql_cut(struct db_base *b, size_t i);

/* Append `s` to step i's SQL quoted as an identifier between `q`
 * ("..." for postgres, `...` for mariadb: a q inside is doubled) / as a
 * string literal ('...': a ' inside is doubled; with `backslash`, a
 * backslash is escaped too, for mariadb).  -1 once it does not fit. */
int db_sql_ident(struct db_base *b, size_t i, char q, const char *s);
int db_sql_literal(struct db_base *b, size_t i, const char *s, int backslash);

/* Hand out steps 0..n-1.  Fails with MPD_EINVAL (set on the host) when
 * an argv, env or SQL text did not fit. */
int db_steps_emit(struct db_base *b, size_t n, const struct mpd_step **steps,
		  size_t *n_steps);
/* Hand out step 0 as one struct (dump, restore); `out` must be a struct
 * mpd_step of ABI 1.0 at least. */
int db_step_emit(struct db_base *b, struct mpd_step *out);

#endif
