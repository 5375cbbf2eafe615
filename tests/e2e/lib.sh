# lib.sh - the end-to-end test bed's harness (sourced by tests/e2e/run.sh
# and the case files tests/e2e/test-*.sh; not run on its own).
#
# The bed: an ordinary user ($E2E_USER, passwordless sudo, an SSH key), a
# test tree ($E2E_TREE: mpd, its plugins, and MPD_TEST_ROOT=$E2E_ROOT with
# the assets and mpd.ini), a containers.conf for these machines
# ($E2E_CONF, via CONTAINERS_CONF: runc and ulimits - harness only, never
# the product), and a network namespace ($E2E_NS) where mpd and every
# container run.  Images are built outside the namespace (the mirror is
# reachable only there; podman's image store is shared).  teardown_bed
# removes everything the bed made; run.sh calls it on exit, failure and
# Ctrl-C.
#
# Helpers for case files:
#   ok / bad MSG / finish                 counting, as tests/scripts/lib.sh
#   expect_eq WHAT WANT GOT               equal, else FAIL naming both
#   expect_in WHAT NEEDLE GOT             GOT contains NEEDLE
#   expect_not_in WHAT NEEDLE GOT         GOT does not contain NEEDLE
#   expect_run WHAT RC CMD...             CMD exits RC (sets $out, $rc)
#   R CMD...                              as root (sudo -n when not root)
#   P ARGS...                             root podman, outside the namespace
#   in_ns CMD...                          as root inside the namespace
#   podman_ns ARGS...                     root podman inside the namespace
#   as_user CMD...                        as $E2E_USER, outside (image builds)
#   in_ns_user CMD...                     as $E2E_USER inside the namespace
#   run_mpd ARGS...                       mpd as $E2E_USER in the namespace:
#                                         sets $out (stdout+stderr), $rc
#   expect_mpd RC NEEDLE ARGS...          run_mpd, then check RC and NEEDLE
#   client_run CMD...                     a throwaway container of the client
#                                         image (curl, dig, ssh, openssl,
#                                         ping) on mpd-internal; extra podman
#                                         run options in $CLIENT_OPTS
#   client_on NET CMD...                  the same on network NET
#   e2e_dig NAME [TYPE]                   dig @10.163.0.3 from the namespace
#                                         (+short; sets $out, $rc)
#   e2e_wait SECONDS CMD...               retry CMD every 0.2 s until it
#                                         succeeds or SECONDS pass
#   run_mpd_outside ARGS...               mpd as $E2E_USER OUTSIDE the
#                                         namespace, for `--images` (builds
#                                         need the mirror): sets $out, $rc
#
#   e2e_browser_trust / e2e_browser_check  an HTTPS page in headless
#                                         Chromium trusting only mpd's CA
#                                         (tests/e2e/browser.sh)
#
# Variables run.sh sets before sourcing: E2E_TOP, E2E_BUILD, E2E_LOGS,
# E2E_CONF, JOBS; setup_bed sets E2E_TREE, E2E_ROOT, E2E_HOME, E2E_ASSETS,
# E2E_SSH_KEY (for the case files).
# shellcheck disable=SC2034,SC2153 # variables shared with run.sh and cases

# ---- settings (environment may override) ----------------------------------
E2E_USER=${E2E_USER:-mpde2e}
E2E_NS=${E2E_NS:-mpd-e2e}
E2E_BASE=${E2E_BASE:-localhost/mpd-debian:trixie}
E2E_BASE_BOOKWORM=${E2E_BASE_BOOKWORM:-localhost/mpd-debian:bookworm}
E2E_CLIENT_IMAGE=localhost/mpd-e2e-client:trixie
E2E_TRIXIE_IMAGE=localhost/mpd-e2e-trixie-build:latest
E2E_TEST_NET=mpd-e2e-net		# test-only network of the bed cases
E2E_TEST_SUBNET=10.199.0		# first three octets; see e2e_free_subnet
E2E_LABEL=mpd.e2e			# label on everything test-only
E2E_MARK=/run/mpd-e2e.active		# a bed is (or was, until killed) up
E2E_DNS=10.163.0.3

pass=${pass:-0}
failn=${failn:-0}

# shellcheck source=browser.sh
. "$E2E_TOP/tests/e2e/browser.sh"

