#!/bin/bash
# project-setup.sh <project> - the project's php-fpm pool, as configure.sh
# left it in effective.json (PHP version, port); the project's pools of
# other PHP versions go.  Idempotent: an unchanged pool is not rewritten.
# shellcheck source-path=SCRIPTDIR/../../../..
set -euo pipefail
type_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=runtime-base/lib/project-type-lib.sh
. "${MPD_ASSETS:-/opt/mpd/assets}/runtime-base/lib/project-type-lib.sh"
# shellcheck source=runtimes/php/lib/fpm-pool.sh
. "$pt_assets/runtimes/php/lib/fpm-pool.sh"
# shellcheck source=runtimes/php/project_types/moodle/lib/moodle-tree.sh
. "$type_dir/lib/moodle-tree.sh"

pt_init "$@"
pt_require_tree
moodle_tree
# Moodle's forms post more fields than PHP's default 1000
fpm_extra=('php_value[max_input_vars] = 10000')
fpm_setup
