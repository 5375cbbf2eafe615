/* runtime_php.c - the php-family runtimes, built twice (plugins/runtimes.am):
 *
 *   php.la    runtime `php` (10.163.0.100) on the configured base (trixie):
 *             the release's PHP (mpd.ini [plugin.php] release_php, default
 *             8.4), plus the versions of [plugin.php] extra_php from the
 *             apt source of [plugin.php] extra_apt_source (build args
 *             EXTRA_PHP and EXTRA_APT_SOURCE);
 *   php82.la  with -DRT_PHP82: runtime `php82` (10.163.0.103) on the
 *             bookworm base, bookworm's PHP 8.2 only (Moodle 4.5).
 *
 * Both use assets/runtimes/php/ and own the moodle and plain types; each
 * `provides` MPD_PHP_VERSION=<v> for every PHP it has, which is how the
 * core places a project (docs/RUNTIMES.md, "Placement"). */
#include "runtime_common.h"

#include <stdio.h>
#include <string.h>

#define PHP_PROVIDES_KEY	"MPD_PHP_VERSION="
#define PHP_MAX_EXTRA		8

static const char *const php_sidecars[] = { "frontdoor", "mail", NULL };
static const char *const php_types[] = { "moodle", "plain", NULL };

#ifdef RT_PHP82
#define PHP_NAME		"php82"
#define PHP_IP			MPD_IP_RUNTIME_PHP82
#define PHP_BASE_RELEASE	"bookworm"
#define PHP_FIXED		"8.2"
#define PHP_DESCRIPTION		"PHP 8.2 runtime on Debian bookworm (Moodle 4.5)"
#else
#define PHP_NAME		"php"
#define PHP_IP			MPD_IP_RUNTIME_PHP
#define PHP_BASE_RELEASE	NULL
#define PHP_DEFAULT_RELEASE	"8.4"
#define PHP_DESCRIPTION		"PHP runtime: the base release's PHP, plus " \
				"[plugin.php] extra_php"
#endif

static const struct rt_def php_def = {
	.name = PHP_NAME,
	.ip = PHP_IP,
	.asset_dir = "php",
	.base_release = PHP_BASE_RELEASE,
	.default_sidecars = php_sidecars,
	.project_types = php_types,
};

struct php_rt {
	struct rt_base b;
	char provided[1 + PHP_MAX_EXTRA][sizeof PHP_PROVIDES_KEY + 5];
	const char *provides[1 + PHP_MAX_EXTRA + 1];
	char extra_php[PHP_MAX_EXTRA * 6];	/* "8.1 8.3" */
	struct mpd_kv args[2];
};

static struct php_rt php_rt;

static int
php_init(const struct mpd_host_api *host, mpd_host_ctx *ctx, void **state)
{
	*state = &php_rt;
	return rt_base_init(&php_rt.b, host, ctx, &php_def);
}

/* provides[n] = "MPD_PHP_VERSION=<v>" (v valid, so it fits) */
static void
provide(struct php_rt *p, size_t n, const char *v, size_t len)
{
	snprintf(p->provided[n], sizeof p->provided[n], "%s%.*s",
	    PHP_PROVIDES_KEY, (int)len, v);
	p->provides[n] = p->provided[n];
	p->provides[n + 1] = NULL;
}

#ifdef RT_PHP82
/* php82's PHP is bookworm's: the php runtime's settings do not apply. */
static int
php_configure(struct php_rt *p)
{
	static const char *const keys[] = { "release_php", "extra_php",
		"extra_apt_source", NULL };
	const char *v;

	for (size_t i = 0; keys[i] != NULL; i++) {
		v = p->b.host->config_get(p->b.ctx, keys[i]);
		if (v != NULL && v[0] != '\0')
			return p->b.host->set_error(p->b.ctx, MPD_EINVAL,
			    "mpd.ini [plugin.php82] %s: php82 has bookworm's "
			    "PHP " PHP_FIXED " only; remove the line (extra PHP "
			    "versions are set in [plugin.php])", keys[i]);
	}
	provide(p, 0, PHP_FIXED, strlen(PHP_FIXED));
	return MPD_OK;
}
#else
/* what a `deb` line may hold: no quotes, no shell or apt comment syntax */
static const char source_chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    " ._:/=,+~@%[]-";
#define SOURCE_WHAT "must be one apt line 'deb [signed-by=/path/to/keyring] " \
	"URI SUITE COMPONENT...' (letters, digits, spaces and ._:/=,+~@%[]-)"
#define EXTRA_WHAT "must be PHP versions separated by spaces, e.g. " \
	"'8.1 8.3' (at most 8)"

static int
php_bad(const struct php_rt *p, const char *key, const char *why)
{
	return p->b.host->set_error(p->b.ctx, MPD_EINVAL,
	    "mpd.ini [plugin.php] %s: %s", key, why);
}

