package dev.minirag.testing;

import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The whole service on random ports, with the repository's own config.yml and a test database. */
public final class TestApp {

  private TestApp() {}

  public static Path configPath() {
    return Path.of(System.getProperty("minirag.config", "../config.yml"))
        .toAbsolutePath()
        .normalize();
  }

  public static Path repoRoot() {
    return configPath().getParent();
  }

  /** Runs a command, copying its output into the test log; returns its exit code. */
  public static int runProcess(Path dir, Map<String, String> env, String... command)
      throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    // Copied through System.out: a forked test JVM must not write to the native stream directly.
    try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
      out.lines().forEach(System.out::println);
    }
    if (!p.waitFor(10, java.util.concurrent.TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("timed out: " + String.join(" ", command));
    }
    return p.exitValue();
  }

  static String tempDir(String prefix) {
    try {
      Path dir = java.nio.file.Files.createTempDirectory(prefix);
      dir.toFile().deleteOnExit();
      return dir.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static String randomSecret() {
    byte[] b = new byte[48];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  public static DropwizardAppExtension<MiniRagConfiguration> create(TestDatabase db) {
    return create(MiniRagApplication.class, db, Map.of());
  }

  public static DropwizardAppExtension<MiniRagConfiguration> create(
      Class<? extends MiniRagApplication> app, TestDatabase db) {
    return create(app, db, Map.of());
  }

  /**
   * {@code settings} override config.yml by dotted path, after (and instead of) the test defaults.
   */
  public static DropwizardAppExtension<MiniRagConfiguration> create(
      Class<? extends MiniRagApplication> app, TestDatabase db, Map<String, String> settings) {
    Map<String, Supplier<String>> values = new LinkedHashMap<>();
    values.put("server.applicationConnectors[0].port", () -> "0");
    values.put("server.adminConnectors[0].port", () -> "0");
    values.put("database.url", db::jdbcUrl);
    values.put("database.user", () -> TestDatabase.APP_USER);
    values.put("database.password", () -> TestDatabase.APP_PASSWORD);
    String secret = randomSecret();
    values.put("security.jwtSecret", () -> secret);
    values.put("security.devMode", () -> "false");
    // Each app gets its own Lucene directory, as each node of a cluster would.
    String indexDir = tempDir("minirag-index-");
    values.put("index.path", () -> indexDir);
    String archiveDir = tempDir("minirag-archives-");
    values.put("backup.archiveDir", () -> archiveDir);
    values.put("embedding.model", () -> "all-minilm-l6-v2-q");
    settings.forEach((k, v) -> values.put(k, () -> v));
    ConfigOverride[] overrides =
        values.entrySet().stream()
            .map(e -> ConfigOverride.config(e.getKey(), e.getValue()))
            .toArray(ConfigOverride[]::new);
    return new DropwizardAppExtension<>(app, configPath().toString(), overrides) {
      // The HTTP client would otherwise wait out a 429's or 503's Retry-After and try again by
      // itself.
      @Override
      protected org.glassfish.jersey.client.JerseyClientBuilder clientBuilder() {
        // The extension's 5 s read timeout failed requests on a loaded shared machine; a test's
        // own deadlines, not the client's, decide what is too slow.
        return super.clientBuilder()
            .property(org.glassfish.jersey.client.ClientProperties.READ_TIMEOUT, 60_000)
            .register(
                (org.glassfish.jersey.apache5.connector.Apache5HttpClientBuilderConfigurator)
                    b -> b.disableAutomaticRetries());
      }
    };
  }
}
