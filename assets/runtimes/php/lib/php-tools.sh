# shellcheck shell=bash
# php-tools.sh - what the php runtime's tools share (sourced, bash; by
# tools/composer*, tools/mpci-install and the moodle type's dev tools):
# where Composer and moodle-plugin-ci live, the one upstream download, and
# reading why Composer failed.  Every name is here, once:
#   php_composer_phar      /usr/local/bin/composer: the phar composer-install
#                          and composer-upgrade install (it wins)
#   php_composer_debian    /usr/bin/composer: Debian's, in the php image
#   php_composer_download  getcomposer.org's download/ directory
#                          ($MPD_COMPOSER_DOWNLOAD overrides it)
#   php_mpci_dir           /opt/moodle-plugin-ci: mpci-install's, runtime-wide
#                          (its project in current/); never under /srv
#   php_mpci_package       moodlehq/moodle-plugin-ci, constraint
#                          $MPD_MPCI_VERSION (default ^4)
# Functions:
#   php_tool_init TOOL     refuse root (one line, exit 1); sets php_tool
#   php_die MESSAGE...     one line "TOOL: MESSAGE" on stderr, exit 1
#   php_composer           print the Composer the composer tool runs (1: none)
#   php_composer_version FILE  the version FILE reports ("2.8.4"; 1: it does
#                          not run)
#   php_composer_run LOG ARG...  the composer tool with ARGs, its output
#                          (both streams) in LOG; its status
#   php_fetch_reason LOG   the line of LOG saying a download failed (a
#                          network failure; 1 when there is none)
#   php_unreachable WHAT REASON  the one line (exit 1) when WHAT failed
#                          because its downloads are out of reach
# The tools run as the dev user; paths go under MPD_TEST_ROOT in tests.
# shellcheck disable=SC2034

php_tools_lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=SCRIPTDIR/../../../runtime-base/lib/mpd-paths.sh
. "$php_tools_lib/../../../runtime-base/lib/mpd-paths.sh"
php_tools_dir=$(cd "$php_tools_lib/../tools" && pwd)

php_composer_phar=$mpd_root/usr/local/bin/composer
php_composer_debian=$mpd_root/usr/bin/composer
php_composer_download=${MPD_COMPOSER_DOWNLOAD:-https://getcomposer.org/download}
php_mpci_dir=$mpd_root/opt/moodle-plugin-ci
php_mpci_package=moodlehq/moodle-plugin-ci
php_mpci_version=${MPD_MPCI_VERSION:-^4}

php_tool=${0##*/}

php_die() {
	printf '%s: %s\n' "$php_tool" "$*" >&2
	exit 1
}

php_tool_init() {
	php_tool=$1
	[ "${EUID:-$(id -u)}" -ne 0 ] ||
		php_die "run it as the dev user, not as root (it uses sudo for the one step that needs root)"
}

php_composer() {
	local c
	for c in "$php_composer_phar" "$php_composer_debian"; do
		if [ -f "$c" ]; then
			printf '%s\n' "$c"
			return 0
		fi
	done
	return 1
}

# the release's PHP runs it (outside a project: the php tool's choice)
php_composer_version() {
	local out re='Composer (version )?([0-9][0-9A-Za-z.+-]*)'
	out=$(cd / && "$php_tools_dir/php" "$1" --no-ansi --version 2>/dev/null) || return 1
	[[ $out =~ $re ]] || return 1
	printf '%s\n' "${BASH_REMATCH[2]}"
}

# COLUMNS: Composer's messages unwrapped, one per line
php_composer_run() {
	local log=$1
	shift
	COLUMNS=1000 "$php_tools_dir/composer" --no-interaction --no-progress --no-ansi "$@" >"$log" 2>&1
}

php_fetch_reason() {
	local l
	l=$(grep -m 1 -E 'could not be downloaded|Could not resolve host|getaddrinfo|Failed to connect|timed out|Network is unreachable|Connection refused|curl error|SSL operation failed' "$1") ||
		return 1
	l=$(printf '%s\n' "$l" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//; s/[[:space:]][[:space:]]*/ /g')
	printf '%s\n' "${l:0:300}"
}

php_unreachable() {
	php_die "$1: the packages cannot be downloaded ($2): run it where Packagist (and the downloads it names) can be reached, or point Composer at a Packagist mirror you can reach (composer config -g repos.packagist composer <url>)"
}

# php_fetch URL DEST: URL into DEST (curl); 1 with php_fetch_error set to
# curl's line when it cannot
php_fetch() {
	local err
	if err=$(curl -fsS --connect-timeout 20 --retry 1 -o "$2" -- "$1" 2>&1); then
		return 0
	fi
	php_fetch_error=$(printf '%s\n' "$err" | head -n 1)
	return 1
}

# php_install_phar WHICH: getcomposer.org's composer.phar WHICH
# (latest-stable, or a version such as 2.8.4) to php_composer_phar, after
# its SHA-256 sum (WHICH/composer.phar.sha256sum, from the same place)
# matches and it runs; the same phar already there: nothing changes.  Says
# what it did on stdout; it cannot: one line, exit 1, nothing installed.
php_install_phar() {
	local url=$php_composer_download/$1/composer.phar tmp want got v
	tmp=$(mktemp -d) || php_die "cannot make a temporary directory"
	# shellcheck disable=SC2064 # the directory is known now
	trap "rm -rf '$tmp'" EXIT
	php_fetch "$url" "$tmp/composer.phar" ||
		php_die "cannot fetch $url ($php_fetch_error): run it where getcomposer.org can be reached, or set MPD_COMPOSER_DOWNLOAD to a copy of its download/ directory you can reach; Debian's composer stays in use"
	php_fetch "$url.sha256sum" "$tmp/sum" ||
		php_die "cannot fetch $url.sha256sum ($php_fetch_error): nothing installed"
	read -r want _ <"$tmp/sum" || want=
	[[ $want =~ ^[0-9a-f]{64}$ ]] || php_die "$url.sha256sum holds no SHA-256 sum: nothing installed"
	got=$(sha256sum "$tmp/composer.phar") || php_die "cannot checksum $tmp/composer.phar"
	got=${got%% *}
	[ "$got" = "$want" ] ||
		php_die "$url does not match its SHA-256 sum ($got, not $want): nothing installed"
	v=$(php_composer_version "$tmp/composer.phar") ||
		php_die "the composer.phar from $url does not run (php composer.phar --version): nothing installed"
	if [ -f "$php_composer_phar" ] && cmp -s "$tmp/composer.phar" "$php_composer_phar"; then
		echo "$php_tool: Composer $v is already $php_composer_phar: nothing changed"
		return 0
	fi
	sudo -n install -D -m 0755 "$tmp/composer.phar" "$php_composer_phar" ||
		php_die "sudo install of $php_composer_phar failed: nothing installed"
	echo "$php_tool: Composer $v installed ($php_composer_phar)"
}
