/* sidecar_site.c - a runtime's sidecar web UIs (see sidecar_site.h). */
#include "sidecar_site.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mpd/names.h>

#include "dns_records.h"
#include "host_certs.h"
#include "runtimes.h"

#define SITE_UPSTREAM_PREFIX "http://127.0.0.1:"

static bool
label_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	return n > 0 && n <= 32 && s[0] >= 'a' && s[0] <= 'z' &&
	    s[n - 1] != '-' &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

static bool
upstream_ok(const char *s)
{
	size_t pre = strlen(SITE_UPSTREAM_PREFIX);
	const char *p;
	long port;
	char *end;

	if (s == NULL || strncmp(s, SITE_UPSTREAM_PREFIX, pre) != 0)
		return false;
	p = s + pre;
	if (*p < '1' || *p > '9')
		return false;
	port = strtol(p, &end, 10);
	return *end == '\0' && port > 0 && port < 65536;
}

int
sidecar_site_add(struct sidecar_site *s, const char *who, const char *label,
		 const char *upstream, struct mpd_err *e)
{
	struct sidecar_site_url *nv;

	if (!label_ok(label) || !upstream_ok(upstream))
		return mpd_err_set(e, MPD_ERR_PLUGIN, "sidecar '%s' declares "
		    "url '%.40s' -> '%.60s': a label is [a-z][a-z0-9-]*, an "
		    "upstream http://127.0.0.1:<port>", who,
		    label ? label : "(null)", upstream ? upstream : "(null)");
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].label, label) == 0)
			return mpd_err_set(e, MPD_ERR_PLUGIN, "sidecar '%s' "
			    "declares url '%s', which another sidecar of the "
			    "runtime serves already", who, label);
	nv = realloc(s->v, (s->n + 1) * sizeof *nv);
	if (nv == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	s->v = nv;
	nv[s->n].label = strdup(label);
	nv[s->n].upstream = strdup(upstream);
	if (nv[s->n].label == NULL || nv[s->n].upstream == NULL) {
		free(nv[s->n].label);
		free(nv[s->n].upstream);
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	}
	s->n++;
	return 0;
}

void
sidecar_site_free(struct sidecar_site *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].label);
		free(s->v[i].upstream);
	}
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

/* "<label>.<rt>.mpd.test" for each URL, in order: a NULL-terminated
 * array of malloc'ed strings (NULL on ENOMEM). */
static char **
site_hosts(const struct runtime_def *d, const struct sidecar_site *s)
{
	char **h = calloc(s->n + 1, sizeof *h);

	for (size_t i = 0; h != NULL && i < s->n; i++) {
		size_t n = strlen(s->v[i].label) + strlen(d->name) +
		    sizeof MPD_ZONE + 2;

		if ((h[i] = malloc(n)) == NULL) {
			for (size_t j = 0; j < i; j++)
				free(h[j]);
			free(h);
			return NULL;
		}
		snprintf(h[i], n, "%s.%s." MPD_ZONE, s->v[i].label, d->name);
	}
	return h;
}

static void
hosts_free(char **h)
{
	for (size_t i = 0; h != NULL && h[i] != NULL; i++)
		free(h[i]);
	free(h);
}

/* The "runtime_site" object of the view. */
static struct json_object *
site_object(const struct runtime_def *d, const struct sidecar_site *s,
	    char **hosts, const char *label)
{
	struct json_object *o = json_object_new_object();
	struct json_object *urls = json_object_new_array();
	char buf[320];

	if (o == NULL || urls == NULL) {
		json_object_put(o);
		json_object_put(urls);
		return NULL;
	}
	snprintf(buf, sizeof buf, "_runtime-%s", d->name);
	json_object_object_add(o, "name", json_object_new_string(buf));
	snprintf(buf, sizeof buf, MPD_CONTAINER_CERTS "/%s/cert.pem", label);
	json_object_object_add(o, "cert", json_object_new_string(buf));
	snprintf(buf, sizeof buf, MPD_CONTAINER_CERTS "/%s/key.pem", label);
	json_object_object_add(o, "key", json_object_new_string(buf));
	json_object_object_add(o, "urls", urls);
	for (size_t i = 0; i < s->n; i++) {
		struct json_object *u = json_object_new_object();
		struct json_object *b = json_object_new_object();

		if (u == NULL || b == NULL) {
			json_object_put(u);
			json_object_put(b);
			json_object_put(o);
			return NULL;
		}
		snprintf(buf, sizeof buf, "https://%s/", hosts[i]);
		json_object_object_add(u, "label",
		    json_object_new_string(s->v[i].label));
		json_object_object_add(u, "kind",
		    json_object_new_string(s->v[i].label));
		json_object_object_add(u, "url", json_object_new_string(buf));
		json_object_object_add(b, "type",
		    json_object_new_string("reverse-proxy"));
		json_object_object_add(b, "upstream",
		    json_object_new_string(s->v[i].upstream));
		json_object_object_add(u, "backend", b);
		json_object_array_add(urls, u);
	}
	return o;
}

/* "runtime-<rt>-site": the DNS group and the certificate label (not
 * "runtime-<rt>": that group is the runtime's own name) */
static void
site_label(const struct runtime_def *d, char *buf, size_t n)
{
	snprintf(buf, n, "runtime-%s-site", d->name);
}

int
sidecar_site_unpublish(const struct runtime_def *d, struct mpd_err *e)
{
	char group[96];

	site_label(d, group, sizeof group);
	return dns_records_set(group, NULL, 0, NULL, e);
}

int
sidecar_site_publish(struct lc *l, const struct runtime_def *d,
		     const struct sidecar_site *s, char **view,
		     struct mpd_err *e)
{
	char group[96], label[96], *cert = NULL, *key = NULL, **hosts;
	struct dns_record *r;
	struct json_object *top, *site;
	int rc;

	site_label(d, group, sizeof group);
	site_label(d, label, sizeof label);
	if (s->n == 0)
		return sidecar_site_unpublish(d, e);
	if ((hosts = site_hosts(d, s)) == NULL)
		return mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
	rc = host_certs_ensure(&l->ctx.certs, label,
	    (const char *const *)hosts, &cert, &key, e);
	free(cert);
	free(key);
	if (rc != 0)
		goto out;
	if ((r = calloc(s->n, sizeof *r)) == NULL) {
		rc = mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < s->n; i++) {
		r[i].name = hosts[i];
		r[i].ipv4 = d->desc.ip;
	}
	rc = dns_records_set(group, r, s->n, NULL, e);
	free(r);
	if (rc != 0)
		goto out;
	rc = -1;
	if ((top = json_tokener_parse(*view)) == NULL) {
		mpd_err_set(e, MPD_ERR_FAIL, "the sidecar view is not JSON");
		goto out;
	}
	if ((site = site_object(d, s, hosts, label)) == NULL ||
	    json_object_object_add(top, "runtime_site", site) != 0) {
		json_object_put(top);
		mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
		goto out;
	}
	{
		char *next = strdup(json_object_to_json_string_ext(top,
		    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));

		json_object_put(top);
		if (next == NULL) {
			mpd_err_set(e, MPD_ERR_FAIL, "out of memory");
			goto out;
		}
		free(*view);
		*view = next;
	}
	rc = 0;
out:
	hosts_free(hosts);
	return rc;
}
