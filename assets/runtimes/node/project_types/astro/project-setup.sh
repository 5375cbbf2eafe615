#!/bin/bash
# project-setup.sh <project> - the project's dev server as a systemd unit,
# mpd-<p>.service, on the port configure.sh left in effective.json: written
# (through sudo) when it changes, enabled and started; a changed unit
# restarts.  Idempotent.
# shellcheck source-path=SCRIPTDIR/../../../..
set -euo pipefail
type_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=runtime-base/lib/project-type-lib.sh
. "${MPD_ASSETS:-/opt/mpd/assets}/runtime-base/lib/project-type-lib.sh"
# shellcheck source=runtimes/node/project_types/astro/lib/dev-unit.sh
. "$type_dir/lib/dev-unit.sh"

pt_init "$@"
pt_require_tree
eff=$pt_meta/effective.json
[ -f "$eff" ] || pt_die 1 "$eff is missing: configure the project first (mpd configure $pt_name)"
port=$(jq -r '.port // empty' "$eff" 2>/dev/null || true)
astro_port_valid "$port" ||
	pt_die 1 "$eff names no dev server port: configure the project again (mpd configure $pt_name)"

astro_unit_names
text=$(astro_unit_text "$port")
existed=0
[ ! -e "$astro_unit_path" ] || existed=1
changed=1
if [ -f "$astro_unit_path" ] && cmp -s "$astro_unit_path" <(printf '%s\n' "$text"); then
	changed=0
fi
if [ "$changed" -eq 1 ]; then
	"${pt_sudo[@]}" tee "$astro_unit_path" >/dev/null <<<"$text" ||
		pt_die 1 "cannot write $astro_unit_path"
	"${pt_systemctl[@]}" daemon-reload || pt_die 1 "systemctl daemon-reload failed"
fi
"${pt_systemctl[@]}" enable --now "$astro_unit" ||
	pt_die 1 "cannot start $astro_unit (see: sudo journalctl -u $astro_unit)"
if [ "$changed" -eq 1 ] && [ "$existed" -eq 1 ]; then
	"${pt_systemctl[@]}" restart "$astro_unit" ||
		pt_die 1 "cannot restart $astro_unit (see: sudo journalctl -u $astro_unit)"
fi
pt_say "astro project $pt_name: $astro_unit on 127.0.0.1:$port"
