#!/bin/bash
# mpd-hooks-list.sh - list a project's own hooks (docs/HOOKS.md), for mpd:
#
#   bash mpd-hooks-list.sh <project tree>
#
# run as the dev user in the project's runtime.  Prints one line per entry
# of <tree>/.mpd/hooks, in name order (C collation):
#   D <dir>           a directory (an event's, <event>.d, or not)
#   F <dir>/<file>    a regular file in one
#   X <dir>/<entry>   anything else in one
#   N <entry>         something in .mpd/hooks that is not a directory
# Nothing when the tree has no .mpd/hooks.  Names with a newline are left
# out (mpd reads lines).  mpd decides what runs: <event>.d/*.sh.
set -euo pipefail
export LC_ALL=C

tree=${1:?usage: mpd-hooks-list.sh <project tree>}
hooks=$tree/.mpd/hooks
[ -d "$hooks" ] || exit 0
shopt -s nullglob dotglob
nl=$'\n'

for d in "$hooks"/*; do
	n=${d##*/}
	case $n in *"$nl"*) continue ;; esac
	if [ ! -d "$d" ]; then
		printf 'N %s\n' "$n"
		continue
	fi
	printf 'D %s\n' "$n"
	for f in "$d"/*; do
		m=${f##*/}
		case $m in *"$nl"*) continue ;; esac
		if [ -f "$f" ]; then
			printf 'F %s/%s\n' "$n" "$m"
		else
			printf 'X %s/%s\n' "$n" "$m"
		fi
	done
done
