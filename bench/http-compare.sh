#!/usr/bin/env bash
# Authenticated HTTPS GET /1.0: jxd against LXD 5.0.2 (Debian's lxd), same machine, same run, same load tool.
# 8 closed-loop clients, each with its own keep-alive connection and the same trusted client certificate.
# Usage: bench/http-compare.sh [clients=8] [warmup-seconds=5] [seconds=20]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/bin/lib/java.sh"
JAVA_HOME="$(jxd_find_java)"; export JAVA_HOME
clients="${1:-8}"; warmup="${2:-5}"; seconds="${3:-20}"
work="$(mktemp -d /tmp/jxd-bench-XXXX)"
cleanup() { [ -n "${jxd_pid:-}" ] && kill "$jxd_pid" 2>/dev/null; [ -n "${lxd_pid:-}" ] && kill "$lxd_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

if ! command -v lxd >/dev/null; then
    [ "$(id -u)" = 0 ] || { echo "Error: LXD 5.0.2 is needed (apt-get install lxd)" >&2; exit 1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq lxd >/dev/null
fi
[ -f "$root/bench/target/jxd-bench.jar" ] || (cd "$root" && mvn -q -B -ntp -DskipTests -pl bench -am package)

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:secp384r1 -nodes -keyout "$work/client.key" \
    -out "$work/client.crt" -subj /CN=bench -days 30 2>/dev/null
openssl pkcs12 -export -out "$work/client.p12" -inkey "$work/client.key" -in "$work/client.crt" -passout pass:bench

# jxd, as bin/jxd runs it
JXD_DIR="$work/jxd" "$root/bin/jxd" --https-address 127.0.0.1:18443 >"$work/jxd.log" 2>&1 &
jxd_pid=$!
until curl -s --unix-socket "$work/jxd/unix.socket" http://x/1.0 >/dev/null 2>&1; do sleep 0.1; done
certificate_json=$(python3 -c 'import json,sys; print(json.dumps(open(sys.argv[1]).read()))' "$work/client.crt")
curl -s --unix-socket "$work/jxd/unix.socket" -X POST http://x/1.0/auth/identities/tls \
    -d "{\"name\":\"bench\",\"certificate\":$certificate_json,\"groups\":[\"admins\"]}" >/dev/null

# LXD 5.0.2
mkdir -p "$work/lxd"
LXD_DIR="$work/lxd" lxd --group root >"$work/lxd.log" 2>&1 &
lxd_pid=$!
LXD_DIR="$work/lxd" lxd waitready --timeout 60
LXD_DIR="$work/lxd" lxc config set core.https_address 127.0.0.1:8444
LXD_DIR="$work/lxd" lxc config trust add "$work/client.crt" >/dev/null

load() { "$JAVA_HOME/bin/java" -cp "$root/bench/target/jxd-bench.jar" dev.jxd.bench.HttpsGetLoad "$1" "$work/client.p12" bench "$clients" "$warmup" "$seconds"; }
echo "jxd: $(load https://127.0.0.1:18443/1.0)"
echo "lxd: $(load https://127.0.0.1:8444/1.0)"
echo "jxd RSS after load: $(( $(awk '/VmRSS/ {print $2}' /proc/$jxd_pid/status) / 1024 )) MiB"
