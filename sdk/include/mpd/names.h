/*
 * mpd/names.h - the platform's fixed names and addresses, as the spec
 * gives them (NETWORKING): the DNS zone, the internal network, the
 * always-on services' addresses, the data volume, container-name prefixes.
 *
 * The core and the in-tree plugins spell them only here; out-of-tree
 * plugins may use them too.  Plain string macros: no ABI of their own, and
 * they change only with a new major of the platform.
 */
#ifndef MPD_SDK_NAMES_H
#define MPD_SDK_NAMES_H

/* The zone every name mpd serves lives in. */
#define MPD_ZONE		"mpd.test"

/* The internal bridge network. */
#define MPD_NET_NAME		"mpd-internal"
#define MPD_NET_SUBNET		"10.163.0.0/24"
#define MPD_NET_PREFIX		"10.163.0."	/* + host octet */
#define MPD_NET_GATEWAY		"10.163.0.1"	/* the VM, on the bridge */

/* The always-on services' static addresses. */
#define MPD_IP_DNSMASQ		"10.163.0.3"
#define MPD_IP_PORTAL		"10.163.0.4"
#define MPD_IP_FILEACCESS	"10.163.0.5"
#define MPD_IP_ADMINER		"10.163.0.6"

/* The shared data volume and where containers mount it. */
#define MPD_VOLUME_NAME		"mpd-data-volume"
#define MPD_VOLUME_TARGET	"/srv"

/* Runtimes: fixed addresses (one per runtime definition). */
#define MPD_IP_RUNTIME_PHP	"10.163.0.100"
#define MPD_IP_RUNTIME_NODE	"10.163.0.101"
#define MPD_IP_RUNTIME_UTIL	"10.163.0.102"
#define MPD_IP_RUNTIME_PHP82	"10.163.0.103"

/* Where a runtime or sidecar container sees mpd's shipped assets, the
 * VM-wide env directory and the skel overlay (mounted read-only). */
#define MPD_CONTAINER_ASSETS	"/opt/mpd/assets"
#define MPD_CONTAINER_ENV_DIR	"/var/lib/mpd/env"
#define MPD_CONTAINER_SKEL	"/var/lib/mpd/skel"
/* Where a frontdoor sees the leaf certificates (conf/certs, read-only). */
#define MPD_CONTAINER_CERTS	"/etc/mpd/certs"

/* Container names: prefix + service name / database id. */
#define MPD_SERVICE_PREFIX	"mpd-service-"
#define MPD_DB_PREFIX		"mpd-db-"

#endif
