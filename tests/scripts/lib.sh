# lib.sh - shared helpers for the shell test scripts (sourced, not run).
# Each script counts with ok/bad and ends with `finish`, which prints the
# closing line "N passed, N failed" and sets the exit status.

pass=0
failn=0
ok() { pass=$((pass + 1)); }
bad() { failn=$((failn + 1)); printf 'FAIL: %s\n' "$*"; }
finish() {
	echo "$pass passed, $failn failed"
	[ "$failn" -eq 0 ]
}

# mpd refuses to run as root, and CI runs as root: run it as `nobody`
# there (the harness sets the identity; mpd never switches).
as_user() {
	if [ "$(id -u)" -eq 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
	else
		"$@"
	fi
}

# expect CODE NEEDLE CMD... : run CMD as the user, check exit code and that
# stdout+stderr contain NEEDLE (empty NEEDLE: no check).
expect() {
	want_rc=$1
	needle=$2
	shift 2
	out=$(as_user "$@" 2>&1)
	rc=$?
	if [ "$rc" -ne "$want_rc" ]; then
		bad "$*: expected exit $want_rc, got $rc: $out"
		return
	fi
	case "$out" in
	*"$needle"*) ok ;;
	*) bad "$*: expected output containing '$needle', got: $out" ;;
	esac
}
