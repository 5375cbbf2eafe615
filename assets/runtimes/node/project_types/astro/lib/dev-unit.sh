# shellcheck shell=bash
# dev-unit.sh - an astro project's dev server, the systemd unit
# mpd-<p>.service (sourced by the astro type's scripts after
# project-type-lib.sh).
# It reads project-type-lib.sh's pt_* globals and sets its own results:
# shellcheck disable=SC2034,SC2154

# the lowest and highest port a dev server may have (no root needed)
ASTRO_PORT_MIN=1024
ASTRO_PORT_MAX=65535

# astro_unit: the unit's name; astro_unit_path: its file
astro_unit_names() {
	astro_unit=mpd-$pt_name.service
	astro_unit_path=$pt_units/$astro_unit
}

# astro_port_valid PORT: 0 when PORT is a port a dev server can have
astro_port_valid() {
	[[ $1 =~ ^[1-9][0-9]*$ ]] && [ "${#1}" -le 5 ] &&
		[ "$1" -ge "$ASTRO_PORT_MIN" ] && [ "$1" -le "$ASTRO_PORT_MAX" ]
}

# astro_unit_text PORT: the unit file
astro_unit_text() {
	local port=$1 npm npm_dir
	pt_dev_user
	npm=$(command -v npm) ||
		pt_die 1 "npm is not installed in runtime $(pt_runtime) (its build did not finish: create the runtime again)"
	npm_dir=${npm%/*}
	pt_safe_path "the project's tree" "$pt_tree"
	pt_safe_path "npm" "$npm"
	cat <<UNIT
# $astro_unit - the dev server of mpd project $pt_name, written by the
# astro type's project-setup.sh: mpd rewrites or removes it.
[Unit]
Description=mpd project $pt_name: npm run dev on 127.0.0.1:$port
After=network.target

[Service]
Type=simple
User=$pt_user
Group=$pt_group
WorkingDirectory=$pt_tree
Environment=PATH=$npm_dir:/usr/local/bin:/usr/bin:/bin
# Vite (Astro's dev server) answers only the host names it knows
Environment=__VITE_ADDITIONAL_SERVER_ALLOWED_HOSTS=$pt_name.$PT_ZONE
ExecStart=$npm run dev -- --host 127.0.0.1 --port $port
Restart=on-failure
RestartSec=5

[Install]
WantedBy=multi-user.target
UNIT
}

# astro_unit_stop: the dev server stops and does not start at boot
astro_unit_stop() {
	astro_unit_names
	[ -e "$astro_unit_path" ] || return 0
	"${pt_systemctl[@]}" disable --now "$astro_unit" ||
		pt_die 1 "cannot stop $astro_unit (see: sudo systemctl status $astro_unit)"
}
