# shellcheck shell=bash
# It reads project-type-lib.sh's pt_* globals and sets its own results:
# shellcheck disable=SC2034,SC2154
# fpm-pool.sh - a php-family project's php-fpm pool: its TCP port and its
# pool file (sourced by the moodle and plain types after
# project-type-lib.sh).
#
# One pool per project, /etc/php/<v>/fpm/pool.d/mpd-<p>.conf, listening on
# 127.0.0.1:<port>, run as the dev user; the frontdoor in the same pod
# reaches it there (urls.json: backend php-fpm).

# the ports pools get, lowest free first
FPM_PORT_FIRST=9000
FPM_PORT_LAST=9099
# more lines for the pool, set by a type before fpm_setup (e.g. the
# php_value settings it needs)
fpm_extra=()

# fpm_port_allocate: fpm_port for the project: the phpFpmPort of its own
# effective.json when no other project has it, else the lowest port of
# FPM_PORT_FIRST..FPM_PORT_LAST no /srv/meta/*/effective.json names
fpm_port_allocate() {
	local own=$pt_meta/effective.json f p want='' used=' '
	for f in "$pt_srv"/meta/*/effective.json; do
		[ -f "$f" ] || continue
		[ "$f" != "$own" ] || continue
		p=$(jq -r '.phpFpmPort? // empty | numbers' "$f" 2>/dev/null) || continue
		[ -z "$p" ] || used+="$p "
	done
	if [ -f "$own" ]; then
		want=$(jq -r '.phpFpmPort? // empty | numbers' "$own" 2>/dev/null) || want=''
	fi
	if [[ $want =~ ^[0-9]+$ ]] && [ "$want" -ge "$FPM_PORT_FIRST" ] &&
		[ "$want" -le "$FPM_PORT_LAST" ] && [[ $used != *" $want "* ]]; then
		fpm_port=$want
		return 0
	fi
	for ((p = FPM_PORT_FIRST; p <= FPM_PORT_LAST; p++)); do
		if [[ $used != *" $p "* ]]; then
			fpm_port=$p
			return 0
		fi
	done
	pt_die 1 "no free php-fpm port: other projects hold all of $FPM_PORT_FIRST-$FPM_PORT_LAST (delete projects you no longer use)"
}

# fpm_pool_path VERSION: the project's pool file for PHP VERSION
fpm_pool_path() {
	printf '%s\n' "$pt_php_etc/$1/fpm/pool.d/mpd-$pt_name.conf"
}

# fpm_pool_text VERSION PORT: the pool file (fpm_extra at its end)
fpm_pool_text() {
	local v=$1 port=$2 line
	pt_dev_user
	pt_safe_path "the project's data directory" "$pt_data"
	cat <<POOL
; mpd-$pt_name.conf - the php-fpm pool of mpd project $pt_name (PHP $v),
; written by its type's project-setup.sh: mpd rewrites or removes it.
[mpd-$pt_name]
user = $pt_user
group = $pt_group
listen = 127.0.0.1:$port
listen.allowed_clients = 127.0.0.1
pm = ondemand
pm.max_children = 5
pm.process_idle_timeout = 60s
; errors go to the project's data directory, outside its tree
php_admin_value[error_log] = $pt_data/php_error.log
php_admin_flag[log_errors] = on
; clear_env stays at its default (yes): the workers get no environment from
; php-fpm (root's); the project's settings come from its generated files
POOL
	for line in "${fpm_extra[@]}"; do
		printf '%s\n' "$line"
	done
}

# fpm_reload VERSION: php<VERSION>-fpm rereads its pools (a restart when the
# reload fails, e.g. the service was stopped)
fpm_reload() {
	"${pt_systemctl[@]}" reload "php$1-fpm" ||
		"${pt_systemctl[@]}" restart "php$1-fpm" ||
		pt_die 1 "php$1-fpm did not take the pool of $pt_name (see: sudo journalctl -u php$1-fpm)"
}

# fpm_pools_remove [KEEP]: remove the project's pools of every PHP version
# but KEEP, and reload each php-fpm that had one and runs
fpm_pools_remove() {
	local keep=${1:-} f v
	for f in "$pt_php_etc"/*/fpm/pool.d/"mpd-$pt_name.conf"; do
		[ -e "$f" ] || continue
		v=${f#"$pt_php_etc"/}
		v=${v%%/*}
		[ "$v" != "$keep" ] || continue
		"${pt_sudo[@]}" rm -f "$f" || pt_die 1 "cannot remove $f"
		pt_say "removed the php $v pool of $pt_name"
		if "${pt_systemctl[@]}" is-active --quiet "php$v-fpm"; then
			fpm_reload "$v"
		fi
	done
}

# fpm_pool_install VERSION PORT: the project's pool for VERSION
# (written through sudo only when its text changes, then php-fpm reloads;
# unchanged, php-fpm is started if it is not running); the pools of other
# versions go first, so the port is free when this one takes it
fpm_pool_install() {
	local v=$1 port=$2 path text
	path=$(fpm_pool_path "$v")
	[ -d "${path%/*}" ] ||
		pt_die 1 "${path%/*} is missing: php$v-fpm is not installed in runtime $(pt_runtime)"
	text=$(fpm_pool_text "$v" "$port") || exit
	fpm_pools_remove "$v"
	if [ -f "$path" ] && cmp -s "$path" <(printf '%s\n' "$text"); then
		"${pt_systemctl[@]}" is-active --quiet "php$v-fpm" || fpm_reload "$v"
		return 0
	fi
	"${pt_sudo[@]}" tee "$path" >/dev/null <<<"$text" || pt_die 1 "cannot write $path"
	pt_say "php $v pool of $pt_name: 127.0.0.1:$port"
	fpm_reload "$v"
}

# fpm_setup: the pool that effective.json (configure.sh) names
fpm_setup() {
	local eff=$pt_meta/effective.json v port
	[ -f "$eff" ] || pt_die 1 "$eff is missing: configure the project first (mpd configure $pt_name)"
	v=$(jq -r '.phpVersion // empty' "$eff" 2>/dev/null) || v=''
	port=$(jq -r '.phpFpmPort // empty' "$eff" 2>/dev/null) || port=''
	if ! [[ $v =~ ^[0-9]+\.[0-9]+$ && $port =~ ^[0-9]+$ ]] ||
		[ "$port" -lt "$FPM_PORT_FIRST" ] || [ "$port" -gt "$FPM_PORT_LAST" ]; then
		pt_die 1 "$eff names no PHP version and php-fpm port: configure the project again (mpd configure $pt_name)"
	fi
	mkdir -p "$pt_data" || pt_die 1 "cannot create $pt_data"
	fpm_pool_install "$v" "$port"
}
