/* test_frontdoor_render.c - the frontdoor's Caddyfile (frontdoor_render.c):
 * each backend, grouping, the deny snippets, stable output, and hostile
 * urls.json refused before any of it reaches the file. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdoor_check.h"
#include "frontdoor_render.h"

/* JSON text from tokens: J({"a": "b"}) is "{\"a\": \"b\"}" */
#define J(...) #__VA_ARGS__

#define DEMO_TLS "\"cert\": \"/etc/mpd/certs/project-demo/cert.pem\", " \
	"\"key\": \"/etc/mpd/certs/project-demo/key.pem\""
#define PHP_BACKEND J({"type": "php-fpm", "fastcgi": "127.0.0.1:9001", \
	"root": "/srv/projects/demo/public", \
	"tryFiles": ["{path}", "{path}/index.php", "/index.php"]})

static char err[512];

/* {"runtime": "php", "projects": [{"name": NAME, <demo's tls>, "urls": URLS}]} */
static char *
one_project(const char *name, const char *urls)
{
	static char buf[8192];

	snprintf(buf, sizeof buf, "{\"runtime\": \"php\", \"projects\": [{\"name\": "
	    "\"%s\", " DEMO_TLS ", \"urls\": %s}]}", name, urls);
	return buf;
}

/* one URL of project demo with this backend */
static char *
demo_url(const char *url, const char *backend)
{
	static char urls[4096];

	snprintf(urls, sizeof urls, "[{\"label\": \"main\", \"kind\": \"web\", "
	    "\"url\": \"%s\", \"backend\": %s}]", url, backend);
	return one_project("demo", urls);
}

static char *
render_ok(const char *json)
{
	char *out = NULL;
	int rc = fd_render(json, "php", &out, err, sizeof err);

	CU_ASSERT_EQUAL(rc, 0);
	if (rc != 0)
		fprintf(stderr, "\nrender failed: %s\n  input: %s\n", err, json);
	return out;
}

/* The render fails, names `a` and `b` (when not NULL) and renders nothing. */
static void
refused(const char *json, const char *a, const char *b)
{
	char *out = (char *)"unset";
	int rc = fd_render(json, "php", &out, err, sizeof err);

	CU_ASSERT_EQUAL(rc, -1);
	CU_ASSERT_PTR_NULL(out);
	CU_ASSERT_PTR_NULL(strchr(err, '\n'));
	if (a != NULL)
		CU_ASSERT_PTR_NOT_NULL(strstr(err, a));
	if (b != NULL)
		CU_ASSERT_PTR_NOT_NULL(strstr(err, b));
	if (rc != -1 || (a && !strstr(err, a)) || (b && !strstr(err, b)))
		fprintf(stderr, "\nexpected a refusal naming '%s' and '%s', got "
		    "%d: '%s'\n  input: %s\n", a ? a : "", b ? b : "", rc, err,
		    json);
	if (rc == 0)
		free(out);
}

static int
count(const char *s, const char *needle)
{
	int n = 0;

	for (; (s = strstr(s, needle)) != NULL; s++)
		n++;
	return n;
}

/* The text from the first site on ("\n# <project>\n..."). */
static const char *
sites(const char *out)
{
	const char *s = strstr(out, "\n# demo\n");

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	return s;
}

static void
test_php_fpm_site(void)
{
	char *out = render_ok(demo_url("https://demo.mpd.test/", PHP_BACKEND));

	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	CU_ASSERT_STRING_EQUAL(sites(out),
	    "\n# demo\n"
	    "https://demo.mpd.test {\n"
	    "\ttls /etc/mpd/certs/project-demo/cert.pem "
	    "/etc/mpd/certs/project-demo/key.pem\n"
	    "\timport mpd_deny\n"
	    "\troot * /srv/projects/demo/public\n"
	    "\tphp_fastcgi 127.0.0.1:9001 {\n"
	    "\t\ttry_files {path} {path}/index.php /index.php\n"
	    "\t\tenv SERVER_SOFTWARE \"Apache/2.4 (mpd frontdoor)\"\n"
	    "\t}\n"
	    "\tfile_server\n"
	    "}\n");
	free(out);
}

