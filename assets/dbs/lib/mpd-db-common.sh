# mpd-db-common.sh - what every assets/dbs/<engine>/mpd-db-run shares
# (sourced; docs/DATABASES.md): the argument contract, the version guard
# ("Version safety") and its marker, and the steps every engine takes
# before its server runs.
#
#   mpd-db-run ENGINE MAJOR DATA_DIR MODE
#       the DB container's command, run as root in it: MAJOR is the
#       server's major version ("17", "11.8") or `auto` (the image's
#       server says), MODE `local` (an image mpd built from Debian's
#       packages) or `official` (the engine's official image, its
#       docker-entrypoint.sh does the first initialisation).  Checks the
#       data directory, initialises an empty one (local) and execs the
#       server, which then gets the container's stop signal itself.
#   mpd-db-run --check ENGINE MAJOR DATA_DIR
#       the checks only; writes nothing.
#   mpd-db-run --mark ENGINE MAJOR DATA_DIR
#       the checks, then the marker an existing directory that passes
#       and has none gets (what the server's start does first).
#
# The marker is DATA_DIR.mpd-db, beside the data: `engine=E`, `version=M`.
# A marker beside a missing or empty directory describes no data and is
# not consulted (the directory was moved away: the fix below).
#
# Exit: 0 passed (--check, --mark), 78 (MPD_DB_EXIT_REFUSED) the data
# directory is another engine's or another major's, or unknown: ONE line
# `mpd-db: <what was found>; <the fix>` on stderr, nothing written; 2 bad
# arguments; 1 anything else (the image, a failed initialisation).
#
# The sourcing script sets db_engine and defines, for its engine:
#   db_server_major MAJOR MODE   print the image's server's major version
#   db_init_local MAJOR DIR      initialise the new, empty directory DIR
#   db_own_local DIR             give existing data to the server's user
#   db_exec_local MAJOR DIR      exec the server (local images)
#   db_exec_official MAJOR DIR   exec the official image's entrypoint
#
# Sourced into a script that runs with `set -euo pipefail`: the hooks fail
# as soon as one of their commands does (their tools say why).
# shellcheck shell=bash

shopt -s inherit_errexit
: "${db_engine:?set by the sourcing mpd-db-run}"
mpd_db_refused=78	# MPD_DB_EXIT_REFUSED (sdk/include/mpd/plugin.h)
mpd_db_re_dir='^(/[A-Za-z0-9_][A-Za-z0-9._-]*)+$'
mpd_db_re_major='^[0-9]+(\.[0-9]+)?$'

mpd_db_refuse() {
	printf 'mpd-db: %s\n' "$*" >&2
	exit "$mpd_db_refused"
}
mpd_db_fail() {
	printf 'mpd-db-run: %s\n' "$*" >&2
	exit 1
}
mpd_db_usage() {
	printf 'mpd-db-run: %s\n' "$*" >&2
	printf 'usage: mpd-db-run %s MAJOR|auto DATA_DIR local|official\n       mpd-db-run --check|--mark %s MAJOR DATA_DIR\n' \
		"$db_engine" "$db_engine" >&2
	exit 2
}

mpd_db_pretty() {
	case $1 in
	postgres) echo PostgreSQL ;;
	mariadb) echo MariaDB ;;
	mysql) echo MySQL ;;
	*) echo "$1" ;;
	esac
}

# mpd_db_args ENGINE MAJOR DIR: the arguments every mode shares
mpd_db_args() {
	[ "$1" = "$db_engine" ] ||
		mpd_db_usage "engine '$1': this is $db_engine's mpd-db-run (assets/dbs/$1/mpd-db-run runs $1)"
	[[ $2 =~ $mpd_db_re_major ]] || [ "$2" = auto ] ||
		mpd_db_usage "major version '$2': give one such as 17 or 11.8, or auto"
	[[ $3 =~ $mpd_db_re_dir ]] ||
		mpd_db_usage "data directory '$3': give an absolute path of letters, digits and ._- parts"
}

