# shellcheck shell=bash
# moodle-tools.sh - what the moodle type's tools (tools/mdl-*) share
# (sourced, bash).  A tool runs as the dev user from anywhere inside
# /srv/projects/<p>/ and starts with `mdl_init <its name>`:
#   mdl_init TOOL        the project $PWD is in, a Moodle tree, its settings
#                        loaded (the four layers); sets mdl_tool, mdl_project,
#                        mdl_tree, mdl_meta, mdl_data
#   mdl_die MESSAGE...   one line "TOOL: MESSAGE" on stderr, exit 1
#   mdl_need_db          the project has a config.php (configure writes it
#                        once MPD_DB is set)
#   mdl_need_php         the project's PHP (MPD_PHP_VERSION) is installed in
#                        this runtime (else the php wrapper's one line)
#   mdl_script REL       mdl_script_path: Moodle's script REL, at the tree's
#                        top or under public/ (moodle-tree.sh)
#   mdl_exec REL ARG...  exec REL with the project's PHP (the php wrapper:
#                        MPD_PHP_VERSION, the runtime's CLI settings, opcache
#                        included) from the tree's top
#   mdl_php              the php wrapper (runtimes/php/tools/php)
# Every refusal is one line and exit 1 (2: a bad argument).
# Its results are globals the tools read:
# shellcheck disable=SC2034

mdl_lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mdl_php=$(cd "$mdl_lib/../../../tools" && pwd)/php
# shellcheck source=SCRIPTDIR/../lib/moodle-tree.sh
. "$mdl_lib/moodle-tree.sh"
# shellcheck source=SCRIPTDIR/../../../lib/php-version.sh
. "$mdl_lib/../../../lib/php-version.sh"
# the loader's functions only (PROJECT_NAME set would load a project): the
# project is the one $PWD is in
unset PROJECT_NAME
# shellcheck source=SCRIPTDIR/../../../../../runtime-base/lib/source-mpd-env.sh
. "$mdl_lib/../../../../../runtime-base/lib/source-mpd-env.sh"

mdl_tool=${0##*/}

mdl_die() {
	printf '%s: %s\n' "$mdl_tool" "$*" >&2
	exit 1
}

# mdl_usage TEXT: a bad argument, exit 2
mdl_usage() {
	printf 'usage: %s\n' "$*" >&2
	exit 2
}

mdl_init() {
	local type=""
	mdl_tool=$1
	[ "${EUID:-$(id -u)}" -ne 0 ] ||
		mdl_die "run it as the dev user, not as root (it needs no sudo)"
	mdl_project=$(mpd_project_from_pwd 2>/dev/null) ||
		mdl_die "not inside a project ($mpd_srv/projects/<name>/...): cd into a moodle project"
	mdl_tree=$mpd_srv/projects/$mdl_project
	mdl_meta=$mpd_srv/meta/$mdl_project
	mdl_data=$mpd_srv/data/$mdl_project
	if [ -r "$mdl_meta/project.json" ]; then
		type=$(jq -r '.type // empty' "$mdl_meta/project.json" 2>/dev/null) || type=""
	fi
	[ -z "$type" ] || [ "$type" = moodle ] ||
		mdl_die "project '$mdl_project' is a $type project, not a moodle one: the mdl-* tools work in moodle projects"
	moodle_docroot_of "$mdl_tree" ||
		mdl_die "project '$mdl_project' is not a Moodle tree: $mdl_tree has no version.php (nor public/version.php)"
	export PROJECT_NAME=$mdl_project
	mpd_env_load "$mdl_project" || exit 1
}

mdl_need_db() {
	[ -f "$mdl_tree/config.php" ] ||
		mdl_die "project '$mdl_project' has no database: mpd configure $mdl_project MPD_DB=postgres"
}

mdl_need_php() {
	local v
	v=$(mpd_php_version)
	if ! mpd_php_installed "$v"; then
		printf '%s: %s\n' "$mdl_tool" "$(mpd_php_not_installed "$v")" >&2
		exit 1
	fi
}

mdl_script() {
	moodle_script "$mdl_tree" "$1" ||
		mdl_die "project '$mdl_project' has no $1 (nor public/$1): its Moodle tree is incomplete"
}

mdl_exec() {
	mdl_need_php
	mdl_script "$1"
	shift
	cd "$mdl_tree" || mdl_die "cannot enter $mdl_tree"
	exec "$mdl_php" "$moodle_script_path" "$@"
}
