# test-mpd.sh - mpd itself on the bed (sourced by run.sh): it runs as the
# user inside the namespace with the test tree's paths, refuses root, and
# loads every plugin the build made from MPD_PLUGIN_PATH.
# The lifecycle cases (--setup, --start, --stop, services) are in
# test-services.sh.

expect_mpd 0 "(plugin ABI 1." --version
out=$(cd / && in_ns "$E2E_TREE/bin/mpd" --status 2>&1)
rc=$?
expect_eq "mpd refuses root: exit" 1 "$rc"
expect_in "mpd refuses root: message" "mpd must run as a regular user, not as root." "$out"

run_mpd --plugins --json
expect_eq "mpd --plugins --json exits 0 ($out)" 0 "$rc"
expect_in "plugin dir is the test tree's" "\"$E2E_TREE/plugins\"" "$out"
for so in "$E2E_TREE"/plugins/*.so; do
	[ -f "$so" ] || continue
	expect_in "plugin $(basename "$so") is loaded" "\"$so\"" "$out"
done
expect_not_in "no plugin is rejected" "\"reason\"" "$out"
