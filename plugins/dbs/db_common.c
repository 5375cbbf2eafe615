/* db_common.c - shared by the in-tree db-engine plugins (see db_common.h
 * and docs/DATABASES.md). */
#include "db_common.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DB_RUN_NAME	"mpd-db-run"
#define DB_MARKER_SUFFIX	".mpd-db"

static const char digits[] = "0123456789";
static const char lower_alnum[] = "abcdefghijklmnopqrstuvwxyz0123456789";
static const char version_chars[] = "abcdefghijklmnopqrstuvwxyz0123456789.-";
static const char dir_chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/._-";
static const char container_chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-";
static const char image_chars[] = "abcdefghijklmnopqrstuvwxyz0123456789._/:-";

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int bad(const struct db_base *b, const char *fmt, ...)
	MPD_PRINTF(2, 3);

/* MPD_EINVAL with "db engine '<engine>': <message>" set on the host */
static int
bad(const struct db_base *b, const char *fmt, ...)
{
	char msg[480];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return b->host->set_error(b->ctx, MPD_EINVAL, "db engine '%s': %s",
	    b->def->engine, msg);
}

int
db_base_init(struct db_base *b, const struct mpd_host_api *host,
	     mpd_host_ctx *ctx, const struct db_def *def)
{
	const char *assets;
	int w;

	memset(b, 0, sizeof *b);
	b->host = host;
	b->ctx = ctx;
	b->def = def;
	assets = host->path(ctx, MPD_HOST_PATH_ASSETS);
	if (assets == NULL || assets[0] != '/' ||
	    strlen(assets) >= sizeof b->assets)
		return host->set_error(ctx, MPD_EINVAL,
		    "db engine '%s': the host gave no usable assets path",
		    def->engine);
	memcpy(b->assets, assets, strlen(assets) + 1);
	w = snprintf(b->context, sizeof b->context, "%s/dbs/%s", b->assets,
	    def->engine);
	if (w < 0 || (size_t)w >= sizeof b->context)
		return host->set_error(ctx, MPD_EINVAL,
		    "db engine '%s': assets path too long: %s", def->engine,
		    b->assets);
	snprintf(b->run_path, sizeof b->run_path,
	    MPD_CONTAINER_ASSETS "/dbs/%s/" DB_RUN_NAME, def->engine);
	return MPD_OK;
}

/* ---- the input ----------------------------------------------------------- */

/* The MPD_DB version grammar (core/config/mpddb.h): `latest`, or a digit
 * then [a-z0-9.-], each '.' or '-' between two letters/digits, a '.'
 * before a digit and a '-' before a letter. */
static int
version_valid(const char *v)
{
	size_t n = strlen(v);

	if (strcmp(v, "latest") == 0)
		return 1;
	if (n == 0 || n > DB_VERSION_MAX || !is_digit(v[0]) ||
	    strspn(v, version_chars) != n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i] != '.' && v[i] != '-')
			continue;
		if (i + 1 == n || v[i + 1] == '.' || v[i + 1] == '-' ||
		    (v[i] == '.') != is_digit(v[i + 1]))
			return 0;
	}
	return 1;
}

static int
ipv4_valid(const char *s)
{
	int parts = 0;

	for (;;) {
		size_t n = strspn(s, digits);

		if (n == 0 || n > 3 || (n > 1 && s[0] == '0') ||
		    atoi(s) > 255)
			return 0;
		parts++;
		s += n;
		if (*s == '\0')
			return parts == 4;
		if (*s != '.' || parts == 4)
			return 0;
		s++;
	}
}

/* an absolute path under the data volume: no empty, `.` or `..` part,
 * no trailing '/', only [A-Za-z0-9/._-] */
static int
data_dir_valid(const char *s)
{
	size_t n = strlen(s), vol = strlen(MPD_VOLUME_TARGET);

	if (n == 0 || n > DB_DIR_MAX - strlen(DB_MARKER_SUFFIX) ||
	    strspn(s, dir_chars) != n || strncmp(s, MPD_VOLUME_TARGET, vol) != 0 ||
	    s[vol] != '/' || s[n - 1] == '/')
		return 0;
	for (const char *p = s; (p = strchr(p, '/')) != NULL; p++)
		if (p[1] == '/' || p[1] == '.')
			return 0;
	return 1;
}

