# test-sidecars.sh - the sidecars of the php runtime on the bed (sourced by
# run.sh after test-sql.sh): the mail catcher gets PHP's mail() from a
# project and an SMTP session from the runtime, shows both in its JSON API
# and in its web UI (headless Chromium trusting only mpd's CA), and
# https://mail.<project>.mpd.test/ lands on the inbox filtered for the
# project; MPD_PHP_MOODLE_BEHAT=1 brings the WebDriver sidecar, whose
# Chromium opens https://behat.<p>.mpd.test/ from a W3C session made with
# curl in the runtime (trusting mpd's CA, no flag that disables
# certificate checks), and turning it off removes it; MPD_PHP_VALKEY=1
# brings Valkey (PING from the runtime) and 0 takes it away.  Issue 10's
# sidecar proof (docs/SIDECARS.md).
# shellcheck disable=SC2034 # CLIENT_OPTS is read by client_run (lib.sh)
# shellcheck disable=SC2016 # the sh -c scripts expand in the container

fx=$E2E_TOP/tests/e2e/fixtures
ca=$E2E_ROOT/var/lib/mpd/conf/caroot/rootCA.pem
key=$E2E_SSH_KEY
ssh_opts="-o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ConnectTimeout=5 -o LogLevel=ERROR"

sc_ssh() {	# CMD...: in the php runtime over ssh, as the dev user
	# shellcheck disable=SC2086 # ssh options
	in_ns_user ssh $ssh_opts -i "$key" "$E2E_USER@10.163.0.100" "$@"
}
sc_put() {	# DIR PROJECT
	# shellcheck disable=SC2086 # ssh options
	in_ns_user scp -q -r $ssh_opts -i "$key" "$1/." "$E2E_USER@10.163.0.100:/srv/projects/$2/"
}
sc_get() {	# URL [CURL ARGS...]: the body, trusting mpd's CA only
	CLIENT_OPTS="-v $ca:/ca.pem:ro"
	out=$(client_run curl -sS --max-time 20 --cacert /ca.pem --capath /nonexistent "$@" 2>&1)
	rc=$?
	CLIENT_OPTS=""
}
sc_state() {	# CONTAINER: its state, or "absent"
	P inspect --format '{{.State.Status}}' "$1" 2>/dev/null || echo absent
}
sc_dig_is() {	# NAME WANT: $out is NAME's answer, waited for up to 5 s
	n=0
	e2e_dig "$1"
	while [ "$out" != "$2" ] && [ $n -lt 10 ]; do
		sleep 0.5
		n=$((n + 1))
		e2e_dig "$1"
	done
}
sc_wait_running() {	# CONTAINER: up to 20 s
	n=0
	while [ "$(sc_state "$1")" != running ] && [ $n -lt 40 ]; do
		sleep 0.5
		n=$((n + 1))
	done
}

# ---- set up (a no-op after test-services.sh; E2E_ONLY may skip that)
e2e_platform_env || bad "cannot write platform.env"
run_mpd --setup
expect_eq "mpd --setup for the sidecar case ($out)" 0 "$rc"

# ---- the images, outside the namespace (the package mirror and the npm
# registry are reachable only there): --images bakes the sidecars too
t0=$(date +%s)
out=$(cd / && as_user "$E2E_TREE/bin/mpd" --images 2>&1)
rc=$?
expect_eq "mpd --images builds the sidecar images ($out)" 0 "$rc"
note "mpd --images with the sidecars: $(($(date +%s) - t0)) s"
for img in mail webdriver valkey; do
	P image exists "localhost/mpd-sidecar-$img:latest" && ok ||
		bad "--images made no localhost/mpd-sidecar-$img image"
done

run_mpd --runtime-create=php
expect_eq "the php runtime ($out)" 0 "$rc"
expect_eq "the mail sidecar runs in the php pod" running "$(sc_state mpd-php-mail)"
e2e_dig mail.php.mpd.test
expect_eq "mail.php.mpd.test resolves to the runtime" 10.163.0.100 "$out"
e2e_dig php.runtime.mpd.test
expect_eq "and the runtime's own name still does" 10.163.0.100 "$out"

