#!/bin/bash
# project-setup.sh <project> - a bare project runs nothing of mpd's: its
# data directory (/srv/data/<p>, outside the tree) is made, and that is all.
# shellcheck source-path=SCRIPTDIR/../../../..
set -euo pipefail
# shellcheck source=runtime-base/lib/project-type-lib.sh
. "${MPD_ASSETS:-/opt/mpd/assets}/runtime-base/lib/project-type-lib.sh"

pt_init "$@"
pt_require_tree
mkdir -p "$pt_data" || pt_die 1 "cannot create $pt_data"
