# php-sidecars.sh - what the php project types ask of their runtime's
# sidecars (sourced by configure.sh after pt_init and pt_load_env; bash).
#   php_sidecars_resolve [NAME...]  php_sidecars_json: the sidecars the
#       project asks for, a sorted JSON array: valkey with MPD_PHP_VALKEY=1,
#       and each NAME (the moodle type adds webdriver for Behat)
#   php_mail_url    the urls.json entry of https://mail.<project>.mpd.test/:
#       a redirect into the runtime's inbox, filtered for the project
# shellcheck shell=bash
# shellcheck disable=SC2034 # php_sidecars_json is read by configure.sh
# shellcheck disable=SC2154 # pt_name, PT_ZONE: project-type-lib.sh

# shellcheck disable=SC2120 # NAMEs are optional
php_sidecars_resolve() {
	local valkey=${MPD_PHP_VALKEY:-0} names=("$@")
	case $valkey in
	0) ;;
	1) names+=(valkey) ;;
	*) pt_die 1 "MPD_PHP_VALKEY='$valkey': use 1 (Valkey at localhost:6379 in the runtime) or 0" ;;
	esac
	php_sidecars_json=$(printf '%s\n' "${names[@]}" | jq -R 'select(. != "")' | jq -cs 'unique')
}

php_mail_url() {
	jq -cn --arg p "$pt_name" --arg rt "$(pt_runtime)" --arg zone "$PT_ZONE" \
		'{label: "mail", kind: "mail", url: "https://mail.\($p).\($zone)/",
		  backend: {type: "redirect",
		            target: "https://mail.\($rt).\($zone)/?q=\($p).\($zone)"}}'
}
