#!/bin/sh
# install.sh - from a fresh Debian checkout to a working mpd:
# build dependencies, build, install under /opt/mpd (configurable with
# PREFIX), then run the main job of this stage: list the plugins.
# Runs as the dev user and sudo's single commands (as root, e.g. in CI,
# it runs them directly; mpd itself is then run as `nobody`).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
PREFIX=${PREFIX:-/opt/mpd}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi

sh "$top/bootstrap/build-deps.sh"
cd "$top"
./autogen.sh >/dev/null
mkdir -p build
cd build
../configure -q --prefix="$PREFIX"
make -j"$JOBS" >/dev/null
$SUDO make install >/dev/null
echo "installed mpd under $PREFIX"

if [ "$(id -u)" -eq 0 ]; then
	setpriv --reuid=65534 --regid=65534 --clear-groups -- "$PREFIX/bin/mpd" --version
	setpriv --reuid=65534 --regid=65534 --clear-groups -- "$PREFIX/bin/mpd" --plugins
else
	"$PREFIX/bin/mpd" --version
	"$PREFIX/bin/mpd" --plugins
fi
echo "next: export PATH=\"$PREFIX/bin:\$PATH\"; mpd --help"
