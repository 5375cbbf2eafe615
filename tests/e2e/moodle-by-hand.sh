# moodle-by-hand.sh - the by-hand proof with a real Moodle tree, scripted
# (an extra case for tests/e2e/run.sh; not in CI, which cannot fetch
# Moodle).  MPD_MOODLE_TREE=/path/to/moodle (4.5: PHP 8.2, the php82
# runtime).  mpd create over the tree, configure (postgres, Behat on),
# start, mdl-install over ssh (then again on mariadb), a scripted login in headless Chromium
# trusting only mpd's CA (moodle-login.mjs), a password reset through
# Moodle's own form whose mail lands in the runtime's mail catcher (API and
# the project's filtered inbox in Chromium), and a W3C WebDriver session
# from the runtime opening Moodle's login page over HTTPS.
#   flock /tmp/mpd-e2e.lock env SKIP_TRIXIE=1 E2E_ONLY=none \
#     E2E_EXTRA_CASES=tests/e2e/moodle-by-hand.sh \
#     MPD_MOODLE_TREE=/tmp/moodle45 sh tests/e2e/run.sh
# shellcheck disable=SC2034,SC2154 # shares the harness shell (lib.sh)
# shellcheck disable=SC2016 # remote code in single quotes

tree=${MPD_MOODLE_TREE:?set MPD_MOODLE_TREE to a Moodle tree}
ca=$E2E_ROOT/var/lib/mpd/conf/caroot/rootCA.pem
key=$E2E_SSH_KEY
rt_ip=10.163.0.103	# php82
mh_ssh() {	# CMD...
	in_ns_user ssh -o BatchMode=yes -o StrictHostKeyChecking=no \
		-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -i "$key" \
		"$E2E_USER@$rt_ip" "$@"
}
mh_get() {	# URL [CURL ARGS...]
	CLIENT_OPTS="-v $ca:/ca.pem:ro"
	out=$(client_run curl -sS --max-time 30 --cacert /ca.pem --capath /nonexistent "$@" 2>&1)
	rc=$?
	CLIENT_OPTS=""
}

mh_install() {	# WHAT DIR: mdl-install over ssh from DIR of the tree, timed
	t0=$(date +%s)
	out=$(mh_ssh "cd /srv/projects/mh/$2 && mdl-install --agree-license --adminpass=Admin1234! --adminemail=admin@example.com" 2>&1)
	rc=$?
	expect_eq "by hand: mdl-install $1 ($(printf '%s\n' "$out" | tail -n 2))" 0 "$rc"
	note "by hand: mdl-install $1 took $(($(date +%s) - t0)) s"
}

e2e_platform_env || bad "cannot write platform.env"
run_mpd --setup
expect_eq "by hand: --setup ($out)" 0 "$rc"
out=$(cd / && as_user "$E2E_TREE/bin/mpd" --images 2>&1)
expect_eq "by hand: --images" 0 "$?"
run_mpd --runtime-create=php82
expect_eq "by hand: the php82 runtime ($out)" 0 "$rc"
expect_mpd 0 "scaffolded" create mh --type=moodle
tar -C "$tree" --exclude=./.git --exclude=./config.php -cf - . |
	mh_ssh "tar -C /srv/projects/mh -xf -" && ok || bad "by hand: copying the tree"
expect_mpd 0 "configured" configure mh MPD_PHP_VERSION=8.2 MPD_DB=postgres MPD_PHP_MOODLE_BEHAT=1
expect_mpd 0 "is running" start mh
mh_install "on postgres" admin

out=$(in_ns env E2E_BROWSER_RULES="MAP *.mpd.test $rt_ip" HOME="${HOME:-/root}" \
	node "$E2E_TOP/tests/e2e/moodle-login.mjs" https://mh.mpd.test admin 'Admin1234!' \
	"$ca" "$E2E_LOGS/moodle-by-hand-login.png" 2>&1)
expect_eq "by hand: admin logs in, in Chromium ($out)" 0 "$?"

