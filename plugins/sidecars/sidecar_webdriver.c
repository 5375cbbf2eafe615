/* sidecar_webdriver.c - Behat's browser (<pod>-webdriver): Debian's
 * chromedriver serving W3C WebDriver at http://localhost:4444/wd/hub in
 * the pod (the URL Moodle's Behat uses by default), driving Debian's
 * headless Chromium that trusts mpd's CA (an NSS database made from the
 * CA at start: no flag that disables certificate checks).  Wanted while a
 * running project on the runtime asks for it (the moodle type does with
 * MPD_PHP_MOODLE_BEHAT=1).  Image: assets/sidecars/webdriver/.  Contract:
 * docs/SIDECARS.md. */
#include <string.h>

#include <mpd/plugin.h>

#include "sidecar_common.h"

#define WD_NAME		"webdriver"
#define WD_CA_TARGET	"/etc/mpd/ca/rootCA.pem"	/* in the container */

static struct {
	struct sc_base b;
	char ca[PATH_MAX];		/* <conf>/caroot/rootCA.pem */
	struct mpd_mount mounts[1];
} wd;

static int
wd_init(const struct mpd_host_api *host, mpd_host_ctx *ctx, void **state)
{
	int rc;

	*state = &wd;
	if ((rc = sc_init(&wd.b, host, ctx, WD_NAME)) != MPD_OK)
		return rc;
	return sc_host_path(&wd.b, MPD_HOST_PATH_CONF, "caroot/rootCA.pem",
	    wd.ca, sizeof wd.ca);
}

static void
wd_fini(void *state)
{
	(void)state;
}

static int
wd_describe(void *state, const struct mpd_sidecar_input *in,
	    struct mpd_sidecar_desc *out)
{
	struct sc_base *b = state;
	int rc = sc_describe_begin(b, in, out);

	if (rc != MPD_OK)
		return rc;
	/* the CA certificate only (public; the key stays in conf/caroot) */
	wd.mounts[0] = (struct mpd_mount){ wd.ca, WD_CA_TARGET, MPD_MOUNT_RO };
	b->spec.mounts = wd.mounts;
	b->spec.n_mounts = 1;
	b->desc.container = &b->spec;
	*out = b->desc;
	return MPD_OK;
}

static const struct mpd_sidecar_ops wd_ops = {
	.struct_size = sizeof(struct mpd_sidecar_ops),
	.describe = wd_describe,
};

MPD_PLUGIN_DEFINE(SIDECAR, WD_NAME, PACKAGE_VERSION,
    "Behat's browser in a runtime pod: W3C WebDriver at "
    "localhost:4444/wd/hub, headless Chromium trusting mpd's CA",
    wd_init, wd_fini, wd_ops)
