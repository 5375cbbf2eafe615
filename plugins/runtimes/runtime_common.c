/* runtime_common.c - shared by the in-tree runtime plugins (see
 * runtime_common.h and docs/RUNTIMES.md). */
#include "runtime_common.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define RT_BOOTSTRAP_SCRIPT	MPD_CONTAINER_ASSETS "/runtime-base/bootstrap.sh"
#define RT_BOOTSTRAP_TIMEOUT_MS	300000
#define RT_PROVISION_TIMEOUT_MS	300000
/* systemd as PID 1 is up ("degraded": up, with a failed unit) */
#define RT_READY_SCRIPT \
	"s=$(systemctl is-system-running 2>/dev/null); " \
	"[ \"$s\" = running ] || [ \"$s\" = degraded ]"
#define RT_READY_INTERVAL_MS	250
#define RT_READY_ATTEMPTS	120

static const char *const rt_command[] = { "/sbin/init", NULL };
static const char *const rt_ready_argv[] = { "sh", "-c", RT_READY_SCRIPT,
	NULL };

static const char suffix_chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-";
static const char user_first[] = "abcdefghijklmnopqrstuvwxyz_";
static const char user_chars[] =
    "abcdefghijklmnopqrstuvwxyz0123456789_.-";

/* "<root>/<tail>" into out[n]; MPD_OK or MPD_EINVAL set on the host */
static int
rt_join(const struct rt_base *b, const char *root, const char *tail,
	char *out, size_t n)
{
	int w = snprintf(out, n, "%s/%s", root, tail);

	if (w < 0 || (size_t)w >= n)
		return b->host->set_error(b->ctx, MPD_EINVAL,
		    "path too long: %s/%s", root, tail);
	return MPD_OK;
}

/* The parent directory of the host's state root into out[n]. */
static int
rt_varlib(const struct rt_base *b, char *out, size_t n)
{
	const char *state = b->host->path(b->ctx, MPD_HOST_PATH_STATE);
	size_t len;

	if (state == NULL || state[0] != '/')
		return b->host->set_error(b->ctx, MPD_EINVAL,
		    "the host gave no absolute state path");
	len = strlen(state);
	while (len > 1 && state[len - 1] == '/')
		len--;
	while (len > 0 && state[len - 1] != '/')
		len--;
	while (len > 1 && state[len - 1] == '/')
		len--;
	if (len <= 1 || len >= n)
		return b->host->set_error(b->ctx, MPD_EINVAL,
		    "the host's state path %s has no parent directory to hold "
		    "env/ and skel/", state);
	memcpy(out, state, len);
	out[len] = '\0';
	return MPD_OK;
}

int
rt_base_init(struct rt_base *b, const struct mpd_host_api *host,
	     mpd_host_ctx *ctx, const struct rt_def *def)
{
	const char *assets;
	char varlib[PATH_MAX], tail[96];
	int rc, w;

	memset(b, 0, sizeof *b);
	b->host = host;
	b->ctx = ctx;
	b->def = def;
	assets = host->path(ctx, MPD_HOST_PATH_ASSETS);
	if (assets == NULL || strlen(assets) >= sizeof b->assets)
		return host->set_error(ctx, MPD_EINVAL,
		    "the host gave no usable assets path");
	memcpy(b->assets, assets, strlen(assets) + 1);
	w = snprintf(tail, sizeof tail, "runtimes/%s", def->asset_dir);
	if (w < 0 || (size_t)w >= sizeof tail)
		return host->set_error(ctx, MPD_EINVAL,
		    "asset directory name too long: %s", def->asset_dir);
	if ((rc = rt_join(b, b->assets, tail, b->context,
	    sizeof b->context)) != MPD_OK ||
	    (rc = rt_varlib(b, varlib, sizeof varlib)) != MPD_OK ||
	    (rc = rt_join(b, varlib, "env", b->env_dir,
	    sizeof b->env_dir)) != MPD_OK ||
	    (rc = rt_join(b, varlib, "skel", b->skel_dir,
	    sizeof b->skel_dir)) != MPD_OK)
		return rc;
	snprintf(b->image, sizeof b->image, "localhost/mpd-runtime-%s:latest",
	    def->name);
	snprintf(b->build_script, sizeof b->build_script,
	    MPD_CONTAINER_ASSETS "/runtimes/%s/build.sh", def->asset_dir);
	return MPD_OK;
}

