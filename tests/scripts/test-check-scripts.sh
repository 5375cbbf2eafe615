#!/bin/sh
# test-check-scripts.sh - the boundary checks must FAIL on planted
# violations (a check that cannot fail proves nothing).
set -u
top=${top_srcdir:?}
pass=0
failn=0
ok() { pass=$((pass + 1)); }
bad() { failn=$((failn + 1)); echo "FAIL: $*"; }

# --- privilege boundary
fx="$top/tests/fixtures/privilege"
out=$(sh "$top/tests/scripts/check-privilege-boundary.sh" "$fx/good" 2>&1) && ok || bad "good fixtures refused: $out"
for case in whole-sudo:"whole script run under sudo" sudo-script:"script run under sudo" \
	sudo-user:"sudo -u switches" runuser:"runuser switches" su-user:"su to a non-root user" \
	unquoted:"shellcheck"; do
	name=${case%%:*}
	want=${case#*:}
	tmp=$(mktemp -d)
	cp "$fx/bad/$name.sh" "$tmp/"
	if out=$(sh "$top/tests/scripts/check-privilege-boundary.sh" "$tmp" 2>&1); then
		bad "privilege check passed $name.sh"
	else
		case "$out" in
		*"$want"*) ok ;;
		*) bad "privilege check on $name.sh: expected '$want', got: $out" ;;
		esac
	fi
	rm -rf "$tmp"
done

# --- exec boundary: a fake build dir with a spawning core object, a
# spawning plugin and a plugin importing a core symbol
CC=${CC:-cc}
tmp=$(mktemp -d)
mkdir -p "$tmp/.libs"
printf '#include <unistd.h>\nint core_helper(void) { return fork(); }\n' > "$tmp/a.c"
printf 'int mpd_path_fake(void) { return 1; }\n' > "$tmp/b.c"
printf '#include <stdlib.h>\nint p(void) { return system("x"); }\n' > "$tmp/c.c"
printf 'int mpd_path_fake(void);\nint q(void) { return mpd_path_fake(); }\n' > "$tmp/d.c"
if $CC -c -o "$tmp/.libs/libmpdcore_la-helper.o" "$tmp/a.c" &&
   $CC -c -o "$tmp/.libs/libmpdcore_la-paths.o" "$tmp/b.c" &&
   $CC -shared -fPIC -o "$tmp/.libs/evil.so" "$tmp/c.c" &&
   $CC -shared -fPIC -o "$tmp/.libs/sneaky.so" "$tmp/d.c"; then
	out=$(top_builddir="$tmp" sh "$top/tests/scripts/check-exec-boundary.sh" 2>&1) && bad "exec check passed a planted fork" || {
		for want in "libmpdcore_la-helper.o references fork" "plugin .libs/evil.so references system" \
			"plugin .libs/sneaky.so imports core symbols: mpd_path_fake"; do
			case "$out" in
			*"$want"*) ok ;;
			*) bad "exec check: expected '$want', got: $out" ;;
			esac
		done
	}
else
	bad "could not compile the planted objects"
fi
rm -rf "$tmp"

echo "$pass passed, $failn failed"
[ "$failn" -eq 0 ]
