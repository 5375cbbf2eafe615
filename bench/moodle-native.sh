#!/bin/sh
# moodle-native.sh - the native floor for `mdl-install`: Moodle's own CLI
# installer on this host, no containers, against a throwaway PostgreSQL.
#
#   sh bench/moodle-native.sh [--runs N] [--no-sync-commit] [--opcache] TREE
#
# TREE is a Moodle checkout with admin/cli/install.php and no config.php.
# Makes one PostgreSQL cluster in a temp dir (initdb + pg_ctl, as `nobody`
# when run as root), listening on 127.0.0.1 on a free port; then N times
# (default 3): a fresh database and dataroot, `install.php
# --non-interactive` timed, its config.php removed.  Prints each wall time
# and CPU time (install.php's; the cluster's, as its reaped backends; the
# CPU stolen by the hypervisor meanwhile) and the medians ("bench:"
# lines), the load average before and after.
#   --no-sync-commit  the cluster runs with synchronous_commit=off
#   --opcache         every run also with opcache.enable_cli=1 (mpd's
#                     runtime CLI has it on), interleaved; both medians
#   --opcache-only    every run with opcache.enable_cli=1 only
# Removes everything it made (cluster, dataroot, config.php) on any exit.
# Packages: `sh bootstrap/packages.sh install bench` (role bench).
# Settings: BENCH_PHP (default php8.2), BENCH_PGBIN (default
# /usr/lib/postgresql/15/bin).  Figures go into docs/PERFORMANCE.md.
set -eu

me=moodle-native
php=${BENCH_PHP:-php8.2}
pgbin=${BENCH_PGBIN:-/usr/lib/postgresql/15/bin}
fix="sh bootstrap/packages.sh install bench (bookworm's PHP 8.2 and PostgreSQL 15; elsewhere set BENCH_PHP and BENCH_PGBIN)"

die() {
	echo "$me: $*" >&2
	exit 1
}
usage() {
	echo "usage: $me.sh [--runs N] [--no-sync-commit] [--opcache|--opcache-only] MOODLE_TREE" >&2
	exit 2
}

runs=3
sync=on
modes=off
while [ "$#" -gt 0 ]; do
	case "$1" in
	--runs)
		[ "$#" -ge 2 ] || usage
		runs=$2
		shift
		;;
	--runs=*) runs=${1#--runs=} ;;
	--no-sync-commit) sync=off ;;
	--opcache) modes="off on" ;;
	--opcache-only) modes=on ;;
	-h | --help) usage ;;
	-*) echo "$me: unknown option '$1'" >&2 && usage ;;
	*) break ;;
	esac
	shift
done
[ "$#" -eq 1 ] || usage
case "$runs" in
'' | *[!0-9]* | 0) die "--runs wants a whole number above 0, not '$runs'" ;;
esac
tree=$(cd "$1" 2>/dev/null && pwd) || die "no directory $1"
{ [ -f "$tree/admin/cli/install.php" ] && [ -f "$tree/version.php" ]; } ||
	die "$tree is not a Moodle tree (no admin/cli/install.php or version.php)"
[ ! -e "$tree/config.php" ] ||
	die "$tree/config.php exists: the installer refuses a configured tree; move it away first"

command -v "$php" >/dev/null 2>&1 || die "$php not found: $fix"
for t in initdb pg_ctl createdb dropdb; do
	[ -x "$pgbin/$t" ] || die "$pgbin/$t not found: $fix"
done
mods=$("$php" -m | tr '[:upper:]' '[:lower:]')
for m in pgsql intl gd zip dom xmlreader mbstring curl soap; do
	printf '%s\n' "$mods" | grep -qx "$m" ||
		die "$php lacks the $m extension: $fix"
done
case "$modes" in
*on*)
	"$php" -d opcache.enable_cli=1 -r \
		'exit(function_exists("opcache_get_status") && opcache_get_status(false) !== false ? 0 : 1);' ||
		die "opcache does not start in $php -d opcache.enable_cli=1: $fix"
	;;
esac

# the server as an unprivileged user: initdb and postgres refuse root
if [ "$(id -u)" -eq 0 ]; then
	pg() { setpriv --reuid=nobody --regid=nogroup --clear-groups --reset-env -- "$@"; }
	owner=nobody:nogroup
else
	pg() { "$@"; }
	owner=""
fi

