#!/bin/bash
# project-stop.sh <project> - the project's php-fpm pools go (every PHP
# version's); the tree, its data and its settings stay.
# shellcheck source-path=SCRIPTDIR/../../../..
set -euo pipefail
# shellcheck source=runtime-base/lib/project-type-lib.sh
. "${MPD_ASSETS:-/opt/mpd/assets}/runtime-base/lib/project-type-lib.sh"
# shellcheck source=runtimes/php/lib/fpm-pool.sh
. "$pt_assets/runtimes/php/lib/fpm-pool.sh"

pt_init "$@"
fpm_pools_remove
