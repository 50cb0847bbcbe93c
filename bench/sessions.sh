#!/usr/bin/env bash
# Sessions across instances (tcp.server.sessions.store=redis): pushes per second to devices on
# another instance, routed through Redis, against pushes to the same devices from the instance
# they are on; Redis round trips and Redis CPU per push; the registry's size per 100,000 keys.
# From the project root:
#
#   bash bench/sessions.sh            # 1,000 devices, 3 runs of 50,000 pushes each way (~3 min)
#   bash bench/sessions.sh --smoke    # 100 devices, 1 run of 2,000 pushes: the script end to end
#
# Redis is Debian's redis-server (apt-get install redis-server), started here on a loopback port,
# nothing persisted. Both instances run the fat jar with the bench plugin (bench/plugin,
# PUSHES) on Spring Boot's loader path; the devices (io.tcpgateway.bench.Devices) log in to A
# and read every push. Writes bench/out/sessions-<mode>/sessions.md and results.txt. Everything
# runs on this machine's cores together: the figures compare the two paths, they are no capacity
# figure for a dedicated Redis. Every process is stopped by PID.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

bench_mode "$@"
if [[ $MODE == smoke ]]; then
	DEVICES=100 PUSHES=2000 RUNS=1 REGISTRY=10000
else
	DEVICES=1000 PUSHES=50000 RUNS=3 REGISTRY=100000
fi
IN_FLIGHT=256
PORT=${BENCH_PORT_BASE:-19100}
A_TCP=$((PORT + 60)) A_HTTP=$((PORT + 61)) B_TCP=$((PORT + 62)) B_HTTP=$((PORT + 63)) REDIS_PORT=$((PORT + 64))
WORK=bench/out/sessions-$MODE
for tool in redis-server redis-cli; do
	command -v "$tool" >/dev/null || { log "$tool is not installed (apt-get install redis-server)"; exit 1; }
done
mkdir -p "$WORK"
rm -f "$WORK/results.txt"
find_newest_java
build
build_plugin

redis() { redis-cli -p "$REDIS_PORT" "$@"; }
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >"$WORK/redis.log" 2>&1 &
STARTED+=("$!")
for ((i = 0; i < 100; i++)); do [[ $(redis PING 2>/dev/null) == PONG ]] && break; sleep 0.1; done

# One instance: $1 its name, $2 its TCP port, $3 its HTTP port.
start_instance() {
	"$NEWEST_JAVA" -Xmx512m -Dloader.path="$WORK/plugin" -cp "$WORK/app/tcp-gateway.jar" \
		org.springframework.boot.loader.launch.PropertiesLauncher --tcp.server.host=127.0.0.1 \
		--tcp.server.port="$2" --server.address=127.0.0.1 --server.port="$3" --tcp.server.worker-threads=2 \
		--tcp.server.sessions.store=redis --spring.data.redis.url="redis://127.0.0.1:$REDIS_PORT" \
		--tcp.server.max-pending-pushes=1024 >"$WORK/$1.log" 2>&1 &
	STARTED+=("$!")
	local pid=$! i
	for ((i = 0; i < 1500; i++)); do
		curl -fs -m 2 -o /dev/null "http://127.0.0.1:$3/actuator/health/readiness" && return 0
		kill -0 "$pid" 2>/dev/null || { log "$1 exited; see $WORK/$1.log"; return 1; }
		sleep 0.1
	done
	return 1
}
start_instance a "$A_TCP" "$A_HTTP"
start_instance b "$B_TCP" "$B_HTTP"

# A field of EVALSHA's command statistics: calls, usec, usec_per_call
evalsha() {
	redis INFO commandstats | tr -d '\r' | awk -F'[:,=]' -v f="$1" \
		'$1 == "cmdstat_evalsha" { for (i = 2; i < NF; i += 2) if ($i == f) print $(i + 1) }'
}
bind_calls=$(evalsha calls) bind_usec=$(evalsha usec)
bind_calls=${bind_calls:-0} bind_usec=${bind_usec:-0}
java -cp "$CLASSPATH_BENCH" io.tcpgateway.bench.Devices --port="$A_TCP" --connections="$DEVICES" --duration=900 \
	>"$WORK/devices.out" 2>&1 &
STARTED+=("$!")
for ((i = 0; i < 600; i++)); do grep -qs '^ready' "$WORK/devices.out" && break; sleep 0.1; done
grep -q '^ready' "$WORK/devices.out" || { log "devices did not log in; see $WORK/devices.out"; exit 1; }
# Redis time per bind script: the devices' LOGINs (a heartbeat's sweep may add a call or two)
bind_us=$(awk -v c0="$bind_calls" -v u0="$bind_usec" -v c="$(evalsha calls)" -v u="$(evalsha usec)" \
	'BEGIN { printf "%.2f", (u - u0) / (c - c0) }')

