#!/bin/sh
# test-project-types.sh - the project types' scripts (assets/runtimes/*/
# project_types/*) run for real against temporary roots: fixture Moodle
# trees (tests/fixtures/moodle-min, moodle-51-min), the files they write
# (config-mpd.php, effective.json, urls.json, pools, units), the exit 3
# and 4 paths, php-fpm port allocation, idempotence, and hostile settings.
# sudo and systemctl are recorders (MPD_SUDO, MPD_SYSTEMCTL).  php -l and a
# read-back of config-mpd.php run when php is installed.
# The PHP and JSON checks are written in single quotes on purpose:
# shellcheck disable=SC2016
set -u
top=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$top/tests/scripts/lib.sh"
for tool in bash jq; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		bad "$tool not found (bootstrap/packages.txt names its package)"
		finish
		exit 1
	fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---- the roots: assets (the real types; the test's stand-in for the env
# loader, which takes these roots from MPD_SRV/MPD_ASSETS/MPD_VM_ENV: the
# real one roots everything at MPD_TEST_ROOT and has its own test,
# test-runtime-assets.sh; the e2e bed runs the two together), a volume,
# /etc/mpd, /etc/php, units
assets=$tmp/assets
mkdir -p "$assets/runtime-base/lib"
ln -s "$top/assets/runtimes" "$assets/runtimes"
for f in "$top"/assets/runtime-base/lib/*.sh; do
	[ "${f##*/}" = source-mpd-env.sh ] || ln -s "$f" "$assets/runtime-base/lib/"
done
ln -s "$top/tests/scripts/mpd-env-standin.sh" "$assets/runtime-base/lib/source-mpd-env.sh"

# a recorder: logs its arguments to $tmp/log and runs them; `systemctl`
# fails the verbs listed in $tmp/fail and answers is-active from $tmp/active
mkdir -p "$tmp/bin"
cat >"$tmp/bin/rec-sudo" <<'EOF'
#!/bin/sh
echo "sudo $*" >>"$REC_LOG"
exec "$@"
EOF
cat >"$tmp/bin/rec-systemctl" <<'EOF'
#!/bin/sh
echo "systemctl $*" >>"$REC_LOG"
if grep -qxF "$1" "$REC_FAIL" 2>/dev/null; then exit 1; fi
if [ "$1" = is-active ]; then grep -qxF "$3" "$REC_ACTIVE" 2>/dev/null; exit; fi
exit 0
EOF
cat >"$tmp/bin/evil" <<'EOF'
#!/bin/sh
touch "$REC_EVIL"
exec "$@"
EOF
chmod +x "$tmp/bin/rec-sudo" "$tmp/bin/rec-systemctl" "$tmp/bin/evil"
REC_LOG=$tmp/log REC_FAIL=$tmp/fail REC_ACTIVE=$tmp/active REC_EVIL=$tmp/evil-ran
export REC_LOG REC_FAIL REC_ACTIVE REC_EVIL

# root DIR: a fresh runtime root under DIR (MPD_SRV, MPD_ETC, ...)
root() {
	r=$1
	mkdir -p "$r/srv/projects" "$r/srv/meta" "$r/srv/data" "$r/etc" \
		"$r/php/8.4/fpm/pool.d" "$r/php/8.2/fpm/pool.d" "$r/units"
	echo php >"$r/etc/runtime"
	echo 8.4 >"$r/etc/php-default"
	printf '8.4\n8.2\n' >"$r/etc/php-versions"
	MPD_ASSETS=$assets MPD_SRV=$r/srv MPD_ETC=$r/etc MPD_PHP_ETC=$r/php
	MPD_UNITS=$r/units MPD_VM_ENV=$r/mpd-vm.env
	MPD_SUDO=$tmp/bin/rec-sudo MPD_SYSTEMCTL=$tmp/bin/rec-systemctl
	export MPD_ASSETS MPD_SRV MPD_ETC MPD_PHP_ETC MPD_UNITS MPD_VM_ENV \
		MPD_SUDO MPD_SYSTEMCTL
	srv=$r/srv
}

# project NAME RTDIR TYPE [FIXTURE]: a tree (a copy of FIXTURE, else
# empty) and its project.json, as mpd-project.sh leaves them
project() {
	mkdir -p "$srv/projects/$1" "$srv/meta/$1"
	[ -z "${4:-}" ] || cp -R "$top/tests/fixtures/$4/." "$srv/projects/$1/"
	jq -n --arg n "$1" --arg rt "$2" --arg t "$3" --arg w "$srv/projects/$1" \
		'{name: $n, runtime: $rt, runtimeDir: $rt, type: $t, webRoot: $w,
		  urls: []}' >"$srv/meta/$1/project.json"
}

