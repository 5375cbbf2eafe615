#!/bin/sh
# test-dev-tools.sh - the developer tools inside a php runtime, run for
# real on the PATH build.sh links them into, against a fake runtime tree
# (MPD_TEST_ROOT, see assets/runtime-base/lib/mpd-paths.sh) with the real
# env loader and php wrapper:
#   runtime tier (assets/runtimes/php/tools): composer-install,
#     composer-upgrade, mpci-install;
#   moodle tier (project_types/moodle/tools): phpunit, phpunit-init,
#     phpunit-util, behat, behat-init, behat-util, grunt, mpci;
#   base tier: node-install (its installing paths; test-runtime-assets.sh
#     has its checks).
# Stand-ins: Composer (a PHP script: --version, install, create-project;
# DEV_COMPOSER=offline prints what Debian's Composer 2.5 printed on these
# machines when it could not reach its downloads, =fail a non-network
# failure), Moodle's CLI scripts and vendor/bin/{phpunit,behat} (tiny PHP
# that prints how it was run as JSON), sudo (records, then runs the command
# as the test user), apt-get, node and npm (record).  curl is the real one:
# getcomposer.org is a file:// directory, or an unresolvable .invalid host.
# Where Debian's composer and npm are installed, the real ones are run too,
# against repositories on an unresolvable .invalid host (RFC 6761: never
# the network), for their real failure text.  Skipped (77) without php.
# The PHP is single-quoted on purpose:
# shellcheck disable=SC2016
set -u
. "${top_srcdir:?}/tests/scripts/lib.sh"
top=$(cd "$top_srcdir" && pwd -P)
PHP=${PHP:-php}
if ! realphp=$(command -v "$PHP"); then
	echo "SKIP: $PHP is not installed (bootstrap/packages.txt, role suite)"
	exit 77
fi
for p in bash jq curl sha256sum; do
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
	"$root/usr/bin" "$root/usr/local/bin" "$root/bin" "$root/home" "$t" "$log" \
	"$root/dl" "$srv/projects" "$srv/data" "$srv/meta" "$srv/tools"
ln -s "$top/assets/runtime-base" "$assets/runtime-base"
ln -s "$top/assets/runtimes/php" "$assets/runtimes/php"
echo php >"$root/etc/mpd/runtime"
echo php >"$root/etc/mpd/runtime-dir"
echo 8.4 >"$root/etc/mpd/php-default"
printf '8.4\n8.2\n' >"$root/etc/mpd/php-versions"
unset PROJECT_NAME MOODLE_DIR MPD_COMPOSER_DOWNLOAD MPD_MPCI_VERSION
export MPD_TEST_ROOT="$root" HOME="$root/home" SHELL=/bin/sh
DEV_LOG=$log/calls
export DEV_LOG

# the runtime's PHPs: the real php, saying which version it stands for
for v in 8.2 8.4; do
	printf '#!/bin/sh\nMDL_PHP_AS=%s exec %s "$@"\n' "$v" "$realphp" >"$root/usr/bin/php$v"
done
printf '#!/bin/sh\nMDL_PHP_AS=release exec %s "$@"\n' "$realphp" >"$root/usr/bin/php"

# Composer, as Debian's /usr/bin/composer
cat >"$root/usr/bin/composer.standin" <<'EOF'
<?php
// a stand-in for Composer: what it was asked, in the log; DEV_COMPOSER
// picks how it ends
$a = array_values(array_filter(array_slice($argv, 1), fn($x) => substr($x, 0, 2) !== '--' || $x === '--version'));
$all = array_slice($argv, 1);
if (in_array('--version', $all)) {
    echo "Composer version 2.8.4 2024-12-11 11:57:47\n";
    exit(0);
}
file_put_contents(getenv('DEV_LOG'), json_encode(['composer' => $all, 'cwd' => getcwd(),
    'php' => getenv('MDL_PHP_AS'), 'columns' => getenv('COLUMNS')], JSON_UNESCAPED_SLASHES) . "\n", FILE_APPEND);
