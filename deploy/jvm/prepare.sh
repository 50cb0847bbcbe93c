#!/usr/bin/env bash
# Prepares tcp-gateway's production launch on JDK 25+: Spring Boot's extracted layout (a thin
# tcp-gateway.jar and lib/) plus an AOT cache (JEP 483/514/515) recorded by a short training run
# that starts the server, serves some TCP requests and Actuator calls, and stops on SIGTERM.
#
#   deploy/jvm/prepare.sh [--jar FAT_JAR] [--plugins PLUGIN_DIR] [--spring-aot] DIR [application arguments for the training run...]
#
# With --jar, FAT_JAR is extracted into DIR first (DIR must not exist or be empty); without it,
# DIR already holds tcp-gateway.jar and lib/ (as the Dockerfile's layers do). Then start with:
#
#   java -XX:AOTCache=DIR/app.aot -jar DIR/tcp-gateway.jar [application arguments...]
#
# With --plugins, the plugin jars in PLUGIN_DIR (README, Extending) are copied to DIR/plugins and
# go on the class path after tcp-gateway.jar: the extracted layout starts the application
# directly, not through Spring Boot's PropertiesLauncher, so loader.path does not reach it. The
# training run and the start then use the same class path, and the start command is the one
# printed at the end (java ... -cp DIR/tcp-gateway.jar:DIR/plugins/... io.tcpgateway.TcpGatewayApplication).
#
# The cache only fits the JVM that recorded it (same java binary, same DIR path, same jars): run
# this again after changing any of them. A cache that does not fit is ignored (the server starts,
# only slower) and the JVM says why with -Xlog:aot. Pass the training run the arguments that
# change which beans exist (e.g. --spring.profiles.active=prod), so it loads the same classes;
# its ports are always its own, on 127.0.0.1: AOT_TRAINING_TCP_PORT and AOT_TRAINING_HTTP_PORT,
# with Actuator on that HTTP port (management.server.port set to the same port), as the prod
# profile has it: one HTTP server, so the training loads the classes production loads and its
# probes find Actuator whatever the configuration says.
#
# With --spring-aot, the training run and the start also use Spring AOT's generated bean
# definitions (built into the jar by process-aot; -Dspring.aot.enabled=true), which skips reading
# and evaluating the configuration classes at start-up. What they fix at build time stays fixed:
# beans that a profile or a property switches (the seed profile, tracing: it stays off), and
# Actuator on the application's HTTP port (a management port of its own is refused); properties
# and the TCP listeners are still read at start-up. The start command printed at the end carries
# the flag.
#
# Java: $JAVA_HOME/bin/java when JAVA_HOME is set, else java on the PATH; 25 or newer.
set -euo pipefail

jar=""
plugins=""
jvm=()
while [[ ${1:-} == --jar || ${1:-} == --plugins || ${1:-} == --spring-aot ]]; do
	case $1 in
	--jar) jar=${2:?--jar needs the fat jar}; shift ;;
	--plugins) plugins=${2:?--plugins needs a directory of plugin jars}; shift ;;
	--spring-aot) jvm=(-Dspring.aot.enabled=true) ;;
	esac
	shift
done
dir=${1:?usage: deploy/jvm/prepare.sh [--jar FAT_JAR] [--plugins PLUGIN_DIR] [--spring-aot] DIR [training arguments...]}
shift
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
tcp_port=${AOT_TRAINING_TCP_PORT:-19398}
http_port=${AOT_TRAINING_HTTP_PORT:-19399}

say() { printf '[prepare] %s\n' "$*" >&2; }

major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [[ -z $major || $major -lt 25 ]]; then
	say "$java is Java ${major:-?}; the AOT cache needs Java 25 or newer (set JAVA_HOME)"
	exit 1
fi

if [[ -n $jar ]]; then
	if [[ -e $dir && -n $(ls -A "$dir") ]]; then
		say "$dir is not empty; give a new directory to extract $jar into"
		exit 1
	fi
	"$java" -Djarmode=tools -jar "$jar" extract --destination "$dir" --application-filename tcp-gateway.jar >/dev/null
fi
dir=$(cd "$dir" && pwd)
[[ -f $dir/tcp-gateway.jar && -d $dir/lib ]] || { say "$dir holds no tcp-gateway.jar and lib/"; exit 1; }
rm -f "$dir/app.aot"

