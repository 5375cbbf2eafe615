# mpd-db-graceful-stop.sh - what the DB engines' mpd-pre-stop hooks share
# (assets/dbs/<engine>/hooks/mpd-pre-stop.d/90-graceful-stop.sh; hooks:
# docs/HOOKS.md).  Sourced; the hook runs as root in the DB container.
#
#   mpd_db_graceful_stop SIGNAL COMM...
#
# The server is the container's PID 1 (mpd-db-run execs it).  When PID 1
# is one of the COMMs (its /proc/1/comm), ask it for its clean shutdown
# with SIGNAL, the container's stop signal (postgres: SIGINT, the fast
# shutdown; MariaDB and MySQL: SIGTERM), and return at once.  The hook
# cannot wait for the end: when PID 1 exits, the kernel ends every process
# in the container, this one with it, and its exec would report a kill.
# mpd --stop stops the DB containers right after the hooks, with the same
# signal, and waits for the end (DB_STOP_TIMEOUT_S): that podman stop finds
# the shutdown under way or done, and the shutdowns of all DBs run at once
# instead of one after the other.
# shellcheck shell=bash

mpd_db_graceful_stop() {
	local sig=$1 comm want
	shift
	comm=$(cat /proc/1/comm 2>/dev/null) || comm=""
	for want in "$@"; do
		if [ "$comm" = "$want" ]; then
			echo "asking $comm (PID 1) to shut down cleanly ($sig)"
			kill "-$sig" 1
			return 0
		fi
	done
	echo "PID 1 is '${comm:-?}', not ${*}: left to the container's stop" >&2
	return 1
}