$mode = getenv('DEV_COMPOSER');
if ($mode === 'offline' && $a[0] === 'install') {
    // what Debian's Composer 2.5.5 printed for Moodle 4.5's composer.lock here
    echo "Installing dependencies from lock file (including require-dev)\n";
    echo "Package operations: 68 installs, 0 updates, 0 removals\n";
    echo "  - Downloading behat/gherkin (v4.9.0)\n";
    echo "    Failed to download behat/gherkin from dist: The \"https://api.github.com/repos/Behat/Gherkin/zipball/0bc8d1e30e96183e4f36db9dc79caead300beff4\" file could not be downloaded: php_network_getaddresses: getaddrinfo for api.github.com failed: Name or service not known\n";
    echo "    Now trying to download from source\n";
    echo "In Git.php line 471:\n";
    echo "  Failed to clone https://github.com/Behat/Gherkin.git via https, ssh protocols, aborting.\n";
    echo "    fatal: unable to access 'https://github.com/Behat/Gherkin.git/': Could not resolve host: github.com\n";
    exit(1);
}
if ($mode === 'offline' && $a[0] === 'create-project') {
    fwrite(STDERR, "Creating a \"moodlehq/moodle-plugin-ci\" project at \"./x\"\n\nIn RemoteFilesystem.php line 476:\n\n");
    fwrite(STDERR, "  The \"https://repo.packagist.org/packages.json\" file could not be downloaded: php_network_getaddresses: getaddrinfo for repo.packagist.org failed: Name or service not known  \n");
    fwrite(STDERR, "  Failed to open stream: php_network_getaddresses: getaddrinfo for repo.packagist.org failed: Name or service not known\n");
    exit(1);
}
if ($mode === 'fail') {
    fwrite(STDERR, "Your lock file does not contain a compatible set of packages. Please run composer update.\n");
    fwrite(STDERR, "  Problem 1\n    - Root composer.json requires PHP extension ext-zip * but it is missing from your system.\n");
    exit(2);
}
$bin = '<?php echo json_encode(["bin" => __FILE__, "argv" => array_slice($argv, 1), "cwd" => getcwd(), '
    . '"php" => getenv("MDL_PHP_AS"), "moodle" => getenv("MOODLE_DIR"), "path" => explode(":", getenv("PATH"))[0]], '
    . 'JSON_UNESCAPED_SLASHES), "\n";';
if ($a[0] === 'install') {
    @mkdir('vendor/bin', 0777, true);
    @mkdir('vendor/composer', 0777, true);
    file_put_contents('vendor/autoload.php', "<?php\n");
    file_put_contents('vendor/composer/installed.json', "{}\n");
    file_put_contents('vendor/bin/phpunit', $bin);
    file_put_contents('vendor/bin/behat', $bin);
    echo "Generating autoload files\n";
    exit(0);
}
if ($a[0] === 'create-project') {
    $d = $a[2];
    mkdir("$d/bin", 0777, true);
    mkdir("$d/vendor/bin", 0777, true);
    file_put_contents("$d/vendor/autoload.php", "<?php\n");
    file_put_contents("$d/bin/moodle-plugin-ci", '<?php if (in_array("--version", $argv)) { echo "Moodle Plugin CI 4.5.8\n"; exit(0); } ' . substr($bin, 5));
    exit(0);
}
fwrite(STDERR, "composer stand-in: nothing to do for " . implode(' ', $all) . "\n");
exit(1);
EOF
cp "$root/usr/bin/composer.standin" "$root/usr/bin/composer"

# sudo: record, then run the command (as the test user: its paths are the
# test tree's); apt-get: record, and "install" puts node and npm in place
cat >"$root/bin/sudo" <<'EOF'
#!/bin/sh
echo "sudo $*" >>"$DEV_LOG"
[ "$1" = -n ] && shift
exec "$@"
EOF
cat >"$root/bin/apt-get" <<'EOF'
#!/bin/sh
echo "apt-get $*" >>"$DEV_LOG"
case $* in
*install*nodejs*)
	printf '#!/bin/sh\necho v20.19.2\n' >"$MPD_TEST_ROOT/usr/bin/node"
	printf '#!/bin/sh\necho "npm $*" >>"$DEV_LOG"\n' >"$MPD_TEST_ROOT/usr/bin/npm"
	chmod +x "$MPD_TEST_ROOT/usr/bin/node" "$MPD_TEST_ROOT/usr/bin/npm"
	;;
esac
EOF
# node: the version DEV_NODE says; npm: records, and puts what it was
# asked for in place (DEV_NPM=offline: npm 11's failure without a registry)
cat >"$root/bin/node" <<'EOF'
#!/bin/sh
[ -n "${DEV_NODE:-}" ] || exit 127
echo "v$DEV_NODE"
EOF
cat >"$root/bin/npm" <<'EOF'
#!/bin/sh
echo "npm $* (in $PWD)" >>"$DEV_LOG"
if [ "${DEV_NPM:-}" = offline ]; then
	echo "npm error code ENOTFOUND" >&2
	echo "npm error network request to https://registry.npmjs.org/grunt failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org" >&2
	exit 1
fi
case $1 in
ci | install)
	if [ "$2" = --global ]; then
		mkdir -p "$4/lib/node_modules/node/bin" "$4/bin"
		printf '#!/bin/sh\necho v22.12.0\n' >"$4/lib/node_modules/node/bin/node"
		chmod +x "$4/lib/node_modules/node/bin/node"
		ln -sfn "$4/lib/node_modules/node/bin/node" "$4/bin/node"
		exit 0
	fi
	mkdir -p node_modules/.bin
	printf '#!/bin/sh\necho "grunt $* (in $PWD)"\n' >node_modules/.bin/grunt
	chmod +x node_modules/.bin/grunt
	: >node_modules/.package-lock.json
	;;
