#!/usr/bin/env bash
# GET /1.0/cluster/links?recursion=1 and GET /1.0/auth/identities?recursion=1 of a daemon holding 1,000 links and
# 1,000 identities, under closed-loop HTTPS load from an admin client certificate. The daemon runs as bin/jxd runs
# it, in a throwaway state directory; LinkListLoad seeds it through the API (pending bidirectional links, each with
# its pending identity) and drives it, one URL after the other.
# Usage: bench/link-list.sh [clients=8] [warmup-seconds=10] [seconds=15] [links=1000]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
. "$root/bin/lib/java.sh"
. "$root/bench/lib.sh"
clients="${1:-8}"; warmup="${2:-10}"; seconds="${3:-15}"; links="${4:-1000}"
bench_require_jars
bench_require_bench_jar
# Short: the unix socket path must stay under 108 bytes
work="$(mktemp -d /tmp/jxd-list.XXXXXX)"
trap 'bench_stop_daemon; rm -rf "$work"' EXIT

bench_start_daemon "$work/state"
bench_wait_ready "$work/state"
echo "before: $(bench_load_average)"
# The load generator is a client: the JDK's defaults, not the daemon's options
"$(jxd_find_java)/bin/java" -cp "$root/bench/target/jxd-bench.jar" dev.jxd.bench.LinkListLoad \
    "$work/state" "$links" "$clients" "$warmup" "$seconds"
echo "after: $(bench_load_average); daemon RSS $(( $(awk '/VmRSS/ {print $2}' "/proc/$BENCH_DAEMON_PID/status") / 1024 )) MiB"
