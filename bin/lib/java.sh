# Shared by bin/jxd, bin/jxc and bin/test: find a JDK 25 without the user having to say where it is.
# Order: $JAVA_HOME, then the usual JVM folders. A JDK is recognised by its `release` file.

jxd_java_version() {
    local home="$1"
    [ -x "$home/bin/java" ] || return 1
    if [ -f "$home/release" ]; then
        sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release"
    else
        "$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
    fi
}

jxd_find_java() {
    local candidate
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* /usr/lib/jvm/jdk-25* \
                     /usr/lib/jvm/*25* /opt/java/*25* /opt/jdk-25* /usr/local/lib/jvm/*25*; do
        [ -n "$candidate" ] || continue
        if [ "$(jxd_java_version "$candidate")" = "25" ]; then
            echo "$candidate"
            return 0
        fi
    done
    echo "Error: jxd needs a JDK 25, and none was found in \$JAVA_HOME or /usr/lib/jvm." >&2
    echo "Install one (for example Temurin 25) and set JAVA_HOME to it." >&2
    return 1
}

# The JVM options of the daemon and of jxc live in daemon/jvm.options and cli/jvm.options, which bin/jxd and
# bin/jxc pass as @argfiles and the build's AOT training runs read too.