esac
EOF
chmod +x "$root"/usr/bin/* "$root"/bin/*

# moodle TREE DIR: a Moodle tree at TREE whose admin/tool/ is under DIR
# (TREE, or TREE/public for 5.1): stand-ins of the phpunit and behat CLI
# scripts (they also run `php` from PATH, as Moodle's init.php does),
# composer.json and composer.lock, package.json and .nvmrc at the top
moodle() {
	for s in phpunit/cli/init phpunit/cli/util behat/cli/init behat/cli/util; do
		mkdir -p "$2/admin/tool/${s%/*}"
		cat >"$2/admin/tool/$s.php" <<'EOF'
<?php
exec('php -r "echo getenv(\'MDL_PHP_AS\');"', $sub);
echo json_encode(['script' => __FILE__, 'argv' => array_slice($argv, 1), 'cwd' => getcwd(),
    'php' => getenv('MDL_PHP_AS'), 'sub' => implode('', $sub)], JSON_UNESCAPED_SLASHES), "\n";
EOF
	done
	echo '{"name": "moodle/moodle", "require-dev": {"phpunit/phpunit": "9.6.*"}}' >"$1/composer.json"
	echo '{}' >"$1/composer.lock"
	echo '{"name": "moodle", "devDependencies": {"grunt": "1.6.1"}}' >"$1/package.json"
	echo '{}' >"$1/package-lock.json"
	echo 'lts/jod' >"$1/.nvmrc"
	mkdir -p "$2/mod/forum/tests" "$2/mod/forum/amd/src" "$2/mod/forum/tests/behat"
	: >"$2/mod/forum/tests/lib_test.php"
	: >"$2/mod/forum/tests/behat/post.feature"
}
# project NAME TYPE [FIXTURE]: a tree (a copy of FIXTURE) and its
# project.json, configured (config.php, the data directories)
project() {
	mkdir -p "$srv/projects/$1" "$srv/meta/$1" "$srv/data/$1/dataroot_behat"
	[ -z "${3:-}" ] || cp -R "$top/tests/fixtures/$3/." "$srv/projects/$1/"
	jq -n --arg n "$1" --arg t "$2" --arg w "$srv/projects/$1" \
		'{name: $n, runtime: "php", runtimeDir: "php", type: $t, webRoot: $w,
		  urls: []}' >"$srv/meta/$1/project.json"
	[ "$2" != moodle ] || [ -z "${3:-}" ] || printf '<?php\n' >"$srv/projects/$1/config.php"
}
project demo moodle moodle-min
moodle "$srv/projects/demo" "$srv/projects/demo"
project m51 moodle moodle-51-min
moodle "$srv/projects/m51" "$srv/projects/m51/public"
echo 'MPD_PHP_VERSION=8.2' >"$srv/projects/m51/mpd.env"
project off moodle moodle-min
moodle "$srv/projects/off" "$srv/projects/off"
project nodb moodle moodle-min
rm "$srv/projects/nodb/config.php"
project plainp plain moodle-min
chmod -R a+rwX "$root"

# run DIR CMD...: run_tool (lib.sh) with the runtime's tool tiers
tools_path=$root/bin:$srv/tools/moodle:$srv/tools/php:$srv/tools/_base
run() { run_tool "$@"; }
# one WHAT NEEDLE: the last run exited 1 with exactly one line on stderr,
# starting with NEEDLE
one() {
	n=$(printf '%s\n' "$err" | wc -l)
	case $err in
	"$2"*) [ "$rc" -eq 1 ] && [ "$n" -eq 1 ] && ok ||
		bad "$1: expected exit 1 and one line, got $rc: $err" ;;
	*) bad "$1: expected '$2...' on stderr, got $rc: $out|$err" ;;
	esac
}
# json WHAT FILTER WANT: FILTER of the last JSON line of the last run's stdout
json() {
	is "$1" "$(printf '%s\n' "$out" | grep '^{' | tail -n 1 | jq -c "$2" 2>&1)" "$3"
}
calls() {
	cat "$DEV_LOG" 2>/dev/null
}

# ---- the tools are on their tiers ------------------------------------------------
as_user mkdir -p "$srv/tools/_base"
for f in "$top"/assets/runtime-base/tools/*; do ln -sfn "$f" "$srv/tools/_base/${f##*/}"; done
run "$root" bash "$top/assets/runtimes/php/build.sh" php
is "build.sh" "$rc:$err" "0:"
for tool in composer-install composer-upgrade mpci-install; do
	is "build.sh links $tool (php tier)" "$(readlink "$srv/tools/php/$tool")" \
		"$top/assets/runtimes/php/tools/$tool"
done
moodle_tools="phpunit phpunit-init phpunit-util behat behat-init behat-util grunt mpci"
for tool in $moodle_tools; do
	is "build.sh links $tool (moodle tier)" "$(readlink "$srv/tools/moodle/$tool")" \
		"$top/assets/runtimes/php/project_types/moodle/tools/$tool"
done

# ---- as root: one line, exit 1, nothing done ----------------------------------------
if [ "$(id -u)" -eq 0 ]; then
	for tool in $moodle_tools composer-install composer-upgrade mpci-install node-install; do
		(cd "$srv/projects/demo" && PATH="$tools_path:$PATH" "$tool") </dev/null >"$t/out" 2>"$t/err"
		rc=$? out=$(cat "$t/out") err=$(cat "$t/err")
		one "$tool as root" "$tool: run it as the dev user, not as root"
	done
	[ ! -e "$DEV_LOG" ] && ok || bad "a tool run as root did something: $(calls)"
