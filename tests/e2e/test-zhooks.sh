# test-zhooks.sh - hooks on the bed (docs/HOOKS.md; sourced by run.sh
# after test-sql.sh: the cases run in name order, hence the z; the
# services, the php runtime and the DB images are there).  A project's own
# hooks run as the dev user in its tree with the events' environment; a
# failing project-pre-start hook aborts `mpd start` with projects.json
# byte-identical; a hook sleeping past its 30 s is stopped, reported, and
# leaves no process in the container; project-pre-stop runs; `mpd
# --check-hooks` flags an unknown event and refuses a broken state file;
# `mpd --stop` runs the postgres graceful-stop hook and postgres logs a
# clean shutdown.  Issue 10's hooks proof.
# shellcheck disable=SC2016 # the sh -c scripts expand in the container
# shellcheck disable=SC2154 # out and rc are set by run_mpd (lib.sh)

hk_state=$E2E_ROOT/var/lib/mpd/state
hk_main=mpd-php-main
hk_tree=/srv/projects/hk

hk_user() {	# CMD...: in the php runtime as the dev user
	P exec -u "$E2E_USER" "$hk_main" "$@"
}
hk_put() {	# REL SCRIPT-TEXT: a hook file in hk's tree, as the dev user
	printf '#!/bin/bash\nset -euo pipefail\n%s\n' "$2" |
		P exec -i -u "$E2E_USER" "$hk_main" sh -c \
			'mkdir -p "$(dirname "$1")" && cat >"$1"' sh "$hk_tree/$1"
}
hk_rm() {	# REL
	hk_user rm -f "$hk_tree/$1"
}
hk_left() {	# the processes in the runtime whose argv starts with "sleep 314"
	P exec "$hk_main" sh -c 'for c in /proc/[0-9]*/cmdline; do
		{ tr "\0" " " <"$c"; echo; } 2>/dev/null; done' | grep -c '^sleep 314'
}

# alone (E2E_ONLY=zhooks) it sets up what it needs as test-services.sh
# does; after the other cases this is a no-op
e2e_platform_env || bad "cannot write platform.env"
run_mpd_outside --images
expect_eq "mpd --images ($out)" 0 "$rc"
run_mpd --setup
expect_eq "mpd --setup ($out)" 0 "$rc"
expect_in "--setup ends with the hook diagnostics" "hook scripts in" "$out"
run_mpd --runtime-create=php
expect_eq "the php runtime for the hooks project ($out)" 0 "$rc"
expect_mpd 0 "scaffolded" create hk --type=plain
expect_mpd 0 "configured" configure hk MPD_DB=postgres

# ---- a project's own hook: the dev user, the tree, the environment
hk_put .mpd/hooks/project-post-start.d/10-mark.sh \
	'{ id -un; pwd; echo "$MPD_HOOK_EVENT $MPD_HOOK_REVISION $MPD_HOOK_VERB $MPD_HOOK_PROJECT $MPD_HOOK_RUNTIME $MPD_HOOK_DB_ENGINE"; } >post-start.who'
hk_put .mpd/hooks/project-post-start.d/README 'exit 1'
run_mpd --debug start hk
expect_eq "mpd start hk with a post-start hook ($out)" 0 "$rc"
expect_in "its result line" "[$hk_main] project-post-start/10-mark.sh ✓ (" "$out"
expect_not_in "a file not named *.sh does not run" "README" "$out"
note "mpd start hk with one hook: $(echo "$out" | sed -n 's/.*mpd: debug: podman: \([0-9]*\) calls.*/\1/p') podman calls"
expect_eq "the hook ran as the dev user in the tree with the event's env" \
	"$(printf '%s\n%s\n%s' "$E2E_USER" "$hk_tree" "project-post-start 1 start hk php postgres")" \
	"$(hk_user cat "$hk_tree/post-start.who" 2>&1)"
expect_eq "the file it wrote is the dev user's" "$E2E_USER" \
	"$(hk_user stat -c %U "$hk_tree/post-start.who" 2>&1)"

# ---- a failing project-pre-start hook aborts start, nothing recorded
expect_mpd 0 "stopped" stop hk
hk_put .mpd/hooks/project-pre-start.d/10-refuse.sh 'echo "not today" >&2; exit 1'
hk_user rm -f "$hk_tree/post-start.who"
sum0=$(R sha256sum "$hk_state/projects.json")
run_mpd start hk
expect_eq "a failing pre-start hook fails mpd start" 1 "$rc"
expect_in "the failure is one line naming the script and the fix" \
	"mpd: project-pre-start hook 10-refuse.sh failed in $hk_main (exit 1 (" "$out"