int
rt_pod_name(const char *suffix, const char *name, char *out, size_t n)
{
	int w = snprintf(out, n, "mpd%s-%s", suffix ? suffix : "", name);

	return (w < 0 || (size_t)w >= n) ? -1 : 0;
}

static int
suffix_valid(const char *s)
{
	size_t n = strlen(s);

	return n == 0 || (s[0] == '-' && n >= 2 && n <= 63 &&
	    strspn(s, suffix_chars) == n);
}

static int
user_valid(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= RT_NAME_MAX && strchr(user_first, s[0]) != NULL &&
	    strspn(s, user_chars) == n;
}

static int
check_input(const struct rt_base *b, const struct mpd_runtime_input *in)
{
	const char *name = b->def->name;

	if (in == NULL || in->struct_size < sizeof *in)
		return b->host->set_error(b->ctx, MPD_EINVAL,
		    "runtime '%s': describe needs a struct mpd_runtime_input "
		    "of ABI 1.0", name);
	if (in->name == NULL || strcmp(in->name, name) != 0)
		return b->host->set_error(b->ctx, MPD_EINVAL,
		    "runtime plugin '%s' was asked to describe runtime '%.40s'; "
		    "each runtime has its own plugin", name,
		    in->name ? in->name : "(none)");
	if (in->instance_suffix != NULL && !suffix_valid(in->instance_suffix))
		return b->host->set_error(b->ctx, MPD_EINVAL,
		    "runtime '%s': instance suffix '%.64s' is invalid (empty, or "
		    "a dash then letters, digits and dashes, e.g. -161)", name,
		    in->instance_suffix);
	if (in->dev_user == NULL || !user_valid(in->dev_user))
		return b->host->set_error(b->ctx, MPD_EINVAL,
		    "runtime '%s': dev user '%.40s' cannot be made in the "
		    "runtime (1-32 of a-z 0-9 _ . -, starting with a letter or "
		    "_); run mpd as a user with such a login name", name,
		    in->dev_user ? in->dev_user : "(none)");
	if (in->dev_uid == 0)
		return b->host->set_error(b->ctx, MPD_EINVAL,
		    "runtime '%s': the dev user's uid is 0; mpd runs as the "
		    "developer, not root", name);
	return MPD_OK;
}

/* FNV-1a over one string and its NUL */
static uint64_t
fnv(uint64_t h, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	do {
		h ^= *p;
		h *= UINT64_C(0x100000001b3);
	} while (*p++ != '\0');
	return h;
}

/* A hash of everything the main container's spec says. */
static void
spec_revision(struct rt_base *b)
{
	const struct mpd_container_spec *s = &b->spec;
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	char flags[24];

	h = fnv(h, s->name);
	h = fnv(h, s->image);
	for (size_t i = 0; i < s->n_mounts; i++) {
		snprintf(flags, sizeof flags, "%" PRIu32, s->mounts[i].flags);
		h = fnv(fnv(fnv(h, s->mounts[i].source), s->mounts[i].target),
		    flags);
	}
	for (size_t i = 0; s->command[i] != NULL; i++)
		h = fnv(h, s->command[i]);
	snprintf(flags, sizeof flags, "%" PRIu32, s->flags);
	h = fnv(h, flags);
	snprintf(b->revision, sizeof b->revision, "%016" PRIx64, h);
}

static void
fill_spec(struct rt_base *b)
{
	struct mpd_container_spec *s = &b->spec;

	b->mounts[0] = (struct mpd_mount){ b->assets, MPD_CONTAINER_ASSETS,
	    MPD_MOUNT_RO };
	b->mounts[1] = (struct mpd_mount){ b->env_dir, MPD_CONTAINER_ENV_DIR,
	    MPD_MOUNT_RO };
	b->mounts[2] = (struct mpd_mount){ b->skel_dir, MPD_CONTAINER_SKEL,
	    MPD_MOUNT_RO };
	b->mounts[3] = (struct mpd_mount){ MPD_VOLUME_NAME, MPD_VOLUME_TARGET,
	    MPD_MOUNT_VOLUME };
	memset(s, 0, sizeof *s);
	s->struct_size = sizeof *s;
	s->name = b->main_name;
	s->image = b->image;
	s->hostname = NULL;	/* the pod's */
	s->ip = NULL;		/* the pod's */
	s->mounts = b->mounts;
	s->n_mounts = sizeof b->mounts / sizeof b->mounts[0];
	s->command = rt_command;
	s->flags = MPD_CONTAINER_SYSTEMD;
	spec_revision(b);
	s->revision = b->revision;
}

