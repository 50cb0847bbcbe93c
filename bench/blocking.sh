#!/usr/bin/env bash
# A reply service that blocks 50 ms per request (like a database call), 2,000 connections each
# sending one request at a time, on worker-threads=virtual against a 200-thread platform pool,
# in one run on the newest JDK (virtual threads need 21+). From the project root:
#
#   bash bench/blocking.sh            # 2,000 connections, 3 s warm-up, 15 s measured per variant
#   bash bench/blocking.sh --smoke    # 200 connections, 1 s + 3 s: the script end to end
#
# The blocking command is a plugin (bench/plugin) on Spring Boot's loader path, compiled against
# the extracted fat jar: the app is extended the way a user would. Prints a table and writes it to
# bench/out/blocking-<mode>/blocking.md; results lines in results.txt. All load goes to 127.0.0.1;
# every process is stopped by PID.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

bench_mode "$@"
if [[ $MODE == smoke ]]; then
	CONNS=200 WARMUP=1 SECS=3
else
	CONNS=2000 WARMUP=3 SECS=15
fi
SLEEP_MS=50
SERVER_CPU=${SERVER_CPU:-1}
CLIENT_CPU=${CLIENT_CPU:-0}
PORT=${BENCH_PORT_BASE:-19100}
HTTP_PORT=$((PORT + 90))
WORK=bench/out/blocking-$MODE
GEN_JVM=(-Xms256m -Xmx1g -Dio.netty.leakDetection.level=disabled)

mkdir -p "$WORK"
rm -f "$WORK/results.txt"
find_newest_java
if ((NEWEST_JAVA_MAJOR < 21)); then
	log "virtual threads need Java 21+; the newest JDK here is $NEWEST_JAVA_MAJOR"
	exit 1
fi
log "server JVM: $NEWEST_JAVA (Java $NEWEST_JAVA_MAJOR)"
build
build_plugin

heap_used() {
	curl -fs -m 2 "http://127.0.0.1:$HTTP_PORT/actuator/metrics/jvm.memory.used?tag=area:heap" |
		sed -n 's/.*"value":\([0-9.E+]*\).*/\1/p'
}

# One variant: $1 its name, $2 the worker-threads setting.
run_variant() {
	local name=$1 workers=$2 server heap peak=0 sampler gen rc=0 line pinned i
	taskset -c "$SERVER_CPU" "$NEWEST_JAVA" -XX:StartFlightRecording=filename="$WORK/$name.jfr",settings=default \
		-Dloader.path="$WORK/plugin" -cp "$WORK/app/tcp-gateway.jar" \
		org.springframework.boot.loader.launch.PropertiesLauncher --tcp.server.host=127.0.0.1 \
		--tcp.server.port="$PORT" --server.port="$HTTP_PORT" --tcp.server.worker-threads="$workers" \
		--tcp.server.worker-queue=100000 --bench.sleep-ms="$SLEEP_MS" >"$WORK/$name.log" 2>&1 &
	server=$!
	STARTED+=("$server")
	for ((i = 0; i < 1500; i++)); do
		curl -fs -m 2 -o /dev/null "http://127.0.0.1:$HTTP_PORT/actuator/health/readiness" && break
		kill -0 "$server" 2>/dev/null || { log "$name exited; see $WORK/$name.log"; return 1; }
		sleep 0.1
	done
	taskset -c "$CLIENT_CPU" timeout 120 java "${GEN_JVM[@]}" -cp "$CLASSPATH_BENCH" io.tcpgateway.bench.LoadGenerator \
		--port="$PORT" --verb=SLEEP --connections="$CONNS" --warmup="$WARMUP" --duration="$SECS" --timeout-ms=30000 \
		--server-pid="$server" >"$WORK/$name.out" 2>>"$WORK/generator.log" &
	gen=$!
	STARTED+=("$gen")
	while kill -0 "$gen" 2>/dev/null; do
		heap=$(heap_used || true)
		[[ -n $heap ]] && peak=$(awk -v a="$peak" -v b="$heap" 'BEGIN { print (b > a) ? b : a }')
		sleep 0.5
	done
	wait "$gen" || rc=$?
	line=$(grep -m1 '^rps=' "$WORK/$name.out" || echo "failed=generator-exit-$rc")
	stop_pid "$server"
	pinned=$("$(dirname "$NEWEST_JAVA")/jfr" print --events jdk.VirtualThreadPinned "$WORK/$name.jfr" 2>/dev/null |
		grep -c 'jdk.VirtualThreadPinned' || true)
	echo "variant=$name workers=$workers conns=$CONNS sleep_ms=$SLEEP_MS $line peak_heap_mb=$(awk -v p="$peak" \
		'BEGIN { printf "%.0f", p / 1048576 }') pinned_events=$pinned" >>"$WORK/results.txt"
	log "$name: $line, peak heap $(awk -v p="$peak" 'BEGIN { printf "%.0f MB", p / 1048576 }'), $pinned pinned-thread events"
}

run_variant virtual virtual
run_variant platform-200 200

field() { sed -n "s/.*$2=\([^ ]*\).*/\1/p" <<<"$1"; }
{
	echo "| worker-threads | connections | req/s | p50 ms | p99 ms | errors | peak heap MB | pinned virtual threads (JFR) |"
	echo "|---|---|---|---|---|---|---|---|"
	while read -r result; do
		echo "| $(field "$result" workers) | $(field "$result" conns) | $(field "$result" rps) |" \
			"$(awk -v u="$(field "$result" p50_us)" 'BEGIN { printf "%.1f", u / 1000 }') |" \
			"$(awk -v u="$(field "$result" p99_us)" 'BEGIN { printf "%.1f", u / 1000 }') |" \
			"$(field "$result" err) | $(field "$result" peak_heap_mb) | $(field "$result" pinned_events) |"
	done <"$WORK/results.txt"
	echo
	echo "A service that blocks ${SLEEP_MS} ms per request; each connection sends its next request when the"
	echo "previous reply arrives (closed loop). Server on CPU $SERVER_CPU (Java $NEWEST_JAVA_MAJOR), generator on CPU $CLIENT_CPU;"
	echo "$(date -u '+%Y-%m-%d %H:%M UTC'), \`bash bench/blocking.sh${1:+ $1}\`."
} | tee "$WORK/blocking.md"
