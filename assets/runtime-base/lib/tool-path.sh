# tool-path.sh - PATH with this runtime's tool tiers (sourced, bash; by the
# dev user's ~/.bashrc and by mpd-project.sh for the type scripts).
#
# mpd_tool_path puts in front of PATH, each prepended in this order so that
# the later wins (spec 001 "PATH precedence"):
#   /srv/tools/_base            runtime-base tools
#   /srv/tools/<runtime-dir>    this runtime's (/etc/mpd/runtime-dir)
#   /srv/tools/<type>           each type of this runtime, alphabetically
#                               (assets/runtimes/<dir>/project_types/*)
#   ~/.local/bin                the user's own installs (node-install)
# Only this runtime's tiers: /srv is shared by every runtime, and node's
# tools have no business in the php runtime.  Directories that do not exist
# are left out (~/.local/bin always goes in), an entry already in PATH is
# moved, so sourcing twice gives the same PATH.  Root gets none of it (by
# design: `sudo tool` is not the way to run a tool).
# shellcheck shell=bash

mpd_tool_path_lib=$(dirname "${BASH_SOURCE[0]}")

# _mpd_path_front VAR DIR: move or add DIR to the front of the path in VAR.
_mpd_path_front() {
	local p=":${!1}:"
	while [[ $p == *":$2:"* ]]; do
		p=${p/":$2:"/:}
	done
	p=${p#:}
	p=${p%:}
	printf -v "$1" '%s' "$2${p:+:$p}"
}

mpd_tool_path() {
	local mpd_root mpd_assets mpd_srv mpd_etc mpd_var mpd_zone mpd_runtime_domain mpd_db_domain
	local mpd_re_project mpd_re_runtime mpd_re_type mpd_re_user
	local dir="" d t newpath=$PATH
	[ "${EUID:-$(id -u)}" -ne 0 ] || return 0
	# shellcheck source=SCRIPTDIR/mpd-paths.sh
	. "$mpd_tool_path_lib/mpd-paths.sh"
	[ -d "$mpd_srv/tools/_base" ] && _mpd_path_front newpath "$mpd_srv/tools/_base"
	dir=$(mpd_read_line "$mpd_etc/runtime-dir")
	if [[ $dir =~ $mpd_re_runtime ]]; then
		[ -d "$mpd_srv/tools/$dir" ] && _mpd_path_front newpath "$mpd_srv/tools/$dir"
		for d in "$mpd_assets/runtimes/$dir/project_types"/*/; do
			t=${d%/}
			t=${t##*/}
			if [[ $t =~ $mpd_re_type ]] && [ -d "$mpd_srv/tools/$t" ]; then
				_mpd_path_front newpath "$mpd_srv/tools/$t"
			fi
		done
	fi
	[ -n "${HOME:-}" ] && _mpd_path_front newpath "$HOME/.local/bin"
	PATH=$newpath
	export PATH
}
