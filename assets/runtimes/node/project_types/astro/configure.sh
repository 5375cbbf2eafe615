#!/bin/bash
# configure.sh <project> - an Astro project from its settings: its dev
# server's port, its npm packages (npm install when node_modules is
# missing), /srv/meta/<p>/effective.json and urls.json.  Exit 3: the tree
# has no package.json with a "dev" script.  Idempotent.
# shellcheck source-path=SCRIPTDIR/../../../..
set -euo pipefail
type_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=runtime-base/lib/project-type-lib.sh
. "${MPD_ASSETS:-/opt/mpd/assets}/runtime-base/lib/project-type-lib.sh"
# shellcheck source=runtimes/node/project_types/astro/lib/dev-unit.sh
. "$type_dir/lib/dev-unit.sh"

pt_init "$@"
pt_require_tree
pkg=$pt_tree/package.json
[ -f "$pkg" ] ||
	pt_die 3 "not a Node project: $pt_tree has no package.json (put your Astro project there, e.g. with npm create astro)"
jq -e 'type == "object"' "$pkg" >/dev/null 2>&1 ||
	pt_die 3 "$pkg is not a JSON object (fix its syntax)"
jq -e '.scripts.dev? | type == "string"' "$pkg" >/dev/null 2>&1 ||
	pt_die 3 "$pkg has no \"dev\" script: mpd runs npm run dev -- --host 127.0.0.1 --port <port> (Astro's is \"astro dev\")"
pt_load_env

# the port: the setting, else astro.config.mjs's `port: N`, else Astro's
port=${MPD_NODE_ASTRO_PORT:-}
from=MPD_NODE_ASTRO_PORT
if [ -z "$port" ] && [ -f "$pt_tree/astro.config.mjs" ]; then
	port=$(grep -oE 'port:[[:space:]]*[0-9]+' "$pt_tree/astro.config.mjs" |
		head -n 1 | grep -oE '[0-9]+$' || true)
	from="the port: of astro.config.mjs"
fi
if [ -z "$port" ]; then
	port=4321
	from="Astro's default"
fi
astro_port_valid "$port" ||
	pt_die 1 "$from '$port' is not a port a dev server can have: use $ASTRO_PORT_MIN-$ASTRO_PORT_MAX (mpd configure $pt_name MPD_NODE_ASTRO_PORT=<port>)"

# two dev servers of one runtime cannot share a port
rt=$(pt_runtime)
for d in "$pt_srv"/meta/*/; do
	other=${d%/}
	other=${other##*/}
	[ "$other" != "$pt_name" ] || continue
	[ -f "$d/effective.json" ] || continue
	[ "$(jq -r '.runtime? // empty' "$d/project.json" 2>/dev/null || true)" = "$rt" ] || continue
	[ "$(jq -r '.port? // empty' "$d/effective.json" 2>/dev/null || true)" != "$port" ] ||
		pt_die 1 "port $port ($from) is project $other's on runtime $rt: give $pt_name another (mpd configure $pt_name MPD_NODE_ASTRO_PORT=<port>)"
done

# npm install once (node_modules is the project's from then on)
deps=$(jq '(.dependencies // {}) + (.devDependencies // {}) | length' "$pkg" 2>/dev/null || echo 1)
if [ "$deps" != 0 ] && [ ! -d "$pt_tree/node_modules" ]; then
	command -v npm >/dev/null 2>&1 ||
		pt_die 1 "npm is not installed in runtime $rt (its build did not finish: create the runtime again)"
	pt_say "npm install in $pt_tree"
	(cd "$pt_tree" && npm install --no-audit --no-fund) >&2 ||
		pt_die 1 "npm install failed in $pt_tree (is a package registry reachable?): run npm install there when one is, or copy node_modules in, then mpd configure $pt_name"
fi

mkdir -p "$pt_meta" || pt_die 1 "cannot create $pt_meta"
host=$pt_name.$PT_ZONE
pt_write_json "$pt_meta/effective.json" "$(jq -n --argjson port "$port" \
	--argjson nodb "$(pt_no_db_json)" '{port: $port} + $nodb')"
pt_write_json "$pt_meta/urls.json" "$(jq -n --arg host "$host" \
	--arg upstream "http://127.0.0.1:$port" \
	'[{label: "main", kind: "web", url: "https://\($host)/",
	   backend: {type: "reverse-proxy", upstream: $upstream}}]')"
pt_say "astro project $pt_name: dev server on 127.0.0.1:$port ($from)"
