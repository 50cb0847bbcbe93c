#!/usr/bin/env bash
# TLS benchmarks: at 16 connections, request throughput over TLS of tcp-gateway against a raw Netty
# TLS server with the same provider, and full handshakes per second against raw Netty and against
# HAProxy terminating TLS on the same core, for each provider (jdk, openssl = netty-tcnative's
# BoringSSL). The load comes from a C generator on OpenSSL (bench/tools/tlsload.c). From the
# project root:
#
#   bash bench/tls.sh            # 3 runs of 10 s per measurement, after each server's warm-up
#                                # (until its rate stops improving, <= 150 s per mode): 10-25 min
#   bash bench/tls.sh --smoke    # 1 run of 2 s each: the script end to end (~1.5 min)
#
# Writes bench/out/tls/results.txt (one line per run) and bench/out/tls/tls.md (the table).
# Environment: SERVER_CPU (1), CLIENT_CPU (0), BENCH_PORT_BASE (19100; this script uses +30..+34),
# TLS_PROVIDERS ("jdk openssl"), TLS_VERSION (1.3), TLS_PROVIDER_SUPPORTED (auto|1|0: whether the
# jar knows tcp.server.ssl.provider; auto looks for it in the jar's TlsProperties class),
# HAPROXY (haproxy on PATH, else /usr/sbin/haproxy), TLS_WARM_MAX (150: most warm-up seconds per
# server and mode, full mode). All load goes to 127.0.0.1; every run and wait
# is bounded; every process started is stopped by its PID on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
# log, processes stopped by PID on exit (STARTED, stop_pid, cleanup), build, find_newest_java
source bench/lib.sh

bench_mode "$@"
if [[ $MODE == smoke ]]; then
	RUNS=1 WARMUP=0.5 SECS=2 WARM_CHUNK=1 WARM_MAX=2
else
	RUNS=${TLS_RUNS:-3} WARMUP=3 SECS=${TLS_SECS:-10} WARM_CHUNK=5 WARM_MAX=${TLS_WARM_MAX:-150}
fi
CONNS=16
PAYLOAD=64
TLS_VERSION=${TLS_VERSION:-1.3}
PROVIDERS=(${TLS_PROVIDERS:-jdk openssl})
SERVER_CPU=${SERVER_CPU:-1}
CLIENT_CPU=${CLIENT_CPU:-0}
PORT_BASE=${BENCH_PORT_BASE:-19100}
RAW_PORT=$((PORT_BASE + 30)) GW_PORT=$((PORT_BASE + 31)) GW_HTTP_PORT=$((PORT_BASE + 32))
HAPROXY_PORT=$((PORT_BASE + 33)) BACKEND_PORT=$((PORT_BASE + 34))
WORK=bench/out/tls
LOGS=$WORK/logs
RESULTS=$WORK/results.txt
TLSLOAD=$WORK/tlsload
BEGAN=$(date +%s)

tcp_accepts() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- setup: certificate, tools, build ----------------------------------------------------------

make_cert() {
	# a throwaway self-signed EC P-256 certificate; the key as PKCS#8 (what Netty and Boot read)
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 7 \
		-subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 \
		-keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>>"$LOGS/setup.log"
	cat "$WORK/cert.pem" "$WORK/key.pem" >"$WORK/haproxy.pem"
}

build_tlsload() {
	log "building tlsload (cc, OpenSSL $(openssl version | awk '{ print $2 }'))"
	cc -O2 -Wall -Wextra -pthread -o "$TLSLOAD" bench/tools/tlsload.c -lssl -lcrypto
}

# Whether the jar knows tcp.server.ssl.provider (the record component is a string in its class).
provider_supported() {
	case ${TLS_PROVIDER_SUPPORTED:-auto} in
		1) return 0 ;;
		0) return 1 ;;
	esac
	unzip -p "$WORK/app/tcp-gateway.jar" BOOT-INF/classes/io/tcpgateway/server/config/TlsProperties.class \
		2>/dev/null | grep -ac provider >/dev/null # -c reads it all: no SIGPIPE under pipefail
}

