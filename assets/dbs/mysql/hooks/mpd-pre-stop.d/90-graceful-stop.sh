#!/bin/bash
# 90-graceful-stop.sh - mpd-pre-stop for a mysql DB container: ask the
# server for MySQL's normal shutdown before mpd --stop stops the container
# (see ../../../lib/mpd-db-graceful-stop.sh).  Numbered 90 so that hooks
# added before it run while the server still answers.
set -euo pipefail

lib=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../../../lib" && pwd)
# shellcheck source=SCRIPTDIR/../../../lib/mpd-db-graceful-stop.sh
. "$lib/mpd-db-graceful-stop.sh"

mpd_db_graceful_stop TERM mysqld
