#!/bin/sh
# check-shellcheck.sh - the project's own scripts (tests, CI, build helpers)
# are shellcheck-clean too.  The shipped assets are covered by
# check-privilege-boundary.sh.
set -u
. "${top_srcdir:?}/tests/scripts/lib.sh"
SHELLCHECK=${SHELLCHECK:-shellcheck}
if ! command -v "$SHELLCHECK" >/dev/null 2>&1; then
	bad "shellcheck not found (apt-get install shellcheck)"
	finish
	exit 1
fi
for f in "$top_srcdir"/tests/scripts/*.sh "$top_srcdir"/tests/e2e/*.sh \
	"$top_srcdir"/tests/fuzz/*.sh "$top_srcdir"/tests/fresh-root/*.sh \
	"$top_srcdir"/tests/run-all.sh "$top_srcdir"/bench/*.sh \
	"$top_srcdir"/.ci/run "$top_srcdir"/autogen.sh "$top_srcdir"/tests/unit/fake-*; do
	[ -f "$f" ] || continue
	if out=$(cd "$top_srcdir/tests/scripts" && "$SHELLCHECK" -x -s sh -e SC1091,SC2015 "$f" 2>&1); then
		ok
	else
		bad "shellcheck $f: $out"
	fi
done
finish