fi

# ---- the moodle tools outside a project, in the wrong one -----------------------------
for tool in $moodle_tools; do
	for d in "$root" "$srv/projects" "$t"; do
		run "$d" "$tool"
		one "$tool outside a project ($d)" \
			"$tool: not inside a project ($srv/projects/<name>/...): cd into a moodle project"
	done
	run "$srv/projects/plainp" "$tool"
	one "$tool in a plain project" "$tool: project 'plainp' is a plain project, not a moodle one"
done
for tool in phpunit phpunit-init phpunit-util behat behat-init behat-util; do
	run "$srv/projects/nodb" "$tool"
	one "$tool without a database" "$tool: project 'nodb' has no database: mpd configure nodb MPD_DB=postgres"
done

# ---- composer-install, composer-upgrade ---------------------------------------------------
run "$t" composer-install
is "composer-install with Debian's composer: nothing changed" "$rc:$out:$err" \
	"0:composer-install: Composer 2.8.4 is installed ($root/usr/bin/composer): nothing changed:"
[ ! -e "$DEV_LOG" ] && ok || bad "composer-install with a composer there did something: $(calls)"
run "$t" composer-install extra
is "composer-install with an argument" "$rc" 2

# getcomposer.org's download/ as a file:// directory
phar() {
	mkdir -p "$root/dl/$1"
	printf '<?php echo "Composer version %s 2025-01-01 00:00:00\\n";\n' "$2" >"$root/dl/$1/composer.phar"
	(cd "$root/dl/$1" && sha256sum composer.phar >composer.phar.sha256sum)
}
phar latest-stable 2.9.0
mv "$root/usr/bin/composer" "$t/debian-composer"
run "$t" env MPD_COMPOSER_DOWNLOAD="file://$root/dl" composer-install
is "composer-install without one: fetched, checked, installed" "$rc:$out:$err" \
	"0:composer-install: Composer 2.9.0 installed ($root/usr/local/bin/composer):"
cmp -s "$root/dl/latest-stable/composer.phar" "$root/usr/local/bin/composer" && ok ||
	bad "composer-install: /usr/local/bin/composer is not the fetched phar"
case $(calls) in
"sudo -n install -D -m 0755 "*"/composer.phar $root/usr/local/bin/composer") ok ;;
*) bad "composer-install: sudo for the install only, got: $(calls)" ;;
esac
rm -f "$DEV_LOG"
run "$t" env MPD_COMPOSER_DOWNLOAD="file://$root/dl" composer-install
is "composer-install again: nothing changed" "$rc:$out" \
	"0:composer-install: Composer 2.9.0 is installed ($root/usr/local/bin/composer): nothing changed"
[ ! -e "$DEV_LOG" ] && ok || bad "composer-install again did something: $(calls)"
run "$srv/projects/demo" composer --version
is "the composer tool runs the installed phar, by the project's PHP" "$rc:$out" \
	"0:Composer version 2.9.0 2025-01-01 00:00:00"
run "$t" env MPD_COMPOSER_DOWNLOAD="file://$root/dl" composer-upgrade
is "composer-upgrade to the same phar: nothing changed" "$rc:$out" \
	"0:composer-upgrade: Composer 2.9.0 is already $root/usr/local/bin/composer: nothing changed"
[ ! -e "$DEV_LOG" ] && ok || bad "composer-upgrade to the same phar ran sudo: $(calls)"
phar 2.9.1 2.9.1
run "$t" env MPD_COMPOSER_DOWNLOAD="file://$root/dl" composer-upgrade 2.9.1
is "composer-upgrade VERSION" "$rc:$out" "0:composer-upgrade: Composer 2.9.1 installed ($root/usr/local/bin/composer)"
phar 2.9.2 2.9.2
echo 'x' >>"$root/dl/2.9.2/composer.phar"
run "$t" env MPD_COMPOSER_DOWNLOAD="file://$root/dl" composer-upgrade 2.9.2
one "composer-upgrade: a phar that does not match its sum" \
	"composer-upgrade: file://$root/dl/2.9.2/composer.phar does not match its SHA-256 sum"
run "$t" composer --version
is "a bad phar installs nothing" "$out" "Composer version 2.9.1 2025-01-01 00:00:00"
run "$t" env MPD_COMPOSER_DOWNLOAD=https://getcomposer.mpd-unreachable.invalid/download composer-upgrade
one "composer-upgrade: getcomposer.org out of reach (real curl)" \
	"composer-upgrade: cannot fetch https://getcomposer.mpd-unreachable.invalid/download/latest-stable/composer.phar (curl: (6) Could not resolve host: getcomposer.mpd-unreachable.invalid): run it where getcomposer.org can be reached"
run "$t" composer-upgrade latest
is "composer-upgrade with a bad version" "$rc" 2
rm -f "$root/usr/local/bin/composer"
run "$t" env MPD_COMPOSER_DOWNLOAD=https://getcomposer.mpd-unreachable.invalid/download composer-install
one "composer-install: none, getcomposer.org out of reach" "composer-install: cannot fetch https://getcomposer.mpd-unreachable.invalid/"
mv "$t/debian-composer" "$root/usr/bin/composer"
rm -f "$DEV_LOG"

