#!/bin/bash
# project-delete.sh <project> - before mpd removes the project's tree, data
# and meta: its dev server stops and its unit file goes (the sources are
# not this script's to remove).
# shellcheck source-path=SCRIPTDIR/../../../..
set -euo pipefail
type_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=runtime-base/lib/project-type-lib.sh
. "${MPD_ASSETS:-/opt/mpd/assets}/runtime-base/lib/project-type-lib.sh"
# shellcheck source=runtimes/node/project_types/astro/lib/dev-unit.sh
. "$type_dir/lib/dev-unit.sh"

pt_init "$@"
astro_unit_stop
[ -e "$astro_unit_path" ] || exit 0
"${pt_sudo[@]}" rm -f "$astro_unit_path" || pt_die 1 "cannot remove $astro_unit_path"
"${pt_systemctl[@]}" daemon-reload || pt_die 1 "systemctl daemon-reload failed"
