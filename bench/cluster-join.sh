#!/usr/bin/env bash
# A member joining a cluster that holds many identities and links: a cluster of real daemon processes on loopback is
# filled through the API (pending bidirectional links, then pending TLS identities, from parallel clients), then
# `jxd --join` starts a new member; prints the time until it answers on its unix socket and until the leader reports it
# Online, and checks its copy of the state.
# Usage: bench/cluster-join.sh [identities=10000] [links=1000] [members=3] [clients=8]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
. "$root/bin/lib/java.sh"
. "$root/bench/lib.sh"
bench_require_jars
bench_require_bench_jar
echo "before: $(bench_load_average)"
bench_run_java -Djxd.repository="$root" dev.jxd.bench.ClusterJoinBenchmark "${1:-10000}" "${2:-1000}" "${3:-3}" "${4:-8}"
echo "after: $(bench_load_average)"
