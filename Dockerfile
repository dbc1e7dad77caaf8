# Builds the application jar and runs it; used by docker-compose.yml.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -q -B package -DskipTests

FROM eclipse-temurin:17-jre
# curl for the compose health check (GET /actuator/health/readiness)
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/target/rectification-*.jar app.jar
COPY seeds seeds
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "app.jar"]