static void
test_php_fpm_try_files(void)
{
	char *out = render_ok(demo_url("https://demo.mpd.test", J({"type":
	    "php-fpm", "fastcgi": "unix//srv/data/demo/fpm.sock", "root":
	    "/srv/projects/demo"})));

	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\tphp_fastcgi unix//srv/data/demo/fpm.sock {\n"
	    "\t\ttry_files " FD_DEFAULT_TRY_FILES "\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\troot * /srv/projects/demo\n"));
	free(out);
	out = render_ok(demo_url("https://demo.mpd.test", J({"type": "php-fpm",
	    "fastcgi": "127.0.0.1:9001", "root": "/srv/projects/demo",
	    "tryFiles": ["{path}", "/index.php?{query}&p={path}"]})));
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	CU_ASSERT_PTR_NOT_NULL(strstr(out,
	    "\t\ttry_files {path} /index.php?{query}&p={path}\n"));
	free(out);
}

static void
test_reverse_proxy_site(void)
{
	char *out = render_ok(demo_url("https://demo.mpd.test/", J({"type":
	    "reverse-proxy", "upstream": "http://127.0.0.1:4321/"})));

	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	CU_ASSERT_STRING_EQUAL(sites(out),
	    "\n# demo\n"
	    "https://demo.mpd.test {\n"
	    "\ttls /etc/mpd/certs/project-demo/cert.pem "
	    "/etc/mpd/certs/project-demo/key.pem\n"
	    "\timport mpd_deny_proxied\n"
	    "\treverse_proxy http://127.0.0.1:4321\n"
	    "}\n");
	free(out);
	out = render_ok(demo_url("https://demo.mpd.test/", J({"type":
	    "reverse-proxy", "upstream": "http://localhost:8080"})));
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\treverse_proxy http://localhost:8080\n"));
	free(out);
}

static void
test_redirect_site(void)
{
	char *out = render_ok(demo_url("https://mail.demo.mpd.test/", J({"type":
	    "redirect", "target": "https://mail.php.mpd.test/?q=demo.mpd.test"})));

	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	CU_ASSERT_STRING_EQUAL(sites(out),
	    "\n# demo\n"
	    "https://mail.demo.mpd.test {\n"
	    "\ttls /etc/mpd/certs/project-demo/cert.pem "
	    "/etc/mpd/certs/project-demo/key.pem\n"
	    "\tredir https://mail.php.mpd.test/?q=demo.mpd.test 302\n"
	    "}\n");
	free(out);
}

/* main, behat and tunnel share the backend: one site; mail is another */
static void
test_grouping(void)
{
	char *out = render_ok(one_project("demo", "[" J(
	    {"label": "main", "kind": "web", "url": "https://demo.mpd.test/",
	     "backend": {"type": "php-fpm", "fastcgi": "127.0.0.1:9001",
			 "root": "/srv/projects/demo"}},
	    {"label": "mail", "kind": "mail", "url": "https://mail.demo.mpd.test/",
	     "backend": {"type": "redirect", "target": "https://mail.php.mpd.test/"}},
	    {"label": "behat", "kind": "web", "url": "https://behat.demo.mpd.test/",
	     "backend": {"root": "/srv/projects/demo", "type": "php-fpm",
			 "fastcgi": "127.0.0.1:9001"}},
	    {"label": "again", "kind": "web", "url": "https://demo.mpd.test",
	     "backend": {"type": "php-fpm", "fastcgi": "127.0.0.1:9001",
			 "root": "/srv/projects/demo"}},
	    {"label": "tunnel", "kind": "web", "url": "https://a-tunnel.demo.mpd.test/",
	     "backend": {"type": "php-fpm", "fastcgi": "127.0.0.1:9001",
			 "root": "/srv/projects/demo"}}) "]"));
	const char *a, *b;

	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	/* hosts sorted, each once; sites by their first host */
	a = strstr(out, "\nhttps://a-tunnel.demo.mpd.test, "
	    "https://behat.demo.mpd.test, https://demo.mpd.test {\n");
	b = strstr(out, "\nhttps://mail.demo.mpd.test {\n");
	CU_ASSERT_PTR_NOT_NULL(a);
	CU_ASSERT_PTR_NOT_NULL(b);
	CU_ASSERT(a != NULL && b != NULL && a < b);
	/* two sites, two tls lines */
	CU_ASSERT_EQUAL(count(out, "\ttls "), 2);
	CU_ASSERT_EQUAL(count(out, "\tphp_fastcgi "), 1);
	free(out);
}

