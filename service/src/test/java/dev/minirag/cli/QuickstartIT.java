package dev.minirag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.testing.JarNode;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs docs/quickstart.md as written: its first shell block (the server) in the background, its
 * second (workspace, ingest, key, ask) in bash, in a directory laid out like a clone. What the test
 * changes, and only through the environment: a database and free ports of its own (the block's
 * {@code 127.0.0.1:8080} becomes the chosen port), and {@code SKIP_BUILD}/{@code SKIP_DB_SETUP},
 * because the suite has already built the jar and prepared PostgreSQL.
 */
class QuickstartIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase(false);

  private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);

  @TempDir Path clone;

  @Test
  void theQuickstartEndsInACitedAnswerOverTheIngestedFiles() throws Exception {
    Path root = TestApp.repoRoot();
    String doc = Files.readString(root.resolve("docs/quickstart.md"));
    List<String> blocks = new ArrayList<>();
    Matcher m = SH_BLOCK.matcher(doc);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    assertThat(blocks).as("the server block and the ask block").hasSize(2);
    assertThat(blocks.get(0).strip()).isEqualTo("bin/run");
    for (String part : List.of("bin", "db", "docs", "service", "config.yml", "mvnw", ".mvn")) {
      Files.createSymbolicLink(clone.resolve(part), root.resolve(part));
    }
    int port = JarNode.freePort();
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", DB.jdbcUrl());
    env.put("DATABASE_USER", TestDatabase.APP_USER);
    env.put("DATABASE_PASSWORD", TestDatabase.APP_PASSWORD);
    env.put("PORT", Integer.toString(port));
    env.put("ADMIN_PORT", Integer.toString(JarNode.freePort()));
    env.put("INDEX_PATH", clone.resolve("index").toString());
    env.put("SKIP_BUILD", "true");
    env.put("SKIP_DB_SETUP", "true");
    env.put("JAVA_OPTS", "-Xmx768m");

    Path serverLog = clone.resolve("server.log");
    ProcessBuilder server =
        new ProcessBuilder("bash", "-c", blocks.get(0))
            .directory(clone.toFile())
            .redirectErrorStream(true)
            .redirectOutput(serverLog.toFile());
    server.environment().putAll(env);
    Process running = server.start();
    try {
      awaitHealthy(port, running, serverLog);
      String ask = blocks.get(1).replace("127.0.0.1:8080", "127.0.0.1:" + port);
      Path out = clone.resolve("ask.out");
      Path err = clone.resolve("ask.err");
      ProcessBuilder steps =
          new ProcessBuilder("bash", "-euo", "pipefail", "-c", ask)
              .directory(clone.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      steps.environment().putAll(env);
      long started = System.nanoTime();
      Process p = steps.start();
      // The document promises five minutes from clone to answer; the second terminal's part gets
      // them.
      assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the steps finish in five minutes").isTrue();
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as(stdout + "\n" + stderr).isZero();
      System.out.printf(
          "quickstart: second terminal's steps took %.1f s%n", (System.nanoTime() - started) / 1e9);

      // The ingest summary, then the answer: the last line of stdout is the ask's JSON.
      assertThat(stdout).containsPattern("[1-9]\\d* accepted, 0 duplicate, 0 failed");
      assertThat(stderr).doesNotContain("Exception").doesNotContain("INFO ");
      String[] lines = stdout.strip().split("\n");
      JsonNode answer = new ObjectMapper().readTree(lines[lines.length - 1]);
      assertThat(answer.path("abstained").asBoolean(true)).as(answer.toString()).isFalse();
      assertThat(answer.path("answer").asText()).contains("[1]");
      JsonNode first = answer.path("citations").path(0);
      assertThat(first.path("fileName").asText()).endsWith(".md");
      assertThat(first.path("snippet").asText()).isNotBlank();
      assertThat(Files.exists(clone.resolve(".env.local"))).isTrue();
    } finally {
      running.destroy();
      if (!running.waitFor(30, TimeUnit.SECONDS)) {
        running.destroyForcibly();
      }
    }
  }

  private static void awaitHealthy(int port, Process server, Path log) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      assertThat(server.isAlive()).as(() -> "bin/run exited:\n" + read(log)).isTrue();
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/health"))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // still starting
      }
      Thread.sleep(300);
    }
    throw new AssertionError("bin/run not healthy in 180 s:\n" + read(log));
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
