# link-tools.sh - put a tier of tools on /srv/tools/ as symlinks (sourced,
# bash), for bootstrap.sh (runtime-base/tools -> /srv/tools/_base) and each
# runtime's build.sh (phase 2).
#   mpd_link_tools SRC DEST   link every file SRC/* into DEST
#   mpd_build_runtime RTDIR RT   phase 2 of runtime RT whose assets are RTDIR
# Both are idempotent: a link already right is left alone, and a symlink in
# DEST that is not one of SRC's tools any more is removed (other files in
# DEST are never touched).
# shellcheck shell=bash

mpd_link_lib=$(dirname "${BASH_SOURCE[0]}")
# shellcheck source=SCRIPTDIR/mpd-paths.sh
. "$mpd_link_lib/mpd-paths.sh"

# mpd_link_tools SRC DEST: SRC need not exist (no tools: DEST loses its
# links and is not created).
mpd_link_tools() {
	local src=$1 dest=$2 f name link
	if [ -d "$src" ]; then
		mkdir -p "$dest" || return 1
		for f in "$src"/*; do
			[ -f "$f" ] || continue
			name=${f##*/}
			link=$dest/$name
			if [ -L "$link" ] && [ "$(readlink "$link")" = "$f" ]; then
				continue
			fi
			if [ -e "$link" ] && [ ! -L "$link" ]; then
				echo "link-tools: $link is not a symlink: left alone (remove it to get the tool $name)" >&2
				continue
			fi
			ln -sfn "$f" "$link" || return 1
		done
	fi
	[ -d "$dest" ] || return 0
	for link in "$dest"/*; do
		[ -L "$link" ] || continue
		name=${link##*/}
		if [ "$(readlink "$link")" != "$src/$name" ] || [ ! -f "$src/$name" ]; then
			rm -f "$link" || return 1
		fi
	done
}

# mpd_build_runtime RTDIR RT: link RTDIR/tools into /srv/tools/<dir> (the
# asset directory's name: php82 shares php's) and each project type's
# tools into /srv/tools/<type>.  Exit status 2 on a bad call.
mpd_build_runtime() {
	local rtdir=$1 rt=$2 dir known="" t
	dir=${rtdir##*/}
	if ! [[ $rt =~ $mpd_re_runtime ]]; then
		echo "build.sh: '$rt' is not a runtime name" >&2
		return 2
	fi
	if [ "$(id -u)" -eq 0 ]; then
		echo "build.sh: run it as the dev user (phase 2), not as root" >&2
		return 2
	fi
	known=$(mpd_read_line "$mpd_etc/runtime")
	if [ "$known" != "$rt" ]; then
		echo "build.sh: this is runtime '${known:-?}' ($mpd_etc/runtime), not '$rt': run bootstrap.sh first" >&2
		return 2
	fi
	mpd_link_tools "$rtdir/tools" "$mpd_srv/tools/$dir" || return 1
	for t in "$rtdir"/project_types/*/; do
		[ -d "$t" ] || continue
		t=${t%/}
		[[ ${t##*/} =~ $mpd_re_type ]] || continue
		mpd_link_tools "$t/tools" "$mpd_srv/tools/${t##*/}" || return 1
	done
}