# ---- phpunit-init, phpunit-util, phpunit ----------------------------------------------------
run "$srv/projects/demo/mod/forum" phpunit
one "phpunit before phpunit-init" \
	"phpunit: Moodle's dev dependencies are not installed (no $srv/projects/demo/vendor/bin/phpunit): run phpunit-init"
run "$srv/projects/demo/mod/forum" phpunit-util --drop
one "phpunit-util before phpunit-init" "phpunit-util: Moodle's dev dependencies are not installed"
run "$srv/projects/demo/mod/forum" phpunit-init --x=1
is "phpunit-init: exit" "$rc:$err" "0:"
is "phpunit-init: composer install in the tree's top, by the project's PHP" \
	"$(calls | jq -c '[.composer, .cwd, .php, .columns]')" \
	"[[\"--no-interaction\",\"--no-progress\",\"--no-ansi\",\"install\"],\"$srv/projects/demo\",\"8.4\",\"1000\"]"
json "phpunit-init: Moodle's init.php, its arguments, from the top; its php runs are the project's" \
	'[.script, .argv, .cwd, .php, .sub]' \
	"[\"$srv/projects/demo/admin/tool/phpunit/cli/init.php\",[\"--x=1\"],\"$srv/projects/demo\",\"8.4\",\"8.4\"]"
rm -f "$DEV_LOG"
run "$srv/projects/demo" phpunit-init
case $out in
"phpunit-init: Moodle's dev dependencies are installed ($srv/projects/demo/vendor): nothing fetched"*) ok ;;
*) bad "phpunit-init again: says nothing was fetched: $out" ;;
esac
[ ! -e "$DEV_LOG" ] && ok || bad "phpunit-init again ran composer: $(calls)"
touch -d '+1 hour' "$srv/projects/demo/composer.lock"
run "$srv/projects/demo" phpunit-init
is "phpunit-init after composer.lock changed: composer install again" "$(calls | jq -r '.composer[3]')" install
touch -d '-1 hour' "$srv/projects/demo/composer.lock"
rm -f "$DEV_LOG"
run "$srv/projects/demo/mod/forum" phpunit
one "phpunit before init wrote phpunit.xml" \
	"phpunit: project 'demo' is not initialised for PHPUnit (no $srv/projects/demo/phpunit.xml): run phpunit-init"
: >"$srv/projects/demo/phpunit.xml"
run "$srv/projects/demo/mod/forum" phpunit --filter=x tests/lib_test.php nothere
json "phpunit: vendor/bin/phpunit from the top, paths from where you are made relative to it" \
	'[.bin, .argv, .cwd, .php]' \
	"[\"$srv/projects/demo/vendor/bin/phpunit\",[\"--filter=x\",\"mod/forum/tests/lib_test.php\",\"nothere\"],\"$srv/projects/demo\",\"8.4\"]"
run "$srv/projects/demo/mod" phpunit-util --drop
json "phpunit-util: util.php and its arguments" '[.script, .argv, .cwd]' \
	"[\"$srv/projects/demo/admin/tool/phpunit/cli/util.php\",[\"--drop\"],\"$srv/projects/demo\"]"

# the 5.1 layout: admin/tool under public/, vendor and phpunit.xml at the top
run "$srv/projects/m51/public/mod/forum" phpunit-init
json "phpunit-init (5.1): public/admin/tool, the project's PHP 8.2 for its php runs too" \
	'[.script, .cwd, .php, .sub]' \
	"[\"$srv/projects/m51/public/admin/tool/phpunit/cli/init.php\",\"$srv/projects/m51\",\"8.2\",\"8.2\"]"
is "phpunit-init (5.1): composer install at the top" "$(calls | jq -c '[.cwd, .php]')" "[\"$srv/projects/m51\",\"8.2\"]"
rm -f "$DEV_LOG"
: >"$srv/projects/m51/phpunit.xml"
run "$srv/projects/m51/public/mod/forum" phpunit tests/lib_test.php
json "phpunit (5.1)" '[.argv, .cwd, .php]' "[[\"public/mod/forum/tests/lib_test.php\"],\"$srv/projects/m51\",\"8.2\"]"

# Packagist out of reach; other failures; no composer.json
run "$srv/projects/off/mod" env DEV_COMPOSER=offline phpunit-init
one "phpunit-init: the downloads out of reach, one line with the fix" \
	"phpunit-init: Moodle's dev dependencies are not installed: the packages cannot be downloaded (composer install failed: Failed to download behat/gherkin from dist: The \"https://api.github.com/repos/Behat/Gherkin/zipball/0bc8d1e30e96183e4f36db9dc79caead300beff4\" file could not be downloaded: php_network_getaddresses: getaddrinfo for api.github.com failed: Name or service not known): run it where Packagist (and the downloads it names) can be reached, or point Composer at a Packagist mirror you can reach (composer config -g repos.packagist composer <url>)"
