#!/usr/bin/env bash
# Write latency (create plus delete of an auth group, over a member's unix socket, one client) on real daemon processes
# on loopback: a standalone server, a single-member cluster, and a three-member cluster through its leader and through
# a follower. Prints p50, p90, p99 and max per set-up.
# Usage: bench/cluster-write-latency.sh [iterations=1000] [warmup-iterations=2000]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
. "$root/bin/lib/java.sh"
. "$root/bench/lib.sh"
bench_require_jars
bench_require_bench_jar
echo "before: $(bench_load_average)"
# JXD_BENCH_DIRECTORY=/dev/shm puts the state directories on a tmpfs, where fsync costs nothing
bench_run_java -Djxd.repository="$root" -Djxd.bench.directory="${JXD_BENCH_DIRECTORY:-/tmp}" dev.jxd.bench.ClusterWriteLatencyBenchmark "${1:-1000}" "${2:-2000}"
echo "after: $(bench_load_average); target (cluster-3): p50 <= 10 ms, p99 <= 50 ms"
