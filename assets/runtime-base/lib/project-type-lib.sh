# shellcheck shell=bash
# project-type-lib.sh - what every project type's scripts share (sourced by
# assets/runtimes/<rt>/project_types/<type>/*.sh, never run).
# The pt_* globals it sets are its results, read by the type scripts:
# shellcheck disable=SC2034
#
# A type script starts with `pt_init "$1"` (before it loads any settings:
# the overrides below are read from the caller's environment, never from
# a project's mpd.env), then `pt_load_env` when it needs the settings.
#
# Overrides (tests run the scripts outside a runtime):
#   MPD_ASSETS   the assets root            (/opt/mpd/assets)
#   MPD_SRV      the data volume            (/srv)
#   MPD_ETC      the runtime's facts        (/etc/mpd)
#   MPD_PHP_ETC  PHP's configuration        (/etc/php)
#   MPD_UNITS    systemd's unit directory   (/etc/systemd/system)
#   MPD_SUDO     the prefix of a root command (sudo -n; empty: none)
#   MPD_SYSTEMCTL  how to run systemctl     (sudo -n systemctl)

# the runtime's fixed paths (mpd-paths.sh: MPD_TEST_ROOT prefixes them)
# shellcheck source=SCRIPTDIR/mpd-paths.sh
. "$(dirname "${BASH_SOURCE[0]}")/mpd-paths.sh"
# the zone every project host name is in
PT_ZONE=$mpd_zone
# the assets root (the type scripts source their libraries from it)
pt_assets=${MPD_ASSETS:-$mpd_assets}

# pt_die CODE MESSAGE...: one line on stderr, exit CODE
pt_die() {
	pt_die_code=$1
	shift
	printf '%s\n' "$*" >&2
	exit "$pt_die_code"
}

# The statuses 2, 3 and 4 tell the core something (docs/RUNTIMES.md): only
# pt_die gives them.  Any other failure (set -e: jq's 3, a missing
# command's 127) leaves the script with 1.
pt_exit() {
	local rc=$?
	if [ "$rc" -ne 0 ] && [ "$rc" != "${pt_die_code:-}" ]; then
		exit 1
	fi
}
trap pt_exit EXIT

# pt_say MESSAGE...: progress for the user (stderr: stdout is the verb's
# result)
pt_say() {
	printf '%s\n' "$*" >&2
}

# pt_init PROJECT: validate the name and set the paths (pt_name, pt_tree,
# pt_meta, pt_data) and the command prefixes (pt_sudo, pt_systemctl).
pt_init() {
	[ "$#" -eq 1 ] || pt_die 2 "usage: ${0##*/} <project>"
	local p=$1
	# the core's rule (core/config/names.h): [a-z][a-z0-9]*(-[a-z0-9]+)*,
	# 2-63 characters
	if ! [[ $p =~ ^[a-z][a-z0-9]*(-[a-z0-9]+)*$ ]] || [ "${#p}" -lt 2 ] ||
		[ "${#p}" -gt 63 ]; then
		pt_die 2 "project name '$p' is invalid: use lowercase letters, digits and inner hyphens, 2-63 characters"
	fi
	pt_name=$p
	export PROJECT_NAME=$p
	pt_srv=${MPD_SRV:-$mpd_srv}
	pt_etc=${MPD_ETC:-$mpd_etc}
	pt_php_etc=${MPD_PHP_ETC:-/etc/php}
	pt_units=${MPD_UNITS:-/etc/systemd/system}
	read -r -a pt_sudo <<<"${MPD_SUDO-sudo -n}"
	read -r -a pt_systemctl <<<"${MPD_SYSTEMCTL-sudo -n systemctl}"
	pt_tree=$pt_srv/projects/$p
	pt_meta=$pt_srv/meta/$p
	pt_data=$pt_srv/data/$p
}

# pt_load_env: the four layers for $PROJECT_NAME, exported as MPD_*
# (runtime-base/lib/source-mpd-env.sh: a whitelist parse, never eval).
pt_load_env() {
	# shellcheck source=/dev/null
	. "$pt_assets/runtime-base/lib/source-mpd-env.sh" ||
		pt_die 1 "cannot read $pt_assets/runtime-base/lib/source-mpd-env.sh (the runtime's assets are incomplete)"
	mpd_env_load || pt_die 1 "cannot load the settings of project $pt_name"
}

