/* project_restore.c - certificates, DNS and restore of projects (see
 * project_restore.h). */
#include "project_restore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dns_records.h"
#include "host_certs.h"
#include "project_exec.h"
#include "project_view.h"
#include "runtimes.h"
#include "strv.h"

/* The host of "https://HOST[/...]" into buf; -1 when it is not that. */
static int
url_host(const char *url, char *buf, size_t n)
{
	const char *h, *end;

	if (strncmp(url, "https://", 8) != 0)
		return -1;
	h = url + 8;
	end = h + strcspn(h, "/");
	if (*end != '\0' && *end != '/')
		return -1;
	if ((size_t)(end - h) >= n || end == h)
		return -1;
	snprintf(buf, n, "%.*s", (int)(end - h), h);
	return dns_name_ok(buf) ? 0 : -1;
}

int
project_hosts(const struct state_project *p, char ***out, struct mpd_err *e)
{
	struct strv v = STRV_INIT;

	*out = NULL;
	for (size_t i = 0; i < p->n_urls; i++) {
		char host[256];
		bool dup = false;

		if (url_host(p->urls[i].url, host, sizeof host) != 0) {
			strv_reset(&v);
			return mpd_err_set(e, MPD_ERR_INPUT,
			    "project '%s': URL '%.200s' (%s) is not "
			    "https://<name>.mpd.test/: fix the type's "
			    "configure.sh", p->name, p->urls[i].url,
			    p->urls[i].label);
		}
		for (size_t j = 0; j < v.len; j++)
			if (strcmp(v.v[j], host) == 0)
				dup = true;
		if (!dup)
			strv_push(&v, host);
	}
	if (v.oom) {
		strv_reset(&v);
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	}
	strv_sort(v.v, v.len);
	*out = v.len ? strv_take(&v) : strv_dup(NULL);
	return *out ? 0 : mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
}

int
project_cert_ensure(struct lc *l, const struct state_project *p,
		    struct mpd_err *e)
{
	char **hosts, label[96], *cert = NULL, *key = NULL;
	int rc;

	if (project_hosts(p, &hosts, e) != 0)
		return -1;
	if (hosts[0] == NULL) {
		strv_free(hosts);
		return 0;
	}
	rc = host_certs_ensure(&l->ctx.certs, project_cert_label(p->name,
	    label, sizeof label), (const char *const *)hosts, &cert, &key, e);
	free(cert);
	free(key);
	strv_free(hosts);
	return rc;
}

int
project_dns(const struct state_project *p, const char *ip, bool up,
	    struct mpd_err *e)
{
	char group[96], **hosts = NULL;
	struct dns_record *r = NULL;
	size_t n = 0;
	int rc;

	snprintf(group, sizeof group, "project-%s", p->name);
	if (up) {
		if (project_hosts(p, &hosts, e) != 0)
			return -1;
		n = strv_len((const char *const *)hosts);
		r = calloc(n ? n : 1, sizeof *r);
		if (r == NULL) {
			strv_free(hosts);
			return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		}
		for (size_t i = 0; i < n; i++) {
			r[i].name = hosts[i];
			r[i].ipv4 = ip;
		}
	}
	rc = dns_records_set(group, r, n, NULL, e);
	free(r);
	strv_free(hosts);
	return rc;
}

int
projects_restore(struct lc *l, const struct runtime_def *d, struct mpd_err *e)
{
	struct state_project_list pl;
	int rc = 0;

	if (state_projects_load(&pl, e) != 0)
		return -1;
	for (size_t i = 0; rc == 0 && i < pl.n; i++) {
		const struct state_project *p = &pl.items[i];
		if (strcmp(p->runtime_name, d->name) != 0 ||
		    p->requested != STATE_REQUESTED_RUNNING)
			continue;
		if (project_cert_ensure(l, p, e) != 0 ||
		    project_run(l, d, "setup", p->name, e) != 0 ||
		    project_dns(p, d->desc.ip, true, e) != 0)
			rc = -1;
	}
	state_project_list_free(&pl);
	return rc;
}

int
projects_unpublish(struct lc *l, const struct runtime_def *d,
		   struct mpd_err *e)
{
	struct state_project_list pl;
	int rc = 0;

	(void)l;
	if (state_projects_load(&pl, e) != 0)
		return -1;
	for (size_t i = 0; rc == 0 && i < pl.n; i++)
		if (strcmp(pl.items[i].runtime_name, d->name) == 0)
			rc = project_dns(&pl.items[i], d->desc.ip, false, e);
	state_project_list_free(&pl);
	return rc;
}
