/* test_project_view.c - what the project verbs derive from a record
 * without podman: the host names of its URLs (project_hosts, which also
 * refuses URLs it cannot serve) and the sidecars' input JSON
 * (project_view_sidecar_json). */
#include "harness.h"
#include "testutil.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "project_restore.h"
#include "project_view.h"
#include "sidecar_site.h"
#include "state_projects.h"
#include "strv.h"

/* A record with the given URL strings (label main, kind web). */
static void
record(struct state_project *p, const char *name, const char *const *urls)
{
	struct mpd_err e = { 0 };
	char json[4096];
	size_t used = 0;

	memset(p, 0, sizeof *p);
	p->name = strdup(name);
	used += (size_t)snprintf(json, sizeof json, "[");
	for (size_t i = 0; urls[i] != NULL; i++)
		used += (size_t)snprintf(json + used, sizeof json - used,
		    "%s{\"label\":\"u%zu\",\"kind\":\"web\",\"url\":\"%s\"}",
		    i ? "," : "", i, urls[i]);
	snprintf(json + used, sizeof json - used, "]");
	CU_ASSERT_EQUAL_FATAL(state_urls_parse("t", json, strlen(json),
	    &p->urls, &p->n_urls, &e), 0);
}

static void
release(struct state_project *p)
{
	free(p->name);
	state_urls_free(p->urls, p->n_urls);
	memset(p, 0, sizeof *p);
}

static void
test_hosts(void)
{
	struct state_project p;
	struct mpd_err e = { 0 };
	char **hosts;

	record(&p, "demo", (const char *const[]){ "https://demo.mpd.test/",
	    "https://behat.demo.mpd.test/", "https://demo.mpd.test/admin/",
	    NULL });
	CU_ASSERT_EQUAL_FATAL(project_hosts(&p, &hosts, &e), 0);
	CU_ASSERT_EQUAL(strv_len((const char *const *)hosts), 2);
	CU_ASSERT_STRING_EQUAL(hosts[0], "behat.demo.mpd.test");
	CU_ASSERT_STRING_EQUAL(hosts[1], "demo.mpd.test");
	strv_free(hosts);
	release(&p);

	/* no URLs: an empty list */
	record(&p, "bare", (const char *const[]){ NULL });
	CU_ASSERT_EQUAL_FATAL(project_hosts(&p, &hosts, &e), 0);
	CU_ASSERT_PTR_NULL(hosts[0]);
	strv_free(hosts);
	release(&p);
}

static void
test_hosts_refused(void)
{
	static const char *const bad[] = {
		"http://demo.mpd.test/",	/* not https */
		"https://demo.example.com/",	/* not under mpd.test */
		"https://demo.mpd.test:8443/",	/* a port */
		"https://Demo.mpd.test/",	/* not lowercase */
		"https:///",			/* no host */
		"https://-x.mpd.test/",
		NULL,
	};

	for (size_t i = 0; bad[i] != NULL; i++) {
		struct state_project p;
		struct mpd_err e = { 0 };
		char **hosts = NULL;

		record(&p, "demo", (const char *const[]){ bad[i], NULL });
		CU_ASSERT_EQUAL(project_hosts(&p, &hosts, &e), -1);
		CU_ASSERT_PTR_NULL(hosts);
		CU_ASSERT_EQUAL(e.code, MPD_ERR_INPUT);
		CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "is not https://<name>.mpd.test/"));
		release(&p);
	}
}

