#!/bin/sh
# test-runtime-assets.sh - the shell assets that run inside a runtime, run
# for real against a fake runtime tree (MPD_TEST_ROOT, see
# assets/runtime-base/lib/mpd-paths.sh): the mpd.env loader's layers and its
# refusal to run what a file says, set-mpd-env, mpd-project.sh with a tiny
# type (tests/fixtures/runtime-toy), the php wrapper, the tool links, the
# PATH tiers of ~/.bashrc, and bootstrap.sh's checks.
# bootstrap.sh's work itself (useradd, sudoers, sshd, CA trust) needs root
# in a runtime container: the e2e bed proves it (tests/e2e); here only its
# refusals are run, as an unprivileged user, and must change nothing.
# The hostile mpd.env lines are single-quoted on purpose:
# shellcheck disable=SC2016
set -u
. "${top_srcdir:?}/tests/scripts/lib.sh"
top=$(cd "$top_srcdir" && pwd -P)
base=$top/assets/runtime-base
lib=$base/lib

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
srv=$root/srv
assets=$root/opt/mpd/assets
t=$root/t
mkdir -p "$assets/runtimes/fake/project_types/alpha" "$root/etc/mpd" \
	"$root/var/lib/mpd/env" "$root/usr/bin" "$root/home" "$t" \
	"$srv/projects" "$srv/data" "$srv/meta" "$srv/tools"
ln -s "$base" "$assets/runtime-base"
ln -s "$top/assets/runtimes/php" "$assets/runtimes/php"
cp -R "$top/tests/fixtures/runtime-toy" "$assets/runtimes/fake/project_types/toy"
printf 'MPD_A=runtime\nMPD_B=runtime\nMPD_C="quoted value"\nMPD_D=runtime\n' \
	>"$assets/runtimes/fake/mpd-defaults.env"
printf 'fakert\n' >"$root/etc/mpd/runtime"
printf 'fake\n' >"$root/etc/mpd/runtime-dir"
export MPD_TEST_ROOT="$root" HOME="$root/home"
chmod -R a+rwX "$root"

# run CMD...: as the test user; sets rc, out (stdout), err (stderr)
run() {
	as_user "$@" >"$t/out" 2>"$t/err"
	rc=$?
	out=$(cat "$t/out")
	err=$(cat "$t/err")
}
# want RC NEEDLE WHAT: the last run exited RC with NEEDLE in stdout+stderr
want() {
	if [ "$rc" -ne "$1" ]; then
		bad "$3: expected exit $1, got $rc: $out $err"
		return
	fi
	case "$out$err" in
	*"$2"*) ok ;;
	*) bad "$3: expected '$2' in: $out $err" ;;
	esac
}
# leftover DIR PATTERN: 0 when DIR holds an entry named PATTERN
leftover() {
	[ -n "$(find "$1" -mindepth 1 -maxdepth 1 -name "$2")" ]
}
# same A B WHAT
same() {
	[ "$1" = "$2" ] && ok || bad "$3: expected '$2', got '$1'"
}

# ---- the env loader ----------------------------------------------------------
mkdir -p "$srv/projects/demo/sub" "$srv/meta/demo"
printf '{"name":"demo","runtimeDir":"fake","type":"toy"}\n' >"$srv/meta/demo/project.json"
printf 'MPD_B=type\nMPD_E='\''single'\''\n' >"$assets/runtimes/fake/project_types/toy/mpd-defaults.env"
printf 'MPD_D=vm\nMPD_F=vm\nMPD_G=vm\n' >"$root/var/lib/mpd/env/mpd-vm.env"
{
	printf '# comment\n\nMPD_F=""\nMPD_G=project\n'
	printf 'MPD_X=$(touch %s/pwned)\n' "$root"
	printf 'MPD_Y=`touch %s/pwned2`\n' "$root"
	printf 'MPD_Z="$(touch %s/pwned3)"\n' "$root"
	printf 'not_mpd=1\nMPD_lower=1\n  MPD_SPACE=1\nexport MPD_EXP=1\n'
	printf 'MPD_TEST_ROOT=/nowhere\nMPD_CR=dos\r\nMPD_Q="\n'
	printf 'MPD_LAST=end'
} >"$srv/projects/demo/mpd.env"
chmod -R a+rwX "$root"
show='for k in A B C D E F G X Y Z lower SPACE EXP CR Q LAST; do
	eval "printf \"%s=%s|\" $k \"\${MPD_$k-unset}\""; done
	printf "root=%s|dir=%s|type=%s" "$MPD_TEST_ROOT" "$mpd_env_runtime_dir" "$mpd_env_type"'
