#!/usr/bin/env bash
# Cluster link set-up end to end: two daemons in one JVM on loopback; each sample creates a pending bidirectional
# link on A over A's unix socket (step 1) and completes it on B with A's token over B's unix socket (step 2, which
# verifies A, trusts it and has A activate its side). Both links are deleted after each sample, outside the timing,
# so the same pair links again. Prints the median, p90, min and max of steps 1+2 and of each step.
# Usage: bench/link-establish.sh [iterations=50] [warmup-iterations=20]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
. "$root/bin/lib/java.sh"
. "$root/bench/lib.sh"
bench_require_bench_jar
echo "before: $(bench_load_average)"
bench_run_java dev.jxd.bench.LinkEstablishmentBenchmark "${1:-50}" "${2:-20}"
echo "after: $(bench_load_average); target: median <= 50 ms"