static void
test_sidecar_json(void)
{
	struct state_project p;
	struct mpd_err e = { 0 };
	struct json_object *j, *arr, *o, *v;
	char *out = NULL, label[64];

	/* two projects on php, one running; one on node, running */
	record(&p, "web", (const char *const[]){ "https://web.mpd.test/", NULL });
	p.type = "plain";
	p.runtime_name = "php";
	p.database_engine = p.database_version = p.database_id = "";
	p.requested = STATE_REQUESTED_RUNNING;
	p.sidecars = (char *[]){ "valkey", NULL };
	CU_ASSERT_EQUAL_FATAL(state_projects_upsert(&p, &e), 0);
	p.sidecars = NULL;
	free(p.name);
	p.name = strdup("idle");
	p.requested = STATE_REQUESTED_STOPPED;
	CU_ASSERT_EQUAL_FATAL(state_projects_upsert(&p, &e), 0);
	free(p.name);
	p.name = strdup("site");
	p.runtime_name = "node";
	p.requested = STATE_REQUESTED_RUNNING;
	CU_ASSERT_EQUAL_FATAL(state_projects_upsert(&p, &e), 0);
	release(&p);

	CU_ASSERT_EQUAL_FATAL(project_view_sidecar_json("php", &out, &e), 0);
	j = json_tokener_parse(out);
	CU_ASSERT_PTR_NOT_NULL_FATAL(j);
	CU_ASSERT(json_object_object_get_ex(j, "runtime", &v));
	CU_ASSERT_STRING_EQUAL(json_object_get_string(v), "php");
	CU_ASSERT_FATAL(json_object_object_get_ex(j, "projects", &arr));
	/* only the running project of this runtime */
	CU_ASSERT_EQUAL_FATAL(json_object_array_length(arr), 1);
	o = json_object_array_get_idx(arr, 0);
	CU_ASSERT(json_object_object_get_ex(o, "name", &v));
	CU_ASSERT_STRING_EQUAL(json_object_get_string(v), "web");
	CU_ASSERT(json_object_object_get_ex(o, "cert", &v));
	CU_ASSERT_STRING_EQUAL(json_object_get_string(v),
	    "/etc/mpd/certs/project-web/cert.pem");
	CU_ASSERT(json_object_object_get_ex(o, "key", &v));
	CU_ASSERT_STRING_EQUAL(json_object_get_string(v),
	    "/etc/mpd/certs/project-web/key.pem");
	CU_ASSERT(json_object_object_get_ex(o, "urls", &v));
	CU_ASSERT_EQUAL(json_object_array_length(v), 1);
	/* what it asks its runtime for */
	CU_ASSERT_FATAL(json_object_object_get_ex(o, "sidecars", &v));
	CU_ASSERT_EQUAL_FATAL(json_object_array_length(v), 1);
	CU_ASSERT_STRING_EQUAL(json_object_get_string(
	    json_object_array_get_idx(v, 0)), "valkey");
	json_object_put(j);
	free(out);
	CU_ASSERT_STRING_EQUAL(project_cert_label("web", label, sizeof label),
	    "project-web");

	/* a runtime without running projects: an empty list */
	CU_ASSERT_EQUAL_FATAL(project_view_sidecar_json("util", &out, &e), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\"projects\":[]"));
	free(out);
}

/* what a sidecar may declare as a web UI of its runtime (ABI 1.4) */
static void
test_sidecar_site_urls(void)
{
	struct sidecar_site site = { NULL, 0 };
	struct mpd_err e = { 0 };

	CU_ASSERT_EQUAL(sidecar_site_add(&site, "mail", "mail",
	    "http://127.0.0.1:1080", &e), 0);
	CU_ASSERT_EQUAL(site.n, 1);
	CU_ASSERT_EQUAL(sidecar_site_add(&site, "other", "mail",
	    "http://127.0.0.1:1081", &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "another sidecar"));
	CU_ASSERT_EQUAL(sidecar_site_add(&site, "x", "Mail",
	    "http://127.0.0.1:1080", &e), -1);
	CU_ASSERT_EQUAL(e.code, MPD_ERR_PLUGIN);
	CU_ASSERT_EQUAL(sidecar_site_add(&site, "x", "ui",
	    "http://10.0.0.1:80", &e), -1);
	CU_ASSERT_EQUAL(sidecar_site_add(&site, "x", "ui",
	    "http://127.0.0.1:0", &e), -1);
	CU_ASSERT_EQUAL(sidecar_site_add(&site, "x", "ui",
	    "http://127.0.0.1:65536", &e), -1);
	CU_ASSERT_EQUAL(sidecar_site_add(&site, "x", "ui-",
	    "http://127.0.0.1:80", &e), -1);
	CU_ASSERT_EQUAL(sidecar_site_add(&site, "x", NULL, NULL, &e), -1);
	CU_ASSERT_EQUAL(site.n, 1);
	CU_ASSERT_EQUAL(sidecar_site_add(&site, "x", "ui",
	    "http://127.0.0.1:8025", &e), 0);
	CU_ASSERT_EQUAL(site.n, 2);
	CU_ASSERT_STRING_EQUAL(site.v[1].upstream, "http://127.0.0.1:8025");
	sidecar_site_free(&site);
	CU_ASSERT_EQUAL(site.n, 0);
	CU_ASSERT_PTR_NULL(site.v);
}

static const struct mpd_test_case view_cases[] = {
	{ "hosts of a project's URLs", test_hosts },
	{ "URLs that cannot be served are refused", test_hosts_refused },
	{ "the sidecars' input", test_sidecar_json },
	{ "the web UIs a sidecar may declare", test_sidecar_site_urls },
	{ NULL, NULL },
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "project_view", tu_suite_setup, tu_suite_teardown, view_cases },
	{ NULL, NULL, NULL, NULL },
};
