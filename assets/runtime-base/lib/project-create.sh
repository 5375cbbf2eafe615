#!/bin/bash
# project-create.sh <project> - after `mpd create` (the tree is cloned or
# made): seed the project's mpd.env from mpd-template.env when it has none,
# and keep it out of git.  Idempotent.  The project-create.sh of a type
# with nothing more to do (plain, astro, bare) is a link to this file: the
# type's directory is the one it was called through.
# (as itself, and as a type's copy where a tarball made the link a file)
# shellcheck source-path=SCRIPTDIR/../.. source-path=SCRIPTDIR/../../../..
set -euo pipefail
type_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=runtime-base/lib/project-type-lib.sh
. "${MPD_ASSETS:-/opt/mpd/assets}/runtime-base/lib/project-type-lib.sh"

pt_init "$@"
pt_require_tree
pt_seed_env "$type_dir"
pt_git_exclude /mpd.env
