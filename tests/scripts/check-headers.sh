#!/bin/sh
# check-headers.sh - every SDK header compiles on its own, as C99 and C11,
# with -pedantic, and as C++ (out-of-tree authors use all of these).
set -u
. "${top_srcdir:?}/tests/scripts/lib.sh"
CC=${CC:-cc}
for h in "$top_srcdir"/sdk/include/mpd/*.h; do
	for std in c99 c11; do
		if out=$($CC -std=$std -pedantic -Wall -Wextra -Werror -fsyntax-only -I"$top_srcdir/sdk/include" -x c "$h" 2>&1); then
			ok
		else
			bad "$h does not compile alone as $std: $out"
		fi
	done
	if command -v c++ >/dev/null 2>&1; then
		if out=$(c++ -std=c++11 -Wall -Werror -fsyntax-only -I"$top_srcdir/sdk/include" -x c++ "$h" 2>&1); then
			ok
		else
			bad "$h does not compile as C++: $out"
		fi
	fi
done
finish
