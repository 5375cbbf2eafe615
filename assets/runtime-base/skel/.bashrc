# ~/.bashrc of mpd's dev user in a runtime (assets/runtime-base/skel/.bashrc,
# copied at phase 1 only when the home has no .bashrc yet).
# shellcheck shell=bash

# PATH first, before the interactive check: `ssh <rt>.runtime.mpd.test cmd`
# runs a non-interactive bash that reads this file, and gets the tools too.
# Type tools win over this runtime's tools over the base tools
# (runtime-base/lib/tool-path.sh says how).
if [ -r "${MPD_TEST_ROOT:-}/opt/mpd/assets/runtime-base/lib/tool-path.sh" ]; then
	# shellcheck source=SCRIPTDIR/../lib/tool-path.sh
	. "${MPD_TEST_ROOT:-}/opt/mpd/assets/runtime-base/lib/tool-path.sh" && mpd_tool_path
fi

case $- in
*i*) ;;
*) return ;;
esac

HISTCONTROL=ignoreboth
HISTSIZE=10000
HISTFILESIZE=20000
shopt -s histappend checkwinsize
if ! shopt -oq posix && [ -z "${BASH_COMPLETION_VERSINFO:-}" ] &&
	[ -r /usr/share/bash-completion/bash_completion ]; then
	# shellcheck disable=SC1091 # Debian's, in the image
	. /usr/share/bash-completion/bash_completion
fi
alias ls='ls --color=auto'
alias ll='ls -alF'
[ -n "${EDITOR:-}" ] || export EDITOR=nano

# a new session starts where the projects are (not when it was put elsewhere)
if [ "$PWD" = "$HOME" ] && [ -d "${MPD_TEST_ROOT:-}/srv/projects" ]; then
	cd "${MPD_TEST_ROOT:-}/srv/projects" || true
fi
