package dev.minirag.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.auth.IdentityFixtures;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.users.User;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code LOG_FORMAT=json} on the packaged jar, as an operator runs it: every line on stdout is one
 * JSON object (migrations included), and a request made with an API key is logged with its request,
 * user, workspace and key ids, in the access log and in the application log lines it caused, and
 * never with the key itself.
 */
class JsonLogsIT {

  static final String SECRET = TestApp.randomSecret();
  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Left empty: the server migrates it on start, so Liquibase's output is part of what is checked.
   */
  @RegisterExtension static final TestDatabase DB = new TestDatabase(false);

  @TempDir Path work;

  @Test
  void everyLineIsJsonAndCarriesTheCallersIds() throws Exception {
    Path jar = TestApp.repoRoot().resolve("service/target/mini-rag.jar");
    assertThat(jar).as("the shaded jar (package runs before integration-test)").exists();
    int port = freePort();
    ProcessBuilder pb =
        new ProcessBuilder(
                "java", "-jar", jar.toString(), "server", TestApp.configPath().toString())
            .directory(TestApp.repoRoot().toFile());
    pb.environment()
        .putAll(
            Map.of(
                "DATABASE_URL",
                DB.jdbcUrl(),
                "DATABASE_USER",
                TestDatabase.APP_USER,
                "DATABASE_PASSWORD",
                TestDatabase.APP_PASSWORD,
                "MINIRAG_JWT_SECRET",
                SECRET,
                "INDEX_PATH",
                work.resolve("index").toString(),
                "LOG_FORMAT",
                "json",
                "BIND_HOST",
                "127.0.0.1",
                "ADMIN_BIND_HOST",
                "127.0.0.1"));
    pb.environment()
        .putAll(
            Map.of(
                "PORT",
                Integer.toString(port),
                "ADMIN_PORT",
                Integer.toString(freePort()),
                "MINIRAG_MIGRATE_ON_START",
                "true"));
    Path out = work.resolve("stdout.txt");
    Process server = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
    String requestId = "json-logs-" + UUID.randomUUID();
    String sessionRequestId = "json-logs-session-" + UUID.randomUUID();
    User user;
    String key;
    UUID keyId;
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      waitUntilHealthy(http, port, server, out);
      IdentityFixtures f = new IdentityFixtures(DB, SECRET);
      user = f.signIn("logs@example.test");
      key = f.key(user.defaultWorkspaceId(), "logs", List.of("write"));
      keyId =
          UUID.fromString(
              f.jdbi.withHandle(
                  h ->
                      h.createQuery("SELECT id::text FROM api_keys WHERE name = 'logs'")
                          .mapTo(String.class)
                          .one()));
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + port + "/api/v1/sources/text"))
                  .header("X-API-Key", key)
                  .header("X-Request-Id", requestId)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"title\":\"Logs\",\"text\":\"Logged in JSON, one object per line.\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      HttpRequest.Builder signedIn =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/sources"))
              .header("X-Request-Id", sessionRequestId);
      f.session(user).headers().forEach(signedIn::header);
      assertThat(http.send(signedIn.build(), HttpResponse.BodyHandlers.discarding()).statusCode())
          .isEqualTo(200);
    } finally {
      server.destroy();
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    UUID workspace = user.defaultWorkspaceId();
    UUID userId = user.id();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(out)) {
      if (!line.isBlank()) {
        assertThat(line).as("every stdout line is a JSON object").startsWith("{");
        lines.add(JSON.readTree(line));
      }
    }
    String all = String.join("\n", Files.readAllLines(out));
    assertThat(all).doesNotContain(key).doesNotContain(key.substring(key.lastIndexOf('_') + 1));
    List<JsonNode> mine =
        lines.stream().filter(l -> requestId.equals(l.path("requestId").asText(null))).toList();
    JsonNode access = mine.stream().filter(l -> l.has("status")).findFirst().orElseThrow();
    assertThat(access.get("path").asText()).isEqualTo("/api/v1/sources/text");
    assertThat(access.has("userId"))
        .as("an API key acts for its workspace, not for a person")
        .isFalse();
    assertThat(access.get("workspaceId").asText()).isEqualTo(workspace.toString());
    assertThat(access.get("apiKeyId").asText()).isEqualTo(keyId.toString());
    JsonNode session =
        lines.stream()
            .filter(
                l -> sessionRequestId.equals(l.path("requestId").asText(null)) && l.has("status"))
            .findFirst()
            .orElseThrow();
    assertThat(session.get("userId").asText()).isEqualTo(userId.toString());
    assertThat(session.get("workspaceId").asText()).isEqualTo(workspace.toString());
    assertThat(session.has("apiKeyId")).isFalse();
    assertThat(mine.stream().filter(l -> l.has("level")))
        .as("application log lines of the request")
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l.get("workspaceId").asText()).isEqualTo(workspace.toString()));
  }

  private static void waitUntilHealthy(HttpClient http, int port, Process server, Path out)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      assertThat(server.isAlive()).as(() -> read(out)).isTrue();
      try {
        if (http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new AssertionError("not healthy in 90 s:\n" + read(out));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
