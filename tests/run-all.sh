#!/bin/sh
# run-all.sh - every test mpd has, from a fresh Debian machine:
#   build dependencies, build, make check (unit + shell tests), the same
#   under ASan+UBSan, the unit tests under valgrind, make distcheck, short
#   libFuzzer runs, the package lists on fresh debootstrapped roots and the
#   end-to-end test bed (both as root or with passwordless sudo:
#   tests/fresh-root/check.sh, tests/e2e/run.sh).  Prints one closing line
#   "N passed, N failed" and exits non-zero on any failure.
# Options (environment): FUZZ_SECONDS (per target, default 20),
#   SKIP_DISTCHECK=1, SKIP_FUZZ=1, SKIP_FRESH_ROOT=1,
#   FRESH_ROOT_RELEASES (default "bookworm trixie"), SKIP_E2E=1, JOBS
#   (default: nproc).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
logs="$top/build-logs"
rm -rf "$logs"
mkdir -p "$logs"

total_pass=0
total_fail=0
stage_ok() { total_pass=$((total_pass + ${2:-1})); echo "== $1: ok"; }
stage_fail() {
	total_fail=$((total_fail + ${2:-1}))
	echo "== $1: FAILED (log: $3)"
	tail -n 40 "$3" | sed 's/^/   | /'
}

# counts from an automake test-suite summary in a log
count_of() { grep -E "^# $1: +[0-9]+" "$2" | tail -n 1 | awk '{print $3}'; }

run_check() {	# name builddir configure-args...
	name=$1
	dir=$2
	shift 2
	log="$logs/$name.log"
	rm -rf "$dir"
	mkdir -p "$dir"
	if (cd "$dir" && ../configure --enable-tests=yes "$@" &&
	    make -j"$JOBS" && make -j"$JOBS" check) > "$log" 2>&1; then
		stage_ok "$name" "$(count_of PASS "$log")"
	else
		p=$(count_of PASS "$log"); f=$(count_of FAIL "$log"); er=$(count_of ERROR "$log")
		total_pass=$((total_pass + ${p:-0}))
		stage_fail "$name" "$(( ${f:-0} + ${er:-0} > 0 ? ${f:-0} + ${er:-0} : 1 ))" "$log"
		for t in "$dir"/*.log "$dir"/tests/scripts/*.log; do
			[ -f "$t" ] || continue
			grep -qE '^(FAIL|ERROR)' "$t" 2>/dev/null || grep -q '^FAIL:' "$t" 2>/dev/null || continue
			echo "   --- $t"; tail -n 20 "$t" | sed 's/^/   | /'
		done
	fi
}

echo "== build dependencies"
if ! sh bootstrap/build-deps.sh > "$logs/deps.log" 2>&1; then
	stage_fail deps 1 "$logs/deps.log"
	echo "$total_pass passed, $total_fail failed"
	exit 1
fi
./autogen.sh > "$logs/autogen.log" 2>&1 || { stage_fail autogen 1 "$logs/autogen.log"; echo "$total_pass passed, $total_fail failed"; exit 1; }

run_check check build
run_check sanitizers build-asan --enable-sanitizers

# valgrind over every unit-test binary of the plain build
vlog="$logs/valgrind.log"
: > "$vlog"
for t in build/test_* build/fuzz_replay_*; do
	[ -x "$t" ] || continue
	case "$t" in *.log|*.trs|*.o) continue ;; esac
	if (cd build && MPD_VALGRIND=1 valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
	    --error-exitcode=99 --trace-children=no "./$(basename "$t")") >> "$vlog" 2>&1; then
		stage_ok "valgrind $(basename "$t")"
	else
		stage_fail "valgrind $(basename "$t")" 1 "$vlog"
	fi
done

if [ "${SKIP_DISTCHECK:-0}" != 1 ]; then
	if (cd build && make -j"$JOBS" distcheck) > "$logs/distcheck.log" 2>&1; then
		stage_ok distcheck
	else
		stage_fail distcheck 1 "$logs/distcheck.log"
	fi
fi

if [ "${SKIP_FUZZ:-0}" != 1 ]; then
	if sh tests/fuzz/run-libfuzzer.sh "${FUZZ_SECONDS:-20}" > "$logs/fuzz.log" 2>&1; then
		stage_ok "fuzz" "$(grep -c '^fuzz .*: ok' "$logs/fuzz.log")"
	else
		stage_fail fuzz 1 "$logs/fuzz.log"
	fi
fi

# the package lists on fresh debootstrapped roots: every program the
# product and the bed run resolves there (tests/fresh-root/check.sh)
if [ "${SKIP_FRESH_ROOT:-0}" = 1 ]; then
	echo "== fresh-root: skipped (SKIP_FRESH_ROOT=1)"
elif [ "$(id -u)" -ne 0 ] && ! sudo -n true 2>/dev/null; then
	echo "== fresh-root: skipped (needs root or passwordless sudo)"
else
	# one check per release, side by side: debootstrap and apt mostly
	# wait on the network, so two at once take little more than one
	for rel in ${FRESH_ROOT_RELEASES:-bookworm trixie}; do
		sh tests/fresh-root/check.sh "$rel" > "$logs/fresh-root-$rel.log" 2>&1 &
	done
	wait
	for rel in ${FRESH_ROOT_RELEASES:-bookworm trixie}; do
		flog="$logs/fresh-root-$rel.log"
		fp=$(tail -n 1 "$flog" | sed -n 's/^\([0-9]*\) passed, [0-9]* failed$/\1/p')
		ff=$(tail -n 1 "$flog" | sed -n 's/^[0-9]* passed, \([0-9]*\) failed$/\1/p')
		grep '^fresh-root: ' "$flog" | sed 's/^/   /'
		if [ -n "$fp" ] && [ "${ff:-1}" -eq 0 ]; then
			stage_ok "fresh-root $rel" "$fp"
		else
			total_pass=$((total_pass + ${fp:-0}))
			stage_fail "fresh-root $rel" "$(( ${ff:-0} > 0 ? ${ff:-0} : 1 ))" "$flog"
		fi
	done
fi

# the end-to-end test bed: real podman in a network namespace, and the
# unit suite inside Debian trixie (tests/e2e/run.sh; docs/TESTING.md)
if [ "${SKIP_E2E:-0}" = 1 ]; then
	echo "== e2e: skipped (SKIP_E2E=1)"
elif [ "$(id -u)" -ne 0 ] && ! sudo -n true 2>/dev/null; then
	echo "== e2e: skipped (needs root or passwordless sudo)"
else
	elog="$logs/e2e.log"
	E2E_BUILD="$top/build" E2E_LOGS="$logs/e2e" JOBS="$JOBS" \
		sh tests/e2e/run.sh > "$elog" 2>&1
	erc=$?
	ep=$(tail -n 1 "$elog" | sed -n 's/^\([0-9]*\) passed, [0-9]* failed$/\1/p')
	ef=$(tail -n 1 "$elog" | sed -n 's/^[0-9]* passed, \([0-9]*\) failed$/\1/p')
	if [ "$erc" -eq 0 ]; then
		stage_ok e2e "${ep:-1}"
	else
		total_pass=$((total_pass + ${ep:-0}))
		stage_fail e2e "$(( ${ef:-0} > 0 ? ${ef:-0} : 1 ))" "$elog"
	fi
fi

echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
