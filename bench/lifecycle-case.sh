# lifecycle-case.sh - timings of the VM-level commands on the e2e bed
# (sourced by tests/e2e/run.sh through bench/bench-lifecycle.sh; not a
# test: it counts nothing as failed unless a command fails).
# Prints one "bench:" line per command: median wall time of N runs and the
# podman calls one run makes (from --debug).
# shellcheck disable=SC2034,SC2154 # shares the harness shell (lib.sh)

# shellcheck source=bench/lib.sh
. "$E2E_TOP/bench/lib.sh"

bench_setup

bench_cmd 1 "setup-first (images current)" --setup
bench_cmd 5 "setup-again (nothing to do)" --setup
bench_cmd 10 status --status
bench_cmd 10 "list-services" list services
bench_cmd 10 "plugins" --plugins
bench_cmd 1 "stop (no power-off)" --stop
bench_cmd 1 "start (4 stopped services)" --start
bench_cmd 5 "start-again (all running)" --start
