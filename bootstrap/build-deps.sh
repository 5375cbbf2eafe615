#!/bin/sh
# build-deps.sh - install what building and testing mpd needs on Debian
# (bookworm or trixie): the `build` and `suite` rows of
# bootstrap/packages.txt for this release.  Runs as the dev user and
# sudo's the apt commands; as root (CI) it runs them directly.  Idempotent:
# installs nothing when everything is there.
set -eu
exec sh "$(dirname "$0")/packages.sh" install build suite
