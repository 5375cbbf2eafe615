#!/bin/sh
# test-portal-rules.sh - check-portal-rules.sh passes on the real portal code
# and FAILS on violations planted in a copy of it (a check that cannot fail
# proves nothing).
# The planted PHP is written in single quotes on purpose:
# shellcheck disable=SC2016
set -u
top=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$top/tests/scripts/lib.sh"
check="$top/tests/scripts/check-portal-rules.sh"
portal="$top/assets/services/portal"

# the real code passes
if out=$(sh "$check" "$portal" 2>&1); then
	ok
else
	bad "the real portal code is refused: $out"
fi

# copy: a fresh copy of the portal in a temp dir (path in $copy)
copy() {
	copy=$(mktemp -d)
	cp -R "$portal/." "$copy/"
}

# plant NAME FILE TEXT WANT: append TEXT to FILE in a copy; the check must
# fail and name WANT.
plant() {
	copy
	printf '%s\n' "$3" >> "$copy/$2"
	if out=$(sh "$check" "$copy" 2>&1); then
		bad "$1: the check passed a planted violation in $2"
	else
		case $out in
		*"$2:"*"$4"*) ok ;;
		*) bad "$1: expected '$2:...$4', got: $out" ;;
		esac
	fi
	rm -rf "$copy"
}

plant exec www/index.php '<?php exec("id"); ?>' "runs a program"
plant exec-upper lib/portal.php 'SHELL_EXEC("id");' "runs a program"
plant system www/state.php 'system ("id");' "runs a program"
plant proc_open lib/portal.php '$p = proc_open("id", [], $pipes);' "runs a program"
plant exec-by-name lib/portal.php '$f = "passthru"; $f("id");' "names an exec-family function"
plant backtick lib/portal.php '$out = `id`;' "backtick"
plant form www/index.php '<form method="post" action="/"><button>go</button></form>' "HTML form"
plant form-upper www/index.php '<FORM action="/">' "HTML form"
plant input www/index.php '<input name="x">' "HTML form"
plant post www/state.php '$x = $_POST["x"];' "request input"
plant get www/index.php '<?php if (isset($_GET["do"])) { } ?>' "request input"
plant request lib/portal.php '$x = $_REQUEST["x"];' "request input"
plant files lib/portal.php '$x = $_FILES["x"];' "request input"
plant raw-input lib/portal.php '$x = file_get_contents("php://input");' "request input"
plant put-contents lib/portal.php 'file_put_contents("/mpd-state/x", "y");' "writes or changes state"
plant unlink lib/portal.php 'unlink("/mpd-state/projects.json");' "writes or changes state"
plant rename lib/portal.php 'rename("/a", "/b");' "writes or changes state"
plant mkdir lib/portal.php 'mkdir("/tmp/x");' "writes or changes state"
plant fopen-w lib/portal.php '$h = fopen("/mpd-state/x", "w");' "fopen for writing"
plant fopen-a lib/portal.php "\$h = fopen('/mpd-state/x', 'ab');" "fopen for writing"
plant location www/index.php "<?php header('Location: https://mpd.test/'); ?>" "redirect"
plant eval lib/portal.php 'eval("return 1;");' "dynamic code"
plant curl lib/portal.php '$c = curl_init("http://10.163.0.6:8080/");' "network server or proxy"
plant js-post www/portal.js "fetch('/state.php', { method: 'POST' });" "request that is not a read"
plant js-html www/portal.js "document.body.innerHTML = '<p>x</p>';" "HTML built in the browser"
plant js-form www/portal.js "var f = '<form>';" "HTML form"
plant js-eval www/portal.js "eval('1');" "dynamic code"
plant html-file www/extra.html '<form action="/"></form>' "HTML form"

# PHP hidden in a file with another name is checked as PHP
copy
printf '<?php system("id");\n' > "$copy/www/notes.txt"
if out=$(sh "$check" "$copy" 2>&1); then
	bad "the check passed PHP code in www/notes.txt"
else
	case $out in
	*"www/notes.txt:1: runs a program"*) ok ;;
	*) bad "PHP in notes.txt: expected 'www/notes.txt:1: runs a program', got: $out" ;;
	esac
fi
rm -rf "$copy"

# reading is allowed: fopen for reading passes
copy
printf '<?php $h = fopen("/mpd-state/projects.json", "rb");\n' >> "$copy/lib/portal.php"
if out=$(sh "$check" "$copy" 2>&1); then
	ok
else
	bad "fopen(..., \"rb\") refused: $out"
fi
rm -rf "$copy"

# nothing to check is a failure, not a pass
empty=$(mktemp -d)
if out=$(sh "$check" "$empty" 2>&1); then
	bad "the check passed an empty directory"
else
	case $out in
	*"no PHP, JS or HTML files"*) ok ;;
	*) bad "empty dir: expected 'no PHP, JS or HTML files', got: $out" ;;
	esac
fi
rm -rf "$empty"

finish
