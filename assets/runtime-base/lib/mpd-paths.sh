# mpd-paths.sh - the fixed paths inside a runtime, in one place (sourced by
# the runtime's scripts, tools and ~/.bashrc; sets shell variables only).
#
# MPD_TEST_ROOT (test suites only, like the core's core/base/paths.c)
# prefixes every path; unset in a runtime, so the defaults are the real
# paths.  The env loader never takes MPD_TEST_ROOT from an mpd.env file.
# shellcheck shell=bash disable=SC2034
mpd_root=${MPD_TEST_ROOT:-}
mpd_assets=$mpd_root/opt/mpd/assets	# MPD_CONTAINER_ASSETS (sdk/include/mpd/names.h)
mpd_srv=$mpd_root/srv			# MPD_VOLUME_TARGET: the data volume
mpd_etc=$mpd_root/etc/mpd		# this runtime's markers (runtime, runtime-dir, ...)
mpd_var=$mpd_root/var/lib/mpd		# env/ (MPD_CONTAINER_ENV_DIR), skel/ (MPD_CONTAINER_SKEL)
mpd_zone=mpd.test			# every name mpd serves is in it (MPD_ZONE, sdk/include/mpd/names.h)
mpd_runtime_domain=runtime.$mpd_zone	# <rt>.runtime.mpd.test names the runtime itself
mpd_db_domain=db.$mpd_zone		# <id>.db.mpd.test names a DB server (docs/DATABASES.md)

# The name rules (core/config/names.h): project, runtime (also the asset
# directory and a type's directory name), dev user.
mpd_re_project='^[a-z][a-z0-9]*(-[a-z0-9]+)*$'
mpd_re_runtime='^[a-z][a-z0-9]+$'
mpd_re_type='^[a-z][a-z0-9_-]*$'
mpd_re_user='^[a-z_][a-z0-9_-]{0,31}$'

# mpd_valid_project NAME: 0 when NAME is a project name (2-63 characters).
mpd_valid_project() {
	[[ $1 =~ $mpd_re_project ]] && [ "${#1}" -ge 2 ] && [ "${#1}" -le 63 ]
}

# mpd_read_line FILE: print FILE's first line ("" when FILE is missing).
mpd_read_line() {
	local l=""
	if [ -r "$1" ]; then
		IFS= read -r l <"$1" || true
	fi
	printf '%s\n' "$l"
}
