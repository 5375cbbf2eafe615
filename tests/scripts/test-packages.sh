#!/bin/sh
# test-packages.sh - bootstrap/packages.txt is the one package list:
# packages.sh reads it per release and role, refuses a bad row naming its
# line, and no script or test image of the project installs a package
# list of its own (apt-get install takes only packages.sh's output).
set -u
. "${top_srcdir:?}/tests/scripts/lib.sh"
pk="$top_srcdir/bootstrap/packages.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# (never `install`, nor `need` of a program the list has: they install)
run() { out=$(sh "$pk" "$@" 2>&1); rc=$?; }
has() { case " $2 " in *" $1 "*) return 0 ;; esac; return 1; }

run check
[ "$rc" -eq 0 ] && ok || bad "packages.txt does not validate: $out"

# netavark's firewall tool, per release
run --release bookworm list product
has iptables "$out" && ! has nftables "$out" && ok ||
	bad "bookworm's product list: expected iptables, not nftables: $out"
run --release trixie list product
has nftables "$out" && ! has iptables "$out" && ok ||
	bad "trixie's product list: expected nftables, not iptables: $out"
for p in podman netavark aardvark-dns sudo debootstrap; do
	has "$p" "$out" && ok || bad "trixie's product list lacks $p: $out"
done
run --release trixie list bed
for p in chromium libnss3-tools bind9-dnsutils iproute2; do
	has "$p" "$out" && ok || bad "the bed's list lacks $p: $out"
done
run --release bookworm list suite
has libclang-rt-14-dev "$out" && ! has libclang-rt-19-dev "$out" && ok ||
	bad "bookworm's suite list: expected clang 14's runtime only: $out"
# the host's benches: bookworm's PHP 8.2 and PostgreSQL 15 (Moodle 4.5)
run --release bookworm list bench
for p in postgresql-15 php8.2-cli php8.2-pgsql php8.2-intl util-linux; do
	has "$p" "$out" && ok || bad "bookworm's bench list lacks $p: $out"
done
run --release trixie list bench
! has php8.2-cli "$out" && ok || bad "trixie's bench list has bookworm's PHP 8.2: $out"
run --release bookworm programs product
out=$(printf '%s\n' "$out" | tr '\n' ' ')
has /usr/lib/podman/netavark "$out" && has iptables "$out" && ok ||
	bad "bookworm's product programs: $out"

# a release the file does not name: the target's rows, with a warning
run --release forky list product
case "$out" in
*"forky is not named"*"using the rows of trixie"*nftables*) ok ;;
*) bad "an unknown release should use trixie's rows with a warning: $out" ;;
esac
run --release bookworm need no-such-program
[ "$rc" -eq 2 ] && case "$out" in *"brings no-such-program"*) true ;; *) false ;; esac && ok ||
	bad "need of an unknown program: expected exit 2 naming it, got $rc: $out"
run --release bookworm list nosuchrole
[ "$rc" -eq 2 ] && ok || bad "an unknown role: expected exit 2, got $rc: $out"

# the C header: the preflight rows, per release
run header
case "$out" in
*'{ "bookworm", "iptables", "iptables",'*'{ "trixie", "nft", "nftables",'*) ok ;;
*) bad "header: expected the bookworm and trixie firewall rows: $out" ;;
esac

# bad rows are refused, naming the line
bad_file() {	# WHAT NEEDLE ROW
	printf '%s\n' '%release bookworm' '%release trixie target' \
		'podman all product,preflight podman fine' "$3" >"$tmp/p.txt"
	out=$(sh "$pk" --file "$tmp/p.txt" check 2>&1)
	rc=$?
	case "$rc:$out" in
	2:*"p.txt:4: "*"$2"*) ok ;;
	*) bad "$1: expected exit 2 naming line 4 and '$2', got $rc: $out" ;;
	esac
}
bad_file "unknown role" 'role "vm" is unknown' 'sudo all vm sudo'
bad_file "preflight without product" 'also be a product row' 'nft trixie preflight nft'
bad_file "undeclared release" 'release "forky" is not named' 'x forky build x'
bad_file "listed twice" 'listed twice' 'podman all bed podman'
bad_file "too few columns" 'write: package releases roles programs' 'curl all bed'
bad_file "bad package name" 'not a Debian package name' 'Curl all bed curl'
printf '%s\n' '%release bookworm' 'podman all product podman' >"$tmp/p.txt"
out=$(sh "$pk" --file "$tmp/p.txt" check 2>&1)
[ $? -eq 2 ] && ok || bad "a file without a target release validates: $out"

# no second list: every apt-get install of the project's scripts and test
# images installs packages.sh's output (words starting with $), not names
: >"$tmp/found"
for f in "$top_srcdir"/bootstrap/*.sh "$top_srcdir"/tests/run-all.sh \
	"$top_srcdir"/tests/e2e/*.sh "$top_srcdir"/tests/e2e/*/Containerfile \
	"$top_srcdir"/tests/fresh-root/*.sh "$top_srcdir"/.ci/run; do
	[ -f "$f" ] || continue
	# continued lines joined, comments dropped
	awk '{ sub(/^[ \t]+/, "") } /^#/ { next }
		{ line = line $0 } /\\$/ { sub(/\\$/, " ", line); next }
		{ print FNR ": " line; line = "" }' "$f" | grep 'apt-get install' |
	while IFS= read -r l; do
		# the words of this command alone, unglobbed
		args=${l#*apt-get install}
		args=${args%%&&*}
		args=${args%%;*}
		args=${args%%|*}
		set -f
		for w in $args; do
			case "$w" in
			-*|'>/dev/null'|'#'*) ;;
			'$'*) ;;
			*) echo "${f#"$top_srcdir"/}:${l%%:*}: $w" ;;
			esac
		done
		set +f
	done >>"$tmp/found"
done
found=$(cat "$tmp/found")
[ -z "$found" ] && ok || bad "package names outside bootstrap/packages.txt: $found"
finish