# ---- counting ----------------------------------------------------------------
ok() { pass=$((pass + 1)); }
bad() { failn=$((failn + 1)); printf 'FAIL: %s\n' "$*"; }
finish() {
	echo "$pass passed, $failn failed"
	[ "$failn" -eq 0 ]
}

expect_eq() {
	if [ "$2" = "$3" ]; then
		ok
	else
		bad "$1: expected '$2', got '$3'"
	fi
}

expect_in() {
	case "$3" in
	*"$2"*) ok ;;
	*) bad "$1: expected output containing '$2', got: $3" ;;
	esac
}

expect_not_in() {
	case "$3" in
	*"$2"*) bad "$1: expected no '$2', got: $3" ;;
	*) ok ;;
	esac
}

expect_run() {
	what=$1
	want_rc=$2
	shift 2
	out=$("$@" 2>&1)
	rc=$?
	if [ "$rc" -eq "$want_rc" ]; then
		ok
	else
		bad "$what: expected exit $want_rc, got $rc: $out"
	fi
}

note() { printf 'e2e: %s\n' "$*"; }

# ---- running things where they belong ---------------------------------------
R() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	else
		sudo -n "$@"
	fi
}

P() { R env CONTAINERS_CONF="$E2E_CONF" podman "$@"; }

in_ns() {
	R nsenter --net="/run/netns/$E2E_NS" env CONTAINERS_CONF="$E2E_CONF" "$@"
}

podman_ns() { in_ns podman "$@"; }

# The user's environment: clean, with the test tree's paths.  mpd finds
# CONTAINERS_CONF in it and passes it on (sudo keeps it: see setup_bed).
# `mpd --stop` never powers this machine off (mpd's documented hatch; the
# user's sudo rule refuses poweroff/reboot/halt as well).
user_env() {
	echo env -i HOME="$E2E_HOME" USER="$E2E_USER" LOGNAME="$E2E_USER" \
		SHELL=/bin/sh LANG=C.UTF-8 \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		CONTAINERS_CONF="$E2E_CONF" MPD_TEST_ROOT="$E2E_ROOT" \
		MPD_PLUGIN_PATH="$E2E_TREE/plugins" \
		MPD_STOP_DOES_NOT_SHUTDOWN_VM=1
}

as_user() {
	# shellcheck disable=SC2046 # user_env prints words on purpose
	R setpriv --reuid="$E2E_USER" --regid="$E2E_USER" --init-groups \
		--reset-env -- $(user_env) "$@"
}

in_ns_user() {
	# shellcheck disable=SC2046 # user_env prints words on purpose
	R nsenter --net="/run/netns/$E2E_NS" setpriv --reuid="$E2E_USER" \
		--regid="$E2E_USER" --init-groups --reset-env -- $(user_env) "$@"
}

run_mpd() {
	out=$(cd / && in_ns_user "$E2E_TREE/bin/mpd" "$@" 2>&1)
	rc=$?
}

run_mpd_outside() {
	out=$(cd / && as_user "$E2E_TREE/bin/mpd" "$@" 2>&1)
	rc=$?
}

expect_mpd() {
	want_rc=$1
	needle=$2
	shift 2
	run_mpd "$@"
	if [ "$rc" -ne "$want_rc" ]; then
		bad "mpd $*: expected exit $want_rc, got $rc: $out"
		return
	fi
	case "$out" in
	*"$needle"*) ok ;;
	*) bad "mpd $*: expected output containing '$needle', got: $out" ;;
	esac
}

# A throwaway container of the client image on network NET (extra
# `podman run` options, e.g. a CA mount, in $CLIENT_OPTS, split on blanks).
client_on() {
	net=$1
	shift
	# shellcheck disable=SC2086 # CLIENT_OPTS is a word list on purpose
	podman_ns run --rm --network "$net" --dns "$E2E_DNS" \
		--label "$E2E_LABEL=true" ${CLIENT_OPTS:-} "$E2E_CLIENT_IMAGE" "$@"
}

client_run() { client_on mpd-internal "$@"; }

# Set E2E_TEST_SUBNET to a /24 no podman network of this machine uses
# (podman refuses a subnet another network's config holds, whatever the
# namespace).
e2e_free_subnet() {
	# shellcheck disable=SC2046 # the list of network names
	used=" $(P network inspect --format '{{range .Subnets}}{{.Subnet}} {{end}}' \
		$(P network ls -q) 2>/dev/null | tr '\n' ' ') "
	for c in 199 198 197 196 195 194 193 192 191 190; do
		case "$used" in
		*" 10.$c.0.0/24 "*) ;;
		*) E2E_TEST_SUBNET=10.$c.0; return 0 ;;
		esac
	done
	return 1
}

