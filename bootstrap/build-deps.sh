#!/bin/sh
# build-deps.sh - install what building and testing mpd needs on Debian
# (bookworm or trixie).  Runs as the dev user and sudo's the apt commands;
# as root (CI) it runs them directly.  Idempotent: installs nothing when
# everything is there.
set -eu

pkgs="autoconf automake libtool pkg-config make gcc g++ \
libjson-c-dev libmbedtls-dev libinih-dev libcunit1-dev \
shellcheck valgrind clang openssl binutils util-linux"
# clang's runtime for libFuzzer/LeakSanitizer: its name differs by release
rt_pkgs="libclang-rt-14-dev libclang-rt-19-dev libclang-rt-dev"

installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

missing=""
for p in $pkgs; do
	installed "$p" || missing="$missing $p"
done
have_rt=no
for p in $rt_pkgs; do
	if installed "$p"; then have_rt=yes; fi
done
if [ -z "$missing" ] && [ "$have_rt" = yes ]; then
	echo "build dependencies: all installed"
	exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
else
	SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
if [ "$have_rt" = no ]; then
	for p in $rt_pkgs; do
		if apt-cache show "$p" >/dev/null 2>&1; then
			missing="$missing $p"
			break
		fi
	done
fi
echo "build dependencies: installing$missing"
# shellcheck disable=SC2086 # the package list is split on purpose
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "build dependencies: done"
