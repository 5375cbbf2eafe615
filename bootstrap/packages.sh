#!/bin/sh
# packages.sh - the one reader of bootstrap/packages.txt (the packages mpd's
# scripts install, per release and role, and the programs they bring).
#
# Usage: packages.sh [--release CODENAME] COMMAND [ARGS]
#   list ROLE...        the packages of these roles, on one line
#   programs ROLE...    the programs of these roles, one a line
#   table ROLE...       the same as "PACKAGE PROGRAM" lines
#   install ROLE...     apt-get install (--no-install-recommends) those of
#                       the roles' packages that are missing; as the dev
#                       user through sudo, as root directly; idempotent
#   need PROGRAM...     install the packages that bring these programs
#                       (names or paths from the programs column)
#   release             the release whose rows the commands use
#   header              the C header of the preflight rows (the build
#                       makes preflight_tools.h with it)
#   check               validate the file (every command does, too)
# The release is this machine's (VERSION_CODENAME in /etc/os-release)
# unless --release or MPD_RELEASE names one; a release the file does not
# name uses its target release's rows, with a warning.  Roles and columns:
# the comments at the top of packages.txt.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
file=${MPD_PACKAGES_FILE:-$here/packages.txt}
release=${MPD_RELEASE:-}

usage() {
	echo "usage: packages.sh [--release CODENAME] list|programs|table|install ROLE... | need PROGRAM... | release | header | check"
}

while [ "$#" -gt 0 ]; do
	case "$1" in
	--release) [ "$#" -ge 2 ] || { usage >&2; exit 2; }; release=$2; shift ;;
	--file) [ "$#" -ge 2 ] || { usage >&2; exit 2; }; file=$2; shift ;;
	-h|--help) usage; exit 0 ;;
	-*) echo "packages.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
	*) break ;;
	esac
	shift
done
[ "$#" -ge 1 ] || { usage >&2; exit 2; }
cmd=$1
shift
[ -r "$file" ] || { echo "packages.sh: cannot read $file" >&2; exit 2; }

if [ -z "$release" ] && [ "$cmd" != header ] && [ "$cmd" != check ]; then
	# shellcheck disable=SC1091 # the machine's, read at run time
	release=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}") ||
		release=""
	[ -n "$release" ] || {
		echo "packages.sh: no VERSION_CODENAME in /etc/os-release: set MPD_RELEASE (e.g. trixie)" >&2
		exit 2
	}
fi

