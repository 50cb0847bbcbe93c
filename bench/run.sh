#!/usr/bin/env bash
# Benchmarks tcp-gateway against a raw Netty server and a stock Spring Integration server, in one
# run on this machine, and writes the tables and chart. From the project root:
#
#   bash bench/run.sh           # full: ~20 min, writes docs/benchmarks.md and docs/benchmarks.png
#   bash bench/run.sh --smoke   # quick check of the harness: ~2 min, writes target/bench/ instead
#
# All load goes to 127.0.0.1. Every wait and every load run is bounded; every process this script
# starts is stopped by its PID on exit. See bench/README.md for what the numbers mean.
set -euo pipefail

cd "$(dirname "$0")/.."
# shared by the bench scripts: the --smoke argument, log, processes stopped by PID, the build, the newest JDK
source bench/lib.sh

bench_mode "$@"

if [[ $MODE == smoke ]]; then
	RUNS=1 WARMUP=0.5 SECS=1 SERVER_WARMUP=1 IDLE_N=200 IDLE_N_STOCK=200 STARTS=1 OUT=target/bench QUIET=(0 0)
else
	RUNS=3 WARMUP=3 SECS=10 SERVER_WARMUP=10 IDLE_N=18000 IDLE_N_STOCK=2000 STARTS=3 OUT=docs QUIET=(30 300)
fi
CONNECTIONS=(1 16 128)
PRC_CLIENTS=16
PAYLOAD=64
SERVER_CPU=${SERVER_CPU:-1}
CLIENT_CPU=${CLIENT_CPU:-0}
PORT_BASE=${BENCH_PORT_BASE:-19100}
# waiting for a quiet machine before each measured run: seconds per run, and in total
QUIET_WAIT_PER_RUN=${BENCH_QUIET_WAIT:-${QUIET[0]}}
QUIET_BUDGET=${BENCH_QUIET_BUDGET:-${QUIET[1]}}
# bench/out is git-ignored and, unlike target/, survives a `mvn clean` run meanwhile
WORK=bench/out/$MODE
RESULTS=$WORK/results.txt
LOGS=$WORK/logs
# the load generator's own JVM settings (the servers run with JVM defaults)
GEN_JVM=(-Xms256m -Xmx1g -Dio.netty.leakDetection.level=disabled)
# the second generator: the C tcpload of ../shared/tools, built from its source into $WORK/tools;
# BENCH_TOOLS_SRC points elsewhere (e.g. from a worktree). The goals are judged on its figures.
TOOLS_SRC=${BENCH_TOOLS_SRC:-../shared/tools}
BEGAN=$(date +%s)

# --- servers ------------------------------------------------------------------------------------

# Busy CPU ticks (1/100 s) of the machine, and of one process (all threads).
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
process_ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }

