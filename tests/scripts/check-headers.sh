#!/bin/sh
# check-headers.sh - every SDK header compiles on its own, as C99 and C11,
# with -pedantic, and as C++ (out-of-tree authors use all of these).  Each
# is included alone by a one-line translation unit (a header of macros only
# would otherwise be an empty unit, which -pedantic refuses).
set -u
. "${top_srcdir:?}/tests/scripts/lib.sh"
CC=${CC:-cc}
tu() { printf '#include "%s"\nint mpd_header_check_tu;\n' "$1"; }
for h in "$top_srcdir"/sdk/include/mpd/*.h; do
	for std in c99 c11; do
		if out=$(tu "$h" | $CC -std=$std -pedantic -Wall -Wextra -Werror -fsyntax-only -I"$top_srcdir/sdk/include" -x c - 2>&1); then
			ok
		else
			bad "$h does not compile alone as $std: $out"
		fi
	done
	if command -v c++ >/dev/null 2>&1; then
		if out=$(tu "$h" | c++ -std=c++11 -Wall -Werror -fsyntax-only -I"$top_srcdir/sdk/include" -x c++ - 2>&1); then
			ok
		else
			bad "$h does not compile as C++: $out"
		fi
	fi
done
finish