static const char global_block[] =
	"{\n\tadmin " FD_ADMIN_ADDRESS "\n\tauto_https off\n}\n";

static void
test_no_sites(void)
{
	char *out = render_ok(J({"runtime": "php", "projects": []}));
	char *again;

	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, global_block));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\n(mpd_deny) {\n"));
	CU_ASSERT_PTR_NULL(strstr(out, "https://"));
	/* projects with no backend URL (or no URLs) add nothing */
	again = render_ok(J({"runtime": "php", "projects": [
	    {"name": "shown", "urls": [{"label": "db", "kind": "info",
	     "url": "https://adminer.service.mpd.test/"}]},
	    {"name": "empty", "urls": []}, {"name": "none"}]}));
	CU_ASSERT_PTR_NOT_NULL_FATAL(again);
	CU_ASSERT_STRING_EQUAL(out, again);
	free(again);
	free(out);
}

static void
test_deny_snippets(void)
{
	char *out = render_ok(J({"runtime": "php", "projects": []}));

	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	/* php sites: dot-paths, mpd's files, archives, manifests, trees */
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\n(mpd_deny) {\n\t@mpd_deny path "
	    "*/.* */mpd.env */config-mpd.php *.phar */composer.json "
	    "*/composer.lock */package.json */package-lock.json */phpunit.xml "
	    "*/compose.yaml */vendor/* */node_modules/*\n"
	    "\trespond @mpd_deny 404\n}\n"));
	/* proxied sites: dot-paths but the dev server's own, mpd's files */
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\n(mpd_deny_proxied) {\n"
	    "\t@mpd_deny_proxied {\n\t\tpath */.* */mpd.env */config-mpd.php\n"
	    "\t\tnot path /node_modules/.vite/*\n\t}\n"
	    "\trespond @mpd_deny_proxied 404\n}\n"));
	/* the global block comes first, after one comment line */
	CU_ASSERT_PTR_NOT_NULL_FATAL(strchr(out, '\n'));
	CU_ASSERT_EQUAL(strncmp(strchr(out, '\n') + 1, global_block,
	    strlen(global_block)), 0);
	free(out);
}

#define SITE(name, host, port) "{\"name\": \"" name "\", \"cert\": " \
	"\"/etc/mpd/certs/project-" name "/cert.pem\", \"key\": " \
	"\"/etc/mpd/certs/project-" name "/key.pem\", \"urls\": [" \
	"{\"url\": \"https://" host "/\", \"backend\": {\"type\": " \
	"\"reverse-proxy\", \"upstream\": \"http://127.0.0.1:" port "\"}}, " \
	"{\"url\": \"https://mail." host "/\", \"backend\": {\"type\": " \
	"\"redirect\", \"target\": \"https://mail.node.mpd.test/\"}}]}"