run env PROJECT_NAME=demo bash -c '. "$1" && '"$show" _ "$lib/source-mpd-env.sh"
same "$out" "A=runtime|B=type|C=quoted value|D=vm|E=single|F=|G=project|X=\$(touch $root/pwned)|Y=\`touch $root/pwned2\`|Z=\$(touch $root/pwned3)|lower=unset|SPACE=unset|EXP=unset|CR=dos|Q=\"|LAST=end|root=$root|dir=fake|type=toy" \
	"the four layers, last wins, KEY=\"\" blocks, lines taken literally"
for f in pwned pwned2 pwned3; do
	[ ! -e "$root/$f" ] && ok || bad "the loader ran a command from mpd.env ($f)"
done
run bash -c '. "$1" && mpd_env_load' _ "$lib/source-mpd-env.sh"
want 1 "PROJECT_NAME is not set" "mpd_env_load without a project"
run env PROJECT_NAME=../x bash -c '. "$1"' _ "$lib/source-mpd-env.sh"
want 1 "'../x' is not a project name" "a bad PROJECT_NAME"
run sh -c 'cd "$1/sub" && bash -c ". \"\$0\" && mpd_project_from_pwd" "$2"' _ \
	"$srv/projects/demo" "$lib/source-mpd-env.sh"
want 0 demo "mpd_project_from_pwd below a project"
for d in "$srv/projects" "$root" "$srv/projects/.x"; do
	mkdir -p "$d"
	run sh -c 'cd "$1" && bash -c ". \"\$0\" && mpd_project_from_pwd" "$2"' _ \
		"$d" "$lib/source-mpd-env.sh"
	want 1 "not inside a project ($srv/projects/<name>/...): cd into one" \
		"mpd_project_from_pwd in $d"
done

# ---- set-mpd-env -------------------------------------------------------------
sme=$base/tools/set-mpd-env
e=$t/mpd.env
printf '# keep me\nMPD_K=old\nMPD_KX=other\n  spaced = line \nMPD_K=again\nlast' >"$e"
chmod 0664 "$e"
run bash "$sme" "$e" MPD_K new
printf '# keep me\nMPD_KX=other\n  spaced = line \nlast\nMPD_K=new\n' >"$t/want"
[ "$rc" -eq 0 ] && cmp -s "$e" "$t/want" && ok ||
	bad "set-mpd-env replace: rc $rc, file: $(cat "$e")"
same "$(stat -c %a "$e")" 664 "set-mpd-env keeps the mode"
run bash "$sme" "$e" MPD_K ""
printf '# keep me\nMPD_KX=other\n  spaced = line \nlast\n' >"$t/want"
[ "$rc" -eq 0 ] && cmp -s "$e" "$t/want" && ok ||
	bad "set-mpd-env delete: rc $rc, file: $(cat "$e")"
printf 'MPD_A=1\nno-newline' >"$e"
run bash "$sme" "$e" MPD_NOPE ""
printf 'MPD_A=1\nno-newline' >"$t/want"
[ "$rc" -eq 0 ] && cmp -s "$e" "$t/want" && ok ||
	bad "set-mpd-env deleting an absent key changed the file: $(od -c "$e")"
