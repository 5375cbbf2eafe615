#!/bin/bash
# mpd-project.sh ACTION PROJECT [ARGS] - the project verbs inside a runtime
# (docs/RUNTIMES.md "Project verbs inside the runtime"), run by the core as
# the dev user in the runtime's main container:
#
#   create    P TYPE [GIT-URL BRANCH|- DEPTH|-]
#   configure P [KEY=VALUE...]     stdin: /srv/meta/P/project.json
#   setup     P
#   stop      P
#   delete    P
#
# The type's scripts are assets/runtimes/<dir>/project_types/<type>/<script>
# (<dir> from /etc/mpd/runtime-dir; the type from create's argument, else
# from project.json), run as `bash <script> P` with PROJECT_NAME=P and the
# tool tiers on PATH.  configure.sh is required; project-create.sh,
# project-setup.sh, project-stop.sh and project-delete.sh run when the type
# has them.
#
# Exit: 0 ok; 2 bad arguments; 3 the project's tree is not what the type
# needs (or, at create with a git URL, a non-empty tree is in the way);
# 4 MPD_PHP_VERSION is not installed here (configure: stdout's last line is
# configure.sh's); else the step failed (a type script's 2 becomes 1, so 2
# always means this script's arguments).
set -euo pipefail

lib=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
# shellcheck source=SCRIPTDIR/mpd-paths.sh
. "$lib/mpd-paths.sh"
# shellcheck source=SCRIPTDIR/tool-path.sh
. "$lib/tool-path.sh"
set_env=$lib/../tools/set-mpd-env

usage() {
	echo "mpd-project.sh: $*" >&2
	echo "usage: mpd-project.sh create|configure|setup|stop|delete PROJECT [ARGS]" >&2
	exit 2
}
fail() {
	echo "mpd-project.sh: $2" >&2
	exit "$1"
}

[ "$#" -ge 2 ] || usage "an action and a project name are needed"
action=$1 p=$2
shift 2
case $action in
create | configure | setup | stop | delete) ;;
*) usage "unknown action '$action'" ;;
esac
mpd_valid_project "$p" || usage "'$p' is not a project name"
[ "$(id -u)" -ne 0 ] || fail 2 "run it as the dev user (podman exec -u <user>), not as root"

rdir=$(mpd_read_line "$mpd_etc/runtime-dir")
[[ $rdir =~ $mpd_re_runtime ]] ||
	fail 1 "$mpd_etc/runtime-dir is missing or bad: provision the runtime (bootstrap.sh) first"
rt=$(mpd_read_line "$mpd_etc/runtime")
[ -n "$rt" ] || rt=$rdir
types_dir=$mpd_assets/runtimes/$rdir/project_types
pdir=$mpd_srv/projects/$p
ddir=$mpd_srv/data/$p
mdir=$mpd_srv/meta/$p
meta=$mdir/project.json

# type_dir TYPE: check TYPE is one of this runtime's types (exit 2 if not)
type_dir() {
	local t=$1 d all=""
	if [[ $t =~ $mpd_re_type ]] && [ -d "$types_dir/$t" ]; then
		printf '%s\n' "$types_dir/$t"
		return 0
	fi
	for d in "$types_dir"/*/; do
		[ -d "$d" ] || continue
		d=${d%/}
		all="$all ${d##*/}"
	done
	fail 2 "'$t' is not a project type of runtime $rt (types:${all:- none})"
}

# type_of_meta: the type recorded in project.json ("" without one)
type_of_meta() {
	[ -r "$meta" ] || return 0
	jq -r '.type // empty' "$meta" 2>/dev/null || true
}

# run_script DIR SCRIPT [required]: run the type's SCRIPT for the project;
# returns its status (2 mapped to 1).  Absent and not required: 0.
run_script() {
	local s=$1/$2 rc=0
	if [ ! -f "$s" ]; then
		[ "${3:-}" != required ] || fail 1 "type ${1##*/} has no $2"
		return 0
	fi
	PROJECT_NAME=$p bash "$s" "$p" || rc=$?
	[ "$rc" -ne 2 ] || rc=1
	return "$rc"
}

