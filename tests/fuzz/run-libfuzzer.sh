#!/bin/sh
# run-libfuzzer.sh SECONDS - build every tests/fuzz/fuzz_*.c with clang's
# libFuzzer + ASan + UBSan against the core sources and run each for
# SECONDS (default 20), seeded from tests/fuzz/corpus/<name>/ (copied: the
# committed corpus is not changed; new crashers land in tests/fuzz/out/).
# Needs a configured build/ (for config.h).  Exit 1 on any crash or leak.
set -u
secs=${1:-20}
top=$(cd "$(dirname "$0")/../.." && pwd)
out="$top/tests/fuzz/out"
cfg="$top/build/config.h"
CLANG=${CLANG:-clang}
rm -rf "$out"
mkdir -p "$out"
if [ ! -f "$cfg" ]; then
	echo "fuzz: no $cfg; configure build/ first"
	exit 1
fi
core=""
incs=""
for d in "$top"/core/*/; do
	incs="$incs -I${d%/}"
	for c in "$d"*.c; do
		case "$c" in */main.c) ;; *) core="$core $c" ;; esac
	done
done
# shellcheck disable=SC2046 # pkg-config output is split on purpose
flags="-g -O1 -std=c11 -include $cfg -I$top/build$incs -I$top/sdk/include $(pkg-config --cflags json-c inih)"
libs="$(pkg-config --libs json-c inih) -ldl"
rc=0
n=0
for src in "$top"/tests/fuzz/fuzz_*.c; do
	[ -f "$src" ] || continue
	name=$(basename "$src" .c)
	[ "$name" = fuzz_replay ] && continue	# the corpus replay driver
	short=${name#fuzz_}
	n=$((n + 1))
	bin="$out/$name"
	# shellcheck disable=SC2086
	if ! $CLANG $flags -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	    -o "$bin" "$src" $core $libs > "$out/$name.build.log" 2>&1; then
		echo "fuzz $name: BUILD FAILED"
		cat "$out/$name.build.log"
		rc=1
		continue
	fi
	mkdir -p "$out/corpus-$short" "$out/crash-$short"
	if [ -d "$top/tests/fuzz/corpus/$short" ]; then
		cp "$top/tests/fuzz/corpus/$short"/* "$out/corpus-$short/" 2>/dev/null || true
	fi
	if "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix="$out/crash-$short/" "$out/corpus-$short" > "$out/$name.log" 2>&1; then
		echo "fuzz $name: ok ($(grep -o 'stat::number_of_executed_units: [0-9]*' "$out/$name.log" | awk '{print $2}') runs in ${secs}s)"
	else
		echo "fuzz $name: FAILED"
		tail -n 40 "$out/$name.log"
		rc=1
	fi
done
if [ "$n" -eq 0 ]; then
	echo "fuzz: no targets found"
	exit 1
fi
exit "$rc"