tcp_accepts() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Starts server $1 (variant $2) pinned to SERVER_CPU; sets SERVER_PID, SERVER_PORT, STARTUP_MS.
start_server() {
	local name=$1 variant=$2 http_port="" t0 i
	case $name in
		tcp-gateway | tcp-gateway-traced)
			SERVER_PORT=$((PORT_BASE + 2)) http_port=$((PORT_BASE + 80))
			local jar=$WORK/app/tcp-gateway.jar tracing=()
			# every request traced and exported over OTLP/HTTP to a sink that drops the spans
			[[ $name == tcp-gateway-traced ]] && tracing=(--management.tracing.sampling.probability=1.0
				--management.opentelemetry.tracing.export.otlp.endpoint="http://127.0.0.1:$OTLP_PORT/v1/traces")
			set -- java -jar "$jar" --tcp.server.port="$SERVER_PORT" --server.port="$http_port" \
				--tcp.server.host=127.0.0.1 "${tracing[@]}" ;;
		raw-netty)
			SERVER_PORT=$PORT_BASE
			set -- java -cp "$CLASSPATH_BENCH" io.tcpgateway.bench.RawNettyServer "$SERVER_PORT" ;;
		stock-si)
			SERVER_PORT=$((PORT_BASE + 1))
			set -- java -cp "$CLASSPATH_BENCH" io.tcpgateway.bench.StockIntegrationServer "$SERVER_PORT" ;;
	esac
	if tcp_accepts "$SERVER_PORT"; then
		log "port $SERVER_PORT is already in use: stop what runs there or set BENCH_PORT_BASE"
		exit 1
	fi
	t0=$(date +%s%N) busy0=$(machine_ticks)
	taskset -c "$SERVER_CPU" "$@" >>"$LOGS/$name.log" 2>&1 &
	SERVER_PID=$!
	STARTED+=("$SERVER_PID")
	# ready: TCP accepting, and for tcp-gateway also readiness UP; polled every 20 ms for <= 180 s
	for ((i = 0; i < 9000; i++)); do
		if ! kill -0 "$SERVER_PID" 2>/dev/null; then
			log "$name ($variant) exited during start-up; last log lines:"
			tail -20 "$LOGS/$name.log" >&2
			return 1
		fi
		if tcp_accepts "$SERVER_PORT" && { [[ -z $http_port ]] ||
			curl -fs -m 2 -o /dev/null "http://127.0.0.1:$http_port/actuator/health/readiness"; }; then
			STARTUP_MS=$((($(date +%s%N) - t0) / 1000000))
			# what the rest of the machine used meanwhile, in cores (our polling included)
			STARTUP_OTHER=$(awk -v m=$(($(machine_ticks) - busy0)) -v s="$(process_ticks "$SERVER_PID")" \
				-v ms="$STARTUP_MS" 'BEGIN { printf "%.2f", (ms > 0) ? (m - s) * 10 / ms : 0 }')
			return 0
		fi
		sleep 0.02
	done
	log "$name ($variant) not ready after 180 s"
	return 1
}

stop_server() { stop_pid "$SERVER_PID"; }

# The OTLP/HTTP receiver for tcp-gateway-traced, on the generator's CPU: it only drops spans.
start_otlp_sink() {
	local i
	OTLP_PORT=$((PORT_BASE + 90))
	taskset -c "$CLIENT_CPU" java -Xmx256m -cp "$CLASSPATH_BENCH" io.tcpgateway.bench.OtlpSink "$OTLP_PORT" \
		>"$WORK/otlp-sink.out" 2>>"$LOGS/otlp-sink.log" &
	STARTED+=("$!")
	for ((i = 0; i < 300; i++)); do
		grep -q '^READY' "$WORK/otlp-sink.out" && return 0
		sleep 0.1
	done
	log "the OTLP sink did not start; tcp-gateway-traced will log export failures"
}

# Starts server $1 the given number of times as variant $2, recording start-up time; leaves the
# last one running when $4 is "keep".
measure_startups() {
	local name=$1 variant=$2 starts=$3 keep=${4:-} i
	for ((i = 1; i <= starts; i++)); do
		await_quiet
		if start_server "$name" "$variant"; then
			echo "server=$name kind=startup variant=$variant run=$i ms=$STARTUP_MS other_cpu_util=$STARTUP_OTHER" \
				>>"$RESULTS"
			log "$name ($variant) ready in $STARTUP_MS ms"
		else
			echo "server=$name kind=startup variant=$variant run=$i failed=not-ready" >>"$RESULTS"
			stop_server
			return 1
		fi
		if [[ $i -lt $starts || $keep != keep ]]; then
			stop_server
		fi
	done
}

