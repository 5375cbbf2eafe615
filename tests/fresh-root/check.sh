#!/bin/sh
# check.sh - prove bootstrap/packages.txt on fresh roots, not on this
# machine: for each release, debootstrap a minimal root
# (--variant=minbase), install the lists there the way the scripts do
# (bootstrap/packages.sh install, apt-get --no-install-recommends) and
# check that every program of the lists resolves inside it:
#   1. `build product` (bootstrap/install.sh): podman, netavark and its
#      firewall tool, sudo, debootstrap, ... and the compilers;
#   2. then `suite bed` (the rest of tests/run-all.sh and the e2e bed's
#      host): dig, ip, chromium, certutil, ...;
#   3. `client` alone on another fresh root (the bed's client image).
# A name resolves when `command -v` finds it in root's PATH inside the
# root; an absolute path when it is executable there.
#
# Usage: check.sh [--mirror URL] [RELEASE...]   (default: bookworm trixie)
# As root, or as a user with passwordless sudo.  Ends with one line
# "N passed, N failed"; exits 1 on any failure.
#
# Debian's mirror is debootstrap's default; --mirror (or FRESH_ROOT_MIRROR)
# names another, as bootstrap/base-image.sh's --mirror does.  Roots are
# cached as tarballs under FRESH_ROOT_CACHE (default
# /var/cache/mpd-fresh-root): the debootstrapped root by release and
# mirror, the installed one also by the hash of packages.txt and this
# script, each for FRESH_ROOT_MAX_AGE days (default 7).  A rerun with
# unchanged lists only unpacks and checks.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
packages=$top/bootstrap/packages.sh
cache=${FRESH_ROOT_CACHE:-/var/cache/mpd-fresh-root}
max_age=${FRESH_ROOT_MAX_AGE:-7}
mirror=${FRESH_ROOT_MIRROR:-}
PATH_ROOT=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

pass=0
failn=0
ok() { pass=$((pass + 1)); }
bad() { failn=$((failn + 1)); printf 'FAIL: %s\n' "$*"; }
note() { printf 'fresh-root: %s\n' "$*"; }

R() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	else
		sudo -n "$@"
	fi
}

releases=""
while [ "$#" -gt 0 ]; do
	case "$1" in
	--mirror) [ "$#" -ge 2 ] || { echo "check.sh: --mirror needs a URL" >&2; exit 2; }
		mirror=$2; shift ;;
	-*) echo "usage: check.sh [--mirror URL] [RELEASE...]" >&2; exit 2 ;;
	*) releases="$releases $1" ;;
	esac
	shift
done
[ -n "$releases" ] || releases="bookworm trixie"
case "$max_age" in
''|*[!0-9]*) echo "check.sh: FRESH_ROOT_MAX_AGE must be a number of days" >&2; exit 2 ;;
esac

if [ "$(id -u)" -ne 0 ] && ! sudo -n true 2>/dev/null; then
	echo "check.sh: needs root or passwordless sudo (debootstrap, chroot)"
	echo "0 passed, 1 failed"
	exit 1
fi
for r in $releases; do
	case "$r" in
	*[!a-z0-9-]*) echo "check.sh: '$r' is not a Debian codename" >&2; exit 2 ;;
	esac
	# every release must be one the list names
	[ "$(sh "$packages" --release "$r" release 2>/dev/null)" = "$r" ] || {
		echo "check.sh: bootstrap/packages.txt names no release '$r'" >&2
		exit 2
	}
done
if ! command -v debootstrap >/dev/null 2>&1 &&
	! sh "$packages" need debootstrap >/dev/null; then
	echo "check.sh: cannot install debootstrap"
	echo "0 passed, 1 failed"
	exit 1
fi
R mkdir -p "$cache" || exit 1

