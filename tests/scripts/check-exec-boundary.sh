#!/bin/sh
# check-exec-boundary.sh - prove from the BUILT objects that
#  1. no core object but the exec module references a process-spawning
#     function (fork, vfork, exec*, posix_spawn*, system, popen, clone);
#  2. no plugin (.so, in-tree and test fixtures) references one either;
#  3. no plugin imports a symbol the core defines (the host table is the
#     only way in), and the mpd executable exports none of the core's
#     symbols for a plugin to bind to.
# Run from the build directory (make check does).  Exit 1 on a violation.
set -eu

NM=${NM:-nm}
# $NM may carry options (libtool sets "nm -B"): split it on purpose, and
# fail loudly if it cannot run, so a broken nm never passes the check.
nm_run() {
	# shellcheck disable=SC2086
	if ! $NM "$@" 2>/dev/null; then
		echo "FAIL: '$NM $*' did not run" >&2
		return 1
	fi
}
builddir=${top_builddir:-.}
cd "$builddir"

spawn_re='^(fork|vfork|_Fork|clone|clone3|execv|execve|execvp|execvpe|execl|execle|execlp|execveat|fexecve|posix_spawn|posix_spawnp|system|popen)(@.*)?$'
fail=0
checked=0

# 1. core objects
for obj in .libs/libmpdcore_la-*.o mpd-*.o; do
	[ -f "$obj" ] || continue
	checked=$((checked + 1))
	case "$obj" in
	*/libmpdcore_la-exec.o) continue ;;
	esac
	syms=$(nm_run --undefined-only "$obj") || { fail=1; continue; }
	bad=$(echo "$syms" | awk '{print $NF}' | grep -E "$spawn_re" || true)
	if [ -n "$bad" ]; then
		echo "FAIL: $obj references $(echo "$bad" | tr '\n' ' ')(only core/exec/exec.c may spawn processes)"
		fail=1
	fi
done
if [ "$checked" -eq 0 ]; then
	echo "FAIL: no core objects found in $builddir (build first)"
	exit 1
fi

# symbols the core defines
core_syms=$(mktemp)
trap 'rm -f "$core_syms" "$core_syms.one"' EXIT
for obj in .libs/libmpdcore_la-*.o mpd-*.o; do
	[ -f "$obj" ] || continue
	nm_run --defined-only --extern-only "$obj" > "$core_syms.one" || fail=1
	awk '{print $NF}' "$core_syms.one"
done | sort -u > "$core_syms"
rm -f "$core_syms.one"
[ -s "$core_syms" ] || { echo "FAIL: no symbols read from the core objects"; fail=1; }

# 2 + 3. plugins
nplugins=0
for so in .libs/*.so; do
	[ -f "$so" ] || continue
	nplugins=$((nplugins + 1))
	undef=$(nm_run -D --undefined-only "$so") || { fail=1; continue; }
	undef=$(echo "$undef" | awk '{print $NF}' | sed 's/@.*//')
	bad=$(echo "$undef" | grep -E "$spawn_re" || true)
	if [ -n "$bad" ]; then
		echo "FAIL: plugin $so references $(echo "$bad" | tr '\n' ' ')(plugins describe; the core runs processes)"
		fail=1
	fi
	from_core=$(echo "$undef" | sort -u | comm -12 - "$core_syms")
	if [ -n "$from_core" ]; then
		echo "FAIL: plugin $so imports core symbols: $(echo "$from_core" | tr '\n' ' ')(use the host table)"
		fail=1
	fi
done

# the executable exports nothing of the core
if [ -f mpd ]; then
	exported=$(nm_run -D --defined-only mpd | awk '{print $NF}' | sort -u | comm -12 - "$core_syms")
	if [ -n "$exported" ]; then
		echo "FAIL: mpd exports core symbols to plugins: $(echo "$exported" | tr '\n' ' ')(link without -rdynamic)"
		fail=1
	fi
fi

if [ "$fail" -eq 0 ]; then
	echo "exec boundary: $checked core objects and $nplugins plugins clean"
fi
exit "$fail"