leftover "$t" '.mpd.env.*' && bad "set-mpd-env left a temporary file" || ok
run bash "$sme" "$t/nothere.env" MPD_A 1
want 1 "does not exist" "set-mpd-env on a missing file"
[ ! -e "$t/nothere.env" ] && ok || bad "set-mpd-env created a missing file"
run bash "$sme" "$e" lower 1
want 2 "is not an mpd setting" "set-mpd-env with a bad key"
run bash "$sme" "$e" MPD_A "$(printf 'a\nMPD_B=b')"
want 2 "line break" "set-mpd-env with a two-line value"
run bash "$sme" "$e" MPD_A
want 2 "usage" "set-mpd-env with two arguments"

# ---- mpd-project.sh with the toy type ----------------------------------------
mp=$lib/mpd-project.sh
mkdir -p "$srv/tools/_base"
ln -s "$sme" "$srv/tools/_base/set-mpd-env"
chmod -R a+rwX "$root"
json() { printf '{"name":"%s","runtime":"fakert","runtimeDir":"fake","type":"%s","webRoot":"%s/projects/%s","urls":[]}\n' "$1" "$2" "$srv" "$1"; }

run bash "$mp"
want 2 usage "mpd-project.sh without arguments"
run bash "$mp" frob demo
want 2 "unknown action 'frob'" "an unknown action"
run bash "$mp" create Bad toy
want 2 "'Bad' is not a project name" "a bad project name"
run bash "$mp" create web nosuch
want 2 "'nosuch' is not a project type of runtime fakert (types: alpha toy)" "an unknown type"
if [ "$(id -u)" -eq 0 ]; then
	out=$(bash "$mp" setup demo 2>&1) && bad "mpd-project.sh ran as root" ||
		case $out in *"not as root"*) ok ;; *) bad "root refusal: $out" ;; esac
fi

run bash "$mp" create web toy
want 0 "" "create"
[ -d "$srv/projects/web" ] && grep -qx MPD_TOY_SEEDED=1 "$srv/projects/web/mpd.env" && ok ||
	bad "create made no project with a seeded mpd.env"
same "$(jq -r .type "$srv/meta/web/project.json" 2>&1)" toy "create records the type"
echo 'MPD_TOY_SEEDED=mine' >"$srv/projects/web/mpd.env"
run bash "$mp" create web toy
want 0 "" "create of an existing tree"
same "$(cat "$srv/projects/web/mpd.env")" MPD_TOY_SEEDED=mine "a second create keeps mpd.env"

json web toy >"$t/p.json"
run sh -c 'bash "$1" configure web MPD_TOY_VALUE=42 MPD_TOY_SEEDED= <"$2"' _ "$mp" "$t/p.json"
same "$rc:$out" "0:{\"effective\":{\"toy\":\"42\",\"tool\":\"$srv/tools/_base/set-mpd-env\"},\"urls\":[{\"label\":\"main\",\"kind\":\"web\",\"url\":\"https://web.mpd.test/\"}],\"sidecars\":[]}" \
	"configure: one JSON line on stdout, the tools on PATH"