# type RTDIR TYPE SCRIPT PROJECT: run a type's script as mpd-project.sh
# does; $out is its stdout, $err its stderr, $rc its status
type_run() {
	out=$(cd / && PROJECT_NAME=$4 bash "$assets/runtimes/$1/project_types/$2/$3" "$4" 2>"$tmp/err")
	rc=$?
	err=$(cat "$tmp/err")
}


# rc_is WHAT WANT: the last run's status
rc_is() {
	if [ "$rc" -eq "$2" ]; then ok; else bad "$1: expected exit $2, got $rc: $err"; fi
}

# jqf FILE FILTER: one value of a JSON file
jqf() { jq -cr "$2" "$1" 2>&1; }

# has WHAT FILE TEXT / hasnt WHAT FILE TEXT: FILE has a line with TEXT
has() { if grep -qF -- "$3" "$2" 2>/dev/null; then ok; else bad "$1: $2 lacks '$3'"; fi; }
hasnt() { if grep -qF -- "$3" "$2" 2>/dev/null; then bad "$1: $2 has '$3'"; else ok; fi; }

# one_line WHAT: the last run said exactly one line on stderr
one_line() {
	n=$(printf '%s\n' "$err" | wc -l)
	if [ -n "$err" ] && [ "$n" -eq 1 ]; then ok; else bad "$1: expected one line on stderr, got: $err"; fi
}

# php_cfg FILE: config-mpd.php's $CFG as JSON (php installed), else ""
have_php=0
command -v php >/dev/null 2>&1 && have_php=1
php_cfg() {
	[ "$have_php" -eq 1 ] || return 0
	php -r 'require $argv[1]; echo json_encode($CFG, JSON_UNESCAPED_SLASHES);' "$1"
}
php_lint() {
	[ "$have_php" -eq 1 ] || return 0
	if o=$(php -l "$2" 2>&1); then ok; else bad "$1: php -l $2: $o"; fi
}

# snap FILE...: copies of FILEs and their inodes, for same()
snap() {
	rm -rf "$tmp/snap"
	mkdir -p "$tmp/snap"
	for f in "$@"; do
		cp "$f" "$tmp/snap/$(echo "$f" | tr / _)"
		stat -c %i "$f" >"$tmp/snap/$(echo "$f" | tr / _).ino"
	done
}
# same WHAT FILE...: each FILE is byte for byte and inode for inode what
# snap saw (an unchanged file is not rewritten)
same() {
	w=$1
	shift
	for f in "$@"; do
		s=$tmp/snap/$(echo "$f" | tr / _)
		if cmp -s "$s" "$f" && [ "$(stat -c %i "$f")" = "$(cat "$s.ino")" ]; then
			ok
		else
			bad "$w: $f changed"
		fi
	done
}

# ==== create: mpd.env seeded once, .git/info/exclude =========================
root "$tmp/r1"
project demo php moodle moodle-min
git -C "$srv/projects/demo" init -q 2>/dev/null || mkdir -p "$srv/projects/demo/.git/info"
type_run php moodle project-create.sh demo
rc_is "moodle create" 0
if cmp -s "$srv/projects/demo/mpd.env" "$top/assets/runtimes/php/project_types/moodle/mpd-template.env"; then
	ok
else
	bad "moodle create: mpd.env is not the template"
fi
is "mpd.env mode" "$(stat -c %a "$srv/projects/demo/mpd.env")" 644
type_run php moodle project-create.sh demo
rc_is "moodle create again" 0
is "exclude /mpd.env once" "$(grep -cxF /mpd.env "$srv/projects/demo/.git/info/exclude")" 1
is "exclude /config-mpd.php once" "$(grep -cxF /config-mpd.php "$srv/projects/demo/.git/info/exclude")" 1
project mine php plain
echo 'MPD_PHP_VERSION=8.2' >"$srv/projects/mine/mpd.env"
type_run php plain project-create.sh mine
rc_is "plain create" 0
is "an existing mpd.env is kept" "$(cat "$srv/projects/mine/mpd.env")" MPD_PHP_VERSION=8.2
[ ! -e "$srv/projects/mine/.git" ] && ok || bad "plain create: made a .git in a tree that had none"
for t in node/astro util/bare; do
	project "c${t#*/}" "${t%/*}" "${t#*/}"
	type_run "${t%/*}" "${t#*/}" project-create.sh "c${t#*/}"
	rc_is "$t create" 0
	has "$t create: MPD_DB blocked" "$srv/projects/c${t#*/}/mpd.env" 'MPD_DB=""'
