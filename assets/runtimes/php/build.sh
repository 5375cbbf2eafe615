#!/bin/bash
# build.sh RT - phase 2 of a php-family runtime (php, php82), as the dev
# user: this directory's tools into /srv/tools/php/ and each project type's
# into /srv/tools/<type>/ (runtime-base/lib/link-tools.sh).  Idempotent.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
# shellcheck source=SCRIPTDIR/../../runtime-base/lib/link-tools.sh
. "$here/../../runtime-base/lib/link-tools.sh"
[ "$#" -eq 1 ] || { echo "usage: build.sh RUNTIME" >&2; exit 2; }
mpd_build_runtime "$here" "$1"
