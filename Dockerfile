# syntax=docker/dockerfile:1
#
# tcp-gateway container image: built from source with the Maven wrapper, run on JDK 25 from Spring
# Boot's layered extraction (dependencies change rarely, the application often: rebuilds push only
# the small top layer) with an AOT cache (JEP 483/514/515) trained at image build time.
#
#   docker build -t tcp-gateway:0.1.0-SNAPSHOT .
#   docker run --rm -p 9000:9000 -p 8081:8081 \
#       -e SPRING_PROFILES_ACTIVE=prod -e SERVER_ADDRESS=0.0.0.0 tcp-gateway:0.1.0-SNAPSHOT
#
# Ports: 9000 TCP protocol; 8080 HTTP (Actuator); with SPRING_PROFILES_ACTIVE=prod, Actuator on
# 8081 instead and nothing on 8080. `docker stop` sends SIGTERM to java (PID 1): the server
# drains (see README, Operations) and exits with 143; give it time: `docker stop -t 40`.
#
# DockerfileIT (src/test/java/io/tcpgateway/deploy) replays this file without a container
# engine, instruction by instruction, and runs its entrypoint as the docker run above.

# --- build: compile and package with the Maven wrapper ----------------------------------------
# (the build targets Java 17 with --release; JDK 25 builds it like any other)
FROM eclipse-temurin:25-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY src/ src/
# the cache mount keeps Maven and the dependencies between builds (BuildKit); without the API
# jar plugins compile against (tcp-gateway-*-api.jar), the glob must match exactly one jar, the
# fat jar, or cp fails the build
RUN --mount=type=cache,target=/root/.m2 sh ./mvnw -B -q package -DskipTests \
    && rm target/tcp-gateway-*-api.jar && cp target/tcp-gateway-*.jar app.jar
# one directory per layer (dependencies, spring-boot-loader, snapshot-dependencies, application):
# together a thin tcp-gateway.jar and lib/, the layout the AOT cache needs (it archives classes
# from jars on the class path, not from jars nested in the fat jar)
RUN java -Djarmode=tools -jar app.jar extract --layers --destination extracted \
    --application-filename tcp-gateway.jar

# --- runtime: JRE only, non-root -----------------------------------------------------------
FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
# Heap from the container's memory limit, leaving a quarter for metaspace, threads, Netty's
# direct buffers and the JIT; an OutOfMemoryError ends the process (the orchestrator restarts
# it) instead of leaving it half-working. Override the whole variable to change them. Set before
# the training run, so that it runs with the same options.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# AOT cache: a training run (start with the prod profile, serve some TCP requests and Actuator
# calls, stop on SIGTERM) records the classes loaded and linked and the method profiles; later
# starts map them from app.aot. It must be made by the JVM of this image from these files, which
# is why it is made here. Measured start to ready (bench/startup.sh, bench/README.md "Start-up"):
# about 2.5 times faster than java -jar. The training ports are loopback-only, inside the build.
COPY deploy/jvm/prepare.sh /tmp/prepare.sh
RUN bash /tmp/prepare.sh /app --spring.profiles.active=prod \
    && rm /tmp/prepare.sh /app/aot-training.log
USER 10001:10001
EXPOSE 9000 8080 8081
# exec form: java is PID 1 and receives SIGTERM itself. A cache that does not fit (another JVM)
# is ignored: the server then starts without it, only slower
ENTRYPOINT ["java", "-XX:AOTCache=/app/app.aot", "-jar", "/app/tcp-gateway.jar"]