done
type_run php moodle project-create.sh Bad_Name
rc_is "a bad project name" 2

# ==== moodle configure, no database ==========================================
type_run php moodle configure.sh demo
rc_is "moodle configure" 0
is "configure's stdout" "$out" ""
eff=$srv/meta/demo/effective.json
urls=$srv/meta/demo/urls.json
cfg=$srv/projects/demo/config-mpd.php
is "effective.json" "$(jqf "$eff" .)" \
	"{\"phpVersion\":\"8.4\",\"phpFpmPort\":9000,\"behat\":0,\"dbTag\":\"\",\"dbEngine\":\"\",\"dbVersion\":\"\",\"databaseId\":\"\",\"docroot\":\"$srv/projects/demo\",\"sidecars\":[]}"
is "urls.json" "$(jqf "$urls" .)" \
	"[{\"label\":\"main\",\"kind\":\"web\",\"url\":\"https://demo.mpd.test/\",\"backend\":{\"type\":\"php-fpm\",\"fastcgi\":\"127.0.0.1:9000\",\"root\":\"$srv/projects/demo\",\"tryFiles\":[\"{path}\",\"{path}/index.php\"]}},{\"label\":\"mail\",\"kind\":\"mail\",\"url\":\"https://mail.demo.mpd.test/\",\"backend\":{\"type\":\"redirect\",\"target\":\"https://mail.php.mpd.test/?q=demo.mpd.test\"}}]"
[ -f "$cfg" ] && ok || bad "no config-mpd.php"
[ ! -e "$srv/projects/demo/config.php" ] && ok || bad "a config.php without a database"
hasnt "no database block" "$cfg" dbtype
has "wwwroot" "$cfg" "\$CFG->wwwroot   = 'https://demo.mpd.test';"
has "no router without r.php" "$cfg" '$CFG->routerconfigured = false;'
has "smtphosts" "$cfg" "\$CFG->smtphosts = 'localhost:1025';"
hasnt "nothing left unrendered" "$cfg" '%%'
for d in dataroot dataroot_behat dataroot_phpunit; do
	is "$d mode" "$(stat -c %a "$srv/data/demo/$d")" 2777
done
php_lint "config-mpd.php" "$cfg"
if [ "$have_php" -eq 1 ]; then
	c=$(php_cfg "$cfg")
	is "php: wwwroot" "$(echo "$c" | jq -r .wwwroot)" https://demo.mpd.test
	is "php: dataroot" "$(echo "$c" | jq -r .dataroot)" "$srv/data/demo/dataroot"
	is "php: phpunit" "$(echo "$c" | jq -r '.phpunit_dataroot + " " + .phpunit_prefix')" "$srv/data/demo/dataroot_phpunit t_"
	is "php: behat" "$(echo "$c" | jq -r '.behat_wwwroot + " " + .behat_dataroot + " " + .behat_prefix')" \
		"https://behat.demo.mpd.test $srv/data/demo/dataroot_behat bht_"
	is "php: sslproxy, debug" "$(echo "$c" | jq -c '[.sslproxy, .debug, .debugdisplay, .directorypermissions]')" '[true,32767,1,1535]'
	is "php: no debugging while mdl-install runs the installer" \
		"$(MPD_MDL_INSTALLING=1 php_cfg "$cfg" | jq -c '[.debug, .debugdisplay, .sslproxy]')" '[null,null,true]'
	is "php: no dbtype" "$(echo "$c" | jq -r '.dbtype // "none"')" none
fi

# idempotent: the same settings, the same bytes, nothing rewritten
snap "$cfg" "$eff" "$urls"
type_run php moodle configure.sh demo
rc_is "moodle configure again" 0
same "moodle configure again" "$cfg" "$eff" "$urls"

