#!/bin/sh
# test-frontdoor-caddy.sh - real Caddy takes what the frontdoor renders
# (plugins/sidecars/frontdoor_render.c, through frontdoor_render_tool):
#  1. `caddy adapt` and `caddy validate` accept every shape we render (each
#     backend, grouped URLs, no sites at all), and refuse a broken one;
#  2. `caddy run` on loopback ports serves a rendered php-fpm site, answers
#     404 for everything the deny snippets list, proxies what a dev server
#     needs, and `caddy reload` (the plugin's reload step) swaps in a new
#     config or keeps the old one when Caddy rejects the new one.
# Paths are moved under a temporary root (certificates, /srv) and the
# global block gets loopback ports: everything else is the rendered text.
# Skipped (77) without caddy (bootstrap/packages.txt, role suite).
set -u
. "${top_srcdir:?}/tests/scripts/lib.sh"
tool=${top_builddir:?}/frontdoor_render_tool
CADDY=${CADDY:-caddy}
for p in "$CADDY" curl openssl; do
	if ! command -v "$p" >/dev/null 2>&1; then
		echo "SKIP: $p is not installed (bootstrap/packages.txt, role suite)"
		exit 77
	fi
done
[ -x "$tool" ] || { echo "FAIL: $tool is not built (make check builds it)"; exit 1; }

tmp=$(mktemp -d)
pid=
cleanup() {
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
# Caddy's own files (autosave, storage) go where the image puts them: not $HOME
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/xdg/config" XDG_DATA_HOME="$tmp/xdg/data"
mkdir -p "$HOME"

# ---- fixtures: a self-signed leaf per project (as mpd gives each project
# its own), a project tree
leaf() {	# PROJECT SAN...
	d="$tmp/certs/project-$1"
	shift
	sans=$(printf 'DNS:%s,' "$@")
	mkdir -p "$d"
	if ! openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
		-nodes -days 2 -subj "/CN=$1" -addext "subjectAltName=${sans%,}" \
		-keyout "$d/key.pem" -out "$d/cert.pem" >"$tmp/openssl.log" 2>&1; then
		bad "openssl could not make a test certificate: $(cat "$tmp/openssl.log")"
		finish
		exit 1
	fi
}
leaf demo demo.mpd.test behat.demo.mpd.test mail.demo.mpd.test
leaf other other.mpd.test
tree="$tmp/srv/projects/demo/public"
mkdir -p "$tree/.git" "$tree/sub" "$tree/vendor/x" "$tree/node_modules/m" \
	"$tree/x"
echo served >"$tree/ok.txt"
for f in pluginfile.php x/index.php; do
	echo '<?php echo "php";' >"$tree/$f"
done
for f in .git/config .env .htaccess sub/.hidden mpd.env config-mpd.php \
	x.phar composer.json composer.lock package.json phpunit.xml \
	vendor/x/a.txt node_modules/m/a.js sub/mpd.env; do
	echo secret >"$tree/$f"
done

# projects_json with demo's URLs (php-fpm ×2, redirect) and, when $1 is
# "both", project other (reverse-proxy to port $2)
projects() {
	other=
	[ "$1" = both ] && other=', {"name": "other",
	  "cert": "/etc/mpd/certs/project-other/cert.pem",
	  "key": "/etc/mpd/certs/project-other/key.pem",
	  "urls": [{"label": "main", "kind": "web", "url": "https://other.mpd.test/",
	    "backend": {"type": "reverse-proxy", "upstream": "http://127.0.0.1:'"$2"'/"}}]}'
	cat <<JSON
{"runtime": "php", "projects": [{"name": "demo",
  "cert": "/etc/mpd/certs/project-demo/cert.pem",
  "key": "/etc/mpd/certs/project-demo/key.pem",
  "urls": [
    {"label": "main", "kind": "web", "url": "https://demo.mpd.test/",
     "backend": {"type": "php-fpm", "fastcgi": "127.0.0.1:$fpm_port",
                 "root": "/srv/projects/demo/public"}},
    {"label": "behat", "kind": "web", "url": "https://behat.demo.mpd.test/",
     "backend": {"type": "php-fpm", "fastcgi": "127.0.0.1:$fpm_port",
                 "root": "/srv/projects/demo/public"}},
    {"label": "mail", "kind": "mail", "url": "https://mail.demo.mpd.test/",
     "backend": {"type": "redirect", "target": "https://mail.php.mpd.test/?q=demo.mpd.test"}},
    {"label": "db", "kind": "info", "url": "https://adminer.service.mpd.test/"}
  ]}$other]}
JSON
}

# render JSON-FILE OUT: the Caddyfile, its paths moved under $tmp
render() {
	if ! "$tool" php <"$1" >"$2.raw" 2>"$2.err"; then
		bad "the renderer refused $1: $(cat "$2.err")"
		return 1
	fi
	sed -e "s#/etc/mpd/certs/#$tmp/certs/#g" -e "s#/srv/#$tmp/srv/#g" \
		"$2.raw" >"$2"
}

# valid NAME FILE: caddy adapt and validate accept it
valid() {
	if out=$("$CADDY" adapt --config "$2" --adapter caddyfile 2>&1) &&
		out=$("$CADDY" validate --config "$2" --adapter caddyfile 2>&1); then
		ok
	else
		bad "$1: caddy refused the rendered config: $out
$(cat "$2")"
	fi
}

