#!/bin/sh
# check-privilege-boundary.sh - the spec's privilege rule for shell code,
# checked mechanically (docs/TESTING.md):
#   - scripts run as the dev user and sudo single commands:
#     no `sudo bash|sh FILE`, no `sudo FILE.sh`;
#   - no switching to another non-root user: no `sudo -u`, `runuser`,
#     `su USER` (elevation to root with `su -c`, `su -`, `su root` is allowed);
#   - every script is shellcheck-clean.
# Usage: check-privilege-boundary.sh [DIR...]   (default: assets bootstrap
# setup under $top_srcdir).  Exit 1 on a violation.
set -eu

top=${top_srcdir:-.}
SHELLCHECK=${SHELLCHECK:-shellcheck}
if [ "$#" -eq 0 ]; then
	set -- "$top/assets" "$top/bootstrap" "$top/setup"
fi

list=$(mktemp)
trap 'rm -f "$list"' EXIT
for dir in "$@"; do
	[ -d "$dir" ] || continue
	find "$dir" -type f | sort | while IFS= read -r f; do
		case "$f" in
		*.sh|*.bash) echo "$f" ;;
		*)
			first=$(head -c 64 "$f" 2>/dev/null | head -n 1 || true)
			case "$first" in
			'#!'*sh*) echo "$f" ;;
			esac
			;;
		esac
	done
done > "$list"

fail=0
report() {
	echo "FAIL: $1: $2"
	fail=1
}

nfiles=0
while IFS= read -r f; do
	nfiles=$((nfiles + 1))
	# code lines only (drop full-line comments), with line numbers
	code=$(grep -nvE '^[[:space:]]*#' "$f" || true)
	hits=$(echo "$code" | grep -E 'sudo([[:space:]]+-[a-zA-Z-]+)*[[:space:]]+(bash|sh|dash|zsh)[[:space:]]+[^-[:space:]]' || true)
	[ -z "$hits" ] || report "$f" "whole script run under sudo (run it as the dev user and sudo single commands): $hits"
	hits=$(echo "$code" | grep -E 'sudo([[:space:]]+-[a-zA-Z-]+)*[[:space:]]+[^[:space:]]+\.(sh|bash)([[:space:]]|$)' || true)
	[ -z "$hits" ] || report "$f" "script run under sudo: $hits"
	hits=$(echo "$code" | grep -E 'sudo([[:space:]]+-[a-zA-Z]+)*[[:space:]]+(-[a-zA-Z]*u([[:space:]]|[a-z])|--user)' || true)
	[ -z "$hits" ] || report "$f" "sudo -u switches to another user (forbidden): $hits"
	hits=$(echo "$code" | grep -E '(^[0-9]+:|[;&|[:space:](])runuser([[:space:]]|$)' || true)
	[ -z "$hits" ] || report "$f" "runuser switches to another user (forbidden): $hits"
	hits=$(echo "$code" | grep -E '(^[0-9]+:|[;&|[:space:](])su[[:space:]]+(-[[:space:]]+|-l[[:space:]]+|--login[[:space:]]+)?[a-z_][a-z0-9_-]*' |
		grep -vE '(^[0-9]+:|[;&|[:space:](])su[[:space:]]+(-[[:space:]]+|-l[[:space:]]+|--login[[:space:]]+)?root([[:space:]]|$)' || true)
	[ -z "$hits" ] || report "$f" "su to a non-root user (forbidden): $hits"
	if command -v "$SHELLCHECK" >/dev/null 2>&1; then
		if ! out=$("$SHELLCHECK" -x "$f" 2>&1); then
			report "$f" "shellcheck: $out"
		fi
	else
		report "$f" "shellcheck not found (apt-get install shellcheck)"
	fi
done < "$list"

if [ "$fail" -eq 0 ]; then
	echo "privilege boundary: $nfiles shell files clean"
fi
exit "$fail"
