#!/usr/bin/env bash
# Leader failover on a three-member cluster of real daemon processes on loopback: each round SIGKILLs the leader and
# times the first write either survivor acknowledges (one writer per survivor, over its unix socket), and when a
# survivor first names a new leader; the killed member is restarted from its state directory and the round ends when
# the leader reports it Online. Prints each round, then the median, p90, min and max.
# Usage: bench/cluster-failover.sh [rounds=10]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
. "$root/bin/lib/java.sh"
. "$root/bench/lib.sh"
bench_require_jars
bench_require_bench_jar
echo "before: $(bench_load_average)"
bench_run_java -Djxd.repository="$root" dev.jxd.bench.ClusterFailoverBenchmark "${1:-10}"
echo "after: $(bench_load_average); target: median first write <= 3 s after the kill"
