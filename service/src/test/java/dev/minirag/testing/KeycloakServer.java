package dev.minirag.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Keycloak for one test class: the distribution Maven unpacked into target (property {@code
 * keycloak.home}, set by the service's pom), started in development mode on loopback with a fresh
 * database and a realm imported from the test resources, stopped with its whole process tree after
 * the class. Keycloak needs Java 21+: the JDK is found at run time (see {@link #javaHome()}).
 */
public final class KeycloakServer implements BeforeAllCallback, AfterAllCallback {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

  private final String realmResource;
  private final String realm;
  private final Map<String, String> placeholders;
  private final int port = freePort();
  private final int managementPort = freePort();
  private Process process;
  private Path log;
  private double startSeconds;

  /**
   * @param realmResource classpath resource of a realm export; {@code ${NAME}} in it is replaced
   *     from {@code placeholders} (the app's port and the secrets are only known when the test
   *     runs)
   */
  public KeycloakServer(String realmResource, String realm, Map<String, String> placeholders) {
    this.realmResource = realmResource;
    this.realm = realm;
    this.placeholders = placeholders;
  }

  public String issuer() {
    return "http://127.0.0.1:" + port + "/realms/" + realm;
  }

  public double startSeconds() {
    return startSeconds;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Path home =
        Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.4.7"))
            .toAbsolutePath();
    if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
      throw new IllegalStateException(
          "No Keycloak distribution at "
              + home
              + ": run this test through Maven (`mvn verify`), whose pre-integration-test phase unpacks it");
    }
    Path javaHome = javaHome();
    Path data = home.resolve("data");
    deleteTree(
        data); // a fresh development database, so the realm is imported with this run's ports
    Files.createDirectories(data.resolve("import"));
    Files.writeString(data.resolve("import").resolve(realm + "-realm.json"), realmJson());
    log = home.getParent().resolve("keycloak.log");

    ProcessBuilder pb =
        new ProcessBuilder(
                "sh",
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--http-management-port=" + managementPort,
                "--import-realm")
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("JAVA_HOME", javaHome.toString());
    pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
    pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", TestApp.randomSecret());
    long started = System.nanoTime();
    process = pb.start();
    awaitRealm();
    startSeconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "[keycloak] %s ready in %.1f s (Java from %s, log %s)%n",
        issuer(), startSeconds, javaHome, log);
  }

  private String realmJson() throws IOException {
    try (InputStream in = KeycloakServer.class.getResourceAsStream(realmResource)) {
      if (in == null) {
        throw new IllegalStateException("realm file not on the test classpath: " + realmResource);
      }
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (Map.Entry<String, String> e : placeholders.entrySet()) {
        json = json.replace("${" + e.getKey() + "}", e.getValue());
      }
      return json;
    }
  }

  private void awaitRealm() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Keycloak exited with " + process.exitValue() + ":\n" + tail());
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "Keycloak not ready after " + START_TIMEOUT.toSeconds() + " s:\n" + tail());
  }

  private String tail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /**
   * Stops Keycloak and anything it started: children first, then the process, forcibly if need be.
   */
  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (process == null) {
      return;
    }
    List<ProcessHandle> tree = new ArrayList<>(process.toHandle().descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    for (ProcessHandle h : tree) {
      try {
        h.onExit().get(30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        h.destroyForcibly();
        h.onExit().get(10, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * A JDK of version 21 or newer: KEYCLOAK_JAVA_HOME, JAVA_HOME or the running JVM when new enough,
   * else the newest one installed side by side in the usual Linux place (/usr/lib/jvm).
   */
  static Path javaHome() {
    List<Path> candidates = new ArrayList<>();
    Optional.ofNullable(System.getenv("KEYCLOAK_JAVA_HOME"))
        .map(Path::of)
        .ifPresent(candidates::add);
    Optional.ofNullable(System.getenv("JAVA_HOME")).map(Path::of).ifPresent(candidates::add);
    candidates.add(Path.of(System.getProperty("java.home")));
    Path shared = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(shared)) {
      try (Stream<Path> dirs = Files.list(shared)) {
        dirs.filter(Files::isDirectory).forEach(candidates::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return candidates.stream()
        .filter(p -> Files.isExecutable(p.resolve("bin/java")))
        .filter(p -> major(p) >= 21)
        .max(Comparator.comparingInt(KeycloakServer::major))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Keycloak needs Java 21 or newer and none was found (looked at KEYCLOAK_JAVA_HOME, JAVA_HOME, the running"
                        + " JVM and /usr/lib/jvm/*): install one, e.g. `apt-get install openjdk-21-jdk-headless`, or set KEYCLOAK_JAVA_HOME"));
  }

  /**
   * The feature version from the JDK's "release" file (JAVA_VERSION="25.0.1" gives 25), 0 if
   * unknown.
   */
  private static int major(Path javaHome) {
    Path release = javaHome.resolve("release");
    if (!Files.isRegularFile(release)) {
      return 0;
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(release)) {
      p.load(in);
    } catch (IOException e) {
      return 0;
    }
    String version = p.getProperty("JAVA_VERSION", "").replace("\"", "");
    String first = version.split("[.+-]")[0];
    try {
      int major = Integer.parseInt(first);
      return major == 1 ? 8 : major;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
