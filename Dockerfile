# syntax=docker/dockerfile:1
#
# tcp-gateway container image: built from source with the Maven wrapper, run from Spring Boot's
# layered extraction (dependencies change rarely, the application often: rebuilds push only the
# small top layer).
#
#   docker build -t tcp-gateway:0.1.0-SNAPSHOT .
#   docker run --rm -p 9000:9000 -p 8081:8081 \
#       -e SPRING_PROFILES_ACTIVE=prod -e MANAGEMENT_SERVER_ADDRESS=0.0.0.0 tcp-gateway:0.1.0-SNAPSHOT
#
# Ports: 9000 TCP protocol; 8080 HTTP (Actuator unless the prod profile moves it); 8081 Actuator
# with SPRING_PROFILES_ACTIVE=prod. `docker stop` sends SIGTERM to java (PID 1): the server
# drains (see README, Operations) and exits with 143; give it time: `docker stop -t 40`.

# --- build: compile and package with the Maven wrapper ----------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY src/ src/
# the cache mount keeps Maven and the dependencies between builds (BuildKit); the glob must
# match exactly one jar, or cp fails the build
RUN --mount=type=cache,target=/root/.m2 sh ./mvnw -B -q package -DskipTests \
    && cp target/tcp-gateway-*.jar app.jar
# one directory per layer (dependencies, spring-boot-loader, snapshot-dependencies, application):
# together a thin tcp-gateway.jar and lib/, the layout class-data sharing needs (it archives
# classes from jars, not from exploded directories)
RUN java -Djarmode=tools -jar app.jar extract --layers --destination extracted

# --- runtime: JRE only, non-root -----------------------------------------------------------
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
# AppCDS: a training start (the context refreshes, then exits) records the classes it loads;
# later starts map them from the archive. Measured here: start to ready 13.5 s -> 7.4 s
# (docs/benchmarks.md, "Start-up"). The archive must be made by the same JVM that uses it.
RUN java -XX:ArchiveClassesAtExit=app.jsa -Dspring.context.exit=onRefresh -jar tcp-gateway.jar \
    --tcp.server.port=0 --server.port=0
USER 10001:10001
# Heap from the container's memory limit, leaving a quarter for metaspace, threads, Netty's
# direct buffers and the JIT; an OutOfMemoryError ends the process (the orchestrator restarts
# it) instead of leaving it half-working. Override the whole variable to change them.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 9000 8080 8081
# exec form: java is PID 1 and receives SIGTERM itself
ENTRYPOINT ["java", "-XX:SharedArchiveFile=app.jsa", "-jar", "tcp-gateway.jar"]
