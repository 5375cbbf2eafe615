#!/bin/sh
# test-moodle-tools.sh - the moodle type's tools (assets/runtimes/php/
# project_types/moodle/tools: mdl-install, mdl-upgrade, mdl-cron,
# mdl-cache-purge, mdl-data-purge) run for real, on the PATH that php's
# build.sh links them into, against a fake runtime tree (MPD_TEST_ROOT, see
# assets/runtime-base/lib/mpd-paths.sh) with the real env loader and php
# wrapper.  The Moodle trees (both layouts) have stand-in CLI scripts: tiny
# PHP that prints how it was run as JSON (real php; install_database.php
# checks what Moodle's does, in Moodle's order, against a file that stands
# for the database's tables).  psql and mariadb are recorders of their
# argv, PGPASSWORD and stdin.  A terminal for mdl-data-purge's question
# comes from script(1).  Skipped (77) without php (bootstrap/packages.txt,
# role suite).
# The PHP and the SQL are single-quoted on purpose:
# shellcheck disable=SC2016
set -u
. "${top_srcdir:?}/tests/scripts/lib.sh"
top=$(cd "$top_srcdir" && pwd -P)
PHP=${PHP:-php}
if ! realphp=$(command -v "$PHP"); then
	echo "SKIP: $PHP is not installed (bootstrap/packages.txt, role suite)"
	exit 77
fi
for p in bash jq script; do
	if ! command -v "$p" >/dev/null 2>&1; then
		bad "$p not found (bootstrap/packages.txt names its package)"
		finish
		exit 1
	fi
done

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
srv=$root/srv
assets=$root/opt/mpd/assets
t=$root/t
log=$root/log
mkdir -p "$assets/runtimes" "$root/etc/mpd" "$root/var/lib/mpd/env" \
	"$root/usr/bin" "$root/bin" "$root/home" "$t" "$log" \
	"$srv/projects" "$srv/data" "$srv/meta" "$srv/tools"
ln -s "$top/assets/runtime-base" "$assets/runtime-base"
ln -s "$top/assets/runtimes/php" "$assets/runtimes/php"
echo php >"$root/etc/mpd/runtime"
echo php >"$root/etc/mpd/runtime-dir"
echo 8.4 >"$root/etc/mpd/php-default"
printf '8.2\n8.4\n' >"$root/etc/mpd/php-versions"
unset PGPASSWORD PROJECT_NAME
export MPD_TEST_ROOT="$root" HOME="$root/home" SHELL=/bin/sh

# the runtime's PHPs: the real php, saying which version it stands for and
# its first argument (what the wrapper put before the script, if anything)
for v in 8.2 8.4; do
	printf '#!/bin/sh\nMDL_PHP_AS=%s MDL_PHP_FIRST="$1" exec %s "$@"\n' "$v" "$realphp" \
		>"$root/usr/bin/php$v"
done
# the DB clients: record, then stand for an emptied database
for c in psql mariadb; do
	cat >"$root/bin/$c" <<'EOF'
#!/bin/sh
{
	echo "client: ${0##*/}"
	for a in "$@"; do echo "arg: $a"; done
	echo "PGPASSWORD: ${PGPASSWORD-unset}"
	echo "stdin:"
	cat
} >>"$MDL_DB_LOG"
if [ -n "${MDL_DB_FAIL:-}" ]; then
	echo "ERROR: could not connect to the server" >&2
	exit 2
