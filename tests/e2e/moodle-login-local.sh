#!/bin/sh
# moodle-login-local.sh - tests/e2e/moodle-login.mjs without mpd: against
# a fake Moodle login (fixtures/moodle-login/fake-moodle.mjs) over HTTPS on
# 127.0.0.1, with certificates from a CA made here by openssl.  Checks a
# good login (exit 0, a PNG), a wrong password, an untrusted CA, a name
# outside the certificate, a login that never answers (timeout), a landing
# page without a logged-in user, no playwright-core, and bad arguments.
#
#   sh tests/e2e/moodle-login-local.sh
#
# Not a bed case (run.sh sources only test-*.sh) and not in `make check`:
# it needs node, chromium, certutil, openssl and playwright-core installed
# as moodle-login.mjs says (E2E_NODE_PREFIX).  Ends with "N passed, N
# failed".
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
top_srcdir=$top
# shellcheck source=../scripts/lib.sh
. "$top_srcdir/tests/scripts/lib.sh"
login=$top/tests/e2e/moodle-login.mjs
host=m45.mpd.test

for t in node openssl; do
	command -v "$t" >/dev/null 2>&1 || { bad "$t is not installed"; finish; exit 1; }
done
tmp=$(mktemp -d)
server=""
cleanup() {
	[ -z "$server" ] || kill "$server" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ca NAME: an EC P-256 CA in $tmp/NAME.pem (key NAME.key)
ca() {
	openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-keyout "$tmp/$1.key" -out "$tmp/$1.pem" -days 30 -subj "/CN=$1 test CA" \
		-addext "basicConstraints=critical,CA:TRUE" \
		-addext "keyUsage=critical,keyCertSign,cRLSign" 2>"$tmp/openssl.log"
}
ca mpd && ca other || { bad "openssl: $(cat "$tmp/openssl.log")"; finish; exit 1; }
printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature" \
	"extendedKeyUsage=serverAuth" "subjectAltName=DNS:$host" >"$tmp/leaf.ext"
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-keyout "$tmp/leaf.key" -out "$tmp/leaf.csr" -subj "/CN=$host" 2>"$tmp/openssl.log" &&
	openssl x509 -req -in "$tmp/leaf.csr" -CA "$tmp/mpd.pem" -CAkey "$tmp/mpd.key" \
		-CAcreateserial -days 30 -extfile "$tmp/leaf.ext" -out "$tmp/leaf.pem" \
		2>"$tmp/openssl.log" ||
	{ bad "openssl leaf: $(cat "$tmp/openssl.log")"; finish; exit 1; }

node "$top/tests/e2e/fixtures/moodle-login/fake-moodle.mjs" "$tmp/leaf.key" \
	"$tmp/leaf.pem" >"$tmp/port" 2>"$tmp/server.log" &
server=$!
i=0
while [ ! -s "$tmp/port" ] && [ "$i" -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
port=$(cat "$tmp/port")
[ -n "$port" ] || { bad "the fake Moodle did not start: $(cat "$tmp/server.log")"; finish; exit 1; }
E2E_BROWSER_RULES="MAP $host 127.0.0.1, MAP other.mpd.test 127.0.0.1"
export E2E_BROWSER_RULES

# login RC NEEDLE ARGS...: moodle-login.mjs exits RC with NEEDLE in its output
login() {
	want=$1
	needle=$2
	shift 2
	out=$(node "$login" "$@" 2>&1)
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		bad "moodle-login $*: expected exit $want, got $rc: $out"
	else
		case "$out" in
		*"$needle"*) ok ;;
		*) bad "moodle-login $*: expected '$needle' in: $out" ;;
		esac
	fi
	echo "  exit $rc: $out"
}

url=https://$host:$port
login 0 "admin logged in at $url/my/ (user menu)" "$url" admin 'Admin1234!' "$tmp/mpd.pem" "$tmp/ok.png"
png=$(od -An -tx1 -N8 "$tmp/ok.png" 2>/dev/null | tr -d ' \n')
[ "$png" = 89504e470d0a1a0a ] && ok || bad "no PNG screenshot at $tmp/ok.png"
[ -z "${KEEP_SCREENSHOT:-}" ] || cp "$tmp/ok.png" "$KEEP_SCREENSHOT"
login 1 "login failed for admin: Invalid login" "$url" admin wrong "$tmp/mpd.pem" "$tmp/bad.png"
login 1 "certificate error: net::ERR_CERT_AUTHORITY_INVALID" "$url" admin 'Admin1234!' "$tmp/other.pem" "$tmp/ca.png"
login 1 "certificate error: net::ERR_CERT_COMMON_NAME_INVALID" "https://other.mpd.test:$port" admin 'Admin1234!' "$tmp/mpd.pem" "$tmp/name.png"
E2E_LOGIN_TIMEOUT=5
export E2E_LOGIN_TIMEOUT
login 1 "timeout: no landing page" "$url" slow x "$tmp/mpd.pem" "$tmp/slow.png"
unset E2E_LOGIN_TIMEOUT
login 1 "not logged in at $url/my/" "$url" nomenu x "$tmp/mpd.pem" "$tmp/nomenu.png"
E2E_NODE_PREFIX=$tmp/no-node
export E2E_NODE_PREFIX
login 1 "playwright-core is not installed under $tmp/no-node: npm install --prefix $tmp/no-node --no-save playwright-core@" "$url" admin x "$tmp/mpd.pem" "$tmp/x.png"
unset E2E_NODE_PREFIX
login 2 "usage:" "$url" admin x "$tmp/mpd.pem"
login 2 "not an https:// URL" "http://$host:$port" admin x "$tmp/mpd.pem" "$tmp/x.png"
login 2 "is not a PEM certificate" "$url" admin x "$tmp/leaf.key" "$tmp/x.png"
for f in bad ca name slow nomenu; do
	[ ! -e "$tmp/$f.png" ] && ok || bad "a failed login left a screenshot $tmp/$f.png"
done
left=$(find "${TMPDIR:-/tmp}" -maxdepth 1 -name 'moodle-login.*' -newer "$tmp/port" 2>/dev/null)
[ -z "$left" ] && ok || bad "moodle-login left its trust home: $left"
finish
