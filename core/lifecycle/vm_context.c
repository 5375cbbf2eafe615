/* vm_context.c - what the lifecycle commands know about this VM (see
 * vm_context.h). */
#include "vm_context.h"

#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* systemd-resolved keeps the real upstream servers here; /etc/resolv.conf
 * would point dnsmasq at the 127.0.0.53 stub, which is unreachable from a
 * container. */
#define RESOLVED_UPSTREAM "/run/systemd/resolve/resolv.conf"
#define PLAIN_RESOLV "/etc/resolv.conf"

void
vm_context_sync_input(struct vm_context *c)
{
	memset(&c->input, 0, sizeof c->input);
	c->input.struct_size = sizeof c->input;
	c->input.vm_name = c->hostname;
	c->input.vm_ip = c->platform.vm_ip;
	c->input.dev_user = c->user;
	c->input.dev_uid = (uint32_t)c->uid;
	c->input.dev_gid = (uint32_t)c->gid;
	c->input.dev_home = c->home;
	c->input.upstream_resolv = c->resolv;
	c->input.ca_fingerprint = c->ca_fingerprint;
}

int
vm_context_load(struct vm_context *c, struct mpd_err *e)
{
	struct passwd *pw;

	memset(c, 0, sizeof *c);
	if (mpd_platform_load(&c->platform, e) != 0)
		return -1;
	c->uid = getuid();
	c->gid = getgid();
	pw = getpwuid(c->uid);
	if (pw == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL,
		    "user id %u has no passwd entry; run mpd as the developer's login user",
		    (unsigned)c->uid);
	snprintf(c->user, sizeof c->user, "%s", pw->pw_name);
	snprintf(c->home, sizeof c->home, "%s", pw->pw_dir);
	if (gethostname(c->hostname, sizeof c->hostname - 1) != 0)
		snprintf(c->hostname, sizeof c->hostname, "mpd");
	snprintf(c->resolv, sizeof c->resolv, "%s",
	    access(RESOLVED_UPSTREAM, R_OK) == 0 ? RESOLVED_UPSTREAM :
	    PLAIN_RESOLV);
	vm_context_sync_input(c);
	return 0;
}