# pt_require_tree: the project's tree exists (exit 3 otherwise)
pt_require_tree() {
	[ -d "$pt_tree" ] ||
		pt_die 3 "$pt_tree does not exist (create the project first: mpd create $pt_name)"
}

# pt_runtime: this runtime's name (bootstrap.sh wrote it)
pt_runtime() {
	local rt=
	if [ -r "$pt_etc/runtime" ]; then
		IFS= read -r rt <"$pt_etc/runtime" || true
	fi
	printf '%s\n' "${rt:-unknown}"
}

# pt_dev_user: pt_user and pt_group, the dev user the scripts run as
pt_dev_user() {
	if ! pt_user=$(id -un) || ! pt_group=$(id -gn); then
		pt_die 1 "cannot name the user this script runs as"
	fi
	[[ $pt_user =~ ^[a-z_][a-z0-9_-]*$ && $pt_group =~ ^[a-z_][a-z0-9_-]*$ ]] ||
		pt_die 1 "user '$pt_user' / group '$pt_group' cannot go into a service file (use a plain lowercase name)"
}

# pt_safe_path WHAT PATH: refuse a path a service file cannot carry as is
pt_safe_path() {
	[[ $2 =~ ^/[A-Za-z0-9/._-]*$ ]] ||
		pt_die 1 "$1 '$2' has characters a service file cannot carry (use letters, digits, / . _ -)"
}

# pt_write DEST CONTENT [MODE]: CONTENT and a newline to DEST atomically
# (a temporary file in the same directory, then mv; MODE default 0644).
# An unchanged DEST is not touched.  Sets pt_changed to 1 when it wrote,
# 0 when DEST was already so.
pt_write() {
	local dest=$1 mode=${3:-0644} tmp
	pt_changed=0
	tmp=$(mktemp "$dest.tmp.XXXXXX") || pt_die 1 "cannot write in ${dest%/*}"
	if ! printf '%s\n' "$2" >"$tmp"; then
		rm -f "$tmp"
		pt_die 1 "cannot write $dest"
	fi
	if [ -f "$dest" ] && cmp -s "$tmp" "$dest"; then
		rm -f "$tmp"
		return 0
	fi
	if ! { chmod "$mode" "$tmp" && mv -f "$tmp" "$dest"; }; then
		rm -f "$tmp"
		pt_die 1 "cannot write $dest"
	fi
	pt_changed=1
}

# pt_write_json DEST JSON: JSON pretty-printed (jq) to DEST, atomically
pt_write_json() {
	local text
	text=$(jq . <<<"$2") || pt_die 1 "internal error: not JSON for $1"
	pt_write "$1" "$text"
}