static void
test_sorted_and_stable(void)
{
	const char *ab = "{\"runtime\": \"node\", \"projects\": ["
	    SITE("beta", "beta.mpd.test", "4322") ", "
	    SITE("alpha", "zz.mpd.test", "4321") "]}";
	const char *ba = "{\"runtime\": \"node\", \"projects\": ["
	    SITE("alpha", "zz.mpd.test", "4321") ", "
	    SITE("beta", "beta.mpd.test", "4322") "]}";
	char *x = NULL, *y = NULL, *z = NULL;
	const char *pa, *pb;

	CU_ASSERT_EQUAL(fd_render(ab, "node", &x, err, sizeof err), 0);
	CU_ASSERT_EQUAL(fd_render(ba, "node", &y, err, sizeof err), 0);
	CU_ASSERT_EQUAL(fd_render(ab, NULL, &z, err, sizeof err), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_PTR_NOT_NULL_FATAL(y);
	CU_ASSERT_PTR_NOT_NULL_FATAL(z);
	CU_ASSERT_STRING_EQUAL(x, y);
	CU_ASSERT_STRING_EQUAL(x, z);
	/* by project name, then first host: alpha's mail, alpha, beta, ... */
	pa = strstr(x, "\n# alpha\nhttps://mail.zz.mpd.test {");
	pb = strstr(x, "\n# beta\nhttps://beta.mpd.test {");
	CU_ASSERT(pa != NULL && pb != NULL && pa < pb);
	CU_ASSERT(pa != NULL && strstr(x, "\n# alpha\nhttps://zz.mpd.test {") > pa);
	CU_ASSERT(pb != NULL && strstr(x, "\n# beta\nhttps://mail.beta.mpd.test {") > pb);
	CU_ASSERT_PTR_NOT_NULL(strstr(x, "# the frontdoor of runtime node:"));
	free(x);
	free(y);
	free(z);
}

static void
test_hostile_hosts(void)
{
	static const char *const urls[] = {
		"https://a b.mpd.test/", "https://a.mpd.test {",
		"https://a.mpd.test}", "https://a.mpd.test\\n}",
		"https://a.mpd.test/\\nimport x", "https://{env.HOME}.mpd.test/",
		"https://A.mpd.test/", "https://a.example.com/",
		"https://a.mpd.test.evil/", "https://mpd.test/",
		"https://a.mpd.test:8443/", "https://a.mpd.test/path",
		"https://a.mpd.test/?q", "http://a.mpd.test/", "a.mpd.test",
		"https://user@a.mpd.test/", "https://-a.mpd.test/",
		"https://a..mpd.test/", "https://*.mpd.test/",
		"https://a.mpd.test\\u0000.evil/", "https://a.mpd.test,b.mpd.test/",
		"https://a#.mpd.test/", "",
	};

	for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++)
		refused(demo_url(urls[i], PHP_BACKEND), "project 'demo': url '",
		    "refused");
	/* a URL that is not a string, or missing */
	refused(one_project("demo", J([{"url": 7, "backend": {"type":
	    "redirect", "target": "https://x.mpd.test/"}}])), "demo", "(none)");
	refused(one_project("demo", J([{"backend": {"type": "redirect",
	    "target": "https://x.mpd.test/"}}])), "demo", "(none)");
	/* the message shows control characters as '?' */
	refused(demo_url("https://a.mpd.test\\n}", PHP_BACKEND), "a.mpd.test?}",
	    NULL);
}

static void
test_hostile_php_fpm(void)
{
	static const char *const roots[] = {
		"srv/projects/demo", "/srv/projects/other", "/srv/projects/demo2",
		"/srv/projects/demo/../other", "/srv/projects/demo/./x",
		"/srv/projects/demo/", "/srv/projects/demo//x", "/etc",
		"/srv/projects/demo/a b", "/srv/projects/demo\\n}",
		"/srv/projects/demo/{path}", "/srv/projects/demo\\\"",
	};
	static const char *const fastcgis[] = {
		"127.0.0.1:9000 {", "127.0.0.1:9000\\n\\tfile_server",
		"127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:09000",
		"10.0.0.1:9000", "localhost:9000", "unix//run/php/fpm.sock",
		"unix//srv", "unix//srv/../run/x.sock", "127.0.0.1:", "",
	};
	static const char *const tries[] = {
		"[\"{env.SECRET}\"]", "[\"a b\"]", "[\"}\"]", "[\"#x\"]",
		"[\"\"]", "[7]", "\"{path}\"", "[\"{path\"]",
	};
	char backend[512];

	for (size_t i = 0; i < sizeof roots / sizeof roots[0]; i++) {
		snprintf(backend, sizeof backend, "{\"type\": \"php-fpm\", "
		    "\"fastcgi\": \"127.0.0.1:9001\", \"root\": \"%s\"}", roots[i]);
		refused(demo_url("https://demo.mpd.test/", backend),
		    "project 'demo': php-fpm root", "refused");
	}
	for (size_t i = 0; i < sizeof fastcgis / sizeof fastcgis[0]; i++) {
		snprintf(backend, sizeof backend, "{\"type\": \"php-fpm\", "
		    "\"fastcgi\": \"%s\", \"root\": \"/srv/projects/demo\"}",
		    fastcgis[i]);
		refused(demo_url("https://demo.mpd.test/", backend),
		    "project 'demo': php-fpm fastcgi", "refused");
	}
	for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++) {
		snprintf(backend, sizeof backend, "{\"type\": \"php-fpm\", "
		    "\"fastcgi\": \"127.0.0.1:9001\", \"root\": "
		    "\"/srv/projects/demo\", \"tryFiles\": %s}", tries[i]);
		refused(demo_url("https://demo.mpd.test/", backend),
		    "project 'demo': php-fpm tryFiles", "refused");
	}
}

