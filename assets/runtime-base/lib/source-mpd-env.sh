# source-mpd-env.sh - the layered mpd.env loader (sourced, bash).
#
# Four layers, read in this order, the last assignment wins:
#   1. assets/runtimes/<runtimeDir>/mpd-defaults.env           runtime defaults
#   2. assets/runtimes/<runtimeDir>/project_types/<type>/mpd-defaults.env
#   3. /var/lib/mpd/env/mpd-vm.env                               the VM's (developer)
#   4. /srv/projects/<p>/mpd.env                                 the project's
# runtimeDir and type come from /srv/meta/<p>/project.json (jq); without it
# the runtime directory is this runtime's (/etc/mpd/runtime-dir) and layer 2
# is skipped.  A missing layer is skipped.
#
# Files are PARSED, never sourced or eval'd: only lines matching
# ^(MPD_[A-Z0-9_]+)=(.*)$ count (comments, blank lines, `export X=`, other
# names are ignored), one layer of surrounding "..." or '...' is stripped,
# and the value is assigned literally (printf -v + export).  So
# MPD_X=$(rm -rf ~) is the string "$(rm -rf ~)".  KEY="" assigns the empty
# string: it blocks what an earlier layer set.  MPD_TEST_ROOT is never
# taken from a file.
#
# Sourcing this file with PROJECT_NAME set loads that project's layers (what
# a type script does: it runs with PROJECT_NAME=<p>); without it, it only
# defines the functions:
#   mpd_env_load [PROJECT]   load the layers (default $PROJECT_NAME)
#   mpd_env_parse FILE       assign one file's MPD_* lines
#   mpd_project_from_pwd     print the project $PWD is in (/srv/projects/<p>/...)
# After mpd_env_load: mpd_env_runtime_dir and mpd_env_type name the layers
# used (shell variables, not exported).
# shellcheck shell=bash

mpd_env_lib=$(dirname "${BASH_SOURCE[0]}")
# shellcheck source=SCRIPTDIR/mpd-paths.sh
. "$mpd_env_lib/mpd-paths.sh"

# mpd_env_parse FILE: assign and export every accepted line of FILE.
mpd_env_parse() {
	local line key val re='^(MPD_[A-Z0-9_]+)=(.*)$'
	[ -r "$1" ] || return 0
	while IFS= read -r line || [ -n "$line" ]; do
		line=${line%$'\r'}
		[[ $line =~ $re ]] || continue
		key=${BASH_REMATCH[1]}
		val=${BASH_REMATCH[2]}
		[ "$key" != MPD_TEST_ROOT ] || continue
		if [ "${#val}" -ge 2 ]; then
			case $val in
			\"*\" | \'*\') val=${val:1:${#val}-2} ;;
			esac
		fi
		printf -v "$key" '%s' "$val"
		export "${key?}"
	done <"$1"
}

# mpd_env_load [PROJECT]: the four layers for PROJECT (default
# $PROJECT_NAME).  1 with one line on stderr when there is no valid project.
mpd_env_load() {
	local p=${1:-${PROJECT_NAME:-}} meta dir="" type=""
	if [ -z "$p" ]; then
		echo "source-mpd-env.sh: PROJECT_NAME is not set (the project whose mpd.env to load)" >&2
		return 1
	fi
	if ! mpd_valid_project "$p"; then
		echo "source-mpd-env.sh: '$p' is not a project name" >&2
		return 1
	fi
	meta=$mpd_srv/meta/$p/project.json
	if [ -r "$meta" ]; then
		dir=$(jq -r '.runtimeDir // empty' "$meta" 2>/dev/null) || dir=""
		type=$(jq -r '.type // empty' "$meta" 2>/dev/null) || type=""
	fi
	[ -n "$dir" ] || dir=$(mpd_read_line "$mpd_etc/runtime-dir")
	[[ $dir =~ $mpd_re_runtime ]] || dir=""
	[[ $type =~ $mpd_re_type ]] || type=""
	# shellcheck disable=SC2034 # for the caller
	mpd_env_runtime_dir=$dir
	# shellcheck disable=SC2034 # for the caller
	mpd_env_type=$type
	if [ -n "$dir" ]; then
		mpd_env_parse "$mpd_assets/runtimes/$dir/mpd-defaults.env"
		[ -z "$type" ] ||
			mpd_env_parse "$mpd_assets/runtimes/$dir/project_types/$type/mpd-defaults.env"
	fi
	mpd_env_parse "$mpd_var/env/mpd-vm.env"
	mpd_env_parse "$mpd_srv/projects/$p/mpd.env"
}

# mpd_project_from_pwd: print the name of the project $PWD is inside
# (/srv/projects/<p> or below); 1 with one line on stderr otherwise.
mpd_project_from_pwd() {
	local rest p
	case $PWD/ in
	"$mpd_srv/projects/"?*/)
		rest=${PWD#"$mpd_srv/projects/"}
		p=${rest%%/*}
		if mpd_valid_project "$p"; then
			printf '%s\n' "$p"
			return 0
		fi
		;;
	esac
	echo "not inside a project ($mpd_srv/projects/<name>/...): cd into one" >&2
	return 1
}

if [ -n "${PROJECT_NAME:-}" ]; then
	mpd_env_load "$PROJECT_NAME" || return 1
fi
