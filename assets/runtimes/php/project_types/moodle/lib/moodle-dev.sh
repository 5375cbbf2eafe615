# shellcheck shell=bash
# moodle-dev.sh - what the moodle type's developer tools share (phpunit*,
# behat*, mpci; sourced, bash, after moodle-tools.sh):
#   mdl_dev_init TOOL   mdl_init, a database, the project's PHP; the php
#                       tier first on PATH (Moodle's scripts run `php`
#                       again: they get the project's PHP too)
#   mdl_dev_deps BIN    Moodle's dev dependencies (its composer.json's
#                       require-dev: PHPUnit, Behat) in <tree>/vendor, with
#                       vendor/BIN: `composer install` when vendor/BIN is
#                       missing or composer.lock is newer than what vendor/
#                       holds; else one line that nothing was fetched
#   mdl_dev_need BIN INIT  vendor/BIN is there, else one line naming INIT
#   mdl_dev_relpath ARG  mdl_dev_arg: ARG, or when it names a file or
#                       directory from where the tool was started, that path
#                       relative to the tree's top (the tools run there)
# shellcheck disable=SC2034,SC2154

# shellcheck source=SCRIPTDIR/../../../lib/php-tools.sh
. "$mdl_lib/../../../lib/php-tools.sh"

mdl_dev_init() {
	mdl_init "$1"
	php_tool=$1
	mdl_need_db
	mdl_need_php
	mdl_dev_cwd=$PWD
	PATH=$php_tools_dir:$PATH
	export PATH
}

mdl_dev_deps() {
	local bin=$1 log rc=0 reason
	[ -f "$mdl_tree/composer.json" ] ||
		mdl_die "project '$mdl_project' has no composer.json: its Moodle tree is incomplete"
	if [ -f "$mdl_tree/$bin" ] && [ -f "$mdl_tree/vendor/autoload.php" ] &&
		! [ "$mdl_tree/composer.lock" -nt "$mdl_tree/vendor/composer/installed.json" ]; then
		echo "$mdl_tool: Moodle's dev dependencies are installed ($mdl_tree/vendor): nothing fetched"
		return 0
	fi
	php_composer >/dev/null || mdl_die "this runtime has no Composer: run composer-install"
	echo "$mdl_tool: composer install of Moodle's dev dependencies (minutes on a first run)..."
	log=$(mktemp) || mdl_die "cannot make a temporary file"
	(cd "$mdl_tree" && php_composer_run "$log" install) || rc=$?
	if [ "$rc" -ne 0 ]; then
		if reason=$(php_fetch_reason "$log"); then
			rm -f "$log"
			php_unreachable "Moodle's dev dependencies are not installed" "composer install failed: $reason"
		fi
		cat "$log" >&2
		rm -f "$log"
		mdl_die "composer install in $mdl_tree failed (exit $rc, see above)"
	fi
	rm -f "$log"
	[ -f "$mdl_tree/$bin" ] ||
		mdl_die "composer install gave no $bin: Moodle's composer.json does not require it (a tree without dev dependencies?)"
	echo "$mdl_tool: Moodle's dev dependencies are installed ($mdl_tree/vendor)"
}

mdl_dev_need() {
	[ -f "$mdl_tree/$1" ] ||
		mdl_die "Moodle's dev dependencies are not installed (no $mdl_tree/$1): run $2"
}

mdl_dev_relpath() {
	local abs tree
	mdl_dev_arg=$1
	case $1 in
	-* | /* | '') return 0 ;;
	esac
	[ -e "$mdl_dev_cwd/$1" ] || return 0
	abs=$(cd "$mdl_dev_cwd" && realpath -m -- "$1") || return 0
	tree=$(realpath -m -- "$mdl_tree") || return 0
	case $abs/ in
	"$tree"/*) mdl_dev_arg=$(realpath -m --relative-to="$tree" -- "$abs") ;;
	esac
}

# mdl_behat_site: the project has a Behat site (MPD_PHP_MOODLE_BEHAT=1:
# https://behat.<p>.mpd.test and the WebDriver sidecar); sets
# mdl_behat_yml, the single run's config Moodle's init writes
# (<behat_dataroot>/behatrun/behat/behat.yml)
mdl_behat_site() {
	[ "${MPD_PHP_MOODLE_BEHAT:-0}" = 1 ] ||
		mdl_die "project '$mdl_project' has no Behat site: mpd configure $mdl_project MPD_PHP_MOODLE_BEHAT=1"
	mdl_behat_yml=$mdl_data/dataroot_behat/behatrun/behat/behat.yml
}
