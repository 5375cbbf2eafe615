/* podman_check.h - validation of every string that goes into a podman argv.
 *
 * The argv builders (podman_argv.h) run each value through one of these
 * before using it, so a bad name, image or path fails with a one-line
 * message instead of becoming an argv podman might read as a flag.  Every
 * function returns 0 when the value is acceptable, else -1 with `e` set to
 * MPD_ERR_INPUT and a message naming the value (made printable) and the rule.
 * `what` is how the message names the value ("container name", "pod name").
 */
#ifndef MPD_PODMAN_CHECK_H
#define MPD_PODMAN_CHECK_H

#include "err.h"

/* Container, pod, volume and network names: [a-zA-Z0-9][a-zA-Z0-9_.-]*,
 * at most 128 characters. */
int podman_check_name(const char *what, const char *s, struct mpd_err *e);

/* Host names and network aliases: dot-separated labels of letters, digits
 * and inner '-', each 1-63 characters, 253 in all. */
int podman_check_hostname(const char *what, const char *s, struct mpd_err *e);

/* An address on mpd-internal: dotted decimal within MPD_NET_SUBNET, host
 * octet MPD_NET_HOST_MIN..MPD_NET_HOST_MAX, no leading zeros. */
int podman_check_ip(const char *s, struct mpd_err *e);

/* Image references: a letter or digit, then letters, digits and ._/:@-,
 * at most 255 characters. */
int podman_check_image(const char *s, struct mpd_err *e);

/* Label key [a-zA-Z0-9][a-zA-Z0-9._-]* (at most 128) and a value without
 * control characters (at most 1024; may be empty). */
int podman_check_label(const char *key, const char *value, struct mpd_err *e);

/* Environment: key [A-Za-z_][A-Za-z0-9_]*; podman_check_env_kv() checks a
 * whole "KEY=VALUE" string (the '=' is required: "KEY" alone would make
 * podman copy the variable from its own environment). */
int podman_check_env_key(const char *key, struct mpd_err *e);
int podman_check_env_kv(const char *kv, struct mpd_err *e);

/* An absolute path without control characters.  With `mount` set, also
 * without ':' and ',' (they would split a -v argument). */
int podman_check_path(const char *what, const char *s, int mount,
		      struct mpd_err *e);

/* --user values: NAME, NAME:GROUP, UID or UID:GID, each part
 * [a-zA-Z0-9_][a-zA-Z0-9_.-]*, at most 64 characters in all. */
int podman_check_user(const char *s, struct mpd_err *e);

/* Capabilities: letters and '_', starting with a letter ("NET_ADMIN",
 * "CAP_NET_ADMIN"), at most 64 characters. */
int podman_check_cap(const char *s, struct mpd_err *e);

/* Stop signals: SIG followed by upper-case letters, digits and '+'
 * ("SIGINT", "SIGRTMIN+3"), at most 16 characters. */
int podman_check_signal(const char *s, struct mpd_err *e);

#endif
