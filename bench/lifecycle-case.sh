# lifecycle-case.sh - timings of the VM-level commands on the e2e bed
# (sourced by tests/e2e/run.sh through bench/bench-lifecycle.sh; not a
# test: it counts nothing as failed unless a command fails).
# Prints one "bench:" line per command: median wall time of N runs and the
# podman calls one run makes (from --debug).
# shellcheck disable=SC2034,SC2154 # shares the harness shell (lib.sh)

bench_cmd() {	# N LABEL ARGS...
	n=$1
	label=$2
	shift 2
	times=""
	calls=""
	i=0
	while [ "$i" -lt "$n" ]; do
		t0=$(date +%s%N)
		run_mpd --debug "$@"
		t1=$(date +%s%N)
		if [ "$rc" -ne 0 ] && [ "$label" != "status-stopped" ]; then
			bad "bench: mpd $* failed: $out"
			return
		fi
		times="$times $(((t1 - t0) / 1000000))"
		calls=$(echo "$out" | sed -n 's/.*mpd: debug: podman: \([0-9]*\) calls*.*/\1/p')
		i=$((i + 1))
	done
	median=$(echo "$times" | tr ' ' '\n' | sed '/^$/d' | sort -n |
		awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
	echo "bench: $label: median ${median} ms of $n (all:$times ms), $calls podman calls"
	ok
}

printf '%s\n' MPD_PLATFORM=machine MPD_VM_IP=192.0.2.10 MPD_INSTANCE_SUFFIX= |
	R tee "$E2E_ROOT/var/lib/mpd/conf/platform.env" >/dev/null
R chown "$E2E_USER:$E2E_USER" "$E2E_ROOT/var/lib/mpd/conf/platform.env"
out=$(cd / && as_user "$E2E_TREE/bin/mpd" --images 2>&1) || bad "bench: --images: $out"

bench_cmd 1 "setup-first (images current)" --setup
bench_cmd 5 "setup-again (nothing to do)" --setup
bench_cmd 10 status --status
bench_cmd 10 "list-services" list services
bench_cmd 10 "plugins" --plugins
bench_cmd 1 "stop (no power-off)" --stop
bench_cmd 1 "start (4 stopped services)" --start
bench_cmd 5 "start-again (all running)" --start
