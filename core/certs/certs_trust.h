/*
 * certs_trust.h - installing mpd's CA into the VM's trust stores, so curl,
 * Chrome/Chromium (NSS) and Firefox on the VM accept *.mpd.test.
 *
 * Each step BUILDS an argv and runs it through mpd_exec_run() (exec.h);
 * nothing here spawns a process itself.  Every step is idempotent: it
 * compares first and runs nothing when the store already holds this CA.
 *
 *   system   sudo -n install -D -m 0644 <ca> /usr/local/share/ca-certificates/mpd-rootCA.crt
 *            sudo -n update-ca-certificates
 *            (both skipped when the installed copy is byte-identical)
 *   nss      certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n "mpd local CA" -i <ca>
 *            only when certutil is installed; the database is created
 *            (certutil -N --empty-password) when missing, so a browser
 *            installed later finds the CA already trusted; an older mpd CA
 *            under the same nickname is replaced (-D first)
 *   firefox  /etc/firefox/policies/policies.json with
 *            policies.Certificates.Install = [<system store copy>], merged
 *            into an existing file (every other policy kept); a file that
 *            is not a JSON object with an object "policies" is refused.
 *            Written with sudo -n install from a temporary file.
 *            Run it after `system`: it points at the system store copy.
 *
 * The binaries and target paths live in struct certs_trust_env so tests
 * point them at fakes and temporary directories.
 */
#ifndef MPD_CERTS_TRUST_H
#define MPD_CERTS_TRUST_H

#include <stddef.h>

#include "err.h"

struct certs_trust_env {
	const char *sudo;		/* "sudo" */
	const char *install;		/* "install" */
	const char *update_ca;		/* "update-ca-certificates" */
	const char *certutil;		/* "certutil" */
	const char *system_ca;		/* /usr/local/share/ca-certificates/mpd-rootCA.crt */
	const char *nssdb;		/* NULL: $HOME/.pki/nssdb */
	const char *nss_nickname;	/* "mpd local CA" */
	const char *firefox_policies;	/* /etc/firefox/policies/policies.json */
	int timeout_ms;			/* per command; 120000 */
};

enum certs_trust_status {
	CERTS_TRUST_UNCHANGED = 0,	/* already trusted: nothing run */
	CERTS_TRUST_INSTALLED = 1,
	CERTS_TRUST_SKIPPED = 2,	/* not applicable here (see note) */
};

struct certs_trust_report {
	enum certs_trust_status status;
	char note[256];			/* one line for the user, or "" */
};

/* The real binaries and paths. */
void certs_trust_env_default(struct certs_trust_env *t);

/* The three steps; `ca_path` is rootCA.pem.  0, or -1 with `e` filled
 * when a command failed or an input is unusable. */
int certs_trust_system(const struct certs_trust_env *t, const char *ca_path,
    struct certs_trust_report *r, struct mpd_err *e);
int certs_trust_nss(const struct certs_trust_env *t, const char *ca_path,
    struct certs_trust_report *r, struct mpd_err *e);
int certs_trust_firefox(const struct certs_trust_env *t,
    struct certs_trust_report *r, struct mpd_err *e);

#endif
