#!/usr/bin/env bash
# Shared by the benchmark scripts (sourced, from the project root, with WORK set): logging, the
# processes they start (remembered and stopped by PID on exit), the build, and the newest JDK.

STARTED=()

# The one argument every benchmark script takes: sets MODE to full, or smoke for --smoke.
bench_mode() {
	case "${1:-}" in
		--smoke) MODE=smoke ;;
		"") MODE=full ;;
		*) echo "usage: bash $0 [--smoke]" >&2; exit 2 ;;
	esac
}

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- processes: everything started is remembered and stopped by PID ---------------------------

stop_pid() {
	local pid=$1 i
	kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
	kill -TERM "$pid" 2>/dev/null || true
	for ((i = 0; i < 300; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null; then
		log "PID $pid did not stop within 30 s, killing it"
		kill -KILL "$pid" 2>/dev/null || true
	fi
	wait "$pid" 2>/dev/null || true
}

cleanup() {
	local pid
	for pid in "${STARTED[@]}"; do
		stop_pid "$pid"
	done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- build: the fat jar, and the harness (its own Maven project, bench/pom.xml) -------------------

# Sets CLASSPATH_BENCH and copies the fat jar to $WORK/app. With BENCH_APP_JAR (a built fat jar)
# and BENCH_CLASSPATH (the harness's classes and dependencies) both set, as the harness's own
# smoke test does from inside a Maven build, nothing is built.
build() {
	local jar
	if [[ -n ${BENCH_APP_JAR:-} && -n ${BENCH_CLASSPATH:-} ]]; then
		log "using $BENCH_APP_JAR and the given harness class path (no build)"
		jar=$BENCH_APP_JAR
		CLASSPATH_BENCH=$BENCH_CLASSPATH
	else
		log "building (./mvnw -B -q package -DskipTests)"
		./mvnw -B -q package -DskipTests
		./mvnw -B -q -f bench/pom.xml package -DskipTests
		./mvnw -B -q -f bench/pom.xml dependency:build-classpath -Dmdep.includeScope=runtime \
			-Dmdep.outputFile="$PWD/$WORK/classpath.txt"
		jar=$(ls target/tcp-gateway-*.jar | grep -v -e '-plain' -e '-api' | head -1)
		# a private copy: a rebuild in target/ while we run must not swap classes under a running JVM
		rm -rf "$WORK/bench-classes"
		cp -r bench/target/classes "$WORK/bench-classes"
		CLASSPATH_BENCH="$WORK/bench-classes:$(cat "$WORK/classpath.txt")"
	fi
	rm -rf "$WORK/app"
	mkdir -p "$WORK/app"
	cp "$jar" "$WORK/app/tcp-gateway.jar"
}

# The bench plugins (bench/plugin: commands on Spring Boot's loader path) compiled against the
# extracted fat jar, the way a user extends the app, into $WORK/plugin. Needs build first.
build_plugin() {
	rm -rf "$WORK/extracted" "$WORK/plugin"
	java -Djarmode=tools -jar "$WORK/app/tcp-gateway.jar" extract --destination "$WORK/extracted" >/dev/null
	mkdir -p "$WORK/plugin"
	javac --release 17 -d "$WORK/plugin" -cp "$WORK/extracted/tcp-gateway.jar:$WORK/extracted/lib/*" \
		bench/plugin/io/tcpgateway/benchplugin/*.java
	cp -r bench/plugin/META-INF "$WORK/plugin/"
}

# The newest JDK under /usr/lib/jvm (as .ci/run picks it): sets NEWEST_JAVA and NEWEST_JAVA_MAJOR,
# or the default java when none is found.
find_newest_java() {
	local home major
	NEWEST_JAVA=java NEWEST_JAVA_MAJOR=$(java -XshowSettings:properties -version 2>&1 |
		sed -n 's/^ *java.specification.version = //p')
	for home in /usr/lib/jvm/*/; do
		home=${home%/}
		[[ -x $home/bin/java && -f $home/release ]] || continue
		major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
		if [[ -n $major && $major -gt $NEWEST_JAVA_MAJOR ]]; then
			NEWEST_JAVA=$home/bin/java NEWEST_JAVA_MAJOR=$major
		fi
	done
}
