#!/bin/bash
# configure.sh <project> - a Moodle project from its settings: the data
# directories, <tree>/config-mpd.php (and config.php, once, when it has a
# database), /srv/meta/<p>/effective.json and urls.json.  Exit 3: the tree
# is not a Moodle tree; exit 4: its PHP is not installed in this runtime
# (the last stdout line says which).  Idempotent: the same settings give
# the same files, byte for byte.
# shellcheck source-path=SCRIPTDIR/../../../..
set -euo pipefail
type_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=runtime-base/lib/project-type-lib.sh
. "${MPD_ASSETS:-/opt/mpd/assets}/runtime-base/lib/project-type-lib.sh"
# shellcheck source=runtimes/php/lib/php-version.sh
. "$pt_assets/runtimes/php/lib/php-version.sh"
# shellcheck source=runtimes/php/lib/fpm-pool.sh
. "$pt_assets/runtimes/php/lib/fpm-pool.sh"
# shellcheck source=runtimes/php/lib/php-sidecars.sh
. "$pt_assets/runtimes/php/lib/php-sidecars.sh"
# shellcheck source=runtimes/php/project_types/moodle/lib/moodle-tree.sh
. "$type_dir/lib/moodle-tree.sh"

pt_init "$@"
pt_require_tree
moodle_tree
pt_load_env

behat=${MPD_PHP_MOODLE_BEHAT:-0}
case $behat in
0 | 1) ;;
*) pt_die 1 "MPD_PHP_MOODLE_BEHAT='$behat': use 1 (a Behat site too) or 0" ;;
esac
wanted=()
[ "$behat" = 0 ] || wanted+=(webdriver)
php_sidecars_resolve "${wanted[@]}"
pt_db_parse
case $pt_db_engine in
postgres) dbtype=pgsql ;;
mariadb) dbtype=mariadb ;;
mysql) dbtype=mysqli ;;
*) dbtype='' ;;
esac
php_version_resolve
mkdir -p "$pt_meta" || pt_die 1 "cannot create $pt_meta"
fpm_port_allocate

moodle_make_dataroots "$pt_data" || pt_die 1 "cannot create $moodle_failed_dir"

# Moodle 4.5's router (r.php): unknown paths go to it when it is there
if [ -f "$moodle_docroot/r.php" ]; then
	router=true
	try_files='["{path}", "{path}/index.php", "/r.php"]'
else
	router=false
	try_files='["{path}", "{path}/index.php"]'
fi

host=$pt_name.$PT_ZONE
declare -A pt_vars=(
	[WWWROOT]=$(pt_php_string "https://$host")
	[ROUTERCONFIGURED]=$router
	[DATAROOT]=$(pt_php_string "$pt_data/dataroot")
	[PHPUNIT_DATAROOT]=$(pt_php_string "$pt_data/dataroot_phpunit")
	[BEHAT_WWWROOT]=$(pt_php_string "https://behat.$host")
	[BEHAT_DATAROOT]=$(pt_php_string "$pt_data/dataroot_behat")
	[DBTYPE]=$(pt_php_string "$dbtype")
	[DBHOST]=$(pt_php_string "$pt_db_host")
	[DBNAME]=$(pt_php_string "$pt_name")
)
blocks=()
[ -z "$pt_db_tag" ] || blocks+=(db)
text=$(pt_render "$type_dir/templates/config-mpd-generated.php" "${blocks[@]}")
pt_write "$pt_tree/config-mpd.php" "$text"

if [ -z "$pt_db_tag" ]; then
	[ -e "$pt_tree/config.php" ] ||
		pt_say "no database (MPD_DB is unset): no config.php, Moodle shows its installer"
else
	# config.php is the user's from now on: written once, never replaced
	pt_install_once "$type_dir/templates/config.php" "$pt_tree/config.php"
fi

backend=$(jq -cn --arg fastcgi "127.0.0.1:$fpm_port" --arg root "$moodle_docroot" \
	--argjson tf "$try_files" \
	'{type: "php-fpm", fastcgi: $fastcgi, root: $root, tryFiles: $tf}')
pt_write_json "$pt_meta/effective.json" "$(jq -n --arg v "$php_version" \
	--argjson port "$fpm_port" --argjson behat "$behat" \
	--arg tag "$pt_db_tag" --arg engine "$pt_db_engine" \
	--arg version "$pt_db_version" --arg id "$pt_db_id" \
	--arg docroot "$moodle_docroot" --argjson sidecars "$php_sidecars_json" \
	'{phpVersion: $v, phpFpmPort: $port, behat: $behat, dbTag: $tag,
	  dbEngine: $engine, dbVersion: $version, databaseId: $id,
	  docroot: $docroot, sidecars: $sidecars}')"
pt_write_json "$pt_meta/urls.json" "$(jq -n --arg host "$host" \
	--argjson backend "$backend" --argjson behat "$behat" \
	--argjson mail "$(php_mail_url)" \
	'[{label: "main", kind: "web", url: "https://\($host)/", backend: $backend}]
	 + if $behat == 1 then
	     [{label: "behat", kind: "behat", url: "https://behat.\($host)/",
	       backend: $backend}]
	   else [] end
	 + [$mail]')"
pt_say "moodle project $pt_name: PHP $php_version, php-fpm 127.0.0.1:$fpm_port, web root $moodle_docroot"