e2e_dig() {
	out=$(in_ns dig +short +time=2 +tries=1 "@$E2E_DNS" "$1" "${2:-A}" 2>&1)
	rc=$?
}

e2e_wait() {
	limit=$1
	shift
	end=$(($(date +%s) + limit))
	while :; do
		if "$@" >/dev/null 2>&1; then
			return 0
		fi
		[ "$(date +%s)" -ge "$end" ] && return 1
		sleep 0.2
	done
}

# ---- stages ------------------------------------------------------------------

# stage NAME FUNC...: run FUNC, print its duration; a failure counts as
# one FAIL naming the stage and the tail of its log ($E2E_LOGS/NAME.log).
stage() {
	name=$1
	shift
	t0=$(date +%s)
	log="$E2E_LOGS/$name.log"
	if "$@" >"$log" 2>&1; then
		note "$name: ok ($(($(date +%s) - t0)) s)"
		return 0
	fi
	bad "$name failed after $(($(date +%s) - t0)) s (log: $log): $(tail -n 15 "$log")"
	return 1
}

# ---- the machine: packages, the containers.conf, images ----------------------

# The machine's packages: the rows of bootstrap/packages.txt for mpd itself,
# the bed, building and the rest of the suite, for this release.
E2E_ROLES="product bed build suite"

e2e_install_deps() {
	# shellcheck disable=SC2086 # the roles are split on purpose
	sh "$E2E_TOP/bootstrap/packages.sh" install $E2E_ROLES
}

# These machines' podman needs runc (crun refuses the hybrid cgroups) and
# ulimits within the hard RLIMIT_NPROC.  Harness only: the product never
# sees this file except through CONTAINERS_CONF.
e2e_write_conf() {
	printf '%s\n' '[containers]' \
		'default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]' \
		'[engine]' 'runtime = "runc"' | R tee "$E2E_CONF" >/dev/null &&
		R chmod 644 "$E2E_CONF"
}

e2e_base_image() {
	if [ "$E2E_BASE" = localhost/mpd-debian:trixie ]; then
		sh "$E2E_TOP/bootstrap/base-image.sh" || return 1
	elif ! P image exists "$E2E_BASE"; then
		P pull "$E2E_BASE" || return 1
	fi
	# the php82 runtime's base (Moodle 4.5 refuses trixie's PHP 8.4)
	if [ "$E2E_BASE_BOOKWORM" = localhost/mpd-debian:bookworm ]; then
		sh "$E2E_TOP/bootstrap/base-image.sh" --suite bookworm \
			--tag "$E2E_BASE_BOOKWORM"
	elif ! P image exists "$E2E_BASE_BOOKWORM"; then
		P pull "$E2E_BASE_BOOKWORM"
	fi
}

# e2e_image TAG DIR ROLE: build DIR/Containerfile FROM the base as TAG,
# with the packages of ROLE for trixie (bootstrap/packages.txt) as the
# build argument PKGS, unless podman has it with the same inputs (the
# files in DIR, the packages and the base's ID).
e2e_image() {
	tag=$1
	dir=$2
	pkgs=$(sh "$E2E_TOP/bootstrap/packages.sh" --release trixie list "$3") ||
		return 1
	base_id=$(P image inspect --format '{{.Id}}' "$E2E_BASE") || return 1
	sum=$( (cd "$dir" && find . -type f | LC_ALL=C sort | xargs sha256sum;
		echo "$E2E_BASE $base_id $pkgs") | sha256sum | cut -c1-64)
	have=$(P image inspect --format '{{index .Labels "mpd.e2e.inputs"}}' \
		"$tag" 2>/dev/null || true)
	if [ "$have" = "$sum" ]; then
		echo "$tag is current"
		return 0
	fi
	P build --network=host --build-arg BASE="$E2E_BASE" \
		--build-arg PKGS="$pkgs" --label "mpd.e2e.inputs=$sum" -t "$tag" \
		-f "$dir/Containerfile" "$dir"
}

e2e_client_image() {
	e2e_image "$E2E_CLIENT_IMAGE" "$E2E_TOP/tests/e2e/client" client
}

# ---- building mpd --------------------------------------------------------------

