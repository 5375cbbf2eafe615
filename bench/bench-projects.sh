#!/bin/sh
# bench-projects.sh - time the runtime and project verbs on the real stack:
# the e2e bed (tests/e2e/run.sh, as root or with passwordless sudo)
# without its test cases, plus bench/projects-case.sh.  Figures go into
# docs/PERFORMANCE.md; the whole output in build-logs/bench-projects.log.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$top/build-logs"
SKIP_TRIXIE=1 E2E_ONLY=none E2E_EXTRA_CASES="$top/bench/projects-case.sh" \
	sh "$top/tests/e2e/run.sh" | tee "$top/build-logs/bench-projects.log" | grep -E '^(bench:|FAIL|e2e: total|[0-9]+ passed)'
