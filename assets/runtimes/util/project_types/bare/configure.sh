#!/bin/bash
# configure.sh <project> - a bare project: no URLs and no database, so
# /srv/meta/<p>/urls.json is [] and effective.json has the empty database
# fields.  Idempotent.
# shellcheck source-path=SCRIPTDIR/../../../..
set -euo pipefail
# shellcheck source=runtime-base/lib/project-type-lib.sh
. "${MPD_ASSETS:-/opt/mpd/assets}/runtime-base/lib/project-type-lib.sh"

pt_init "$@"
pt_require_tree
mkdir -p "$pt_meta" || pt_die 1 "cannot create $pt_meta"
pt_write_json "$pt_meta/effective.json" "$(pt_no_db_json)"
pt_write_json "$pt_meta/urls.json" '[]'
