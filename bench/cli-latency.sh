#!/usr/bin/env bash
# CLI latency: wall time of `bin/jxc query /1.0` over the unix socket against a running daemon, median of
# N runs (default 10) after one untimed run. Uses the daemon in $JXD_DIR when it answers, else starts one
# on a throwaway state directory. When Debian's lxc and a running LXD are present, `lxc query /1.0` is
# timed the same way for comparison.
# Usage: bench/cli-latency.sh [runs]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
. "$root/bin/lib/java.sh"
. "$root/bench/lib.sh"
runs="${1:-10}"
bench_require_jars
work="$(mktemp -d "${TMPDIR:-/tmp}/jxd-cli.XXXXXX")"
trap 'bench_stop_daemon; rm -rf "$work"' EXIT

if [ -z "${JXD_DIR:-}" ] || ! bench_answers "$JXD_DIR"; then
    export JXD_DIR="$work/state"
    bench_start_daemon "$JXD_DIR"
    bench_wait_ready "$JXD_DIR"
fi

# Prints the median wall time in ms of running "$@" $runs times (plus one untimed warm-up run).
time_command() {
    local times=() run start
    if ! "$@" >/dev/null; then
        echo "Error: $* failed" >&2
        return 1
    fi
    for run in $(seq 1 "$runs"); do
        start="$(bench_now_ns)"
        "$@" >/dev/null || return 1
        times+=($(( ($(bench_now_ns) - start) / 1000000 )))
    done
    echo "$(bench_median "${times[@]}") ms (min $(bench_min "${times[@]}"), max $(bench_max "${times[@]}"))"
}

jxc="$(time_command "$root/bin/jxc" query /1.0)"
line="cli-latency: median of $runs, jxc query /1.0 $jxc; target <= 150 ms"
if command -v lxc >/dev/null 2>&1 && lxc query /1.0 >/dev/null 2>&1; then
    lxc="$(time_command lxc query /1.0)"
    line="$line; lxc query /1.0 $lxc"
fi
echo "$line"
