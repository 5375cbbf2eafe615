# mdl-install-case.sh - where mdl-install's time goes (sourced by
# tests/e2e/run.sh through bench/bench-mdl-install.sh; not a test).  The
# same Moodle tree ($MPD_BENCH_MOODLE), interleaved rounds of:
#   native   bench/moodle-native.sh: host PHP 8.2, PostgreSQL 15 on loopback
#   hybrid   host PHP 8.2 in the bed's namespace -> mpd's postgres:17
#            container over the bridge (install_database.php)
#   mpd-15   mdl-install over ssh in php82 -> mpd's postgres:15
#   mpd-17   mdl-install over ssh in php82 -> mpd's postgres:17
# Each line: wall time, PHP's CPU (user+sys) and the DB's CPU (the
# container's cgroup, or the native cluster's).  Rounds: MPD_BENCH_ROUNDS
# (default 2); each round starts one row later.
# shellcheck disable=SC2034,SC2154 # shares the harness shell (lib.sh)
# shellcheck disable=SC2016 # remote and PHP code in single quotes

# shellcheck source=bench/lib.sh
. "$E2E_TOP/bench/lib.sh"

tree=${MPD_BENCH_MOODLE:?set MPD_BENCH_MOODLE to a Moodle tree}
rounds=${MPD_BENCH_ROUNDS:-2}
bench_setup
run_mpd --setup || bad "bench: --setup: $out"
# db_cpu_ms CONTAINER: CPU of the container's cgroup so far, in ms
# (cgroup v2's cpu.stat, else v1's cpuacct.usage: these machines are hybrid)
db_cpu_ms() {
	cg=$(P inspect --format '{{.State.CgroupPath}}' "$1")
	if [ -r "/sys/fs/cgroup$cg/cpu.stat" ]; then
		awk '$1 == "usage_usec" { printf "%d", $2 / 1000 }' "/sys/fs/cgroup$cg/cpu.stat"
	else
		awk '{ printf "%d", $1 / 1000000 }' "/sys/fs/cgroup/cpuacct$cg/cpuacct.usage"
	fi
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }

run_mpd --runtime-create=php82 || bad "bench: runtime-create php82: $out"
for v in 15 17; do
	p=m45v$v
	run_mpd create "$p" --type=moodle || bad "bench: create $p: $out"
	tar -C "$tree" --exclude=./.git --exclude=./config.php -cf - . |
		bssh 10.163.0.103 "tar -C /srv/projects/$p -xf -"
	run_mpd configure "$p" MPD_PHP_VERSION=8.2 "MPD_DB=postgres:$v" ||
		bad "bench: configure $p: $out"
	run_mpd start "$p" || bad "bench: start $p: $out"
done

# the hybrid: a copy of the tree with its own config.php on the host
htree=$(mktemp -d /var/tmp/mdl-hybrid.XXXXXX)
hdata=$htree.data
cp -a "$tree/." "$htree/"
rm -f "$htree/config.php"
dbip=$(P inspect --format '{{index .Config.Labels "mpd.ip"}}' mpd-db-postgres-17)
cat >"$htree/config.php" <<PHP
<?php
unset(\$CFG); global \$CFG; \$CFG = new stdClass();
\$CFG->dbtype = 'pgsql'; \$CFG->dblibrary = 'native';
\$CFG->dbhost = '$dbip'; \$CFG->dbname = 'hybrid';
\$CFG->dbuser = 'postgres'; \$CFG->dbpass = 'postgres'; \$CFG->prefix = 'mdl_';
\$CFG->dboptions = ['dbpersist' => 0];
\$CFG->wwwroot = 'https://hybrid.mpd.test'; \$CFG->dataroot = '$hdata';
\$CFG->directorypermissions = 02777; \$CFG->admin = 'admin';
require_once(__DIR__ . '/lib/setup.php');
PHP

# one_native R, one_hybrid R, one_mpd R V: one install each, one line
one_native() {
	o=$(sh "$E2E_TOP/bench/moodle-native.sh" --runs 1 --opcache-only --no-sync-commit "$tree" 2>&1) ||
		bad "bench: native round $1: $(echo "$o" | tail -n 3)"
	echo "$o" | grep 'moodle-install opcache=on run' | sed "s/^/bench: native round $1: /"
}
one_hybrid() {
	P exec -e PGPASSWORD=postgres mpd-db-postgres-17 sh -c 'dropdb -h 127.0.0.1 -U postgres --if-exists hybrid && createdb -h 127.0.0.1 -U postgres hybrid' ||
		bad "bench: hybrid database"
	rm -rf "$hdata" && mkdir -m 2777 "$hdata"
	c0=$(db_cpu_ms mpd-db-postgres-17)
	t0=$(now_ms)
	o=$(R nsenter --net="/run/netns/$E2E_NS" sh -c 'php8.2 -d max_input_vars=10000 -d opcache.enable_cli=1 \
		"$1/admin/cli/install_database.php" --agree-license --adminpass=Admin1234! \
		--adminemail=admin@example.com --fullname=hybrid --shortname=hybrid >/dev/null && times' sh "$htree" 2>&1) ||
		bad "bench: hybrid round $1: $(echo "$o" | tail -n 3)"
	t1=$(now_ms)
	echo "bench: hybrid round $1: $((t1 - t0)) ms wall, php $(echo "$o" | tail -n 1), db $(($(db_cpu_ms mpd-db-postgres-17) - c0)) ms CPU"
}
one_mpd() {
	p=m45v$2
	bssh 10.163.0.103 "cd /srv/projects/$p && mdl-data-purge --yes" >/dev/null 2>&1
	c0=$(db_cpu_ms "mpd-db-postgres-$2")
	t0=$(now_ms)
	o=$(bssh 10.163.0.103 "cd /srv/projects/$p && mdl-install --agree-license --adminpass=Admin1234! --adminemail=admin@example.com >/dev/null && times" 2>&1) ||
		bad "bench: mdl-install $p: $(echo "$o" | tail -n 3)"
	t1=$(now_ms)
	echo "bench: mpd-$2 round $1: $((t1 - t0)) ms wall, php $(echo "$o" | tail -n 1), db $(($(db_cpu_ms "mpd-db-postgres-$2") - c0)) ms CPU"
}

# each round starts one later in the list, so that no row always follows
# the same one
order="native hybrid mpd-15 mpd-17"
for r in $(seq 1 "$rounds"); do
	for w in $order; do
		case $w in
		native) one_native "$r" ;;
		hybrid) one_hybrid "$r" ;;
		mpd-*) one_mpd "$r" "${w#mpd-}" ;;
		esac
	done
	echo "bench: round $r load: $(cut -d' ' -f1-3 /proc/loadavg), steal: $(awk '/^cpu /{print $9}' /proc/stat)"
	order="${order#* } ${order%% *}"
done
P exec -e PGPASSWORD=postgres mpd-db-postgres-17 dropdb -h 127.0.0.1 -U postgres --if-exists hybrid >/dev/null 2>&1
rm -rf "$htree" "$hdata"