case $out in *'"script"'*) bad "phpunit-init ran Moodle's init.php without its dependencies" ;; *) ok ;; esac
run "$srv/projects/off" env DEV_COMPOSER=fail phpunit-init
case $rc:$err in
"1:Your lock file does not contain a compatible set of packages. Please run composer update."*"
phpunit-init: composer install in $srv/projects/off failed (exit 2, see above)") ok ;;
*) bad "phpunit-init: another composer failure: its output, then one line: $rc:$err" ;;
esac
rm "$srv/projects/off/composer.json"
run "$srv/projects/off" phpunit-init
one "phpunit-init without composer.json" "phpunit-init: project 'off' has no composer.json: its Moodle tree is incomplete"
echo '{}' >"$srv/projects/off/composer.json"
rm -f "$DEV_LOG"

# ---- behat-init, behat-util, behat ---------------------------------------------------------------
for tool in behat-init behat; do
	run "$srv/projects/demo" "$tool"
	one "$tool without MPD_PHP_MOODLE_BEHAT=1" \
		"$tool: project 'demo' has no Behat site: mpd configure demo MPD_PHP_MOODLE_BEHAT=1"
done
echo 'MPD_PHP_MOODLE_BEHAT=1' >"$srv/projects/demo/mpd.env"
echo 'MPD_PHP_MOODLE_BEHAT=1' >>"$srv/projects/m51/mpd.env"
run "$srv/projects/demo/mod/forum" behat-init --parallel=2 --add-core-features-to-theme
is "behat-init: exit" "$rc:$err" "0:"
json "behat-init: init.php --disable-composer, then the arguments" '[.script, .argv, .cwd, .php, .sub]' \
	"[\"$srv/projects/demo/admin/tool/behat/cli/init.php\",[\"--disable-composer\",\"--parallel=2\",\"--add-core-features-to-theme\"],\"$srv/projects/demo\",\"8.4\",\"8.4\"]"
is "behat-init: composer.phar in the tree is this runtime's Composer" \
	"$(readlink "$srv/projects/demo/composer.phar")" "$root/usr/bin/composer"
[ ! -e "$DEV_LOG" ] && ok || bad "behat-init fetched what phpunit-init had: $(calls)"
run "$srv/projects/demo" behat
one "behat before Moodle's init wrote behat.yml" \
	"behat: project 'demo' is not initialised for Behat (no $srv/data/demo/dataroot_behat/behatrun/behat/behat.yml): run behat-init"
mkdir -p "$srv/data/demo/dataroot_behat/behatrun/behat"
: >"$srv/data/demo/dataroot_behat/behatrun/behat/behat.yml"
chmod -R a+rwX "$srv/data"
run "$srv/projects/demo/mod/forum/tests" behat behat/post.feature --tags=@x
json "behat: vendor/bin/behat --config <behat_dataroot>/behatrun/behat/behat.yml, relative paths" \
	'[.bin, .argv, .cwd, .php]' \
	"[\"$srv/projects/demo/vendor/bin/behat\",[\"--config\",\"$srv/data/demo/dataroot_behat/behatrun/behat/behat.yml\",\"mod/forum/tests/behat/post.feature\",\"--tags=@x\"],\"$srv/projects/demo\",\"8.4\"]"
run "$srv/projects/demo" behat-util --drop
json "behat-util: util.php and its arguments" '[.script, .argv]' \
	"[\"$srv/projects/demo/admin/tool/behat/cli/util.php\",[\"--drop\"]]"
run "$srv/projects/m51/public" behat-init
json "behat-init (5.1): public/admin/tool, PHP 8.2" '[.script, .cwd, .php]' \
	"[\"$srv/projects/m51/public/admin/tool/behat/cli/init.php\",\"$srv/projects/m51\",\"8.2\"]"
is "behat-init (5.1): composer.phar at the top (where Moodle looks)" \
	"$(readlink "$srv/projects/m51/composer.phar")" "$root/usr/bin/composer"
rm -f "$srv/projects/off/vendor/bin/behat"
echo 'MPD_PHP_MOODLE_BEHAT=1' >"$srv/projects/off/mpd.env"
run "$srv/projects/off" behat-util
one "behat-util before behat-init" "behat-util: Moodle's dev dependencies are not installed (no $srv/projects/off/vendor/bin/behat): run behat-init"
run "$srv/projects/off" env DEV_COMPOSER=offline behat-init
one "behat-init: the downloads out of reach" \
	"behat-init: Moodle's dev dependencies are not installed: the packages cannot be downloaded (composer install failed: "
rm -f "$DEV_LOG"

# ---- grunt ------------------------------------------------------------------------------------------
run "$srv/projects/demo/mod/forum/amd" grunt amd
one "grunt without node" "grunt: Node is not installed in this runtime: run node-install 22"
run "$srv/projects/demo/mod/forum/amd" env DEV_NODE=20.19.2 grunt amd
one "grunt with another Node" \
	"grunt: project 'demo' wants Node 22 (.nvmrc: lts/jod), the node on PATH is 20.19.2: run node-install 22"
run "$srv/projects/demo/mod/forum/amd" env DEV_NODE=22.12.0 grunt amd --force
is "grunt: npm ci once, in the tree's top; grunt from where you are" \
	"$rc:$(calls):$(printf '%s\n' "$out" | tail -n 1)" \
	"0:npm ci --no-audit --no-fund (in $srv/projects/demo):grunt amd --force (in $srv/projects/demo/mod/forum/amd)"