static void
test_hostile_proxy_and_redirect(void)
{
	static const char *const upstreams[] = {
		"http://10.163.0.4:80", "https://127.0.0.1:4321",
		"http://127.0.0.1:4321/x", "http://127.0.0.1:4321 {",
		"http://127.0.0.1", "127.0.0.1:4321", "http://localhost:99999",
	};
	static const char *const targets[] = {
		"https://mail.php.mpd.test/\\n}", "https://mail.php.mpd.test/ 301",
		"https://mail.php.mpd.test/{uri}", "http://mail.php.mpd.test/",
		"https://mail.php.mpd.test/#frag", "https://localhost/",
		"https://Mail.mpd.test/", "https://mail.php.mpd.test:0/",
		"https://mail.php.mpd.test/\\\"x", "//mail.php.mpd.test/", "",
	};
	char backend[512];

	for (size_t i = 0; i < sizeof upstreams / sizeof upstreams[0]; i++) {
		snprintf(backend, sizeof backend, "{\"type\": \"reverse-proxy\", "
		    "\"upstream\": \"%s\"}", upstreams[i]);
		refused(demo_url("https://demo.mpd.test/", backend),
		    "project 'demo': reverse-proxy upstream", "refused");
	}
	for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
		snprintf(backend, sizeof backend, "{\"type\": \"redirect\", "
		    "\"target\": \"%s\"}", targets[i]);
		refused(demo_url("https://demo.mpd.test/", backend),
		    "project 'demo': redirect target", "refused");
	}
	refused(demo_url("https://demo.mpd.test/", J({"type": "respond",
	    "body": "x"})), "project 'demo': backend type 'respond'", NULL);
	refused(demo_url("https://demo.mpd.test/", J({"fastcgi": "127.0.0.1:1"})),
	    "backend type '(none)'", NULL);
	refused(demo_url("https://demo.mpd.test/", J("php-fpm")),
	    "project 'demo': backend", "use a JSON object");
}

