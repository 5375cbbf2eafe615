#!/bin/sh
# check-layers.sh - core/'s folders are layers and the arrows between them
# point one way (docs/ARCHITECTURE.md draws this table): a file in a layer
# includes headers only from its own layer and the ones listed for it.
# Also: every core/ basename is unique (objects share one build directory),
# and so is every header's include guard.
set -u
. "${top_srcdir:?}/tests/scripts/lib.sh"
core="$top_srcdir/core"

allowed() {
	case $1 in
	base) echo "" ;;
	exec) echo "base" ;;
	state) echo "base" ;;
	config) echo "base state" ;;
	podman) echo "base exec" ;;
	plugin) echo "base state" ;;
	certs) echo "base exec state podman plugin" ;;
	hooks) echo "base exec state podman" ;;
	lifecycle) echo "base exec state config podman plugin certs hooks" ;;
	cli) echo "base exec state config podman plugin certs hooks lifecycle" ;;
	*) echo "UNKNOWN" ;;
	esac
}

# layer of a header basename ("" when not a core header)
layer_of() {
	for f in "$core"/*/"$1"; do
		[ -f "$f" ] || continue
		basename "$(dirname "$f")"
		return
	done
}

for dir in "$core"/*/; do
	layer=$(basename "$dir")
	ok_layers=$(allowed "$layer")
	if [ "$ok_layers" = UNKNOWN ]; then
		bad "core/$layer is not a known layer: add it to check-layers.sh and docs/ARCHITECTURE.md"
		continue
	fi
	for src in "$dir"*.c "$dir"*.h; do
		[ -f "$src" ] || continue
		# shellcheck disable=SC2013 # header names are single words
		for h in $(sed -n 's/^#include "\([a-z0-9_]*\.h\)".*/\1/p' "$src"); do
			hl=$(layer_of "$h")
			[ -z "$hl" ] && continue
			[ "$hl" = "$layer" ] && continue
			case " $ok_layers " in
			*" $hl "*) ok ;;
			*) bad "core/$layer/$(basename "$src") includes $h from core/$hl: the arrow points up (allowed: $ok_layers)" ;;
			esac
		done
	done
done

dups=$(find "$core" "$top_srcdir/plugins" "$top_srcdir/tests" -name '*.c' \
	-exec basename {} \; | sort | uniq -d)
if [ -z "$dups" ]; then ok; else bad "source basenames used twice: $dups"; fi
# include guards are unique too: two headers with one guard hide each other
guards=$(find "$core" "$top_srcdir/sdk/include" -name '*.h' \
	-exec sed -n 's/^#ifndef \([A-Z0-9_]*_H\)$/\1/p' {} \; | sort | uniq -d)
if [ -z "$guards" ]; then ok; else bad "include guards used twice: $guards"; fi
finish