rm -f "$DEV_LOG"
run "$srv/projects/demo" env DEV_NODE=22.12.0 grunt
is "grunt again: nothing fetched" "$rc:$out" "0:grunt  (in $srv/projects/demo)"
[ ! -e "$DEV_LOG" ] && ok || bad "grunt again ran npm: $(calls)"
run "$srv/projects/m51/public" env DEV_NODE=22.1.0 DEV_NPM=offline grunt
one "grunt: the npm registry out of reach" \
	"grunt: Moodle's build tools are not installed and the npm registry cannot be reached (npm ci failed: request to https://registry.npmjs.org/grunt failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org): run it where the registry can be reached, or point npm at a mirror you can reach (npm config set registry <url>)"
rm -f "$DEV_LOG"

# ---- mpci-install, mpci ----------------------------------------------------------------------------
run "$srv/projects/demo" mpci phplint .
one "mpci before mpci-install" "mpci: moodle-plugin-ci is not installed in this runtime: run mpci-install"
mkdir -p "$root/opt"
chmod a+rwx "$root/opt"
run "$t" env DEV_COMPOSER=offline mpci-install
one "mpci-install: Packagist out of reach" \
	"mpci-install: moodle-plugin-ci is not installed: the packages cannot be downloaded (composer create-project failed: The \"https://repo.packagist.org/packages.json\" file could not be downloaded: php_network_getaddresses: getaddrinfo for repo.packagist.org failed: Name or service not known): run it where Packagist"
[ ! -e "$root/opt/moodle-plugin-ci/current" ] && ok || bad "mpci-install offline left an install"
is "mpci-install: the directory made once with sudo, owned by the user; composer by the oldest PHP, outside any project" \
	"$(grep '^sudo' "$DEV_LOG"):$(grep '^{' "$DEV_LOG" | jq -c '[.composer[0,4,5,6], .php, .cwd]')" \
	"sudo -n install -d -m 0755 -o $(as_user id -un) -g $(as_user id -gn) $root/opt/moodle-plugin-ci:[\"create-project\",\"--no-dev\",\"--prefer-dist\",\"moodlehq/moodle-plugin-ci\",\"8.2\",\"/\"]"
rm -f "$DEV_LOG"
run "$srv/projects/demo" mpci-install
is "mpci-install" "$rc:$out:$err" "0:mpci-install: moodle-plugin-ci 4.5.8 installed ($root/opt/moodle-plugin-ci/current):"
is "mpci-install: the constraint ^4, no sudo the second time" \
	"$(grep -c '^sudo' "$DEV_LOG"):$(grep '^{' "$DEV_LOG" | jq -r '.composer[-1]')" "0:^4"
rm -f "$DEV_LOG"
run "$t" mpci-install
is "mpci-install again: nothing changed" "$rc:$out" \
	"0:mpci-install: moodle-plugin-ci 4.5.8 is installed ($root/opt/moodle-plugin-ci/current): nothing changed"
[ ! -e "$DEV_LOG" ] && ok || bad "mpci-install again ran something: $(calls)"
run "$t" mpci-install --upgrade
is "mpci-install --upgrade: installed again, the old one gone" \
	"$rc:$out:$(find "$root/opt/moodle-plugin-ci" -mindepth 1 -maxdepth 1 -printf '%f ')" \
	"0:mpci-install: moodle-plugin-ci 4.5.8 installed ($root/opt/moodle-plugin-ci/current):current "
run "$t" mpci-install --now
is "mpci-install with a bad argument" "$rc" 2
run "$srv/projects/m51/public/mod/forum" mpci phplint .
json "mpci: from where you are, MOODLE_DIR the tree, the project's PHP, its bin/ first on PATH" \
	'[.argv, .cwd, .moodle, .php, .path]' \
	"[[\"phplint\",\".\"],\"$srv/projects/m51/public/mod/forum\",\"$srv/projects/m51\",\"8.2\",\"$root/opt/moodle-plugin-ci/current/bin\"]"
run "$srv/projects/demo" env MOODLE_DIR=/elsewhere mpci list
json "mpci: a MOODLE_DIR of yours wins" .moodle '"/elsewhere"'
rm -f "$DEV_LOG"

# ---- node-install: the installing paths, and idempotent -----------------------------------------------
(cd "$t" && as_user env PATH="$srv/tools/_base:/usr/sbin:/sbin" bash -c 'command -v node') >/dev/null 2>&1 &&
	echo "note: this machine has a node in /usr/sbin or /sbin"
# Debian's (none in the test tree's /usr/bin yet): apt-get through sudo
run "$t" node-install
is "node-install: Debian's, through sudo apt-get" "$rc:$out:$(calls | tr '\n' '|')" \
	"0:node 20.19.2 (Debian's) installed:sudo -n apt-get update|apt-get update|sudo -n apt-get install -y --no-install-recommends nodejs npm|apt-get install -y --no-install-recommends nodejs npm|"
