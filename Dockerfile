# gradfit's container image, made from the jar that `./mvnw package` leaves in target/.
#
#   ./mvnw package && docker build -t gradfit:latest .
#
# Maven does not run in here: the build already happened (and was tested) outside, so the image
# only rearranges that jar into layers. BASE_IMAGE is any Java 17 (or later) runtime that has
# bash and useradd; CI passes an offline one, everyone else gets Eclipse Temurin.
ARG BASE_IMAGE=eclipse-temurin:17-jre

# Stage 1: split the executable jar into Spring Boot's layers (tools jar mode, Boot 3.3 and later).
FROM ${BASE_IMAGE} AS layers
WORKDIR /build
ARG JAR_FILE=target/gradfit-*.jar
COPY ${JAR_FILE} application.jar
RUN java -Djarmode=tools -jar application.jar extract --layers --launcher --destination extracted

# Stage 2: the runtime image.
FROM ${BASE_IMAGE}
LABEL org.opencontainers.image.title="gradfit" \
      org.opencontainers.image.description="REST service that fits models by gradient descent and serves their predictions"

# A fixed, numeric, non-root uid, so that Kubernetes' runAsNonRoot can check it without a passwd lookup.
RUN useradd --uid 10001 --user-group --no-create-home --home-dir /app --shell /usr/sbin/nologin gradfit

WORKDIR /app
# Least to most often changed, so that a code change rebuilds and ships only the last layer.
# The files stay owned by root: the service can read its code but not change it.
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./

USER 10001:10001
EXPOSE 8080

# Exec form, so that java is PID 1 and receives SIGTERM itself: the server then shuts down
# gracefully (server.shutdown=graceful, 30 s per phase; compose waits 45 s before SIGKILL).
# The heap follows the container's memory limit, and an OutOfMemoryError ends the process so
# that the orchestrator restarts it instead of leaving a half-broken JVM serving requests.
# Operators add JVM flags with JAVA_TOOL_OPTIONS and Spring settings with environment variables
# (SERVER_PORT, GRADFIT_STORE_MAX_MODELS, ...) without rebuilding. Arrow fits need java.nio opened to
# Arrow's memory code: java -jar reads that from the jar's manifest, but the launcher here does not.
ENTRYPOINT ["java", \
            "--add-opens=java.base/java.nio=ALL-UNNAMED", \
            "-XX:MaxRAMPercentage=75", \
            "-XX:InitialRAMPercentage=25", \
            "-XX:+ExitOnOutOfMemoryError", \
            "org.springframework.boot.loader.launch.JarLauncher"]