# ==== moodle 5.1 layout, a database, behat, PHP 8.2 ==========================
project new php moodle moodle-51-min
printf '%s\n' 'MPD_DB=postgres:17' "MPD_PHP_MOODLE_BEHAT='1'" 'MPD_PHP_VERSION="8.2"' >"$srv/projects/new/mpd.env"
type_run php moodle configure.sh new
rc_is "moodle 5.1 configure" 0
eff2=$srv/meta/new/effective.json
is "5.1: effective.json" "$(jqf "$eff2" .)" \
	"{\"phpVersion\":\"8.2\",\"phpFpmPort\":9001,\"behat\":1,\"dbTag\":\"postgres:17\",\"dbEngine\":\"postgres\",\"dbVersion\":\"17\",\"databaseId\":\"postgres-17\",\"docroot\":\"$srv/projects/new/public\",\"sidecars\":[\"webdriver\"]}"
is "5.1: behat is a number" "$(jqf "$eff2" '.behat | type')" number
is "5.1: urls" "$(jqf "$srv/meta/new/urls.json" '[.[] | select(.kind != "mail") | .label + " " + .kind + " " + .url + " " + .backend.root + " " + (.backend.tryFiles | join(","))]')" \
	"[\"main web https://new.mpd.test/ $srv/projects/new/public {path},{path}/index.php,/r.php\",\"behat behat https://behat.new.mpd.test/ $srv/projects/new/public {path},{path}/index.php,/r.php\"]"
cfg2=$srv/projects/new/config-mpd.php
has "5.1: router" "$cfg2" '$CFG->routerconfigured = true;'
if cmp -s "$srv/projects/new/config.php" "$top/assets/runtimes/php/project_types/moodle/templates/config.php"; then
	ok
else
	bad "5.1: config.php is not the template's"
fi
php_lint "5.1 config-mpd.php" "$cfg2"
php_lint "config.php" "$srv/projects/new/config.php"
if [ "$have_php" -eq 1 ]; then
	is "php: the database" "$(php_cfg "$cfg2" | jq -c '[.dbtype, .dblibrary, .dbhost, .dbname, .dbuser, .dbpass, .prefix, .dboptions.dbpersist]')" \
		'["pgsql","native","postgres-17.db.mpd.test","new","new","new","mdl_",0]'