# --- servers: each pinned to SERVER_CPU; sets SERVER_PID ---------------------------------------

# Waits up to 180 s for port $1 to accept (and for http port $2, when given, to report readiness UP).
await_ready() {
	local port=$1 http=${2:-} name=$3 i
	for ((i = 0; i < 9000; i++)); do
		if ! kill -0 "$SERVER_PID" 2>/dev/null; then
			log "$name exited during start-up; last log lines:"
			tail -15 "$LOGS/$name.log" >&2
			return 1
		fi
		if tcp_accepts "$port" && { [[ -z $http ]] ||
			curl -fs -m 2 -o /dev/null "http://127.0.0.1:$http/actuator/health/readiness"; }; then
			return 0
		fi
		sleep 0.02
	done
	log "$name not ready after 180 s"
	return 1
}

port_free() {
	if tcp_accepts "$1"; then
		log "port $1 is already in use: stop what runs there or set BENCH_PORT_BASE"
		exit 1
	fi
}

start_raw() { # $1 provider ("" = plain), $2 port
	local name=raw-${1:-plain}
	port_free "$2"
	local tls=()
	[[ -n $1 ]] && tls=(--tls="$1" --cert="$WORK/cert.pem" --key="$WORK/key.pem")
	taskset -c "$SERVER_CPU" "$NEWEST_JAVA" -cp "$CLASSPATH_BENCH" io.tcpgateway.bench.RawNettyServer "$2" "${tls[@]}" \
		>>"$LOGS/$name.log" 2>&1 &
	SERVER_PID=$!
	STARTED+=("$SERVER_PID")
	await_ready "$2" "" "$name" || return 1
	log "$name: $(grep -m1 '^READY' "$LOGS/$name.log" || echo ready)"
}

start_gateway() { # $1 provider
	local name=gateway-$1 provider=()
	port_free "$GW_PORT"
	provider_supported && provider=(--tcp.server.ssl.provider="$1")
	taskset -c "$SERVER_CPU" "$NEWEST_JAVA" -jar "$WORK/app/tcp-gateway.jar" --tcp.server.host=127.0.0.1 \
		--tcp.server.port="$GW_PORT" --server.port="$GW_HTTP_PORT" \
		--spring.ssl.bundle.pem.bench.keystore.certificate="file:$PWD/$WORK/cert.pem" \
		--spring.ssl.bundle.pem.bench.keystore.private-key="file:$PWD/$WORK/key.pem" \
		--tcp.server.ssl.bundle=bench "${provider[@]}" >>"$LOGS/$name.log" 2>&1 &
	SERVER_PID=$!
	STARTED+=("$SERVER_PID")
	await_ready "$GW_PORT" "$GW_HTTP_PORT" "$name" || return 1
	log "$name ready${provider:+ (${provider[0]})}"
}

# HAProxy terminating TLS (OpenSSL, one thread) in front of the plain raw Netty server, both on
# SERVER_CPU; sets SERVER_PID to HAProxy's and BACKEND_PID.
start_haproxy() {
	port_free "$HAPROXY_PORT"
	start_raw "" "$BACKEND_PORT" || return 1
	BACKEND_PID=$SERVER_PID
	cat >"$WORK/haproxy.cfg" <<-EOF
		# written by bench/tls.sh: TLS termination only, one thread, in front of the plain raw Netty server
		global
		    nbthread 1
		    # 16 clients; HAProxy wants about 2 fds per connection and refuses to start above the limit
		    maxconn 2000
		    ssl-default-bind-options ssl-min-ver TLSv1.2
		defaults
		    mode tcp
		    timeout connect 5s
		    timeout client 30s
		    timeout server 30s
		frontend tls
		    bind 127.0.0.1:$HAPROXY_PORT ssl crt $PWD/$WORK/haproxy.pem
		    default_backend plain
		backend plain
		    server raw 127.0.0.1:$BACKEND_PORT
	EOF
	taskset -c "$SERVER_CPU" "$HAPROXY" -db -f "$WORK/haproxy.cfg" >>"$LOGS/haproxy.log" 2>&1 &
	SERVER_PID=$!
	STARTED+=("$SERVER_PID")
	await_ready "$HAPROXY_PORT" "" haproxy || return 1
	log "haproxy: $("$HAPROXY" -v | head -1 | awk '{ print $1, $3 }'), $("$HAPROXY" -vv 2>/dev/null |
		sed -n 's/^Running on OpenSSL version : //p')"
}

