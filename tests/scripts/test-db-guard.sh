#!/bin/sh
# test-db-guard.sh - the version guard of the DB containers' command
# (assets/dbs/<engine>/mpd-db-run, docs/DATABASES.md "Version safety"), run
# for real with bash on data directories made here: its check-only mode
# (--check: writes nothing) and --mark (the marker an existing directory
# that passes gets, as the server's start writes it).
#   - a missing or empty directory passes (a stale marker beside it too);
#   - another major (PG_VERSION, *_upgrade_info), another engine (its
#     marker, aria_log_control, mysql.ibd, PG_VERSION), several engines'
#     files, files no engine made, a garbled marker: each refused with ONE
#     line `mpd-db: ...` on stderr, exit 78 (MPD_DB_EXIT_REFUSED), and the
#     whole directory tree beside and under it byte-identical afterwards
#     (contents, modes, owners, mtimes);
#   - a matching directory passes; --mark writes `engine=`/`version=`
#     beside it, and only on a pass;
#   - bad arguments exit 2 and touch nothing.
# Starting a server (init + exec) needs root and the engine in a DB
# container: the e2e bed proves it.
set -u
. "${top_srcdir:?}/tests/scripts/lib.sh"
top=$(cd "$top_srcdir" && pwd -P)
dbs=$top/assets/dbs
exit_refused=78	# MPD_DB_EXIT_REFUSED (sdk/include/mpd/plugin.h)

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
srv=$root/srv/dbs
out=$root/out
err=$root/err
mkdir -p "$srv"

# run ENGINE ARGS...: that engine's mpd-db-run; sets rc, and the files
run() {
	e=$1
	shift
	bash "$dbs/$e/mpd-db-run" "$@" >"$out" 2>"$err"
	rc=$?
}
# snap: one hash of everything under $root/srv: names, types, modes,
# owners, sizes, mtimes and contents
snap() {
	(
		cd "$root/srv" &&
			find . -printf '%p %y %m %U:%G %s %T@\n' | sort &&
			find . -type f -exec sha256sum {} + | sort
	) | sha256sum
}
# refused WHAT NEEDLE: the last run refused with one `mpd-db:` line
# holding NEEDLE and wrote nothing (the tree hashes to $before)
refused() {
	lines=$(wc -l <"$err")
	first=$(head -c 7 "$err")
	if [ "$rc" -ne "$exit_refused" ]; then
		bad "$1: expected exit $exit_refused, got $rc: $(cat "$err")"
	elif [ "$lines" -ne 1 ] || [ "$first" != "mpd-db:" ]; then
		bad "$1: expected one 'mpd-db:' line, got $lines: $(cat "$err")"
	elif ! grep -qF -- "$2" "$err"; then
		bad "$1: expected '$2' in: $(cat "$err")"
	elif [ -s "$out" ]; then
		bad "$1: printed on stdout: $(cat "$out")"
	else
		ok
	fi
	[ "$(snap)" = "$before" ] && ok || bad "$1: the data directory changed"
}
# passed WHAT: the last run exited 0 quietly
passed() {
	if [ "$rc" -eq 0 ] && [ ! -s "$err" ] && [ ! -s "$out" ]; then
		ok
	else
		bad "$1: expected a quiet pass, got $rc: $(cat "$out" "$err")"
	fi
}
# check_refused ENGINE MAJOR DIR WHAT NEEDLE [kept]: refused by --check
# and by --mark; no marker afterwards unless there was one (kept)
check_refused() {
	before=$(snap)
	run "$1" --check "$1" "$2" "$3"
	refused "$4 (--check)" "$5"
	run "$1" --mark "$1" "$2" "$3"
	refused "$4 (--mark)" "$5"
	[ ! -e "$3.mpd-db" ] || [ "${6-}" = kept ] || bad "$4: a marker was written"
}
# a data directory of ENGINE's files: mkdata DIR FILE[=CONTENT]...
mkdata() {
	d=$1
	shift
	mkdir -p "$d"
	for f in "$@"; do
		case $f in
		*=*) mkdir -p "$d/$(dirname "${f%%=*}")"; printf '%s\n' "${f#*=}" >"$d/${f%%=*}" ;;
		*) mkdir -p "$d/$(dirname "$f")"; : >"$d/$f" ;;
		esac
	done
	chmod 0700 "$d"
	find "$d" -exec touch -d '2020-01-02 03:04:05' {} +
}