# the tool tiers for the type scripts (they run no ~/.bashrc)
mpd_tool_path
export PROJECT_NAME=$p

do_create() {
	local type url="" branch="-" depth="-" tdir tmp
	[ "$#" -eq 1 ] || [ "$#" -eq 4 ] ||
		usage "create takes PROJECT TYPE [GIT-URL BRANCH|- DEPTH|-]"
	type=$1
	tdir=$(type_dir "$type")
	if [ "$#" -eq 4 ]; then
		url=$2 branch=$3 depth=$4
		[[ -n $url && $url != -* && $url != *[[:space:]]* ]] ||
			usage "'$url' is not a git URL"
		[[ $branch == - || ($branch =~ ^[A-Za-z0-9._/+-]+$ && $branch != -*) ]] ||
			usage "'$branch' is not a branch or tag name"
		[[ $depth == - || $depth =~ ^[1-9][0-9]{0,8}$ ]] ||
			usage "'$depth' is not a clone depth (a positive number, or -)"
	fi
	mkdir -p "$mpd_srv/projects" "$mdir"
	if [ -n "$url" ]; then
		if [ -d "$pdir" ] && [ -n "$(ls -A "$pdir")" ]; then
			fail 3 "$pdir exists: delete it or create without --git-repo"
		fi
		[ ! -e "$pdir" ] || [ -d "$pdir" ] || fail 3 "$pdir exists and is not a directory"
		# what a killed clone of this project left behind
		rm -rf "$mpd_srv/projects/.$p.clone."*
		tmp=$mpd_srv/projects/.$p.clone.$$
		local args=(clone --quiet)
		[ "$branch" = - ] || args+=(--branch "$branch")
		[ "$depth" = - ] || args+=(--depth "$depth")
		if ! GIT_TERMINAL_PROMPT=0 git "${args[@]}" -- "$url" "$tmp" </dev/null; then
			rm -rf "$tmp"
			fail 1 "git clone of $url failed (see above)"
		fi
		[ ! -d "$pdir" ] || rmdir "$pdir"
		mv -T "$tmp" "$pdir"
	else
		mkdir -p "$pdir"
	fi
	# a first project.json, so that the type's scripts (and delete) know
	# the type before the core's configure writes the full one
	if [ "$(type_of_meta)" != "$type" ]; then
		tmp=$(mktemp "$mdir/.project.json.XXXXXX")
		jq -n --arg p "$p" --arg rt "$rt" --arg d "$rdir" --arg t "$type" \
			--arg w "$pdir" '{name: $p, runtime: $rt, runtimeDir: $d,
			type: $t, webRoot: $w, urls: []}' >"$tmp"
		chmod 0644 "$tmp"
		mv -f "$tmp" "$meta"
	fi
	run_script "$tdir" project-create.sh
}

# restore_configure DIR: put back the mpd.env and project.json saved in
# DIR (removing what did not exist before)
restore_configure() {
	if [ -e "$1/mpd.env" ]; then
		mv -f "$1/mpd.env" "$pdir/mpd.env"
	else
		rm -f "$pdir/mpd.env"
	fi
	if [ -e "$1/project.json" ]; then
		mv -f "$1/project.json" "$meta"
	else
		rm -f "$meta"
	fi
}