# tcp-gateway's production launch (JDK 25+, Spring Boot's extracted layout, an AOT cache trained
# by a short run: deploy/jvm/prepare.sh), measured by bench/startup.sh on its own ports
# (BENCH_PORT_BASE+50..54) with the same pinning; its per-start lines join these results.
gateway_production_startups() {
	local args=()
	[[ $MODE == smoke ]] && args=(--smoke)
	if BENCH_PORT_BASE=$PORT_BASE SERVER_CPU=$SERVER_CPU bash bench/startup.sh "${args[@]}" \
		>"$WORK/startup.out" 2>>"$LOGS/startup.log" &&
		grep -q '^server=production .* ms=' "bench/out/startup-$MODE/results.txt"; then
		sed -n -e 's/^server=production kind=startup variant=production /server=tcp-gateway kind=startup variant=production /p' \
			-e 's/^server=production-spring-aot kind=startup variant=production-spring-aot /server=tcp-gateway kind=startup variant=production_+_Spring_AOT /p' \
			"bench/out/startup-$MODE/results.txt" >>"$RESULTS"
		# classes loaded at ready, one start per mode
		sed -n -e 's/^server=java-jar kind=classes variant=java-jar /server=tcp-gateway kind=classes variant=java_-jar /p' \
			-e 's/^server=production kind=classes variant=production /server=tcp-gateway kind=classes variant=production /p' \
			-e 's/^server=production-spring-aot kind=classes variant=production-spring-aot /server=tcp-gateway kind=classes variant=production_+_Spring_AOT /p' \
			-e 's/^server=raw-netty kind=classes variant=raw-netty /server=raw-netty kind=classes variant=java_-cp /p' \
			"bench/out/startup-$MODE/results.txt" >>"$RESULTS"
		# the warm-up probes: connect-per-request right after ready, and later
		sed -n -e 's/^server=java-jar kind=warmup variant=java-jar /server=tcp-gateway kind=warmup variant=java_-jar /p' \
			-e 's/^server=production kind=warmup /server=tcp-gateway kind=warmup /p' \
			-e 's/^server=raw-netty kind=warmup variant=raw-netty /server=raw-netty kind=warmup variant=java_-cp /p' \
			"bench/out/startup-$MODE/results.txt" >>"$RESULTS"
	else
		log "bench/startup.sh measured no production start (see $LOGS/startup.log)"
		echo "server=tcp-gateway kind=startup variant=production run=1 failed=startup-script" >>"$RESULTS"
	fi
}

# --- load ---------------------------------------------------------------------------------------

# Cores busy machine-wide over one second (our server idles between runs).
busy_cores() {
	local a b
	a=$(head -1 /proc/stat) && sleep 1 && b=$(head -1 /proc/stat)
	awk -v a="$a" -v b="$b" -v n="$(nproc)" 'BEGIN {
		split(a, x, " "); split(b, y, " ")
		for (i = 2; i <= 9; i++) total += y[i] - x[i]
		idle = (y[5] - x[5]) + (y[6] - x[6])
		printf "%.2f", (total > 0) ? (total - idle) / total * n : 0 }'
}

# Before a measured run, waits (bounded per run and in total) for other work on the machine to
# stop, e.g. a build running meanwhile; the run records how busy the machine was anyway.
await_quiet() {
	local waited=0 busy
	((QUIET_WAIT_PER_RUN > 0 && QUIET_BUDGET > 0)) || return 0
	while busy=$(busy_cores) && awk -v b="$busy" 'BEGIN { exit !(b > 0.3) }'; do
		if ((waited >= QUIET_WAIT_PER_RUN || QUIET_BUDGET <= 0)); then
			log "machine still busy ($busy cores), measuring anyway"
			return 0
		fi
		((waited == 0)) && log "machine busy ($busy cores used by others), waiting up to ${QUIET_WAIT_PER_RUN} s"
		waited=$((waited + 1)) QUIET_BUDGET=$((QUIET_BUDGET - 1))
	done
}

# Runs the load generator pinned to CLIENT_CPU with the given options; prints its result line.
generate() {
	local out=$WORK/generator.out pid rc=0
	taskset -c "$CLIENT_CPU" timeout 300 java "${GEN_JVM[@]}" -cp "$CLASSPATH_BENCH" \
		io.tcpgateway.bench.LoadGenerator --port="$SERVER_PORT" --payload="$PAYLOAD" "$@" >"$out" 2>>"$LOGS/generator.log" &
	pid=$!
	STARTED+=("$pid")
	wait "$pid" || rc=$?
	grep -m1 '^rps=' "$out" || { log "load generator failed (exit $rc): $*"; return 1; }
}

