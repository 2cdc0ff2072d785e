# Build stage: Node 20 (the console's Vite build needs >= 20.19) plus Debian's Java 17 for the
# Maven wrapper, which builds the console through the system npm exactly as on a developer machine.
FROM node:20-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jdk-headless && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# The service and what it needs; the bench module (benchmark tooling) stays out of the image.
RUN ./mvnw -B -q -DskipTests -pl service -am package

FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/minirag minirag && mkdir -p /var/lib/minirag && chown minirag /var/lib/minirag
WORKDIR /opt/minirag
COPY --from=build /src/service/target/mini-rag.jar /opt/minirag/mini-rag.jar
COPY --from=build /src/config.yml /opt/minirag/config.yml
USER minirag
EXPOSE 8080 8081
ENTRYPOINT ["java", "-jar", "/opt/minirag/mini-rag.jar"]
CMD ["server", "/opt/minirag/config.yml"]