# A request on a plain TCP connection to port $1; prints the reply line.
request() {
	local reply
	exec 3<>"/dev/tcp/127.0.0.1/$1"
	printf '%s\r\n' "$2" >&3
	IFS= read -r reply <&3
	exec 3<&-
	printf '%s\n' "${reply%$'\r'}"
}
# The COUNT of a meter of the instance on HTTP port $1 ($2 the meter, $3 a tag filter or empty).
meter() {
	curl -fs -m 5 "http://127.0.0.1:$1/actuator/metrics/$2${3:+?tag=$3}" |
		sed -n 's/.*"statistic":"COUNT","value":\([0-9.E+]*\).*/\1/p'
}
round_trips() {
	awk -v a="$(meter "$A_HTTP" tcp.server.sessions.store.round-trip)" \
		-v b="$(meter "$B_HTTP" tcp.server.sessions.store.round-trip)" \
		-v w="$(meter "$B_HTTP" tcp.server.sessions.remote-pushes outcome:written)" 'BEGIN { printf "%.0f", a + b + w }'
}
redis_cpu() { redis INFO cpu | awk -F: '/^used_cpu_(sys|user):/ { s += $2 } END { printf "%.6f", s }'; }

log "warm-up"
request "$A_TCP" "PUSHES dev- $DEVICES $PUSHES $IN_FLIGHT" >/dev/null
request "$B_TCP" "PUSHES dev- $DEVICES $PUSHES $IN_FLIGHT" >/dev/null
for ((run = 1; run <= RUNS; run++)); do
	for where in local remote; do
		port=$A_TCP
		[[ $where == remote ]] && port=$B_TCP
		trips=$(round_trips) cpu=$(redis_cpu)
		line=$(request "$port" "PUSHES dev- $DEVICES $PUSHES $IN_FLIGHT")
		trips=$(($(round_trips) - trips))
		cpu_us=$(awk -v a="$cpu" -v b="$(redis_cpu)" -v n="$PUSHES" 'BEGIN { printf "%.1f", (b - a) * 1e6 / n }')
		echo "run=$run where=$where $line redis_round_trips_per_push=$(awk -v t="$trips" -v n="$PUSHES" \
			'BEGIN { printf "%.2f", t / n }') redis_cpu_us_per_push=$cpu_us" >>"$WORK/results.txt"
		log "run $run $where: $line"
	done
done
route_us=$(evalsha usec_per_call)
entry_bytes=$(redis MEMORY USAGE tcpgw:session:dev-0)
entry_value=$(redis GET tcpgw:session:dev-0)

# The registry for $REGISTRY keys: entries as the store writes them (15-digit IMEIs, this run's
# instance and connection-id format), in a database of their own, measured by used_memory
redis -n 15 FLUSHDB >/dev/null
before=$(redis -n 15 INFO memory | sed -n 's/^used_memory:\([0-9]*\).*/\1/p')
{
	printf 'SELECT 15\r\n'
	awk -v n="$REGISTRY" -v value="$entry_value" 'BEGIN {
		for (i = 0; i < n; i++) printf "SET tcpgw:session:imei:35%013d %s PX 600000\r\n", i, value
	}'
} | redis --pipe >/dev/null
after=$(redis -n 15 INFO memory | sed -n 's/^used_memory:\([0-9]*\).*/\1/p')
keys=$(redis -n 15 DBSIZE)
redis -n 15 FLUSHDB >/dev/null
per100k=$(awk -v a="$before" -v b="$after" -v k="$keys" 'BEGIN { printf "%.1f", (b - a) / k * 100000 / 1048576 }')
echo "registry_keys=$keys registry_mb_per_100k=$per100k entry_memory_usage=$entry_bytes scripts_us=$route_us bind_script_us=$bind_us" \
	>>"$WORK/results.txt"

field() { sed -n "s/.*$2=\([^ ]*\).*/\1/p" <<<"$1"; }
{
	echo "| run | pushes from | pushes/s | Redis round trips per push | Redis CPU µs per push | outcomes |"
	echo "|---|---|---|---|---|---|"
	grep '^run=' "$WORK/results.txt" | while read -r result; do
		echo "| $(field "$result" run) | $(field "$result" where) | $(field "$result" per_s) |" \
			"$(field "$result" redis_round_trips_per_push) | $(field "$result" redis_cpu_us_per_push) |" \
			"$(field "$result" outcomes) |"
	done
	echo
	echo "Registry: $keys keys took $per100k MB of Redis memory per 100,000 (used_memory); one entry as"
	echo "written by this run, MEMORY USAGE: $entry_bytes bytes. Redis time per script call: $route_us µs over the"
	echo "run (nearly all route scripts), $bind_us µs per bind script (the devices' LOGINs)."
	echo
	echo "$DEVICES devices logged in to A; \`PUSHES\` pushes $PUSHES frames round robin over their keys, $IN_FLIGHT in"
	echo "flight, from A (local: no Redis) or from B (remote: routed through Redis to A). Redis $(redis-server --version |
		sed -n 's/.*v=\([^ ]*\).*/\1/p'), both instances (Java $NEWEST_JAVA_MAJOR) and the devices on this machine's"
	echo "$(nproc) CPUs together; $(date -u '+%Y-%m-%d %H:%M UTC'), \`bash bench/sessions.sh${1:+ $1}\`."
} | tee "$WORK/sessions.md"
