# lib.sh - what the bench case files share (sourced; they share the e2e
# harness shell, tests/e2e/lib.sh).
# shellcheck shell=sh disable=SC2034,SC2154 # the harness's variables

# bench_cmd N LABEL ARGS...: run `mpd --debug ARGS` N times; one "bench:"
# line with the median wall time and the podman calls of one run
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


# bench_setup: platform.env, the images (outside the namespace), --setup
bench_setup() {
	e2e_platform_env || bad "bench: cannot write platform.env"
	out=$(cd / && as_user "$E2E_TREE/bin/mpd" --images 2>&1) || bad "bench: --images: $out"
}

# bssh IP CMD...: a command in a runtime over ssh, as the dev user
bssh() {
	ip=$1
	shift
	in_ns_user ssh -o BatchMode=yes -o StrictHostKeyChecking=no \
		-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -i "$E2E_SSH_KEY" \
		"$E2E_USER@$ip" "$@"
}