case $err in *"noise on stdout"*) ok ;; *) bad "configure.sh's stdout did not go to stderr: $err" ;; esac
cmp -s "$t/p.json" "$srv/meta/web/project.json" && ok || bad "configure did not write project.json from stdin"
same "$(cat "$srv/projects/web/mpd.env")" MPD_TOY_VALUE=42 "configure's KEY=VALUE pairs (empty deletes)"
env_before=$(cat "$srv/projects/web/mpd.env")
meta_before=$(cat "$srv/meta/web/project.json")
run sh -c 'bash "$1" configure web MPD_TOY_FAIL=3 <"$2"' _ "$mp" "$t/p.json"
want 3 "toy needs a toy.txt" "configure: the type's exit 3"
same "$(cat "$srv/projects/web/mpd.env")" "$env_before" "a failed configure puts mpd.env back"
same "$(cat "$srv/meta/web/project.json")" "$meta_before" "a failed configure puts project.json back"
run sh -c 'bash "$1" configure web MPD_TOY_FAIL=2 <"$2"' _ "$mp" "$t/p.json"
want 1 "" "configure: a type script's exit 2 becomes 1"
run sh -c 'bash "$1" configure web MPD_TOY_FAIL= MPD_PHP_VERSION=9.9 <"$2"' _ "$mp" "$t/p.json"
same "$rc:$out" '4:{"phpVersion":"9.9","installed":["8.4"]}' "configure: exit 4 passes the last line through"
case $err in *"php 9.9 is not here"*) ok ;; *) bad "exit 4: the other lines should go to stderr: $err" ;; esac
run sh -c 'echo "{\"name\":\"other\",\"type\":\"toy\"}" | bash "$1" configure web' _ "$mp"
want 2 "is not project web's project.json" "configure with another project's JSON"
run sh -c 'echo "{\"name\":\"web\",\"type\":\"toy\",\"runtimeDir\":\"php\"}" | bash "$1" configure web' _ "$mp"
want 2 "runtimeDir \"fake\"" "configure with another runtime's project.json"
run sh -c 'echo "not json" | bash "$1" configure web' _ "$mp"
want 2 "is not project web's project.json" "configure with no JSON"
cmp -s "$t/p.json" "$srv/meta/web/project.json" && ok || bad "a refused configure changed project.json"
leftover "$srv/meta/web" '.project.json.*' && bad "configure left a temporary file" || ok
run sh -c 'bash "$1" configure web lower=1 <"$2"' _ "$mp" "$t/p.json"
want 2 "is not KEY=VALUE with an MPD_ key" "configure with a bad pair"
run sh -c 'bash "$1" configure nosuch <"$2"' _ "$mp" "$t/p.json"
want 3 "does not exist: create the project first" "configure of a project with no tree"

run bash "$mp" setup web
want 0 "" "setup"
run bash "$mp" stop web
want 0 "" "stop"
run bash "$mp" setup web extra
want 2 "takes only the project name" "setup with an extra argument"
run bash "$mp" setup ghost
want 2 "has no $srv/meta/ghost/project.json" "setup of a project never configured"

# create from git: into a temporary directory, then renamed
as_user sh -c 'git init -q "$1" && cd "$1" && echo hi >file.txt && git add file.txt &&
	git -c user.name=t -c user.email=t@example.invalid commit -q -m one' _ "$t/src" ||
	bad "could not make the test's git repository"
run bash "$mp" create cloned toy "$t/src" - 1
want 0 "" "create with a git URL"
[ -f "$srv/projects/cloned/file.txt" ] && [ -d "$srv/projects/cloned/.git" ] && ok ||
	bad "the clone is not at $srv/projects/cloned"
leftover "$srv/projects" '*.clone.*' && bad "a clone left its temporary directory" || ok
run bash "$mp" create cloned toy "$t/src" - -
want 3 "$srv/projects/cloned exists: delete it or create without --git-repo" "clone onto a non-empty tree"
run bash "$mp" create bad-url toy "-oUpload-pack=x" - -
want 2 "is not a git URL" "a git URL that is an option"
run bash "$mp" create bad-url toy "$t/src" "-x" -
want 2 "is not a branch or tag name" "a branch that is an option"
run bash "$mp" create bad-url toy "$t/src" - 0
want 2 "is not a clone depth" "depth 0"
run bash "$mp" create gone toy "$t/no-such-repo" - -
want 1 "git clone of $t/no-such-repo failed" "a clone that fails"
[ ! -e "$srv/projects/gone" ] && ! leftover "$srv/projects" '*.clone.*' && ok ||
	bad "a failed clone left a tree"

mkdir -p "$srv/data/web/x"
chmod -R a+rwX "$srv/data"
run bash "$mp" delete web
want 0 "" "delete"
[ ! -e "$srv/projects/web" ] && [ ! -e "$srv/data/web" ] && [ ! -e "$srv/meta/web" ] && ok ||
	bad "delete left one of the project's directories"
same "$(tr '\n' ' ' <"$root/toy.log")" \
	"create web create web configure web configure web configure web configure web setup web stop web create cloned stop web delete web " \
	"the type's scripts, in order"

