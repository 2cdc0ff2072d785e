package dev.minirag.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One node of a cluster: the packaged jar run as a child process on a test database, so a test can
 * kill it for real ({@link #kill}: SIGKILL, no shutdown hook runs).
 */
public final class JarNode implements AutoCloseable {
  /** Starts after a port taken between choosing it and binding it: see {@link #awaitHealthy}. */
  private static final int BIND_ATTEMPTS = 3;

  private final ProcessBuilder launch;
  private final boolean portsGiven;
  private final Path log;
  private final String name;
  private Process process;
  private int port;
  private int attempts = 1;

  private JarNode(String name, ProcessBuilder launch, boolean portsGiven, Path log)
      throws java.io.IOException {
    this.name = name;
    this.launch = launch;
    this.portsGiven = portsGiven;
    this.log = log;
    this.port = Integer.parseInt(launch.environment().get("PORT"));
    this.process = launch.start();
  }

  /**
   * Starts a node; {@code env} adds to (or overrides) the database, secret, ports and index path.
   */
  public static JarNode start(
      String name, TestDatabase db, String secret, Path work, Map<String, String> env)
      throws Exception {
    return start(name, db, secret, work, env, List.of("-Xmx768m"));
  }

  /**
   * As {@link #start(String, TestDatabase, String, Path, Map)}, with these JVM options (heap size
   * and the like) instead of the default {@code -Xmx768m}.
   */
  public static JarNode start(
      String name,
      TestDatabase db,
      String secret,
      Path work,
      Map<String, String> env,
      List<String> jvmOptions)
      throws Exception {
    Path jar = TestApp.repoRoot().resolve("service/target/mini-rag.jar");
    assertThat(jar).as("the shaded jar (package runs before integration-test)").exists();
    int port = freePort();
    Map<String, String> all =
        new HashMap<>(
            Map.of(
                "DATABASE_URL",
                db.jdbcUrl(),
                "DATABASE_USER",
                TestDatabase.APP_USER,
                "DATABASE_PASSWORD",
                TestDatabase.APP_PASSWORD,
                "MINIRAG_JWT_SECRET",
                secret,
                "INDEX_PATH",
                work.resolve(name + "-index").toString(),
                "BIND_HOST",
                "127.0.0.1",
                "ADMIN_BIND_HOST",
                "127.0.0.1",
                "PORT",
                Integer.toString(port)));
    all.put("ADMIN_PORT", Integer.toString(freePort()));
    all.putAll(env);
    Path log = work.resolve(name + ".log");
    List<String> command = new ArrayList<>();
    command.add("java");
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString(), "server", TestApp.configPath().toString()));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(TestApp.repoRoot().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(all);
    return new JarNode(name, pb, env.containsKey("PORT") || env.containsKey("ADMIN_PORT"), log);
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  public boolean alive() {
    return process.isAlive();
  }

  public void awaitHealthy(int seconds) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive() && retriedOnTakenPort()) {
        continue;
      }
      assertThat(process.isAlive()).as(() -> name + " exited:\n" + log()).isTrue();
      try {
        if (http.send(
                    HttpRequest.newBuilder(URI.create(url("/health"))).build(),
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
    throw new AssertionError(name + " not healthy in " + seconds + " s:\n" + log());
  }

  /**
   * A free port is chosen before the node starts and bound seconds later, once it has loaded; a
   * connection opened meanwhile can take it as its own local port. Then the node is started again
   * on new ports, a few times at most.
   */
  private boolean retriedOnTakenPort() throws Exception {
    if (portsGiven || attempts >= BIND_ATTEMPTS || !log().contains("Address already in use")) {
      return false;
    }
    attempts++;
    port = freePort();
    launch.environment().put("PORT", Integer.toString(port));
    launch.environment().put("ADMIN_PORT", Integer.toString(freePort()));
    process = launch.start();
    return true;
  }

  /** SIGKILL: the node gets no chance to hand its jobs back. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  public String log() {
    try {
      return Files.readString(log);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  public static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
