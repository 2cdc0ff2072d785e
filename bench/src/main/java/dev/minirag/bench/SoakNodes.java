package dev.minirag.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The soak's nodes: the same jar as this command, started as separate server processes on the same
 * database, each with its own Lucene directory, ports and log, so a node can be killed for real.
 */
final class SoakNodes implements AutoCloseable {

  /** One server process. */
  static final class Node {
    final String name;
    final Process process;
    final int port;
    final int adminPort;
    final Path log;
    volatile boolean killed;

    Node(String name, Process process, int port, int adminPort, Path log) {
      this.name = name;
      this.process = process;
      this.port = port;
      this.adminPort = adminPort;
      this.log = log;
    }

    URI api(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }

    URI admin(String path) {
      return URI.create("http://127.0.0.1:" + adminPort + path);
    }

    boolean serving() {
      return !killed && process.isAlive();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<Node> nodes = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * Starts {@code count} nodes on this JVM's class path (the jar, and any model jar an operator
   * added) with {@code configFile}; each inherits this process's environment (the database
   * settings) plus {@code env}.
   */
  SoakNodes(String configFile, Path work, int count, String heap, Map<String, String> env)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (int i = 1; i <= count; i++) {
      String name = "node-" + i;
      int port = freePort();
      int adminPort = freePort();
      Path log = work.resolve(name + ".log");
      ProcessBuilder pb =
          new ProcessBuilder(
                  java,
                  "-Xmx" + heap,
                  "-cp",
                  System.getProperty("java.class.path"),
                  "dev.minirag.MiniRagApplication",
                  "server",
                  configFile)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      pb.environment().putAll(env);
      pb.environment()
          .putAll(
              Map.of(
                  "PORT",
                  Integer.toString(port),
                  "ADMIN_PORT",
                  Integer.toString(adminPort),
                  "BIND_HOST",
                  "127.0.0.1",
                  "ADMIN_BIND_HOST",
                  "127.0.0.1",
                  "INDEX_PATH",
                  work.resolve(name + "-index").toString()));
      nodes.add(new Node(name, pb.start(), port, adminPort, log));
    }
  }

  List<Node> all() {
    return nodes;
  }

  void awaitHealthy(int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    for (Node n : nodes) {
      while (true) {
        if (!n.process.isAlive()) {
          throw new IllegalStateException(n.name + " exited; its log is " + n.log);
        }
        try {
          if (http.send(
                      HttpRequest.newBuilder(n.api("/health")).build(),
                      HttpResponse.BodyHandlers.discarding())
                  .statusCode()
              == 200) {
            break;
          }
        } catch (IOException notYet) {
          // still starting
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(n.name + " not healthy in " + seconds + " s: " + n.log);
        }
        Thread.sleep(250);
      }
    }
  }

  /**
   * Heap in use right after a full collection (the admin port's {@code gc} task, then its {@code
   * jvm.memory.heap.used} gauge), in MiB.
   */
  long heapAfterGcMiB(Node n) throws Exception {
    http.send(
        HttpRequest.newBuilder(n.admin("/tasks/gc"))
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.discarding());
    String metrics =
        http.send(
                HttpRequest.newBuilder(n.admin("/metrics")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return JSON.readTree(metrics).at("/gauges/jvm.memory.heap.used/value").asLong() >> 20;
  }

  /** SIGKILL: no shutdown hook, no job handed back. */
  void kill(Node n) throws InterruptedException {
    n.killed = true;
    n.process.destroyForcibly();
    n.process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    for (Node n : nodes) {
      n.process.destroy();
    }
    for (Node n : nodes) {
      if (!n.process.waitFor(30, TimeUnit.SECONDS)) {
        n.process.destroyForcibly();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
