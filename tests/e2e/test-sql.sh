# test-sql.sh - databases on the bed (sourced by run.sh after test-sites.sh,
# whose php runtime is still running): a fixture PHP app reads and writes
# its postgres and its mariadb database over the network names with the
# project's credentials; another project cannot log into it; Adminer logs
# in with them and lists the table; delete drops the database and user; a
# version that cannot be had here and mysql offline are refused with state
# unchanged; a postgres data directory of another major is refused and
# left byte-identical; --stop shuts postgres down cleanly and --start needs
# no recovery.  Issue 9's e2e proof (docs/DATABASES.md).
# shellcheck disable=SC2034 # CLIENT_OPTS is read by client_run (lib.sh)
# shellcheck disable=SC2016 # the sh -c scripts expand in the container

fx=$E2E_TOP/tests/e2e/fixtures
ca=$E2E_ROOT/var/lib/mpd/conf/caroot/rootCA.pem
key=$E2E_SSH_KEY
ssh_opts="-o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ConnectTimeout=5 -o LogLevel=ERROR"
state=$E2E_ROOT/var/lib/mpd/state

sql_ssh() {	# CMD...: in the php runtime over ssh, as the dev user
	# shellcheck disable=SC2086 # ssh options
	in_ns_user ssh $ssh_opts -i "$key" "$E2E_USER@10.163.0.100" "$@"
}
sql_put() {	# DIR PROJECT
	# shellcheck disable=SC2086 # ssh options
	in_ns_user scp -q -r $ssh_opts -i "$key" "$1/." "$E2E_USER@10.163.0.100:/srv/projects/$2/"
}
sql_get() {	# URL: the body (HTTP errors included), trusting mpd's CA only
	CLIENT_OPTS="-v $ca:/ca.pem:ro"
	out=$(client_run curl -sS --max-time 20 --cacert /ca.pem --capath /nonexistent "$1" 2>&1)
	rc=$?
	CLIENT_OPTS=""
}
# sql_adminer DRIVER SERVER USER DB [QUERY]: log into Adminer (the login form,
# a cookie jar) and print the page of DB (with QUERY appended)
sql_adminer() {
	CLIENT_OPTS="-v $ca:/ca.pem:ro"
	out=$(client_run sh -c '
		j=/tmp/jar; u=https://adminer.service.mpd.test/
		c="curl -sS --max-time 20 --cacert /ca.pem --capath /nonexistent -b $j -c $j"
		$c -o /dev/null "$u" &&
		$c -o /dev/null -L --data-urlencode "auth[driver]=$1" \
			--data-urlencode "auth[server]=$2" --data-urlencode "auth[username]=$3" \
			--data-urlencode "auth[password]=$3" --data-urlencode "auth[db]=$4" "$u" &&
		$c "$u?$1=$2&username=$3&db=$4$5"' sh "$@" 2>&1)
	CLIENT_OPTS=""
}
sql_tree_hash() {	# DIR (under the volume): contents, modes, times
	R sh -c 'cd "$1" && find . -printf "%p %m %T@ %s\n" | sort && find . -type f -exec sha256sum {} + | sort' sh "$1"
}
vol=$(P volume inspect mpd-data-volume --format '{{.Mountpoint}}' 2>/dev/null)

# ---- the images, outside the namespace (the mirror is reachable only there)
t0=$(date +%s)
out=$(cd / && as_user "$E2E_TREE/bin/mpd" --images 2>&1)
rc=$?
expect_eq "mpd --images builds the DB images ($out)" 0 "$rc"
note "mpd --images with the DB images: $(($(date +%s) - t0)) s"
expect_in "--images: postgres 17" "postgres:17" "$out"
expect_in "--images: mariadb 10.11 (bookworm)" "mariadb:10.11" "$out"

# ---- the php runtime (test-sites made it; E2E_ONLY may have skipped that)
run_mpd --runtime-create=php
expect_eq "the php runtime for the DB projects ($out)" 0 "$rc"

# ---- postgres: a project's own database over its network name
expect_mpd 0 "scaffolded" create dbpg --type=plain
sql_put "$fx/db-app" dbpg && ok || bad "cannot copy the db-app fixture"
t0=$(date +%s%N)
expect_mpd 0 "configured" configure dbpg MPD_DB=postgres
note "configure with a new postgres container: $((($(date +%s%N) - t0) / 1000000)) ms"
expect_eq "the postgres container runs" running \
	"$(P inspect --format '{{.State.Status}}' mpd-db-postgres-latest 2>&1)"
ip=$(P inspect --format '{{index .Config.Labels "mpd.ip"}}' mpd-db-postgres-latest 2>&1)
case $ip in
10.163.0.[3-9][0-9]) ok ;;
*) bad "the postgres container's address '$ip' is not in .30-.99" ;;
esac
e2e_dig postgres-latest.db.mpd.test
expect_eq "postgres-latest.db.mpd.test resolves to it" "$ip" "$out"
expect_mpd 0 "is running" start dbpg
sql_get https://dbpg.mpd.test/
expect_in "the page writes and reads its postgres DB" "db-app ok engine=postgres db=dbpg visits=1 server=17" "$out"
sql_get https://dbpg.mpd.test/
expect_in "a second visit is counted" "visits=2" "$out"
st0=$(R stat -c '%i %Y' "$state/databases.json" "$state/dnsmasq.d/databases.hosts")
expect_mpd 0 "postgres-latest" list dbs
expect_eq "list dbs writes neither databases.json nor DNS" "$st0" \
	"$(R stat -c '%i %Y' "$state/databases.json" "$state/dnsmasq.d/databases.hosts")"
