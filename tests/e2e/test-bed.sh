# test-bed.sh - the bed itself works (sourced by run.sh): the namespace is
# isolated, the user is who mpd will run as, and a real container from the
# base image runs inside the namespace on a test-only network, answers, is
# invisible from the machine's own network, and is cleaned up.

# the namespace: only loopback, and it is up
out=$(in_ns ip -o link show 2>&1)
expect_eq "namespace links" "lo" "$(echo "$out" | awk -F': ' '{print $2}' | tr '\n' ' ' | sed 's/ $//')"
expect_in "namespace loopback" "UP" "$out"
expect_run "ping loopback in the namespace" 0 in_ns ping -c 1 -W 2 127.0.0.1

# the user: who mpd runs as, with passwordless sudo that keeps CONTAINERS_CONF
expect_eq "user in the namespace" "$E2E_USER" "$(in_ns_user id -un 2>&1)"
expect_run "sudo -n as the user" 0 in_ns_user sudo -n true
expect_eq "CONTAINERS_CONF through sudo" "$E2E_CONF" \
	"$(in_ns_user sudo -n printenv CONTAINERS_CONF 2>&1)"
expect_eq "MPD_TEST_ROOT for the user" "$E2E_ROOT" \
	"$(in_ns_user printenv MPD_TEST_ROOT 2>&1)"
# (sudo -l only asks: never try the real thing)
expect_run "the user may not power the machine off" 1 in_ns_user sudo -n -l systemctl poweroff
expect_run "the user may not reboot the machine" 1 in_ns_user sudo -n -l /sbin/reboot
expect_run "the user's SSH key" 0 in_ns_user test -s "$E2E_SSH_KEY.pub"
expect_run "the user writes the test tree" 0 in_ns_user touch "$E2E_ROOT/var/lib/mpd/.e2e"
expect_run "the user cannot write mpd's binary" 1 in_ns_user test -w "$E2E_TREE/bin/mpd"

# a container from the base image, inside the namespace, on a test network
probe=mpd-e2e-probe
e2e_free_subnet || bad "no free 10.19x.0.0/24 for the test network"
ip=$E2E_TEST_SUBNET.10
expect_run "create $E2E_TEST_NET in the namespace" 0 podman_ns network create \
	--disable-dns --subnet "$E2E_TEST_SUBNET.0/24" --label "$E2E_LABEL=true" \
	"$E2E_TEST_NET"
expect_run "run a container from $E2E_BASE" 0 podman_ns run -d --name "$probe" \
	--label "$E2E_LABEL=true" --network "$E2E_TEST_NET:ip=$ip" "$E2E_BASE" \
	sleep 600
out=$(podman_ns exec "$probe" cat /etc/debian_version 2>&1)
case "$out" in
13.*|trixie*) ok ;;
*) bad "the probe runs trixie: expected /etc/debian_version 13.x, got: $out" ;;
esac
expect_run "ping the container from the namespace" 0 in_ns ping -c 1 -W 2 "$ip"
expect_run "container to container (client image)" 0 \
	client_on "$E2E_TEST_NET" ping -c 1 -W 2 "$ip"
out=$(in_ns ip -o -4 addr show 2>&1)
expect_in "the bridge lives in the namespace" "$E2E_TEST_SUBNET.1/24" "$out"
out=$(R ip -o -4 addr show 2>&1)
expect_not_in "the bridge is not on the machine's network" "$E2E_TEST_SUBNET.1/24" "$out"
out=$(R ip -o route show 2>&1)
expect_not_in "no route to the test network outside the namespace" \
	"$E2E_TEST_SUBNET.0/24" "$out"

# cleaned up
expect_run "remove the probe" 0 podman_ns rm -f -t 0 "$probe"
expect_run "remove $E2E_TEST_NET" 0 podman_ns network rm "$E2E_TEST_NET"
expect_run "the probe is gone" 1 P container exists "$probe"
expect_run "$E2E_TEST_NET is gone" 1 P network exists "$E2E_TEST_NET"
out=$(in_ns ip -o link show 2>&1)
expect_eq "namespace links after cleanup" "lo" "$(echo "$out" | awk -F': ' '{print $2}' | tr '\n' ' ' | sed 's/ $//')"