static void
test_hostile_projects(void)
{
	/* names, certificates */
	refused(one_project("Demo", "[]"), "name 'Demo'", NULL);
	refused(one_project("de mo", "[]"), "name 'de mo'", NULL);
	refused(one_project("demo\\n}", "[]"), "name 'demo?}'", NULL);
	refused(J({"runtime": "php", "projects": [{"name": "demo",
	    "cert": "cert.pem", "key": "/etc/mpd/certs/k.pem", "urls": [
	    {"url": "https://demo.mpd.test/", "backend": {"type": "redirect",
	     "target": "https://x.mpd.test/"}}]}]}), "project 'demo': cert",
	    "cert.pem");
	refused(J({"runtime": "php", "projects": [{"name": "demo",
	    "cert": "/etc/mpd/certs/c.pem", "key": "/etc/mpd/certs/k y.pem",
	    "urls": [{"url": "https://demo.mpd.test/", "backend": {"type":
	    "redirect", "target": "https://x.mpd.test/"}}]}]}),
	    "project 'demo': key", NULL);
	refused(J({"runtime": "php", "projects": [{"name": "demo",
	    "cert": "/etc/ssl/private/c.pem", "key": "/etc/mpd/certs/k.pem",
	    "urls": [{"url": "https://demo.mpd.test/", "backend": {"type":
	    "redirect", "target": "https://x.mpd.test/"}}]}]}),
	    "project 'demo': cert", NULL);
	/* one host, two sites */
	refused(one_project("demo", "[" J(
	    {"url": "https://demo.mpd.test/", "backend": {"type": "redirect",
	     "target": "https://x.mpd.test/"}},
	    {"url": "https://demo.mpd.test", "backend": {"type": "redirect",
	     "target": "https://y.mpd.test/"}}) "]"),
	    "project 'demo': demo.mpd.test has two different backends", NULL);
	refused("{\"runtime\": \"php\", \"projects\": ["
	    SITE("alpha", "x.mpd.test", "4321") ", "
	    SITE("beta", "x.mpd.test", "4322") "]}",
	    "host mail.x.mpd.test is claimed by projects 'alpha' and 'beta'", NULL);
	refused("{\"runtime\": \"php\", \"projects\": ["
	    SITE("alpha", "x.mpd.test", "4321") ", "
	    SITE("alpha", "y.mpd.test", "4322") "]}",
	    "project 'alpha' is listed twice", NULL);
	/* the document itself */
	refused(J({"runtime": "node", "projects": []}), "for runtime 'node', "
	    "not 'php'", NULL);
	refused(J({"runtime": "p h p", "projects": []}), "runtime 'p h p'", NULL);
	refused(J({"runtime": "php"}), "no \"projects\" list", NULL);
	refused(J({"runtime": "php", "projects": {}}), "no \"projects\" list",
	    NULL);
	refused("{\"runtime\": \"php\", \"projects\": [", "not JSON", NULL);
	refused("{\"runtime\": \"php\", \"projects\": []} {}", "more than one",
	    NULL);
	refused("", "not JSON", NULL);
	refused(J([]), "runtime '(none)'", NULL);
	refused(J({"runtime": "php", "projects": [7]}), "projects[0]", NULL);
	refused(one_project("demo", "{}"), "project 'demo': urls is not a list",
	    NULL);
	refused(one_project("demo", "[7]"), "urls[0] is not an object", NULL);
	{
		char *out = (char *)"unset";

		CU_ASSERT_EQUAL(fd_render(NULL, "php", &out, err, sizeof err), -1);
		CU_ASSERT_PTR_NULL(out);
	}
	/* trailing blanks are fine */
	free(render_ok("{\"runtime\": \"php\", \"projects\": []}\n\t "));
}

#define RT_SITE J("runtime_site": {"name": "_runtime-php", \
	"cert": "/etc/mpd/certs/runtime-php-site/cert.pem", \
	"key": "/etc/mpd/certs/runtime-php-site/key.pem", \
	"urls": [{"label": "mail", "kind": "mail", \
	"url": "https://mail.php.mpd.test/", "backend": \
	{"type": "reverse-proxy", "upstream": "http://127.0.0.1:1080"}}]})

static void
test_runtime_site(void)
{
	char *out = render_ok("{\"runtime\": \"php\", \"projects\": [], "
	    RT_SITE "}");

	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "# _runtime-php\n"
	    "https://mail.php.mpd.test {\n"
	    "\ttls /etc/mpd/certs/runtime-php-site/cert.pem "
	    "/etc/mpd/certs/runtime-php-site/key.pem\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "reverse_proxy "));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "127.0.0.1:1080\n"));
	free(out);
	/* its name must be the runtime's, and a project cannot take its host */
	refused("{\"runtime\": \"php\", \"projects\": [], \"runtime_site\": "
	    "{\"name\": \"_runtime-node\", \"urls\": []}}", "_runtime-node",
	    "_runtime-php");
	refused("{\"runtime\": \"php\", \"projects\": [{\"name\": "
	    "\"demo\", " DEMO_TLS ", \"urls\": [{\"label\": \"m\", "
	    "\"kind\": \"mail\", \"url\": \"https://mail.php.mpd.test/\", "
	    "\"backend\": {\"type\": \"redirect\", \"target\": "
	    "\"https://php.mpd.test/\"}}]}], " RT_SITE "}",
	    "mail.php.mpd.test", NULL);
}

