#!/usr/bin/env bash
# Idle resident memory of the daemon: starts bin/jxd on a fresh state directory, waits for its first
# answer on the unix socket, lets it sit idle, then reads VmRSS (and VmHWM, the peak) from /proc.
# Usage: bench/idle-rss.sh [idle-seconds]   (default 10)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
. "$root/bin/lib/java.sh"
. "$root/bench/lib.sh"
idle="${1:-10}"
bench_require_jars
work="$(mktemp -d "${TMPDIR:-/tmp}/jxd-rss.XXXXXX")"
trap 'bench_stop_daemon; rm -rf "$work"' EXIT

bench_start_daemon "$work/state"
bench_wait_ready "$work/state"
sleep "$idle"
rss_kib="$(awk '/^VmRSS:/ { print $2 }' "/proc/$BENCH_DAEMON_PID/status")"
peak_kib="$(awk '/^VmHWM:/ { print $2 }' "/proc/$BENCH_DAEMON_PID/status")"
threads="$(awk '/^Threads:/ { print $2 }' "/proc/$BENCH_DAEMON_PID/status")"
awk -v rss="$rss_kib" -v peak="$peak_kib" -v idle="$idle" -v threads="$threads" 'BEGIN {
    printf "idle-rss: %.1f MiB after %d s idle (peak %.1f MiB, %d threads); target <= 128 MiB\n", rss / 1024, idle, peak / 1024, threads
}'
