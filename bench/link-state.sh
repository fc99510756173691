#!/usr/bin/env bash
# GET /1.0/cluster/links/<name>/state of a link whose remote has three addresses: the remote daemon at 127.0.0.1,
# a blackhole (a port that accepts TCP and never answers) and the remote again at 127.0.0.2. Two daemons in one
# JVM; the remote listens on 0.0.0.0 for the duration of the run. Median, p90, min and max of N requests.
# Usage: bench/link-state.sh [iterations=20] [warmup-iterations=3]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
. "$root/bin/lib/java.sh"
. "$root/bench/lib.sh"
bench_require_bench_jar
echo "before: $(bench_load_average)"
bench_run_java dev.jxd.bench.LinkStateBenchmark "${1:-20}" "${2:-3}"
echo "after: $(bench_load_average); target: median <= 2000 ms"
