#!/bin/sh
# bench-dbs.sh - time the DB paths on the real stack: the e2e bed
# (tests/e2e/run.sh, as root or with passwordless sudo) without its test
# cases, plus bench/dbs-case.sh.  MPD_BENCH_MOODLE=/path/to/moodle adds
# mdl-install of that tree.  Figures go into docs/PERFORMANCE.md; the
# whole output in build-logs/bench-dbs.log.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$top/build-logs"
SKIP_TRIXIE=1 E2E_ONLY=none E2E_EXTRA_CASES="$top/bench/dbs-case.sh" \
	sh "$top/tests/e2e/run.sh" | tee "$top/build-logs/bench-dbs.log" | grep -E '^(bench:|FAIL|e2e: total|[0-9]+ passed)'