fi
rm -f "$MDL_FAKE_DB"
EOF
done
chmod +x "$root"/usr/bin/* "$root"/bin/*
MDL_DB_LOG=$log/db MDL_FAKE_DB=$root/db-tables
export MDL_DB_LOG MDL_FAKE_DB

# cli DIR: Moodle's four CLI scripts under DIR/admin/cli, as stand-ins
cli() {
	mkdir -p "$1/admin/cli"
	for s in upgrade cron purge_caches; do
		cat >"$1/admin/cli/$s.php" <<'EOF'
<?php
// a stand-in for one of Moodle's CLI scripts: how it was run, as JSON
echo json_encode(['script' => __FILE__, 'argv' => array_slice($argv, 1),
    'cwd' => getcwd(), 'php' => getenv('MDL_PHP_AS'),
    'first' => getenv('MDL_PHP_FIRST')], JSON_UNESCAPED_SLASHES), "\n";
EOF
	done
	cat >"$1/admin/cli/install_database.php" <<'EOF'
<?php
// a stand-in for Moodle's install_database.php: its checks in its order
// (tables, license, admin password), an option's last value wins; the
// database's tables are the file $MDL_FAKE_DB
$o = ['agree-license' => false, 'adminpass' => ''];
foreach (array_slice($argv, 1) as $a) {
    if (substr($a, 0, 2) !== '--') {
        continue;
    }
    $kv = explode('=', substr($a, 2), 2);
    $o[$kv[0]] = count($kv) == 2 ? $kv[1] : true;
}
if (file_exists(getenv('MDL_FAKE_DB'))) {
    fwrite(STDERR, "Database tables already present, cli installation can not continue.\n");
    exit(1);
}
if (!$o['agree-license']) {
    fwrite(STDERR, "You have to agree to the license. --help prints out the help\n");
    exit(1);
}
if ($o['adminpass'] === true || $o['adminpass'] === '') {
    fwrite(STDERR, "You have to specify admin password. --help prints out the help\n");
    exit(1);
}
if (getenv('MDL_FIXTURE_FAIL')) {
    fwrite(STDERR, "Default exception handler: something broke\n");
    exit(3);
}
file_put_contents(getenv('MDL_FAKE_DB'), "tables\n");
echo json_encode(['script' => __FILE__, 'argv' => array_slice($argv, 1),
    'options' => $o, 'cwd' => getcwd(), 'php' => getenv('MDL_PHP_AS'),
    'first' => getenv('MDL_PHP_FIRST'),
    'installing' => getenv('MPD_MDL_INSTALLING')], JSON_UNESCAPED_SLASHES), "\n";
echo "Installation completed successfully.\n";
EOF
}

# project NAME TYPE [FIXTURE]: a tree (a copy of FIXTURE, else empty) and
# its project.json
project() {
	mkdir -p "$srv/projects/$1" "$srv/meta/$1"
	[ -z "${3:-}" ] || cp -R "$top/tests/fixtures/$3/." "$srv/projects/$1/"
	jq -n --arg n "$1" --arg t "$2" --arg w "$srv/projects/$1" \
		'{name: $n, runtime: "php", runtimeDir: "php", type: $t, webRoot: $w,
		  urls: []}' >"$srv/meta/$1/project.json"
}
# configured NAME ENGINE ID: what configure leaves (config.php, its
# config-mpd.php, effective.json, urls.json, the data directories)
configured() {
	tr="$srv/projects/$1"
	cp "$top/assets/runtimes/php/project_types/moodle/templates/config.php" "$tr/config.php"
	printf '<?php // config-mpd.php of %s\n' "$1" >"$tr/config-mpd.php"
	jq -n --arg e "$2" --arg id "$3" '{phpVersion: "8.4", phpFpmPort: 9000,
		behat: 0, dbTag: (if $e == "" then "" else "\($e):17" end),
		dbEngine: $e, dbVersion: (if $e == "" then "" else "17" end),
		databaseId: $id}' >"$srv/meta/$1/effective.json"
	echo '[]' >"$srv/meta/$1/urls.json"
	mkdir -p "$srv/data/$1/dataroot" "$srv/data/$1/dataroot_behat" "$srv/data/$1/dataroot_phpunit"
	chmod 02777 "$srv/data/$1"/dataroot*
}

project demo moodle moodle-min
cli "$srv/projects/demo"
configured demo postgres postgres-17
printf 'MPD_INSTALL_ADMINPASS=Pass.1234\nMPD_INSTALL_ADMINUSER=boss\n' >"$srv/projects/demo/mpd.env"
printf 'MPD_INSTALL_AGREE_LICENSE=1\nMPD_INSTALL_ADMINPASS=vm-pass\nMPD_INSTALL_ADMINEMAIL=admin@example.com\n' \
	>"$root/var/lib/mpd/env/mpd-vm.env"
project m51 moodle moodle-51-min
cli "$srv/projects/m51/public"
rm "$srv/projects/m51/public/admin/cli/install_database.php"
cli "$t/m51-top"
mkdir -p "$srv/projects/m51/admin/cli"
mv "$t/m51-top/admin/cli/install_database.php" "$srv/projects/m51/admin/cli/"
configured m51 mariadb mariadb-11-8
echo 'MPD_PHP_VERSION=8.2' >"$srv/projects/m51/mpd.env"
project nodb moodle moodle-min
cli "$srv/projects/nodb"
project empty moodle
project plainp plain moodle-min
project my moodle moodle-min
configured my mysql mysql-8-4
chmod -R a+rwX "$root"
[ "$(id -u)" -ne 0 ] || chown -R 65534:65534 "$srv/data"

# run DIR CMD...: run_tool (lib.sh) with the moodle type's tools
tools=$srv/tools/moodle
# shellcheck disable=SC2034 # read by run_tool
tools_path=$root/bin:$tools
run() { run_tool "$@"; }
# fails WHAT NEEDLE: the last run exited 1 with exactly one line on stderr
# holding NEEDLE, and nothing on stdout
fails() {
	n=$(printf '%s\n' "$err" | wc -l)
	case $err in
	*"$2"*) [ "$rc" -eq 1 ] && [ "$n" -eq 1 ] && [ -z "$out" ] && ok ||
		bad "$1: expected exit 1 and one line, got $rc: $out|$err" ;;
	*) bad "$1: expected '$2' on stderr, got $rc: $out|$err" ;;
	esac
}
# json WHAT FILTER WANT: FILTER of the first line of the last run's stdout
json() {
	is "$1" "$(printf '%s\n' "$out" | head -n 1 | jq -c "$2" 2>&1)" "$3"
}

# ---- the tools are on the type's tier ---------------------------------------
run "$root" bash "$top/assets/runtimes/php/build.sh" php
for tool in mdl-install mdl-upgrade mdl-cron mdl-cache-purge mdl-data-purge; do
	is "build.sh links $tool" "$rc:$(readlink "$tools/$tool")" \
		"0:$top/assets/runtimes/php/project_types/moodle/tools/$tool"
done
is "the type's lib is no tool" "$(find "$tools" -mindepth 1 -printf '%f\n' | sort | tr '\n' ' ')" \
	"behat behat-init behat-util grunt mdl-cache-purge mdl-cron mdl-data-purge mdl-install mdl-upgrade mpci phpunit phpunit-init phpunit-util "

# ---- where they refuse: one line, exit 1 --------------------------------------
for tool in mdl-install mdl-upgrade mdl-cron mdl-cache-purge mdl-data-purge; do
	for d in "$root" "$srv/projects" "$t"; do
		run "$d" "$tool"
		fails "$tool outside a project ($d)" \
			"$tool: not inside a project ($srv/projects/<name>/...): cd into a moodle project"
	done
	run "$srv/projects/empty" "$tool"
	fails "$tool in a project that is not a Moodle tree" \
		"$tool: project 'empty' is not a Moodle tree: $srv/projects/empty has no version.php (nor public/version.php)"
	run "$srv/projects/plainp" "$tool"
	fails "$tool in a plain project" "$tool: project 'plainp' is a plain project, not a moodle one"
done
if [ "$(id -u)" -eq 0 ]; then
	(cd "$srv/projects/demo" && PATH="$root/bin:$tools:$PATH" mdl-cron) </dev/null >"$t/out" 2>"$t/err"
	rc=$? out=$(cat "$t/out") err=$(cat "$t/err")
	fails "mdl-cron as root" "mdl-cron: run it as the dev user, not as root (it needs no sudo)"
fi
for tool in mdl-install mdl-upgrade mdl-cron mdl-cache-purge; do
	run "$srv/projects/nodb" "$tool"
	fails "$tool without a database" \
		"$tool: project 'nodb' has no database: mpd configure nodb MPD_DB=postgres"
done

# ---- mdl-install ---------------------------------------------------------------
rm -f "$MDL_FAKE_DB"
run "$srv/projects/demo" mdl-install --adminpass=mine '--summary=my site'
is "mdl-install: exit" "$rc:$err" "0:"
json "mdl-install: Moodle's options, the MPD_INSTALL_* ones, the extra ones last" .argv \
	'["--lang=en","--fullname=mpd demo","--shortname=demo","--summary=mpd dev site","--agree-license","--adminuser=boss","--adminpass=Pass.1234","--adminemail=admin@example.com","--adminpass=mine","--summary=my site"]'
json "mdl-install: the extra arguments win" '[.options.adminpass, .options.summary]' '["mine","my site"]'
json "mdl-install: the script at the tree's top, run from there" '[.script, .cwd]' \
	"[\"$srv/projects/demo/admin/cli/install_database.php\",\"$srv/projects/demo\"]"
json "mdl-install: the project's PHP (the release's), the script its first argument" \
	'[.php, .first]' "[\"8.4\",\"$srv/projects/demo/admin/cli/install_database.php\"]"
json "mdl-install: the installer runs without the site's debugging (config-mpd.php reads MPD_MDL_INSTALLING)" \
	.installing '"1"'
last=$(printf '%s\n' "$out" | tail -n 1)
case $last in
"mdl-install: project 'demo' installed in "[0-9]*.[0-9]" s") ok ;;
*) bad "mdl-install: the last line says the seconds it took: $last" ;;
esac
printf '%s\n' "$out" | grep -qxF "Installation completed successfully." && ok ||
	bad "mdl-install: Moodle's own output is shown: $out"

run "$srv/projects/demo/admin/cli" mdl-install
is "mdl-install again: one line on stdout, exit 0" "$rc:$out:$err" \
	"0:mdl-install: project 'demo' is already installed (its database has Moodle's tables): mdl-upgrade for new code, mdl-data-purge to start over:"

rm -f "$MDL_FAKE_DB"
printf 'MPD_INSTALL_AGREE_LICENSE=0\n' >>"$srv/projects/demo/mpd.env"
run "$srv/projects/demo" mdl-install
fails "mdl-install: no license agreement (the project's 0 blocks the VM's 1)" \
	"mdl-install: Moodle's license is not agreed to: set MPD_INSTALL_AGREE_LICENSE=1"
run "$srv/projects/demo" mdl-install --agree-license
json "mdl-install: --agree-license passed on" '.options."agree-license"' true
rm -f "$MDL_FAKE_DB"
printf 'MPD_INSTALL_AGREE_LICENSE=1\nMPD_INSTALL_ADMINPASS=""\n' >>"$srv/projects/demo/mpd.env"
run "$srv/projects/demo" mdl-install
fails "mdl-install: no admin password" "mdl-install: no admin password: set MPD_INSTALL_ADMINPASS"
[ ! -e "$MDL_FAKE_DB" ] && ok || bad "mdl-install installed without a password"
printf 'MPD_INSTALL_AGREE_LICENSE=yes\n' >>"$srv/projects/demo/mpd.env"
run "$srv/projects/demo" mdl-install
fails "mdl-install: a bad MPD_INSTALL_AGREE_LICENSE" \
	"mdl-install: MPD_INSTALL_AGREE_LICENSE='yes': use 1"
printf 'MPD_INSTALL_ADMINPASS=Pass.1234\nMPD_INSTALL_AGREE_LICENSE=1\nMPD_INSTALL_ADMINUSER=\n' \
	>"$srv/projects/demo/mpd.env"
run "$srv/projects/demo" mdl-install
json "mdl-install: no --adminuser without MPD_INSTALL_ADMINUSER" \
	'[.argv[] | select(startswith("--adminuser"))]' '[]'
rm -f "$MDL_FAKE_DB"
printf 'MPD_INSTALL_DEBUG=1\n' >>"$srv/projects/demo/mpd.env"
run "$srv/projects/demo" env MPD_MDL_INSTALLING=1 mdl-install
json "mdl-install: MPD_INSTALL_DEBUG=1 keeps the site's debugging" .installing false
rm -f "$MDL_FAKE_DB"
printf 'MPD_INSTALL_DEBUG=yes\n' >>"$srv/projects/demo/mpd.env"
run "$srv/projects/demo" mdl-install
fails "mdl-install: a bad MPD_INSTALL_DEBUG" "mdl-install: MPD_INSTALL_DEBUG='yes': use 1"
[ ! -e "$MDL_FAKE_DB" ] && ok || bad "mdl-install installed with a bad MPD_INSTALL_DEBUG"
printf 'MPD_INSTALL_DEBUG=0\n' >>"$srv/projects/demo/mpd.env"
run "$srv/projects/demo" env MDL_FIXTURE_FAIL=1 mdl-install
case $rc:$err in
"3:Default exception handler: something broke
mdl-install: $srv/projects/demo/admin/cli/install_database.php failed (exit 3) after "[0-9]*.[0-9]" s") ok ;;
*) bad "mdl-install: a failing install passes Moodle's message and status on: $rc:$err" ;;
esac
echo 'MPD_PHP_VERSION=9.9' >>"$srv/projects/demo/mpd.env"
run "$srv/projects/demo" mdl-install
fails "mdl-install: a PHP this runtime lacks" \
	"mdl-install: php 9.9 is not installed in runtime php (installed: 8.2, 8.4)"
printf 'MPD_INSTALL_ADMINPASS=Pass.1234\n' >"$srv/projects/demo/mpd.env"

# the public/ layout: the top's admin/cli/ first, then public/'s
rm -f "$MDL_FAKE_DB"
run "$srv/projects/m51/public/admin" mdl-install
is "mdl-install (5.1): exit" "$rc:$err" "0:"
json "mdl-install (5.1): the top's admin/cli, the project's MPD_PHP_VERSION" '[.script, .cwd, .php]' \
	"[\"$srv/projects/m51/admin/cli/install_database.php\",\"$srv/projects/m51\",\"8.2\"]"

# ---- mdl-upgrade, mdl-cron, mdl-cache-purge ---------------------------------------
for c in "mdl-upgrade upgrade.php" "mdl-cron cron.php" "mdl-cache-purge purge_caches.php"; do
	tool=${c% *} script=admin/cli/${c#* }
	case $tool in
	mdl-upgrade) want='["--non-interactive","--x=1"]' ;;
	*) want='["--x=1"]' ;;
	esac
	run "$srv/projects/demo/admin" "$tool" --x=1
	is "$tool: exit" "$rc:$err" "0:"
	json "$tool: the script, its arguments, run from the tree's top by the project's PHP" \
		'[.script, .argv, .cwd, .php, .first]' \
		"[\"$srv/projects/demo/$script\",$want,\"$srv/projects/demo\",\"8.4\",\"$srv/projects/demo/$script\"]"
	run "$srv/projects/m51/public" "$tool" --x=1
	json "$tool (5.1): public/$script" '[.script, .php]' "[\"$srv/projects/m51/public/$script\",\"8.2\"]"
done
cp "$srv/projects/m51/public/admin/cli/cron.php" "$srv/projects/m51/admin/cli/cron.php"
run "$srv/projects/m51" mdl-cron
json "mdl-cron (5.1): a script at the top wins over public/'s" .script \
	"\"$srv/projects/m51/admin/cli/cron.php\""
rm "$srv/projects/demo/admin/cli/purge_caches.php"
run "$srv/projects/demo" mdl-cache-purge
fails "mdl-cache-purge without its script" \
	"mdl-cache-purge: project 'demo' has no admin/cli/purge_caches.php (nor public/admin/cli/purge_caches.php)"

# ---- mdl-data-purge ------------------------------------------------------------------
# fill P: files in the data directories (dot files and directories too),
# dataroot_behat with another mode, dataroot_phpunit gone
fill() {
	d=$srv/data/$1
	as_user sh -c 'mkdir -p "$1/dataroot/localcache/x" "$1/dataroot/.hidden" \
		"$1/dataroot_behat" && echo a >"$1/dataroot/localcache/x/f" &&
		echo b >"$1/dataroot/.dot" && echo c >"$1/dataroot/php_error.log" &&
		echo d >"$1/dataroot_behat/f" && chmod 0755 "$1/dataroot_behat" &&
		rm -rf "$1/dataroot_phpunit" && echo log >"$1/php_error.log"' _ "$d" ||
		bad "could not fill $d"
	echo tables >"$MDL_FAKE_DB"
	chmod a+rw "$MDL_FAKE_DB"
	rm -f "$MDL_DB_LOG"
}
# kept P: the files mdl-data-purge keeps, copied for same()
kept_files() {
	printf '%s\n' "$srv/projects/$1/config.php" "$srv/projects/$1/config-mpd.php" \
		"$srv/meta/$1/effective.json" \
		"$srv/meta/$1/urls.json" "$srv/meta/$1/project.json" "$srv/data/$1/php_error.log"
	for f in mpd.env version.php public/version.php; do
		[ ! -f "$srv/projects/$1/$f" ] || echo "$srv/projects/$1/$f"
	done
}
snap() {
	rm -rf "$t/snap"
	mkdir -p "$t/snap"
	for f in $(kept_files "$1"); do cp "$f" "$t/snap/$(echo "$f" | tr / _)"; done
}
same() {
	for f in $(kept_files "$2"); do
		cmp -s "$f" "$t/snap/$(echo "$f" | tr / _)" && ok || bad "$1: $f changed or went"
	done
}
# untouched WHAT P: the data directories still hold their files, the DB
# its tables
untouched() {
	[ -f "$srv/data/$2/dataroot/localcache/x/f" ] && [ -f "$srv/data/$2/dataroot_behat/f" ] &&
		[ -f "$MDL_FAKE_DB" ] && ok || bad "$1: something was emptied"
}
# purged WHAT P: the three data directories are there, empty, 02777
purged() {
	for d in dataroot dataroot_behat dataroot_phpunit; do
		is "$1: $d empty, mode 02777" \
			"$(find "$srv/data/$2/$d" -mindepth 1 | wc -l):$(stat -c %a "$srv/data/$2/$d")" "0:2777"
	done
}

fill demo
snap demo
run "$srv/projects/demo" mdl-data-purge
fails "mdl-data-purge with no terminal and no --yes" \
	"mdl-data-purge: no terminal to ask on: mdl-data-purge --yes empties project 'demo''s database and $srv/data/demo/{dataroot,dataroot_behat,dataroot_phpunit}"
untouched "mdl-data-purge refused" demo
[ ! -e "$MDL_DB_LOG" ] && ok || bad "mdl-data-purge refused but ran a DB client"
run "$srv/projects/demo" mdl-data-purge --force
is "mdl-data-purge: an unknown argument" "$rc:$err" "2:usage: mdl-data-purge [--yes]  (inside a moodle project: empties its database and data directories)"

run "$srv/projects/demo/admin/cli" mdl-data-purge --yes
is "mdl-data-purge --yes (postgres)" "$rc:$out:$err" \
	"0:mdl-data-purge: project 'demo' is as before its install (database and data directories empty): mdl-install installs it again:"
cat >"$t/want" <<EOF
client: psql
arg: -X
arg: -q
arg: -v
arg: ON_ERROR_STOP=1
arg: -h
arg: postgres-17.db.mpd.test
arg: -U
arg: postgres
arg: -d
arg: postgres
PGPASSWORD: postgres
stdin:
SET client_min_messages = warning;
SELECT format('ALTER DATABASE %I ALLOW_CONNECTIONS false', datname) FROM pg_database WHERE datname = 'demo' \\gexec
SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'demo' AND pid <> pg_backend_pid();
DROP DATABASE IF EXISTS "demo";
CREATE DATABASE "demo" OWNER "demo";
REVOKE CONNECT ON DATABASE "demo" FROM PUBLIC;
GRANT CONNECT ON DATABASE "demo" TO "demo";
EOF
cmp -s "$t/want" "$MDL_DB_LOG" && ok ||
	bad "mdl-data-purge (postgres): psql ran with: $(diff "$t/want" "$MDL_DB_LOG")"
purged "mdl-data-purge (postgres)" demo
same "mdl-data-purge (postgres) keeps the tree and mpd's config" demo
rm -f "$MDL_FAKE_DB"
run "$srv/projects/demo" mdl-install --agree-license
is "mdl-install right after mdl-data-purge" "$rc:$err" "0:"

fill m51
snap m51
run "$srv/projects/m51/public" mdl-data-purge --yes
is "mdl-data-purge --yes (mariadb)" "$rc:$err" "0:"
cat >"$t/want" <<'EOF'
client: mariadb
arg: --skip-ssl
arg: -h
arg: mariadb-11-8.db.mpd.test
arg: -uroot
arg: -proot
PGPASSWORD: unset
stdin:
DROP DATABASE IF EXISTS `m51`;
CREATE DATABASE `m51` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
GRANT ALL PRIVILEGES ON `m51`.* TO 'm51'@'%';
EOF
cmp -s "$t/want" "$MDL_DB_LOG" && ok ||
	bad "mdl-data-purge (mariadb): mariadb ran with: $(diff "$t/want" "$MDL_DB_LOG")"
purged "mdl-data-purge (mariadb)" m51
same "mdl-data-purge (mariadb) keeps the tree and mpd's config" m51

fill my
run "$srv/projects/my" mdl-data-purge --yes
is "mdl-data-purge --yes (mysql)" "$rc:$err" "0:"
is "mdl-data-purge (mysql): the mariadb client, TLS without a CA" \
	"$(grep '^arg:' "$MDL_DB_LOG" | tr '\n' ' ')" \
	"arg: --ssl arg: --skip-ssl-verify-server-cert arg: -h arg: mysql-8-4.db.mpd.test arg: -uroot arg: -proot "

fill demo
run "$srv/projects/demo" env MDL_DB_FAIL=1 mdl-data-purge --yes
case $rc:$err in
"1:ERROR: could not connect to the server
mdl-data-purge: could not empty database 'demo' on postgres-17.db.mpd.test"*) ok ;;
*) bad "mdl-data-purge: a DB client that fails: $rc:$err" ;;
esac
untouched "mdl-data-purge whose DB client failed" demo

# the question, on a terminal (script(1)): the project's name, or nothing
# answer P TEXT: TEXT typed at mdl-data-purge's question in P
answer() {
	printf '%s\n' "$2" | (cd "$srv/projects/$1" && as_user env PATH="$root/bin:$tools:$PATH" \
		script -qec mdl-data-purge /dev/null) >"$t/out" 2>&1
	rc=$?
	out=$(tr -d '\r' <"$t/out")
}
fill demo
answer demo nope
case $rc:$out in
1:*"Type the project's name to go on: "*"you typed 'nope', not 'demo': nothing changed"*) ok ;;
*) bad "mdl-data-purge on a terminal, the wrong name: $rc:$out" ;;
esac
untouched "mdl-data-purge, the wrong name" demo
answer demo demo
case $rc:$out in
0:*"This empties project 'demo''s database (postgres on postgres-17.db.mpd.test)"*"is as before its install"*) ok ;;
*) bad "mdl-data-purge on a terminal, the right name: $rc:$out" ;;
esac
purged "mdl-data-purge, asked" demo

# no database, not configured
run "$srv/projects/nodb" mdl-data-purge --yes
fails "mdl-data-purge of a project never configured" \
	"mdl-data-purge: project 'nodb' is not configured ($srv/meta/nodb/effective.json is missing): mpd configure nodb"
configured nodb "" ""
chmod -R a+rwX "$srv/meta/nodb"
run "$srv/projects/nodb" mdl-data-purge --yes
fails "mdl-data-purge without a database" \
	"mdl-data-purge: project 'nodb' has no database: mpd configure nodb MPD_DB=postgres"
echo '{"dbEngine":"postgres","databaseId":"x;rm -rf /"}' >"$srv/meta/nodb/effective.json"
run "$srv/projects/nodb" mdl-data-purge --yes
fails "mdl-data-purge with a hostile databaseId" "which is not a server id"

# ---- the tools and their libraries are shellcheck-clean (also
# check-privilege-boundary.sh's), and no tool sudoes -------------------------------
SHELLCHECK=${SHELLCHECK:-shellcheck}
for f in "$top"/assets/runtimes/php/project_types/moodle/tools/*; do
	if command -v "$SHELLCHECK" >/dev/null 2>&1; then
		o=$("$SHELLCHECK" -x "$f" 2>&1) && ok || bad "shellcheck $f: $o"
	fi
	grep -q 'sudo' "$f" && bad "$f uses sudo (the mdl tools need none)" || ok
done
finish
