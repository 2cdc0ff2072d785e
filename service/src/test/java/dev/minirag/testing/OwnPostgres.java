package dev.minirag.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throwaway PostgreSQL cluster of the test's own (initdb into a temporary directory, a free port,
 * its socket in that directory), so a test may stop and restart the server without touching the
 * machine's shared one. It holds the application role and template1 with pgvector, the way
 * db/setup.sh prepares a server, and one migrated {@link #database()} for the test class. Stopped
 * and deleted after the class.
 */
public final class OwnPostgres implements BeforeAllCallback, AfterAllCallback {
  private static final Path BIN =
      Path.of(System.getProperty("test.pg.bin", "/usr/lib/postgresql/15/bin"));
  private static final String OS_USER = "postgres";

  private Path dir;
  private int port;
  private TestDatabase database;

  public TestDatabase database() {
    return database;
  }

  public int port() {
    return port;
  }

  /** The server's log, for a failing assertion's message. */
  public String log() {
    try {
      return Files.readString(dir.resolve("server.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    requireBinaries();
    dir = Files.createTempDirectory("minirag-own-pg");
    port = JarNode.freePort();
    Path data = dir.resolve("data");
    if (asRoot()) {
      run(List.of("chown", "-R", OS_USER + ":", dir.toString()));
    }
    run(
        pg(
            "initdb",
            "-D",
            data.toString(),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
            "--no-instructions"));
    start();
    String admin = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    sql(
        admin,
        "CREATE ROLE \""
            + TestDatabase.APP_USER
            + "\" LOGIN PASSWORD '"
            + TestDatabase.APP_PASSWORD
            + "' CREATEDB");
    sql(admin.replace("/postgres?", "/template1?"), "CREATE EXTENSION IF NOT EXISTS vector");
    database = new TestDatabase("jdbc:postgresql://127.0.0.1:" + port + "/", admin, true);
    database.beforeAll(context);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      if (dir != null && Files.exists(dir.resolve("data/postmaster.pid"))) {
        run(pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
      }
    } finally {
      if (dir != null) {
        try (Stream<Path> paths = Files.walk(dir)) {
          paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  /** Starts the server and waits until it accepts connections. */
  public void start() throws Exception {
    run(
        pg(
            "pg_ctl",
            "-D",
            dir.resolve("data").toString(),
            "-l",
            dir.resolve("server.log").toString(),
            "-w",
            "-t",
            "60",
            "-o",
            "-p "
                + port
                + " -k "
                + dir
                + " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
                + " -c full_page_writes=off",
            "start"));
  }

  /** Stops the server the way an operator's fast shutdown does: sessions are terminated. */
  public void stop() throws Exception {
    run(pg("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop"));
  }

  /** db/setup.sh installs them: without them the test fails rather than silently not running. */
  private static void requireBinaries() {
    if (!Files.isExecutable(BIN.resolve("initdb"))) {
      throw new IllegalStateException(
          "no PostgreSQL server binaries in " + BIN + " (run db/setup.sh, or set -Dtest.pg.bin)");
    }
  }

  private static boolean asRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static List<String> pg(String tool, String... args) {
    List<String> command = new ArrayList<>();
    if (asRoot()) {
      // initdb and the server refuse to run as root.
      command.addAll(List.of("runuser", "-u", OS_USER, "--"));
    }
    command.add(BIN.resolve(tool).toString());
    command.addAll(List.of(args));
    return command;
  }

  private void run(List<String> command) throws Exception {
    Path out = Files.createTempFile("minirag-own-pg", ".out");
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(command + " did not finish in 90 s");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            command + " exited " + p.exitValue() + ":\n" + Files.readString(out));
      }
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static void sql(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
