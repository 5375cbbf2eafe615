# test-sites.sh - runtimes, projects and the frontdoor on the bed (sourced
# by run.sh after test-services.sh, whose services are still running):
# mpd --images builds the runtime images; a php runtime over ssh; a plain
# PHP project, a moodle-type project and an astro-type project served
# through Caddy with their own certificates (curl from a client container
# and headless Chromium, each trusting only mpd's CA); stop/start/delete
# and their DNS; hostile configure values; a frontdoor reload under a slow
# request and a rejected config; PHP 8.2 (php82, FROM bookworm) beside the
# release's PHP.  Issue 8's proof, case by case.
# shellcheck disable=SC2034 # CLIENT_OPTS is read by client_run (lib.sh)

fx=$E2E_TOP/tests/e2e/fixtures
ca=$E2E_ROOT/var/lib/mpd/conf/caroot/rootCA.pem
key=$E2E_SSH_KEY
ssh_opts="-o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ConnectTimeout=5 -o LogLevel=ERROR"
e2e_uid=$(id -u "$E2E_USER")

# rt_ssh IP CMD...: a command in a runtime over ssh, as the dev user
rt_ssh() {
	ip=$1
	shift
	# shellcheck disable=SC2086 # ssh options
	in_ns_user ssh $ssh_opts -i "$key" "$E2E_USER@$ip" "$@"
}

# put_tree DIR IP PROJECT: copy a fixture tree into the project's directory
put_tree() {
	# shellcheck disable=SC2086 # ssh options
	in_ns_user scp -q -r $ssh_opts -i "$key" "$1/." "$E2E_USER@$2:/srv/projects/$3/"
}

https_get() {	# URL: the body, from a client container trusting mpd's CA only
	CLIENT_OPTS="-v $ca:/ca.pem:ro"
	out=$(client_run curl -sS --max-time 15 --cacert /ca.pem --capath /nonexistent "$1" 2>&1)
	rc=$?
	CLIENT_OPTS=""
}

https_code() {	# URL: the status code only
	CLIENT_OPTS="-v $ca:/ca.pem:ro"
	out=$(client_run curl -sS -o /dev/null -w '%{http_code}' --max-time 15 \
		--cacert /ca.pem --capath /nonexistent "$1" 2>&1)
	CLIENT_OPTS=""
}

podman_calls() { echo "$1" | sed -n 's/.*mpd: debug: podman: \([0-9]*\) calls.*/\1/p'; }

# ---- images, outside the namespace (the mirror is reachable only there)
t0=$(date +%s)
out=$(cd / && as_user "$E2E_TREE/bin/mpd" --images 2>&1)
rc=$?
expect_eq "mpd --images builds the runtime images ($out)" 0 "$rc"
note "mpd --images with the runtimes: $(($(date +%s) - t0)) s"
expect_in "--images lists the php runtime" "php" "$out"

# ---- the php runtime
t0=$(date +%s%N)
run_mpd --debug --runtime-create=php
expect_eq "mpd --runtime-create=php exits 0 ($out)" 0 "$rc"
note "--runtime-create=php: $((($(date +%s%N) - t0) / 1000000)) ms, $(podman_calls "$out") podman calls"
expect_eq "the php pod runs" Running "$(P pod inspect --format '{{.State}}' mpd-php 2>&1)"
expect_eq "its main container runs systemd as PID 1" systemd \
	"$(P exec mpd-php-main cat /proc/1/comm 2>&1)"
expect_eq "the frontdoor runs in the pod" running \
	"$(P inspect --format '{{.State.Status}}' mpd-php-frontdoor 2>&1)"
e2e_wait 5 in_ns dig +short +time=1 +tries=1 "@$E2E_DNS" php.runtime.mpd.test >/dev/null
e2e_dig php.runtime.mpd.test
expect_eq "php.runtime.mpd.test resolves to the runtime" 10.163.0.100 "$out"
run_mpd --runtime-create=php
expect_in "a second --runtime-create changes nothing" "already exists" "$out"
expect_mpd 0 "running" --runtime=php
expect_mpd 0 '"current": "running"' list runtimes --json

