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

# is WHAT GOT WANT: GOT is exactly WANT
is() {
	if [ "$2" = "$3" ]; then ok; else bad "$1: expected '$3', got '$2'"; fi
}

# run_tool DIR CMD...: CMD in DIR as the test user with $tools_path ahead
# of PATH (the tools as a runtime has them), stdin not a terminal, its
# output kept under $t; sets rc, out, err
# shellcheck disable=SC2034,SC2154 # the caller's $t and $tools_path; its rc, out, err
run_tool() {
	rdir=$1
	shift
	(cd "$rdir" && as_user env PATH="$tools_path:$PATH" "$@") \
		</dev/null >"$t/out" 2>"$t/err"
	rc=$?
	out=$(cat "$t/out")
	err=$(cat "$t/err")
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