# Builds tcpload from its source (never a copy of it); sets TCPLOAD, or TCPLOAD_MISSING to why not.
build_tcpload() {
	local src
	TCPLOAD="" TCPLOAD_MISSING=""
	if [[ ! -f $TOOLS_SRC/tcpload.c || ! -f $TOOLS_SRC/Makefile ]]; then
		TCPLOAD_MISSING=no-tcpload-source-in-${TOOLS_SRC//[^A-Za-z0-9._-]/_}
	else
		src=$(cd "$TOOLS_SRC" && pwd)
		mkdir -p "$WORK/tools"
		# the tools' own Makefile, run in our directory: their source tree may be read-only
		if make -s -C "$WORK/tools" -f "$src/Makefile" VPATH="$src" tcpload >>"$LOGS/tools-build.log" 2>&1; then
			TCPLOAD=$WORK/tools/tcpload
		else
			TCPLOAD_MISSING=tcpload-did-not-build
		fi
	fi
	if [[ -n $TCPLOAD ]]; then
		log "tcpload built from $src"
	else
		log "no tcpload ($TCPLOAD_MISSING): its rows say so"
	fi
}

# One run of tcpload, kind $1, connections $2, run $3: the same load as the Java generator's
# (closed loop, ECHO with a $PAYLOAD-byte payload carrying a per-request id, -u, CRLF), written as
# a line in the Java generator's format. The server's CPU is read from /proc around the whole run:
# tcpload starts right after the server's warm-up, so it measures from its first request (-w 0).
measure_tcpload() {
	local kind=$1 conns=$2 run=$3 args=() out t0 t1 m0 m1 line rc=0
	if [[ -z $TCPLOAD ]]; then
		echo "server=$SERVER_NAME kind=$kind gen=tcpload conns=$conns run=$run failed=$TCPLOAD_MISSING" >>"$RESULTS"
		return 0
	fi
	[[ $kind == per-request-connect ]] && args=(-R)
	await_quiet
	t0=$(process_ticks "$SERVER_PID") m0=$(machine_ticks)
	out=$(taskset -c "$CLIENT_CPU" timeout 300 "$TCPLOAD" -c "$conns" -d "$SECS" -w 0 -s "$PAYLOAD" -u -q "${args[@]}" \
		127.0.0.1 "$SERVER_PORT" 2>>"$LOGS/tcpload.log") || rc=$?
	t1=$(process_ticks "$SERVER_PID") m1=$(machine_ticks)
	if [[ $out != rps=* ]]; then
		log "tcpload failed (exit $rc): $kind c=$conns"
		echo "server=$SERVER_NAME kind=$kind gen=tcpload conns=$conns run=$run failed=tcpload-exit-$rc" >>"$RESULTS"
		return 0
	fi
	line=$(awk -v line="$out" -v srv=$((t1 - t0)) -v all=$((m1 - m0)) 'BEGIN {
		n = split(line, kv, " "); for (i = 1; i <= n; i++) { split(kv[i], p, "="); v[p[1]] = p[2] }
		secs = v["secs"]; cli = v["cli_cpu_s"]; other = (all - srv) / 100 - cli
		printf "rps=%s p50_us=%s p90_us=%s p99_us=%s p999_us=%s max_us=%s mean_us=%s ok=%s err=%s e_conn=%s e_closed=%d ", \
			v["rps"], v["p50_us"], v["p90_us"], v["p99_us"], v["p999_us"], v["max_us"], v["mean_us"], v["ok"], v["err"], \
			v["e_conn"], v["e_reset"] + v["e_eof"]
		printf "e_timeout=%s e_bad=%s conns=%s secs=%s srv_cpu_us_per_req=%.2f srv_cpu_util=%.2f cli_cpu_util=%.2f other_cpu_util=%.2f", \
			v["e_timeout"], v["e_bad"], v["conns"], secs, (v["ok"] > 0) ? srv * 10000 / v["ok"] : -1, srv / 100 / secs, \
			cli / secs, (other > 0) ? other / secs : 0 }')
	echo "server=$SERVER_NAME kind=$kind gen=tcpload conns=$conns run=$run $line" >>"$RESULTS"
	log "$SERVER_NAME $kind c=$conns run $run (tcpload): $line"
	kill -0 "$SERVER_PID" 2>/dev/null || { log "$SERVER_NAME died"; return 1; }
}

# One measured run: kind $1, connections $2, run number $3, then more generator options.
measure_load() {
	local kind=$1 conns=$2 run=$3 line
	shift 3
	await_quiet
	if line=$(generate --mode="$kind" --connections="$conns" --warmup="$WARMUP" --duration="$SECS" \
		--server-pid="$SERVER_PID" "$@"); then
		echo "server=$SERVER_NAME kind=$kind gen=java conns=$conns run=$run $line" >>"$RESULTS"
		log "$SERVER_NAME $kind c=$conns run $run: $line"
	else
		echo "server=$SERVER_NAME kind=$kind gen=java conns=$conns run=$run failed=generator-exited" >>"$RESULTS"
	fi
	kill -0 "$SERVER_PID" 2>/dev/null || { log "$SERVER_NAME died"; return 1; }
}

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# Live heap in bytes: the class histogram runs a full GC first and counts only live objects.
live_heap() { taskset -c "$CLIENT_CPU" timeout 120 jcmd "$1" GC.class_histogram | awk '$1 == "Total" { print $3 }'; }

# Memory per idle connection: RSS and live heap before, and with IDLE_N idle connections open,
# held by two generator processes (from 127.0.0.1 and 127.0.0.2: the open-file limit is per
# process); then, while they are held, the persistent load at 16 connections again, as
# "<server>-idle18k" rows (the stock server, which runs out of memory first, holds fewer).
measure_idle() {
	local rss0 heap0 rss1 heap1 pids=() out=$WORK/idle.out release=$WORK/idle.release i n line rc=0 log_lines oom
	local total=$IDLE_N ok=0 alive=0 run
	if [[ -n $IDLE_SKIP ]]; then
		echo "server=$SERVER_NAME kind=idle conns=$IDLE_N failed=$IDLE_SKIP" >>"$RESULTS"
		return 0
	fi
	[[ $SERVER_NAME == stock-si ]] && total=$IDLE_N_STOCK
	# tcp-gateway's open-file budget at a limit of 20,000 is 18,000 connections: leave room for the
	# 16 active ones measured beside the idle ones (the first full run refused them as busy)
	[[ $SERVER_NAME == tcp-gateway ]] && total=$((IDLE_N - 16))
	# the first full GC also clears what the load runs left behind (soft references, caches)
	live_heap "$SERVER_PID" >/dev/null
	rss0=$(rss_kb "$SERVER_PID") heap0=$(live_heap "$SERVER_PID")
	log_lines=$(wc -l <"$LOGS/$SERVER_NAME.log")
	await_quiet
	rm -f "$release" "$out".*
	for n in 1 2; do
		taskset -c "$CLIENT_CPU" timeout 900 java "${GEN_JVM[@]}" -cp "$CLASSPATH_BENCH" io.tcpgateway.bench.LoadGenerator \
			--port="$SERVER_PORT" --mode=idle --connections=$((total / 2)) --local-address=127.0.0.$n --hold=800 \
			--release-file="$release" >"$out.$n" 2>>"$LOGS/generator.log" &
		pids+=("$!")
		STARTED+=("$!")
	done
	for ((i = 0; i < 3000; i++)); do
		grep -q '^READY' "$out.1" && grep -q '^READY' "$out.2" && break
		kill -0 "${pids[0]}" 2>/dev/null && kill -0 "${pids[1]}" 2>/dev/null || break
		sleep 0.1
	done
	if ! grep -q '^READY' "$out.1" || ! grep -q '^READY' "$out.2"; then
		log "$SERVER_NAME: idle connections never became ready: $(tail -c 200 "$out.1") / $(tail -c 200 "$out.2")"
		stop_pid "${pids[0]}"
		stop_pid "${pids[1]}"
		echo "server=$SERVER_NAME kind=idle conns=$total failed=not-ready" >>"$RESULTS"
		return 0
	fi
	sleep 1
	rss1=$(rss_kb "$SERVER_PID") heap1=$(live_heap "$SERVER_PID")
	if [[ $SERVER_NAME != stock-si ]]; then
		local name=$SERVER_NAME
		SERVER_NAME=$name-idle18k
		for ((run = 1; run <= RUNS; run++)); do
			measure_load persistent 16 "$run" || break
		done
		SERVER_NAME=$name
	fi
	touch "$release"
	for n in 0 1; do
		wait "${pids[$n]}" || rc=$?
	done
	for n in 1 2; do
		line=$(grep -m1 '^rps=' "$out.$n" || true)
		ok=$((ok + $(sed -n 's/.* ok=\([0-9]*\) .*/\1/p' <<<"$line" | head -1)))
		alive=$((alive + $(sed -n 's/.* alive_end=\([0-9]*\).*/\1/p' <<<"$line" | head -1)))
	done
	oom=$(tail -n +"$((log_lines + 1))" "$LOGS/$SERVER_NAME.log" | grep -c 'OutOfMemoryError' || true)
	echo "server=$SERVER_NAME kind=idle conns=$total ok=$ok alive_end=$alive processes=2 heap_before=$heap0" \
		"heap_after=$heap1 rss_before_kb=$rss0 rss_after_kb=$rss1 oom_log_lines=$oom" >>"$RESULTS"
	log "$SERVER_NAME idle: $ok of $total answered, $alive open at the end; heap $heap0 -> $heap1 B, RSS $rss0 -> $rss1 KB"
}

# Everything for one server: start-up times, then (on the last start) load, then memory.
bench_server() {
	local conns run
	SERVER_NAME=$1
	log "=== $SERVER_NAME"
	if [[ $SERVER_NAME == tcp-gateway ]]; then
		gateway_production_startups
		measure_startups tcp-gateway java_-jar "$STARTS" keep || return 0
	elif [[ $SERVER_NAME == tcp-gateway-traced ]]; then
		start_server tcp-gateway-traced java_-jar || return 0
	else
		measure_startups "$SERVER_NAME" java_-cp "$STARTS" keep || return 0
	fi
	# let the JIT compile the hot path before anything is measured
	generate --mode=persistent --connections=16 --warmup=0 --duration="$SERVER_WARMUP" >/dev/null || true
	# runs interleaved across connection counts, so a slow patch of the machine hits all of them
	# both generators, one configuration after the other, so a slow patch of the machine hits both
	for ((run = 1; run <= RUNS; run++)); do
		for conns in "${CONNECTIONS[@]}"; do
			measure_load persistent "$conns" "$run" || { stop_server; return 0; }
			measure_tcpload persistent "$conns" "$run" || { stop_server; return 0; }
		done
	done
	if [[ $SERVER_NAME == tcp-gateway-traced ]]; then
		# tracing's cost is on the request path: the other measures would repeat tcp-gateway's
		stop_server
		return 0
	fi
	for ((run = 1; run <= RUNS; run++)); do
		measure_load per-request-connect "$PRC_CLIENTS" "$run" || { stop_server; return 0; }
		measure_tcpload per-request-connect "$PRC_CLIENTS" "$run" || { stop_server; return 0; }
	done
	measure_idle
	stop_server
}

# Server push (bench/push.sh, from the sessions work: 1,000 sessions pushed to through the TcpPush
# bean), when this tree has it: it runs with BENCH_PORT_BASE, SERVER_CPU, CLIENT_CPU and --smoke,
# and prints its results as lines in this file's format, "server=tcp-gateway kind=push ...", which
# the report shows as they are. Without it, the report's push row says so.
measure_push() {
	local args=()
	if [[ ! -f bench/push.sh ]]; then
		echo "server=tcp-gateway kind=push failed=no-bench/push.sh-in-this-tree" >>"$RESULTS"
		return 0
	fi
	[[ $MODE == smoke ]] && args=(--smoke)
	# push.sh prints one line of figures, pushes_per_s=... written=... received=...
	if BENCH_PORT_BASE=$PORT_BASE SERVER_CPU=$SERVER_CPU CLIENT_CPU=$CLIENT_CPU bash bench/push.sh "${args[@]}" \
		>"$WORK/push.out" 2>>"$LOGS/push.log" && grep -q '^pushes_per_s=' "$WORK/push.out"; then
		sed -n 's/^pushes_per_s=/server=tcp-gateway kind=push pushes_per_s=/p' "$WORK/push.out" >>"$RESULTS"
	else
		echo "server=tcp-gateway kind=push failed=bench/push.sh-failed" >>"$RESULTS"
	fi
}

# TLS (bench/tls.sh, its own servers and ports): its tables become a section of the report.
measure_tls() {
	local args=()
	rm -f "$WORK/tls.md"
	[[ $MODE == smoke ]] && args=(--smoke)
	# in the full run: 2 runs of 10 s per measurement and at most 60 s of warm-up per server and mode
	if TLS_RUNS=${TLS_RUNS:-2} TLS_WARM_MAX=${TLS_WARM_MAX:-60} BENCH_PORT_BASE=$PORT_BASE SERVER_CPU=$SERVER_CPU \
		CLIENT_CPU=$CLIENT_CPU bash bench/tls.sh "${args[@]}" \
		>"$WORK/tls.out" 2>>"$LOGS/tls.log" && [[ -s bench/out/tls/tls.md ]]; then
		{ echo "## TLS"; echo; sed -e '1{/^# /d}' bench/out/tls/tls.md; } >"$WORK/tls.md"
	else
		log "bench/tls.sh failed (see $LOGS/tls.log); the report has no TLS section"
	fi
}

# --- main ---------------------------------------------------------------------------------------

main() {
	local hard
	mkdir -p "$WORK" "$LOGS" "$OUT"
	rm -f "$RESULTS" "$LOGS"/*.log
	hard=$(ulimit -Hn)
	# tcp-gateway keeps a tenth of its open-file limit (at least 128) for the JVM, HTTP and logs
	# tcp-gateway keeps a tenth of its open-file limit (at least 128) for the JVM, HTTP and logs;
	# without room for the idle connections their rows say why, and everything else still runs
	IDLE_SKIP=""
	if [[ $hard != unlimited ]] && ((hard - (hard / 10 > 128 ? hard / 10 : 128) < IDLE_N)); then
		log "the open-files hard limit ($hard) leaves tcp-gateway fewer than $IDLE_N connections; no idle rows"
		IDLE_SKIP=open-files-hard-limit-$hard-below-$IDLE_N-connections
	fi
	ulimit -n "$hard"
	if [[ $(nproc) -lt 2 ]]; then
		log "fewer than 2 CPUs: server and load generator share CPU 0"
		SERVER_CPU=0 CLIENT_CPU=0
	fi
	build
	build_tcpload
	write_meta
	start_otlp_sink
	for server in tcp-gateway tcp-gateway-traced raw-netty stock-si; do
		bench_server "$server"
	done
	measure_push
	measure_tls
	java -Djava.awt.headless=true -cp "$CLASSPATH_BENCH" io.tcpgateway.bench.Report "$RESULTS" "$WORK/meta.txt" \
		"$OUT/benchmarks.md" "$WORK/tls.md"
	java -Djava.awt.headless=true -cp "$CLASSPATH_BENCH" io.tcpgateway.bench.Chart "$RESULTS" "$OUT/benchmarks.png"
	log "wrote $OUT/benchmarks.md and $OUT/benchmarks.png in $(($(date +%s) - BEGAN)) s (raw results: $RESULTS)"
}

write_meta() {
	local command="bash bench/run.sh"
	[[ $MODE == smoke ]] && command="bash bench/run.sh --smoke"
	cat >"$WORK/meta.txt" <<-EOF
		command=$command
		date=$(date -u '+%Y-%m-%d %H:%M UTC')
		mode=$MODE
		runs=$RUNS
		machine=$(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/^MemTotal/ { printf "%.0f GB RAM", $2 / 1048576 }' /proc/meminfo), Linux $(uname -r)
		java=$(java -version 2>&1 | head -2 | tr '\n' ' ' | sed 's/ *$//')
		pinning=each server JVM on CPU $SERVER_CPU (\`taskset -c $SERVER_CPU\`, so it sees one processor: one Netty event loop, SerialGC), the load generator on CPU $CLIENT_CPU; the kernel's loopback TCP work runs on both
		load=closed loop on 127.0.0.1, \`ECHO\` with a $PAYLOAD-byte payload carrying a per-request id (every reply checked), CRLF, by two generators one after the other: the harness's Java LoadGenerator (${WARMUP} s warm-up then ${SECS} s measured per run) and tcpload (C, \`../shared/tools\`, built from source: ${SECS} s right after, \`-u -w 0\`), $RUNS run(s) per configuration; connect-per-request with $PRC_CLIENTS concurrent clients; $IDLE_N idle connections for memory (two client processes, from 127.0.0.1 and 127.0.0.2; the stock server $IDLE_N_STOCK), with 16 connections of load measured again while they are open; $STARTS start(s) per start-up variant
	EOF
}

main