# how the application starts, the same in the training run and afterwards, or the cache does not fit
launch=("${jvm[@]}" -jar "$dir/tcp-gateway.jar")
if [[ -n $plugins ]]; then
	compgen -G "$plugins/*.jar" >/dev/null || { say "$plugins holds no plugin jar (*.jar)"; exit 1; }
	rm -rf "$dir/plugins"
	mkdir "$dir/plugins"
	cp "$plugins"/*.jar "$dir/plugins/"
	classpath=$dir/tcp-gateway.jar
	for plugin in "$dir"/plugins/*.jar; do
		classpath+=:$plugin
	done
	# the manifest's Enable-Native-Access (Netty's epoll library) applies to -jar only
	launch=("${jvm[@]}" --enable-native-access=ALL-UNNAMED -cp "$classpath" io.tcpgateway.TcpGatewayApplication)
fi

ping_ok() {
	local reply
	reply=$( (exec 3<>"/dev/tcp/127.0.0.1/$tcp_port" && printf 'PING\r\n' >&3 && timeout 2 head -c 6 <&3) 2>/dev/null) || return 1
	[[ $reply == PONG* ]]
}
http_get() { # path; succeeds on HTTP 200 from Actuator
	local status
	status=$( (exec 3<>"/dev/tcp/127.0.0.1/$http_port" &&
		printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$1" >&3 &&
		timeout 5 cat <&3) 2>/dev/null | head -1) || return 1
	[[ $status == *" 200"* ]]
}

log=$dir/aot-training.log
say "training run ($java, Java $major): recording $dir/app.aot"
"$java" -XX:AOTCacheOutput="$dir/app.aot" "${launch[@]}" "$@" \
	--tcp.server.host=127.0.0.1 --tcp.server.port="$tcp_port" \
	--server.address=127.0.0.1 --server.port="$http_port" --management.server.port="$http_port" \
	>"$log" 2>&1 &
pid=$!
trap 'kill -KILL "$pid" 2>/dev/null || true' EXIT
ready=""
for ((i = 0; i < 1800; i++)); do # <= 180 s
	kill -0 "$pid" 2>/dev/null || break
	if ping_ok && http_get /actuator/health/readiness; then
		ready=yes
		break
	fi
	sleep 0.1
done
if [[ -z $ready ]]; then
	say "the training run did not get ready; last lines of $log:"
	tail -20 "$log" >&2
	exit 1
fi
# the work a running server does, so the cache also holds its classes and method profiles
for ((i = 0; i < 20; i++)); do
	(exec 3<>"/dev/tcp/127.0.0.1/$tcp_port" &&
		printf 'PING\r\nECHO training %d\r\nHELLO\r\nHELLO aot\r\nTIME\r\nWHOAMI\r\nNOPE\r\n\r\nQUIT\r\n' "$i" >&3 &&
		timeout 5 cat <&3 >/dev/null) 2>/dev/null || true
done
(exec 3<>"/dev/tcp/127.0.0.1/$tcp_port" && for ((i = 0; i < 2000; i++)); do printf 'ECHO %d\r\n' "$i"; done >&3 &&
	printf 'QUIT\r\n' >&3 && timeout 10 cat <&3 >/dev/null) 2>/dev/null || true
for path in /actuator/health /actuator/health/liveness /actuator/health/readiness /actuator/info \
	/actuator/prometheus /actuator/metrics /actuator/tcpconnections; do
	http_get "$path" || true
done
# SIGTERM: the server drains and exits; the JVM then writes the cache (in a second JVM it starts)
kill -TERM "$pid"
for ((i = 0; i < 1800; i++)); do # <= 180 s
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
	say "the training run did not exit within 180 s of SIGTERM"
	exit 1
fi
wait "$pid" 2>/dev/null || true
trap - EXIT
if [[ ! -s $dir/app.aot ]]; then
	say "no AOT cache was written; last lines of $log:"
	tail -20 "$log" >&2
	exit 1
fi
say "wrote $dir/app.aot ($(du -m "$dir/app.aot" | cut -f1) MB); start with:"
say "  $java -XX:AOTCache=$dir/app.aot ${launch[*]}"