/* in->database_id must be <engine>-<version, '.' made '-'> */
static int
id_matches(const struct db_base *b, const char *id, const char *version)
{
	size_t e = strlen(b->def->engine);

	if (strncmp(id, b->def->engine, e) != 0 || id[e] != '-' ||
	    strlen(id + e + 1) != strlen(version))
		return 0;
	for (size_t i = 0; version[i] != '\0'; i++)
		if (id[e + 1 + i] != (version[i] == '.' ? '-' : version[i]))
			return 0;
	return 1;
}

/* [plugin.<engine>] image: a repository without tag or digest */
static int
config_image(const struct db_base *b, const char **ref)
{
	const char *v = b->host->config_get(b->ctx, "image");
	const char *last;
	size_t n;

	*ref = b->def->engine;
	if (v == NULL || v[0] == '\0')
		return MPD_OK;
	n = strlen(v);
	last = strrchr(v, '/');
	last = last != NULL ? last + 1 : v;
	if (n > DB_IMAGE_MAX - DB_VERSION_MAX - 2 ||
	    strspn(v, image_chars) != n || strchr(lower_alnum, v[0]) == NULL ||
	    v[n - 1] == '/' || strchr(last, ':') != NULL)
		return b->host->set_error(b->ctx, MPD_EINVAL,
		    "mpd.ini [plugin.%s] image: must be an image name without "
		    "a tag (mpd adds the version), e.g. %s or "
		    "registry.example/library/%s (lowercase letters, digits "
		    "and ._/:-)", b->def->engine, b->def->engine,
		    b->def->engine);
	*ref = v;
	return MPD_OK;
}

/* the major of an official version, or "auto" (the server's, found by
 * mpd-db-run) when the version names none, as `latest` or `11` */
static void
official_major(const struct db_base *b, const char *v, char *out, size_t n)
{
	size_t a = strspn(v, digits), c = 0;

	if (a > 0 && v[a] == '.')
		c = strspn(v + a + 1, digits);
	snprintf(out, n, "auto");
	if (a == 0 || a > 4 || c > 4)
		return;
	if (b->def->major_style == DB_MAJOR_PG && atoi(v) >= 10)
		snprintf(out, n, "%.*s", (int)a, v);
	else if (c > 0)
		snprintf(out, n, "%.*s", (int)(a + 1 + c), v);
}

static void
copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src);
}

int
db_input(struct db_base *b, const struct mpd_db_input *in)
{
	const char *const *lv = b->def->local_versions;
	const char *ref;
	int rc;

	if (in == NULL || in->struct_size < sizeof *in)
		return bad(b, "needs a struct mpd_db_input of ABI 1.0");
	if (in->version == NULL || !version_valid(in->version))
		return bad(b, "invalid version '%.64s': use 'latest' or a "
		    "version starting with a digit (e.g. 17, 17.2, "
		    "17-bookworm)", in->version ? in->version : "(none)");
	if (in->database_id == NULL ||
	    !id_matches(b, in->database_id, in->version))
		return bad(b, "database id '%.64s' is not the id of this "
		    "engine's version (engine-version, each '.' made '-', "
		    "e.g. postgres-17-2)",
		    in->database_id ? in->database_id : "(none)");
	if (in->container == NULL || in->container[0] == '\0' ||
	    strlen(in->container) >= sizeof b->container ||
	    strspn(in->container, container_chars) != strlen(in->container) ||
	    strchr(lower_alnum, in->container[0]) == NULL)
		return bad(b, "container name '%.80s' is invalid: name it "
		    MPD_DB_PREFIX "<id> (letters, digits and _.-)",
		    in->container ? in->container : "(none)");
	if (in->data_dir == NULL || !data_dir_valid(in->data_dir))
		return bad(b, "data directory '%.200s' is invalid: give an "
		    "absolute path on the data volume, e.g. "
		    MPD_VOLUME_TARGET "/dbs/<id> (letters, digits and /._-)",
		    in->data_dir ? in->data_dir : "(none)");
	if (in->ip == NULL || !ipv4_valid(in->ip))
		return bad(b, "address '%.40s' is not an IPv4 address: give "
		    "the one allocated on " MPD_NET_NAME,
		    in->ip ? in->ip : "(none)");
	copy(b->version, sizeof b->version, in->version);
	copy(b->id, sizeof b->id, in->database_id);
	copy(b->container, sizeof b->container, in->container);
	copy(b->data_dir, sizeof b->data_dir, in->data_dir);
	copy(b->ip, sizeof b->ip, in->ip);
	b->local = 0;
	b->base_release = NULL;
	for (size_t i = 0; lv != NULL && lv[i] != NULL; i++)
		if (strcmp(b->version, lv[i]) == 0 ||
		    (i == 0 && strcmp(b->version, "latest") == 0)) {
			b->local = 1;
			b->base_release = b->def->local_releases[i];
			copy(b->major, sizeof b->major, lv[i]);
			snprintf(b->image, sizeof b->image,
			    "localhost/" MPD_DB_PREFIX "%s:%s",
			    b->def->engine, lv[i]);
			return MPD_OK;
		}
	if ((rc = config_image(b, &ref)) != MPD_OK)
		return rc;
	official_major(b, b->version, b->major, sizeof b->major);
	snprintf(b->image, sizeof b->image, "%s:%s", ref, b->version);
	return MPD_OK;
}