# --- load ---------------------------------------------------------------------------------------

# tlsload pinned to CLIENT_CPU against port $1, more options after; prints its result line.
generate() {
	local port=$1 out=$WORK/tlsload.out pid rc=0
	shift
	taskset -c "$CLIENT_CPU" timeout 120 "$TLSLOAD" --port="$port" --connections="$CONNS" --payload="$PAYLOAD" \
		--tls-version="$TLS_VERSION" --server-pid="$SERVER_PID" "$@" >"$out" 2>>"$LOGS/tlsload.log" &
	pid=$!
	STARTED+=("$pid")
	wait "$pid" || rc=$?
	grep -m1 -E '^(rps|hps)=' "$out" || { log "tlsload failed (exit $rc): $*"; return 1; }
}

# Server warm-up in mode $2 against port $1: chunks of WARM_CHUNK s until the rate stops
# improving (a chunk at most 5 % above the one before, after at least two) or WARM_MAX s have
# passed. The JDK provider's handshake path needs long: pinned to one CPU, its rate still grew
# from 95 to 900 handshakes/s over the first 30 s of load. Records a kind=warmup-<mode> line.
warm_up() {
	local port=$1 mode=$2 provider=$3 server=$4 spent=0 prev="" rate line rates=""
	while awk -v s="$spent" -v m="$WARM_MAX" 'BEGIN { exit !(s < m) }'; do
		line=$(generate "$port" --mode="$mode" --warmup=0 --duration="$WARM_CHUNK" --quiet) || break
		rate=$(sed -n 's/^[rh]ps=\([0-9]*\).*/\1/p' <<<"$line")
		spent=$(awk -v s="$spent" -v c="$WARM_CHUNK" 'BEGIN { print s + c }')
		rates="$rates${rates:+,}$rate"
		if [[ -n $prev ]] && awk -v r="$rate" -v p="$prev" 'BEGIN { exit !(r <= p * 1.05) }'; then
			break
		fi
		prev=$rate
	done
	echo "provider=$provider server=$server kind=warmup-$mode secs=$spent rates=$rates" >>"$RESULTS"
	log "$provider $server $mode warm-up: ${spent} s, rate per ${WARM_CHUNK} s chunk: $rates"
}

# Warms the server up (each mode), then RUNS interleaved runs of each; $1 provider, $2 server
# name, $3 port, $4 the modes.
measure() {
	local provider=$1 server=$2 port=$3 modes=$4 run mode line
	for mode in $modes; do
		warm_up "$port" "$mode" "$provider" "$server"
	done
	for ((run = 1; run <= RUNS; run++)); do
		for mode in $modes; do
			if line=$(generate "$port" --mode="$mode" --warmup="$WARMUP" --duration="$SECS"); then
				echo "provider=$provider server=$server kind=$mode conns=$CONNS run=$run $line" >>"$RESULTS"
				log "$provider $server $mode run $run: $line"
			else
				echo "provider=$provider server=$server kind=$mode conns=$CONNS run=$run failed=generator" >>"$RESULTS"
			fi
			kill -0 "$SERVER_PID" 2>/dev/null || { log "$server died"; return 1; }
		done
	done
}

