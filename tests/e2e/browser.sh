# browser.sh - HTTPS pages in a real browser that trusts only mpd's CA
# (sourced by tests/e2e/lib.sh; not run on its own).  Every HTTPS name mpd
# serves is checked this way (test-services.sh): curl and openssl accept
# certificates Chromium refuses (issue 7: mbed TLS 2.28's NULL parameter).
#
#   e2e_browser_trust CA_PEM
#       a fresh browser home whose NSS DB ($home/.pki/nssdb) holds CA_PEM
#       and nothing else, trusted for TLS servers; later checks use it
#   e2e_browser_check URL EXPECTED_TEXT NAME
#       load URL in headless Chromium (a fresh, empty profile) inside the
#       bed's network namespace, the URL's host resolved by mpd's dnsmasq.
#       One pass when the page loaded (no net::ERR_), is not a certificate
#       interstitial, its rendered DOM contains EXPECTED_TEXT and the
#       screenshot is a PNG; else one FAIL saying what Chromium said.
#       Keeps $E2E_LOGS/browser/NAME.html (the DOM), NAME.png (the
#       screenshot) and NAME.log (Chromium's stderr).
#
# Settings: E2E_BROWSER (default chromium), E2E_BROWSER_NS (the network
# namespace, default $E2E_NS; empty: this one), E2E_BROWSER_RULES (a
# --host-resolver-rules value instead of asking dnsmasq, e.g. "MAP
# mpd.test 127.0.0.1"), E2E_BROWSER_EXTRA (more flags, split on blanks,
# e.g. --virtual-time-budget=5000 for a page that renders late).  Never --ignore-certificate-errors: the checks are
# about trust.  Needs the chromium and libnss3-tools (certutil) packages.
# shellcheck disable=SC2034,SC2154 # variables shared with lib.sh and the cases

E2E_BROWSER=${E2E_BROWSER:-chromium}

e2e_browser_trust() {
	E2E_BROWSER_HOME=""
	if ! command -v certutil >/dev/null 2>&1; then
		echo "certutil is not installed (package libnss3-tools)"
		return 1
	fi
	E2E_BROWSER_HOME=$(R mktemp -d "${E2E_TREE:-${TMPDIR:-/tmp}}/browser.XXXXXX") ||
		return 1
	R mkdir -p -m 700 "$E2E_BROWSER_HOME/.pki/nssdb" &&
		R certutil -N -d "sql:$E2E_BROWSER_HOME/.pki/nssdb" --empty-password &&
		R certutil -A -d "sql:$E2E_BROWSER_HOME/.pki/nssdb" -n "mpd CA" \
			-t "C,," -i "$1"
}

# e2e_browser_run PROFILE RULES ARGS...: headless Chromium as root (hence
# --no-sandbox) with HOME at the trust home, in the namespace.
e2e_browser_run() {
	profile=$1
	rules=$2
	shift 2
	ns=${E2E_BROWSER_NS-${E2E_NS:-}}
	# shellcheck disable=SC2086 # E2E_BROWSER_EXTRA is split on blanks
	set -- env HOME="$E2E_BROWSER_HOME" timeout 90 "$E2E_BROWSER" \
		--no-sandbox --headless=new --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$profile" --host-resolver-rules="$rules" \
		${E2E_BROWSER_EXTRA:-} "$@"
	if [ -n "$ns" ]; then
		R nsenter --net="/run/netns/$ns" "$@"
	else
		R "$@"
	fi
}

e2e_browser_check() {
	url=$1
	want=$2
	name=$3
	bdir=$E2E_LOGS/browser
	what="browser: $name ($url)"
	if [ -z "${E2E_BROWSER_HOME:-}" ]; then
		bad "$what: no trust home (call e2e_browser_trust first)"
		return
	fi
	if ! command -v "$E2E_BROWSER" >/dev/null 2>&1; then
		bad "$what: $E2E_BROWSER is not installed (package chromium)"
		return
	fi
	mkdir -p "$bdir" || { bad "$what: cannot make $bdir"; return; }
	host=${url#*://}
	host=${host%%/*}
	host=${host%%:*}
	if [ -n "${E2E_BROWSER_RULES:-}" ]; then
		rules=$E2E_BROWSER_RULES
	else
		e2e_dig "$host"
		ip=$(printf '%s\n' "$out" | tail -n 1)
		case "$ip" in
		*.*.*.*) rules="MAP $host $ip" ;;
		*)
			bad "$what: $host does not resolve through mpd's dnsmasq: $out"
			return
			;;
		esac
	fi
	profile=$(R mktemp -d "$E2E_BROWSER_HOME/profile.XXXXXX") ||
		{ bad "$what: cannot make a profile"; return; }
	R rm -f "$bdir/$name.png"
	e2e_browser_run "$profile" "$rules" --dump-dom \
		--screenshot="$bdir/$name.png" --window-size=1280,900 "$url" \
		>"$bdir/$name.html" 2>"$bdir/$name.log"
	brc=$?
	R rm -rf "$profile"
	dom=$(cat "$bdir/$name.html")
	failed=$(grep -o 'net::ERR_[A-Z_]*' "$bdir/$name.log" | head -n 1)
	png=$(od -An -tx1 -N8 "$bdir/$name.png" 2>/dev/null | tr -d ' \n')
	if [ -n "$failed" ]; then
		bad "$what: Chromium says $failed (log $bdir/$name.log)"
	elif [ "$brc" -ne 0 ]; then
		bad "$what: Chromium exited $brc: $(tail -n 3 "$bdir/$name.log")"
	elif [ -z "$dom" ]; then
		bad "$what: an empty DOM (log $bdir/$name.log)"
	else
		case "$dom" in
		*"Your connection is not private"* | *interstitial*)
			bad "$what: a certificate interstitial (DOM $bdir/$name.html)"
			;;
		*"$want"*)
			if [ "$png" = 89504e470d0a1a0a ]; then
				ok
				note "$what: '$want' rendered; screenshot $bdir/$name.png"
			else
				bad "$what: no PNG screenshot at $bdir/$name.png"
			fi
			;;
		*) bad "$what: expected '$want' in the rendered DOM ($bdir/$name.html): $(printf '%s' "$dom" | head -c 300)" ;;
		esac
	fi
}