fi
# the user's config.php is never replaced
echo '<?php // mine' >"$srv/projects/new/config.php"
for tag in mariadb:10.11/mariadb/mariadb-10-11 mysql/mysqli/mysql-latest postgres:/pgsql/postgres-latest \
	postgres:17.2-alpine3.21/pgsql/postgres-17-2-alpine3-21 postgres/pgsql/postgres-latest; do
	printf 'MPD_DB=%s\n' "${tag%%/*}" >"$srv/projects/new/mpd.env"
	type_run php moodle configure.sh new
	rc_is "MPD_DB=${tag%%/*}" 0
	rest=${tag#*/}
	has "MPD_DB=${tag%%/*}: dbtype" "$cfg2" "\$CFG->dbtype    = '${rest%/*}';"
	has "MPD_DB=${tag%%/*}: dbhost" "$cfg2" "\$CFG->dbhost    = '${rest#*/}.db.mpd.test';"
	is "MPD_DB=${tag%%/*}: databaseId" "$(jqf "$eff2" .databaseId)" "${rest#*/}"
done
is "config.php kept" "$(cat "$srv/projects/new/config.php")" '<?php // mine'
is "the port is kept" "$(jqf "$eff2" .phpFpmPort)" 9001
type_run php moodle configure.sh demo
is "demo keeps its port" "$(jqf "$eff" .phpFpmPort)" 9000

# ports: the lowest free one; a deleted project's port is free again
project third php plain
type_run php plain configure.sh third
is "a third project's port" "$(jqf "$srv/meta/third/effective.json" .phpFpmPort)" 9002
rm -rf "$srv/meta/demo"
project fourth php plain
type_run php plain configure.sh fourth
is "a freed port is taken again" "$(jqf "$srv/meta/fourth/effective.json" .phpFpmPort)" 9000
# a copied effective.json does not make two projects share a port
cp "$srv/meta/fourth/effective.json" "$srv/meta/third/effective.json"
type_run php plain configure.sh third
is "a port taken by another project is not reused" "$(jqf "$srv/meta/third/effective.json" .phpFpmPort)" 9002
project demo php moodle

# ==== exit 3 and 4 ==========================================================
project notmoodle php moodle
type_run php moodle configure.sh notmoodle
rc_is "not a Moodle tree" 3
is "not a Moodle tree: the message" "$err" \
	"not a Moodle tree: $srv/projects/notmoodle has no version.php (clone Moodle into it, or use --type=plain)"
[ ! -e "$srv/meta/notmoodle/effective.json" ] && ok || bad "not a Moodle tree: effective.json written"
type_run php moodle configure.sh absent
rc_is "no tree" 3
one_line "no tree"

echo 'MPD_PHP_VERSION=8.1' >"$srv/projects/notmoodle/mpd.env"
cp -R "$top/tests/fixtures/moodle-min/." "$srv/projects/notmoodle/"
type_run php moodle configure.sh notmoodle
rc_is "php 8.1 is not installed" 4
is "exit 4: the last stdout line" "$(printf '%s\n' "$out" | tail -n 1)" '{"phpVersion":"8.1","installed":["8.4","8.2"]}'
is "exit 4: stderr" "$err" "php 8.1 is not installed in runtime php (installed: 8.4, 8.2)"
[ ! -e "$srv/meta/notmoodle/effective.json" ] && ok || bad "exit 4: effective.json written"
[ ! -e "$srv/projects/notmoodle/config-mpd.php" ] && ok || bad "exit 4: config-mpd.php written"
echo 'MPD_PHP_VERSION=8.1' >"$srv/projects/mine/mpd.env"
type_run php plain configure.sh mine
rc_is "plain: php 8.1 is not installed" 4
is "plain exit 4: the last stdout line" "$(printf '%s\n' "$out" | tail -n 1)" '{"phpVersion":"8.1","installed":["8.4","8.2"]}'

# ==== hostile settings stay data ============================================
for bad_value in 'MPD_DB=postgres:$(touch '"$tmp"'/pwned)' 'MPD_DB=oracle' 'MPD_DB=postgres:bookworm' \
	'MPD_DB=postgres:17-2' 'MPD_DB=postgres:17.bookworm' 'MPD_DB=mysql:8..0' \
	'MPD_PHP_MOODLE_BEHAT=1;touch x' "MPD_PHP_VERSION=8.4'; system('id'); //" 'MPD_PHP_VERSION=../../x'; do
	printf '%s\n' "$bad_value" >"$srv/projects/notmoodle/mpd.env"
	type_run php moodle configure.sh notmoodle
	rc_is "refused: $bad_value" 1
	one_line "refused: $bad_value"
done
[ ! -e "$tmp/pwned" ] && ok || bad "a value in mpd.env was run"
[ ! -e "$srv/meta/notmoodle/effective.json" ] && ok || bad "a refused setting wrote effective.json"

# a root whose path needs PHP's escaping: the values arrive literally
# (two backslashes: PHP reads an unescaped pair as one)
hostile="$tmp/it's a \\\\ \$(x) \"root\""
root "$hostile"
project esc php moodle moodle-min
echo 'MPD_DB=mysql:8.0' >"$srv/projects/esc/mpd.env"
type_run php moodle configure.sh esc
rc_is "configure in an odd root" 0
php_lint "config-mpd.php in an odd root" "$srv/projects/esc/config-mpd.php"
if [ "$have_php" -eq 1 ]; then
	is "php: an odd dataroot, literally" "$(php_cfg "$srv/projects/esc/config-mpd.php" | jq -r .dataroot)" "$srv/data/esc/dataroot"
fi
is "json: an odd docroot, literally" "$(jqf "$srv/meta/esc/effective.json" .docroot)" "$srv/projects/esc"
type_run php moodle project-setup.sh esc
rc_is "no pool in a root a pool file cannot carry" 1
one_line "no pool in an odd root"

# ==== pools: setup, a version switch, stop, delete ==========================
root "$tmp/r1"
printf '%s\n' 'MPD_DB=postgres:17' 'MPD_PHP_VERSION=8.2' >"$srv/projects/new/mpd.env"
type_run php moodle configure.sh new
: >"$tmp/log"
echo php8.2-fpm >"$tmp/active"
type_run php moodle project-setup.sh new
rc_is "moodle setup" 0
pool=$tmp/r1/php/8.2/fpm/pool.d/mpd-new.conf
has "setup: tee through sudo" "$tmp/log" "sudo tee $pool"
has "setup: reload" "$tmp/log" "systemctl reload php8.2-fpm"
has "pool: its name" "$pool" "[mpd-new]"
has "pool: listen" "$pool" "listen = 127.0.0.1:9001"
has "pool: user" "$pool" "user = $(id -un)"
has "pool: group" "$pool" "group = $(id -gn)"
has "pool: ondemand" "$pool" "pm = ondemand"
has "pool: children" "$pool" "pm.max_children = 5"
has "pool: idle" "$pool" "pm.process_idle_timeout = 60s"
has "pool: error log" "$pool" "php_admin_value[error_log] = $tmp/r1/srv/data/new/php_error.log"
has "pool: moodle's max_input_vars" "$pool" "php_value[max_input_vars] = 10000"
: >"$tmp/log"
type_run php moodle project-setup.sh new
rc_is "moodle setup again" 0
hasnt "setup again: no write" "$tmp/log" tee
hasnt "setup again: no reload" "$tmp/log" reload
# php-fpm down, the pool unchanged: it is started
: >"$tmp/active"
echo reload >"$tmp/fail"
: >"$tmp/log"
type_run php moodle project-setup.sh new
rc_is "setup with php-fpm down" 0
has "setup with php-fpm down: a failed reload restarts" "$tmp/log" "systemctl restart php8.2-fpm"
: >"$tmp/fail"
echo php8.2-fpm >"$tmp/active"
# the version switch: the 8.2 pool goes, the 8.4 one comes, the port stays
printf '%s\n' 'MPD_DB=postgres:17' 'MPD_PHP_VERSION=8.4' >"$srv/projects/new/mpd.env"
type_run php moodle configure.sh new
: >"$tmp/log"
type_run php moodle project-setup.sh new
rc_is "setup after a version switch" 0
[ ! -e "$pool" ] && ok || bad "the 8.2 pool is still there"
has "switch: the old pool removed" "$tmp/log" "sudo rm -f $pool"
has "switch: the old php-fpm reloaded" "$tmp/log" "systemctl reload php8.2-fpm"
has "switch: the new php-fpm reloaded" "$tmp/log" "systemctl reload php8.4-fpm"
pool=$tmp/r1/php/8.4/fpm/pool.d/mpd-new.conf
has "switch: the new pool keeps the port" "$pool" "listen = 127.0.0.1:9001"
# hostile sudo and roots in mpd.env are settings, not the scripts' own
printf '%s\n' "MPD_SUDO=$tmp/bin/evil" 'MPD_SRV=/nonexistent' 'MPD_PHP_ETC=/nonexistent' >>"$srv/projects/new/mpd.env"
type_run php moodle configure.sh new
rc_is "configure with MPD_SUDO and MPD_SRV in mpd.env" 0
rm -f "$pool"
type_run php moodle project-setup.sh new
rc_is "setup with MPD_SUDO in mpd.env" 0
[ -f "$pool" ] && ok || bad "setup with MPD_SRV in mpd.env: no pool in the real root"
[ ! -e "$tmp/evil-ran" ] && ok || bad "an MPD_SUDO from mpd.env was run"
# setup before configure
project unconf php plain
type_run php plain project-setup.sh unconf
rc_is "setup before configure" 1
one_line "setup before configure"
# stop and delete
echo 'MPD_PHP_VERSION=8.2' >"$srv/projects/mine/mpd.env"
type_run php plain configure.sh mine
type_run php plain project-setup.sh mine
[ -f "$tmp/r1/php/8.2/fpm/pool.d/mpd-mine.conf" ] && ok || bad "plain setup: no pool"
hasnt "plain: no moodle settings" "$tmp/r1/php/8.2/fpm/pool.d/mpd-mine.conf" max_input_vars
: >"$tmp/log"
type_run php plain project-stop.sh mine
rc_is "plain stop" 0
[ ! -e "$tmp/r1/php/8.2/fpm/pool.d/mpd-mine.conf" ] && ok || bad "plain stop: the pool is still there"
has "plain stop: reload" "$tmp/log" "systemctl reload php8.2-fpm"
type_run php plain project-stop.sh mine
rc_is "plain stop again" 0
type_run php moodle project-delete.sh new
rc_is "moodle delete" 0
[ ! -e "$pool" ] && ok || bad "moodle delete: the pool is still there"
[ ! -e "$srv/projects/new/config-mpd.php" ] && ok || bad "moodle delete: config-mpd.php is still there"
[ -f "$srv/projects/new/config.php" ] && ok || bad "moodle delete: the user's config.php is gone"

# ==== plain: the web root follows public/ ===================================
project web php plain
type_run php plain configure.sh web
rc_is "plain configure" 0
is "plain: docroot" "$(jqf "$srv/meta/web/effective.json" .docroot)" "$srv/projects/web"
is "plain: no database" "$(jqf "$srv/meta/web/effective.json" '[.dbTag, .dbEngine, .dbVersion, .databaseId] | join("")')" ""
echo 'MPD_DB=mariadb:10.11' >"$srv/projects/web/mpd.env"
type_run php plain configure.sh web
rc_is "plain configure with MPD_DB" 0
is "plain: its database" "$(jqf "$srv/meta/web/effective.json" '[.dbTag, .dbEngine, .dbVersion, .databaseId] | join(" ")')" \
	"mariadb:10.11 mariadb 10.11 mariadb-10-11"
: >"$srv/projects/web/mpd.env"
mkdir "$srv/projects/web/public"
type_run php plain configure.sh web
is "plain: docroot public/" "$(jqf "$srv/meta/web/effective.json" .docroot)" "$srv/projects/web/public"
is "plain: urls" "$(jqf "$srv/meta/web/urls.json" '[.[] | .label, .url, .backend.root] | join(" ")')" \
	"main https://web.mpd.test/ $srv/projects/web/public mail https://mail.web.mpd.test/ "
is "plain: no sidecars" "$(jqf "$srv/meta/web/effective.json" .sidecars)" '[]'
printf '%s\n' 'MPD_PHP_VALKEY=1' >"$srv/projects/web/mpd.env"
type_run php plain configure.sh web
is "plain: valkey asked for" "$(jqf "$srv/meta/web/effective.json" .sidecars)" '["valkey"]'
printf '%s\n' 'MPD_PHP_VALKEY=yes' >"$srv/projects/web/mpd.env"
type_run php plain configure.sh web
rc_is "plain: MPD_PHP_VALKEY=yes" 1
has "plain: MPD_PHP_VALKEY=yes says why" "$tmp/err" "MPD_PHP_VALKEY='yes': use 1"
: >"$srv/projects/web/mpd.env"

# ==== astro: the port, npm, the unit ========================================
root "$tmp/r2"
echo node >"$tmp/r2/etc/runtime"
fakebin=$tmp/fakebin
mkdir -p "$fakebin"
cat >"$fakebin/npm" <<'EOF'
#!/bin/sh
echo "npm $*" >>"$REC_LOG"
[ ! -e "$REC_FAIL.npm" ] || { echo "npm ERR! network" >&2; exit 1; }
mkdir node_modules
EOF
chmod +x "$fakebin/npm"
PATH=$fakebin:$PATH
export PATH
project site node astro
type_run node astro configure.sh site
rc_is "astro without package.json" 3
one_line "astro without package.json"
echo '{"name": "site", "scripts": {"build": "astro build"}}' >"$srv/projects/site/package.json"
type_run node astro configure.sh site
rc_is "astro without a dev script" 3
one_line "astro without a dev script"
echo '{"name": "site", "scripts": {"dev": "node server.mjs"}}' >"$srv/projects/site/package.json"
: >"$tmp/log"
type_run node astro configure.sh site
rc_is "astro configure" 0
is "astro: the default port" "$(jqf "$srv/meta/site/effective.json" .)" \
	'{"port":4321,"dbTag":"","dbEngine":"","dbVersion":"","databaseId":""}'
is "astro: urls" "$(jqf "$srv/meta/site/urls.json" .)" \
	'[{"label":"main","kind":"web","url":"https://site.mpd.test/","backend":{"type":"reverse-proxy","upstream":"http://127.0.0.1:4321"}}]'
hasnt "astro: no npm install without dependencies" "$tmp/log" "npm install"
printf '%s\n' 'export default {' '  server: { port:  4400, host: true },' '};' >"$srv/projects/site/astro.config.mjs"
type_run node astro configure.sh site
is "astro: astro.config.mjs's port" "$(jqf "$srv/meta/site/effective.json" .port)" 4400
echo 'MPD_NODE_ASTRO_PORT=5000' >"$srv/projects/site/mpd.env"
type_run node astro configure.sh site
is "astro: MPD_NODE_ASTRO_PORT" "$(jqf "$srv/meta/site/effective.json" .port)" 5000
for p in 80 70000 '5000;x' abc; do
	echo "MPD_NODE_ASTRO_PORT=$p" >"$srv/projects/site/mpd.env"
	type_run node astro configure.sh site
	rc_is "astro: port $p refused" 1
done
is "astro: a refused port keeps the last one" "$(jqf "$srv/meta/site/effective.json" .port)" 5000
echo 'MPD_NODE_ASTRO_PORT=5000' >"$srv/projects/site/mpd.env"
project blog node astro
echo '{"scripts": {"dev": "astro dev"}}' >"$srv/projects/blog/package.json"
echo 'MPD_NODE_ASTRO_PORT=5000' >"$srv/projects/blog/mpd.env"
type_run node astro configure.sh blog
rc_is "astro: a port another project has" 1
one_line "astro: a port another project has"
# npm install: once, when node_modules is missing; offline, one line
echo '{"scripts": {"dev": "astro dev"}, "dependencies": {"astro": "^5.0.0"}}' >"$srv/projects/blog/package.json"
echo 'MPD_NODE_ASTRO_PORT=5001' >"$srv/projects/blog/mpd.env"
touch "$tmp/fail.npm"
: >"$tmp/log"
type_run node astro configure.sh blog
rc_is "astro: npm install fails" 1
case $(printf '%s\n' "$err" | tail -n 1) in
*"npm install failed in $srv/projects/blog"*) ok ;;
*) bad "astro: npm install fails: $err" ;;
esac
rm -f "$tmp/fail.npm"
type_run node astro configure.sh blog
rc_is "astro: npm install" 0
has "astro: npm install ran" "$tmp/log" "npm install"
: >"$tmp/log"
type_run node astro configure.sh blog
hasnt "astro: no npm install with node_modules" "$tmp/log" "npm install"
# the unit
: >"$tmp/log"
type_run node astro project-setup.sh site
rc_is "astro setup" 0
unit=$tmp/r2/units/mpd-site.service
has "astro setup: tee through sudo" "$tmp/log" "sudo tee $unit"
has "astro setup: daemon-reload" "$tmp/log" "systemctl daemon-reload"
has "astro setup: enable --now" "$tmp/log" "systemctl enable --now mpd-site.service"
hasnt "astro setup: no restart of a new unit" "$tmp/log" restart
has "unit: ExecStart" "$unit" "ExecStart=$fakebin/npm run dev -- --host 127.0.0.1 --port 5000"
has "unit: User" "$unit" "User=$(id -un)"
has "unit: WorkingDirectory" "$unit" "WorkingDirectory=$srv/projects/site"
has "unit: Restart" "$unit" "Restart=on-failure"
has "unit: the host Vite allows" "$unit" "__VITE_ADDITIONAL_SERVER_ALLOWED_HOSTS=site.mpd.test"
: >"$tmp/log"
type_run node astro project-setup.sh site
rc_is "astro setup again" 0
is "astro setup again: only enable --now" "$(cat "$tmp/log")" "systemctl enable --now mpd-site.service"
echo 'MPD_NODE_ASTRO_PORT=5002' >"$srv/projects/site/mpd.env"
type_run node astro configure.sh site
: >"$tmp/log"
type_run node astro project-setup.sh site
has "astro: a changed unit restarts" "$tmp/log" "systemctl restart mpd-site.service"
has "astro: the new port" "$unit" "--port 5002"
: >"$tmp/log"
type_run node astro project-stop.sh site
rc_is "astro stop" 0
is "astro stop: disable --now" "$(cat "$tmp/log")" "systemctl disable --now mpd-site.service"
[ -f "$unit" ] && ok || bad "astro stop: the unit file is gone"
: >"$tmp/log"
type_run node astro project-delete.sh site
rc_is "astro delete" 0
[ ! -e "$unit" ] && ok || bad "astro delete: the unit file is still there"
has "astro delete: daemon-reload" "$tmp/log" "systemctl daemon-reload"
[ -f "$srv/projects/site/package.json" ] && ok || bad "astro delete: the sources are gone"
type_run node astro project-delete.sh site
rc_is "astro delete again" 0

# ==== bare ==================================================================
project box util bare
type_run util bare configure.sh box
rc_is "bare configure" 0
is "bare: urls" "$(jqf "$srv/meta/box/urls.json" .)" '[]'
is "bare: effective" "$(jqf "$srv/meta/box/effective.json" .)" '{"dbTag":"","dbEngine":"","dbVersion":"","databaseId":""}'
type_run util bare project-setup.sh box
rc_is "bare setup" 0
[ -d "$srv/data/box" ] && ok || bad "bare setup: no data directory"

# ==== no free php-fpm port ==================================================
root "$tmp/r3"
i=9000
while [ "$i" -le 9099 ]; do
	mkdir -p "$srv/meta/p$i"
	echo "{\"phpFpmPort\": $i}" >"$srv/meta/p$i/effective.json"
	i=$((i + 1))
done
project last php plain
type_run php plain configure.sh last
rc_is "no free port" 1
one_line "no free port"

[ "$have_php" -eq 1 ] || echo "note: php is not installed: config-mpd.php was not read back (bootstrap/packages.txt: php-cli)"
finish