do_configure() {
	local kv key tdir type rc=0 out tmp last bak
	for kv in "$@"; do
		key=${kv%%=*}
		[[ $kv == *=* && $key =~ ^MPD_[A-Z0-9_]+$ ]] ||
			usage "'$kv' is not KEY=VALUE with an MPD_ key"
		[[ $kv != *$'\n'* && $kv != *$'\r'* ]] || usage "the value of $key has a line break"
	done
	[ -d "$pdir" ] || fail 3 "$pdir does not exist: create the project first"
	mkdir -p "$mdir"
	tmp=$(mktemp "$mdir/.project.json.XXXXXX")
	# shellcheck disable=SC2064 # the name now
	trap "rm -f '$tmp'" EXIT
	cat >"$tmp"
	if ! jq -e --arg p "$p" --arg d "$rdir" \
		'type == "object" and .name == $p and (.type | type) == "string"
		 and ((.runtimeDir // $d) == $d)' "$tmp" >/dev/null 2>&1; then
		fail 2 "stdin is not project $p's project.json for this runtime (an object with name \"$p\", a type, runtimeDir \"$rdir\")"
	fi
	type=$(jq -r .type "$tmp")
	tdir=$(type_dir "$type")
	[ -f "$tdir/configure.sh" ] || fail 1 "type $type has no configure.sh"
	# a configure that fails leaves mpd.env and project.json as they were
	# (the core reports the failure and keeps its record)
	bak=$(mktemp -d "$mdir/.configure.XXXXXX")
	# shellcheck disable=SC2064 # the names now
	trap "rm -rf '$tmp' '$bak'" EXIT
	[ ! -e "$pdir/mpd.env" ] || cp -p "$pdir/mpd.env" "$bak/mpd.env"
	[ ! -e "$meta" ] || cp -p "$meta" "$bak/project.json"
	chmod 0644 "$tmp"
	mv -f "$tmp" "$meta"
	if [ "$#" -gt 0 ] && [ ! -e "$pdir/mpd.env" ]; then
		: >"$pdir/mpd.env"
	fi
	for kv in "$@"; do
		"$set_env" "$pdir/mpd.env" "${kv%%=*}" "${kv#*=}" || { rc=1; break; }
	done
	out=$(mktemp)
	# shellcheck disable=SC2064 # the names now
	trap "rm -rf '$out' '$bak'" EXIT
	[ "$rc" -ne 0 ] || run_script "$tdir" configure.sh required >"$out" || rc=$?
	if [ "$rc" -ne 0 ]; then
		restore_configure "$bak"
	fi
	if [ "$rc" -eq 4 ]; then
		last=$(tail -n 1 "$out")
		head -n -1 "$out" >&2
		printf '%s\n' "$last"
		exit 4
	fi
	cat "$out" >&2
	[ "$rc" -eq 0 ] || exit "$rc"
	jq -e 'type == "object"' "$mdir/effective.json" >/dev/null 2>&1 ||
		fail 1 "type $type's configure.sh wrote no JSON object to $mdir/effective.json"
	jq -e 'type == "array"' "$mdir/urls.json" >/dev/null 2>&1 ||
		fail 1 "type $type's configure.sh wrote no JSON array to $mdir/urls.json"
	jq -cn --slurpfile e "$mdir/effective.json" --slurpfile u "$mdir/urls.json" \
		'{effective: $e[0], urls: $u[0],
		  sidecars: ($e[0].sidecars // [] | map(tostring) | unique)}'
}

# the type recorded at configure; setup/stop need it, delete does without
recorded_type_dir() {
	local type
	type=$(type_of_meta)
	if [ -z "$type" ]; then
		[ "$1" != required ] || fail 2 "project $p has no $meta: configure it first"
		return 0
	fi
	type_dir "$type"
}

do_delete() {
	local tdir d
	tdir=$(recorded_type_dir optional)
	if [ -n "$tdir" ]; then
		run_script "$tdir" project-stop.sh || fail "$?" "project-stop.sh failed: $p is not deleted"
		run_script "$tdir" project-delete.sh || fail "$?" "project-delete.sh failed: $p is not deleted"
	else
		echo "mpd-project.sh: $p has no project.json: no type scripts to run, removing its directories" >&2
	fi
	for d in "$pdir" "$ddir" "$mdir"; do
		[ -e "$d" ] || [ -L "$d" ] || continue
		if ! rm -rf -- "$d" 2>/dev/null; then
			# files a root step left (a type script's sudo): root removes them
			sudo -n rm -rf -- "$d" || fail 1 "could not remove $d"
		fi
	done
}

case $action in
create)
	[ "$#" -ge 1 ] || usage "create takes PROJECT TYPE [GIT-URL BRANCH|- DEPTH|-]"
	do_create "$@"
	;;
configure) do_configure "$@" ;;
setup | stop)
	[ "$#" -eq 0 ] || usage "$action takes only the project name"
	tdir=$(recorded_type_dir required)
	run_script "$tdir" "project-$action.sh" || exit "$?"
	;;
delete)
	[ "$#" -eq 0 ] || usage "delete takes only the project name"
	do_delete
	;;
esac
