# ~/.profile of mpd's dev user (assets/runtime-base/skel/.profile): a login
# shell (ssh without a command) reads this, not ~/.bashrc, so source it.
# /etc/profile has just reset PATH; ~/.bashrc puts the tool tiers back.
# shellcheck shell=sh
if [ -n "${BASH_VERSION:-}" ] && [ -r "$HOME/.bashrc" ]; then
	# shellcheck source=SCRIPTDIR/.bashrc
	. "$HOME/.bashrc"
fi