# pt_php_string VALUE: VALUE as a single-quoted PHP string literal
# (backslash and quote escaped; nothing else is special there)
pt_php_string() {
	local s=$1
	s=${s//\\/\\\\}
	s=${s//\'/\\\'}
	printf "'%s'" "$s"
}

# pt_render TEMPLATE BLOCK...: TEMPLATE on stdout with every %%NAME%% replaced
# by ${pt_vars[NAME]} (an associative array the caller fills, values
# already in their target syntax).  Lines `%%BEGIN x%%` ... `%%END x%%`
# enclose a block kept only when x is one of the BLOCKs.  One pass: a
# value is never scanned again.  An unknown name fails.
pt_render() {
	local tpl=$1 line out name skip='' b
	shift
	while IFS= read -r line || [ -n "$line" ]; do
		if [[ $line =~ ^%%BEGIN\ ([a-z]+)%%$ ]]; then
			skip=${BASH_REMATCH[1]}
			for b in "$@"; do
				[ "$b" = "$skip" ] && skip=''
			done
			continue
		fi
		if [[ $line =~ ^%%END\ [a-z]+%%$ ]]; then
			skip=''
			continue
		fi
		[ -z "$skip" ] || continue
		out=''
		while [[ $line == *%%*%%* ]]; do
			out+=${line%%"%%"*}
			line=${line#*"%%"}
			name=${line%%"%%"*}
			line=${line#*"%%"}
			[[ $name =~ ^[A-Z_]+$ && -v "pt_vars[$name]" ]] ||
				pt_die 1 "internal error: $tpl names %%$name%%, which nothing sets"
			out+=${pt_vars[$name]}
		done
		printf '%s\n' "$out$line"
	done <"$tpl"
}

# pt_install_once SRC DEST: a copy of SRC (mode 0644) at DEST, only when
# DEST does not exist; an existing DEST is never replaced (not even by a
# concurrent writer: mv -n)
pt_install_once() {
	local tmp=$2.tmp.$$
	[ ! -e "$2" ] || return 0
	[ -r "$1" ] || pt_die 1 "$1 is missing (the runtime's assets are incomplete)"
	if ! { cp "$1" "$tmp" && chmod 0644 "$tmp"; }; then
		rm -f "$tmp"
		pt_die 1 "cannot write $2"
	fi
	mv -n "$tmp" "$2" 2>/dev/null || true
	rm -f "$tmp"
	[ -e "$2" ] || pt_die 1 "cannot write $2"
}

# pt_seed_env TYPEDIR: <tree>/mpd.env from the type's mpd-template.env,
# only when the project has none (a user's file is never replaced)
pt_seed_env() {
	pt_install_once "$1/mpd-template.env" "$pt_tree/mpd.env"
}

# pt_git_exclude LINE...: each LINE in the tree's .git/info/exclude once,
# when the tree is a git checkout (a worktree too)
pt_git_exclude() {
	local ex line
	[ -e "$pt_tree/.git" ] || return 0
	if [ -d "$pt_tree/.git" ]; then
		ex=$pt_tree/.git/info/exclude
	else
		ex=$(git -C "$pt_tree" rev-parse --path-format=absolute \
			--git-path info/exclude 2>/dev/null) ||
			pt_die 1 "$pt_tree/.git is not a git checkout git can read"
	fi
	mkdir -p "${ex%/*}" || pt_die 1 "cannot write ${ex%/*}"
	for line in "$@"; do
		grep -qxF -- "$line" "$ex" 2>/dev/null && continue
		printf '%s\n' "$line" >>"$ex" || pt_die 1 "cannot write $ex"
	done
}

# pt_db_parse: MPD_DB (engine[:version]) into pt_db_tag (engine:version),
# pt_db_engine, pt_db_version, pt_db_id, pt_db_host; all empty without a
# database.  The grammar is the core's (core/config/mpddb.h): at most 63
# bytes; engine postgres, mariadb or mysql; no version (or nothing after
# the ':') is latest; a version is latest, or starts with a digit, has only
# [a-z0-9.-], and each '.' stands before a digit, each '-' before a letter
# (so the id, the version's '.' made '-', names one version only).
pt_db_parse() {
	local tag=${MPD_DB:-}
	pt_db_tag='' pt_db_engine='' pt_db_version='' pt_db_id='' pt_db_host=''
	[ -n "$tag" ] || return 0
	[ "${#tag}" -le 63 ] || pt_die 1 "MPD_DB is longer than 63 characters (write engine[:version], e.g. MPD_DB=postgres:17)"
	pt_db_engine=${tag%%:*}
	pt_db_version=${tag#"$pt_db_engine"}
	pt_db_version=${pt_db_version#:}
	[ -n "$pt_db_version" ] || pt_db_version=latest
	case $pt_db_engine in
	postgres | mariadb | mysql) ;;
	*) pt_die 1 "MPD_DB='$tag': unknown engine '$pt_db_engine' (use postgres, mariadb or mysql, e.g. MPD_DB=postgres:17)" ;;
	esac
	[ "$pt_db_version" = latest ] ||
		[[ $pt_db_version =~ ^[0-9][a-z0-9]*((\.[0-9]|-[a-z])[a-z0-9]*)*$ ]] ||
		pt_die 1 "MPD_DB='$tag': invalid version '$pt_db_version' (use latest, or a version like 17, 17.2 or 17-bookworm)"
	pt_db_tag=$pt_db_engine:$pt_db_version
	pt_db_id=$pt_db_engine-${pt_db_version//./-}
	pt_db_host=$pt_db_id.$mpd_db_domain
}

# pt_db_json: the DB fields of effective.json from pt_db_parse (empty
# strings without a database)
pt_db_json() {
	jq -cn --arg tag "$pt_db_tag" --arg engine "$pt_db_engine" \
		--arg version "$pt_db_version" --arg id "$pt_db_id" \
		'{dbTag: $tag, dbEngine: $engine, dbVersion: $version, databaseId: $id}'
}

# pt_no_db_json: the DB fields of a type without a database
pt_no_db_json() {
	printf '%s' '{"dbTag":"","dbEngine":"","dbVersion":"","databaseId":""}'
}
