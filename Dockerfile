# Builds the application jar and runs it; used by docker-compose.yml.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -q -B package -DskipTests

FROM eclipse-temurin:17-jre
# curl for the compose health check (GET /actuator/health/readiness)
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The JVM options the README recommends (section "在 PostgreSQL 上运行"; measured by StartupBenchmark, which reads
# them here); docker-compose.yml repeats them, so that they can be changed there.
ENV JAVA_TOOL_OPTIONS="-Xms64m -Xmx512m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=128m -XX:MaxMetaspaceSize=256m"
# fewer glibc malloc arenas: less resident memory after bursts of requests on many threads
ENV MALLOC_ARENA_MAX=2
COPY seeds seeds
COPY --from=build /src/target/rectification-*.jar rectification.jar
# Class-data sharing (Spring Boot's documented steps): the jar extracted (application/app.jar + application/lib/), one
# training run that stops once the context is refreshed (on an in-memory H2 database: nothing is written) and writes
# the classes it loaded into application/app.jsa; every start then maps them instead of loading them again.
RUN java -Djarmode=tools -jar rectification.jar extract --destination application --application-filename app.jar \
    && rm rectification.jar \
    && java -XX:ArchiveClassesAtExit=application/app.jsa -Dspring.context.exit=onRefresh -jar application/app.jar \
      "--spring.datasource.url=jdbc:h2:mem:training;DB_CLOSE_DELAY=-1"
EXPOSE 8080
ENTRYPOINT ["java", "-XX:SharedArchiveFile=application/app.jsa", "-jar", "application/app.jar"]