# ---- tool links: link-tools.sh and build.sh ------------------------------------
mkdir -p "$t/src-tools"
printf '#!/bin/sh\n' >"$t/src-tools/a"
printf '#!/bin/sh\n' >"$t/src-tools/b"
chmod -R a+rwX "$t"
lt='. "$1" && mpd_link_tools "$2" "$3"'
run bash -c "$lt" _ "$lib/link-tools.sh" "$t/src-tools" "$t/dest"
same "$rc:$(readlink "$t/dest/a"):$(readlink "$t/dest/b")" "0:$t/src-tools/a:$t/src-tools/b" "link-tools links each tool"
before=$(ls -li --time-style=full-iso "$t/dest")
run bash -c "$lt" _ "$lib/link-tools.sh" "$t/src-tools" "$t/dest"
same "$rc:$(ls -li --time-style=full-iso "$t/dest")" "0:$before" "link-tools a second time changes nothing"
rm "$t/src-tools/b"
printf '#!/bin/sh\n' >"$t/src-tools/c"
echo mine >"$t/dest/keep"
ln -s "$t/nowhere" "$t/dest/old"
chmod -R a+rwX "$t"
run bash -c "$lt" _ "$lib/link-tools.sh" "$t/src-tools" "$t/dest"
same "$rc:$(find "$t/dest" -mindepth 1 -printf '%f\n' | sort | tr '\n' ' ')" "0:a c keep " "link-tools removes stale links, keeps other files"

run bash "$top/assets/runtimes/php/build.sh" fakert
same "$rc:$(readlink -f "$srv/tools/php/php")" "0:$top/assets/runtimes/php/tools/php" \
	"php's build.sh links its tools into /srv/tools/php"
run bash "$top/assets/runtimes/php/build.sh" php82
want 2 "this is runtime 'fakert'" "build.sh for another runtime"
run bash "$top/assets/runtimes/node/build.sh" Bad
want 2 "'Bad' is not a runtime name" "build.sh with a bad name"

# ---- the php wrapper -------------------------------------------------------------
printf '#!/bin/sh\necho "php8.4 $*"\n' >"$root/usr/bin/php8.4"
printf '#!/bin/sh\necho "php-release $*"\n' >"$root/usr/bin/php"
chmod +x "$root/usr/bin/php8.4" "$root/usr/bin/php"
printf '8.4\n' >"$root/etc/mpd/php-versions"
printf '8.4\n' >"$root/etc/mpd/php-default"
mkdir -p "$srv/projects/site" "$srv/meta/site"
printf '{"name":"site","runtimeDir":"php","type":"none"}\n' >"$srv/meta/site/project.json"
chmod -R a+rwX "$root"
php=$srv/tools/php/php
run sh -c 'cd "$1" && "$2" -v' _ "$t" "$php"
same "$rc:$out" "0:php-release -v" "php outside a project: Debian's php"
run sh -c 'cd "$1" && "$2" -r 1' _ "$srv/projects/site" "$php"
same "$rc:$out" "0:php8.4 -r 1" "php in a project with no MPD_PHP_VERSION: the release's"
echo MPD_PHP_VERSION=8.2 >"$srv/projects/site/mpd.env"
run sh -c 'cd "$1" && "$2" -r 1' _ "$srv/projects/site" "$php"
same "$rc:$err" "1:php 8.2 is not installed in runtime fakert (installed: 8.4)" "php: a version the runtime lacks"
echo MPD_PHP_VERSION=8.2 >"$root/var/lib/mpd/env/mpd-vm.env"
echo 'MPD_PHP_VERSION=""' >"$srv/projects/site/mpd.env"
run sh -c 'cd "$1" && "$2" -r 1' _ "$srv/projects/site" "$php"
same "$rc:$out" "0:php8.4 -r 1" "php: the project's MPD_PHP_VERSION=\"\" blocks the VM's"