# ---- nothing to protect --------------------------------------------------------
before=$(snap)
run postgres --check postgres 17 "$srv/postgres-17"
passed "a missing directory"
run postgres --mark postgres 17 "$srv/postgres-17"
passed "a missing directory (--mark)"
[ "$(snap)" = "$before" ] && ok || bad "a missing directory: something was written"
mkdir "$srv/postgres-17"
before=$(snap)
run postgres --check postgres 17 "$srv/postgres-17"
passed "an empty directory"
run postgres --mark postgres 17 "$srv/postgres-17"
passed "an empty directory (--mark)"
[ "$(snap)" = "$before" ] && ok || bad "an empty directory: --mark wrote before any data"
# the directory was moved away, its marker stayed: it describes no data
printf 'engine=postgres\nversion=15\n' >"$srv/postgres-17.mpd-db"
run postgres --check postgres 17 "$srv/postgres-17"
passed "an empty directory beside a stale marker"
rm -f "$srv/postgres-17.mpd-db"

# ---- another major ---------------------------------------------------------------
d=$srv/postgres-latest
mkdata "$d" PG_VERSION=15 base/1/1259 global/pg_control postgresql.conf
check_refused postgres 17 "$d" "PG_VERSION 15 offered to 17" \
	"holds PostgreSQL 15 data (PG_VERSION 15), not PostgreSQL 17; start PostgreSQL 15 on it, dump, move $d away, then restore the dump into PostgreSQL 17"
d=$srv/mariadb-latest
mkdata "$d" aria_log_control ibdata1 mariadb_upgrade_info=10.11.6-MariaDB mysql/db.frm
check_refused mariadb 11.8 "$d" "mariadb 10.11 offered to 11.8" \
	"holds MariaDB 10.11 data (aria_log_control, mariadb_upgrade_info 10.11.6-MariaDB), not MariaDB 11.8"
d=$srv/mysql-8
mkdata "$d" mysql.ibd ibdata1 mysql_upgrade_info=8.0.15 auto.cnf
check_refused mysql 8.4 "$d" "mysql 8.0 offered to 8.4" \
	"holds MySQL 8.0 data (mysql_upgrade_info 8.0.15, mysql.ibd), not MySQL 8.4"

# ---- another engine --------------------------------------------------------------
d=$srv/postgres-16
mkdata "$d" PG_VERSION=16 base/1/1259
printf 'engine=mariadb\nversion=11.8\n' >"$d.mpd-db"
touch -d '2020-01-02 03:04:05' "$d.mpd-db"
check_refused postgres 16 "$d" "a mariadb marker in a postgres id" \
	"holds MariaDB 11.8 data (its marker $d.mpd-db), not PostgreSQL 16; start MariaDB 11.8 on it" kept
# the marker says postgres 15, the files say 16: the files win the refusal
printf 'engine=postgres\nversion=15\n' >"$d.mpd-db"
check_refused postgres 16 "$d" "a marker of another major" \
	"holds PostgreSQL 15 data (its marker $d.mpd-db), not PostgreSQL 16" kept
printf 'engine=postgres\nversion=16\n' >"$d.mpd-db"
mkdata "$d" aria_log_control
check_refused postgres 16 "$d" "several engines' files" \
	"holds files of several engines (PG_VERSION 16, aria_log_control)" kept
printf 'garbage\n' >"$d.mpd-db"
check_refused postgres 16 "$d" "a garbled marker" \
	"(the marker of $d) names no engine= and version=" kept
rm -f "$d.mpd-db"

d=$srv/postgres-18
mkdata "$d" aria_log_control ibdata1 ib_logfile0 mysql/global_priv.MAD
check_refused postgres 18 "$d" "a mariadb directory offered to postgres" \
	"holds MariaDB data (aria_log_control), not PostgreSQL 18"
d=$srv/mariadb-11-4
mkdata "$d" mysql.ibd ibdata1 auto.cnf '#innodb_redo/#ib_redo0'
check_refused mariadb 11.4 "$d" "a mysql.ibd directory offered to mariadb" \
	"holds MySQL data (mysql.ibd), not MariaDB 11.4; start MySQL on it"
d=$srv/mysql-9
mkdata "$d" PG_VERSION=17 base/1/1
check_refused mysql 9.1 "$d" "a postgres directory offered to mysql" \
	"holds PostgreSQL 17 data (PG_VERSION 17), not MySQL 9.1"
d=$srv/mysql-8-4
mkdata "$d" aria_log_control mysql_upgrade_info=10.6.12-MariaDB
check_refused mysql 8.4 "$d" "a mariadb directory (mysql_upgrade_info) offered to mysql" \
	"holds MariaDB 10.6 data (aria_log_control, mysql_upgrade_info 10.6.12-MariaDB), not MySQL 8.4"