# ---- 1. adapt + validate
base=$(( 20000 + $$ % 20000 ))
fpm_port=$((base + 3))
echo '{"runtime": "php", "projects": []}' >"$tmp/empty.json"
render "$tmp/empty.json" "$tmp/empty.caddy" && valid "no sites" "$tmp/empty.caddy"
projects both "$((base + 4))" >"$tmp/both.json"
render "$tmp/both.json" "$tmp/both.caddy" && valid "every backend" "$tmp/both.caddy"
grep -q '^https://behat.demo.mpd.test, https://demo.mpd.test {$' "$tmp/both.caddy" &&
	ok || bad "demo's php URLs are not one site: $(cat "$tmp/both.caddy")"
# the JSON Caddy runs has the deny route
json=$("$CADDY" adapt --config "$tmp/both.caddy" --adapter caddyfile 2>/dev/null)
case $json in
*'{"handle":[{"handler":"static_response","status_code":404}],"match":[{"path":["*/.*",'*) ok ;;
*) bad "caddy adapt shows no 404 route for */.*: $json" ;;
esac
# and a check that can fail: Caddy refuses a broken site
sed 's#^\timport mpd_deny$#\timport mpd_deny\n\tno_such_directive#' \
	"$tmp/both.caddy" >"$tmp/broken.caddy"
if "$CADDY" validate --config "$tmp/broken.caddy" --adapter caddyfile >/dev/null 2>&1; then
	bad "caddy validate accepted an unknown directive: the check proves nothing"
else
	ok
fi

# ---- 2. a running Caddy on loopback
https_port=$((base + 1))
admin=127.0.0.1:$((base + 2))
# live FILE: the rendered config on the test's ports
live() {
	sed "s#^\tadmin localhost:2019\$#\tadmin $admin\n\tdefault_bind 127.0.0.1\n\thttp_port $base\n\thttps_port $https_port#" \
		"$1" >"$1.live"
	grep -q "https_port $https_port" "$1.live" ||
		bad "the global block has no 'admin localhost:2019' line to move"
}
live "$tmp/both.caddy"
"$CADDY" run --config "$tmp/both.caddy.live" --adapter caddyfile \
	>"$tmp/caddy.log" 2>&1 &
pid=$!
up=0
for _ in $(seq 1 100); do
	if curl -s -o /dev/null "http://$admin/config/"; then up=1; break; fi
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
done
if [ "$up" -ne 1 ]; then
	bad "caddy did not start: $(tail -n 20 "$tmp/caddy.log")"
	finish
	exit 1
fi
ok

# get HOST PATH: "<status> <redirect url>" from the running Caddy
get() {
	case $1 in
	other.*) ca=$tmp/certs/project-other/cert.pem ;;
	*) ca=$tmp/certs/project-demo/cert.pem ;;
	esac
	curl -s --path-as-is -o "$tmp/body" -w '%{http_code} %{redirect_url}' \
		--resolve "$1:$https_port:127.0.0.1" --cacert "$ca" \
		"https://$1:$https_port$2"
}
# expect_get HOST PATH WANT
expect_get() {
	got=$(get "$1" "$2")
	case $got in
	"$3"*) ok ;;
	*) bad "https://$1$2: expected '$3', got '$got'" ;;
	esac
}
expect_get demo.mpd.test /ok.txt "200"
grep -q '^served$' "$tmp/body" && ok || bad "/ok.txt: not the project's file"
expect_get behat.demo.mpd.test /ok.txt "200"
for p in /.git/config /.git/ /.env /.htaccess /sub/.hidden /mpd.env \
	/sub/mpd.env /config-mpd.php /x.phar /composer.json /composer.lock \
	/package.json /phpunit.xml /vendor/x/a.txt /node_modules/m/a.js \
	/sub/../.git/config /%2egit/config /MPD.ENV /x.PHAR; do
	expect_get demo.mpd.test "$p" "404"
done
# PHP goes to php_fastcgi (no php-fpm listens: 502), never to
# file_server, with Moodle's slash arguments too
expect_get demo.mpd.test /pluginfile.php "502"
expect_get demo.mpd.test /pluginfile.php/1/user/icon/f1.png "502"
expect_get demo.mpd.test /x/ "502"
grep -q php "$tmp/body" && bad "a PHP file was served as text" || ok
expect_get mail.demo.mpd.test /anything \
	"302 https://mail.php.mpd.test/?q=demo.mpd.test"
# the proxied site: dot-paths denied, the dev server's own passed on
# (no dev server listens: 502)
expect_get other.mpd.test /.git/config "404"
expect_get other.mpd.test /mpd.env "404"
expect_get other.mpd.test /node_modules/.vite/deps/x.js "502"
expect_get other.mpd.test /node_modules/.vite/../../.git/config "404"
expect_get other.mpd.test /src/page.astro "502"

# ---- the reload step: a new config swaps in; a rejected one changes nothing
projects demo-only >"$tmp/demo.json"
render "$tmp/demo.json" "$tmp/demo.caddy" && live "$tmp/demo.caddy"
cp "$tmp/demo.caddy.live" "$tmp/Caddyfile.new"
if out=$("$CADDY" reload --config "$tmp/Caddyfile.new" --adapter caddyfile \
	--address "$admin" --force 2>&1); then
	ok
else
	bad "caddy reload refused a rendered config: $out"
fi
got=$(get other.mpd.test /)
case $got in
000*) ok ;;	# no site answers other.mpd.test: the TLS handshake fails
*) bad "after the reload other.mpd.test still answers: $got" ;;
esac
expect_get demo.mpd.test /ok.txt "200"
cp "$tmp/broken.caddy" "$tmp/Caddyfile.bad"
live "$tmp/Caddyfile.bad"
if "$CADDY" reload --config "$tmp/Caddyfile.bad.live" --adapter caddyfile \
	--address "$admin" --force >/dev/null 2>&1; then
	bad "caddy reload accepted an unknown directive"
else
	ok
fi
expect_get demo.mpd.test /ok.txt "200"
expect_get demo.mpd.test /.git/config "404"
finish
