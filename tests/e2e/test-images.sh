# test-images.sh - core/lifecycle/images.c against real podman (sourced by run.sh):
# mpd builds an image FROM the configured base (mpd.ini [images] base) as
# the user through `sudo -n podman`, labels it with its inputs hash,
# and rebuilds only when an input changes; a base it cannot get fails with
# the fix.  Outside the namespace: builds need the package mirror.  (mpd's
# own service images: `mpd --images` in test-services.sh.)

tag=localhost/mpd-e2e-images:test
ctx=$E2E_TREE/image
R cp -R "$E2E_TOP/tests/e2e/fixtures/image" "$ctx" && R chown -R "$E2E_USER:" "$ctx"
images() { out=$(cd / && as_user "$E2E_TREE/bin/e2e_images" "$@" 2>&1); rc=$?; }
label_of() { P image inspect --format "{{index .Labels \"$1\"}}" "$tag" 2>&1; }

images "$tag" "$ctx/Containerfile" "$ctx"
expect_eq "first ensure exits 0 ($out)" 0 "$rc"
expect_in "first ensure builds" "built $tag " "$out"
hash1=$(echo "$out" | awk -v t="$tag" '$2 == t {print $3}' | tail -n 1)
expect_eq "mpd.inputs label is the hash" "$hash1" "$(label_of mpd.inputs)"
expect_eq "mpd.managed label" "true" "$(label_of mpd.managed)"
id1=$(P image inspect --format '{{.Id}}' "$tag" 2>&1)
expect_eq "built FROM the base" "hello from the first build" \
	"$(P run --rm --network=none "$tag" cat /hello.txt 2>&1)"
out=$(P run --rm --network=none "$tag" cat /etc/debian_version 2>&1)
case "$out" in
13.*|trixie*) ok ;;
*) bad "the image is trixie: expected /etc/debian_version 13.x, got: $out" ;;
esac

images "$tag" "$ctx/Containerfile" "$ctx"
expect_eq "second ensure says current" "current $tag $hash1" "$out"
expect_eq "second ensure kept the image" "$id1" \
	"$(P image inspect --format '{{.Id}}' "$tag" 2>&1)"

echo "hello from the second build" | as_user tee "$ctx/hello.txt" >/dev/null
images "$tag" "$ctx/Containerfile" "$ctx"
expect_in "a changed file rebuilds" "built $tag " "$out"
hash2=$(echo "$out" | awk -v t="$tag" '$2 == t {print $3}' | tail -n 1)
if [ -n "$hash2" ] && [ "$hash2" != "$hash1" ]; then
	ok
else
	bad "a changed file changes the hash: expected a new hash, got '$hash2' (was '$hash1')"
fi
expect_eq "the rebuilt image has the new file" "hello from the second build" \
	"$(P run --rm --network=none "$tag" cat /hello.txt 2>&1)"

# a base podman lacks and cannot pull: one clear line, nothing built
printf '[images]\nbase = localhost/mpd-e2e-no-such-base:1\n' |
	as_user tee "$E2E_ROOT/var/lib/mpd/conf/mpd.ini" >/dev/null
images "$tag" "$ctx/Containerfile" "$ctx"
expect_eq "a missing base fails" 1 "$rc"
expect_in "a missing base names the fix" "bootstrap/base-image.sh" "$out"
printf '[images]\nbase = %s\n' "$E2E_BASE" |
	as_user tee "$E2E_ROOT/var/lib/mpd/conf/mpd.ini" >/dev/null
P rmi -f "$tag" >/dev/null 2>&1
