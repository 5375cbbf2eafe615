#!/bin/sh
# bench-mdl-install.sh - where mdl-install's time goes: native, native PHP
# against mpd's DB container, and mpd on postgres 15 and 17, interleaved
# (bench/mdl-install-case.sh on the e2e bed).  MPD_BENCH_MOODLE=TREE is
# required (a Moodle 4.5 tree); MPD_BENCH_ROUNDS (default 2).  Needs the
# bench packages (sh bootstrap/packages.sh install bench).  Figures go into
# docs/PERFORMANCE.md; the whole output in build-logs/bench-mdl-install.log.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
: "${MPD_BENCH_MOODLE:?set MPD_BENCH_MOODLE to a Moodle tree}"
mkdir -p "$top/build-logs"
SKIP_TRIXIE=1 E2E_ONLY=none E2E_EXTRA_CASES="$top/bench/mdl-install-case.sh" \
	sh "$top/tests/e2e/run.sh" | tee "$top/build-logs/bench-mdl-install.log" |
	grep -E '^(bench:|FAIL|e2e: total|[0-9]+ passed)'
