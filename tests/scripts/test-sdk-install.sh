#!/bin/sh
# test-sdk-install.sh - an out-of-tree author's path: install the SDK to a
# temporary root, build sdk/examples/hello-service against it through
# pkg-config alone, and have mpd load the result.
set -u
. "${top_srcdir:?}/tests/scripts/lib.sh"
builddir=${top_builddir:?}
MAKE=${MAKE:-make}

# under the build tree: mpd refuses plugins below a shared directory (/tmp)
dest=$(mktemp -d "$builddir/sdk-install.XXXXXX")
chmod 755 "$dest"
trap 'rm -rf "$dest"' EXIT

if ! out=$($MAKE -C "$builddir" install-mpdsdkHEADERS install-pkgconfigDATA DESTDIR="$dest" 2>&1); then
	bad "installing the SDK failed: $out"
	finish
	exit 1
fi
pc=$(find "$dest" -name mpd-plugin.pc | head -n 1)
hdr=$(find "$dest" -path '*/include/mpd/plugin.h' | head -n 1)
[ -n "$pc" ] && ok || bad "mpd-plugin.pc not installed"
[ -n "$hdr" ] && ok || bad "mpd/plugin.h not installed"

PKG_CONFIG_PATH=$(dirname "$pc")
export PKG_CONFIG_PATH
export PKG_CONFIG_SYSROOT_DIR="$dest"
cflags=$(pkg-config --cflags mpd-plugin)
case "$cflags" in
*"$dest"*) ok ;;
*) bad "pkg-config --cflags does not point into the install root: $cflags" ;;
esac
abi=$(pkg-config --variable=abi_major mpd-plugin)
[ "$abi" = 1 ] && ok || bad "abi_major in mpd-plugin.pc is '$abi'"
minor=$(pkg-config --variable=abi_minor mpd-plugin)

work="$dest/example"
cp -r "$top_srcdir/sdk/examples/hello-service" "$work"
chmod -R u+w "$work"
if out=$($MAKE -C "$work" 2>&1); then ok; else bad "example build failed: $out"; fi
if out=$($MAKE -C "$work" install DESTDIR="$dest/plugins" 2>&1); then ok; else bad "example install failed: $out"; fi
so=$(find "$dest/plugins" -name hello-service.so | head -n 1)
[ -n "$so" ] && ok || bad "hello-service.so not installed under the SDK's plugindir"
exported=$(nm -D --defined-only "$so" | awk '{print $NF}' | tr '\n' ' ')
[ "$exported" = "mpd_plugin_entry_v1 " ] && ok || bad "example exports more than its entry: $exported"

chmod -R go+rX "$dest"
expect 0 "service       hello-service      1.0.0      1.$minor   $(dirname "$so")/hello-service.so" env MPD_PLUGIN_PATH="$(dirname "$so")" "$builddir/mpd" --plugins

# the in-tree plugins as `make install` lays them out (DESTDIR staging,
# install's own modes) pass the loader's checks
if out=$($MAKE -C "$builddir" install-pluginLTLIBRARIES DESTDIR="$dest/staged" 2>&1); then ok; else bad "installing the plugins failed: $out"; fi
staged=$(find "$dest/staged" -name dnsmasq.so | head -n 1)
[ -n "$staged" ] && ok || bad "dnsmasq.so not installed"
staged=$(dirname "${staged:-/nonexistent/x}")
chmod -R go+rX "$dest/staged"
expect 0 "dnsmasq" env MPD_PLUGIN_PATH="$staged" "$builddir/mpd" --plugins
n_so=$(find "$staged" -name '*.so' | wc -l)
n_loaded=$(as_user env MPD_PLUGIN_PATH="$staged" "$builddir/mpd" --plugins 2>&1 | grep -c "$staged/")
[ "$n_so" -gt 0 ] && [ "$n_so" -eq "$n_loaded" ] && ok || bad "installed plugins: $n_so files, $n_loaded loaded"

finish
