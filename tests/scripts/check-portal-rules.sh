#!/bin/sh
# check-portal-rules.sh - the spec's portal rules (000 "Portal": read-only,
# no command execution, no forms, no actions) checked mechanically on every
# file of the portal that a browser or PHP can run.  A rule is a pattern that
# must not occur ANYWHERE in such a file, comments included: the portal's
# comments state the rules in words, never with the forbidden tokens.
#
# Which files: under DIR, every *.php *.phtml *.inc *.js *.mjs *.html *.htm,
# and any other file that contains "<?php" or "<?=" (checked as PHP).
#
# PHP files (function names matched case-insensitively, as PHP does):
#   exec family      exec( shell_exec( system( passthru( popen( proc_open(
#                    pcntl_exec( pcntl_fork( mail(, and any of those names as
#                    a quoted string ('exec', "system", ...)
#   backtick         the backtick character at all (PHP's shell operator)
#   dynamic code     eval( assert( create_function( call_user_func
#                    include/require of a variable path
#   request input    $_GET $_POST $_REQUEST $_FILES $_COOKIE $_SERVER
#                    php:// filter_input( parse_str( getallheaders(
#                    apache_request_headers(
#   writes           file_put_contents( fwrite( fputs( ftruncate( unlink(
#                    rename( mkdir( rmdir( touch( chmod( chown( chgrp( copy(
#                    tempnam( tmpfile( symlink( link( move_uploaded_file(
#                    session_start( setcookie( ; fopen( with any mode but
#                    'r' or 'rb' (on the same line)
#   redirects        header('Location ...
#   network/proxy    curl_  stream_socket_server( socket_create(
#                    stream_socket_client(
# JS files:
#   dynamic code     eval( new Function(
#   actions          a request method other than GET (method: 'POST' ...),
#                    sendBeacon( .submit(
#   HTML in JS       innerHTML outerHTML insertAdjacentHTML document.write
# Every checked file (PHP, JS, HTML):
#   HTML forms       <form <input <textarea <select <button formaction=
#
# The run-time backstop is php-portal.ini (request input never parsed,
# disable_functions, open_basedir) and Apache's GET/HEAD-only rule.
#
# Usage: check-portal-rules.sh [DIR]   (default: assets/services/portal)
# Prints "FAIL: file:line: rule: text" per violation and the closing line
# "N passed, N failed" (one pass per clean file, one failure per
# violation); exits 1 on any violation or when there is nothing to check.
set -u
top=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$top/tests/scripts/lib.sh"
dir=${1:-$top/assets/services/portal}

if [ ! -d "$dir" ]; then
	bad "$dir: no such directory"
	finish
	exit 1
fi

nviol=0
# rule FILE CASE REGEX NAME: every line of FILE matching the extended REGEX
# (CASE i: ignoring case) is a violation of rule NAME.
rule() {
	if [ "$2" = i ]; then
		hits=$(grep -n -i -E -e "$3" "$1" || true)
	else
		hits=$(grep -n -E -e "$3" "$1" || true)
	fi
	[ -n "$hits" ] || return 0
	report "$1" "$4" "$hits"
}
# report FILE NAME HITS: one failure per "line:text" in HITS.
report() {
	while IFS= read -r hit; do
		bad "$1:${hit%%:*}: $2: ${hit#*:}"
		nviol=$((nviol + 1))
	done <<HITS
$3
HITS
}

# not preceded by an identifier character
B='(^|[^[:alnum:]_])'
S='[[:space:]]*'

php_rules() {
	rule "$1" i "${B}(exec|shell_exec|system|passthru|popen|proc_open|pcntl_exec|pcntl_fork|mail)${S}\\(" "runs a program (exec family)"
	rule "$1" i "['\"](exec|shell_exec|system|passthru|popen|proc_open|pcntl_exec|pcntl_fork)['\"]" "names an exec-family function"
	rule "$1" n '`' "backtick (shell) operator"
	rule "$1" i "${B}(eval|assert|create_function)${S}\\(|${B}call_user_func" "dynamic code"
	rule "$1" i "${B}(include|require)(_once)?${S}\\(?${S}\\\$" "include of a variable path"
	# shellcheck disable=SC2016 # a literal $ in the pattern
	rule "$1" n '\$_(GET|POST|REQUEST|FILES|COOKIE|SERVER)' "request input"
	rule "$1" i "php://|${B}(filter_input|parse_str|getallheaders|apache_request_headers)${S}\\(" "request input"
	rule "$1" i "${B}(file_put_contents|fwrite|fputs|ftruncate|unlink|rename|mkdir|rmdir|touch|chmod|chown|chgrp|copy|tempnam|tmpfile|symlink|link|move_uploaded_file|session_start|setcookie)${S}\\(" "writes or changes state"
	hits=$(grep -n -i -E -e "${B}fopen${S}\\(" "$1" |
		grep -v -i -E -e "${B}fopen${S}\\([^,]*,${S}['\"]rb?['\"]" || true)
	[ -z "$hits" ] || report "$1" "fopen for writing" "$hits"
	rule "$1" i "${B}header${S}\\(${S}['\"]${S}(location|refresh)" "redirect"
	rule "$1" i "${B}curl_|${B}(stream_socket_server|stream_socket_client|socket_create)${S}\\(" "network server or proxy"
}

js_rules() {
	rule "$1" n "${B}(eval|Function)${S}\\(" "dynamic code"
	rule "$1" i "method${S}:${S}['\"](POST|PUT|PATCH|DELETE)|sendBeacon${S}\\(|\\.submit${S}\\(" "request that is not a read"
	rule "$1" n 'innerHTML|outerHTML|insertAdjacentHTML|document\.write' "HTML built in the browser"
}

html_rules() {
	rule "$1" i "<(form|input|textarea|select|button)([[:space:]>/]|\$)|formaction${S}=" "HTML form"
}

list=$(mktemp)
trap 'rm -f "$list"' EXIT
find "$dir" -type f | LC_ALL=C sort > "$list"
nfiles=0
while IFS= read -r f; do
	case $f in
	*.php | *.phtml | *.inc) kind=php ;;
	*.js | *.mjs) kind=js ;;
	*.html | *.htm) kind=html ;;
	*)
		if grep -q -e '<?php' -e '<?=' "$f"; then
			kind=php
		else
			continue
		fi
		;;
	esac
	nfiles=$((nfiles + 1))
	before=$nviol
	case $kind in
	php) php_rules "$f" ;;
	js) js_rules "$f" ;;
	esac
	html_rules "$f"
	[ "$nviol" -ne "$before" ] || ok
done < "$list"

[ "$nfiles" -gt 0 ] || bad "$dir: no PHP, JS or HTML files to check"
finish