rm -f "$DEV_LOG"
run "$t" node-install
is "node-install again: nothing changed" "$rc:$out" "0:node 20.19.2 (Debian's) is installed: nothing changed"
[ ! -e "$DEV_LOG" ] && ok || bad "node-install again ran something: $(calls)"
# a version: npm's node-linux-<arch> into ~/.local (the stand-in npm
# first on PATH)
case $(uname -m) in
x86_64 | aarch64)
	run "$t" node-install 22
	is "node-install 22: npm into ~/.local" "$rc:$out" "0:node 22.12.0 installed ($root/home/.local/bin/node)"
	case $(calls) in
	"npm install --global --prefix $root/home/.local --no-fund --no-audit node-linux-"*"@22 (in $t)") ok ;;
	*) bad "node-install 22: npm was asked: $(calls)" ;;
	esac
	rm -f "$DEV_LOG"
	run "$t" node-install 22
	is "node-install 22 again: nothing changed" "$rc:$out" \
		"0:node 22.12.0 is installed ($root/home/.local/bin/node): nothing changed"
	[ ! -e "$DEV_LOG" ] && ok || bad "node-install 22 again ran npm: $(calls)"
	;;
esac

# ---- the real Composer and npm, their downloads out of reach ----------------------------------------
if [ -x /usr/bin/composer ]; then
	project realc moodle moodle-min
	moodle "$srv/projects/realc" "$srv/projects/realc"
	rm "$srv/projects/realc/composer.lock"
	echo '{"name": "x/y", "require-dev": {"phpunit/phpunit": "^9"}, "repositories": [{"packagist.org": false}, {"type": "composer", "url": "https://repo.mpd-unreachable.invalid"}]}' \
		>"$srv/projects/realc/composer.json"
	chmod -R a+rwX "$srv/projects/realc" "$srv/meta/realc"
	rm -f "$root/usr/bin/composer"
	ln -s /usr/bin/composer "$root/usr/bin/composer"
	run "$srv/projects/realc/mod" phpunit-init
	# (PHP's curl extension, which the runtime has, words it "curl error
	# 6 while downloading URL: Could not resolve host: HOST"; without it,
	# "The URL file could not be downloaded: php_network_getaddresses: ...")
	one "phpunit-init with Debian's real composer, its repository out of reach" \
		"phpunit-init: Moodle's dev dependencies are not installed: the packages cannot be downloaded (composer install failed: "
	case $err in
	*"https://repo.mpd-unreachable.invalid/packages.json"*"repo.mpd-unreachable.invalid"*"): run it where Packagist"*) ok ;;
	*) bad "phpunit-init with the real composer: the reason names the repository: $err" ;;
	esac
	cp "$root/usr/bin/composer.standin" "$t/c" && rm "$root/usr/bin/composer" && mv "$t/c" "$root/usr/bin/composer"
else
	echo "note: no /usr/bin/composer here: the real Composer's failure is not checked (bootstrap/packages.txt, role suite)"
fi
if command -v npm >/dev/null 2>&1 && node --version >/dev/null 2>&1; then
	nodev=$(node --version)
	rnpm=$(command -v npm)
	rnode=$(command -v node)
	project realn moodle moodle-min
	moodle "$srv/projects/realn" "$srv/projects/realn"
	rm "$srv/projects/realn/package-lock.json"
	echo "${nodev%%.*}" >"$srv/projects/realn/.nvmrc"
	chmod -R a+rwX "$srv/projects/realn" "$srv/meta/realn"
	(cd "$srv/projects/realn" && as_user env PATH="$(dirname "$rnode"):$(dirname "$rnpm"):$srv/tools/moodle:$PATH" \
		npm_config_registry=https://registry.mpd-unreachable.invalid/ npm_config_fetch_retries=0 \
		npm_config_cache="$root/home/.npm" npm_config_update_notifier=false grunt) </dev/null >"$t/out" 2>"$t/err"
	rc=$? out=$(cat "$t/out") err=$(cat "$t/err")
	one "grunt with the real npm, its registry out of reach" \
		"grunt: Moodle's build tools are not installed and the npm registry cannot be reached (npm install failed: request to https://registry.mpd-unreachable.invalid/grunt failed, reason: getaddrinfo ENOTFOUND registry.mpd-unreachable.invalid)"
else
	echo "note: no node and npm here: the real npm's failure is not checked"
fi

# ---- shellcheck-clean; the moodle tools need no sudo ---------------------------------------------------
SHELLCHECK=${SHELLCHECK:-shellcheck}
for f in "$top"/assets/runtimes/php/tools/* "$top"/assets/runtimes/php/lib/php-tools.sh \
	"$top"/assets/runtimes/php/project_types/moodle/lib/moodle-dev.sh; do
	if command -v "$SHELLCHECK" >/dev/null 2>&1; then
		o=$("$SHELLCHECK" -x "$f" 2>&1) && ok || bad "shellcheck $f: $o"
	fi
done
for tool in $moodle_tools; do
	grep -q 'sudo' "$top/assets/runtimes/php/project_types/moodle/tools/$tool" &&
		bad "$tool uses sudo (the moodle tools need none)" || ok
done
finish
