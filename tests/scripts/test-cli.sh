#!/bin/sh
# test-cli.sh - the mpd command line as a user meets it: grammar, exit
# codes (0 ok, 1 failure, 2 usage), messages, the root refusal, and that bad
# input leaves the state tree untouched.
set -u
. "${top_srcdir:?}/tests/scripts/lib.sh"
mpd="${top_builddir:?}/mpd"
fixtures="$top_builddir/.libs"

root=$(mktemp -d)
chmod 755 "$root"
trap 'rm -rf "$root"' EXIT
export MPD_TEST_ROOT="$root"
mkdir -p "$root/var/lib/mpd/state"
chmod -R 777 "$root/var"

expect 0 "mpd $(grep -m1 PACKAGE_VERSION "$top_builddir/config.h" | cut -d'"' -f2) (plugin ABI 1." "$mpd" --version
expect 0 "Usage:" "$mpd" --help
expect 0 "Usage:" "$mpd"
expect 0 "Verbs for project 'demo'" "$mpd" help demo
expect 0 "Verbs for project 'demo'" "$mpd" demo --help

# root is refused with the spec's message (CI runs as root)
if [ "$(id -u)" -eq 0 ]; then
	out=$("$mpd" --setup 2>&1); rc=$?
	case "$rc:$out" in
	"1:mpd must run as a regular user, not as root."*"Re-run without sudo."*) ok ;;
	*) bad "root refusal: got $rc: $out" ;;
	esac
	out=$("$mpd" --version 2>&1) && ok || bad "--version refused as root: $out"
fi

# lifecycle commands need platform.env (written by mpd-virt or the sandbox
# take-over) and, except --setup, a set-up machine
expect 1 "platform.env not found" "$mpd" --setup
expect 1 "not set up yet on this machine; run: mpd --setup" "$mpd" --start
expect 1 "not set up yet on this machine; run: mpd --setup" "$mpd" --status
# ... and on a machine with no mpd tree at all, leave no trace: not even
# the operation lock's directory
bare=$(mktemp -d)
chmod 777 "$bare"
MPD_TEST_ROOT="$bare" expect 1 "not set up yet on this machine; run: mpd --setup" "$mpd" --start
[ -z "$(ls -A "$bare")" ] && ok || bad "--start before --setup left: $(find "$bare" | tr '\n' ' ')"
rm -rf "$bare"

# actions of later issues refuse honestly
# the verbs are routed (and stop at the missing setup, creating nothing)
notsetup="mpd is not set up yet on this machine; run: mpd --setup"
expect 1 "$notsetup" "$mpd" --runtime-create=php
expect 1 "$notsetup" "$mpd" --runtime-create php
expect 1 "$notsetup" "$mpd" create demo
expect 1 "$notsetup" "$mpd" demo create
expect 1 "$notsetup" "$mpd" demo
expect 1 "$notsetup" "$mpd" list runtimes
expect 1 "$notsetup" "$mpd" list projects
expect 2 "unknown argument '--bogus' for create" "$mpd" create demo --bogus
expect 2 "unknown argument '--yes=1' for create" "$mpd" create demo --yes=1
expect 2 "--git-depth='x': a number of commits" "$mpd" create demo --git-repo=https://example.invalid/r.git --git-depth=x
expect 2 "--git-branch and --git-depth go with --git-repo=URL" "$mpd" create demo --git-branch=main
# shellcheck disable=SC2016 # the literal $(id) is the hostile input
expect 2 "--git-repo='\$(id)'" "$mpd" create demo '--git-repo=$(id)'
expect 2 "runtime name" "$mpd" --runtime-create=PHP
expect 1 "$notsetup" "$mpd" configure demo MPD_DB=postgres:17 MPD_PHP_VERSION=8.4

# usage errors: exit 2, one line
expect 2 "one action per invocation" "$mpd" --setup --start
expect 2 "one action per invocation" "$mpd" --images --status
expect 2 "unknown option '--bogus'" "$mpd" --bogus
expect 2 "needs a value" "$mpd" --runtime-create
expect 2 "takes no other arguments" "$mpd" --setup demo
expect 2 "needs a project name" "$mpd" create
expect 2 "invalid" "$mpd" create Foo
expect 2 "invalid" "$mpd" create a
expect 2 "invalid" "$mpd" create demo-
expect 2 "reserved" "$mpd" create list
expect 2 "unknown verb 'frobnicate'" "$mpd" demo frobnicate
expect 2 "unknown list target 'frob'" "$mpd" list frob
expect 2 "takes no arguments after the project" "$mpd" start demo now

# configure checks every KEY=VALUE before anything else
expect 2 "oracle" "$mpd" configure demo MPD_DB=oracle:19
# shellcheck disable=SC2016 # the $(...) is the literal input under test
expect 2 "disallowed characters" "$mpd" configure demo 'MPD_X=$(rm -rf ~)'
expect 2 "MPD_" "$mpd" configure demo NOTMPD=1
expect 2 "'--type' is not supported" "$mpd" configure demo --type=moodle
expect 2 "=" "$mpd" configure demo MPD_DB

# bad input left the state tree exactly as it was (empty)
left=$(find "$root/var/lib/mpd" -mindepth 2 | head -5)
[ -z "$left" ] && ok || bad "bad input wrote files: $left"

