#!/bin/bash
# project-setup.sh <project> - the project's php-fpm pool, as configure.sh
# left it in effective.json (PHP version, port); the project's pools of
# other PHP versions go.  Idempotent: an unchanged pool is not rewritten.
# shellcheck source-path=SCRIPTDIR/../../../..
set -euo pipefail
# shellcheck source=runtime-base/lib/project-type-lib.sh
. "${MPD_ASSETS:-/opt/mpd/assets}/runtime-base/lib/project-type-lib.sh"
# shellcheck source=runtimes/php/lib/fpm-pool.sh
. "$pt_assets/runtimes/php/lib/fpm-pool.sh"

pt_init "$@"
pt_require_tree
fpm_setup
