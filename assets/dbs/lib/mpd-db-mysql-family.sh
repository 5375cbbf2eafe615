# mpd-db-mysql-family.sh - the engine hooks of mpd-db-common.sh for MariaDB
# and MySQL (sourced by assets/dbs/mariadb/mpd-db-run and
# assets/dbs/mysql/mpd-db-run after mpd-db-common.sh; db_engine says which).
#
# Local images (Debian's mariadb-server; mpd builds none of MySQL): an empty
# data directory is initialised with mariadb-install-db for the mysql user,
# then root gets the password root, from anywhere (root@'%') and on the
# socket; the server runs with the speed settings of spec 000 and drops
# root to the mysql user itself (--user).  Official images: their
# docker-entrypoint.sh (MARIADB_ROOT_PASSWORD / MYSQL_ROOT_PASSWORD from
# the container's env) with the same settings.  Either way the server is
# exec'd: SIGTERM, the container's stop signal, reaches it.
# shellcheck shell=bash

: "${db_engine:?set by the sourcing mpd-db-run}"
my_settings=(--bind-address=0.0.0.0 --character-set-server=utf8mb4
	--collation-server=utf8mb4_bin --innodb_file_per_table=ON
	--wait-timeout=28800 --skip-log-bin --innodb_flush_log_at_trx_commit=2
	--skip-name-resolve)

# the server program: mariadbd (MariaDB from 10.5), else mysqld
my_server() {
	local p
	if [ "$db_engine" = mariadb ] && p=$(command -v mariadbd); then
		echo "$p"
	elif p=$(command -v mysqld); then
		echo "$p"
	else
		mpd_db_fail "this image has no $(mpd_db_pretty "$db_engine") server (mariadbd, mysqld)"
	fi
}

db_server_major() {
	local srv v major
	srv=$(my_server)
	# "mariadbd  Ver 11.8.3-MariaDB-0+deb13u1 for debian-linux-gnu ..."
	# "/usr/sbin/mysqld  Ver 8.4.3 for Linux on x86_64 (MySQL Community ...)"
	v=$("$srv" --version) || mpd_db_fail "$srv --version failed"
	case $db_engine:$v in
	mariadb:*MariaDB* | mysql:*) ;;
	*) mpd_db_fail "this image runs no MariaDB server ($v)" ;;
	esac
	case $db_engine:$v in
	mysql:*MariaDB*) mpd_db_fail "this image runs MariaDB, not MySQL ($v)" ;;
	esac
	major=$(mpd_db_xy "${v#* Ver }")
	[ -n "$major" ] || mpd_db_fail "cannot tell the server's version from '$v'"
	echo "$major"
}

db_init_local() {
	local srv
	srv=$(my_server)
	install -d -o mysql -g mysql -m 0750 "$2"
	mariadb-install-db --user=mysql --datadir="$2" --skip-test-db >&2
	# the grant tables are loaded first: bootstrap runs without them
	printf '%s\n' "FLUSH PRIVILEGES;" \
		"ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('root') OR unix_socket;" \
		"CREATE USER IF NOT EXISTS 'root'@'%' IDENTIFIED BY 'root';" \
		"GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION;" |
		"$srv" --bootstrap --user=mysql --datadir="$2" --skip-log-bin >&2
}

db_own_local() {
	find "$1" ! -user mysql -exec chown -h mysql:mysql {} +
}

db_exec_local() {
	local srv
	srv=$(my_server)
	install -d -o mysql -g mysql -m 0755 /run/mysqld
	exec "$srv" --user=mysql --datadir="$2" "${my_settings[@]}"
}

db_exec_official() {
	local ep srv
	ep=$(command -v docker-entrypoint.sh) ||
		mpd_db_fail "this image has no docker-entrypoint.sh: mode official needs $(mpd_db_pretty "$db_engine")'s official image"
	srv=$(my_server)
	# the entrypoint knows the server by its name, and reads --datadir
	exec "$ep" "${srv##*/}" --datadir="$2" "${my_settings[@]}"
}