# ssh as the developer: uid, sudo, tool tiers, the CA, resolving mpd's names
out=$(rt_ssh 10.163.0.100 id -u 2>&1)
expect_eq "ssh into the runtime: the VM user's uid" "$e2e_uid" "$out"
out=$(rt_ssh 10.163.0.100 sudo -n true 2>&1)
rc=$?
expect_eq "sudo -n true in the runtime ($out)" 0 "$rc"
out=$(rt_ssh 10.163.0.100 'command -v set-mpd-env; command -v php' 2>&1)
expect_in "the base tool tier is on PATH" /srv/tools/_base/set-mpd-env "$out"
expect_in "the runtime tool tier is on PATH (php wrapper)" /srv/tools/php/php "$out"
# shellcheck disable=SC2086 # ssh options
out=$(in_ns_user ssh $ssh_opts -o PubkeyAuthentication=no -o PreferredAuthentications=password,keyboard-interactive \
	"$E2E_USER@10.163.0.100" true 2>&1)
expect_in "password login to the runtime is refused" "Permission denied" "$out"

# ---- a plain PHP project
expect_mpd 0 "scaffolded" create web --type=plain
put_tree "$fx/plain-php" 10.163.0.100 web && ok || bad "cannot copy the plain fixture into the project"
rt_ssh 10.163.0.100 'mkdir -p /srv/projects/web/.git && echo "[core]" > /srv/projects/web/.git/config && echo secret > /srv/projects/web/.env'
expect_mpd 0 "configured" configure web
expect_mpd 0 "is running: https://web.mpd.test" start web
e2e_wait 5 in_ns dig +short +time=1 +tries=1 "@$E2E_DNS" web.mpd.test >/dev/null
e2e_dig web.mpd.test
expect_eq "web.mpd.test resolves to the runtime while it runs" 10.163.0.100 "$out"
https_get https://web.mpd.test/
expect_in "the plain project over HTTPS (mpd's CA only)" "mpd plain fixture" "$out"
expect_in "PHP runs as the dev user" "uid=$e2e_uid" "$out"
expect_in "PHP sees HTTPS" "https=on" "$out"
for path in /.git/config /mpd.env /.env; do
	https_code "https://web.mpd.test$path"
	case "$out" in
	403|404) ok ;;
	*) bad "https://web.mpd.test$path is served (HTTP $out), expected 403 or 404" ;;
	esac
