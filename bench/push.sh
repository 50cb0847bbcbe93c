#!/usr/bin/env bash
# Server push throughput: 1,000 connected clients each LOGIN with a key of their own, then a bench
# plugin inside the server pushes to those keys through the TcpPush bean as fast as the
# connections take them, for a bounded time; every pushed frame is checked by its client. From
# the project root:
#
#   bash bench/push.sh            # 1,000 clients, a 5 s warm-up burst, then 10 s measured
#   bash bench/push.sh --smoke    # 100 clients, 1 s + 1 s: the script end to end
#
# The pushes come from bench/plugin (PushBurstPlugin: a PUSHBURST command on Spring Boot's loader
# path, compiled against the extracted fat jar), so they start inside the server process as a
# user's own code would; the clients (io.tcpgateway.bench.PushClients) only log in, ask for the
# bursts on one more connection, and read. Prints pushes/s of the measured burst and the
# server's CPU per push; results in bench/out/push-<mode>/results.txt. All traffic goes to
# 127.0.0.1, both ports are ephemeral; every wait is bounded and every process stopped by PID.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

bench_mode "$@"
if [[ $MODE == smoke ]]; then
	CONNS=100 WARMUP=1 SECS=1
else
	CONNS=1000 WARMUP=5 SECS=10
fi
# pushes in flight per key: below max-pending-pushes (32), so that none is refused
WINDOW=${PUSH_WINDOW:-8}
SERVER_CPU=${SERVER_CPU:-1}
CLIENT_CPU=${CLIENT_CPU:-0}
WORK=bench/out/push-$MODE
GEN_JVM=(-Xms256m -Xmx1g -Dio.netty.leakDetection.level=disabled)

mkdir -p "$WORK"
rm -f "$WORK/results.txt"
if [[ $(nproc) -lt 2 ]]; then
	log "fewer than 2 CPUs: server and clients share CPU 0"
	SERVER_CPU=0 CLIENT_CPU=0
fi
# the server keeps a tenth of its open-file limit (at least 128) for itself: room for the clients
hard=$(ulimit -Hn)
if [[ $hard != unlimited ]] && ((hard < CONNS + CONNS / 5 + 256)); then
	log "the open-files hard limit ($hard) is too low for $CONNS connections; raise it"
	exit 1
fi
ulimit -n "$hard"
find_newest_java
log "server JVM: $NEWEST_JAVA (Java $NEWEST_JAVA_MAJOR)"
build
build_plugin

taskset -c "$SERVER_CPU" "$NEWEST_JAVA" -Dloader.path="$WORK/plugin" -cp "$WORK/app/tcp-gateway.jar" \
	org.springframework.boot.loader.launch.PropertiesLauncher --tcp.server.host=127.0.0.1 --tcp.server.port=0 \
	--server.port=0 --server.address=127.0.0.1 >"$WORK/server.log" 2>&1 &
server=$!
STARTED+=("$server")
port=""
for ((i = 0; i < 1800; i++)); do
	port=$(sed -n "s/.*TCP listener 'default' listening on 127.0.0.1:\([0-9]*\).*/\1/p" "$WORK/server.log" | head -1)
	[[ -n $port ]] && break
	kill -0 "$server" 2>/dev/null || { log "the server exited; see $WORK/server.log"; exit 1; }
	sleep 0.1
done
[[ -n $port ]] || { log "the server did not listen within 180 s; see $WORK/server.log"; exit 1; }
log "server listening on 127.0.0.1:$port; $CONNS clients, ${WARMUP} s warm-up, ${SECS} s measured"

rc=0
taskset -c "$CLIENT_CPU" timeout 600 java "${GEN_JVM[@]}" -cp "$CLASSPATH_BENCH" io.tcpgateway.bench.PushClients \
	--port="$port" --connections="$CONNS" --warmup="$WARMUP" --duration="$SECS" --window="$WINDOW" \
	--server-pid="$server" >"$WORK/clients.out" 2>"$WORK/clients.log" || rc=$?
stop_pid "$server"
line=$(grep -m1 '^pushes_per_s=' "$WORK/clients.out" || true)
if [[ -z $line ]]; then
	log "the clients failed (exit $rc); see $WORK/clients.log"
	tail -5 "$WORK/clients.log" >&2
	exit 1
fi
echo "$(date -u '+%Y-%m-%dT%H:%MZ') mode=$MODE java=$NEWEST_JAVA_MAJOR $line" >>"$WORK/results.txt"
echo "$line"
if ((rc != 0)); then
	log "not every pushed frame was verified (exit $rc): see bad=, refused=, received= above"
	exit 1
fi
log "$(sed 's/^pushes_per_s=\([0-9]*\).*srv_cpu_us_per_push=\([-0-9.]*\).*/\1 pushes\/s, \2 µs of server CPU per push/' <<<"$line")"
