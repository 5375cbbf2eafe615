#!/bin/bash
# project-delete.sh <project> - before mpd removes the project's tree, data
# and meta: its php-fpm pools, had stop not removed them.
# shellcheck source-path=SCRIPTDIR/../../../..
set -euo pipefail
# shellcheck source=runtime-base/lib/project-type-lib.sh
. "${MPD_ASSETS:-/opt/mpd/assets}/runtime-base/lib/project-type-lib.sh"
# shellcheck source=runtimes/php/lib/fpm-pool.sh
. "$pt_assets/runtimes/php/lib/fpm-pool.sh"

pt_init "$@"
fpm_pools_remove
