#!/bin/sh
# base-image.sh - make mpd's base image without a container registry.
#
# mpd builds its images FROM a base that defaults to
# docker.io/library/debian:trixie.  Where no registry can be reached (a
# firewalled VM, CI machines), this makes an equivalent base from Debian's
# package mirror instead (debootstrap's default, or --mirror URL):
#
#   debootstrap --variant=minbase trixie DIR [MIRROR]
#   tar -C DIR -c . | podman import - localhost/mpd-debian:trixie
#
# and prints the mpd.ini lines that make mpd use it.  The image gets the
# label mpd.base=debootstrap, the same apt sources and the same default
# command as Debian's official image, and no package caches.
#
# Runs as the dev user and sudo's single commands (as root it runs them
# directly).  Idempotent: does nothing when the image exists, unless
# --force.  Cleans its temporary directory on exit, also after a failure.
#
# Usage: base-image.sh [--force] [--tag TAG] [--suite SUITE] [--mirror URL]
set -eu

tag=localhost/mpd-debian:trixie
suite=trixie
mirror=""	# debootstrap's default
force=no

usage() {
	echo "usage: base-image.sh [--force] [--tag TAG] [--suite SUITE] [--mirror URL]"
}

while [ "$#" -gt 0 ]; do
	case "$1" in
	--force) force=yes ;;
	--tag) [ "$#" -ge 2 ] || { usage >&2; exit 2; }; tag=$2; shift ;;
	--suite) [ "$#" -ge 2 ] || { usage >&2; exit 2; }; suite=$2; shift ;;
	--mirror) [ "$#" -ge 2 ] || { usage >&2; exit 2; }; mirror=$2; shift ;;
	-h|--help) usage; exit 0 ;;
	*) echo "base-image.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
	esac
	shift
done

case "$tag" in
''|-*|*[!A-Za-z0-9._/:@-]*)
	echo "base-image.sh: tag '$tag' is invalid: use letters, digits and ._/:@-" >&2
	exit 2 ;;
esac
case "$suite" in
''|*[!a-z0-9-]*)
	echo "base-image.sh: suite '$suite' is invalid: use a Debian codename like trixie" >&2
	exit 2 ;;
esac

if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
else
	SUDO="sudo"
fi

print_ini() {
	echo "base-image.sh: to build mpd's images on it, put this in /var/lib/mpd/conf/mpd.ini:"
	echo "[images]"
	echo "base = $tag"
}

# debootstrap, podman and tar, from bootstrap/packages.txt
sh "$(dirname "$0")/packages.sh" need debootstrap podman tar

old_id=""
if $SUDO podman image exists "$tag"; then
	if [ "$force" = no ]; then
		echo "base-image.sh: $tag exists (use --force to make it again)"
		print_ini
		exit 0
	fi
	old_id=$($SUDO podman image inspect --format '{{.Id}}' "$tag")
fi

tmp=$(mktemp -d "${TMPDIR:-/var/tmp}/mpd-base.XXXXXX")
cleanup() {
	# debootstrap ran as root: its files need root to go
	$SUDO rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

root=$tmp/root
started=$(date +%s)
echo "base-image.sh: debootstrap $suite from ${mirror:-the default mirror} (about 30 s and 210 MB)"
if ! $SUDO debootstrap --variant=minbase "$suite" "$root" ${mirror:+"$mirror"} \
	>"$tmp/debootstrap.log" 2>&1; then
	tail -n 20 "$tmp/debootstrap.log" >&2
	echo "base-image.sh: debootstrap failed (log above): check that the mirror is reachable, or pass --mirror URL" >&2
	exit 1
fi
# the mirror debootstrap used, for the image's own apt sources
if [ -z "$mirror" ]; then
	mirror=$(sed -n 's/^deb \([^ ]*\) .*/\1/p' "$root/etc/apt/sources.list" | head -n 1)
	[ -n "$mirror" ] || { echo "base-image.sh: cannot tell which mirror debootstrap used (no deb line in its sources.list): pass --mirror URL" >&2; exit 1; }
fi

# Like Debian's official image: deb822 sources with updates and security,
# no package caches, no host resolver or host name baked in.
$SUDO rm -f "$root/etc/apt/sources.list"
printf '%s\n' \
	"Types: deb" \
	"URIs: ${mirror}" \
	"Suites: ${suite} ${suite}-updates" \
	"Components: main" \
	"Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg" \
	"" \
	"Types: deb" \
	"URIs: ${mirror%/debian}/debian-security" \
	"Suites: ${suite}-security" \
	"Components: main" \
	"Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg" |
	$SUDO tee "$root/etc/apt/sources.list.d/debian.sources" >/dev/null
$SUDO find "$root/var/cache/apt/archives" -name '*.deb' -delete
$SUDO find "$root/var/lib/apt/lists" -mindepth 1 -maxdepth 1 -type f -delete
: | $SUDO tee "$root/etc/resolv.conf" "$root/etc/hostname" >/dev/null

echo "base-image.sh: importing as $tag"
$SUDO tar -C "$root" -c . | $SUDO podman import -q \
	--change 'LABEL mpd.base=debootstrap' \
	--change "LABEL mpd.base.suite=$suite" \
	--change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
	--change 'CMD ["bash"]' \
	- "$tag" >/dev/null

new_id=$($SUDO podman image inspect --format '{{.Id}}' "$tag")
if [ -n "$old_id" ] && [ "$old_id" != "$new_id" ]; then
	# the replaced image, unless a container still uses it
	$SUDO podman rmi "$old_id" >/dev/null 2>&1 || true
fi
echo "base-image.sh: $tag made in $(( $(date +%s) - started )) s"
print_ini
