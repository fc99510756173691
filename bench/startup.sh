#!/usr/bin/env bash
# Daemon start-up time: from launching bin/jxd to its first answer to
# `curl --unix-socket <state>/unix.socket http://x/1.0`, for a fresh state directory (certificate and
# database created) and for a restart on that same directory. Median of N runs (default 10).
# Usage: bench/startup.sh [runs]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
. "$root/bin/lib/java.sh"
. "$root/bench/lib.sh"
runs="${1:-10}"
bench_require_jars
work="$(mktemp -d "${TMPDIR:-/tmp}/jxd-startup.XXXXXX")"
trap 'bench_stop_daemon; rm -rf "$work"' EXIT

measure() {
    local state="$1" start
    start="$(bench_now_ns)"
    bench_start_daemon "$state"
    bench_wait_ready "$state"
    echo $(( ($(bench_now_ns) - start) / 1000000 ))
    bench_stop_daemon
}

fresh=()
restart=()
for run in $(seq 1 "$runs"); do
    state="$work/state-$run"
    fresh+=("$(measure "$state")")
    restart+=("$(measure "$state")")
done
echo "startup: first answer on the unix socket, median of $runs: fresh state dir $(bench_median "${fresh[@]}") ms" \
     "(min $(bench_min "${fresh[@]}"), max $(bench_max "${fresh[@]}")), restart $(bench_median "${restart[@]}") ms" \
     "(min $(bench_min "${restart[@]}"), max $(bench_max "${restart[@]}")); target <= 400 ms"
