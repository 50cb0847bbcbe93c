#!/usr/bin/env bash
# Soak: the fat jar under 128 persistent connections for 60 s (SOAK_SECONDS, SOAK_CONNECTIONS),
# every reply verified (ECHO with a per-request id), then heap and error counters compared.
# Traffic goes to 127.0.0.1 only; the run is bounded in time and stops the server it started.
#   bash bench/soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${SOAK_SECONDS:-60}"
CONNECTIONS="${SOAK_CONNECTIONS:-128}"
OUT=target/soak
mkdir -p "$OUT"

./mvnw -B -q package -DskipTests
./mvnw -B -q -f bench/pom.xml package -DskipTests
./mvnw -B -q -f bench/pom.xml dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile="$PWD/$OUT/cp.txt" >/dev/null
CP="bench/target/classes:$(cat "$OUT/cp.txt")"
JAR=$(ls target/tcp-gateway-*.jar | grep -v -- '-api' | head -n 1)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
TCP_PORT=$(free_port)
HTTP_PORT=$(free_port)

java -jar "$JAR" --tcp.server.host=127.0.0.1 --tcp.server.port="$TCP_PORT" --server.port="$HTTP_PORT" \
    > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$HTTP_PORT/actuator/health/readiness" >/dev/null 2>&1; then break; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited; see $OUT/server.log" >&2; exit 1; }
    sleep 0.5
done

metric() {
    curl -fs "http://127.0.0.1:$HTTP_PORT/actuator/metrics/$1${2:+?tag=$2}" \
        | sed -n 's/.*"statistic":"\(COUNT\|VALUE\)","value":\([0-9.E+-]*\).*/\2/p' | head -n 1
}
live_heap_kb() {
    jcmd "$SERVER_PID" GC.run >/dev/null
    jcmd "$SERVER_PID" GC.heap_info | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -n 1
}

# warm up, then take the baseline heap
java -cp "$CP" io.tcpgateway.bench.LoadGenerator --port="$TCP_PORT" --connections="$CONNECTIONS" \
    --warmup=0 --duration=10 > /dev/null
HEAP_BEFORE=$(live_heap_kb)
echo "soak: $CONNECTIONS connections for $SECONDS_TO_RUN s against tcp-gateway pid $SERVER_PID"
RESULT=$(java -cp "$CP" io.tcpgateway.bench.LoadGenerator --port="$TCP_PORT" --connections="$CONNECTIONS" \
    --warmup=0 --duration="$SECONDS_TO_RUN" --server-pid="$SERVER_PID")
HEAP_AFTER=$(live_heap_kb)
echo "$RESULT"
echo "live heap after GC: ${HEAP_BEFORE} KB before, ${HEAP_AFTER} KB after"
echo "server errors (tcp.server.errors): $(metric tcp.server.errors)"
for type in decode oversized timeout write-timeout busy service encode tls io; do
    count=$(metric tcp.server.errors "type:$type")
    [ "${count%.*}" = "0" ] || echo "  type=$type: $count"
done
echo "messages received / sent: $(metric tcp.server.messages.received) / $(metric tcp.server.messages.sent)"
case "$RESULT" in
    *" err=0 "*) echo "soak: every reply verified" ;;
    *) echo "soak: FAILED requests, see the line above" >&2; exit 1 ;;
esac