bench_provider() {
	local p=$1
	log "=== provider $p"
	if start_raw "$p" "$RAW_PORT"; then
		measure "$p" raw "$RAW_PORT" "persistent handshake" || true
	else
		echo "provider=$p server=raw failed=start" >>"$RESULTS"
	fi
	stop_pid "$SERVER_PID"
	if [[ $p != jdk ]] && ! provider_supported; then
		log "the jar has no tcp.server.ssl.provider: tcp-gateway runs only with the JDK provider"
		echo "provider=$p server=gateway failed=provider-unsupported" >>"$RESULTS"
	elif start_gateway "$p"; then
		measure "$p" gateway "$GW_PORT" "persistent handshake" || true
		stop_pid "$SERVER_PID"
	else
		echo "provider=$p server=gateway failed=start" >>"$RESULTS"
		stop_pid "$SERVER_PID"
	fi
	# HAProxy does not depend on the provider: measured next to each so each row has its own reference
	if [[ -z $HAPROXY ]]; then
		echo "provider=$p server=haproxy failed=not-installed" >>"$RESULTS"
	elif start_haproxy; then
		measure "$p" haproxy "$HAPROXY_PORT" handshake || true
		stop_pid "$SERVER_PID"
		stop_pid "$BACKEND_PID"
	else
		echo "provider=$p server=haproxy failed=start" >>"$RESULTS"
		stop_pid "$SERVER_PID"
		stop_pid "${BACKEND_PID:-$SERVER_PID}"
	fi
}

# --- report -------------------------------------------------------------------------------------

# Median of field $4 over the lines of provider $1, server $2, kind $3 ("" when none).
median() {
	grep -E "^provider=$1 server=$2 kind=$3 " "$RESULTS" 2>/dev/null | grep -v failed= |
		sed -n "s/.* $4=\([0-9.]*\).*/\1/p" | sort -g |
		awk '{ v[NR] = $1 } END { if (NR) print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b != "" && b > 0) printf "%.2f×", a / b; else print "n/a" }'; }
num() { awk -v a="$1" 'BEGIN { if (a == "") print "n/a"; else printf "%.0f", a }'; }
# a cell: the value, or why there is none
cell() {
	local p=$1 s=$2 k=$3 f=$4 v
	v=$(median "$p" "$s" "$k" "$f")
	if [[ -n $v ]]; then num "$v"; return; fi
	v=$(grep -m1 -E "^provider=$p server=$s .*failed=" "$RESULTS" | sed -n 's/.*failed=\([^ ]*\).*/\1/p')
	echo "n/a${v:+ ($v)}"
}
dec() { if [[ -n $1 ]]; then printf '%.2f' "$1"; else echo -; fi; }
errors() { # summed errors of all measured runs of provider $1, server $2
	grep -E "^provider=$1 server=$2 " "$RESULTS" | sed -n 's/.* err=\([0-9]*\).*/\1/p' | awk '{ s += $1 } END { print s + 0 }'
}

