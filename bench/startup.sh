#!/usr/bin/env bash
# Start to ready, three ways, in one run on this machine. From the project root:
#
#   bash bench/startup.sh           # median of 3 starts per mode (~3 min, plus the build)
#   bash bench/startup.sh --smoke   # 1 start per mode
#
# Prints one line per mode on stdout:
#   mode=java-jar start_to_ready_ms=<n>     java -jar of the fat jar, default java, JVM defaults
#   mode=production start_to_ready_ms=<n>   the production launch (deploy/jvm/prepare.sh, README
#                                           "Production launch"): newest JDK (25+), extracted
#                                           layout, AOT cache trained by this script
#   mode=production-spring-aot ...          the same with Spring AOT's generated bean definitions
#                                           (prepare.sh --spring-aot: -Dspring.aot.enabled=true)
#   mode=raw-netty start_to_ready_ms=<n>    RawNettyServer, default java, until it answers PING
# Ready: TCP answers PING with PONG and, for tcp-gateway, GET /actuator/health/readiness is 200
# (UP), polled every 20 ms for at most 180 s. Starts are interleaved across modes, so a busy
# patch of the machine hits all of them; each server runs pinned to SERVER_CPU (default 1) like
# bench/run.sh. Ports BENCH_PORT_BASE+50 to +55 (default 19150-19155). Raw lines, one per start,
# in bench/run.sh's format: bench/out/startup-<mode>/results.txt; logs beside it. After the timed
# starts, one more start per mode counts the classes loaded until ready (-Xlog:class+load; not
# timed, the log slows it): "kind=classes ... classes=<n>" lines.
set -euo pipefail

cd "$(dirname "$0")/.."
# shared by the bench scripts: the --smoke argument, log, processes stopped by PID, the build, the newest JDK
source bench/lib.sh

bench_mode "$@"
STARTS=3 PROBE_SECS=5 PROBE_LOAD_SECS=20
[[ $MODE == smoke ]] && STARTS=1 PROBE_SECS=1 PROBE_LOAD_SECS=1
SERVER_CPU=${SERVER_CPU:-1}
CLIENT_CPU=${CLIENT_CPU:-0}
PORT_BASE=${BENCH_PORT_BASE:-19100}
TCP_PORT=$((PORT_BASE + 50)) HTTP_PORT=$((PORT_BASE + 51)) RAW_PORT=$((PORT_BASE + 52))
WORK=bench/out/startup-$MODE
RESULTS=$WORK/results.txt
LOGS=$WORK/logs

[[ $(nproc) -lt 2 ]] && SERVER_CPU=0

