package dev.minirag.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.MiniRagApplication;
import dev.minirag.testing.TempDirs;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the shaded jar's commands the way CI and people do: a separate JVM, the real config.yml. The
 * bench module's tests run theirs through the same code, with its jar beside the service's.
 */
public final class Commands {

  private Commands() {}

  /**
   * SciFact from the shared data beside the repository, or the tiny fixture shipped with the tests.
   */
  public static Path dataset() throws Exception {
    Path shared = TestApp.repoRoot().resolve("../shared/eval/scifact").normalize();
    if (Files.isRegularFile(shared.resolve("corpus.jsonl"))) {
      return shared;
    }
    return tiny();
  }

  /**
   * The tiny BEIR fixture, read from the source tree: a directory also when this class runs from
   * the service's test jar (the bench module's tests).
   */
  public static Path tiny() {
    return TestApp.repoRoot().resolve("service/src/test/resources/beir-tiny");
  }

  /** The shaded service jar, built by package before the integration tests. */
  public static Path serviceJar() {
    return TestApp.repoRoot().resolve("service/target/mini-rag.jar");
  }

  /** The jar on the test class path that holds {@code resource}. */
  static Path jarOf(String resource) throws Exception {
    URL url = Commands.class.getClassLoader().getResource(resource);
    assertThat(url).as(resource + " on the test class path").isNotNull();
    String spec = url.toString(); // jar:file:/.../x.jar!/resource
    return Path.of(URI.create(spec.substring("jar:".length(), spec.indexOf("!/"))));
  }

  static JsonNode run(TestDatabase db, String command, Path json, String... args) throws Exception {
    return run(List.of(), MiniRagApplication.class.getName(), db, command, json, args);
  }

  /**
   * Runs {@code command} of {@code mainClass} with the service jar, then {@code jars}, on the class
   * path; writes and reads back its {@code --json} report.
   */
  public static JsonNode run(
      List<Path> jars, String mainClass, TestDatabase db, String command, Path json, String... args)
      throws Exception {
    Path jar = serviceJar();
    assertThat(jar).as("the shaded jar (built by package, before the integration tests)").exists();
    Path index = Files.createTempDirectory("minirag-" + command + "-index-");
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DATABASE_URL", db.jdbcUrl());
    env.put("DATABASE_USER", TestDatabase.APP_USER);
    env.put("DATABASE_PASSWORD", TestDatabase.APP_PASSWORD);
    env.put("INDEX_PATH", index.toString());
    env.put("MINIRAG_JWT_SECRET", TestApp.randomSecret());
    env.put("EMBEDDING_MODEL", "all-minilm-l6-v2-q");
    env.put("LOG_LEVEL", "WARN");
    env.put("BIND_HOST", "127.0.0.1");
    env.put("ADMIN_BIND_HOST", "127.0.0.1");
    env.put("PORT", "0");
    env.put("ADMIN_PORT", "0");
    // The fast model is not in the default jar: add its jar to the class path, as an operator can.
    List<String> classPath = new ArrayList<>();
    classPath.add(jar.toString());
    jars.forEach(j -> classPath.add(j.toString()));
    classPath.add(jarOf("all-minilm-l6-v2-q.onnx").toString());
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "java",
                "-Xmx1g",
                "-cp",
                String.join(java.io.File.pathSeparator, classPath),
                mainClass,
                command));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--json", json.toString(), TestApp.configPath().toString()));
    try {
      int exit = TestApp.runProcess(TestApp.repoRoot(), env, cmd.toArray(String[]::new));
      assertThat(exit).as(String.join(" ", cmd)).isZero();
      return new ObjectMapper().readTree(json.toFile());
    } finally {
      TempDirs.deleteRecursively(index);
    }
  }
}
