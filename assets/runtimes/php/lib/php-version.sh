# It reads project-type-lib.sh's pt_* globals and sets php_version:
# shellcheck disable=SC2034,SC2154
# php-version.sh - which PHP a project gets in a php-family runtime
# (sourced, bash; by tools/php and the php types' scripts).
#   mpd_php_version         the version asked for: $MPD_PHP_VERSION, or the
#                           release's own (/etc/mpd/php-default) when empty
#   mpd_php_installed V     0 when PHP V is installed in this runtime
#   mpd_php_list            the installed versions, "8.2, 8.4"
#   mpd_php_list_json       the same as a JSON array, ["8.2","8.4"]
#   mpd_php_not_installed V the one line for a missing version
# The image writes /etc/mpd/php-versions and php-default at build.
# shellcheck shell=bash

mpd_php_lib=$(dirname "${BASH_SOURCE[0]}")
# shellcheck source=SCRIPTDIR/../../../runtime-base/lib/mpd-paths.sh
. "$mpd_php_lib/../../../runtime-base/lib/mpd-paths.sh"

mpd_php_version() {
	local v=${MPD_PHP_VERSION:-}
	[ -n "$v" ] || v=$(mpd_read_line "$mpd_etc/php-default")
	printf '%s\n' "$v"
}

mpd_php_installed() {
	[[ $1 =~ ^[0-9]+\.[0-9]+$ ]] || return 1
	[ -r "$mpd_etc/php-versions" ] && grep -qxF -- "$1" "$mpd_etc/php-versions" &&
		[ -x "$mpd_root/usr/bin/php$1" ]
}

mpd_php_list() {
	local l
	l=$(grep -E '^[0-9]+\.[0-9]+$' "$mpd_etc/php-versions" 2>/dev/null | paste -sd, - | sed 's/,/, /g')
	printf '%s\n' "${l:-none}"
}

mpd_php_list_json() {
	grep -E '^[0-9]+\.[0-9]+$' "$mpd_etc/php-versions" 2>/dev/null |
		jq -R . | jq -cs .
}

mpd_php_not_installed() {
	printf 'php %s is not installed in runtime %s (installed: %s)\n' "$1" \
		"$(mpd_read_line "$mpd_etc/runtime")" "$(mpd_php_list)"
}

# ---- for the php types (moodle, plain), after project-type-lib.sh and
# pt_load_env: their paths are the pt_* ones (tests override them)
# php_version_resolve: php_version from MPD_PHP_VERSION (empty: the
# runtime's default).  Not installed here: the last stdout line is
# {"phpVersion": V, "installed": [...]} (the core places the project on a
# runtime that has V), one line on stderr, exit 4.
php_version_resolve() {
	local v=${MPD_PHP_VERSION:-} line have
	local -a installed=()
	if [ -z "$v" ]; then
		if [ -r "$pt_etc/php-default" ]; then
			IFS= read -r v <"$pt_etc/php-default" || true
		fi
		[ -n "$v" ] ||
			pt_die 1 "$pt_etc/php-default is missing or empty: this runtime's build did not finish (create the runtime again)"
	fi
	[[ $v =~ ^[0-9]+\.[0-9]+$ ]] ||
		pt_die 1 "MPD_PHP_VERSION='$v' is not a PHP version: write MAJOR.MINOR (e.g. 8.4), or leave it empty for the runtime's default"
	[ -r "$pt_etc/php-versions" ] ||
		pt_die 1 "$pt_etc/php-versions is missing: this runtime's build did not finish (create the runtime again)"
	while IFS= read -r line || [ -n "$line" ]; do
		[[ $line =~ ^[0-9]+\.[0-9]+$ ]] && installed+=("$line")
	done <"$pt_etc/php-versions"
	for have in "${installed[@]}"; do
		if [ "$have" = "$v" ]; then
			php_version=$v
			return 0
		fi
	done
	jq -cn --arg v "$v" '{phpVersion: $v, installed: $ARGS.positional}' \
		--args "${installed[@]}" || pt_die 1 "internal error: jq failed"
	local IFS=,
	line="${installed[*]}"
	pt_die 4 "php $v is not installed in runtime $(pt_runtime) (installed: ${line//,/, })"
}
