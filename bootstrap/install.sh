#!/bin/sh
# install.sh - from a fresh Debian (trixie) checkout to a running mpd:
#   1. build and runtime dependencies (bootstrap/packages.txt: podman and
#      its networking, sudo, debootstrap, ...);
#   2. build, install under /opt/mpd (PREFIX to change it);
#   3. platform.env for a sandbox VM when none exists (mpd-virt writes it
#      for an mpd VM before this runs);
#   4. the base image: Debian's from the registry, or, where no registry is
#      reachable, built with debootstrap (bootstrap/base-image.sh) and named
#      in /var/lib/mpd/conf/mpd.ini;
#   5. the main job: mpd --images, mpd --setup, mpd --status.
# Run it as the dev user (with sudo); it sudo's single commands.  As root
# it stops after step 2: mpd runs as the developer, never as root.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
PREFIX=${PREFIX:-/opt/mpd}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
mpd="$PREFIX/bin/mpd"

# the `build` and `product` rows of bootstrap/packages.txt for this release
sh "$top/bootstrap/packages.sh" install build product

cd "$top"
./autogen.sh >/dev/null
mkdir -p build
cd build
../configure -q --prefix="$PREFIX"
make -j"$JOBS" >/dev/null
$SUDO make install >/dev/null
echo "installed mpd under $PREFIX"
"$mpd" --version

if [ "$(id -u)" -eq 0 ]; then
	echo "mpd runs as the developer, not as root: run this script again as that user (with sudo) to set the VM up"
	exit 0
fi

# 3. platform.env: a sandbox VM unless mpd-virt wrote one already
conf=/var/lib/mpd/conf
if [ ! -f "$conf/platform.env" ]; then
	sudo install -d -o "$(id -u)" -g "$(id -g)" -m 0755 /var/lib/mpd
	install -d -m 0700 "$conf"
	printf 'MPD_PLATFORM=sandbox\nMPD_VM_IP=\nMPD_INSTANCE_SUFFIX=\n' > "$conf/platform.env"
	echo "wrote $conf/platform.env (sandbox)"
fi

# 4. the base image
if ! grep -q '^\[images\]' "$conf/mpd.ini" 2>/dev/null &&
	! sudo podman image exists docker.io/library/debian:trixie &&
	! sudo podman pull -q docker.io/library/debian:trixie >/dev/null 2>&1; then
	echo "no registry reachable: building the base image with debootstrap"
	sh "$top/bootstrap/base-image.sh"
	printf '[images]\nbase = localhost/mpd-debian:trixie\n' >> "$conf/mpd.ini"
fi

# the base of the php82 runtime (bookworm's PHP 8.2, for Moodle 4.5):
# [images] base_bookworm, by default this debootstrapped image
if ! grep -q '^base_bookworm' "$conf/mpd.ini" 2>/dev/null &&
	! sudo podman image exists localhost/mpd-debian:bookworm; then
	sh "$top/bootstrap/base-image.sh" --suite bookworm \
		--tag localhost/mpd-debian:bookworm
fi

# 5. the main job
"$mpd" --images
"$mpd" --setup
"$mpd" --status
