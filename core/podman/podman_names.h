/* podman_names.h - every podman name, label and address mpd uses, in one place.
 *
 * The original had some 165 scattered literals before it gathered them;
 * here nothing outside this header spells a network, volume, label key or
 * container-name prefix.  Values are fixed by the spec (NETWORKING, and the
 * original's §3.4, §5.1, §5.2, §8).
 *
 * Environment overrides read by the podman gateway (documented here so
 * they live next to the names they change):
 *   MPD_PODMAN=/path/to/podman   the podman binary to run (tests point it at
 *                                tests/unit/fake-podman, the e2e harness at a
 *                                wrapper).  Default: "podman" from PATH.
 *   MPD_PODMAN_NO_SUDO=1         when not root, run podman directly instead
 *                                of `sudo -n podman` (only honoured together
 *                                with MPD_PODMAN).
 */
#ifndef MPD_PODMAN_NAMES_H
#define MPD_PODMAN_NAMES_H

/* the zone, network, service addresses, volume and name prefixes, shared
 * with the plugins */
#include <mpd/names.h>

/* ---- binaries ----------------------------------------------------------- */
#define MPD_PODMAN_BIN		"podman"
#define MPD_SUDO_BIN		"sudo"
/* The start of every argv mpd runs as root: never prompts (-n). */
#define MPD_SUDO_ARGV		MPD_SUDO_BIN, "-n"
/* coreutils timeout(1): enforces a limit on the root side of sudo, where
 * mpd's own kill() may not reach (podman_argv_limited). */
#define MPD_TIMEOUT_BIN		"timeout"
/* where a build's RUN steps see the host's CA bundle (podman build -v):
 * an image that fetches over HTTPS (npm) trusts what the host trusts, a
 * TLS-inspecting proxy's CA included; nothing of it stays in the image */
#define MPD_BUILD_HOST_CA	"/run/mpd-host-ca.crt"
#define MPD_PODMAN_ENV		"MPD_PODMAN"
#define MPD_PODMAN_NO_SUDO_ENV	"MPD_PODMAN_NO_SUDO"

/* ---- network (NETWORKING; original §5.1, §5.2) ---------------------------- */
#define MPD_NET_DNS		MPD_IP_DNSMASQ	/* mpd-service-dnsmasq */
/* Host octets a container may be given (.0 is the network, .1 the gateway,
 * .255 broadcast). */
#define MPD_NET_HOST_MIN	2
#define MPD_NET_HOST_MAX	254

/* ---- labels --------------------------------------------------------------- */
#define MPD_LABEL_MANAGED	"mpd.managed"	/* always "true" */
#define MPD_LABEL_MANAGED_VALUE	"true"
#define MPD_LABEL_NAME		"mpd.name"	/* logical name: service, db id,
						   runtime */
#define MPD_LABEL_IP		"mpd.ip"	/* the static address, if any */
#define MPD_LABEL_TYPE		"mpd.type"	/* one of MPD_TYPE_* */
#define MPD_LABEL_KIND		"mpd.kind"	/* plugin kind that described it
						   ("runtime", "db-engine", ...) */
#define MPD_LABEL_PLUGIN	"mpd.plugin"	/* plugin name */
#define MPD_LABEL_REVISION	"mpd.revision"	/* plugin's definition revision */
#define MPD_LABEL_POD		"mpd.pod"	/* pod a sidecar joined */
#define MPD_LABEL_COMPOSE	"com.docker.compose.project"

/* ---- images -------------------------------------------------------------- */
/* The label on every image mpd builds: the content hash of its inputs
 * (images.h); and the build argument its Containerfiles take FROM. */
#define MPD_LABEL_INPUTS	"mpd.inputs"
#define MPD_BUILD_ARG_BASE	"BASE"

/* ---- mpd.type values and the compose project each one gets ----------------- */
#define MPD_TYPE_SERVICE	"service"
#define MPD_TYPE_DB		"db"
#define MPD_TYPE_RUNTIME	"runtime"
#define MPD_TYPE_SIDECAR	"sidecar"

#define MPD_COMPOSE_SERVICE	"mpd-service"
#define MPD_COMPOSE_DB		"mpd-db"
#define MPD_COMPOSE_DEV		"mpd-dev"	/* runtime pods and their sidecars */

/* ---- runtime pods: mpd<suffix>-<rt>, its containers <pod>-<role> ---------- */
#define MPD_POD_PREFIX		"mpd"
#define MPD_RUNTIME_MAIN_ROLE	"main"
#define MPD_RUNTIME_HOST_PREFIX	"mpd-runtime-"	/* + rt + suffix */
#define MPD_RUNTIME_ZONE	"runtime." MPD_ZONE	/* <rt>.runtime.mpd.test */
#define MPD_LABEL_RUNTIME	"mpd.runtime"	/* the runtime a pod belongs to */
#define MPD_RUNTIME_BASE_IMAGE	"localhost/mpd-runtime-base:"	/* + release */
#define MPD_RUNTIME_BASE_ASSETS	"runtime-base"	/* under assets/ */

/* The filter that selects everything mpd owns. */
#define MPD_FILTER_MANAGED \
	"label=" MPD_LABEL_MANAGED "=" MPD_LABEL_MANAGED_VALUE

#endif