# ---- mail: PHP's mail() from a project, an SMTP session from the runtime
expect_mpd 0 "scaffolded" create mailp --type=plain
sc_put "$fx/mail-app" mailp && ok || bad "cannot copy the mail-app fixture"
expect_mpd 0 "configured" configure mailp
expect_mpd 0 "is running" start mailp
sc_get -X DELETE https://mail.php.mpd.test/email/all
expect_eq "the inbox can be emptied through the frontdoor ($out)" 0 "$rc"
sc_get https://mailp.mpd.test/
expect_eq "mail() in a project ($out)" "mail() sent" "$out"
out=$(sc_ssh 'printf "From: shell@example.com\r\nTo: ops@example.com\r\nSubject: mpd e2e smtp from the runtime\r\n\r\nplain SMTP, nothing about any project\r\n" >/tmp/m.txt &&
	curl -sS --max-time 10 smtp://127.0.0.1:1025 --mail-from shell@example.com --mail-rcpt ops@example.com --upload-file /tmp/m.txt && echo smtp-ok' 2>&1)
expect_in "an SMTP session from the runtime ($out)" smtp-ok "$out"
sleep 1
sc_get https://mail.php.mpd.test/email
expect_in "the API lists mail()'s message" "mpd e2e mail() from mailp.mpd.test" "$out"
expect_in "the API lists the SMTP session's message" "mpd e2e smtp from the runtime" "$out"
sc_get -o /dev/null -w '%{http_code} %{redirect_url}' https://mail.mailp.mpd.test/
expect_eq "mail.mailp.mpd.test redirects to the filtered inbox" \
	"302 https://mail.php.mpd.test/?q=mailp.mpd.test" "$out"
E2E_BROWSER_EXTRA=--virtual-time-budget=8000
E2E_BROWSER_RULES="MAP *.mpd.test 10.163.0.100"
e2e_browser_trust "$ca" && ok || bad "cannot make an NSS DB trusting only mpd's CA"
e2e_browser_check https://mail.php.mpd.test/ "mpd e2e smtp from the runtime" mail-inbox
dom=$(cat "$E2E_LOGS/browser/mail-inbox.html" 2>/dev/null)
expect_in "the web UI lists mail()'s message too" "mpd e2e mail() from mailp.mpd.test" "$dom"
e2e_browser_check https://mail.mailp.mpd.test/ "mpd e2e mail() from mailp.mpd.test" mail-project
dom=$(cat "$E2E_LOGS/browser/mail-project.html" 2>/dev/null)
expect_not_in "the project's inbox leaves the other message out" "mpd e2e smtp from the runtime" "$dom"
E2E_BROWSER_EXTRA=""
E2E_BROWSER_RULES=""

# ---- Valkey on demand
t0=$(date +%s%N)
run_mpd --debug configure mailp MPD_PHP_VALKEY=1
expect_eq "configure mailp MPD_PHP_VALKEY=1 ($out)" 0 "$rc"
note "configure that adds the valkey sidecar: $((($(date +%s%N) - t0) / 1000000)) ms, $(echo "$out" | sed -n 's/.*mpd: debug: podman: \([0-9]*\) calls.*/\1/p') podman calls"
sc_wait_running mpd-php-valkey
expect_eq "MPD_PHP_VALKEY=1: the valkey sidecar runs" running "$(sc_state mpd-php-valkey)"
out=$(sc_ssh 'exec 3<>/dev/tcp/127.0.0.1/6379 && printf "PING\r\n" >&3 && read -r l <&3 && echo "$l"' 2>&1)
expect_in "Valkey answers PING from the runtime" "+PONG" "$out"
expect_in "projects.json records what mailp asks for" '"sidecars":["valkey"]' \
	"$(R tr -d ' \n' <"$E2E_ROOT/var/lib/mpd/state/projects.json")"
t0=$(date +%s%N)
run_mpd --debug configure mailp MPD_PHP_VALKEY=0
expect_eq "configure mailp MPD_PHP_VALKEY=0 ($out)" 0 "$rc"
note "configure that removes it: $((($(date +%s%N) - t0) / 1000000)) ms, $(echo "$out" | sed -n 's/.*mpd: debug: podman: \([0-9]*\) calls.*/\1/p') podman calls"
expect_eq "MPD_PHP_VALKEY=0: the valkey sidecar is gone" absent "$(sc_state mpd-php-valkey)"
expect_eq "the mail sidecar is left alone" running "$(sc_state mpd-php-mail)"

# ---- WebDriver for Behat
expect_mpd 0 "scaffolded" create bh --type=moodle
sc_put "$fx/moodle-min" bh && ok || bad "cannot copy the moodle fixture"
expect_mpd 0 "configured" configure bh MPD_PHP_MOODLE_BEHAT=1
expect_mpd 0 "is running" start bh
sc_wait_running mpd-php-webdriver
expect_eq "MPD_PHP_MOODLE_BEHAT=1: the webdriver sidecar runs" running "$(sc_state mpd-php-webdriver)"
out=$(sc_ssh 'w=http://localhost:4444/wd/hub
	n=0; until curl -fsS "$w/status" >/dev/null 2>&1 || [ $n -ge 40 ]; do sleep 0.5; n=$((n+1)); done
	s=$(curl -sS -X POST -H "Content-Type: application/json" "$w/session" \
		-d "{\"capabilities\":{\"alwaysMatch\":{\"browserName\":\"chrome\"}}}") || exit 1
	id=$(printf "%s" "$s" | jq -r .value.sessionId)
	[ -n "$id" ] && [ "$id" != null ] || { echo "no session: $s"; exit 1; }
	printf "insecure=%s\n" "$(printf "%s" "$s" | jq -r .value.capabilities.acceptInsecureCerts)"
	curl -sS -X POST -H "Content-Type: application/json" "$w/session/$id/url" \
		-d "{\"url\":\"https://behat.bh.mpd.test/\"}" >/dev/null
	printf "title=%s\n" "$(curl -sS "$w/session/$id/title" | jq -r .value)"
	printf "url=%s\n" "$(curl -sS "$w/session/$id/url" | jq -r .value)"
	curl -sS -X DELETE "$w/session/$id" >/dev/null' 2>&1)
expect_in "a W3C session does not accept insecure certificates ($out)" "insecure=false" "$out"
expect_in "WebDriver's Chromium opens https://behat.bh.mpd.test/ ($out)" "title=moodle fixture" "$out"
expect_in "and stays on it (no certificate interstitial)" "url=https://behat.bh.mpd.test/" "$out"
has_cfg=$(sc_ssh "grep -c \"wd_host' => 'http://localhost:4444/wd/hub'\" /srv/projects/bh/config-mpd.php" 2>&1)
expect_eq "the moodle config's Behat profile points at the sidecar" 1 "$has_cfg"
expect_mpd 0 "configured" configure bh MPD_PHP_MOODLE_BEHAT=0
expect_eq "MPD_PHP_MOODLE_BEHAT=0: the webdriver sidecar is gone" absent "$(sc_state mpd-php-webdriver)"

# ---- the developer tools in the runtime (docs/TOOLS.md; their fetch
# failures are tests/scripts/test-dev-tools.sh's: the bed has no registry)
out=$(sc_ssh 'composer-install && composer-install' 2>&1)
rc=$?
expect_eq "composer-install twice ($out)" 0 "$rc"
expect_in "composer-install: the second run changes nothing" "nothing changed" "$out"
out=$(sc_ssh 'cd /tmp && phpunit-init' 2>&1)
rc=$?
expect_eq "phpunit-init outside a project fails" 1 "$rc"
expect_eq "with one line" 1 "$(printf '%s\n' "$out" | wc -l)"
expect_in "naming the fix" "not inside a project" "$out"
out=$(sc_ssh 'cd /srv/projects/mailp && behat-init' 2>&1)
expect_in "behat-init in a plain project says it is not Moodle ($out)" "behat-init:" "$out"

expect_mpd 0 "deleted" delete bh --yes
expect_mpd 0 "deleted" delete mailp --yes

# ---- the runtime's site follows the runtime: gone while it is stopped
run_mpd --runtime-stop=php
expect_eq "--runtime-stop=php ($out)" 0 "$rc"
sc_dig_is mail.php.mpd.test ""
expect_eq "a stopped runtime's mail.php.mpd.test answers nothing" "" "$out"
run_mpd --runtime-start=php
expect_eq "--runtime-start=php ($out)" 0 "$rc"
sc_dig_is mail.php.mpd.test 10.163.0.100
expect_eq "and is back with it" 10.163.0.100 "$out"
expect_eq "with its mail sidecar" running "$(sc_state mpd-php-mail)"

# ---- a project cannot take a runtime's name (its sites are the runtime's)
before=$(R cat "$E2E_ROOT/var/lib/mpd/state/projects.json")
expect_mpd 1 "is the name of a runtime" create php --type=plain
expect_eq "a refused name leaves projects.json as it was" "$before" \
	"$(R cat "$E2E_ROOT/var/lib/mpd/state/projects.json")"
