/* sidecar_mail.c - the mail catcher of a runtime pod (<pod>-mail): every
 * project on the runtime sends to SMTP localhost:1025 in the pod, and the
 * inbox is https://mail.<runtime>.mpd.test/ (web UI and JSON API, served
 * by the frontdoor from 127.0.0.1:1080).  MailDev from npm, built by mpd
 * (assets/sidecars/mail/Containerfile).  A default sidecar of the php
 * runtimes.  Contract: docs/SIDECARS.md. */
#include <string.h>

#include <mpd/plugin.h>

#include "sidecar_common.h"

#define MAIL_NAME	"mail"

static struct sc_base mail;

static const struct mpd_sidecar_url mail_urls[] = {
	{ "mail", "http://127.0.0.1:1080" },
};

static int
mail_init(const struct mpd_host_api *host, mpd_host_ctx *ctx, void **state)
{
	*state = &mail;
	return sc_init(&mail, host, ctx, MAIL_NAME);
}

static void
mail_fini(void *state)
{
	(void)state;
}

static int
mail_describe(void *state, const struct mpd_sidecar_input *in,
	      struct mpd_sidecar_desc *out)
{
	struct sc_base *b = state;
	int rc = sc_describe_begin(b, in, out);

	if (rc != MPD_OK)
		return rc;
	b->desc.urls = mail_urls;
	b->desc.n_urls = sizeof mail_urls / sizeof mail_urls[0];
	*out = b->desc;
	return MPD_OK;
}

static const struct mpd_sidecar_ops mail_ops = {
	.struct_size = sizeof(struct mpd_sidecar_ops),
	.describe = mail_describe,
};

MPD_PLUGIN_DEFINE(SIDECAR, MAIL_NAME, PACKAGE_VERSION,
    "the mail catcher of a runtime pod: SMTP localhost:1025, "
    "https://mail.<runtime>.mpd.test/",
    mail_init, mail_fini, mail_ops)