done
out=$(rt_ssh 10.163.0.100 curl -sS --max-time 10 https://web.mpd.test/ 2>&1)
expect_in "curl inside the runtime trusts mpd's CA (no -k)" "mpd plain fixture" "$out"
e2e_browser_trust "$ca" && ok || bad "cannot make an NSS DB trusting only mpd's CA"
e2e_browser_check https://web.mpd.test/ "mpd plain fixture" plain-project
expect_mpd 0 "Requested:  running" show web
expect_mpd 0 '"requested": "running"' show web --json
expect_mpd 0 "web" list projects
cur=$(R cat "$E2E_ROOT/var/lib/mpd/state/current-state.json")
expect_in "current-state.json has the project running" '"web": "running"' "$cur"
https_get https://mpd.test/
expect_in "the portal lists the project" "web.mpd.test" "$out"

# warm start: the runtime runs, the project is configured
run_mpd --debug stop web
t0=$(date +%s%N)
run_mpd --debug start web
ms=$((($(date +%s%N) - t0) / 1000000))
expect_eq "warm start exits 0 ($out)" 0 "$rc"
note "warm mpd start web: $ms ms, $(podman_calls "$out") podman calls:" \
	"$(echo "$out" | sed -n 's/.*debug: exec: sudo -n timeout -k 1s [0-9.]*s podman \([a-z]*\).*(\([0-9.]* s\))$/\1 \2/p' | tr '\n' ',')"

# ---- hostile configure values are refused, mpd.env byte-identical
before=$(rt_ssh 10.163.0.100 sha256sum /srv/projects/web/mpd.env 2>&1)
# shellcheck disable=SC2016 # the hostile values are literal on purpose
for v in 'MPD_X=$(id)' 'MPD_X=`id`' 'MPD_X=a;b' "MPD_X=a
b" 'MPD_X=a b' 'mpd_x=1' 'MPD_X'; do
	run_mpd configure web "$v"
	[ "$rc" -ne 0 ] && ok || bad "configure web '$v' was accepted"
done
# (one argument of 1 MB never reaches mpd: the kernel caps one argv
# string at 128 KiB; 120 KB reaches it and is refused by its length)
big=$(head -c 120000 /dev/zero | tr '\0' a)
run_mpd configure web "MPD_X=$big"
expect_eq "configure web with a 120 KB value is refused" 2 "$rc"
big=$(head -c 1048576 /dev/zero | tr '\0' a)
run_mpd configure web "MPD_X=$big"
[ "$rc" -ne 0 ] && ok || bad "configure web with a 1 MB value was accepted"
expect_eq "mpd.env is byte-identical after the refusals" "$before" \
	"$(rt_ssh 10.163.0.100 sha256sum /srv/projects/web/mpd.env 2>&1)"
# a global flag before the verb moves argv about: configure still gets
# exactly its pairs (none here)
expect_mpd 0 "configured" --debug configure web

# ---- a moodle-type project on a fixture tree
expect_mpd 0 "scaffolded" create m1 --type=moodle
put_tree "$fx/moodle-min" 10.163.0.100 m1 && ok || bad "cannot copy the moodle fixture"
expect_mpd 0 "configured" configure m1
expect_mpd 0 "is running: https://m1.mpd.test" start m1
https_get https://m1.mpd.test/
expect_in "the moodle project is served" "moodle fixture" "$out"
expect_in "its config-mpd.php has the wwwroot" "https://m1.mpd.test" "$out"
expect_in "max_input_vars is at least 5000" "max_input_vars=10000" "$out"
e2e_browser_check https://m1.mpd.test/ "moodle fixture" moodle-project

# ---- frontdoor: a reload during a slow request; a rejected config
CLIENT_OPTS="-v $ca:/ca.pem:ro"
slow=$E2E_TREE/slow.out
( client_run curl -sS --max-time 20 --cacert /ca.pem --capath /nonexistent \
	"https://web.mpd.test/slow.php?s=4" >"$slow" 2>&1; echo "exit $?" >>"$slow" ) &
slow_pid=$!
CLIENT_OPTS=""
sleep 1.5
run_mpd stop m1		# changes the routes: a reload while slow.php runs
expect_eq "stop m1 (a frontdoor reload) exits 0 ($out)" 0 "$rc"
wait "$slow_pid"
expect_in "the in-flight request completed across the reload" "slow request done" "$(cat "$slow")"
https_code https://m1.mpd.test/
[ "$out" != 200 ] && ok || bad "m1 is still served after stop"
# a certificate file Caddy cannot load: the new config is refused, the
# old one keeps serving
R sh -c "echo broken > '$E2E_ROOT/var/lib/mpd/conf/certs/project-web/cert.pem'"
run_mpd start m1
expect_in "a config Caddy rejects is reported" "refused its new config" "$out"
https_get https://web.mpd.test/
expect_in "the previous config keeps serving" "mpd plain fixture" "$out"
R rm -f "$E2E_ROOT/var/lib/mpd/conf/certs/project-web/cert.pem"
expect_mpd 0 "is running" start web
expect_mpd 0 "is running" start m1
https_get https://m1.mpd.test/
expect_in "after the certificate is re-issued both are served" "moodle fixture" "$out"

# ---- stop: NXDOMAIN; start: back; delete: gone everywhere
expect_mpd 0 "stopped" stop m1
out=$(in_ns dig +time=2 +tries=1 "@$E2E_DNS" m1.mpd.test 2>&1)
expect_in "a stopped project's name is NXDOMAIN" "status: NXDOMAIN" "$out"
expect_mpd 0 "already stopped" stop m1
expect_mpd 0 "is running" start m1
e2e_wait 5 sh -c "[ \"\$(nsenter --net=/run/netns/$E2E_NS dig +short +time=1 +tries=1 @$E2E_DNS m1.mpd.test)\" = 10.163.0.100 ]" &&
	ok || bad "m1.mpd.test did not come back after start"
web_id=$(P inspect --format '{{.Id}}' mpd-php-main)
run_mpd delete m1
[ "$rc" -ne 0 ] && ok || bad "delete without --yes and without a terminal went ahead"
expect_mpd 0 "deleted" delete m1 --yes
expect_mpd 1 "not found" show m1
out=$(rt_ssh 10.163.0.100 'ls -d /srv/projects/m1 /srv/data/m1 /srv/meta/m1 2>&1; ls /etc/php/*/fpm/pool.d/' 2>&1)
expect_not_in "delete removed the tree, data and meta" "/srv/projects/m1 " "$out"
expect_not_in "delete removed the FPM pool" "mpd-m1.conf" "$out"
R test -e "$E2E_ROOT/var/lib/mpd/conf/certs/project-m1" && bad "delete left the certificate" || ok
R test -e "$E2E_ROOT/var/lib/mpd/state/dnsmasq.d/project-m1.hosts" && bad "delete left DNS records" || ok
expect_eq "delete left the runtime container alone" "$web_id" "$(P inspect --format '{{.Id}}' mpd-php-main)"
https_get https://web.mpd.test/
expect_in "the other project is still served" "mpd plain fixture" "$out"

# ---- an astro-type project (node runtime) through the reverse proxy
expect_mpd 0 "scaffolded" create site --type=astro
put_tree "$fx/astro-min" 10.163.0.101 site && ok || bad "cannot copy the astro fixture"
expect_mpd 0 "configured" configure site
expect_mpd 0 "is running" start site
e2e_wait 10 sh -c "nsenter --net=/run/netns/$E2E_NS curl -sk --max-time 2 https://10.163.0.101/ -H 'Host: site.mpd.test' | grep -q 'astro fixture'"
https_get https://site.mpd.test/
expect_in "the astro project through the reverse proxy" "astro fixture dev server" "$out"
e2e_browser_check https://site.mpd.test/ "astro fixture dev server" astro-project

# ---- two PHP versions side by side: 8.2 (php82, FROM bookworm) and 8.4
expect_mpd 0 "scaffolded" create m45 --type=moodle
put_tree "$fx/moodle-min" 10.163.0.100 m45 && ok || bad "cannot copy the moodle fixture for m45"
run_mpd configure m45 MPD_PHP_VERSION=8.1
expect_eq "configure with a PHP nobody has fails" 1 "$rc"
expect_in "and names the versions there are" "8.2 (runtime php82)" "$out"
run_mpd --debug configure m45 MPD_PHP_VERSION=8.2
expect_eq "configure MPD_PHP_VERSION=8.2 exits 0 ($out)" 0 "$rc"
expect_in "the project moved to the php82 runtime" "runtime: php82" "$out"
expect_mpd 0 "is running" start m45
https_get https://m45.mpd.test/
expect_in "m45 runs PHP 8.2" "PHP 8.2." "$out"
https_get https://web.mpd.test/
expect_in "web runs the release's PHP at the same time" "PHP 8.4." "$out"
e2e_browser_check https://m45.mpd.test/ "PHP 8.2." php82-project
out=$(rt_ssh 10.163.0.103 'cd /srv/projects/m45 && php -r "echo PHP_VERSION;"' 2>&1)
expect_in "the php wrapper in php82 runs 8.2" "8.2." "$out"

# ---- the runtime verbs
expect_mpd 0 "stopped" --runtime-stop=php82
out=$(in_ns dig +time=2 +tries=1 "@$E2E_DNS" m45.mpd.test 2>&1)
expect_in "a stopped runtime's projects are NXDOMAIN" "status: NXDOMAIN" "$out"
expect_mpd 0 "running" --runtime-start=php82
https_get https://m45.mpd.test/
expect_in "runtime start restores its running projects" "PHP 8.2." "$out"

# ---- create --git-repo: a clone made by the runtime (from a repository
# on the data volume: no git host is reachable from the bed)
rt_ssh 10.163.0.100 'set -e; rm -rf /srv/data/gitsrc; git init -q -b main /srv/data/gitsrc;
	cd /srv/data/gitsrc; echo "<?php echo \"cloned fixture\";" > index.php;
	git add index.php; git -c user.name=e2e -c user.email=e2e@mpd.test commit -q -m fixture' &&
	ok || bad "cannot make the git fixture in the runtime"
expect_mpd 0 "scaffolded" create cl --type=plain --git-repo=file:///srv/data/gitsrc --git-branch=main --git-depth=1
out=$(rt_ssh 10.163.0.100 'cat /srv/projects/cl/index.php; git -C /srv/projects/cl rev-list --count HEAD; cat /srv/projects/cl/.git/info/exclude' 2>&1)
expect_in "the clone has the repository's file" "cloned fixture" "$out"
expect_in "mpd.env is kept out of git" "/mpd.env" "$out"
run_mpd create cl2 --type=plain --git-repo=file:///srv/data/nosuchrepo
expect_eq "a clone that fails exits 1" 1 "$rc"
expect_mpd 1 "not found" show cl2
expect_mpd 0 "deleted" delete cl --yes

# ---- the type from the name, the util runtime, the project-first grammar
expect_mpd 0 "type bare, runtime util" create bare
expect_mpd 0 "configured" bare configure
expect_mpd 0 "is running (no URLs)" bare start
expect_mpd 0 "Type:       bare" bare show
out=$(rt_ssh 10.163.0.102 'id -u; ls -d /srv/projects/bare' 2>&1)
expect_in "ssh into the util runtime" "/srv/projects/bare" "$out"
expect_mpd 0 "deleted" bare delete --yes

# ---- --runtime-delete: asks, says what is lost; its projects stay
run_mpd --runtime-delete=node
[ "$rc" -ne 0 ] && ok || bad "--runtime-delete without --yes and without a terminal went ahead"
expect_in "--runtime-delete says what is lost" "Lost: everything inside the runtime's container" "$out"
expect_mpd 0 "deleted" --runtime-delete=node --yes
expect_eq "the node pod is gone" "" "$(P pod ps -q --filter name=mpd-node 2>&1)"
out=$(in_ns dig +time=2 +tries=1 "@$E2E_DNS" node.runtime.mpd.test 2>&1)
expect_in "the node runtime's name is gone" "status: NXDOMAIN" "$out"
expect_mpd 0 "Project:    site" show site
expect_mpd 0 "available" list runtimes

# ---- kill -9 at random points, then run again: it converges
# (each round kills one verb mid-flight, re-runs it to the end, and checks
# that the state parses, the verb's outcome holds and nothing is doubled)
kill_round() {	# VERB ARGS...: start it, kill -9 after a random delay, re-run
	delay=$(awk -v s="$(date +%N)" 'BEGIN { srand(s); printf "%.2f", 0.05 + rand() * 2.5 }')
	in_ns_user "$E2E_TREE/bin/mpd" "$@" >/dev/null 2>&1 &
	kpid=$!
	sleep "$delay"
	# the whole group: mpd and what it runs (sudo podman exec ...)
	R pkill -9 -f "$E2E_TREE/bin/mpd $*" 2>/dev/null
	wait "$kpid" 2>/dev/null
	run_mpd "$@"
	# a create killed after it registered the project: "already exists"
	# is its converged answer
	# and a delete killed after it removed the record: "not found"
	case "$1:$out" in
	create:*"already exists"*) rc=0 ;;
	delete:*"not found"*) rc=0 ;;
	esac
	if [ "$rc" -ne 0 ]; then
		bad "mpd $* after a kill -9 at ${delay}s did not converge: $out"
		return 1
	fi
	# mpd's own strict loader: a half-written or broken state file fails
	run_mpd list projects --json
	[ "$rc" -eq 0 ] ||
		{ bad "the state does not load after kill -9 of mpd $*: $out"; return 1; }
	n=$(P ps -a --format '{{.Names}}' | grep -c '^mpd-php-frontdoor$')
	[ "$n" -le 1 ] || { bad "two frontdoors after kill -9 of mpd $*"; return 1; }
	return 0
}
rounds=0
kfail=0
for i in 1 2 3 4 5; do
	for verb in "create kp$i --type=plain" "configure kp$i" "start kp$i" "stop kp$i" "delete kp$i --yes"; do
		# shellcheck disable=SC2086 # the verb and its arguments
		kill_round $verb || kfail=$((kfail + 1))
		rounds=$((rounds + 1))
	done
	run_mpd show "kp$i"
	expect_in "kp$i is gone after its killed and re-run delete" "not found" "$out"
done
expect_eq "kill -9 rounds that did not converge (of $rounds)" 0 "$kfail"
expect_mpd 0 "web" list projects
expect_mpd 0 "All services running" --status

# ---- the VM going down and up: --stop stops the runtimes too, --start
# brings back what was requested running (runtimes, then their projects)
run_mpd --stop
expect_eq "mpd --stop with runtimes exits 0 ($out)" 0 "$rc"
expect_in "--stop stopped the php runtime" "runtime php stopped" "$out"
expect_eq "no runtime pod runs after --stop" "" \
	"$(P ps -q --filter label=mpd.type=runtime --filter status=running)"
run_mpd --start
expect_eq "mpd --start with runtimes exits 0 ($out)" 0 "$rc"
https_get https://web.mpd.test/
expect_in "--start restored the running project on php" "mpd plain fixture" "$out"
https_get https://m45.mpd.test/
expect_in "--start restored the running project on php82" "PHP 8.2." "$out"
