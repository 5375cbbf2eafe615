#!/bin/sh
# bench-certs.sh - time mpd's certificate work against the original's.
#
#   sh bench/bench-certs.sh ./bench_certs      (make bench-certs does this)
#
# (a) CA generation and (b) LEAVES leaf certificates with the cert-mbedtls
# plugin, in one process (bench_certs); (c) the original Swift mpd's way:
# an RSA-4096 CA from `openssl genrsa` + `openssl req -x509`, then per
# leaf `openssl genrsa 2048`, `openssl req -new` and `openssl x509 -req`:
# three processes and a fresh RSA key per certificate.
set -eu

bench=${1:?usage: bench-certs.sh path/to/bench_certs}
n=${BENCH_LEAVES:-100}

ms_since() {
	echo "$(( ($(date +%s%N) - $1) / 1000000 ))"
}

echo "== mpd: cert-mbedtls plugin ($(uname -m), $(nproc) cores)"
"$bench" "$n"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cd "$tmp"

echo "== original: openssl processes ($(openssl version))"
t=$(date +%s%N)
openssl genrsa -out rootCA-key.pem 4096 2>/dev/null
openssl req -new -x509 -days 3650 -key rootCA-key.pem -out rootCA.pem \
	-subj "/O=mpd.test local development CA/CN=mpd.test local development CA" \
	-addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
	-addext "keyUsage=critical,keyCertSign,cRLSign" \
	-addext "nameConstraints=critical,permitted;DNS:.mpd.test,permitted;DNS:mpd.test"
echo "original_ca_rsa4096_ms: $(ms_since "$t")"

t=$(date +%s%N)
i=0
while [ "$i" -lt "$n" ]; do
	i=$((i + 1))
	openssl genrsa -out "key$i.pem" 2048 2>/dev/null
	openssl req -new -key "key$i.pem" -out "leaf$i.csr" -subj "/CN=p$i.mpd.test"
	printf '%s\n' "authorityKeyIdentifier=keyid,issuer" \
		"basicConstraints=CA:FALSE" \
		"keyUsage = digitalSignature, nonRepudiation, keyEncipherment, dataEncipherment" \
		"subjectAltName = DNS:p$i.mpd.test, DNS:behat.p$i.mpd.test" > "leaf$i.ext"
	openssl x509 -req -in "leaf$i.csr" -CA rootCA.pem -CAkey rootCA-key.pem \
		-CAcreateserial -days 397 -extfile "leaf$i.ext" -out "leaf$i.pem" 2>/dev/null
done
total=$(ms_since "$t")
echo "original_leaves_rsa2048_total_ms: $total ($n leaves, $((n * 3)) processes)"
echo "original_leaf_rsa2048_avg_ms: $((total / n))"
openssl verify -CAfile rootCA.pem "leaf$n.pem" >/dev/null