run sh -c 'cd "$1" && "$2" install --no-dev' _ "$srv/projects/site" "$srv/tools/php/composer"
same "$rc:$err" "1:composer: this runtime has no Composer: run composer-install" "composer without one"
: >"$root/usr/bin/composer"
run sh -c 'cd "$1" && "$2" install --no-dev' _ "$srv/projects/site" "$srv/tools/php/composer"
same "$rc:$out" "0:php8.4 $root/usr/bin/composer install --no-dev" "composer runs under the project's php"
rm -f "$root/usr/bin/composer"

# ---- node-install: its checks and the already-there path (no fetching here) ----
ni=$base/tools/node-install
mkdir -p "$root/home/.local/bin"
printf '#!/bin/sh\necho v22.3.0\n' >"$root/home/.local/bin/node"
chmod +x "$root/home/.local/bin/node"
chmod -R a+rwX "$root/home"
# never the registry from a test: npm answers from its (empty) cache or fails
npm_config_offline=true
export npm_config_offline
run bash "$ni" 22
want 0 "node 22.3.0 is installed ($root/home/.local/bin/node)" "node-install of a major already there"
run bash "$ni" 22.3.0
want 0 "node 22.3.0 is installed" "node-install of a version already there"
run bash "$ni" 99
want 1 "$root/home/.local/bin/node is not a link node-install made (it reports '22.3.0')" \
	"node-install never replaces a node of the user's own"
[ -f "$root/home/.local/bin/node" ] && ok || bad "node-install removed the user's node"
run bash "$ni" lts
want 2 "'lts' is not a Node version" "node-install with a bad version"
run bash "$ni" 22 23
want 2 "usage: node-install" "node-install with two versions"
rm -rf "$root/home/.local"

# ---- PATH tiers of ~/.bashrc -------------------------------------------------------
mkdir -p "$srv/tools/fake" "$srv/tools/toy" "$srv/tools/alpha" "$srv/tools/other"
cp "$base/skel/.bashrc" "$root/home/.bashrc"
chmod -R a+rwX "$root"
bashrc=$base/skel/.bashrc
pathof='. "$1"; . "$1"; printf "%s" "$PATH"'
run env -i HOME="$root/home" MPD_TEST_ROOT="$root" PATH=/usr/bin:/bin bash -c "$pathof" _ "$bashrc"
same "$rc:$out" "0:$root/home/.local/bin:$srv/tools/toy:$srv/tools/alpha:$srv/tools/fake:$srv/tools/_base:/usr/bin:/bin" \
	"PATH: type tools, then the runtime's, then the base's; only this runtime's; twice the same"
run env -i HOME="$root/home" MPD_TEST_ROOT="$root" PATH="/usr/bin:$srv/tools/_base:/bin" \
	bash -c "$pathof" _ "$base/skel/.profile"
same "$(printf '%s' "$out" | tr ':' '\n' | grep -c "^$srv/tools/_base\$")" 1 \
	"PATH: .profile (via .bashrc) moves a tier already there, never doubles it"
if [ "$(id -u)" -eq 0 ]; then
	out=$(env -i HOME=/root MPD_TEST_ROOT="$root" PATH=/usr/bin:/bin bash -c "$pathof" _ "$bashrc")
	same "$out" /usr/bin:/bin "PATH: root gets no tool tiers"
fi

# ---- bootstrap.sh refuses bad input before it changes anything ------------------------
bs=$base/bootstrap.sh
ssh-keygen -q -t ed25519 -N '' -C test -f "$t/key" >/dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 \
	-subj /CN=mpd-test -keyout "$t/ca.key" -out "$t/ca.pem" 2>/dev/null ||
	bad "openssl could not make a test CA"
