# test-services.sh - the VM-level lifecycle on the bed (sourced by run.sh):
# mpd --setup with the four always-on services, DNS, HTTPS through mpd's
# CA (curl, and Chromium for every HTTPS name), fileaccess over ssh/scp,
# a second --setup that changes nothing, --stop/--start, --status/--json.
# Issue 4's proof, case by case.
# shellcheck disable=SC2034 # CLIENT_OPTS is read by client_run (lib.sh)

# The VM's identity as mpd-virt would write it.  192.0.2.10 is TEST-NET-1:
# it only ever appears as a DNS answer (vm.service.mpd.test), no traffic.
E2E_VM_IP=192.0.2.10
printf '%s\n' MPD_PLATFORM=machine "MPD_VM_IP=$E2E_VM_IP" MPD_INSTANCE_SUFFIX= \
	MPD_NETWORK_NOTE=kept-by-setup |
	R tee "$E2E_ROOT/var/lib/mpd/conf/platform.env" >/dev/null
R chown "$E2E_USER:$E2E_USER" "$E2E_ROOT/var/lib/mpd/conf/platform.env"

# --images outside the namespace (the mirror is reachable only there),
# then everything else inside it
out=$(cd / && as_user "$E2E_TREE/bin/mpd" --images 2>&1)
rc=$?
expect_eq "mpd --images outside the namespace ($out)" 0 "$rc"

run_mpd --setup
expect_eq "first mpd --setup exits 0 ($out)" 0 "$rc"
expect_in "first --setup created the services" "service portal created" "$out"
first_setup=$out
# hardening from the service plugins reached podman
for svc in dnsmasq portal adminer; do
	expect_eq "mpd-service-$svc runs read-only" true \
		"$(P inspect --format '{{.HostConfig.ReadonlyRootfs}}' "mpd-service-$svc")"
done
expect_in "adminer resolves through mpd's dnsmasq" 10.163.0.3 \
	"$(P inspect --format '{{.HostConfig.Dns}}' mpd-service-adminer)"
expect_not_in "dnsmasq has no NET_RAW (capabilities dropped)" NET_RAW \
	"$(P inspect --format '{{.EffectiveCaps}}' mpd-service-dnsmasq)"
R test -f "$E2E_HOME/.local/share/bash-completion/completions/mpd" && ok ||
	bad "--setup did not install the bash completion"
R test -f "$E2E_HOME/.config/systemd/user/mpd.service" && ok ||
	bad "--setup did not write the systemd user unit"
expect_in "the unit starts mpd at boot" "ExecStart=$E2E_TREE/bin/mpd --start" \
	"$(R cat "$E2E_HOME/.config/systemd/user/mpd.service")"

# ---- DNS: every name, the apex, the VM, NXDOMAIN, AAAA NoData
for pair in mpd.test:10.163.0.4 portal.service.mpd.test:10.163.0.4 \
	adminer.service.mpd.test:10.163.0.4 dnsmasq.service.mpd.test:10.163.0.3 \
	fileaccess.service.mpd.test:10.163.0.5 vm.service.mpd.test:$E2E_VM_IP; do
	e2e_wait 10 in_ns dig +short +time=1 +tries=1 "@$E2E_DNS" "${pair%%:*}" >/dev/null
	e2e_dig "${pair%%:*}"
	expect_eq "dig ${pair%%:*}" "${pair#*:}" "$out"
done
out=$(in_ns dig +time=2 +tries=1 "@$E2E_DNS" nosuchname.mpd.test 2>&1)
expect_in "unknown *.mpd.test is NXDOMAIN" "status: NXDOMAIN" "$out"
out=$(in_ns dig +time=2 +tries=1 "@$E2E_DNS" mpd.test AAAA 2>&1)
expect_in "AAAA of mpd.test: NOERROR" "status: NOERROR" "$out"
expect_in "AAAA of mpd.test: no answer (NoData)" "ANSWER: 0" "$out"

# a new record is answered within a second, dnsmasq not restarted
started0=$(P inspect --format '{{.State.StartedAt}}' mpd-service-dnsmasq)
dnsdir=$E2E_ROOT/var/lib/mpd/state/dnsmasq.d
printf '10.163.0.77 fresh.mpd.test\n' | R tee "$dnsdir/.e2e.tmp" >/dev/null &&
	R mv "$dnsdir/.e2e.tmp" "$dnsdir/e2e.hosts"
