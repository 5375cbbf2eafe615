#!/bin/bash
# configure.sh <project> - a plain PHP project from its settings:
# /srv/meta/<p>/effective.json (with its MPD_DB, if any) and urls.json (php-fpm serves <tree>/public
# when it is there, else <tree>).  Exit 4: its PHP is not installed in this
# runtime (the last stdout line says which).  Idempotent.
# shellcheck source-path=SCRIPTDIR/../../../..
set -euo pipefail
# shellcheck source=runtime-base/lib/project-type-lib.sh
. "${MPD_ASSETS:-/opt/mpd/assets}/runtime-base/lib/project-type-lib.sh"
# shellcheck source=runtimes/php/lib/php-version.sh
. "$pt_assets/runtimes/php/lib/php-version.sh"
# shellcheck source=runtimes/php/lib/fpm-pool.sh
. "$pt_assets/runtimes/php/lib/fpm-pool.sh"
# shellcheck source=runtimes/php/lib/php-sidecars.sh
. "$pt_assets/runtimes/php/lib/php-sidecars.sh"

pt_init "$@"
pt_require_tree
pt_load_env
pt_db_parse
php_sidecars_resolve
php_version_resolve
mkdir -p "$pt_meta" || pt_die 1 "cannot create $pt_meta"
fpm_port_allocate

docroot=$pt_tree
[ ! -d "$pt_tree/public" ] || docroot=$pt_tree/public
host=$pt_name.$PT_ZONE

backend=$(jq -cn --arg fastcgi "127.0.0.1:$fpm_port" --arg root "$docroot" \
	'{type: "php-fpm", fastcgi: $fastcgi, root: $root,
	  tryFiles: ["{path}", "{path}/index.php", "/index.php"]}')
pt_write_json "$pt_meta/effective.json" "$(jq -n --arg v "$php_version" \
	--argjson port "$fpm_port" --arg docroot "$docroot" \
	--argjson db "$(pt_db_json)" --argjson sidecars "$php_sidecars_json" \
	'{phpVersion: $v, phpFpmPort: $port, docroot: $docroot,
	  sidecars: $sidecars} + $db')"
pt_write_json "$pt_meta/urls.json" "$(jq -n --arg host "$host" \
	--argjson backend "$backend" --argjson mail "$(php_mail_url)" \
	'[{label: "main", kind: "web", url: "https://\($host)/", backend: $backend},
	  $mail]')"
pt_say "plain PHP project $pt_name: PHP $php_version, php-fpm 127.0.0.1:$fpm_port, web root $docroot"