chmod -R a+rwX "$t"
keys=$(cat "$t/key.pub")
ca=$(cat "$t/ca.pem")
snap() { (find "$root" -path "$t" -prune -o -print | sort; ls -la /etc/sudoers.d 2>/dev/null) | cksum; }
before=$(snap)
bsrun() {	# RC NEEDLE WHAT KEYS CA ARGS...
	brc=$1 bneedle=$2 bwhat=$3 bkeys=$4 bca=$5
	shift 5
	run env MPD_AUTHORIZED_KEYS="$bkeys" MPD_CA_PEM="$bca" bash "$bs" "$@"
	want "$brc" "$bneedle" "bootstrap.sh: $bwhat"
}
bsrun 2 "usage: bootstrap.sh" "no arguments" "$keys" "$ca"
bsrun 2 "'Php' is not a runtime name" "a bad runtime" "$keys" "$ca" Php mpdtest 64999 fake
bsrun 2 "'Mpd' is not a user name" "a bad user" "$keys" "$ca" fakert Mpd 64999 fake
bsrun 2 "'root' is not a user name" "root as the user" "$keys" "$ca" fakert root 64999 fake
bsrun 2 "'0' is not a UID" "UID 0" "$keys" "$ca" fakert mpdtest 0 fake
bsrun 2 "'12a' is not a UID" "a UID that is not a number" "$keys" "$ca" fakert mpdtest 12a fake
bsrun 2 "'65534' is not a UID" "nobody's UID" "$keys" "$ca" fakert mpdtest 65534 fake
bsrun 2 "'../x' is not a runtime asset directory name" "a bad directory" "$keys" "$ca" fakert mpdtest 64999 ../x
bsrun 2 "no runtime assets at $assets/runtimes/nosuch" "a missing directory" "$keys" "$ca" fakert mpdtest 64999 nosuch
bsrun 2 "no SSH public keys:" "no keys" "" "$ca" fakert mpdtest 64999 fake
bsrun 2 "no SSH public keys:" "only comments" "# none" "$ca" fakert mpdtest 64999 fake
bsrun 2 "holds a private key" "a private key" "$(cat "$t/key")" "$ca" fakert mpdtest 64999 fake
bsrun 2 "line 2 is not an SSH public key" "a line that is no key" "$(printf '%s\nnot a key' "$keys")" "$ca" fakert mpdtest 64999 fake
bsrun 2 "MPD_CA_PEM must hold" "no CA" "$keys" "" fakert mpdtest 64999 fake
bsrun 2 "MPD_CA_PEM is not a readable PEM certificate" "a broken CA" "$keys" \
	"$(printf -- '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')" fakert mpdtest 64999 fake
bsrun 1 "run it as root" "valid input, not root" "$keys" "$ca" fakert mpdtest 64999 fake
same "$(snap)" "$before" "bootstrap.sh's refusals changed nothing"
getent passwd mpdtest >/dev/null && bad "bootstrap.sh made a user" || ok

# ---- every runtime asset is shellcheck-clean, skel and fixture included ---------------
SHELLCHECK=${SHELLCHECK:-shellcheck}
if command -v "$SHELLCHECK" >/dev/null 2>&1; then
	for f in "$base/skel/.bashrc" "$base/skel/.profile"; do
		o=$("$SHELLCHECK" -x "$f" 2>&1) && ok || bad "shellcheck $f: $o"
	done
	for f in "$top"/tests/fixtures/runtime-toy/*.sh; do
		o=$("$SHELLCHECK" -x "$f" 2>&1) && ok || bad "shellcheck $f: $o"
	done
else
	bad "shellcheck not found (apt-get install shellcheck)"
fi
# the images' RUN lines parse (podman is not run here)
for f in "$base/Containerfile" "$top"/assets/runtimes/*/Containerfile; do
	# (a line ending in a backslash goes on on the next, as podman joins them)
	awk 'run { cmd = cmd " " $0 }
		/^RUN / && !run { cmd = substr($0, 5); run = 1 }
		run && /\\$/ { sub(/\\$/, "", cmd); next }
		run { print cmd; run = 0 }' "$f" >"$t/run.sh"
	o=$(sh -n "$t/run.sh" 2>&1) && ok || bad "$f: a RUN line does not parse: $o"
	grep -q '^FROM \${BASE}$' "$f" && grep -q '^ARG BASE$' "$f" && ok ||
		bad "$f: must start ARG BASE / FROM \${BASE} (core/lifecycle/images.h)"
done
finish
