/* plugin_host.c - the host table the core hands every plugin (see
 * plugin_host.h). */
#include "plugin_host.h"

#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "log.h"
#include "jsonfile.h"
#include "paths.h"
#include "state_store.h"

#define CTX_MAGIC 0x6d706463u	/* "mpdc" */
#define MAX_CONFIG 128

struct mpd_host_ctx {
	unsigned magic;
	char *name;
	char err[MPD_ERR_MSG_MAX];
	size_t n_config;
	char *config_key[MAX_CONFIG];
	char *config_val[MAX_CONFIG];
	char *state_dir;		/* created on first request */
	char *cert_path, *key_path;	/* last cert_ensure answer */
};

static struct plugin_host_services services;

void
plugin_host_set_services(const struct plugin_host_services *s)
{
	if (s == NULL)
		memset(&services, 0, sizeof services);
	else
		services = *s;
}

static struct mpd_host_ctx *
checked(mpd_host_ctx *ctx)
{
	if (ctx == NULL || ctx->magic != CTX_MAGIC) {
		mpd_error("a plugin passed an invalid host context; ignoring the call");
		return NULL;
	}
	return ctx;
}

static void
host_log(mpd_host_ctx *ctx, enum mpd_host_log_level level, const char *fmt,
	 ...)
{
	char buf[1024];
	va_list ap;

	if (checked(ctx) == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	switch (level) {
	case MPD_HOST_LOG_ERROR:
		mpd_log(MPD_LOG_ERROR, "plugin '%s': %s", ctx->name, buf);
		break;
	case MPD_HOST_LOG_WARN:
		mpd_log(MPD_LOG_WARN, "plugin '%s': %s", ctx->name, buf);
		break;
	case MPD_HOST_LOG_INFO:
		mpd_log(MPD_LOG_INFO, "plugin '%s': %s", ctx->name, buf);
		break;
	default:
		mpd_debug("plugin '%s': %s", ctx->name, buf);
		break;
	}
}

static int
host_set_error(mpd_host_ctx *ctx, int code, const char *fmt, ...)
{
	va_list ap;

	if (checked(ctx) == NULL)
		return code;
	va_start(ap, fmt);
	vsnprintf(ctx->err, sizeof ctx->err, fmt, ap);
	va_end(ap);
	/* one line: a newline would break the CLI's one-line errors */
	for (char *p = ctx->err; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return code;
}

static void *
host_alloc(size_t n)
{
	return calloc(1, n ? n : 1);
}

static void
host_free(void *p)
{
	free(p);
}

static char *
host_strdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

static const char *
host_config_get(mpd_host_ctx *ctx, const char *key)
{
	if (checked(ctx) == NULL || key == NULL)
		return NULL;
	for (size_t i = 0; i < ctx->n_config; i++)
		if (strcmp(ctx->config_key[i], key) == 0)
			return ctx->config_val[i];
	return NULL;
}

static const char *
host_path(mpd_host_ctx *ctx, enum mpd_host_path which)
{
	if (checked(ctx) == NULL)
		return NULL;
	switch (which) {
	case MPD_HOST_PATH_ASSETS:
		return mpd_path(MPD_PATH_ASSETS);
	case MPD_HOST_PATH_CONF:
		return mpd_path(MPD_PATH_CONF);
	case MPD_HOST_PATH_STATE:
		return mpd_path(MPD_PATH_STATE);
	case MPD_HOST_PATH_PLUGIN_STATE:
		if (ctx->state_dir == NULL) {
			ctx->state_dir = mpd_path_join(MPD_PATH_PLUGINS_STATE,
			    ctx->name);
			if (ctx->state_dir == NULL)
				return NULL;
			mkdir(mpd_path(MPD_PATH_STATE), 0755);
			mkdir(mpd_path(MPD_PATH_PLUGINS_STATE), 0755);
			if (mkdir(ctx->state_dir, 0755) != 0 && errno != EEXIST)
				mpd_warn("plugin '%s': cannot create %s: %s",
				    ctx->name, ctx->state_dir, strerror(errno));
		}
		return ctx->state_dir;
	}
	return NULL;
}

static int
not_wired(mpd_host_ctx *ctx, const char *what)
{
	return host_set_error(ctx, MPD_ENOTSUP,
	    "%s is not available in this context", what);
}

static int
host_container_state(mpd_host_ctx *ctx, const char *name,
		     enum mpd_container_state *out)
{
	struct mpd_err e = {0};

	if (checked(ctx) == NULL || name == NULL || out == NULL)
		return MPD_EINVAL;
	if (services.container_state == NULL)
		return not_wired(ctx, "container_state");
	if (services.container_state(services.user, name, out, &e) != 0)
		return host_set_error(ctx, MPD_EEXEC, "%s", e.msg);
	return MPD_OK;
}

static int
host_container_exec(mpd_host_ctx *ctx, const struct mpd_exec_request *req,
		    struct mpd_exec_result *out)
{
	struct mpd_err e = {0};

	if (checked(ctx) == NULL || req == NULL || out == NULL ||
	    req->struct_size < offsetof(struct mpd_exec_request, timeout_ms) +
	    sizeof(int) || out->struct_size < sizeof *out)
		return MPD_EINVAL;
	if (services.container_exec == NULL)
		return not_wired(ctx, "container_exec");
	if (services.container_exec(services.user, req, out, &e) != 0)
		return host_set_error(ctx, MPD_EEXEC, "%s", e.msg);
	return MPD_OK;
}

static void
host_exec_result_release(mpd_host_ctx *ctx, struct mpd_exec_result *res)
{
	(void)ctx;
	if (res == NULL)
		return;
	free(res->out);
	free(res->err);
	res->out = res->err = NULL;
	res->out_len = res->err_len = 0;
}

static int
host_state_read(mpd_host_ctx *ctx, const char *domain, char **json_out)
{
	static const struct {
		const char *domain;
		enum mpd_path_id path;
	} domains[] = {
		{ "projects", MPD_PATH_PROJECTS_JSON },
		{ "databases", MPD_PATH_DATABASES_JSON },
		{ "current-state", MPD_PATH_CURRENT_JSON },
		{ "hooks-state", MPD_PATH_HOOKS_JSON },
	};
	char *buf = NULL;
	size_t len = 0;
	struct mpd_err e = {0};

	if (checked(ctx) == NULL || domain == NULL || json_out == NULL)
		return MPD_EINVAL;
	*json_out = NULL;
	for (size_t i = 0; i < sizeof domains / sizeof domains[0]; i++) {
		if (strcmp(domains[i].domain, domain) != 0)
			continue;
		/* State files are replaced by rename, so one read sees one
		 * consistent version without taking the lock. */
		if (state_store_read(mpd_path(domains[i].path), JSONFILE_MAX_BYTES,
		    "", &buf, &len, &e) != 0)
			return host_set_error(ctx, MPD_EIO, "%s", e.msg);
		if (buf == NULL)
			return host_set_error(ctx, MPD_ENOENT, "%s: no such file",
			    mpd_path(domains[i].path));
		*json_out = buf;
		return MPD_OK;
	}
	return host_set_error(ctx, MPD_EINVAL,
	    "unknown state domain '%s' (projects, databases, current-state, hooks-state)",
	    domain);
}

static int
host_cert_ensure(mpd_host_ctx *ctx, const char *label,
		 const char *const *dns_names, const char **cert_path,
		 const char **key_path)
{
	struct mpd_err e = {0};
	char *c = NULL, *k = NULL;

	if (checked(ctx) == NULL || label == NULL || dns_names == NULL ||
	    cert_path == NULL || key_path == NULL)
		return MPD_EINVAL;
	if (services.cert_ensure == NULL)
		return not_wired(ctx, "cert_ensure");
	if (services.cert_ensure(services.user, label, dns_names, &c, &k, &e) != 0)
		return host_set_error(ctx, MPD_ECRYPTO, "%s", e.msg);
	free(ctx->cert_path);
	free(ctx->key_path);
	ctx->cert_path = c;
	ctx->key_path = k;
	*cert_path = c;
	*key_path = k;
	return MPD_OK;
}

static const struct mpd_host_api host_api = {
	.struct_size = sizeof(struct mpd_host_api),
	.abi_major = MPD_ABI_MAJOR,
	.abi_minor = MPD_ABI_MINOR,
	.host_version = PACKAGE_VERSION,
	.log = host_log,
	.set_error = host_set_error,
	.alloc = host_alloc,
	.free = host_free,
	.strdup = host_strdup,
	.config_get = host_config_get,
	.path = host_path,
	.container_state = host_container_state,
	.container_exec = host_container_exec,
	.exec_result_release = host_exec_result_release,
	.state_read = host_state_read,
	.cert_ensure = host_cert_ensure,
};

const struct mpd_host_api *
plugin_host_api(void)
{
	return &host_api;
}

struct ini_load {
	struct mpd_host_ctx *ctx;
	char section[80];
	int nomem;
};

static int
on_ini(void *user, const char *section, const char *name, const char *value)
{
	struct ini_load *l = user;
	struct mpd_host_ctx *ctx = l->ctx;

	if (strcmp(section, l->section) != 0)
		return 1;
	if (ctx->n_config >= MAX_CONFIG)
		return 0;
	ctx->config_key[ctx->n_config] = strdup(name);
	ctx->config_val[ctx->n_config] = strdup(value);
	if (ctx->config_key[ctx->n_config] == NULL ||
	    ctx->config_val[ctx->n_config] == NULL) {
		free(ctx->config_key[ctx->n_config]);
		free(ctx->config_val[ctx->n_config]);
		l->nomem = 1;
		return 0;
	}
	ctx->n_config++;
	return 1;
}

struct mpd_host_ctx *
plugin_host_ctx_new(const char *name, struct mpd_err *e)
{
	struct mpd_host_ctx *ctx = calloc(1, sizeof *ctx);
	struct ini_load l;
	const char *ini = mpd_path(MPD_PATH_MPD_INI);
	int rc;

	if (ctx == NULL || (ctx->name = strdup(name)) == NULL) {
		free(ctx);
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		return NULL;
	}
	ctx->magic = CTX_MAGIC;
	l.ctx = ctx;
	l.nomem = 0;
	snprintf(l.section, sizeof l.section, "plugin.%s", name);
	rc = ini_parse(ini, on_ini, &l);
	if (rc == -1)
		return ctx;	/* no mpd.ini: no settings */
	if (rc != 0 || l.nomem) {
		if (l.nomem)
			mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		else if (rc > 0 && ctx->n_config >= MAX_CONFIG)
			mpd_err_set(e, MPD_ERR_CORRUPT,
			    "%s:%d: more than %d settings for plugin '%s'",
			    ini, rc, MAX_CONFIG, name);
		else
			mpd_err_set(e, MPD_ERR_CORRUPT,
			    "%s:%d: not an INI line (expected [section] or key = value); fix the file",
			    ini, rc);
		plugin_host_ctx_free(ctx);
		return NULL;
	}
	return ctx;
}

void
plugin_host_ctx_free(struct mpd_host_ctx *ctx)
{
	if (ctx == NULL)
		return;
	for (size_t i = 0; i < ctx->n_config; i++) {
		free(ctx->config_key[i]);
		free(ctx->config_val[i]);
	}
	free(ctx->name);
	free(ctx->state_dir);
	free(ctx->cert_path);
	free(ctx->key_path);
	ctx->magic = 0;
	free(ctx);
}

const char *
plugin_host_ctx_error(struct mpd_host_ctx *ctx)
{
	return (ctx != NULL && ctx->magic == CTX_MAGIC) ? ctx->err : "";
}

void
plugin_host_ctx_clear_error(struct mpd_host_ctx *ctx)
{
	if (ctx != NULL && ctx->magic == CTX_MAGIC)
		ctx->err[0] = '\0';
}
