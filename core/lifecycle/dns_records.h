/* dns_records.h - the A records mpd publishes through dnsmasq.
 *
 * mpd owns the records; dnsmasq reads them.  Each group of records (the
 * services, later one per runtime and per project) is one hosts-format
 * file in /var/lib/mpd/state/dnsmasq.d/<group>.hosts, which the dnsmasq
 * container watches (hostsdir): a change is answered within a second
 * without restarting dnsmasq.  Files are replaced atomically and only when
 * their content changes, so an unchanged --setup writes nothing.
 */
#ifndef MPD_DNS_RECORDS_H
#define MPD_DNS_RECORDS_H

#include <stdbool.h>
#include <stddef.h>

#include <mpd/names.h>

#include "err.h"

#define DNS_ZONE MPD_ZONE

struct dns_record {
	const char *name;	/* fully qualified, mpd.test or under it */
	const char *ipv4;
};

/* True when `name` is mpd.test or a lowercase name under it
 * (labels [a-z0-9-], not starting or ending with '-'). */
bool dns_name_ok(const char *name);

/* Render records as hosts lines ("IP NAME\n", in the given order) into a
 * malloc'ed string the caller frees.  -1 with `e` on a bad name or IP. */
int dns_records_render(const struct dns_record *r, size_t n, char **out,
		       struct mpd_err *e);

/* Replace group `group` ([a-z0-9_-]+) with `r`.  *changed (may be NULL)
 * says whether the file was written.  n == 0 removes the group. */
int dns_records_set(const char *group, const struct dns_record *r, size_t n,
		    bool *changed, struct mpd_err *e);

#endif