expect_in "... and the file to fix" \
	"fix or remove $hk_tree/.mpd/hooks/project-pre-start.d/10-refuse.sh" "$out"
expect_in "the hook's output is shown" "not today" "$out"
expect_not_in "the project's setup did not run" "Starting the project" "$out"
expect_eq "projects.json is byte-identical" "$sum0" "$(R sha256sum "$hk_state/projects.json")"
expect_eq "post-start did not run" "" "$(hk_user ls "$hk_tree/post-start.who" 2>/dev/null)"
hk_rm .mpd/hooks/project-pre-start.d/10-refuse.sh

# ---- --check-hooks: an unknown event in the project's tree
hk_put .mpd/hooks/post-start.d/10-typo.sh 'true'
run_mpd --check-hooks
expect_eq "--check-hooks exits 0 with findings ($out)" 0 "$rc"
expect_in "--check-hooks: the findings' heading" "Hook diagnostics:" "$out"
expect_in "--check-hooks: the unknown event" \
	"Hook for unknown event 'post-start' at $hk_tree/.mpd/hooks/post-start.d; remove or move." "$out"
expect_in "--check-hooks: a file that never runs" \
	"$hk_tree/.mpd/hooks/project-post-start.d/README never runs" "$out"
expect_in "--check-hooks stamped the revisions" '"project-pre-start": 1' \
	"$(R cat "$hk_state/hooks-state.json")"
R cp "$hk_state/hooks-state.json" "$hk_state/hooks-state.json.e2e"
printf '{"revisions": {"mpd-pre-stop": 1,}}' | R tee "$hk_state/hooks-state.json" >/dev/null
run_mpd --check-hooks
expect_eq "--check-hooks with a broken hooks-state.json exits 1" 1 "$rc"
expect_in "... naming the file" "hooks-state.json:1:" "$out"
expect_eq "... and keeps it" '{"revisions": {"mpd-pre-stop": 1,}}' "$(R cat "$hk_state/hooks-state.json")"
R mv "$hk_state/hooks-state.json.e2e" "$hk_state/hooks-state.json"
hk_rm .mpd/hooks/post-start.d/10-typo.sh

# ---- a hook past its timeout is stopped with its children, and reported
hk_put .mpd/hooks/project-post-start.d/20-sleep.sh 'sleep 3141 &
sleep 3142'
t0=$(date +%s)
run_mpd start hk
took=$(($(date +%s) - t0))
expect_eq "a timed-out post-start hook does not fail start ($out)" 0 "$rc"
expect_in "the timeout is reported" \
	"[$hk_main] project-post-start/20-sleep.sh ✗ timed out after 30 s: stopped" "$out"
[ "$took" -ge 30 ] && [ "$took" -lt 60 ] && ok || bad "start with a 30 s hook took $took s"
expect_eq "no process of the hook is left in the container" 0 "$(hk_left)"
hk_rm .mpd/hooks/project-post-start.d/20-sleep.sh

# ---- project-pre-stop while it runs
hk_put .mpd/hooks/project-pre-stop.d/10-bye.sh 'touch pre-stop.ran'
expect_mpd 0 "stopped" stop hk
expect_in "the pre-stop result line" "[$hk_main] project-pre-stop/10-bye.sh ✓" "$out"
expect_eq "the pre-stop hook ran in the tree" yes \
	"$(hk_user test -f "$hk_tree/pre-stop.ran" && echo yes)"

# ---- mpd --stop: the DB's graceful-stop hook, a clean shutdown
expect_mpd 0 "is running" start hk
run_mpd --stop
expect_eq "mpd --stop ($out)" 0 "$rc"
expect_in "--stop ran the postgres graceful-stop hook" \
	"[mpd-db-postgres-latest] mpd-pre-stop/90-graceful-stop.sh ✓" "$out"
out=$(P logs --tail 8 mpd-db-postgres-latest 2>&1)
expect_in "postgres had the fast shutdown request" "received fast shutdown request" "$out"
expect_in "postgres logged a clean shutdown" "database system is shut down" "$out"
run_mpd --start
expect_eq "mpd --start after the hooks ($out)" 0 "$rc"
out=$(P logs --tail 8 mpd-db-postgres-latest 2>&1)
expect_not_in "postgres needed no recovery" "recovery" "$out"

# ---- leave the bed without our project
expect_mpd 0 "deleted" delete hk --yes