expect_mpd 0 '"projects": [' list dbs --json
expect_in "databases.json has it running" '"status": "running"' "$(R cat "$state/databases.json")"
out=$(P exec mpd-db-postgres-latest sh -c 'ps -o args= -C postgres | head -n 1; cat /proc/1/cmdline | tr "\0" " "' 2>&1)
expect_in "postgres runs with synchronous_commit=off" "synchronous_commit=off" "$out"
expect_in "postgres runs with full_page_writes=off" "full_page_writes=off" "$out"

# ---- mariadb
expect_mpd 0 "scaffolded" create dbmy --type=plain
sql_put "$fx/db-app" dbmy && ok || bad "cannot copy the db-app fixture"
expect_mpd 0 "configured" configure dbmy MPD_DB=mariadb
expect_mpd 0 "is running" start dbmy
sql_get https://dbmy.mpd.test/
expect_in "the page writes and reads its mariadb DB" "db-app ok engine=mariadb db=dbmy visits=1 server=11.8" "$out"

# ---- the moodle tools are on PATH and refuse where they do not apply
for t in mdl-install mdl-upgrade mdl-cron mdl-cache-purge mdl-data-purge; do
	out=$(sql_ssh "cd /tmp && $t" 2>&1)
	rc=$?
	[ "$rc" -ne 0 ] && ok || bad "$t outside a project exited 0"
	expect_in "$t outside a project: one line" "not inside a project" "$out"
	expect_eq "$t outside a project: only that line" 1 "$(printf '%s\n' "$out" | grep -c .)"
done
out=$(sql_ssh "cd /srv/projects/dbpg && mdl-install" 2>&1)
rc=$?
[ "$rc" -ne 0 ] && ok || bad "mdl-install in a plain project exited 0"
expect_eq "mdl-install in a plain project: one line ($out)" 1 "$(printf '%s\n' "$out" | grep -c .)"

# ---- a second project cannot log into the first one's DB
for p in dbpg2:postgres dbmy2:mariadb; do
	expect_mpd 0 "scaffolded" create "${p%%:*}" --type=plain
	sql_put "$fx/db-app" "${p%%:*}" || bad "cannot copy the db-app fixture"
	expect_mpd 0 "configured" configure "${p%%:*}" "MPD_DB=${p#*:}"
	expect_mpd 0 "is running" start "${p%%:*}"
done
sql_get https://dbpg2.mpd.test/
expect_in "dbpg2 has its own postgres DB" "db=dbpg2 visits=1" "$out"
sql_get "https://dbpg2.mpd.test/?db=dbpg"
expect_in "dbpg2 cannot connect to dbpg's database" "db-app error" "$out"
expect_not_in "dbpg2 did not read dbpg's table" "visits=" "$out"
sql_get "https://dbmy2.mpd.test/?db=dbmy"
expect_in "dbmy2 cannot use dbmy's database" "db-app error" "$out"

# ---- Adminer logs in with the project's credentials and lists the table
sql_adminer pgsql postgres-latest.db.mpd.test dbpg dbpg "&ns=public"
expect_in "Adminer (postgres) lists the project's table" "visits" "$out"
sql_adminer server mariadb-latest.db.mpd.test dbmy dbmy
expect_in "Adminer (mariadb) lists the project's table" "visits" "$out"
sql_adminer pgsql postgres-latest.db.mpd.test dbpg2 dbpg "&ns=public"
expect_not_in "Adminer: dbpg2's credentials do not open dbpg" ">visits<" "$out"

# ---- delete drops the database and the user
expect_mpd 0 "deleted" delete dbpg2 --yes
out=$(P exec -e PGPASSWORD=postgres mpd-db-postgres-latest psql -h 127.0.0.1 -U postgres -tAc \
	"SELECT count(*) FROM pg_database WHERE datname = 'dbpg2'; SELECT count(*) FROM pg_roles WHERE rolname = 'dbpg2'" 2>&1)
