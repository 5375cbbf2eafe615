/* paths.c - every fixed path mpd uses, from one place (see paths.h). */
#include "paths.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef MPD_OPT_DIR
#define MPD_OPT_DIR "/opt/mpd"
#endif
#ifndef MPD_ASSETS_DIR
#define MPD_ASSETS_DIR MPD_OPT_DIR "/assets"
#endif

static const char *const fixed[MPD_PATH_COUNT] = {
	[MPD_PATH_ROOT] = "",
	[MPD_PATH_OPT] = MPD_OPT_DIR,
	[MPD_PATH_ASSETS] = MPD_ASSETS_DIR,
	[MPD_PATH_VARLIB] = "/var/lib/mpd",
	[MPD_PATH_CONF] = "/var/lib/mpd/conf",
	[MPD_PATH_CAROOT] = "/var/lib/mpd/conf/caroot",
	[MPD_PATH_SERVICE_CERTS] = "/var/lib/mpd/conf/service",
	[MPD_PATH_PLATFORM_ENV] = "/var/lib/mpd/conf/platform.env",
	[MPD_PATH_MPD_INI] = "/var/lib/mpd/conf/mpd.ini",
	[MPD_PATH_ENV] = "/var/lib/mpd/env",
	[MPD_PATH_VM_ENV] = "/var/lib/mpd/env/mpd-vm.env",
	[MPD_PATH_SKEL] = "/var/lib/mpd/skel",
	[MPD_PATH_STATE] = "/var/lib/mpd/state",
	[MPD_PATH_STATE_LOCK] = "/var/lib/mpd/state/.lock",
	[MPD_PATH_OP_LOCK] = "/var/lib/mpd/state/.oplock",
	[MPD_PATH_PROJECTS_JSON] = "/var/lib/mpd/state/projects.json",
	[MPD_PATH_DATABASES_JSON] = "/var/lib/mpd/state/databases.json",
	[MPD_PATH_CURRENT_JSON] = "/var/lib/mpd/state/current-state.json",
	[MPD_PATH_HOOKS_JSON] = "/var/lib/mpd/state/hooks-state.json",
	[MPD_PATH_RUNTIMES_DIR] = "/var/lib/mpd/state/runtimes",
	[MPD_PATH_PLUGINS_STATE] = "/var/lib/mpd/state/plugins",
	[MPD_PATH_DNS_DIR] = "/var/lib/mpd/state/dnsmasq.d",
	[MPD_PATH_PORTAL_STATE] = "/var/lib/mpd/state/portal",
	[MPD_PATH_FILEACCESS_KEYS] = "/var/lib/mpd/state/fileaccess/hostkeys",
	[MPD_PATH_HOST_CA_BUNDLE] = "/etc/ssl/certs/ca-certificates.crt",
};

static char *resolved[MPD_PATH_COUNT];

static const char *
test_root(void)
{
	const char *r = getenv("MPD_TEST_ROOT");

	return (r != NULL) ? r : "";
}

const char *
mpd_path(enum mpd_path_id id)
{
	size_t n;

	if ((unsigned)id >= MPD_PATH_COUNT)
		id = MPD_PATH_ROOT;
	if (resolved[id] == NULL) {
		const char *root = test_root();

		n = strlen(root) + strlen(fixed[id]) + 1;
		resolved[id] = malloc(n);
		if (resolved[id] == NULL)
			return fixed[id];	/* never NULL; no prefix on ENOMEM */
		snprintf(resolved[id], n, "%s%s", root, fixed[id]);
	}
	return resolved[id];
}

char *
mpd_path_join(enum mpd_path_id id, const char *tail)
{
	const char *base = mpd_path(id);
	size_t n = strlen(base) + 1 + strlen(tail) + 1;
	char *s = malloc(n);

	if (s != NULL)
		snprintf(s, n, "%s/%s", base, tail);
	return s;
}

void
mpd_paths_reset(void)
{
	for (int i = 0; i < MPD_PATH_COUNT; i++) {
		free(resolved[i]);
		resolved[i] = NULL;
	}
}
