#!/bin/sh
# test-hook-assets.sh - the shell side of hooks (docs/HOOKS.md), run for
# real: mpd-hooks-list.sh's listing of a project's own hooks, the DB
# graceful-stop hooks' refusal to signal a PID 1 that is not their server
# (signalling the real one needs a DB container: tests/e2e/test-hooks.sh),
# and the wrapper mpd runs every hook in (`timeout --kill-after=5 T bash
# SCRIPT`, with short times here): a script past its time is gone
# afterwards with its children, also one that ignores SIGTERM.
set -u
. "${top_srcdir:?}/tests/scripts/lib.sh"
top=$(cd "$top_srcdir" && pwd -P)
list=$top/assets/runtime-base/lib/mpd-hooks-list.sh

t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

# ---- mpd-hooks-list.sh
tree=$t/projects/p
mkdir -p "$tree/.mpd/hooks/project-pre-start.d/sub" "$tree/.mpd/hooks/bogus.d" \
	"$tree/.mpd/hooks/project-post-start.d"
: >"$tree/.mpd/hooks/project-pre-start.d/20-b.sh"
: >"$tree/.mpd/hooks/project-pre-start.d/10-a.sh"
: >"$tree/.mpd/hooks/project-pre-start.d/B-upper.sh"
: >"$tree/.mpd/hooks/project-pre-start.d/notes.txt"
: >"$tree/.mpd/hooks/bogus.d/x.sh"
: >"$tree/.mpd/hooks/stray"
want="D bogus.d
F bogus.d/x.sh
D project-post-start.d
D project-pre-start.d
F project-pre-start.d/10-a.sh
F project-pre-start.d/20-b.sh
F project-pre-start.d/B-upper.sh
F project-pre-start.d/notes.txt
X project-pre-start.d/sub
N stray"
got=$(bash "$list" "$tree" 2>&1)
if [ "$got" = "$want" ]; then ok; else bad "mpd-hooks-list.sh listed:
$got
expected:
$want"; fi
if got=$(bash "$list" "$t/projects/none" 2>&1) && [ -z "$got" ]; then ok
else bad "a tree without .mpd/hooks: '$got'"; fi
if bash "$list" >/dev/null 2>&1; then bad "mpd-hooks-list.sh ran without a tree"; else ok; fi

# ---- the graceful-stop hooks leave a PID 1 that is not their server alone
comm=$(cat /proc/1/comm)
for eng in postgres mariadb mysql; do
	hook=$top/assets/dbs/$eng/hooks/mpd-pre-stop.d/90-graceful-stop.sh
	if [ ! -f "$hook" ]; then
		bad "$eng ships no mpd-pre-stop graceful-stop hook"
		continue
	fi
	case $comm in postgres | mariadbd | mysqld)
		bad "PID 1 here is a DB server ($comm): not signalling it"
		continue ;;
	esac
	out=$(bash "$hook" 2>&1)
	rc=$?
	if [ "$rc" -eq 1 ]; then ok; else bad "$eng hook with PID 1 '$comm': exit $rc"; fi
	case $out in
	*"PID 1 is '$comm'"*"left to the container's stop"*) ok ;;
	*) bad "$eng hook with PID 1 '$comm' said: $out" ;;
	esac
done

# ---- the wrapper: timeout(1) ends the script's whole process group
# (unique sleep lengths find the children afterwards)
left() {
	for c in /proc/[0-9]*/cmdline; do
		{ tr '\0' ' ' <"$c"; } 2>/dev/null | grep -q "^sleep $1 " && echo "$c"
	done
}
printf 'sleep 3137 &\nsleep 3138\n' >"$t/sleeps.sh"
printf "trap '' TERM\nsleep 3139 &\nsleep 3140\n" >"$t/stubborn.sh"
timeout --kill-after=1 1 bash "$t/sleeps.sh"
rc=$?
if [ "$rc" -eq 124 ]; then ok; else bad "timeout of a sleeping hook: exit $rc (want 124)"; fi
sleep 0.3
if [ -z "$(left 3137)$(left 3138)" ]; then ok; else bad "a timed-out hook left processes: $(left 3137) $(left 3138)"; fi
start=$(date +%s)
# (in a shell of its own: its "Killed" is not this test's output)
sh -c 'timeout --kill-after=1 1 bash "$1"; echo $? >"$2"' sh \
	"$t/stubborn.sh" "$t/rc" 2>/dev/null
rc=$(cat "$t/rc")
took=$(($(date +%s) - start))
if [ "$rc" -eq 137 ]; then ok; else bad "timeout of a hook ignoring TERM: exit $rc (want 137)"; fi
if [ "$took" -le 4 ]; then ok; else bad "the SIGKILL came after $took s"; fi
sleep 0.3
if [ -z "$(left 3139)$(left 3140)" ]; then ok; else bad "a hook ignoring TERM left processes: $(left 3139) $(left 3140)"; fi
finish