void
db_version_numbers(const struct db_base *b, int *major, int *minor)
{
	const char *v = b->local ? b->major : b->version;

	*major = *minor = 0;
	if (!is_digit(v[0]))
		return;
	*major = atoi(v);
	v += strspn(v, digits);
	if (v[0] == '.' && is_digit(v[1]))
		*minor = atoi(v + 1);
}

/* ---- describe ------------------------------------------------------------ */

int
db_describe_begin(struct db_base *b, const struct mpd_db_input *in,
		  const struct mpd_container_spec *out,
		  const struct mpd_probe *const *ready)
{
	struct mpd_container_spec *s = &b->spec;
	int rc;

	if (out == NULL || out->struct_size < sizeof *out || ready == NULL)
		return bad(b, "describe needs a struct mpd_container_spec of "
		    "ABI 1.3 and a place for the readiness probe");
	if ((rc = db_input(b, in)) != MPD_OK)
		return rc;
	b->aliases[0] = b->id;
	b->aliases[1] = NULL;
	b->labels[0] = (struct mpd_kv){ "mpd.db.engine", b->def->engine };
	b->labels[1] = (struct mpd_kv){ "mpd.db.version", b->version };
	b->n_env = 0;
	b->mounts[0] = (struct mpd_mount){ MPD_VOLUME_NAME, MPD_VOLUME_TARGET,
	    MPD_MOUNT_VOLUME };
	b->mounts[1] = (struct mpd_mount){ b->assets, MPD_CONTAINER_ASSETS,
	    MPD_MOUNT_RO };
	b->command[0] = b->run_path;
	b->command[1] = b->def->engine;
	b->command[2] = b->major;
	b->command[3] = b->data_dir;
	b->command[4] = b->local ? "local" : "official";
	b->command[5] = NULL;
	memset(s, 0, sizeof *s);
	s->struct_size = sizeof *s;
	s->name = b->container;
	s->image = b->image;
	s->hostname = b->id;
	s->ip = b->ip;
	s->aliases = b->aliases;
	s->labels = b->labels;
	s->n_labels = sizeof b->labels / sizeof b->labels[0];
	s->mounts = b->mounts;
	s->n_mounts = sizeof b->mounts / sizeof b->mounts[0];
	s->command = b->command;
	/* the server drops root itself (or through setpriv / the image's
	 * entrypoint): nothing in it gains privileges through exec */
	s->flags = MPD_CONTAINER_NO_NEW_PRIVS;
	s->stop_signal = b->def->stop_signal;
	s->stop_timeout_s = DB_STOP_TIMEOUT_S;
	memset(&b->probe, 0, sizeof b->probe);
	b->probe.struct_size = sizeof b->probe;
	b->probe.interval_ms = DB_READY_INTERVAL_MS;
	b->probe.attempts = DB_READY_ATTEMPTS;
	b->probe_argv[0] = NULL;
	return MPD_OK;
}