report() {
	local p gw_note=""
	provider_supported || gw_note=" The jar has no \`tcp.server.ssl.provider\` yet, so tcp-gateway ran with its JDK provider only (openssl row: n/a)."
	{
		echo "# TLS benchmarks ($MODE)"
		echo
		echo "TLS $TLS_VERSION, $CONNS connections, \`ECHO\` with a $PAYLOAD-byte payload (closed loop, every reply checked);"
		echo "handshakes: $CONNS clients each connect, full handshake (no resumption), \`PING\`/\`PONG\`, close."
		echo "Medians of $RUNS run(s) of ${SECS} s after ${WARMUP} s warm-up; each server first warmed up per mode in ${WARM_CHUNK} s"
		echo "chunks until its rate stopped improving (at most ${WARM_MAX} s; seconds used: kind=warmup-* in results.txt).$gw_note"
		echo
		echo "| provider | raw req/s | raw p99 µs | gateway req/s | gateway p99 µs | req/s gateway/raw (goal ≥0.8) | raw hs/s | gateway hs/s | HAProxy hs/s | hs gateway/raw | hs gateway/HAProxy (goal ≥0.8) |"
		echo "|---|---|---|---|---|---|---|---|---|---|---|"
		for p in "${PROVIDERS[@]}"; do
			echo "| $p | $(cell "$p" raw persistent rps) | $(cell "$p" raw persistent p99_us) |" \
				"$(cell "$p" gateway persistent rps) | $(cell "$p" gateway persistent p99_us) |" \
				"$(ratio "$(median "$p" gateway persistent rps)" "$(median "$p" raw persistent rps)") |" \
				"$(cell "$p" raw handshake hps) | $(cell "$p" gateway handshake hps) | $(cell "$p" haproxy handshake hps) |" \
				"$(ratio "$(median "$p" gateway handshake hps)" "$(median "$p" raw handshake hps)") |" \
				"$(ratio "$(median "$p" gateway handshake hps)" "$(median "$p" haproxy handshake hps)") |"
		done
		echo
		echo "Server CPU per request and per handshake (µs, all the server process's threads; HAProxy's"
		echo "excludes its plain back-end), the generator's core (1.00: tlsload was the limit), the rest of"
		echo "the machine (above about 0.25 the run was disturbed; HAProxy's includes its back-end), errors in measured runs:"
		echo
		echo "| provider | server | µs/req | µs/handshake | generator CPU (req; hs) | other CPU (req; hs) | errors |"
		echo "|---|---|---|---|---|---|---|"
		for p in "${PROVIDERS[@]}"; do
			for s in raw gateway haproxy; do
				grep -qE "^provider=$p server=$s kind=" "$RESULTS" || continue
				echo "| $p | $s | $(cell "$p" $s persistent srv_cpu_us_per_op) | $(cell "$p" $s handshake srv_cpu_us_per_op) |" \
					"$(dec "$(median "$p" $s persistent cli_cpu)"); $(dec "$(median "$p" $s handshake cli_cpu)") |" \
					"$(dec "$(median "$p" $s persistent other_cpu)"); $(dec "$(median "$p" $s handshake other_cpu)") |" \
					"$(errors "$p" $s) |"
			done
		done
		echo
		echo "Negotiated: $(grep -m1 -o 'proto=[^ ]* cipher=[^ ]* group=[^ ]*' "$RESULTS" | head -1) (first run; see results.txt per server)."
		echo "Servers on CPU $SERVER_CPU ($("$NEWEST_JAVA" -version 2>&1 | head -1)), tlsload on CPU $CLIENT_CPU;"
		echo "HAProxy: ${HAPROXY_VERSION:-not installed}, nbthread 1, with the plain raw Netty back-end on the same CPU."
		echo "$(date -u '+%Y-%m-%d %H:%M UTC'), \`bash bench/tls.sh${1:+ $1}\`, $(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo))."
	} >"$WORK/tls.md"
	cat "$WORK/tls.md"
}

# --- main ---------------------------------------------------------------------------------------

mkdir -p "$WORK" "$LOGS"
rm -f "$RESULTS" "$LOGS"/*.log
if [[ $(nproc) -lt 2 ]]; then
	log "fewer than 2 CPUs: servers and load generator share CPU 0"
	SERVER_CPU=0 CLIENT_CPU=0
fi
HAPROXY=${HAPROXY:-$(command -v haproxy || { [[ -x /usr/sbin/haproxy ]] && echo /usr/sbin/haproxy; } || true)}
if [[ -n $HAPROXY ]]; then
	HAPROXY_VERSION="$("$HAPROXY" -v | head -1 | awk '{ print $1, $3 }') on $("$HAPROXY" -vv 2>/dev/null |
		sed -n 's/^Running on OpenSSL version : //p')"
else
	log "haproxy not found (apt-get install haproxy, or set HAPROXY): its column will be n/a"
fi
find_newest_java
log "server JVM: $NEWEST_JAVA (Java $NEWEST_JAVA_MAJOR)"
make_cert
build_tlsload
build
if provider_supported; then
	log "the jar knows tcp.server.ssl.provider: tcp-gateway runs with each provider"
else
	log "the jar has no tcp.server.ssl.provider (set TLS_PROVIDER_SUPPORTED=1 to pass it anyway)"
fi
for provider in "${PROVIDERS[@]}"; do
	bench_provider "$provider"
done
report "${1:-}"
log "wrote $WORK/tls.md in $(($(date +%s) - BEGAN)) s (raw results: $RESULTS, logs: $LOGS)"
