# Sourced by examples/*/run.sh. Builds what is missing or older than its sources (the fat jar and
# the API jar with ./mvnw install at the project's root, the example's plugin with its own pom),
# then runs the fat jar with the plugin on loader.path, in the foreground: exec, so that SIGTERM
# reaches the JVM, which drains and exits.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VERSION=0.1.0-SNAPSHOT

# stale FILE PATH...: FILE is missing, or something under PATH... is newer
stale() {
    local file=$1
    shift
    [ ! -f "$file" ] || [ -n "$(find "$@" -newer "$file" -print -quit)" ]
}

# run_example DIR PLUGIN_JAR PORT [ARG...]: the ARGs go to the application (--tcp.server.host=...).
# The API jar is looked for where Maven installs it by default (~/.m2/repository); with another
# local repository, the plugin's every rebuild installs it again first.
run_example() {
    local dir plugin port fat api
    dir=$(cd "$1" && pwd)
    plugin="$dir/target/$2"
    port=${3:?usage: run.sh PORT [--property=value ...]}
    shift 3
    fat="$ROOT/target/tcp-gateway-$VERSION.jar"
    api="$HOME/.m2/repository/io/tcpgateway/tcp-gateway/$VERSION/tcp-gateway-$VERSION-api.jar"
    if stale "$fat" "$ROOT/pom.xml" "$ROOT/src/main" \
        || { stale "$plugin" "$dir/pom.xml" "$dir/src/main" && stale "$api" "$ROOT/pom.xml" "$ROOT/src/main"; }; then
        (cd "$ROOT" && ./mvnw -q -B install -DskipTests)
    fi
    if stale "$plugin" "$dir/pom.xml" "$dir/src/main"; then
        "$ROOT/mvnw" -q -B -f "$dir/pom.xml" package
    fi
    exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Dloader.path="$plugin" -jar "$fat" \
        --spring.config.additional-location="file:$dir/application.yml" \
        --tcp.server.port="$port" --server.port="${SERVER_PORT:-0}" "$@"
}