tmp=""
started=0
wrote_config=0
cleanup() {
	if [ "$started" -eq 1 ]; then
		pg "$pgbin/pg_ctl" -D "$tmp/pg" -m fast -w stop >/dev/null 2>&1 ||
			echo "$me: could not stop the cluster in $tmp/pg" >&2
	fi
	[ "$wrote_config" -eq 0 ] || rm -f "$tree/config.php"
	[ -z "$tmp" ] || rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

tmp=$(mktemp -d "${TMPDIR:-/tmp}/$me.XXXXXX")
chmod 755 "$tmp"
mkdir -m 700 "$tmp/pg" "$tmp/sock"
pass=$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')
printf '%s\n' "$pass" >"$tmp/pg.pw"
[ -z "$owner" ] || chown "$owner" "$tmp/pg" "$tmp/sock" "$tmp/pg.pw"
# shellcheck disable=SC2016 # PHP's variables
port=$("$php" -r '$s = stream_socket_server("tcp://127.0.0.1:0"); $n = stream_socket_get_name($s, false); echo substr($n, strrpos($n, ":") + 1);') ||
	die "no free port on 127.0.0.1"

pg "$pgbin/initdb" -D "$tmp/pg" -U bench --pwfile="$tmp/pg.pw" \
	--auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync \
	>"$tmp/initdb.log" 2>&1 ||
	die "initdb failed: $(tail -n 3 "$tmp/initdb.log")"
printf '%s\n' "listen_addresses = '127.0.0.1'" "port = $port" \
	"unix_socket_directories = '$tmp/sock'" "synchronous_commit = $sync" \
	>>"$tmp/pg/postgresql.conf"
pg "$pgbin/pg_ctl" -D "$tmp/pg" -l "$tmp/pg/server.log" -w -t 60 start \
	>/dev/null 2>&1 || die "the cluster did not start: $(tail -n 3 "$tmp/pg/server.log")"
started=1
pgver=$("$pgbin/postgres" --version | awk '{print $3}')
release=$(sed -n "s/^\$release *= *'\([^']*\)'.*/\1/p" "$tree/version.php")

# cpu_ms TIMES_FILE: the children's user + system time that `times`
# wrote (its second line, "0m36.12s 0m4.50s"), in ms
cpu_ms() {
	awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); sub(/s$/, "", p[2]); t += p[1] * 60 + p[2] } printf "%d", t * 1000 }' "$1"
}
# pg_cpu_ms: the cluster's CPU so far, in ms: the postmaster's own and
# that of its children it has reaped (every backend that has ended)
pg_cpu_ms() {
	awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%d", ($12 + $13 + $14 + $15) * 1000 / hz }' \
		"/proc/$(head -n 1 "$tmp/pg/postmaster.pid")/stat"
}

# steal_ms: CPU time the hypervisor gave to others so far (all CPUs), in ms
steal_ms() {
	awk -v hz="$(getconf CLK_TCK)" '$1 == "cpu" { printf "%d", $9 * 1000 / hz }' /proc/stat
}

# one_run I MODE: a fresh database and dataroot, install.php timed; appends
# "WALL PHP_CPU PG_CPU" (ms) to $tmp/runs.MODE and says them.  Runs in this
# shell, so that cleanup sees wrote_config.
one_run() {
	db=moodle_$1_$2
	data=$tmp/data.$1.$2
	log=$tmp/install.$1.$2.log
	PGPASSWORD=$pass "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U bench \
		-E UTF8 -T template0 "$db" || die "createdb $db failed"
	mkdir -m 700 "$data"
	oc=0
	[ "$2" = off ] || oc=1
	wrote_config=1
	pg0=$(pg_cpu_ms)
	st0=$(steal_ms)
	t0=$(date +%s%N)
	rc=0
	(
		cd "$tree" || exit 1
		prc=0
		"$php" -d max_input_vars=10000 -d opcache.enable_cli="$oc" \
			admin/cli/install.php --non-interactive --agree-license --lang=en \
			--wwwroot=https://bench.mpd.test --dataroot="$data" --dbtype=pgsql \
			--dbhost=127.0.0.1 --dbport="$port" --dbname="$db" --dbuser=bench \
			--dbpass="$pass" --fullname=bench --shortname=bench \
			--adminpass='Admin1234!' --adminemail=admin@example.com \
			>"$log" 2>&1 || prc=$?
		times >"$tmp/times"
		exit "$prc"
	) || rc=$?
	t1=$(date +%s%N)
	[ "$rc" -le 128 ] || die "interrupted (install.php exit $rc)"
	if [ "$rc" -ne 0 ] || ! grep -q 'Installation completed successfully' "$log"; then
		echo "$me: install.php failed (exit $rc, run $1, opcache $2); its last lines:" >&2
		tail -n 15 "$log" >&2
		exit 1
	fi
	[ -f "$tree/config.php" ] || die "install.php reported success but wrote no config.php"
	rm -f "$tree/config.php"
	wrote_config=0
	rm -rf "$data"
	PGPASSWORD=$pass "$pgbin/dropdb" --force -h 127.0.0.1 -p "$port" -U bench "$db" ||
		die "dropdb $db failed"
	wall=$(((t1 - t0) / 1000000))
	cpu=$(cpu_ms "$tmp/times")
	pgc=$(($(pg_cpu_ms) - pg0))
	st=$(($(steal_ms) - st0))
	echo "$wall $cpu $pgc" >>"$tmp/runs.$2"
	echo "bench: moodle-install opcache=$2 run $1: $(secs "$wall") s wall, CPU $(secs "$cpu") s php + $(secs "$pgc") s postgres (steal $(secs "$st") s)"
}

secs() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }
# median COLUMN FILE: the median of that column (the lower one of two)
median() {
	awk -v c="$1" '{ print $c }' "$2" | sort -n |
		awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

echo "== $me: Moodle $release at $tree"
echo "== $("$php" -r 'echo PHP_BINARY, " ", PHP_VERSION;'), PostgreSQL $pgver (synchronous_commit=$sync, port $port), nproc $(nproc), $runs runs"
echo "== load before: $(uptime | sed 's/.*load average: //')"
i=1
while [ "$i" -le "$runs" ]; do
	for m in $modes; do
		one_run "$i" "$m"
	done
	i=$((i + 1))
done
echo "== load after: $(uptime | sed 's/.*load average: //')"
for m in $modes; do
	list=""
	while read -r wall _; do list="$list $(secs "$wall")"; done <"$tmp/runs.$m"
	echo "bench: moodle-install opcache=$m: median $(secs "$(median 1 "$tmp/runs.$m")") s of $runs (all:$list s), CPU median $(secs "$(median 2 "$tmp/runs.$m")") s php + $(secs "$(median 3 "$tmp/runs.$m")") s postgres; synchronous_commit=$sync"
done
