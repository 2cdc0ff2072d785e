package dev.minirag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One `java -jar mini-rag.jar ...` run against a test database, as an operator runs the commands.
 */
record JarRun(int exit, String stdout, String stderr) {

  static JarRun of(TestDatabase db, Path work, String... args) throws Exception {
    Path jar = TestApp.repoRoot().resolve("service/target/mini-rag.jar");
    assertThat(jar).as("the shaded jar (package runs before integration-test)").exists();
    List<String> command = new ArrayList<>(List.of("java", "-jar", jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
    pb.environment()
        .putAll(
            Map.of(
                "DATABASE_URL",
                db.jdbcUrl(),
                "DATABASE_USER",
                TestDatabase.APP_USER,
                "DATABASE_PASSWORD",
                TestDatabase.APP_PASSWORD,
                "MINIRAG_JWT_SECRET",
                TestApp.randomSecret(),
                "INDEX_PATH",
                work.resolve("index").toString(),
                "LOG_LEVEL",
                "WARN"));
    Path out = work.resolve("out.txt");
    Path err = work.resolve("err.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
    JarRun run = new JarRun(p.exitValue(), Files.readString(out), Files.readString(err));
    System.out.println(
        "$ mini-rag "
            + String.join(" ", args)
            + " -> "
            + run.exit()
            + "\n"
            + run.stdout()
            + run.stderr());
    return run;
  }

  /** Creates a workspace with the `workspaces create` command; returns its id. */
  static String createWorkspace(TestDatabase db, Path work, String name, String ownerEmail)
      throws Exception {
    JarRun created =
        of(
            db,
            work,
            "workspaces",
            "create",
            "--name",
            name,
            "--owner-email",
            ownerEmail,
            TestApp.configPath().toString());
    assertThat(created.exit()).as(created.stderr()).isZero();
    return created.stdout().strip();
  }
}
