#!/bin/sh
# test-preflight.sh - `mpd --setup` on a machine that lacks netavark's
# firewall tool (iptables on bookworm, nft on trixie: bootstrap/packages.txt)
# stops at its preflight with one line naming the package, exit 1, and
# nothing changed; with the tool there it goes on.  A fake PATH holds
# podman and sudo stand-ins; MPD_TEST_HOST_ROOT a fake root with netavark
# and aardvark-dns, so this machine's own tools do not count.
set -u
. "${top_srcdir:?}/tests/scripts/lib.sh"
mpd="${top_builddir:?}/mpd"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
root=$tmp/root
mkdir -p "$root/var/lib/mpd/conf" "$tmp/bin" \
	"$tmp/host/usr/lib/podman" "$tmp/host/usr/sbin"
printf 'MPD_PLATFORM=sandbox\nMPD_VM_IP=\nMPD_INSTANCE_SUFFIX=\n' \
	>"$root/var/lib/mpd/conf/platform.env"
chmod -R 777 "$root/var"
# stand-ins: podman and netavark's helpers answer; sudo says what
# $tmp/sudo-exit holds (0: passwordless sudo works)
for f in bin/podman bin/catatonit host/usr/lib/podman/netavark host/usr/lib/podman/aardvark-dns; do
	printf '#!/bin/sh\nexit 0\n' >"$tmp/$f"
done
# (PATH holds only the stand-ins: builtins only)
# shellcheck disable=SC2016 # expanded by the stand-in
printf '#!/bin/sh\nread -r x <%s/sudo-exit\nexit "$x"\n' "$tmp" >"$tmp/bin/sudo"
chmod 755 "$tmp/bin/"* "$tmp/host/usr/lib/podman/"*
echo 0 >"$tmp/sudo-exit"

# netavark's firewall tool on this release, and the package that brings it
release=$(sh "$top_srcdir/bootstrap/packages.sh" release 2>/dev/null)
case "$release" in
bookworm) tool=iptables pkg=iptables other=nftables ;;
*) tool=nft pkg=nftables other=iptables ;;
esac

tree() { (cd "$root" && find . -exec ls -ld --time-style=+%s.%N {} + | sort); }
setup() {
	out=$(as_user env -i PATH="$tmp/bin" MPD_TEST_ROOT="$root" \
		MPD_TEST_HOST_ROOT="$tmp/host" MPD_PLUGIN_PATH="$tmp/none" \
		"$mpd" --setup 2>&1)
	rc=$?
}

before=$(tree)
setup
[ "$rc" -eq 1 ] && ok || bad "setup without $tool: expected exit 1, got $rc: $out"
errors() { printf '%s\n' "$out" | grep '^mpd: ' | grep -v '^mpd: warning: '; }
line=$(errors)
case "$line" in
*"$tool ("*"sudo apt-get install $pkg") ok ;;
*) bad "setup without $tool: expected one line naming $tool and 'sudo apt-get install $pkg', got: $out" ;;
esac
case "$line" in
*"$other"*) bad "setup on $release named $other: $line" ;;
*) ok ;;
esac
[ "$(errors | wc -l)" -eq 1 ] && ok ||
	bad "setup without $tool: expected one error line, got: $out"
after=$(tree)
[ "$before" = "$after" ] && ok ||
	bad "setup without $tool changed the state tree: $(printf '%s\n%s\n' "$before" "$after" | sort | uniq -u | head -5)"

# with the tool in root's /usr/sbin the preflight passes and setup reaches
# its sudo check (a refusing sudo stops it there, before any change)
printf '#!/bin/sh\nexit 0\n' >"$tmp/host/usr/sbin/$tool"
chmod 755 "$tmp/host/usr/sbin/$tool"
echo 1 >"$tmp/sudo-exit"
setup
[ "$rc" -eq 1 ] && ok || bad "setup with $tool and no sudo: expected exit 1, got $rc: $out"
case "$out" in
*"needs passwordless sudo"*) ok ;;
*) bad "setup with $tool: expected to pass the tools and stop at sudo, got: $out" ;;
esac
[ "$before" = "$(tree)" ] && ok || bad "setup stopped at sudo changed the state tree"
finish
