#!/usr/bin/env bash
# The web UI's cluster links page with 100 links: time from navigation start to the table showing every row, in
# Debian's Chromium presenting a trusted client certificate (UiRenderBenchmark, through Playwright), median of N
# runs, first visits ("cold") and returns ("warm"); and the gzipped size of the JavaScript the build ships. The
# daemon runs as bin/jxd runs it, in a throwaway state directory, serving the UI its jar bundles (or $JXD_UI).
# Usage: bench/ui-render.sh [runs=10] [links=100]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
. "$root/bin/lib/java.sh"
. "$root/bench/lib.sh"
runs="${1:-10}"; links="${2:-100}"
if ! command -v chromium >/dev/null 2>&1; then
    echo "Error: chromium is missing (apt-get install chromium)" >&2
    exit 1
fi
bench_require_jars
bench_require_bench_jar
# Playwright (200 MB with its driver) stays out of the shaded jar: its jars come from the local repository
classpath_file="$root/bench/target/playwright.classpath"
if [ ! -s "$classpath_file" ]; then
    (cd "$root" && JAVA_HOME="$(jxd_find_java)" mvn -q -B -ntp -pl bench dependency:build-classpath \
        -Dmdep.includeGroupIds=com.microsoft.playwright -Dmdep.outputFile="$classpath_file") >&2
fi
work="$(mktemp -d /tmp/jxd-ui.XXXXXX)"
trap 'bench_stop_daemon; rm -rf "$work"' EXIT

bench_start_daemon "$work/state"
bench_wait_ready "$work/state"
status="$(curl -s --unix-socket "$work/state/unix.socket" -o /dev/null -w '%{http_code}' http://x/ui/)"
if [ "$status" != "200" ]; then
    echo "Error: the daemon does not serve the UI (GET /ui/ answered $status): build the ui module, or set JXD_UI to a built ui/dist" >&2
    exit 1
fi

# Every JavaScript file the build ships (what ui/scripts/size.mjs budgets), gzip -9: from $JXD_UI when the daemon
# serves that, else from the daemon's jar
assets="$work/webui/assets"
if [ -n "${JXD_UI:-}" ] && [ -d "$JXD_UI" ]; then
    assets="$JXD_UI/assets"
else
    mkdir -p "$work/webui" && (cd "$work" && "$(jxd_find_java)/bin/jar" xf "$root/daemon/target/jxd.jar" webui/)
fi
js_total=0
for script in "$assets"/*.js; do
    js_total=$(( js_total + $(gzip -9 -c "$script" | wc -c) ))
done

echo "before: $(bench_load_average)"
"$(jxd_find_java)/bin/java" -cp "$root/bench/target/jxd-bench.jar:$(cat "$classpath_file")" dev.jxd.bench.UiRenderBenchmark \
    "$work/state" "$links" "$runs"
echo "js_gzip_kib=$(awk -v bytes="$js_total" 'BEGIN { printf "%.1f", bytes / 1024 }') ($(ls "$assets"/*.js | wc -l) files)"
echo "after: $(bench_load_average); targets: cold median <= 1000 ms, gzipped JavaScript <= 300 KiB"