static void
test_checks(void)
{
	char h[320], up[64];

	CU_ASSERT(fd_check_host("a.mpd.test"));
	CU_ASSERT(fd_check_host("x-1.b2.mpd.test"));
	CU_ASSERT(!fd_check_host("mpd.test"));
	CU_ASSERT(!fd_check_host(".mpd.test"));
	CU_ASSERT(!fd_check_host("a-.mpd.test"));
	CU_ASSERT(!fd_check_host("xmpd.test"));
	CU_ASSERT(!fd_check_host(NULL));
	memset(h, 'a', 250);
	memcpy(h + 250, ".mpd.test", 10);
	CU_ASSERT(!fd_check_host(h));		/* 259 characters */
	memset(h, 'a', 64);
	memcpy(h + 64, ".mpd.test", 10);
	CU_ASSERT(!fd_check_host(h));		/* a 64-character label */
	CU_ASSERT(fd_check_host(h + 1));	/* 63 is the most */
	CU_ASSERT_EQUAL(fd_url_host("https://a.mpd.test/", h, sizeof h), 0);
	CU_ASSERT_STRING_EQUAL(h, "a.mpd.test");
	CU_ASSERT_EQUAL(fd_url_host("https://a.mpd.test/", h, 5), -1);
	CU_ASSERT(fd_check_project("demo-2"));
	CU_ASSERT(!fd_check_project("demo-"));
	CU_ASSERT(!fd_check_project("de--mo"));
	CU_ASSERT(!fd_check_project("2demo"));
	CU_ASSERT(fd_check_runtime("php82"));
	CU_ASSERT(!fd_check_runtime("php-82"));
	CU_ASSERT(fd_check_path_in("/etc/mpd/certs/a/b.pem", "/etc/mpd/certs"));
	CU_ASSERT(!fd_check_path_in("/etc/mpd/certs/../b.pem", "/etc/mpd/certs"));
	CU_ASSERT(!fd_check_path_in("/etc/mpd/certsx/b.pem", "/etc/mpd/certs"));
	CU_ASSERT(fd_check_fastcgi("127.0.0.1:65535"));
	CU_ASSERT(fd_check_fastcgi("unix//srv/data/x.sock"));
	CU_ASSERT_EQUAL(fd_upstream("http://localhost:5173/", up, sizeof up), 0);
	CU_ASSERT_STRING_EQUAL(up, "http://localhost:5173");
	CU_ASSERT_EQUAL(fd_upstream("http://localhost:5173", up, 10), -1);
	CU_ASSERT(fd_check_redirect("https://docs.moodle.org:8443/x?a=b&c=%20"));
	CU_ASSERT(fd_check_redirect("https://mail.php.mpd.test"));
	CU_ASSERT(!fd_check_redirect("https://mail.php.mpd.test?x"));
	CU_ASSERT(fd_check_try("/index.php?{query}"));
	CU_ASSERT(!fd_check_try("{query"));
}

static const struct mpd_test_case cases[] = {
	{ "php-fpm: root, php_fastcgi with try_files and env, file_server", test_php_fpm_site },
	{ "php-fpm: default try_files, a unix socket, own try_files", test_php_fpm_try_files },
	{ "reverse-proxy: the upstream, without a trailing slash", test_reverse_proxy_site },
	{ "redirect: redir 302", test_redirect_site },
	{ "URLs sharing a backend are one site", test_grouping },
	{ "no sites: global block and snippets only", test_no_sites },
	{ "the deny snippets", test_deny_snippets },
	{ "sorted by project then host, byte-stable", test_sorted_and_stable },
	{ "hostile hosts are refused", test_hostile_hosts },
	{ "hostile php-fpm backends are refused", test_hostile_php_fpm },
	{ "hostile upstreams, targets and types are refused", test_hostile_proxy_and_redirect },
	{ "hostile projects and documents are refused", test_hostile_projects },
	{ "the runtime's own site: its sidecars' web UIs", test_runtime_site },
	{ "the value checks", test_checks },
	{ NULL, NULL },
};

const struct mpd_test_suite mpd_test_suites[] = {
	{ "frontdoor render", NULL, NULL, cases },
	{ NULL, NULL, NULL, NULL },
};