# The value of make variable $1 in the build directory.
make_var() {
	# shellcheck disable=SC2016 # $(...) is make's, not the shell's
	printf 'e2e-print-var:\n\t@echo $(%s)\n' "$1" |
		make -s -C "$E2E_BUILD" -f Makefile -f - e2e-print-var
}

e2e_build_mpd() {
	if [ ! -f "$E2E_BUILD/Makefile" ]; then
		[ -x "$E2E_TOP/configure" ] || (cd "$E2E_TOP" && ./autogen.sh) ||
			return 1
		mkdir -p "$E2E_BUILD" &&
			(cd "$E2E_BUILD" && "$E2E_TOP/configure" -q) || return 1
	fi
	make -C "$E2E_BUILD" -j"$JOBS" && make -C "$E2E_BUILD" e2e_images
}

# ---- the trixie check -----------------------------------------------------------

# Build mpd and run `make check` inside Debian trixie (the target OS:
# mbedTLS 3.6, json-c 0.18, inih 59), from a copy of the source tree mounted
# read-only, without network.
e2e_trixie_check() {
	e2e_image "$E2E_TRIXIE_IMAGE" "$E2E_TOP/tests/e2e/trixie" build ||
		return 1
	P run --rm --network=none --label "$E2E_LABEL=true" \
		-v "$E2E_TOP:/src:ro" "$E2E_TRIXIE_IMAGE" \
		sh /src/tests/e2e/trixie/check.sh
}

# ---- the bed ---------------------------------------------------------------------

# Refuse to touch a machine where mpd (not a previous run of this suite)
# owns containers, the network or the volume: the teardown would remove
# them.  A previous run's leftovers (its mark in /run) are removed first.
e2e_preflight() {
	if [ -f "$E2E_MARK" ]; then
		cur=$E2E_TREE
		E2E_TREE=$(cat "$E2E_MARK")
		note "removing what an earlier run left ($E2E_TREE)"
		E2E_OWN_USER=yes
		teardown_bed
		E2E_TORN=""
		E2E_OWN_USER=""
		E2E_TREE=$cur
		return 0
	fi
	[ "${E2E_FORCE:-0}" = 1 ] && return 0
	found=""
	[ -n "$(P ps -aq --filter label=mpd.managed=true 2>/dev/null)" ] &&
		found="$found containers labelled mpd.managed=true,"
	P network exists mpd-internal 2>/dev/null && found="$found network mpd-internal,"
	P volume exists mpd-data-volume 2>/dev/null && found="$found volume mpd-data-volume,"
	id "$E2E_USER" >/dev/null 2>&1 && found="$found user $E2E_USER,"
	[ -e "/run/netns/$E2E_NS" ] && found="$found namespace $E2E_NS,"
	if [ -n "$found" ]; then
		echo "this machine already has${found%,}: the suite would remove them; run it on a machine without mpd (or set E2E_FORCE=1 to remove them)"
		return 1
	fi
	return 0
}

# ---- what mpd --setup changes on the machine itself ----------------------------
# On a real VM --setup trusts mpd's CA system-wide, adds a Firefox policy
# and, where systemd-resolved runs, a resolver drop-in.  The bed lets it,
# and puts the machine back: save_host copies these files (and notes the
# directories that did not exist) into $E2E_TREE/saved before anything
# runs; restore_host puts them back or removes them.
E2E_HOST_FILES="ca:/usr/local/share/ca-certificates/mpd-rootCA.crt \
firefox:/etc/firefox/policies/policies.json \
resolved:/etc/systemd/resolved.conf.d/mpd.conf"
E2E_HOST_DIRS="/etc/firefox /etc/firefox/policies /etc/systemd/resolved.conf.d"

