/* platform.h - /var/lib/mpd/conf/platform.env, the persistent record of
 * which kind of mpd setup this is (spec ARCHITECTURE §9):
 *
 *   MPD_PLATFORM=machine | sandbox   (`managed`, the older name, reads as
 *                                      machine; anything else is an error)
 *   MPD_VM_IP=<ip>                   (empty, or an IPv4 dotted quad)
 *   MPD_INSTANCE_SUFFIX=<-suffix>    (empty, or '-' and letters, digits,
 *                                      dashes: "-161"; from the hostname)
 *
 * The file is written before `mpd --setup` by mpd-virt (mpd VM) or the
 * sandbox take-over script; mpd reads it and rewrites the three keys it
 * manages.  Reading uses the envfile parser, so quoting and comments
 * behave as in every other env file.  Writing keeps every other MPD_* line
 * (MPD_NETWORK_*, the original's MPD_VM_ID, ...) byte for byte, and
 * replaces the file atomically.  The path is mpd_path(MPD_PATH_PLATFORM_ENV).
 */
#ifndef MPD_PLATFORM_H
#define MPD_PLATFORM_H

#include <stdbool.h>

#include "err.h"

#define MPD_PLATFORM_SUFFIX_MAX 63

enum mpd_platform_kind {
	MPD_PLATFORM_MACHINE = 0,
	MPD_PLATFORM_SANDBOX,
};

struct mpd_platform {
	enum mpd_platform_kind kind;
	char vm_ip[16];				/* "" or a dotted quad */
	char instance_suffix[MPD_PLATFORM_SUFFIX_MAX + 1];	/* "" or "-X" */
};

/* "machine" or "sandbox" (static). */
const char *mpd_platform_kind_name(enum mpd_platform_kind kind);

/* True for a dotted quad of four decimal numbers 0-255, no leading zeros
 * (so "010.1.1.1", which some parsers read as octal, is refused). */
bool mpd_platform_ipv4_valid(const char *s);

/* True for "" or '-' followed by 1-62 letters, digits and dashes. */
bool mpd_platform_suffix_valid(const char *s);

/* The instance suffix for a hostname: "mpd-<X>" gives "-<X>" (X is taken
 * up to the first '.'); anything else, or an X that would not make a
 * valid suffix, gives "".  Writes into out (caller's storage). */
void mpd_platform_suffix_from_hostname(const char *hostname,
    char out[MPD_PLATFORM_SUFFIX_MAX + 1]);

/* Read platform.env.  A missing file fails with MPD_ERR_NOTFOUND and a
 * fix-it naming the bootstrap that writes it; a bad value fails with
 * MPD_ERR_CORRUPT naming the file, the key and the allowed values. */
int mpd_platform_load(struct mpd_platform *out, struct mpd_err *e);

/* Rewrite platform.env with p's three keys, keeping every other MPD_*
 * line of the existing file (if any) verbatim.  p is validated and the old
 * file parsed before anything is written: on error the file is unchanged
 * (MPD_ERR_INPUT for a bad p, naming the file). */
int mpd_platform_write(const struct mpd_platform *p, struct mpd_err *e);

/* Load, replace the instance suffix, write (what `mpd --setup` does). */
int mpd_platform_update_suffix(const char *suffix, struct mpd_err *e);

#endif