# The entries of DIR, dot files too, sorted, in mpd_db_entries (bash
# globbing: the official images' find may be busybox's).
mpd_db_list() {
	local old
	old=$(shopt -p nullglob dotglob || true)
	shopt -s nullglob dotglob
	mpd_db_entries=("$1"/*)
	eval "$old"
}

# one line: the first entries of DIR, unprintable bytes as '?'
mpd_db_sample() {
	local f name out=""
	mpd_db_list "$1"
	for f in "${mpd_db_entries[@]:0:3}"; do
		name=${f##*/}
		out=${out:+$out, }${name//[![:print:]]/?}
	done
	printf '%s' "$out"
}

# the first line of a small text file, printable only, at most 64 bytes
mpd_db_head() {
	head -c 64 "$1" | head -n 1 | tr -cd '[:print:]'
}

# N.M of a version string ("10.11.19-MariaDB" -> 10.11); empty if none
mpd_db_xy() {
	sed -n 's/^[^0-9]*\([0-9][0-9]*\.[0-9][0-9]*\).*/\1/p' <<<"$1"
}

# mpd_db_found ENGINE EVIDENCE: add to what mpd_db_detect found
mpd_db_found() {
	case " $det_engines " in
	*" $1 "*) ;;
	*) det_engines=${det_engines:+$det_engines }$1 ;;
	esac
	det_evidence=${det_evidence:+$det_evidence, }$2
}

# mpd_db_detect DIR: which engine's files DIR holds.  Sets det_engines
# (the engines found, space-separated), det_evidence (the files that say
# so) and det_version_<engine> (its version record, or empty).
mpd_db_detect() {
	local dir=$1 info text e
	det_engines="" det_evidence=""
	# shellcheck disable=SC2034 # read through ${!name}
	det_version_postgres="" det_version_mariadb="" det_version_mysql=""
	if [ -f "$dir/PG_VERSION" ]; then
		det_version_postgres=$(mpd_db_head "$dir/PG_VERSION" | tr -cd '0-9.')
		mpd_db_found postgres "PG_VERSION ${det_version_postgres:-unreadable}"
	fi
	[ ! -e "$dir/aria_log_control" ] || mpd_db_found mariadb aria_log_control
	for info in mariadb_upgrade_info mysql_upgrade_info; do
		[ -f "$dir/$info" ] || continue
		text=$(mpd_db_head "$dir/$info")
		case $info:$text in
		mariadb_*|*MariaDB*) e=mariadb ;;
		*) e=mysql ;;
		esac
		printf -v "det_version_$e" '%s' "$(mpd_db_xy "$text")"
		mpd_db_found "$e" "$info ${text:-empty}"
	done
	[ ! -e "$dir/mysql.ibd" ] || mpd_db_found mysql mysql.ibd
	if [ -z "$det_engines" ] && [ -e "$dir/mysql/user.frm" ]; then
		mpd_db_found mysql mysql/user.frm	# MySQL before 8.0
	fi
}

# mpd_db_guard ENGINE MAJOR DIR: the three checks of "Version safety";
# refuses (exit 78) or returns with mpd_db_state `empty` (nothing to
# protect: missing or empty) or `data`, and mpd_db_marked 1 when DIR's
# marker is there (and matches).
mpd_db_guard() {
	local engine=$1 major=$2 dir=$3 marker=$3.mpd-db
	local want found ver vname m_engine m_version pretty
	pretty=$(mpd_db_pretty "$engine")
	want="$pretty $major"
	mpd_db_state=empty mpd_db_marked=0
	if [ -e "$dir" ] || [ -L "$dir" ]; then
		[ -d "$dir" ] ||
			mpd_db_refuse "$dir is not a directory; move it away, then start $want again"
		if [ ! -r "$dir" ] || [ ! -x "$dir" ]; then
			mpd_db_refuse "$dir cannot be read; give it back to root, then start $want again"
		fi
	fi
	[ -d "$dir" ] || return 0
	mpd_db_list "$dir"
	[ "${#mpd_db_entries[@]}" -gt 0 ] || return 0
	mpd_db_state=data
	# 1. the marker mpd wrote
	if [ -e "$marker" ] || [ -L "$marker" ]; then
		if [ ! -f "$marker" ] || [ ! -r "$marker" ]; then
			mpd_db_refuse "$marker (the marker of $dir) is not a readable file; remove it if $dir holds $want data, else move $dir away and restore your dumps into $want"
		fi
		m_engine=$(sed -n '/^engine=[a-z][a-z]*$/{s/^engine=//p;q;}' "$marker")
		m_version=$(sed -n '/^version=[0-9][0-9.]*$/{s/^version=//p;q;}' "$marker")
		if [ -z "$m_engine" ] || [ -z "$m_version" ]; then
			mpd_db_refuse "$marker (the marker of $dir) names no engine= and version=; remove it if $dir holds $want data, else move $dir away and restore your dumps into $want"
		fi
		if [ "$m_engine" != "$engine" ] || [ "$m_version" != "$major" ]; then
			found="$(mpd_db_pretty "$m_engine") $m_version"
			mpd_db_refuse "$dir holds $found data (its marker $marker), not $want; start $found on it, dump, move $dir away, then restore the dump into $want (mpd never upgrades data in place)"
		fi
		mpd_db_marked=1
	fi
	# 2. the engine's own files and version record
	mpd_db_detect "$dir"
	case $det_engines in
	"")	# 3. nothing an engine made
		mpd_db_refuse "$dir holds files no database engine made ($(mpd_db_sample "$dir")); move $dir away, then start $want again (mpd makes a new one) and restore your dumps into it"
		;;
	*" "*)
		mpd_db_refuse "$dir holds files of several engines ($det_evidence); move $dir away, then start $want again (mpd makes a new one) and restore your dumps into it"
		;;
	esac
	vname=det_version_$det_engines
	ver=${!vname}
	found="$(mpd_db_pretty "$det_engines")${ver:+ $ver}"
	if [ "$det_engines" != "$engine" ] || { [ -n "$ver" ] && [ "$ver" != "$major" ]; }; then
		mpd_db_refuse "$dir holds $found data ($det_evidence), not $want; start $found on it, dump, move $dir away, then restore the dump into $want (mpd never upgrades data in place)"
	fi
}

