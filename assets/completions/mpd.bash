# mpd.bash - bash completion for mpd.  A stable forwarder: mpd itself
# knows the candidates (mpd --complete CWORD WORDS...), so this file never
# changes when mpd learns a command.  mpd --setup installs it under
# ~/.local/share/bash-completion/completions/mpd.
_mpd() {
	local IFS=$'\n'
	mapfile -t COMPREPLY < <(mpd --complete "$COMP_CWORD" "${COMP_WORDS[@]}" 2>/dev/null)
	# KEY= and --flag= wait for their value: no space after them
	if [ "${#COMPREPLY[@]}" -eq 1 ] && [ "${COMPREPLY[0]%=}" != "${COMPREPLY[0]}" ]; then
		compopt -o nospace
	fi
}
complete -o default -F _mpd mpd