# completion: candidates from mpd itself, no podman, also as root
comp() { "$mpd" --complete "$@" | tr '\n' ' '; }
[ "$(comp 1 mpd --st)" = "--start --stop --status " ] && ok || bad "complete --st: $(comp 1 mpd --st)"
[ "$(comp 2 mpd list s)" = "services " ] && ok || bad "complete list s: $(comp 2 mpd list s)"
[ "$(comp 3 mpd create demo --git-b)" = "--git-branch= " ] && ok || bad "complete create args"
[ "$(comp 3 mpd demo configure MPD_D)" = "MPD_DB= " ] && ok || bad "complete configure args (project first)"
[ "$(comp 2 mpd demo sh)" = "show " ] && ok || bad "complete verbs after a project"
printf '{\n  "projects": [\n    {"databaseEngine": "", "databaseId": "", "databaseVersion": "", "name": "moodle45", "requested": "stopped", "runtimeName": "php", "type": "moodle", "urls": []}\n  ]\n}\n' > "$root/var/lib/mpd/state/projects.json"
[ "$(comp 2 mpd start mo)" = "moodle45 " ] && ok || bad "complete project names: $(comp 2 mpd start mo)"
[ "$(comp 1 mpd moo)" = "moodle45 " ] && ok || bad "complete project first: $(comp 1 mpd moo)"
rm -f "$root/var/lib/mpd/state/projects.json"
[ -z "$(comp x mpd)" ] && ok || bad "complete with a bad CWORD prints nothing"
# the bash forwarder really completes through mpd
if command -v bash >/dev/null 2>&1; then
	got=$(PATH="$(dirname "$mpd"):$PATH" bash -c '. "$1"; COMP_WORDS=(mpd list r); COMP_CWORD=2; _mpd; printf "%s " "${COMPREPLY[@]}"' _ "$top_srcdir/assets/completions/mpd.bash")
	[ "$got" = "runtimes " ] && ok || bad "bash completion shim: '$got'"
fi

# --plugins: the plugin directory lives under the build tree (like an
# installed plugindir, only root or the user can write there); the state
# root is under /tmp, a shared directory the loader refuses.  The fixtures
# are built with this SDK's ABI minor.
minor=$(sed -n 's/^abi_minor=//p' "$top_builddir/sdk/mpd-plugin.pc")
pdir=$(mktemp -d "$top_builddir/cli-plugins.XXXXXX")
trap 'rm -rf "$root" "$pdir"' EXIT
cp "$fixtures/fixture-good.so" "$pdir/"
chmod -R 755 "$pdir"
expect 0 "service       fixture-good       1.2.3      1.$minor   $pdir/fixture-good.so" env MPD_PLUGIN_PATH="$pdir" "$mpd" --plugins
expect 0 '"name": "fixture-good"' env MPD_PLUGIN_PATH="$pdir" "$mpd" --plugins --json
expect 0 "fixture-good" env MPD_PLUGIN_PATH="$pdir" "$mpd" list plugins
cp "$fixtures/fixture-newer-minor.so" "$pdir/"
chmod 755 "$pdir/fixture-newer-minor.so"
expect 1 "REJECTED      $pdir/fixture-newer-minor.so: needs plugin ABI 1.$((minor + 1))" env MPD_PLUGIN_PATH="$pdir" "$mpd" --plugins
expect 0 "No plugins found in: $root/none" env MPD_PLUGIN_PATH="$root/none" "$mpd" --plugins
rm -f "$pdir/fixture-newer-minor.so"
# a relative entry is refused as a whole, naming the absolute spelling
# shellcheck disable=SC2016 # expanded by the inner sh
expect 1 "mpd: MPD_PLUGIN_PATH entry 'plugins' is relative; fix: give absolute directories, e.g. MPD_PLUGIN_PATH=/plugins" sh -c 'cd / && MPD_PLUGIN_PATH="$1:plugins" exec "$2" --plugins' _ "$pdir" "$mpd"
# a plugin in a shared directory (/tmp, sticky and world-writable) is not
# loaded; nor one that someone else could change
tmpp=$(mktemp -d /tmp/mpd-cli-plugins.XXXXXX)
trap 'rm -rf "$root" "$pdir" "$tmpp"' EXIT
cp "$fixtures/fixture-good.so" "$tmpp/"
chmod -R 755 "$tmpp"
expect 1 "$tmpp/fixture-good.so: refused, its directory /tmp is a shared directory (writable by everyone, sticky); fix: move the plugin to a directory only root or its owner can write" env MPD_PLUGIN_PATH="$tmpp" "$mpd" --plugins
chmod 646 "$pdir/fixture-good.so"
expect 1 "REJECTED      $pdir/fixture-good.so: refused, the file is writable by others; fix: chmod o-w $pdir/fixture-good.so" env MPD_PLUGIN_PATH="$pdir" "$mpd" --plugins
chmod 755 "$pdir/fixture-good.so"

# --debug shows what the loader did
expect 0 "mpd: debug: plugin: loaded service fixture-good" env MPD_PLUGIN_PATH="$pdir" "$mpd" --debug list plugins

finish