static void
fill_steps(struct rt_base *b, const struct mpd_runtime_input *in)
{
	const char *const boot[] = { "bash", RT_BOOTSTRAP_SCRIPT, b->def->name,
		in->dev_user, b->uid, b->def->asset_dir, NULL };
	const char *const prov[] = { "bash", b->build_script, b->def->name,
		NULL };

	memcpy(b->boot_argv, boot, sizeof boot);
	memcpy(b->prov_argv, prov, sizeof prov);
	b->bootstrap = (struct mpd_step){
		.struct_size = sizeof(struct mpd_step),
		.label = "Provisioning the runtime (phase 1)",
		.user = "root",
		.argv = b->boot_argv,
		.timeout_ms = RT_BOOTSTRAP_TIMEOUT_MS,
	};
	b->provision = (struct mpd_step){
		.struct_size = sizeof(struct mpd_step),
		.label = "Building the runtime (phase 2)",
		.user = NULL,	/* the dev user */
		.argv = b->prov_argv,
		.timeout_ms = RT_PROVISION_TIMEOUT_MS,
	};
	b->ready = (struct mpd_probe){
		.struct_size = sizeof(struct mpd_probe),
		.argv = rt_ready_argv,
		.interval_ms = RT_READY_INTERVAL_MS,
		.attempts = RT_READY_ATTEMPTS,
	};
}

int
rt_describe(struct rt_base *b, const struct mpd_runtime_input *in,
	    const struct mpd_runtime_desc *out)
{
	int rc;

	if (out == NULL || out->struct_size < sizeof *out)
		return b->host->set_error(b->ctx, MPD_EINVAL,
		    "runtime '%s': describe needs a struct mpd_runtime_desc of "
		    "ABI 1.2", b->def->name);
	if ((rc = check_input(b, in)) != MPD_OK)
		return rc;
	if (rt_pod_name(in->instance_suffix, b->def->name, b->pod,
	    sizeof b->pod) != 0)
		return b->host->set_error(b->ctx, MPD_EINVAL,
		    "runtime '%s': pod name too long", b->def->name);
	snprintf(b->main_name, sizeof b->main_name, "%s-main", b->pod);
	snprintf(b->uid, sizeof b->uid, "%" PRIu32, in->dev_uid);
	fill_spec(b);
	fill_steps(b, in);
	memset(&b->desc, 0, sizeof b->desc);
	b->desc.struct_size = sizeof b->desc;
	b->desc.image = b->image;
	b->desc.build_context = b->context;
	b->desc.ip = b->def->ip;
	b->desc.main = &b->spec;
	b->desc.bootstrap = &b->bootstrap;
	b->desc.n_bootstrap = 1;
	b->desc.provision = &b->provision;
	b->desc.n_provision = 1;
	b->desc.default_sidecars = b->def->default_sidecars;
	b->desc.project_types = b->def->project_types;
	b->desc.ready = &b->ready;
	b->desc.asset_dir = b->def->asset_dir;
	b->desc.base_release = b->def->base_release;
	return MPD_OK;
}

int
rt_emit(const struct rt_base *b, struct mpd_runtime_desc *out)
{
	*out = b->desc;
	return MPD_OK;
}

int
rt_config(const struct rt_base *b, const char *key, const char *allowed,
	  size_t max, const char *what, const char **value)
{
	const char *v = b->host->config_get(b->ctx, key);
	size_t n;

	*value = NULL;
	if (v == NULL || v[0] == '\0')	/* `key =`: unset */
		return MPD_OK;
	n = strlen(v);
	if (n > max || strspn(v, allowed) != n)
		return b->host->set_error(b->ctx, MPD_EINVAL,
		    "mpd.ini [plugin.%s] %s: %s", b->def->name, key, what);
	*value = v;
	return MPD_OK;
}

int
rt_php_version_valid(const char *s, size_t n)
{
	size_t a = strspn(s, "0123456789"), c;

	if (a < 1 || a > 2 || a + 1 >= n || s[a] != '.')
		return 0;
	c = strspn(s + a + 1, "0123456789");
	return c >= 1 && c <= 2 && a + 1 + c == n;
}
