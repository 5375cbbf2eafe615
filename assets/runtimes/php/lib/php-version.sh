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
