#!/bin/bash
# bootstrap.sh RT USER UID DIR - phase 1 of a runtime (docs/RUNTIMES.md
# "Provisioning"): the ONE script mpd runs as root, once per runtime, for
# what depends on the VM.  Environment:
#   MPD_AUTHORIZED_KEYS  the VM user's public keys, one per line (required)
#   MPD_CA_PEM           mpd's CA certificate, PEM (required)
#
# It makes the dev user USER with UID (group of the same name, bash, home,
# passwordless sudo), authorizes the keys, trusts the CA, layers
# runtime-base/skel/ then /var/lib/mpd/skel/ into the home, writes
# /etc/mpd/runtime (RT) and /etc/mpd/runtime-dir (DIR), gives this runtime
# its own SSH host keys, starts sshd, makes /srv/{projects,data,meta,tools}
# and links runtime-base/tools/* into /srv/tools/_base/.
#
# Idempotent: a second run changes nothing and exits 0.  The skeleton files
# go into the home only where the home has no such file yet, so a file the
# user changed is never overwritten (the home lives as long as the runtime's
# container: a new runtime gets the current skeleton).
#
# Every argument and the environment are checked before anything changes.
# Exit: 0 ok, 2 bad arguments or environment, 1 a step failed.
set -euo pipefail

base=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
# shellcheck source=SCRIPTDIR/lib/mpd-paths.sh
. "$base/lib/mpd-paths.sh"
# shellcheck source=SCRIPTDIR/lib/link-tools.sh
. "$base/lib/link-tools.sh"

bad() {
	echo "bootstrap.sh: $*" >&2
	exit 2
}
die() {
	echo "bootstrap.sh: $*" >&2
	exit 1
}
# own PATH MODE UID GID: give PATH that mode and owner, touching it only
# when they differ
own() {
	[ "$(stat -c %a "$1")" = "${2#0}" ] || chmod "$2" "$1"
	[ "$(stat -c %u:%g "$1")" = "$3:$4" ] || chown "$3:$4" "$1"
}

# ---- checks (nothing is changed before they all pass) ----------------------
[ "$#" -eq 4 ] || bad "usage: bootstrap.sh RUNTIME USER UID RUNTIME-DIR (got $# arguments)"
rt=$1 user=$2 uid=$3 dir=$4
[[ $rt =~ $mpd_re_runtime ]] || bad "'$rt' is not a runtime name ([a-z][a-z0-9]+)"
if ! [[ $user =~ $mpd_re_user && $user != root ]]; then
	bad "'$user' is not a user name for the runtime ([a-z_][a-z0-9_-]*, at most 32, not root)"
fi
if ! [[ $uid =~ ^[1-9][0-9]{0,4}$ ]] || [ "$uid" -ge 65534 ]; then
	bad "'$uid' is not a UID for the dev user (1-65533; 0 is root)"
fi
[[ $dir =~ $mpd_re_runtime ]] || bad "'$dir' is not a runtime asset directory name ([a-z][a-z0-9]+)"
[ -d "$mpd_assets/runtimes/$dir" ] || bad "no runtime assets at $mpd_assets/runtimes/$dir"

keys=$(printf '%s\n' "${MPD_AUTHORIZED_KEYS:-}" | tr -d '\r' |
	grep -vE '^[[:space:]]*(#|$)' | awk '!seen[$0]++' || true)
[ -n "$keys" ] ||
	bad "no SSH public keys: MPD_AUTHORIZED_KEYS must hold the VM user's public keys, one per line"
case $keys in
*PRIVATE*) bad "MPD_AUTHORIZED_KEYS holds a private key: pass public keys only (id_*.pub, authorized_keys)" ;;
esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ktmp=$work/authorized_keys
printf '%s\n' "$keys" >"$ktmp"
n=0
while IFS= read -r k; do
	n=$((n + 1))
	printf '%s\n' "$k" | ssh-keygen -l -f - >/dev/null 2>&1 ||
		bad "MPD_AUTHORIZED_KEYS line $n is not an SSH public key: ${k:0:40}..."
done <"$ktmp"

ca=$(printf '%s\n' "${MPD_CA_PEM:-}" | tr -d '\r')
case $ca in
*"-----BEGIN CERTIFICATE-----"*"-----END CERTIFICATE-----"*) ;;
*) bad "MPD_CA_PEM must hold mpd's CA certificate (PEM, -----BEGIN CERTIFICATE-----)" ;;
esac
if command -v openssl >/dev/null 2>&1; then
	printf '%s\n' "$ca" | openssl x509 -noout >/dev/null 2>&1 ||
		bad "MPD_CA_PEM is not a readable PEM certificate"
fi

[ "$(id -u)" -eq 0 ] || die "run it as root (phase 1: podman exec --user 0:0)"

# ---- the dev user ----------------------------------------------------------
if ent=$(getent passwd "$uid"); then
	[ "${ent%%:*}" = "$user" ] ||
		die "UID $uid belongs to '${ent%%:*}' in this image, not '$user': remove that user from the image or use the VM user's own UID"