pong() {
	local reply
	reply=$( (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'PING\r\n' >&3 && timeout 1 head -c 6 <&3) 2>/dev/null) || return 1
	[[ $reply == PONG* ]]
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Starts "$@" pinned, as mode $1 (tcp port $2, readiness on http port $3 unless empty), until
# ready; sets STARTUP_MS and STARTUP_CPU_MS (the server's own CPU time until then), stops it.
# With CLASS_LOG set, the JVM logs each class it loads there, and CLASSES is how many it had
# loaded when it was ready.
start_to_ready() {
	local mode=$1 tcp=$2 http=$3 t0 pid i
	shift 3
	if [[ -n ${CLASS_LOG:-} ]]; then
		rm -f "$CLASS_LOG"
		set -- "$1" -Xlog:class+load=info:file="$CLASS_LOG" "${@:2}"
	fi
	for port in "$tcp" ${http:+"$http"}; do
		port_free "$port" || { log "port $port is in use: stop what runs there or set BENCH_PORT_BASE"; exit 1; }
	done
	t0=$(date +%s%N)
	taskset -c "$SERVER_CPU" "$@" >>"$LOGS/$mode.log" 2>&1 &
	pid=$!
	STARTED+=("$pid")
	STARTUP_MS=""
	for ((i = 0; i < 9000; i++)); do
		if ! kill -0 "$pid" 2>/dev/null; then
			log "$mode exited during start-up; last log lines:"
			tail -20 "$LOGS/$mode.log" >&2
			break
		fi
		if pong "$tcp" && { [[ -z $http ]] ||
			curl -fs -m 2 -o /dev/null "http://127.0.0.1:$http/actuator/health/readiness"; }; then
			STARTUP_MS=$((($(date +%s%N) - t0) / 1000000))
			STARTUP_CPU_MS=$(awk '{ sub(/.*\) /, ""); print ($12 + $13) * 10 }' "/proc/$pid/stat")
			[[ -n ${CLASS_LOG:-} ]] && CLASSES=$(grep -c ' source: ' "$CLASS_LOG")
			break
		fi
		sleep 0.02
	done
	if [[ -n $STARTUP_MS && $mode == "$PROBE_MODE" ]]; then
		warmup_probe "$mode" "$tcp" "$pid"
	fi
	stop_pid "$pid"
	[[ -n $STARTUP_MS ]]
}

# Warm-up: connect-per-request req/s (16 clients, the generator on CLIENT_CPU) in the first
# PROBE_SECS seconds after ready, then after PROBE_LOAD_SECS more seconds of the same load, for
# PROBE_SECS again (the steady state).
warmup_probe() {
	local mode=$1 port=$2 pid=$3 first steady
	probe() {
		taskset -c "$CLIENT_CPU" java -Xms256m -Xmx1g -cp "$CLASSPATH_BENCH" io.tcpgateway.bench.LoadGenerator \
			--port="$port" --mode=per-request-connect --connections=16 --warmup=0 --duration="$1" \
			--server-pid="$pid" 2>>"$LOGS/$mode-probe.log" | sed -n 's/^.*\brps=\([0-9.]*\).*/\1/p' | head -1
	}
	first=$(probe "$PROBE_SECS")
	probe "$PROBE_LOAD_SECS" >/dev/null
	steady=$(probe "$PROBE_SECS")
	log "$mode warm-up: ${first:-?} req/s in the first ${PROBE_SECS} s after ready, ${steady:-?} req/s after $((PROBE_SECS + PROBE_LOAD_SECS)) s"
	echo "server=$mode kind=warmup variant=$mode first_rps=${first:-0} steady_rps=${steady:-0} first_secs=$PROBE_SECS" \
		"steady_after_secs=$((PROBE_SECS + PROBE_LOAD_SECS))" >>"$RESULTS"
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }

main() {
	local gateway=(--tcp.server.host=127.0.0.1 --tcp.server.port="$TCP_PORT" --server.address=127.0.0.1
		--server.port="$HTTP_PORT") prod_java="" spring_aot_java="" run mode
	mkdir -p "$WORK" "$LOGS"
	rm -f "$RESULTS" "$LOGS"/*.log
	build
	find_newest_java
	log "java-jar and raw-netty on $(command -v java) ($(java -version 2>&1 | head -1)); load average $(cut -d' ' -f1-3 /proc/loadavg)"
	# the production layout, and its AOT cache from a training run pinned like the measured starts
	rm -rf "$WORK/production"
	if ((NEWEST_JAVA_MAJOR >= 25)); then
		log "production on $NEWEST_JAVA (Java $NEWEST_JAVA_MAJOR): extracting and training the AOT cache"
		if AOT_TRAINING_TCP_PORT=$((PORT_BASE + 53)) AOT_TRAINING_HTTP_PORT=$((PORT_BASE + 54)) \
			JAVA_HOME=${NEWEST_JAVA%/bin/java} taskset -c "$SERVER_CPU" \
			deploy/jvm/prepare.sh --jar "$WORK/app/tcp-gateway.jar" "$WORK/production" 2>>"$LOGS/aot-training.log"; then
			prod_java=$NEWEST_JAVA
		else
			log "the AOT cache could not be made (see $LOGS/aot-training.log and $WORK/production/aot-training.log)"
		fi
		# the same with Spring AOT's generated bean definitions, its own cache
		rm -rf "$WORK/production-spring-aot"
		if AOT_TRAINING_TCP_PORT=$((PORT_BASE + 53)) AOT_TRAINING_HTTP_PORT=$((PORT_BASE + 54)) \
			JAVA_HOME=${NEWEST_JAVA%/bin/java} taskset -c "$SERVER_CPU" deploy/jvm/prepare.sh --jar "$WORK/app/tcp-gateway.jar" \
			--spring-aot "$WORK/production-spring-aot" 2>>"$LOGS/aot-training.log"; then
			spring_aot_java=$NEWEST_JAVA
		else
			log "the Spring AOT variant's cache could not be made (see $LOGS/aot-training.log)"
		fi
	else
		log "no JDK 25 or newer under /usr/lib/jvm: no production mode"
	fi
	local prod_dir spring_aot_dir
	prod_dir=$(cd "$WORK" && pwd)/production
	spring_aot_dir=$(cd "$WORK" && pwd)/production-spring-aot
	for ((run = 1; run <= STARTS + 1; run++)); do
		for mode in java-jar production production-spring-aot raw-netty; do
			# the last timed start of each mode also measures its warm-up; one more counts classes
			PROBE_MODE="" CLASS_LOG=""
			((run == STARTS)) && PROBE_MODE=$mode
			((run > STARTS)) && CLASS_LOG=$LOGS/$mode-classes.log
			case $mode in
				java-jar) set -- java -jar "$WORK/app/tcp-gateway.jar" "${gateway[@]}" ;;
				production)
					[[ -n $prod_java ]] || continue
					set -- "$prod_java" -XX:AOTCache="$prod_dir/app.aot" -jar "$prod_dir/tcp-gateway.jar" "${gateway[@]}" ;;
				production-spring-aot)
					[[ -n $spring_aot_java ]] || continue
					set -- "$spring_aot_java" -XX:AOTCache="$spring_aot_dir/app.aot" -Dspring.aot.enabled=true -jar \
						"$spring_aot_dir/tcp-gateway.jar" "${gateway[@]}" ;;
				raw-netty) set -- java -cp "$CLASSPATH_BENCH" io.tcpgateway.bench.RawNettyServer "$RAW_PORT" ;;
			esac
			if [[ $mode == raw-netty ]]; then
				start_to_ready "$mode" "$RAW_PORT" "" "$@" || true
			else
				start_to_ready "$mode" "$TCP_PORT" "$HTTP_PORT" "$@" || true
			fi
			if [[ -n $CLASS_LOG ]]; then
				if [[ -n $STARTUP_MS ]]; then
					log "$mode: $CLASSES classes loaded when ready"
					echo "server=$mode kind=classes variant=$mode classes=$CLASSES" >>"$RESULTS"
				else
					echo "server=$mode kind=classes variant=$mode failed=not-ready" >>"$RESULTS"
				fi
			elif [[ -n $STARTUP_MS ]]; then
				log "$mode run $run: ready in $STARTUP_MS ms (its CPU time $STARTUP_CPU_MS ms; load average $(cut -d' ' -f1 /proc/loadavg))"
				echo "server=$mode kind=startup variant=$mode run=$run ms=$STARTUP_MS cpu_ms=$STARTUP_CPU_MS" >>"$RESULTS"
			else
				echo "server=$mode kind=startup variant=$mode run=$run failed=not-ready" >>"$RESULTS"
			fi
		done
	done
	for mode in java-jar production production-spring-aot raw-netty; do
		local ms
		ms=$(sed -n "s/^server=$mode .* ms=\([0-9]*\) .*/\1/p" "$RESULTS" | median)
		echo "mode=$mode start_to_ready_ms=${ms:-failed}"
	done
	sed -n 's/^server=\([^ ]*\) kind=warmup .*first_rps=\([0-9.]*\) steady_rps=\([0-9.]*\).*/mode=\1 first_5s_rps=\2 steady_rps=\3/p' "$RESULTS"
}

main