# ---- nothing an engine made ----------------------------------------------------------
d=$srv/postgres-14
mkdata "$d" notes.txt moodledata/x "$(printf 'bad\001name')"
check_refused postgres 14 "$d" "unknown files" \
	"holds files no database engine made (bad?name, moodledata, notes.txt); move $d away"
d=$srv/postgres-12
mkdata "$d" .keep
check_refused postgres 12 "$d" "a dot file alone" \
	"holds files no database engine made (.keep)"
d=$srv/mariadb-10-6
mkdata "$d" ibdata1
check_refused mariadb 10.6 "$d" "InnoDB files alone (no engine's record)" \
	"holds files no database engine made (ibdata1)"
# a file where the directory should be
: >"$srv/postgres-13"
check_refused postgres 13 "$srv/postgres-13" "a file as the data directory" \
	"$srv/postgres-13 is not a directory"

# ---- a match passes; --mark writes the marker then ---------------------------------
d=$srv/postgres-15
mkdata "$d" PG_VERSION=15 base/1/1259 global/pg_control
before=$(snap)
run postgres --check postgres 15 "$d"
passed "PostgreSQL 15 data offered to 15"
[ "$(snap)" = "$before" ] && ok || bad "--check wrote on a pass"
run postgres --mark postgres 15 "$d"
passed "PostgreSQL 15 data offered to 15 (--mark)"
[ "$(cat "$d.mpd-db" 2>/dev/null)" = "$(printf 'engine=postgres\nversion=15')" ] && ok ||
	bad "--mark: expected the marker engine=postgres version=15, got: $(cat "$d.mpd-db" 2>&1)"
before=$(snap)
run postgres --mark postgres 15 "$d"
passed "a marked directory (--mark)"
[ "$(snap)" = "$before" ] && ok || bad "--mark rewrote a matching marker"
run postgres --check postgres 17 "$d"
refused "the marked PostgreSQL 15 directory offered to 17" \
	"holds PostgreSQL 15 data (its marker $d.mpd-db), not PostgreSQL 17"

d=$srv/mariadb-10-11
mkdata "$d" aria_log_control ibdata1 mysql_upgrade_info=10.11.19-MariaDB mysql/global_priv.MAD
run mariadb --mark mariadb 10.11 "$d"
passed "MariaDB 10.11 data offered to 10.11"
[ "$(cat "$d.mpd-db" 2>/dev/null)" = "$(printf 'engine=mariadb\nversion=10.11')" ] && ok ||
	bad "mariadb --mark: got: $(cat "$d.mpd-db" 2>&1)"
# no version record (a directory made before the server wrote one): the
# engine's files are enough
d=$srv/mariadb-11-8
mkdata "$d" aria_log_control ibdata1 mysql/global_priv.MAD
run mariadb --check mariadb 11.8 "$d"
passed "MariaDB data without a version record offered to mariadb"
d=$srv/mysql-8-0
mkdata "$d" mysql.ibd ibdata1 auto.cnf
run mysql --mark mysql 8.0 "$d"
passed "MySQL data offered to mysql"
d=$srv/mysql-5-7
mkdata "$d" ibdata1 mysql/user.frm auto.cnf
run mysql --check mysql 5.7 "$d"
passed "MySQL 5.7 data (mysql/user.frm) offered to mysql"

# ---- bad arguments ---------------------------------------------------------------------
before=$(snap)
for args in "--check mariadb 17 $srv/postgres-15" \
	"--check postgres auto $srv/postgres-15" \
	"--check postgres 17 relative/dir" \
	"--check postgres 17 $srv/../etc" \
	"--check postgres 1x $srv/postgres-15" \
	"--check postgres 17" \
	"postgres 17 $srv/postgres-15 elsewhere" \
	"postgres auto $srv/postgres-15 local"; do
	# shellcheck disable=SC2086 # the words of one case
	run postgres $args
	[ "$rc" -eq 2 ] && [ -s "$err" ] && ok || bad "'$args': expected exit 2 with a message, got $rc"
done
run mysql mysql 8.4 "$srv/mysql-8-4" local
[ "$rc" -eq 2 ] && grep -q 'mpd builds no MySQL image' "$err" && ok ||
	bad "mysql, mode local: expected exit 2, got $rc: $(cat "$err")"
[ "$(snap)" = "$before" ] && ok || bad "bad arguments changed the tree"

finish
