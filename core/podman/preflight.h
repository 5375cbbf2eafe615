/* preflight.h - the host tools `mpd --setup` needs before it changes
 * anything: podman and what podman's networking runs (netavark, its DNS,
 * and netavark's firewall tool: iptables on bookworm, nft on trixie).
 *
 * The table comes from bootstrap/packages.txt, the one list of packages
 * mpd's scripts install: the build turns its `preflight` rows into
 * preflight_tools.h (bootstrap/packages.sh header), so the package a
 * message names is the very one bootstrap/install.sh installs.
 *
 * Where a tool is looked for: a name in $PATH and then in the directories
 * root's commands come from (Debian's sudo secure_path: /usr/local/sbin,
 * /usr/local/bin, /usr/sbin, /usr/bin, /sbin, /bin), because podman and
 * netavark run as root; an absolute path as it is.  One override serves
 * the tests:
 *
 *   MPD_TEST_HOST_ROOT=/dir   looks for the secure_path directories and
 *                             the absolute paths under /dir instead of /
 *                             ($PATH is used as it is).
 */
#ifndef MPD_PREFLIGHT_H
#define MPD_PREFLIGHT_H

#include <stddef.h>

#include "err.h"

#define MPD_TEST_HOST_ROOT_ENV "MPD_TEST_HOST_ROOT"

/* One preflight row of bootstrap/packages.txt, for one release. */
struct preflight_tool {
	const char *release;	/* a codename, or "*" for every release */
	const char *program;	/* a name, or an absolute path */
	const char *package;	/* Debian's package that brings it */
	const char *why;	/* the row's reason */
};

/* The release codename of os-release text (VERSION_CODENAME=, quotes
 * dropped) into buf (n bytes).  Returns buf, or NULL when there is none or
 * it does not fit. */
const char *preflight_release(const char *os_release, char *buf, size_t n);

/* The release whose rows apply to `release`: itself when the table names
 * it, else the target release (trixie).  Returns a static string. */
const char *preflight_rows_for(const char *release);

/* Check every tool the rows of `release` (see preflight_rows_for) name.
 * Names are looked for in `path` (colon-separated; NULL or "" for none)
 * and then in the secure_path directories under `host_root` ("" or NULL
 * for /); absolute programs under `host_root`.  Returns 0 when all are
 * there, else -1 with `e` (MPD_ERR_FAIL) holding one line that names each
 * missing tool, why it is needed, and the apt-get command that installs
 * them. */
int preflight_host_tools(const char *release, const char *path,
			 const char *host_root, struct mpd_err *e);

/* What `mpd --setup` calls: preflight_host_tools() for the release in
 * `os_release` (text of /etc/os-release), with $PATH and
 * $MPD_TEST_HOST_ROOT. */
int preflight_check(const char *os_release, struct mpd_err *e);

#endif
