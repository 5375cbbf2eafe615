#!/bin/sh
# test-oplock.sh - whole mutating commands run one at a time on the VM
# (issue 7): two `mpd --stop` started together against a fake podman that
# sleeps never interleave their podman calls, the second says whom it
# waits for, and read-only commands (--status, list, --help) run meanwhile
# without waiting (a kill -9 of the holder frees the lock at once).
set -u
. "${top_srcdir:?}/tests/scripts/lib.sh"
mpd="${top_builddir:?}/mpd"

root=$(mktemp -d)
chmod 755 "$root"
trap 'rm -rf "$root"' EXIT
state="$root/var/lib/mpd/state"
mkdir -p "$state" "$root/var/lib/mpd/conf" "$root/log"
printf '{"projects": []}\n' >"$state/projects.json"
printf 'MPD_PLATFORM=sandbox\nMPD_VM_IP=10.0.0.5\n' >"$root/var/lib/mpd/conf/platform.env"
echo 2 >"$root/sleep"
# mpd gives its children a clean environment: the fake's settings are
# spelled into it
cat >"$root/podman" <<EOF
#!/bin/sh
echo "begin \$\$ \$1" >>"$root/log/calls"
sleep "\$(cat "$root/sleep")"
echo "end \$\$" >>"$root/log/calls"
echo '[]'
EOF
chmod 755 "$root/podman"
chmod -R 777 "$root/var" "$root/log"
chmod 666 "$root/sleep"
export MPD_TEST_ROOT="$root" MPD_PODMAN="$root/podman" MPD_PODMAN_NO_SUDO=1 \
	MPD_PLUGIN_PATH="$root/none" MPD_STOP_DOES_NOT_SHUTDOWN_VM=1

# wait_for FILE PATTERN: up to 10 s for a line matching PATTERN
wait_for() {
	i=0
	while [ "$i" -lt 100 ]; do
		grep -q "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# ---- two mutating commands: serialized, the second says whom for
as_user "$mpd" --stop >"$root/a.out" 2>"$root/a.err" &
a=$!
wait_for "$root/log/calls" '^begin' || bad "the first --stop never called podman"
holder=$(cat "$state/.oplock" 2>/dev/null)
case "$holder" in
[0-9]*" mpd --stop") ok ;;
*) bad "lock file while --stop runs: '$holder'" ;;
esac
as_user "$mpd" --stop >"$root/b.out" 2>"$root/b.err" &
b=$!
wait "$a"; rca=$?
wait "$b"; rcb=$?
[ "$rca" -eq 0 ] && [ "$rcb" -eq 0 ] && ok ||
	bad "--stop exit codes $rca/$rcb: $(cat "$root/a.err" "$root/b.err")"
# every podman call of one command ends before the other's begins
calls=$(cut -d' ' -f1 "$root/log/calls" | tr '\n' ' ')
case "$calls" in
*"begin begin"* | *"end end"* | "") bad "podman calls interleaved: $calls" ;;
*) ok ;;
esac
want="mpd: waiting for mpd --stop, pid ${holder%% *}"
[ "$(cat "$root/b.err")" = "$want" ] && ok ||
	bad "second --stop's stderr: '$(cat "$root/b.err")', want '$want'"
[ ! -s "$root/a.err" ] && ok || bad "the first --stop waited: $(cat "$root/a.err")"
[ ! -e "$state/.oplock" ] && ok || bad "lock file left after both ended"

# ---- read-only commands run beside a mutating one and never wait
: >"$root/log/calls"
echo 4 >"$root/sleep"
as_user "$mpd" --stop >"$root/a.out" 2>"$root/a.err" &
a=$!
wait_for "$root/log/calls" '^begin' || bad "--stop never called podman"
spid=$(awk '/^begin/ { print $2; exit }' "$root/log/calls")
echo 0 >"$root/sleep"	# the read-only commands' podman answers at once
for cmd in "--status" "list services" "--help" "--version" "show demo" \
    "demo" "help demo"; do
	# shellcheck disable=SC2086 # the words of $cmd are separate arguments
	as_user "$mpd" $cmd >"$root/r.out" 2>"$root/r.err"
	if grep -q "waiting for" "$root/r.err"; then
		bad "mpd $cmd waited: $(cat "$root/r.err")"
	elif grep -q "^end $spid\$" "$root/log/calls"; then
		bad "mpd $cmd ended only after --stop's podman call"
	else
		ok
	fi
done
# and --stop was holding the lock all along
[ -e "$state/.oplock" ] && ok || bad "--stop ended before the read-only commands did"
# a project verb that changes things waits like the action flags
as_user "$mpd" create demo >"$root/c.out" 2>"$root/c.err"
wait "$a" && ok || bad "--stop failed: $(cat "$root/a.err")"
grep -q "^mpd: waiting for mpd --stop, pid " "$root/c.err" && ok ||
	bad "mpd create demo did not wait: $(cat "$root/c.err")"

# ---- a holder killed with -9 does not block the next command
echo 3 >"$root/sleep"
: >"$root/log/calls"
as_user "$mpd" --stop >"$root/a.out" 2>"$root/a.err" &
wait_for "$root/log/calls" '^begin' || bad "--stop never called podman"
spid=$(awk '/^begin/ { print $2; exit }' "$root/log/calls")
holder=$(cat "$state/.oplock" 2>/dev/null)
kill -9 "${holder%% *}" 2>/dev/null && ok || bad "cannot kill the holder '$holder'"
wait
echo 0 >"$root/sleep"
as_user "$mpd" --stop >"$root/b.out" 2>"$root/b.err" && ok ||
	bad "--stop after a killed holder: $(cat "$root/b.err")"
[ ! -s "$root/b.err" ] && ok || bad "--stop after a killed holder waited: $(cat "$root/b.err")"
# the killed command's podman (3 s) ends on its own before the tree goes
wait_for "$root/log/calls" "^end $spid\$" || bad "the killed --stop's podman never ended"

finish
