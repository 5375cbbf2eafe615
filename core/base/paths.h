/* paths.h - every fixed path mpd uses, from one place.
 *
 * The spec fixes /opt/mpd (checkout and assets) and /var/lib/mpd/{conf,env,
 * skel,state}.  One documented override serves the test suite:
 *
 *   MPD_TEST_ROOT=/some/dir   prefixes every fixed path below with /some/dir
 *                             (so /var/lib/mpd becomes /some/dir/var/lib/mpd).
 *
 * Nothing else changes a path.  Strings returned here are owned by this
 * module, valid until the process ends (or mpd_paths_reset() in tests).
 */
#ifndef MPD_PATHS_H
#define MPD_PATHS_H

enum mpd_path_id {
	MPD_PATH_ROOT = 0,	/* "" or $MPD_TEST_ROOT */
	MPD_PATH_OPT,		/* /opt/mpd */
	MPD_PATH_ASSETS,	/* /opt/mpd/assets (see mpd_paths_assets) */
	MPD_PATH_VARLIB,	/* /var/lib/mpd */
	MPD_PATH_CONF,		/* /var/lib/mpd/conf */
	MPD_PATH_CAROOT,	/* /var/lib/mpd/conf/caroot */
	MPD_PATH_SERVICE_CERTS,	/* /var/lib/mpd/conf/service */
	MPD_PATH_PLATFORM_ENV,	/* /var/lib/mpd/conf/platform.env */
	MPD_PATH_MPD_INI,	/* /var/lib/mpd/conf/mpd.ini (plugin config) */
	MPD_PATH_ENV,		/* /var/lib/mpd/env */
	MPD_PATH_VM_ENV,	/* /var/lib/mpd/env/mpd-vm.env */
	MPD_PATH_SKEL,		/* /var/lib/mpd/skel */
	MPD_PATH_STATE,		/* /var/lib/mpd/state */
	MPD_PATH_STATE_LOCK,	/* /var/lib/mpd/state/.lock */
	MPD_PATH_OP_LOCK,	/* /var/lib/mpd/state/.oplock (oplock.h) */
	MPD_PATH_PROJECTS_JSON,	/* /var/lib/mpd/state/projects.json */
	MPD_PATH_DATABASES_JSON,/* /var/lib/mpd/state/databases.json */
	MPD_PATH_CURRENT_JSON,	/* /var/lib/mpd/state/current-state.json */
	MPD_PATH_HOOKS_JSON,	/* /var/lib/mpd/state/hooks-state.json */
	MPD_PATH_RUNTIMES_DIR,	/* /var/lib/mpd/state/runtimes */
	MPD_PATH_PLUGINS_STATE,	/* /var/lib/mpd/state/plugins */
	MPD_PATH_DNS_DIR,	/* /var/lib/mpd/state/dnsmasq.d (hosts files) */
	MPD_PATH_PORTAL_STATE,	/* /var/lib/mpd/state/portal */
	MPD_PATH_FILEACCESS_KEYS,/* /var/lib/mpd/state/fileaccess/hostkeys */
	MPD_PATH_HOST_CA_BUNDLE,/* /etc/ssl/certs/ca-certificates.crt: what the
				   host trusts (image builds fetch with it) */
	MPD_PATH_COUNT
};

/* The absolute path for `id`.  Never NULL. */
const char *mpd_path(enum mpd_path_id id);

/* Join a fixed path and a relative tail ("runtimes/php/meta.json").
 * Returns a malloc'ed string the caller frees, or NULL on ENOMEM. */
char *mpd_path_join(enum mpd_path_id id, const char *tail);

/* Forget cached paths so a test can change MPD_TEST_ROOT between cases. */
void mpd_paths_reset(void);

#endif