t0=$(date +%s%N)
if e2e_wait 1 sh -c "[ \"\$(nsenter --net=/run/netns/$E2E_NS dig +short +time=1 +tries=1 @$E2E_DNS fresh.mpd.test)\" = 10.163.0.77 ]"; then
	ok
	note "new record answered after $((($(date +%s%N) - t0) / 1000000)) ms"
else
	bad "a new record was not answered within a second"
fi
expect_eq "dnsmasq was not restarted for the record" "$started0" \
	"$(P inspect --format '{{.State.StartedAt}}' mpd-service-dnsmasq)"
R rm -f "$dnsdir/e2e.hosts"

# ---- HTTPS from a container on the network, trusting only mpd's CA
ca=$E2E_ROOT/var/lib/mpd/conf/caroot/rootCA.pem
CLIENT_OPTS="-v $ca:/ca.pem:ro"
out=$(client_run curl -sS --max-time 10 --cacert /ca.pem --capath /nonexistent https://mpd.test/ 2>&1)
expect_in "portal over HTTPS (mpd's CA only) shows the VM name" \
	"<title>$(hostname)</title>" "$out"
out=$(client_run curl -sS --max-time 10 --cacert /ca.pem --capath /nonexistent https://adminer.service.mpd.test/ 2>&1)
expect_in "Adminer's login page through the portal" "Login - Adminer" "$out"
out=$(client_run curl -sS --max-time 10 --capath /nonexistent --cacert /etc/ssl/certs/ca-certificates.crt https://mpd.test/ 2>&1)
expect_in "without mpd's CA the certificate is not trusted" "certificate" "$out"
out=$(client_run curl -sS -o /dev/null -w '%{http_code}' --max-time 10 --cacert /ca.pem -X POST https://mpd.test/ 2>&1)
expect_eq "the portal refuses POST" 403 "$out"
CLIENT_OPTS=""

# ---- every HTTPS name mpd serves, in Chromium with only mpd's CA trusted
# (curl accepts certificates Chromium refuses: see tests/e2e/browser.sh)
e2e_browser_trust "$ca" && ok || bad "cannot make an NSS DB trusting only mpd's CA"
e2e_browser_check https://mpd.test/ "<h1>$(hostname)</h1>" portal
e2e_browser_check https://portal.service.mpd.test/ "<h1>$(hostname)</h1>" portal-service
e2e_browser_check https://adminer.service.mpd.test/ "Login - Adminer" adminer

# ---- fileaccess: key login lands in /srv/backups; no password; no -L
key=$E2E_SSH_KEY
ssh_opts="-o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ConnectTimeout=5 -o LogLevel=ERROR"
# shellcheck disable=SC2086 # ssh options
out=$(in_ns_user ssh $ssh_opts -i "$key" "$E2E_USER@10.163.0.5" pwd 2>&1)
expect_eq "ssh with the dev key lands in /srv/backups" /srv/backups "$out"
# shellcheck disable=SC2086
out=$(in_ns_user ssh $ssh_opts -o PubkeyAuthentication=no -o PreferredAuthentications=password,keyboard-interactive \
	"$E2E_USER@10.163.0.5" true 2>&1)
rc=$?
expect_eq "password login refused: exit" 255 "$rc"
expect_in "password login refused: message" "Permission denied" "$out"
# ssh -L: the local listener opens, but sshd refuses every connection
# made through it (no TCP forwarding): Adminer is not reachable that way
out=$(in_ns_user sh -c "ssh $ssh_opts -i '$key' -N -L 127.0.0.1:18080:10.163.0.6:8080 '$E2E_USER@10.163.0.5' & pid=\$!; sleep 2; curl -sS --max-time 5 http://127.0.0.1:18080/ 2>&1; rc=\$?; kill \$pid; exit \$rc")
rc=$?
[ "$rc" -ne 0 ] && ok || bad "ssh -L forwarding was not refused: curl through it got: $out"
expect_not_in "nothing came through ssh -L" "Adminer" "$out"
blob=$E2E_HOME/e2e-blob
as_user sh -c "head -c 300000 /dev/urandom > '$blob'"
# shellcheck disable=SC2086
in_ns_user scp -q $ssh_opts -i "$key" "$blob" "$E2E_USER@10.163.0.5:/srv/backups/blob" &&
	in_ns_user scp -q $ssh_opts -i "$key" "$E2E_USER@10.163.0.5:/srv/backups/blob" "$blob.back"
expect_eq "scp round trip is byte-identical" "$(R sha256sum < "$blob")" \
	"$(R sha256sum < "$blob.back" 2>/dev/null)"

# ---- --status and list services, text and JSON
expect_mpd 0 "All services running" --status
expect_mpd 0 '"healthy": true' --status --json
expect_mpd 0 "portal         running      10.163.0.4" list services
expect_mpd 0 '"container": "mpd-service-dnsmasq"' list services --json
expect_mpd 0 "services" list certs
expect_not_in "mpd's own CA vouches for no IP address (list certs)" \
	"do not exclude IP addresses" "$out"

# ---- a second --setup creates nothing
run_mpd --debug --setup
expect_eq "second mpd --setup exits 0" 0 "$rc"
expect_in "second --setup says nothing changed" "nothing changed" "$out"
expect_not_in "second --setup created nothing" "created" "$out"
calls=$(echo "$out" | sed -n 's/.*mpd: debug: podman: \([0-9]*\) calls.*/\1/p')
note "second --setup: $calls podman calls"
expect_eq "second --setup: podman calls (exists x2, images, ps)" 4 "$calls"
grep -q MPD_NETWORK_NOTE=kept-by-setup "$E2E_ROOT/var/lib/mpd/conf/platform.env" && ok ||
	bad "--setup dropped a foreign MPD_* key from platform.env"

# ---- --stop (no power-off) and --start
ids_before=$(P ps -q --filter label=mpd.type=service | sort | tr '\n' ' ')
run_mpd --debug --stop
expect_eq "mpd --stop exits 0 ($out)" 0 "$rc"
expect_in "--stop: one ps and one stop per service" "podman: 5 calls" "$out"
expect_in "--stop did not power off" "not running 'systemctl poweroff'" "$out"
expect_eq "no service runs after --stop" "" "$(P ps -q --filter label=mpd.type=service)"
expect_mpd 1 "Some services are not running" --status
run_mpd --start
expect_eq "mpd --start exits 0 ($out)" 0 "$rc"
expect_in "--start started the services again" "portal      started" "$out"
expect_eq "the same containers run again (not recreated)" "$ids_before" \
	"$(P ps -q --filter label=mpd.type=service | sort | tr '\n' ' ')"
e2e_wait 10 in_ns dig +short +time=1 +tries=1 "@$E2E_DNS" mpd.test >/dev/null
e2e_dig mpd.test
expect_eq "DNS answers after --start" 10.163.0.4 "$out"
cur=$(R cat "$E2E_ROOT/var/lib/mpd/state/current-state.json")
expect_in "current-state.json refreshed" '"refreshedAt": "' "$cur"
expect_mpd 0 "All services running" --status

# ---- a new CA (as when mpd-virt pushes one) recreates every service with
# a re-issued certificate; nothing else changes
R rm -f "$E2E_ROOT/var/lib/mpd/conf/caroot/rootCA.pem" \
	"$E2E_ROOT/var/lib/mpd/conf/caroot/rootCA-key.pem"
run_mpd --setup
expect_eq "--setup after a CA change exits 0 ($out)" 0 "$rc"
expect_in "the CA was generated again" "CA generated" "$out"
expect_in "the portal was recreated for the new CA" "portal      recreated" "$out"
CLIENT_OPTS="-v $ca:/ca.pem:ro"
out=$(client_run curl -sS --max-time 10 --cacert /ca.pem --capath /nonexistent https://mpd.test/ 2>&1)
expect_in "the portal serves a certificate of the new CA" "<title>" "$out"
CLIENT_OPTS=""
e2e_browser_trust "$ca" && ok || bad "cannot make an NSS DB trusting only the new CA"
e2e_browser_check https://mpd.test/ "<h1>$(hostname)</h1>" portal-new-ca
run_mpd --setup
expect_in "and the next --setup keeps everything" "nothing changed" "$out"

note "first --setup said: $(echo "$first_setup" | tail -n 2 | head -n 1)"
