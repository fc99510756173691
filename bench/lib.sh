# Shared by the scripts in bench/: start and stop a daemon in a throwaway state directory, time things in
# milliseconds, take medians, build and run the benchmark jar.

bench_now_ns() {
    date +%s%N
}

# Median of the numbers given as arguments (the lower middle one for an even count).
bench_median() {
    printf '%s\n' "$@" | sort -n | awk '{ values[NR] = $1 } END { print values[int((NR + 1) / 2)] }'
}

bench_min() {
    printf '%s\n' "$@" | sort -n | head -n 1
}

bench_max() {
    printf '%s\n' "$@" | sort -n | tail -n 1
}

# True once the daemon whose state directory is $1 answers GET /1.0 on its unix socket.
bench_answers() {
    curl -sf --max-time 2 --unix-socket "$1/unix.socket" -o /dev/null http://x/1.0 2>/dev/null
}

# Starts bin/jxd on state directory $1 (HTTPS on a free loopback port) in the background, logging to
# $1.log, and sets BENCH_DAEMON_PID. bin/jxd execs java, so that is the JVM's pid.
bench_start_daemon() {
    local state="$1"
    "$root/bin/jxd" --state-dir "$state" --https-address 127.0.0.1:0 >"$state.log" 2>&1 &
    BENCH_DAEMON_PID=$!
}

# Waits (at most $2 seconds, default 60) until the daemon on state directory $1 answers; fails if it died.
# Until the socket exists it polls with shell builtins only: a loop that forks curl and sleep every few
# milliseconds takes a good part of a core, which on a two-core machine slows the start it is timing.
bench_wait_ready() {
    local state="$1" deadline=$(( ${EPOCHREALTIME%.*} + ${2:-60} )) tick
    exec {tick}<> <(:)
    until { [ -S "$state/unix.socket" ] && bench_answers "$state"; }; do
        if ! kill -0 "$BENCH_DAEMON_PID" 2>/dev/null; then
            exec {tick}>&-
            echo "Error: the daemon exited before answering; its log:" >&2
            cat "$state.log" >&2
            return 1
        fi
        if [ "${EPOCHREALTIME%.*}" -ge "$deadline" ]; then
            exec {tick}>&-
            echo "Error: the daemon did not answer on $state/unix.socket in time" >&2
            return 1
        fi
        # A builtin sleep: read times out on a pipe that nothing writes to
        read -r -t 0.002 -u "$tick" _ || true
    done
    exec {tick}>&-
}

bench_stop_daemon() {
    if [ -n "${BENCH_DAEMON_PID:-}" ] && kill -0 "$BENCH_DAEMON_PID" 2>/dev/null; then
        kill "$BENCH_DAEMON_PID" 2>/dev/null || true
        wait "$BENCH_DAEMON_PID" 2>/dev/null || true
    fi
    BENCH_DAEMON_PID=
}

# Builds the jars once up front so that no measurement includes a build.
bench_require_jars() {
    if [ ! -f "$root/daemon/target/jxd.jar" ] || [ ! -f "$root/cli/target/jxc.jar" ]; then
        echo "Building jxd and jxc..." >&2
        (cd "$root" && JAVA_HOME="$(jxd_find_java)" mvn -q -B -ntp -DskipTests -pl daemon,cli -am package) >&2
    fi
}

# Builds the benchmark jar (which embeds the daemon, for the benchmarks that start daemons in-process) once up
# front if it is missing. It is not rebuilt when the sources change: after a change, rebuild it with
# `mvn -q -B -ntp -DskipTests -pl bench -am package`.
bench_require_bench_jar() {
    if [ ! -f "$root/bench/target/jxd-bench.jar" ]; then
        echo "Building jxd-bench.jar..." >&2
        (cd "$root" && JAVA_HOME="$(jxd_find_java)" mvn -q -B -ntp -DskipTests -pl bench -am package) >&2
    fi
}

# Runs a main class of the benchmark jar with the daemon's JVM options (daemon/jvm.options: serial GC, heap), so
# that daemons started in-process run with the collector and heap bin/jxd gives them. Daemon logs go to stderr,
# at warn unless $JXD_LOG says otherwise.
bench_run_java() {
    JXD_LOG="${JXD_LOG:-warn}" "$(jxd_find_java)/bin/java" "@$root/daemon/jvm.options" -cp "$root/bench/target/jxd-bench.jar" "$@"
}

# "load average 1.23 0.98 0.75", the machine's load when a measurement starts; figures taken under load differ.
bench_load_average() {
    echo "load average $(cut -d ' ' -f 1-3 /proc/loadavg)"
}