tmp=$(mktemp -d "${TMPDIR:-/var/tmp}/mpd-fresh-root.XXXXXX") || exit 1
chmod 755 "$tmp"
root=""
unmount() {
	[ -n "$root" ] || return 0
	for m in "$root/proc" "$root/dev/pts"; do
		if R mountpoint -q "$m" 2>/dev/null; then
			R umount "$m" || R umount -l "$m"
		fi
	done
}
cleanup() {
	unmount
	# nothing is mounted below it any more: stay on this file system
	R rm -rf --one-file-system "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

seconds() { echo $(($(date +%s) - $1)); }

# fresh cache file (younger than max_age days)?
fresh() { [ -n "$(R find "$1" -maxdepth 0 -mtime -"$max_age" 2>/dev/null)" ]; }

sum() { cat "$@" | sha256sum | cut -c1-16; }

# new_root NAME RELEASE: a fresh debootstrapped root in $root (from the
# cache when it has one)
new_root() {
	unmount
	root=$tmp/$1
	base=$cache/base-$2-$(printf '%s' "$mirror" | sha256sum | cut -c1-8).tar
	R rm -rf --one-file-system "$root"
	R mkdir -p "$root" || return 1
	if fresh "$base"; then
		R tar -C "$root" -xf "$base" || return 1
		return 0
	fi
	t0=$(date +%s)
	# shellcheck disable=SC2086 # no mirror: debootstrap's own default
	if ! R debootstrap --variant=minbase "$2" "$root" ${mirror:+"$mirror"} \
		>"$tmp/debootstrap-$2.log" 2>&1; then
		tail -n 15 "$tmp/debootstrap-$2.log"
		echo "debootstrap $2 failed (log above)"
		return 1
	fi
	note "$2: debootstrap --variant=minbase: $(seconds "$t0") s"
	R tar -C "$root" -cf "$base.tmp" . && R mv "$base.tmp" "$base"
}

# Inside the root: the host's resolver, no daemons, /proc; apt's sources
# as on a new machine (the release, -updates, -security), derived from the
# one debootstrap wrote.
prepare() {
	R cp /etc/resolv.conf "$root/etc/resolv.conf" || return 1
	printf '#!/bin/sh\nexit 101\n' | R tee "$root/usr/sbin/policy-rc.d" >/dev/null &&
		R chmod 755 "$root/usr/sbin/policy-rc.d" || return 1
	R mount -t proc proc "$root/proc" || return 1
	src=$(R sed -n 's/^deb \([^ ]*\) \([a-z-]*\) main$/\1 \2/p' \
		"$root/etc/apt/sources.list" | head -n 1)
	url=${src% *}
	suite=${src#* }
	[ -n "$src" ] || return 0
	{
		echo "deb $url $suite main"
		echo "deb $url $suite-updates main"
		case "$url" in
		*/debian) echo "deb ${url%/debian}/debian-security $suite-security main" ;;
		esac
	} | R tee "$root/etc/apt/sources.list" >/dev/null
}

in_root() {
	R chroot "$root" /usr/bin/env -i PATH="$PATH_ROOT" LANG=C.UTF-8 \
		DEBIAN_FRONTEND=noninteractive "$@"
}

# resolves PROGRAM: a name through root's PATH, a path if executable
# shellcheck disable=SC2016 # the inner shell's $1
resolves() {
	case "$1" in
	/*) in_root test -x "$1" ;;
	*) in_root sh -c 'command -v "$1"' sh "$1" >/dev/null ;;
	esac
}

# install ROLE...: bootstrap/packages.sh install, run inside the root on a
# copy of the list (it reads the root's own /etc/os-release)
install_roles() {
	R mkdir -p "$root/tmp/mpd-packages" &&
		R cp "$top/bootstrap/packages.sh" "$top/bootstrap/packages.txt" \
			"$root/tmp/mpd-packages/" || return 1
	t0=$(date +%s)
	log=$tmp/install-$(basename "$root")-$(echo "$*" | tr ' ' -).log
	if ! in_root sh /tmp/mpd-packages/packages.sh install "$@" >"$log" 2>&1; then
		tail -n 20 "$log"
		return 1
	fi
	note "$rel: installed $* ($(wc -w <"$tmp/pk") packages): $(seconds "$t0") s"
}

# check_roles ROLE...: every program of the roles resolves in the root
check_roles() {
	sh "$packages" --release "$rel" table "$@" >"$tmp/table" || return 1
	while read -r pkg prog; do
		if resolves "$prog"; then
			ok
		else
			bad "$rel: $prog (package $pkg, roles $*) is not there after installing the lists on a fresh root"
		fi
	done <"$tmp/table"
}

# save_root FILE: the installed root into the cache, in place of the
# older ones of its kind and release
save_root() {
	unmount
	in_root apt-get clean >/dev/null 2>&1
	kind=$(basename "$1")
	kind=${kind%%-"$rel"-*}
	R find "$cache" -maxdepth 1 -name "$kind-$rel-*.tar" ! -name "${1##*/}" \
		-delete
	R tar -C "$root" -cf "$1.tmp" . && R mv "$1.tmp" "$1"
}

for rel in $releases; do
	t_rel=$(date +%s)
	key=$(sum "$top/bootstrap/packages.txt" "$top/bootstrap/packages.sh" "$0")
	key=$key-$(printf '%s' "$mirror" | sha256sum | cut -c1-8)
	full=$cache/installed-$rel-$key.tar
	client=$cache/client-$rel-$key.tar

	# 1 and 2: the VM's and the bed's lists, on one root
	if fresh "$full"; then
		unmount
		root=$tmp/full
		R mkdir -p "$root" && R tar -C "$root" -xf "$full" ||
			{ bad "$rel: cannot unpack $full"; continue; }
		note "$rel: installed root from the cache ($(seconds "$t_rel") s)"
	else
		if ! new_root full "$rel" || ! prepare; then
			bad "$rel: no fresh root (debootstrap $rel)"
			continue
		fi
		sh "$packages" --release "$rel" list build product | tr ' ' '\n' >"$tmp/pk"
		if ! install_roles build product; then
			bad "$rel: installing the build and product lists on a fresh root failed (log above)"
			continue
		fi
		sh "$packages" --release "$rel" list suite bed | tr ' ' '\n' >"$tmp/pk"
		if ! install_roles suite bed; then
			bad "$rel: installing the suite and bed lists on a fresh root failed (log above)"
			continue
		fi
		save_root "$full"
	fi
	check_roles build product
	check_roles suite bed
	# the firewall tool is the one this release's netavark runs
	case "$rel" in
	bookworm) fw=iptables ;;
	*) fw=nft ;;
	esac
	if resolves "$fw"; then ok; else
		bad "$rel: netavark's firewall tool $fw is missing on the fresh root"
	fi

	# 3: the client image's list alone
	if fresh "$client"; then
		unmount
		root=$tmp/client
		R mkdir -p "$root" && R tar -C "$root" -xf "$client" ||
			{ bad "$rel: cannot unpack $client"; continue; }
	else
		t0=$(date +%s)
		if ! new_root client "$rel" || ! prepare; then
			bad "$rel: no fresh root for the client list"
			continue
		fi
		sh "$packages" --release "$rel" list client | tr ' ' '\n' >"$tmp/pk"
		if ! install_roles client; then
			bad "$rel: installing the client list on a fresh root failed (log above)"
			continue
		fi
		save_root "$client"
	fi
	check_roles client
	note "$rel: $(seconds "$t_rel") s in all"
	unmount
	R rm -rf --one-file-system "$tmp/full" "$tmp/client"
	root=""
done

echo "$pass passed, $failn failed"
[ "$failn" -eq 0 ]
