#!/bin/bash
# project-stop.sh <project> - the project's dev server stops and no longer
# starts at boot (mpd-<p>.service disabled); the unit file, the tree and
# its settings stay.
# shellcheck source-path=SCRIPTDIR/../../../..
set -euo pipefail
type_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=runtime-base/lib/project-type-lib.sh
. "${MPD_ASSETS:-/opt/mpd/assets}/runtime-base/lib/project-type-lib.sh"
# shellcheck source=runtimes/node/project_types/astro/lib/dev-unit.sh
. "$type_dir/lib/dev-unit.sh"

pt_init "$@"
astro_unit_stop
