#!/bin/sh
# check-installed-plugins.sh - `make installcheck` (distcheck runs it on its
# _inst tree): the installed mpd loads every installed plugin from its
# configured plugindir, so the loader's trust checks pass on the tree that
# `make install` made, and each plugin the tree builds ($plugins: the
# build's plugin_LTLIBRARIES, "dnsmasq.la frontdoor.la ...") is among
# them.  With DESTDIR, the staged plugindir is named through
# MPD_PLUGIN_PATH.
set -u
. "${top_srcdir:?}/tests/scripts/lib.sh"
mpd=${mpd:?}
plugindir=${plugindir:?}
dest=${DESTDIR:-}

n_so=$(find "$dest$plugindir" -name '*.so' | wc -l)
[ "$n_so" -gt 0 ] && ok || bad "no plugins installed in $dest$plugindir"
if [ -n "$dest" ]; then
	out=$(as_user env MPD_PLUGIN_PATH="$dest$plugindir" "$dest$mpd" --plugins 2>&1)
else
	out=$(as_user env -u MPD_PLUGIN_PATH "$mpd" --plugins 2>&1)
fi
rc=$?
[ "$rc" -eq 0 ] && ok || bad "mpd --plugins exited $rc: $out"
n_loaded=$(printf '%s\n' "$out" | grep -v '^REJECTED' | grep -c "$dest$plugindir/")
[ "$n_loaded" -eq "$n_so" ] && ok ||
	bad "$n_so plugins installed, $n_loaded loaded: $out"
for la in ${plugins:?}; do
	so="$dest$plugindir/${la%.la}.so"
	printf '%s\n' "$out" | grep -v '^REJECTED' | grep -q " $so\$" && ok ||
		bad "${la%.la}: $so is not installed or did not load: $out"
done
finish
