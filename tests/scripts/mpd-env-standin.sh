# mpd-env-standin.sh - a stand-in for assets/runtime-base/lib/source-mpd-env.sh
# (sourced, not run), for test-project-types.sh ONLY while that loader is
# not in the tree: the test uses the real one as soon as it is.  It does the
# loader's job the way docs/RUNTIMES.md describes it, minimally: the four
# layers for $PROJECT_NAME (the runtime's and the type's mpd-defaults.env,
# found from /srv/meta/<p>/project.json's runtimeDir and type; the VM's
# mpd-vm.env, here $MPD_VM_ENV; the project's mpd.env), last assignment
# wins, only `MPD_[A-Z0-9_]+=` lines, one layer of quotes stripped, values
# exported as text (never sourced or evaluated).

mpd_env_load() {
	_srv=${MPD_SRV:-/srv}
	_assets=${MPD_ASSETS:-/opt/mpd/assets}
	_meta=$_srv/meta/$PROJECT_NAME/project.json
	_rtdir=$(jq -r '.runtimeDir // empty' "$_meta" 2>/dev/null) || _rtdir=
	_type=$(jq -r '.type // empty' "$_meta" 2>/dev/null) || _type=
	for _f in "$_assets/runtimes/$_rtdir/mpd-defaults.env" \
		"$_assets/runtimes/$_rtdir/project_types/$_type/mpd-defaults.env" \
		"${MPD_VM_ENV:-/var/lib/mpd/env/mpd-vm.env}" \
		"$_srv/projects/$PROJECT_NAME/mpd.env"; do
		[ -r "$_f" ] || continue
		while IFS= read -r _l || [ -n "$_l" ]; do
			case $_l in
			MPD_*=*) ;;
			*) continue ;;
			esac
			_k=${_l%%=*}
			_v=${_l#*=}
			case $_k in
			*[!A-Z0-9_]*) continue ;;
			esac
			case $_v in
			\"*\")
				_v=${_v#\"}
				_v=${_v%\"}
				;;
			\'*\')
				_v=${_v#\'}
				_v=${_v%\'}
				;;
			esac
			export "$_k=$_v"
		done <"$_f"
	done
	return 0
}