/* extra_php into p->extra_php (single spaces) and provides[1..] */
static int
php_extra(struct php_rt *p, const char *extra, const char *release,
	  size_t *n)
{
	const char *s = extra;
	size_t len, out = 0;

	while (*(s += strspn(s, " ")) != '\0') {
		len = strcspn(s, " ");
		if (!rt_php_version_valid(s, len))
			return php_bad(p, "extra_php", EXTRA_WHAT);
		if (len == strlen(release) && memcmp(s, release, len) == 0)
			return php_bad(p, "extra_php", "names the release's own "
			    "PHP (release_php); list only the versions to add");
		for (size_t i = 1; i < *n; i++)
			if (strlen(p->provided[i]) ==
			    sizeof PHP_PROVIDES_KEY - 1 + len &&
			    memcmp(p->provided[i] + sizeof PHP_PROVIDES_KEY - 1,
			    s, len) == 0)
				return php_bad(p, "extra_php",
				    "names a version twice");
		if (*n > PHP_MAX_EXTRA)
			return php_bad(p, "extra_php", EXTRA_WHAT);
		provide(p, (*n)++, s, len);
		out += (size_t)snprintf(p->extra_php + out,
		    sizeof p->extra_php - out, "%s%.*s", out ? " " : "",
		    (int)len, s);
		s += len;
	}
	return MPD_OK;
}

static int
php_source(const struct php_rt *p, const char *src)
{
	if (strncmp(src, "deb ", 4) != 0)
		return php_bad(p, "extra_apt_source", SOURCE_WHAT);
	if (strstr(src, "trusted=") != NULL)
		return php_bad(p, "extra_apt_source", "must not turn off apt's "
		    "signature check (trusted=); name the source's keyring "
		    "with [signed-by=...]");
	if (strstr(src, "signed-by=") == NULL)
		return php_bad(p, "extra_apt_source", "must name the source's "
		    "keyring: 'deb [signed-by=/path/to/keyring] URI SUITE "
		    "COMPONENT...' (the keyring baked into [images] base)");
	return MPD_OK;
}

/* [plugin.php]: release_php, extra_php, extra_apt_source */
static int
php_configure(struct php_rt *p)
{
	const char *release, *extra, *src;
	size_t n = 1, n_args = 0;
	int rc;

	if ((rc = rt_config(&p->b, "release_php", "0123456789.", 5,
	    "must be a PHP version such as 8.4 (the PHP of the php "
	    "runtime's base release)", &release)) != MPD_OK ||
	    (rc = rt_config(&p->b, "extra_php", "0123456789. ", 64,
	    EXTRA_WHAT, &extra)) != MPD_OK ||
	    (rc = rt_config(&p->b, "extra_apt_source", source_chars, 512,
	    SOURCE_WHAT, &src)) != MPD_OK)
		return rc;
	if (release == NULL)
		release = PHP_DEFAULT_RELEASE;
	else if (!rt_php_version_valid(release, strlen(release)))
		return php_bad(p, "release_php", "must be a PHP version such "
		    "as 8.4 (the PHP of the php runtime's base release)");
	provide(p, 0, release, strlen(release));
	p->extra_php[0] = '\0';
	if (extra != NULL && (rc = php_extra(p, extra, release, &n)) != MPD_OK)
		return rc;
	if (src != NULL && (rc = php_source(p, src)) != MPD_OK)
		return rc;
	if (n > 1 && src == NULL)
		return php_bad(p, "extra_php", "needs extra_apt_source: Debian "
		    "ships one PHP per release, the others come from an extra "
		    "apt source");
	if (src != NULL)
		p->args[n_args++] = (struct mpd_kv){ "EXTRA_APT_SOURCE", src };
	if (n > 1)
		p->args[n_args++] = (struct mpd_kv){ "EXTRA_PHP", p->extra_php };
	p->b.desc.build_args = n_args ? p->args : NULL;
	p->b.desc.n_build_args = n_args;
	return MPD_OK;
}
#endif

static int
php_describe(void *state, const struct mpd_runtime_input *in,
	     struct mpd_runtime_desc *out)
{
	struct php_rt *p = state;
	int rc;

	if ((rc = rt_describe(&p->b, in, out)) != MPD_OK ||
	    (rc = php_configure(p)) != MPD_OK)
		return rc;
	p->b.desc.provides = p->provides;
	return rt_emit(&p->b, out);
}

static const struct mpd_runtime_ops php_ops = {
	.struct_size = sizeof(struct mpd_runtime_ops),
	.describe = php_describe,
};

MPD_PLUGIN_DEFINE(RUNTIME, PHP_NAME, PACKAGE_VERSION, PHP_DESCRIPTION,
    php_init, NULL, php_ops)
