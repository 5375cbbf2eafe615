# projects-case.sh - timings of the runtime and project verbs on the e2e
# bed (sourced by tests/e2e/run.sh through bench/bench-projects.sh; not a
# test: it counts nothing as failed unless a command fails).  Prints
# "bench:" lines: median wall time and podman calls per command, and the
# time from `mpd create` to the first HTTPS byte of the new project.
# shellcheck disable=SC2034,SC2154 # shares the harness shell (lib.sh)

# shellcheck source=bench/lib.sh
. "$E2E_TOP/bench/lib.sh"

bench_setup
run_mpd --setup || bad "bench: --setup: $out"
key=$E2E_SSH_KEY
ca=$E2E_ROOT/var/lib/mpd/conf/caroot/rootCA.pem

bench_cmd 1 "runtime-create php (images current, cold pod)" --runtime-create=php
bench_cmd 5 "runtime-create php again (nothing to do)" --runtime-create=php

# create -> configure -> start -> first HTTPS byte, the runtime running
first_byte() {	# NAME: until NAME.mpd.test resolves through mpd's dnsmasq and
	# https://NAME.mpd.test/ answers 200 (curl in the namespace, trusting
	# mpd's CA only, at the address dnsmasq gave); gives up after 30 s
	end=$(($(date +%s) + 30))
	code=""
	until ip=$(in_ns dig +short +time=1 +tries=1 @10.163.0.3 "$1.mpd.test") &&
		[ -n "$ip" ] &&
		code=$(in_ns curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
		--cacert "$ca" --resolve "$1.mpd.test:443:$ip" \
		"https://$1.mpd.test/" 2>&1) && [ "$code" = 200 ]; do
		if [ "$(date +%s)" -ge "$end" ]; then
			bad "bench: https://$1.mpd.test/ never answered 200 (dns '$ip', http '$code')"
			return 1
		fi
		sleep 0.02
	done
}
for i in 1 2 3; do
	: "round $i"
	t0=$(date +%s%N)
	run_mpd --debug create "b$i" --type=plain
	[ "$rc" -eq 0 ] || bad "bench: create b$i: $out"
	c1=$(echo "$out" | sed -n 's/.*podman: \([0-9]*\) calls.*/\1/p')
	t1=$(date +%s%N)
	# shellcheck disable=SC2086
	printf '<?php echo "bench %s";\n' "$i" | in_ns_user ssh -o BatchMode=yes \
		-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
		-o LogLevel=ERROR -i "$key" "$E2E_USER@10.163.0.100" \
		"cat > /srv/projects/b$i/index.php"
	t2=$(date +%s%N)
	run_mpd --debug configure "b$i"
	[ "$rc" -eq 0 ] || bad "bench: configure b$i: $out"
	c2=$(echo "$out" | sed -n 's/.*podman: \([0-9]*\) calls.*/\1/p')
	run_mpd --debug start "b$i"
	[ "$rc" -eq 0 ] || bad "bench: start b$i: $out"
	c3=$(echo "$out" | sed -n 's/.*podman: \([0-9]*\) calls.*/\1/p')
	first_byte "b$i" || continue
	t3=$(date +%s%N)
	echo "bench: create+configure+start+first byte b$i: $(((t1 - t0 + t3 - t2) / 1000000)) ms (the ssh copy of index.php not counted; podman calls $c1 + $c2 + $c3)"
	ok
done
# (bench_cmd counts with $i: these loops use their own variable)
for round in 1 2 3 4 5; do
	run_mpd stop b1
	bench_cmd 1 "start b1 (warm: runtime running, configured) #$round" start b1
done
bench_cmd 5 "start b1 again (already running)" start b1
bench_cmd 5 "show b1" show b1
bench_cmd 5 "list projects" list projects
bench_cmd 5 "list runtimes" list runtimes
bench_cmd 1 "stop b1" stop b1
bench_cmd 1 "delete b2" delete b2 --yes