expect_eq "delete dropped dbpg2's database and role" "0
0" "$out"
expect_mpd 0 "deleted" delete dbmy2 --yes
out=$(P exec mpd-db-mariadb-latest mariadb -uroot -proot -h127.0.0.1 -N -e \
	"SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = 'dbmy2'; SELECT COUNT(*) FROM mysql.user WHERE user = 'dbmy2'" 2>&1)
expect_eq "delete dropped dbmy2's database and user" "0
0" "$out"

# ---- versions that cannot be had here: one line, state unchanged
before=$(R sh -c "cat '$state/projects.json' '$state/databases.json'"; sql_ssh cat /srv/projects/dbpg/mpd.env)
for tag in postgres:9 mysql; do
	run_mpd configure dbpg "MPD_DB=$tag"
	expect_eq "MPD_DB=$tag is refused ($out)" 1 "$rc"
	expect_eq "MPD_DB=$tag: one line" 1 "$(printf '%s\n' "$out" | grep -c .)"
	expect_in "MPD_DB=$tag: not available" "is not available here" "$out"
done
expect_in "postgres:9: the versions there are" "postgres:17, postgres:15" "$(run_mpd configure dbpg MPD_DB=postgres:9; echo "$out")"
after=$(R sh -c "cat '$state/projects.json' '$state/databases.json'"; sql_ssh cat /srv/projects/dbpg/mpd.env)
expect_eq "refused versions leave state and mpd.env as they were" "$before" "$after"
expect_eq "no container for them" "" "$(P ps -a --format '{{.Names}}' | grep -E 'mpd-db-(postgres-9|mysql)')"

# ---- a data directory of another major version: refused, byte-identical
expect_mpd 0 "created" --db-create=postgres:15
expect_mpd 0 "stopped" --db-stop=postgres-15
R cp -a "$vol/dbs/postgres-15" "$vol/dbs/postgres-17" && ok || bad "cannot copy the 15 data dir"
h0=$(sql_tree_hash "$vol/dbs/postgres-17")
run_mpd --db-create=postgres:17
expect_eq "a 15 data dir offered to 17 is refused ($out)" 1 "$rc"
expect_in "the refusal names what it found" "15" "$out"
expect_in "the refusal names the fix" "dump" "$out"
expect_eq "the data dir is byte-identical afterwards" "$h0" "$(sql_tree_hash "$vol/dbs/postgres-17")"
expect_eq "no postgres-17 container is left" "" "$(P ps -a --format '{{.Names}}' | grep -x mpd-db-postgres-17)"
R rm -rf "$vol/dbs/postgres-17"
expect_mpd 0 "removed" --db-delete=postgres-15 --yes
expect_eq "--db-delete keeps the data" yes "$(R test -s "$vol/dbs/postgres-15/PG_VERSION" && echo yes)"

# ---- --stop: a clean shutdown; --start: no recovery, data kept
run_mpd --stop
expect_eq "mpd --stop ($out)" 0 "$rc"
out=$(P logs --tail 5 mpd-db-postgres-latest 2>&1)
expect_in "postgres logged a clean shutdown" "database system is shut down" "$out"
run_mpd --start
expect_eq "mpd --start ($out)" 0 "$rc"
expect_eq "--start brought postgres back" running \
	"$(P inspect --format '{{.State.Status}}' mpd-db-postgres-latest 2>&1)"
out=$(P logs --tail 8 mpd-db-postgres-latest 2>&1)
expect_in "postgres started from a clean shutdown" "database system was shut down at" "$out"
expect_not_in "postgres needed no recovery" "recovery" "$out"
sql_get https://dbpg.mpd.test/
expect_in "the data survived --stop/--start" "visits=3" "$out"

# ---- warm start of a project whose DB is stopped
expect_mpd 0 "stopped" stop dbpg
expect_mpd 0 "stopped" --db-stop=postgres-latest
t0=$(date +%s%N)
run_mpd --debug start dbpg
ms=$((($(date +%s%N) - t0) / 1000000))
expect_eq "start with its DB stopped ($out)" 0 "$rc"
note "warm mpd start dbpg with its DB stopped: $ms ms, $(echo "$out" | sed -n 's/.*mpd: debug: podman: \([0-9]*\) calls.*/\1/p') podman calls:" \
	"$(echo "$out" | sed -n 's/.*debug: exec: sudo -n timeout -k 1s [0-9.]*s podman \([a-z]*\).*(\([0-9.]* s\))$/\1 \2/p' | tr '\n' ',')"
sql_get https://dbpg.mpd.test/
expect_in "the site reaches its DB right after start" "visits=4" "$out"

# ---- leave the bed as the next cases expect: no projects of ours
for p in dbpg dbmy; do
	expect_mpd 0 "deleted" delete "$p" --yes
done