# a password reset through Moodle's form (its sesskey and form fields)
mh_get -X DELETE https://mail.php82.mpd.test/email/all
CLIENT_OPTS="-v $ca:/ca.pem:ro"
out=$(client_run sh -c '
	c="curl -sS --max-time 30 --cacert /ca.pem --capath /nonexistent -b /tmp/j -c /tmp/j"
	u=https://mh.mpd.test/login/forgot_password.php
	page=$($c "$u") || exit 1
	sk=$(printf "%s" "$page" | grep -o "name=\"sesskey\"[^>]*value=\"[^\"]*\"" | head -n 1 | sed "s/.*value=\"//; s/\"\$//")
	[ -n "$sk" ] || { echo "no sesskey in the form"; exit 1; }
	$c -o /dev/null -w "%{http_code}" --data-urlencode "sesskey=$sk" \
		--data-urlencode "_qf__login_forgot_password_form=1" \
		--data-urlencode "username=admin" --data-urlencode "submitbuttonusername=Search" "$u"' 2>&1)
CLIENT_OPTS=""
expect_in "by hand: the reset form accepts admin ($out)" 200 "$out"
sleep 2
mh_get https://mail.php82.mpd.test/email
expect_in "by hand: Moodle's password reset mail is in the catcher" "Password reset" "$out"
E2E_BROWSER_EXTRA=--virtual-time-budget=8000
E2E_BROWSER_RULES="MAP *.mpd.test $rt_ip"
e2e_browser_trust "$ca" && ok || bad "by hand: a trust home"
e2e_browser_check https://mail.mh.mpd.test/ "Password reset" moodle-by-hand-mail
E2E_BROWSER_EXTRA=""
E2E_BROWSER_RULES=""

out=$(mh_ssh 'w=http://localhost:4444/wd/hub
	n=0; until curl -fsS "$w/status" >/dev/null 2>&1 || [ $n -ge 40 ]; do sleep 0.5; n=$((n+1)); done
	id=$(curl -sS -X POST -H "Content-Type: application/json" "$w/session" \
		-d "{\"capabilities\":{\"alwaysMatch\":{\"browserName\":\"chrome\"}}}" | jq -r .value.sessionId)
	curl -sS -X POST -H "Content-Type: application/json" "$w/session/$id/url" \
		-d "{\"url\":\"https://mh.mpd.test/login/index.php\"}" >/dev/null
	printf "title=%s\n" "$(curl -sS "$w/session/$id/title" | jq -r .value)"
	curl -sS -X DELETE "$w/session/$id" >/dev/null' 2>&1)
expect_in "by hand: WebDriver opens Moodle's login page over HTTPS ($out)" "title=" "$out"
expect_in "by hand: the login page's title" "Log in" "$out"
note "by hand: WebDriver said: $out"
# the site keeps developer debugging (mdl-install ran without it)
out=$(mh_ssh 'cd /srv/projects/mh && php -r "define(\"CLI_SCRIPT\", true); require \"config.php\"; echo \$CFG->debug, \" \", (int) \$CFG->debugdeveloper;"' 2>&1)
expect_eq "by hand: the installed site's debugging is the developer's" "32767 1" "$out"

# the same tree on MariaDB: back to before the install, configure, install,
# log in
out=$(mh_ssh 'cd /srv/projects/mh && mdl-data-purge --yes' 2>&1)
expect_eq "by hand: mdl-data-purge ($out)" 0 "$?"
expect_mpd 0 "configured" configure mh MPD_DB=mariadb
expect_mpd 0 "is running" start mh
mh_install "on mariadb" .
expect_in "by hand: config-mpd.php says mariadb" "'mariadb'" \
	"$(mh_ssh 'grep dbtype /srv/projects/mh/config-mpd.php' 2>&1)"
out=$(in_ns env E2E_BROWSER_RULES="MAP *.mpd.test $rt_ip" HOME="${HOME:-/root}" \
	node "$E2E_TOP/tests/e2e/moodle-login.mjs" https://mh.mpd.test admin 'Admin1234!' \
	"$ca" "$E2E_LOGS/moodle-by-hand-login-mariadb.png" 2>&1)
expect_eq "by hand: admin logs in on mariadb, in Chromium ($out)" 0 "$?"
expect_mpd 0 "deleted" delete mh --yes
