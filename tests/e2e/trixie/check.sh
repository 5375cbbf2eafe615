#!/bin/sh
# check.sh - inside the trixie build container (tests/e2e/run.sh): copy the
# read-only source tree at /src, build mpd out of tree and run `make check`.
# Prints the library versions it built against first.
set -eu
jobs=$(nproc 2>/dev/null || echo 2)
echo "trixie: $(cat /etc/debian_version);" \
	"mbedTLS $(dpkg-query -W -f='${Version}' libmbedtls-dev);" \
	"json-c $(dpkg-query -W -f='${Version}' libjson-c-dev);" \
	"inih $(dpkg-query -W -f='${Version}' libinih-dev)"
mkdir -p /work/src
tar -C /src --exclude='./build*' --exclude=./.git --exclude=./autom4te.cache \
	--exclude=./tests/fuzz/out -cf - . | tar -C /work/src -xf -
cd /work/src
./autogen.sh >/dev/null 2>&1 || autoreconf -fi
mkdir -p /work/build
cd /work/build
/work/src/configure -q --enable-tests=yes
make -j"$jobs"
if ! make -j"$jobs" check; then
	# what failed, from each failing test's log
	for f in ./*.log tests/scripts/*.log; do
		[ -f "$f" ] || continue
		[ "${f##*/}" = test-suite.log ] && continue
		grep -qE '^(FAIL|ERROR)' "$f" || continue
		echo "--- $f"
		grep -E 'FAIL|[0-9]+\. .*(CU_ASSERT|ASSERT)|missing|error' "$f" | head -n 40
	done
	exit 1
fi
