# shellcheck shell=bash
# It reads project-type-lib.sh's pt_* globals and sets its own results:
# shellcheck disable=SC2034,SC2154
# php-version.sh - the PHP version a php-family project runs on (sourced by
# the moodle and plain types after project-type-lib.sh and pt_load_env).
#
# The runtime's build names its PHP in $MPD_ETC (pt_etc):
#   php-default   one line: the version a project gets with MPD_PHP_VERSION empty
#   php-versions  the versions installed, one a line

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