void
db_env(struct db_base *b, const char *key, const char *value)
{
	if (b->n_env < sizeof b->env / sizeof b->env[0])
		b->env[b->n_env++] = (struct mpd_kv){ key, value };
}

void
db_probe(struct db_base *b, const char *const *argv)
{
	size_t i;

	for (i = 0; argv[i] != NULL && i < DB_ARGV_MAX; i++)
		b->probe_argv[i] = argv[i];
	b->probe_argv[i] = NULL;
}

/* FNV-1a over n bytes */
static uint64_t
fnv_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++) {
		h ^= c[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

/* one string and its NUL */
static uint64_t
fnv(uint64_t h, const char *s)
{
	return fnv_bytes(h, s ? s : "", strlen(s ? s : "") + 1);
}

static uint64_t
fnv_num(uint64_t h, long long v)
{
	char n[32];

	snprintf(n, sizeof n, "%lld", v);
	return fnv(h, n);
}

/* the bytes of <assets>/dbs/<rel> (its length first) */
static int
fnv_file(const struct db_base *b, const char *rel, uint64_t *h)
{
	char path[PATH_MAX], chunk[8192];
	long long total = 0;
	size_t n;
	FILE *f;
	int w = snprintf(path, sizeof path, "%s/dbs/%s", b->assets, rel);

	if (w < 0 || (size_t)w >= sizeof path)
		return bad(b, "assets path too long for %s", rel);
	if ((f = fopen(path, "rb")) == NULL)
		return b->host->set_error(b->ctx, MPD_EIO,
		    "db engine '%s': cannot read %s (%s): the DB container "
		    "runs it; reinstall mpd's assets", b->def->engine, path,
		    strerror(errno));
	*h = fnv(*h, rel);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		*h = fnv_bytes(*h, chunk, n);
		total += (long long)n;
	}
	if (ferror(f)) {
		fclose(f);
		return b->host->set_error(b->ctx, MPD_EIO,
		    "db engine '%s': cannot read %s: reinstall mpd's assets",
		    b->def->engine, path);
	}
	fclose(f);
	*h = fnv_num(*h, total);
	return MPD_OK;
}

static int
spec_revision(struct db_base *b)
{
	const struct mpd_container_spec *s = &b->spec;
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	int rc;

	h = fnv(fnv(fnv(fnv(h, s->name), s->image), s->hostname), s->ip);
	for (size_t i = 0; s->aliases[i] != NULL; i++)
		h = fnv(h, s->aliases[i]);
	for (size_t i = 0; i < s->n_labels; i++)
		h = fnv(fnv(h, s->labels[i].key), s->labels[i].value);
	for (size_t i = 0; i < s->n_env; i++)
		h = fnv(fnv(h, s->env[i].key), s->env[i].value);
	for (size_t i = 0; i < s->n_mounts; i++)
		h = fnv_num(fnv(fnv(h, s->mounts[i].source),
		    s->mounts[i].target), s->mounts[i].flags);
	for (size_t i = 0; s->command[i] != NULL; i++)
		h = fnv(h, s->command[i]);
	h = fnv_num(fnv(fnv_num(h, s->flags), s->stop_signal),
	    s->stop_timeout_s);
	for (size_t i = 0; b->def->run_files[i] != NULL; i++)
		if ((rc = fnv_file(b, b->def->run_files[i], &h)) != MPD_OK)
			return rc;
	snprintf(b->revision, sizeof b->revision, "%016" PRIx64, h);
	return MPD_OK;
}

int
db_describe_end(struct db_base *b, struct mpd_container_spec *out,
		const struct mpd_probe **ready)
{
	int rc;

	b->spec.env = b->n_env ? b->env : NULL;
	b->spec.n_env = b->n_env;
	b->probe.argv = b->probe_argv;
	if ((rc = spec_revision(b)) != MPD_OK)
		return rc;
	b->spec.revision = b->revision;
	*out = b->spec;
	*ready = &b->probe;
	return MPD_OK;
}

/* ---- image --------------------------------------------------------------- */

int
db_image(struct db_base *b, const struct mpd_db_input *in,
	 struct mpd_db_image *out)
{
	int rc;

	if (out == NULL || out->struct_size < sizeof *out)
		return bad(b, "image needs a struct mpd_db_image of ABI 1.3");
	if ((rc = db_input(b, in)) != MPD_OK)
		return rc;
	memset(&b->img, 0, sizeof b->img);
	b->img.struct_size = sizeof b->img;
	b->img.local_versions = b->def->local_versions;
	if (b->local) {
		b->build_args[0] = (struct mpd_kv){ "VERSION", b->major };
		b->img.build_context = b->context;
		b->img.base_release = b->base_release;
		b->img.build_args = b->build_args;
		b->img.n_build_args = 1;
	}
	*out = b->img;
	return MPD_OK;
}

/* ---- projects and their steps --------------------------------------------- */

int
db_project(struct db_base *b, const struct mpd_db_input *in,
	   const struct mpd_db_project *p)
{
	size_t n, max = b->def->user_max < DB_NAME_MAX ? b->def->user_max :
	    DB_NAME_MAX;
	int rc;

	if ((rc = db_input(b, in)) != MPD_OK)
		return rc;
	if (p == NULL || p->struct_size < sizeof *p)
		return bad(b, "needs a struct mpd_db_project of ABI 1.0");
	n = p->project != NULL ? strlen(p->project) : 0;
	if (n == 0 || n > DB_NAME_MAX || strchr(lower_alnum, p->project[0]) ==
	    NULL || is_digit(p->project[0]) ||
	    strspn(p->project, "abcdefghijklmnopqrstuvwxyz0123456789-") != n)
		return bad(b, "project name '%.64s' cannot name a database: "
		    "use [a-z][a-z0-9-]*, at most 63 characters",
		    p->project ? p->project : "(none)");
	if (n > max)
		return bad(b, "project name '%s' is longer than the %zu "
		    "characters a %s user name may have: use a shorter project "
		    "name", p->project, max, b->def->pretty);
	if (p->password == NULL || p->password[0] == '\0' ||
	    strlen(p->password) > DB_PASSWORD_MAX)
		return bad(b, "project '%s': give a password of 1 to 128 "
		    "characters (mpd's is the project's name)", p->project);
	for (const char *c = p->password; *c != '\0'; c++)
		if (*c < 0x20 || *c > 0x7e)
			return bad(b, "project '%s': the password must be "
			    "printable ASCII (mpd's is the project's name)",
			    p->project);
	copy(b->project, sizeof b->project, p->project);
	copy(b->password, sizeof b->password, p->password);
	memset(b->buf, 0, sizeof b->buf);
	memset(b->steps, 0, sizeof b->steps);
	return MPD_OK;
}

void
db_step_start(struct db_base *b, size_t i, const char *label,
	      const char *user, int timeout_ms)
{
	struct db_stepbuf *sb = &b->buf[i];

	memset(sb, 0, sizeof *sb);
	b->steps[i] = (struct mpd_step){
		.struct_size = sizeof(struct mpd_step),
		.label = label,
		.user = user,
		.timeout_ms = timeout_ms,
	};
}

void
db_arg(struct db_base *b, size_t i, const char *arg)
{
	struct db_stepbuf *sb = &b->buf[i];

	if (arg == NULL || sb->argc >= DB_ARGV_MAX) {
		sb->overflow = 1;
		return;
	}
	sb->argv[sb->argc++] = arg;
	sb->argv[sb->argc] = NULL;
}

void
db_step_env(struct db_base *b, size_t i, const char *key, const char *value)
{
	struct db_stepbuf *sb = &b->buf[i];
	char *kv;
	int w;

	if (sb->n_env >= sizeof sb->env_kv / sizeof sb->env_kv[0]) {
		sb->overflow = 1;
		return;
	}
	kv = sb->env_kv[sb->n_env];
	w = snprintf(kv, sizeof sb->env_kv[0], "%s=%s", key, value);
	if (w < 0 || (size_t)w >= sizeof sb->env_kv[0]) {
		sb->overflow = 1;
		return;
	}
	sb->env[sb->n_env++] = kv;
	sb->env[sb->n_env] = NULL;
}

static int
sql_putc(struct db_stepbuf *sb, char c)
{
	if (sb->sql_len + 1 >= sizeof sb->sql) {
		sb->overflow = 1;
		return -1;
	}
	sb->sql[sb->sql_len++] = c;
	sb->sql[sb->sql_len] = '\0';
	return 0;
}

int
db_sql(struct db_base *b, size_t i, const char *fmt, ...)
{
	struct db_stepbuf *sb = &b->buf[i];
	size_t room = sizeof sb->sql - sb->sql_len;
	va_list ap;
	int w;

	va_start(ap, fmt);
	w = vsnprintf(sb->sql + sb->sql_len, room, fmt, ap);
	va_end(ap);
	if (w < 0 || (size_t)w >= room) {
		sb->overflow = 1;
		sb->sql[sb->sql_len] = '\0';
		return -1;
	}
	sb->sql_len += (size_t)w;
	return 0;
}

const char *
db_sql_cut(struct db_base *b, size_t i)
{
	struct db_stepbuf *sb = &b->buf[i];
	const char *s = sb->sql + sb->sql_start;

	if (sb->overflow || sb->sql_len + 1 >= sizeof sb->sql) {
		sb->overflow = 1;
		return NULL;
	}
	sb->sql_start = ++sb->sql_len;	/* past this text's NUL */
	sb->sql[sb->sql_len] = '\0';
	return s;
}

int
db_sql_ident(struct db_base *b, size_t i, char q, const char *s)
{
	struct db_stepbuf *sb = &b->buf[i];
	int rc = sql_putc(sb, q);

	for (; *s != '\0' && rc == 0; s++)
		if ((*s == q && sql_putc(sb, q) != 0) || sql_putc(sb, *s) != 0)
			rc = -1;
	return rc == 0 ? sql_putc(sb, q) : -1;
}

int
db_sql_literal(struct db_base *b, size_t i, const char *s, int backslash)
{
	struct db_stepbuf *sb = &b->buf[i];
	int rc = sql_putc(sb, '\'');

	for (; *s != '\0' && rc == 0; s++) {
		if (*s == '\'')
			rc = sql_putc(sb, '\'');
		else if (*s == '\\' && backslash)
			rc = sql_putc(sb, '\\');
		if (rc == 0)
			rc = sql_putc(sb, *s);
	}
	return rc == 0 ? sql_putc(sb, '\'') : -1;
}

static int
step_finish(struct db_base *b, size_t i)
{
	struct db_stepbuf *sb = &b->buf[i];

	if (sb->overflow || sb->argc == 0)
		return b->host->set_error(b->ctx, MPD_EINVAL,
		    "db engine '%s': the command for project '%s' does not "
		    "fit (a shorter password?)", b->def->engine, b->project);
	b->steps[i].argv = sb->argv;
	b->steps[i].env = sb->n_env ? sb->env : NULL;
	return MPD_OK;
}

int
db_steps_emit(struct db_base *b, size_t n, const struct mpd_step **steps,
	      size_t *n_steps)
{
	int rc;

	if (steps == NULL || n_steps == NULL)
		return bad(b, "no place for the steps of project '%s'",
		    b->project);
	for (size_t i = 0; i < n; i++)
		if ((rc = step_finish(b, i)) != MPD_OK)
			return rc;
	*steps = b->steps;
	*n_steps = n;
	return MPD_OK;
}

int
db_step_emit(struct db_base *b, struct mpd_step *out)
{
	int rc;

	if (out == NULL || out->struct_size < sizeof *out)
		return bad(b, "needs a struct mpd_step of ABI 1.0 for the "
		    "command");
	if ((rc = step_finish(b, 0)) != MPD_OK)
		return rc;
	*out = b->steps[0];
	return MPD_OK;
}
