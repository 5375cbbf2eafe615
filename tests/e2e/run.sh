#!/bin/sh
# run.sh - mpd's end-to-end test bed: the real stack on this machine.
#
# As root (or a user with passwordless sudo) on a fresh Debian machine:
#   1. installs what it needs (podman, runc, sudo, debootstrap, dig, curl,
#      openssl, ssh, iproute2, ping, the build dependencies);
#   2. makes the base image without a registry (bootstrap/base-image.sh,
#      reused when podman has it) and the test client image;
#   3. builds mpd (reusing build/ when it is configured) and checks the
#      target OS: mpd's `make check` inside Debian trixie (tests/e2e/trixie);
#   4. sets up the bed (tests/e2e/lib.sh: user, test tree, containers.conf,
#      network namespace) and sources the case files tests/e2e/test-*.sh in
#      order;
#   5. removes everything the bed made - also after a failure or Ctrl-C -
#      and checks that nothing is left.
# Ends with one line "N passed, N failed"; exits 1 on any failure.
#
# Environment: E2E_BUILD (build dir, default build/), E2E_LOGS (default
# build-logs/e2e), E2E_BASE (base image; default localhost/mpd-debian:trixie
# made by debootstrap, any other reference is pulled), SKIP_TRIXIE=1,
# E2E_ONLY="bed images" (case files to run, by name without test- and .sh),
# E2E_EXTRA_CASES="FILE..." (more case files, e.g. the lifecycle bench),
# E2E_FORCE=1 (remove existing mpd containers/network/volume), JOBS.
set -u
# shellcheck source-path=SCRIPTDIR
E2E_TOP=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=lib.sh
. "$E2E_TOP/tests/e2e/lib.sh"

JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
E2E_BUILD=${E2E_BUILD:-$E2E_TOP/build}
E2E_LOGS=${E2E_LOGS:-$E2E_TOP/build-logs/e2e}
E2E_CONF=$E2E_LOGS/containers.conf
started=$(date +%s)

if [ "$(id -u)" -ne 0 ] && ! sudo -n true 2>/dev/null; then
	echo "run.sh: needs root or passwordless sudo (it creates a user and a network namespace)"
	echo "0 passed, 1 failed"
	exit 1
fi
mkdir -p "$E2E_LOGS" || exit 1

aborted() { exit 1; }
on_exit() {
	teardown_bed
	[ -n "${E2E_DONE:-}" ] || echo "$pass passed, $failn failed"
}

trap on_exit EXIT
trap 'bad "interrupted"; exit 130' INT
trap 'bad "terminated"; exit 143' TERM

stage deps e2e_install_deps || aborted
e2e_write_conf || { bad "cannot write $E2E_CONF"; aborted; }
# not under /var/tmp: mpd refuses plugins below a shared (sticky,
# world-writable) directory
if ! E2E_TREE=$(R mktemp -d /var/lib/mpd-e2e.XXXXXX) ||
	! R chmod 755 "$E2E_TREE"; then
	bad "cannot make the test tree under /var/lib"
	aborted
fi
# shellcheck disable=SC2034 # used by lib.sh and the cases
E2E_ROOT=$E2E_TREE/root
stage preflight e2e_preflight || aborted
echo "$E2E_TREE" | R tee "$E2E_MARK" >/dev/null
# shellcheck disable=SC2034 # compared by check_clean
E2E_HOST_BEFORE=$(host_state)

stage base-image e2e_base_image || aborted
stage client-image e2e_client_image || aborted
stage build e2e_build_mpd || aborted
if [ "${SKIP_TRIXIE:-0}" != 1 ]; then
	t0=$(date +%s)
	tlog=$E2E_LOGS/trixie.log
	if e2e_trixie_check >"$tlog" 2>&1; then
		ok
		note "trixie: ok ($(($(date +%s) - t0)) s): $(grep -m1 '^trixie: ' "$tlog" | cut -d' ' -f2-)" \
			"$(grep -E '^# (PASS|FAIL|ERROR): ' "$tlog" | tr -s ' ' | tr '\n' ' ')"
	else
		what=$(grep -E '^(FAIL|ERROR): ' "$tlog" | awk '!seen[$0]++' | tr '\n' ' ')
		[ -n "$what" ] || what=$(grep -E 'error:' "$tlog" | head -n 3 | tr '\n' ' ')
		[ -n "$what" ] || what=$(tail -n 5 "$tlog" | tr '\n' ' ')
		bad "trixie: building and checking mpd in Debian trixie: expected make check to pass, got (after $(($(date +%s) - t0)) s, log $tlog): $what"
		# compile errors and failing assertions, each once
		grep -E '(error|warning):|[0-9]+\. .*CU_ASSERT|^FAIL: .*expected|missing in ' "$tlog" |
			awk '!seen[$0]++' | head -n 40 | sed 's/^/   | /'
	fi
fi
stage setup-bed setup_bed || aborted

# (e2e_-prefixed: the case files share this shell and its variables)
# E2E_EXTRA_CASES: more case files (paths), run after the filtered ones
# whatever E2E_ONLY says (bench/bench-lifecycle.sh uses it)
for e2e_case in "$E2E_TOP"/tests/e2e/test-*.sh ${E2E_EXTRA_CASES:-}; do
	[ -f "$e2e_case" ] || continue
	e2e_name=${e2e_case##*/test-}
	e2e_name=${e2e_name%.sh}
	case " ${E2E_EXTRA_CASES:-} " in
	*" $e2e_case "*) e2e_name=extra ;;
	esac
	if [ -n "${E2E_ONLY:-}" ] && [ "$e2e_name" != extra ]; then
		case " $E2E_ONLY " in
		*" $e2e_name "*) ;;
		*) continue ;;
		esac
	fi
	e2e_t0=$(date +%s)
	e2e_before=$failn
	note "case $e2e_name"
	# shellcheck disable=SC1090 # the case files, in order
	. "$e2e_case"
	note "case $e2e_name: $((failn - e2e_before)) failed ($(($(date +%s) - e2e_t0)) s)"
done

teardown_bed
check_clean
note "total $(($(date +%s) - started)) s"
E2E_DONE=yes
finish