# One line per host file: its path and checksum, or "absent".
host_state() {
	for kv in $E2E_HOST_FILES; do
		p=${kv#*:}
		if [ -e "$p" ]; then
			echo "$p $(R sha256sum <"$p" | cut -c1-16)"
		else
			echo "$p absent"
		fi
	done
	for d in $E2E_HOST_DIRS; do
		[ -d "$d" ] && echo "$d dir"
	done
	return 0
}

save_host() {
	saved=$E2E_TREE/saved
	R mkdir -p -m 700 "$saved" || return 1
	for kv in $E2E_HOST_FILES; do
		p=${kv#*:}
		if [ -e "$p" ]; then
			R cp -p "$p" "$saved/${kv%%:*}" || return 1
		fi
	done
	for d in $E2E_HOST_DIRS; do
		[ -d "$d" ] || echo "$d"
	done | R tee "$saved/absent-dirs" >/dev/null || return 1
	R touch "$saved/.done"
}

restore_host() {
	saved=$E2E_TREE/saved
	[ -n "${E2E_TREE:-}" ] && R test -f "$saved/.done" || return 0
	ca=no
	resolved=no
	for kv in $E2E_HOST_FILES; do
		k=${kv%%:*}
		p=${kv#*:}
		if R test -e "$saved/$k"; then
			R cmp -s "$saved/$k" "$p" && continue
			R cp -p "$saved/$k" "$p"
		elif [ -e "$p" ]; then
			R rm -f "$p"
		else
			continue
		fi
		[ "$k" = ca ] && ca=yes
		[ "$k" = resolved ] && resolved=yes
	done
	R cat "$saved/absent-dirs" | sort -r | while read -r d; do
		[ -n "$d" ] && [ -d "$d" ] && R rmdir "$d" 2>/dev/null
	done
	[ "$ca" = yes ] && R update-ca-certificates --fresh >/dev/null 2>&1
	if [ "$resolved" = yes ] && systemctl is-active -q systemd-resolved 2>/dev/null; then
		R systemctl reload systemd-resolved
	fi
	return 0
}

# e2e_platform_env: the VM's identity as mpd-virt would write it, when no
# case has yet (a case run alone with E2E_ONLY)
e2e_platform_env() {
	R test -f "$E2E_ROOT/var/lib/mpd/conf/platform.env" && return 0
	printf '%s\n' MPD_PLATFORM=machine MPD_VM_IP=192.0.2.10 MPD_INSTANCE_SUFFIX= |
		R tee "$E2E_ROOT/var/lib/mpd/conf/platform.env" >/dev/null &&
		R chown "$E2E_USER:$E2E_USER" "$E2E_ROOT/var/lib/mpd/conf/platform.env"
}

setup_bed() {
	save_host || return 1
	# the user, with passwordless sudo that keeps CONTAINERS_CONF
	R useradd --create-home --user-group --shell /bin/sh "$E2E_USER" ||
		return 1
	E2E_OWN_USER=yes
	E2E_HOME=$(getent passwd "$E2E_USER" | cut -d: -f6)
	printf '%s\n' "Defaults:$E2E_USER env_keep += \"CONTAINERS_CONF\"" \
		"Defaults:$E2E_USER !requiretty" \
		"Cmnd_Alias MPD_E2E_POWER = /usr/bin/systemctl poweroff*, /bin/systemctl poweroff*, /usr/bin/systemctl reboot*, /bin/systemctl reboot*, /usr/bin/systemctl halt*, /bin/systemctl halt*, /usr/sbin/poweroff, /usr/sbin/reboot, /usr/sbin/halt, /usr/sbin/shutdown, /sbin/poweroff, /sbin/reboot, /sbin/halt, /sbin/shutdown" \
		"$E2E_USER ALL=(ALL:ALL) NOPASSWD: ALL, !MPD_E2E_POWER" |
		R tee /etc/sudoers.d/mpd-e2e >/dev/null &&
		R chmod 440 /etc/sudoers.d/mpd-e2e &&
		R visudo -cqf /etc/sudoers.d/mpd-e2e || return 1
	as_user mkdir -p -m 700 "$E2E_HOME/.ssh" &&
		as_user ssh-keygen -q -t ed25519 -N '' -C "$E2E_USER@mpd-e2e" \
			-f "$E2E_HOME/.ssh/id_ed25519" || return 1
	E2E_SSH_KEY=$E2E_HOME/.ssh/id_ed25519

	# the tree: mpd, its plugins, the assets and mpd.ini under the root
	assetsdir=$(make_var assetsdir) || return 1
	plugins=$(make_var plugin_LTLIBRARIES) || return 1
	E2E_ASSETS=$E2E_ROOT$assetsdir
	R mkdir -p "$E2E_TREE/bin" "$E2E_TREE/plugins" "$E2E_ASSETS" \
		"$E2E_ROOT/var/lib/mpd/conf" || return 1
	R cp "$E2E_BUILD/mpd" "$E2E_BUILD/e2e_images" "$E2E_TREE/bin/" ||
		return 1
	for la in $plugins; do
		R cp "$E2E_BUILD/.libs/${la%.la}.so" "$E2E_TREE/plugins/" ||
			return 1
	done
	R cp -R "$E2E_TOP/assets/." "$E2E_ASSETS/" || return 1
	# what this host trusts, where mpd's image builds look for it (under
	# the test root): npm behind a TLS-inspecting proxy needs it
	if [ -r /etc/ssl/certs/ca-certificates.crt ]; then
		R mkdir -p "$E2E_ROOT/etc/ssl/certs" &&
			R cp /etc/ssl/certs/ca-certificates.crt "$E2E_ROOT/etc/ssl/certs/" ||
			return 1
	fi
	printf '%s\n' '[images]' "base = $E2E_BASE" \
		"base_bookworm = $E2E_BASE_BOOKWORM" |
		R tee "$E2E_ROOT/var/lib/mpd/conf/mpd.ini" >/dev/null || return 1
	R chown -R "$E2E_USER:$E2E_USER" "$E2E_ROOT/var" || return 1
	R chmod -R go-w "$E2E_TREE/bin" "$E2E_TREE/plugins" "$E2E_ROOT/var" ||
		return 1

	# the namespace: only loopback, up
	R ip netns add "$E2E_NS" && R ip -n "$E2E_NS" link set lo up
}

# Remove everything the bed made; safe to call twice and after a partial
# setup.  Prints what it removes; never fails.
teardown_bed() {
	[ -n "${E2E_TORN:-}" ] && return 0
	E2E_TORN=yes
	t0=$(date +%s)
	if [ -e "/run/netns/$E2E_NS" ]; then
		pm=podman_ns
	else
		pm=P
	fi
	ids=$( (P ps -aq --filter label=mpd.managed=true
		P ps -aq --filter "label=$E2E_LABEL=true") 2>/dev/null | sort -u)
	# shellcheck disable=SC2086 # a list of container IDs
	[ -n "$ids" ] && $pm rm -f -t 0 $ids >/dev/null 2>&1
	pods=$(P pod ps -q --filter label=mpd.managed=true 2>/dev/null)
	# shellcheck disable=SC2086 # a list of pod IDs
	[ -n "$pods" ] && $pm pod rm -f $pods >/dev/null 2>&1
	for n in mpd-internal "$E2E_TEST_NET"; do
		P network exists "$n" 2>/dev/null && P network rm -f "$n" >/dev/null 2>&1
	done
	P volume exists mpd-data-volume 2>/dev/null &&
		P volume rm -f mpd-data-volume >/dev/null 2>&1
	P rmi -f localhost/mpd-e2e-images:test >/dev/null 2>&1
	[ -e "/run/netns/$E2E_NS" ] && R ip netns delete "$E2E_NS"
	if [ "${E2E_OWN_USER:-}" = yes ] && id "$E2E_USER" >/dev/null 2>&1; then
		[ -e "/var/lib/systemd/linger/$E2E_USER" ] &&
			R loginctl disable-linger "$E2E_USER" 2>/dev/null
		R userdel -r -f "$E2E_USER" 2>/dev/null
	fi
	R rm -f /etc/sudoers.d/mpd-e2e
	restore_host
	case "${E2E_TREE:-}" in
	/var/lib/mpd-e2e.* | /var/tmp/mpd-e2e.*) R rm -rf "$E2E_TREE" ;;
	esac
	R rm -f "$E2E_MARK"
	note "teardown: done ($(($(date +%s) - t0)) s)"
	return 0
}

# What a teardown must have left: nothing of the bed.
check_clean() {
	left=""
	[ -n "$(P ps -aq --filter label=mpd.managed=true)" ] && left="$left mpd containers,"
	[ -n "$(P ps -aq --filter "label=$E2E_LABEL=true")" ] && left="$left test containers,"
	P network exists mpd-internal && left="$left network mpd-internal,"
	P network exists "$E2E_TEST_NET" && left="$left network $E2E_TEST_NET,"
	P volume exists mpd-data-volume && left="$left volume mpd-data-volume,"
	[ -e "/run/netns/$E2E_NS" ] && left="$left namespace,"
	id "$E2E_USER" >/dev/null 2>&1 && left="$left user,"
	[ -e "$E2E_TREE" ] && left="$left test tree,"
	[ -e /etc/sudoers.d/mpd-e2e ] && left="$left sudoers file,"
	expect_eq "teardown leaves nothing behind" "" "${left%,}"
	expect_eq "the machine's CA trust, Firefox policy and resolver are as before" \
		"$E2E_HOST_BEFORE" "$(host_state)"
}