# rows MODE ARGS...: the one parser.  Validates every line, then prints
# what MODE asks for (see the commands above).  Exits 2 naming the line of
# a bad row.
rows() {
	mode=$1
	shift
	awk -v mode="$mode" -v want_release="$release" -v args="$*" -v f="$file" '
	function fail(msg) { printf "packages.sh: %s:%d: %s\n", f, NR, msg > "/dev/stderr"; bad = 1; exit 2 }
	function cstr(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return "\"" s "\"" }
	BEGIN {
		split("product preflight build suite bed client bench", r, " ")
		for (i in r) known_role[r[i]] = 1
		nargs = split(args, arg, " ")
		for (i = 1; i <= nargs; i++) wanted[arg[i]] = 1
	}
	/^[ \t]*(#|$)/ { next }
	$1 == "%release" {
		if (NF < 2 || NF > 3 || (NF == 3 && $3 != "target")) fail("write %release CODENAME [target]")
		if ($2 !~ /^[a-z][a-z0-9-]*$/) fail("release \"" $2 "\" is not a codename")
		named[$2] = 1; order[++nrel] = $2
		if (NF == 3) { if (target != "") fail("two target releases"); target = $2 }
		next
	}
	{
		if (NF < 4) fail("write: package releases roles programs [why]")
		if ($1 !~ /^[a-z0-9][a-z0-9.+-]*$/) fail("package \"" $1 "\" is not a Debian package name")
		if ($1 in seen) fail("package " $1 " is listed twice")
		seen[$1] = 1
		n = split($2, rels, ",")
		for (i = 1; i <= n; i++)
			if (rels[i] != "all" && !(rels[i] in named)) fail("release \"" rels[i] "\" is not named by a %release line above")
		n = split($3, roles, ","); product = 0; preflight = 0
		for (i = 1; i <= n; i++) {
			if (!(roles[i] in known_role)) fail("role \"" roles[i] "\" is unknown (product preflight build suite bed client bench)")
			if (roles[i] == "product") product = 1
			if (roles[i] == "preflight") preflight = 1
		}
		if (preflight && !product) fail("a preflight row must also be a product row")
		if (preflight && $4 == "-") fail("a preflight row needs a program")
		why = $0
		for (i = 1; i <= 4; i++) sub(/^[ \t]*[^ \t]+/, "", why)
		sub(/^[ \t]+/, "", why)
		row++; pkg[row] = $1; rel[row] = $2; role[row] = $3; prog[row] = $4; note[row] = why
	}
	function in_release(k,   n, i, x) {
		n = split(rel[k], x, ",")
		for (i = 1; i <= n; i++) if (x[i] == "all" || x[i] == use) return 1
		return 0
	}
	function has_role(k,   n, i, x) {
		n = split(role[k], x, ",")
		for (i = 1; i <= n; i++) if (x[i] in wanted) return 1
		return 0
	}
	END {
		if (bad) exit 2
		if (target == "") { NR = 0; fail("no %release line is the target") }
		if (mode == "check") exit 0
		if (mode == "header") {
			print "/* preflight_tools.h - generated from bootstrap/packages.txt by"
			print " * bootstrap/packages.sh header: do not edit.  The preflight rows: what"
			print " * `mpd --setup` checks before it changes anything, per release. */"
			print "#define PREFLIGHT_TARGET_RELEASE " cstr(target)
			print "static const char *const preflight_releases[] = {"
			for (i = 1; i <= nrel; i++) print "\t" cstr(order[i]) ","
			print "\tNULL,"
			print "};"
			print "static const struct preflight_tool preflight_tools[] = {"
			for (k = 1; k <= row; k++) {
				if (role[k] !~ /(^|,)preflight(,|$)/) continue
				n = split(rel[k], x, ",")
				np = split(prog[k], p, ",")
				for (i = 1; i <= n; i++)
					for (j = 1; j <= np; j++)
						printf "\t{ %s, %s, %s, %s },\n", cstr(x[i] == "all" ? "*" : x[i]), cstr(p[j]), cstr(pkg[k]), cstr(note[k])
			}
			print "};"
			exit 0
		}
		use = want_release
		if (!(use in named)) {
			printf "packages.sh: Debian %s is not named in %s: using the rows of %s\n", use, f, target > "/dev/stderr"
			use = target
		}
		if (mode == "release") { print use; exit 0 }
		if (mode == "need") {
			for (a = 1; a <= nargs; a++) {
				found = 0
				for (k = 1; k <= row; k++) {
					if (!in_release(k)) continue
					np = split(prog[k], p, ",")
					for (j = 1; j <= np; j++) if (p[j] == arg[a]) found = k
				}
				if (!found) { printf "packages.sh: no package of %s brings %s: add it to %s\n", use, arg[a], f > "/dev/stderr"; exit 2 }
				if (!(pkg[found] in out)) { out[pkg[found]] = 1; line = line (line == "" ? "" : " ") pkg[found] }
			}
			print line
			exit 0
		}
		for (a = 1; a <= nargs; a++)
			if (!(arg[a] in known_role)) { printf "packages.sh: role \"%s\" is unknown (product preflight build suite bed client bench)\n", arg[a] > "/dev/stderr"; exit 2 }
		for (k = 1; k <= row; k++) {
			if (!in_release(k) || !has_role(k)) continue
			if (mode == "list") line = line (line == "" ? "" : " ") pkg[k]
			else if ((mode == "programs" || mode == "table") && prog[k] != "-") {
				np = split(prog[k], p, ",")
				for (j = 1; j <= np; j++) print (mode == "table" ? pkg[k] " " : "") p[j]
			}
		}
		if (mode == "list") print line
	}' "$file"
}

# install PACKAGE...: apt-get install the missing ones
install_pkgs() {
	missing=""
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q "install ok installed" || missing="$missing $p"
	done
	if [ -z "$missing" ]; then
		echo "packages: all installed ($*)"
		return 0
	fi
	if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
	echo "packages: installing$missing"
	$SUDO apt-get update -qq
	# shellcheck disable=SC2086 # the package list is split on purpose
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends $missing >/dev/null
}

case "$cmd" in
list|programs|table)
	[ "$#" -ge 1 ] || { usage >&2; exit 2; }
	rows "$cmd" "$@" ;;
install)
	[ "$#" -ge 1 ] || { usage >&2; exit 2; }
	pkgs=$(rows list "$@")
	# shellcheck disable=SC2086 # the package list is split on purpose
	install_pkgs $pkgs ;;
need)
	[ "$#" -ge 1 ] || { usage >&2; exit 2; }
	pkgs=$(rows need "$@")
	# shellcheck disable=SC2086 # the package list is split on purpose
	install_pkgs $pkgs ;;
release|header|check)
	[ "$#" -eq 0 ] || { usage >&2; exit 2; }
	rows "$cmd" ;;
*)
	echo "packages.sh: unknown command '$cmd'" >&2
	usage >&2
	exit 2 ;;
esac
