#!/bin/sh
# entrypoint.sh - init of mpd-service-fileaccess.  It runs as root because it
# is the container's own init: it creates the dev user from MPD_DEV_USER,
# MPD_DEV_UID and MPD_DEV_GID (the VM user's name and IDs), the data-volume
# directories, and the persistent host key, then replaces itself with sshd in
# the foreground.  It never switches identity; sshd does that per login.
# Safe to run again on `podman restart` (the container's files persist).
set -eu

die() {
	echo "mpd-fileaccess: $*" >&2
	exit 1
}

user=${MPD_DEV_USER:-}
uid=${MPD_DEV_UID:-}
gid=${MPD_DEV_GID:-$uid}
keydir=/etc/ssh/mpd-hostkeys
key=$keydir/ssh_host_ed25519_key
authkeys=/etc/ssh/mpd-authorized_keys

# --- check the environment before changing anything
case $user in
[a-z_]*) ;;
*) die "MPD_DEV_USER='$user' is not a user name: pass the VM user's name (-e MPD_DEV_USER=...)" ;;
esac
case $user in
*[!a-z0-9_-]*) die "MPD_DEV_USER='$user' is not a user name: use lowercase letters, digits, '_' and '-'" ;;
esac
[ "${#user}" -le 32 ] || die "MPD_DEV_USER='$user' is longer than 32 characters"
case $uid in
[1-9]*) ;;
*) die "MPD_DEV_UID='$uid' must be the VM user's numeric UID, not 0 (-e MPD_DEV_UID=...)" ;;
esac
case $gid in
[1-9]*) ;;
*) die "MPD_DEV_GID='$gid' must be the VM user's numeric GID, not 0 (-e MPD_DEV_GID=...)" ;;
esac
case $uid$gid in
*[!0-9]*) die "MPD_DEV_UID='$uid' and MPD_DEV_GID='$gid' must be numbers" ;;
esac
[ -d "$keydir" ] || die "$keydir is missing: mount the persistent host-key directory there (-v .../fileaccess/hostkeys:$keydir)"

# --- the dev user: home is /srv/backups, so every session (shell, scp,
# sftp) starts there
if entry=$(getent passwd "$user"); then
	old_uid=$(echo "$entry" | cut -d: -f3)
	[ "$old_uid" = "$uid" ] || die "user '$user' already exists here with UID $old_uid, not $uid (an account of the image, or a container made for another UID): recreate the container with the VM user's own name and UID"
else
	if entry=$(getent passwd "$uid"); then
		die "UID $uid is taken in the image by '${entry%%:*}': the dev user needs its own UID"
	fi
	if ! getent group "$gid" >/dev/null; then
		if getent group "$user" >/dev/null; then
			die "group '$user' exists here with another GID than $gid"
		fi
		groupadd -g "$gid" "$user"
	fi
	useradd -u "$uid" -g "$gid" -d /srv/backups -M -s /bin/bash -c "mpd dev user" "$user"
fi
# no password, but not locked: public-key logins work without PAM
usermod -p '*' "$user"

# --- data-volume directories (created when absent, never re-owned)
for d in backups projects meta data dbs tools; do
	[ -d "/srv/$d" ] || install -d -o "$uid" -g "$gid" -m 0775 "/srv/$d"
done

# --- host key, persisted in the mounted directory across recreation
if [ ! -s "$key" ]; then
	rm -f "$key" "$key.pub"
	ssh-keygen -q -t ed25519 -N '' -C mpd-fileaccess -f "$key"
	echo "mpd-fileaccess: generated host key $key" >&2
fi
chmod 0600 "$key"
if [ ! -s "$key.pub" ]; then
	ssh-keygen -y -f "$key" > "$key.pub"
fi

if [ ! -f "$authkeys" ]; then
	echo "mpd-fileaccess: warning: $authkeys is missing: nobody can log in over ssh (mount the VM user's ~/.ssh/authorized_keys there)" >&2
fi

mkdir -p /run/sshd
chmod 0755 /run/sshd
exec /usr/sbin/sshd -D -e -o "AllowUsers=$user"