# mpd_db_mark ENGINE MAJOR DIR: write DIR's marker (atomically)
mpd_db_mark() {
	local marker=$3.mpd-db
	if ! { printf 'engine=%s\nversion=%s\n' "$1" "$2" >"$marker.tmp.$$" &&
		mv -f "$marker.tmp.$$" "$marker"; }; then
		rm -f "$marker.tmp.$$"
		mpd_db_fail "cannot write $marker"
	fi
}

# mpd_db_main "$@": the modes of the header
mpd_db_main() {
	local mode engine major dir server_major init
	case ${1-} in
	--check | --mark)
		mode=$1
		shift
		[ "$#" -eq 3 ] || mpd_db_usage "$mode takes ENGINE MAJOR DATA_DIR"
		[ "$2" != auto ] || mpd_db_usage "$mode needs the major version, not auto"
		mpd_db_args "$@"
		mpd_db_guard "$@"
		if [ "$mode" = --mark ] && [ "$mpd_db_state" = data ] && [ "$mpd_db_marked" = 0 ]; then
			mpd_db_mark "$@"
		fi
		return 0
		;;
	esac
	[ "$#" -eq 4 ] || mpd_db_usage "takes ENGINE MAJOR DATA_DIR MODE"
	mpd_db_args "$1" "$2" "$3"
	engine=$1 major=$2 dir=$3 mode=$4
	case $mode in
	local | official) ;;
	*) mpd_db_usage "mode '$mode': local or official" ;;
	esac
	[ "$mode" = official ] || [ "$major" != auto ] ||
		mpd_db_usage "a local image's major version is known: give it, not auto"
	[ "$(id -u)" -eq 0 ] ||
		mpd_db_fail "runs as root in the DB container (it is the container's command); use --check to test a directory"
	server_major=$(db_server_major "$major" "$mode")
	if [ "$major" = auto ]; then
		major=$server_major
	elif [ "$major" != "$server_major" ] && [ "$mode" = local ]; then
		mpd_db_fail "this image runs $(mpd_db_pretty "$engine") $server_major, not $major: it is not the image mpd built for $major; remove it and mpd builds it again"
	elif [ "$major" != "$server_major" ]; then
		mpd_db_fail "this image runs $(mpd_db_pretty "$engine") $server_major, not $major: [plugin.$engine] image in mpd.ini names another server's image"
	fi
	mpd_db_guard "$engine" "$major" "$dir"
	install -d -m 0755 "${dir%/*}" || mpd_db_fail "cannot make ${dir%/*}"
	if [ "$mode" = official ]; then
		# the entrypoint initialises an empty directory itself
		[ "$mpd_db_marked" = 1 ] || mpd_db_mark "$engine" "$major" "$dir"
		db_exec_official "$major" "$dir"
		mpd_db_fail "could not start the official image's entrypoint"
	fi
	if [ "$mpd_db_state" = empty ]; then
		# initialised beside it, then moved into place: an interrupted
		# initialisation leaves no half-made data directory behind
		init=$dir.mpd-init
		rm -rf "$init"
		db_init_local "$major" "$init"
		if [ -d "$dir" ]; then
			rmdir "$dir" || mpd_db_fail "cannot replace the empty $dir"
		fi
		mv "$init" "$dir" || mpd_db_fail "cannot move $init to $dir"
		mpd_db_mark "$engine" "$major" "$dir"
	else
		db_own_local "$dir"
		[ "$mpd_db_marked" = 1 ] || mpd_db_mark "$engine" "$major" "$dir"
	fi
	db_exec_local "$major" "$dir"
	mpd_db_fail "could not start the server"
}
