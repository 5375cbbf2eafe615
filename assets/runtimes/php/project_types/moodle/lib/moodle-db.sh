# shellcheck shell=bash
# moodle-db.sh - the project's database as its tools reach it: over the
# network, as the engine's superuser (docs/DATABASES.md: postgres/postgres,
# root/root; the project's database = user = password = its name), with the
# clients the php runtime's image has (postgresql-client, mariadb-client).
# Sourced after moodle-tools.sh (mdl_init has run).
#   mdl_db_load     mdl_db_engine, mdl_db_id, mdl_db_host from
#                   /srv/meta/<p>/effective.json (configure.sh wrote it);
#                   no database: one line, exit 1
#   mdl_db_reset    drop the project's database and create it empty again,
#                   owned by / granted to the project's user, as the DB
#                   plugins create it (plugins/dbs/db_postgres.c, db_myfamily.c)
# Its results are globals the tools read:
# shellcheck disable=SC2034,SC2154

mdl_db_load() {
	local eff=$mdl_meta/effective.json p=$mdl_project
	[ -r "$eff" ] ||
		mdl_die "project '$p' is not configured ($eff is missing): mpd configure $p"
	if ! mdl_db_engine=$(jq -r '.dbEngine // ""' "$eff" 2>/dev/null) ||
		! mdl_db_id=$(jq -r '.databaseId // ""' "$eff" 2>/dev/null); then
		mdl_die "$eff is not JSON: mpd configure $p writes it again"
	fi
	[ -n "$mdl_db_engine" ] ||
		mdl_die "project '$p' has no database: mpd configure $p MPD_DB=postgres"
	case $mdl_db_engine in
	postgres | mariadb | mysql) ;;
	*) mdl_die "$eff names the database engine '$mdl_db_engine', which mdl tools do not know (postgres, mariadb, mysql)" ;;
	esac
	[[ $mdl_db_id =~ ^[a-z][a-z0-9]*(-[a-z0-9]+)*$ ]] ||
		mdl_die "$eff names the database server '$mdl_db_id', which is not a server id: mpd configure $p writes it again"
	mdl_db_host=$mdl_db_id.$mpd_db_domain
}

# mdl_db_reset_sql ENGINE P: the statements, one per line.  P is a project
# name ([a-z0-9-]): quoted as an identifier it needs no escaping.
mdl_db_reset_sql() {
	local p=$2
	case $1 in
	postgres)
		# quiet (no NOTICE for a database that is not there); no new
		# sessions, none left (DROP DATABASE refuses a database in use);
		# the new one is the project's, and only its user may connect
		printf '%s\n' \
			"SET client_min_messages = warning;" \
			"SELECT format('ALTER DATABASE %I ALLOW_CONNECTIONS false', datname) FROM pg_database WHERE datname = '$p' \\gexec" \
			"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$p' AND pid <> pg_backend_pid();" \
			"DROP DATABASE IF EXISTS \"$p\";" \
			"CREATE DATABASE \"$p\" OWNER \"$p\";" \
			"REVOKE CONNECT ON DATABASE \"$p\" FROM PUBLIC;" \
			"GRANT CONNECT ON DATABASE \"$p\" TO \"$p\";"
		;;
	*)
		printf '%s\n' \
			"DROP DATABASE IF EXISTS \`$p\`;" \
			"CREATE DATABASE \`$p\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;" \
			"GRANT ALL PRIVILEGES ON \`$p\`.* TO '$p'@'%';"
		;;
	esac
}

# mdl_db_reset: the statements through the engine's client; its failure
# (server down, a statement refused) is its own message and exit 1
mdl_db_reset() {
	local bin=mariadb
	local -a client
	case $mdl_db_engine in
	postgres)
		bin=psql
		client=(env PGPASSWORD=postgres psql -X -q -v ON_ERROR_STOP=1
			-h "$mdl_db_host" -U postgres -d postgres)
		;;
	mariadb)
		# plain on the internal network, like Moodle's own connection
		# (a bookworm-built server has no TLS)
		client=(mariadb --skip-ssl -h "$mdl_db_host" -uroot -proot)
		;;
	mysql)
		# MySQL has TLS, with a certificate of its own making
		client=(mariadb --ssl --skip-ssl-verify-server-cert -h "$mdl_db_host" -uroot -proot)
		;;
	esac
	command -v "$bin" >/dev/null ||
		mdl_die "no $bin in this runtime (its image brings postgresql-client and mariadb-client: mpd --images)"
	mdl_db_reset_sql "$mdl_db_engine" "$mdl_project" | "${client[@]}" >/dev/null ||
		mdl_die "could not empty database '$mdl_project' on $mdl_db_host (the message above is $bin's; is the server up? mpd start $mdl_project)"
}
