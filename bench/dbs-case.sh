# dbs-case.sh - timings of the DB paths on the e2e bed (sourced by
# tests/e2e/run.sh through bench/bench-dbs.sh; not a test).  Prints
# "bench:" lines: a project's configure that creates its DB container, a
# warm `mpd start` whose DB is stopped (readiness included), --db-start,
# and - with MPD_BENCH_MOODLE=/path/to/a/moodle/tree - `mdl-install` of
# that tree over ssh on PostgreSQL and MariaDB, each run after
# `mdl-data-purge --yes` (the same tree, the same machine as
# bench/moodle-native.sh).
# shellcheck disable=SC2034,SC2154 # shares the harness shell (lib.sh)

# shellcheck source=bench/lib.sh
. "$E2E_TOP/bench/lib.sh"

bench_setup
run_mpd --setup || bad "bench: --setup: $out"

run_mpd --runtime-create=php || bad "bench: runtime-create php: $out"
run_mpd create bdb --type=plain || bad "bench: create bdb: $out"
echo '<?php echo "bench";' | bssh 10.163.0.100 "cat > /srv/projects/bdb/index.php"
t0=$(date +%s%N)
run_mpd --debug configure bdb MPD_DB=postgres
echo "bench: configure with a new postgres container (image current): $((($(date +%s%N) - t0) / 1000000)) ms, $(echo "$out" | sed -n 's/.*podman: \([0-9]*\) calls.*/\1/p') podman calls"
run_mpd start bdb || bad "bench: start bdb: $out"
times=""
for r in 1 2 3 4 5; do
	run_mpd stop bdb
	run_mpd --db-stop=postgres-latest
	t0=$(date +%s%N)
	run_mpd --debug start bdb
	[ "$rc" -eq 0 ] || bad "bench: start bdb ($r): $out"
	times="$times $((($(date +%s%N) - t0) / 1000000))"
done
calls=$(echo "$out" | sed -n 's/.*podman: \([0-9]*\) calls.*/\1/p')
echo "bench: warm start, its DB stopped (readiness included): median $(echo "$times" | tr ' ' '\n' | sed '/^$/d' | sort -n | sed -n 3p) ms of 5 (all:$times ms), $calls podman calls"
times=""
for r in 1 2 3; do
	run_mpd --db-stop=postgres-latest
	t0=$(date +%s%N)
	run_mpd --debug --db-start=postgres-latest
	[ "$rc" -eq 0 ] || bad "bench: --db-start ($r): $out"
	times="$times $((($(date +%s%N) - t0) / 1000000))"
done
echo "bench: --db-start of a stopped postgres (readiness included): median $(echo "$times" | tr ' ' '\n' | sed '/^$/d' | sort -n | sed -n 2p) ms of 3 (all:$times ms), $(echo "$out" | sed -n 's/.*podman: \([0-9]*\) calls.*/\1/p') podman calls"
bench_cmd 5 "--db-create of a running postgres (nothing to do)" --db-create=postgres

if [ -n "${MPD_BENCH_MOODLE:-}" ]; then
	run_mpd --runtime-create=php82 || bad "bench: runtime-create php82: $out"
	for db in postgres mariadb; do
		p=m45${db%"${db#??}"}
		run_mpd create "$p" --type=moodle || bad "bench: create $p: $out"
		t0=$(date +%s)
		tar -C "$MPD_BENCH_MOODLE" --exclude=./.git --exclude=./config.php -cf - . |
			bssh 10.163.0.100 "tar -C /srv/projects/$p -xf -"
		echo "bench: copying the Moodle tree into $p: $(($(date +%s) - t0)) s"
		run_mpd configure "$p" MPD_PHP_VERSION=8.2 "MPD_DB=$db" || bad "bench: configure $p: $out"
		run_mpd start "$p" || bad "bench: start $p: $out"
		for r in 1 2 3; do
			bssh 10.163.0.103 "cd /srv/projects/$p && mdl-data-purge --yes" >/dev/null 2>&1
			t0=$(date +%s%N)
			o=$(bssh 10.163.0.103 "cd /srv/projects/$p/admin && mdl-install --agree-license --adminpass=Admin1234! --adminemail=admin@example.com" 2>&1) ||
				bad "bench: mdl-install $p: $(echo "$o" | tail -n 3)"
			echo "bench: mdl-install $p ($db, php 8.2) run $r: $((($(date +%s%N) - t0) / 1000000)) ms"
		done
	done
fi