fi
if ent=$(getent passwd "$user"); then
	euid=$(cut -d: -f3 <<<"$ent")
	[ "$euid" = "$uid" ] || die "user '$user' exists in this image with UID $euid, not $uid"
fi
if ! getent group "$user" >/dev/null; then
	if getent group "$uid" >/dev/null; then
		groupadd "$user"
	else
		groupadd -g "$uid" "$user"
	fi
fi
home=/home/$user
skel=$work/skel
# the two skeletons, the VM's last (it wins)
cp -aT "$base/skel" "$skel"
[ ! -d "$mpd_var/skel" ] || cp -aT "$mpd_var/skel" "$skel"
chown -R root:root "$skel"
if ! getent passwd "$user" >/dev/null; then
	useradd -m -k "$skel" -u "$uid" -g "$user" -s /bin/bash -d "$home" "$user"
fi
home=$(getent passwd "$user" | cut -d: -f6)
[ "$(getent passwd "$user" | cut -d: -f7)" = /bin/bash ] || usermod -s /bin/bash "$user"
# no password, but not "locked" (useradd's "!"): sshd refuses a locked
# account even with a good key when it does not go through PAM
[ "$(getent shadow "$user" | cut -d: -f2)" = '*' ] || usermod -p '*' "$user"
gid=$(id -g "$user")
if [ ! -d "$home" ]; then
	install -d -m 0755 -o "$uid" -g "$gid" "$home"
fi
# skeleton files the home does not have yet (a file there is the user's)
(cd "$skel" && find . -mindepth 1 -print0) | while IFS= read -r -d '' f; do
	f=${f#./}
	if [ -d "$skel/$f" ] && [ ! -L "$skel/$f" ]; then
		[ -d "$home/$f" ] || install -d -o "$uid" -g "$gid" "$home/$f"
	elif [ ! -e "$home/$f" ] && [ ! -L "$home/$f" ]; then
		cp -a "$skel/$f" "$home/$f"
		chown -h "$uid:$gid" "$home/$f"
	fi
done

# passwordless sudo: the dev user is the only login identity (SECURITY.md)
sudoers=/etc/sudoers.d/mpd-dev-user
stmp=$work/sudoers
printf '%s ALL=(ALL) NOPASSWD:ALL\n' "$user" >"$stmp"
visudo -cqf "$stmp" >/dev/null || die "visudo refuses the sudoers line for $user"
if ! cmp -s "$stmp" "$sudoers"; then
	install -m 0440 -o root -g root "$stmp" "$sudoers"
fi

# ---- SSH: the keys, this runtime's own host keys, sshd ----------------------
[ -d "$home/.ssh" ] || install -d -m 0700 -o "$uid" -g "$gid" "$home/.ssh"
own "$home/.ssh" 0700 "$uid" "$gid"
if ! cmp -s "$ktmp" "$home/.ssh/authorized_keys"; then
	install -m 0600 -o "$uid" -g "$gid" "$ktmp" "$home/.ssh/authorized_keys"
fi
own "$home/.ssh/authorized_keys" 0600 "$uid" "$gid"
before=$(ls /etc/ssh/ssh_host_*_key 2>/dev/null || true)
ssh-keygen -A >/dev/null
after=$(ls /etc/ssh/ssh_host_*_key 2>/dev/null || true)
systemctl enable --quiet ssh
if [ "$before" != "$after" ] && systemctl --quiet is-active ssh; then
	systemctl restart ssh
else
	systemctl start ssh
fi

# ---- mpd's CA --------------------------------------------------------------
cafile=/usr/local/share/ca-certificates/mpd-local.crt
catmp=$work/mpd-local.crt
printf '%s\n' "$ca" >"$catmp"
if ! cmp -s "$catmp" "$cafile"; then
	install -m 0644 -o root -g root "$catmp" "$cafile"
	update-ca-certificates >/dev/null
fi

# ---- what this runtime is ----------------------------------------------------
install -d -m 0755 "$mpd_etc"
for pair in "runtime=$rt" "runtime-dir=$dir"; do
	f=$mpd_etc/${pair%%=*}
	if ! cmp -s <(printf '%s\n' "${pair#*=}") "$f"; then
		printf '%s\n' "${pair#*=}" >"$f"
	fi
done
name=$rt.$mpd_runtime_domain
if ! grep -qE "^[^#]*[[:space:]]${name//./\\.}([[:space:]]|$)" /etc/hosts; then
	printf '127.0.0.1\t%s\n' "$name" >>/etc/hosts
fi

# ---- the data volume ---------------------------------------------------------
for d in projects data meta tools tools/_base; do
	[ -d "$mpd_srv/$d" ] || install -d -m 0755 "$mpd_srv/$d"
	own "$mpd_srv/$d" 0755 "$uid" "$gid"
done
mpd_link_tools "$base/tools" "$mpd_srv/tools/_base" || die "could not link $mpd_srv/tools/_base"
find "$mpd_srv/tools/_base" -maxdepth 1 -type l ! -user "$uid" -exec chown -h "$uid:$gid" {} +
