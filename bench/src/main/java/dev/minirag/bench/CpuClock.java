package dev.minirag.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU time spent so far by this JVM, by its request-serving threads, and by PostgreSQL's processes
 * on this machine. On a machine shared with other work, wall-clock throughput moves with the
 * neighbours, but the CPU a request consumes barely does; and on a saturated machine throughput is
 * cores ÷ CPU per request, so the CPU ratio is what the throughput ratio tends to.
 */
final class CpuClock {

  /** Linux reports process times in USER_HZ ticks, 100 a second on every mainstream build. */
  private static final double TICKS_PER_SECOND = 100.0;

  private CpuClock() {}

  /**
   * One reading, in seconds. {@code jit} is the JIT compiler's time so far: a leg that ran while
   * the compiler was still at work would otherwise be charged for code compiled once for good.
   * {@code loadGenerator} is the bench's own threads and java.net.http's: over HTTP they only send
   * requests and read answers, work a real client does on its own machine; in-process they are the
   * searches' callers, and run what Jetty's threads run over HTTP (BM25, fusion, loading the hits;
   * the vector leg has the service's own pool either way). PostgreSQL is -1 where /proc cannot be
   * read (not Linux, not root).
   */
  record Reading(
      double jvm,
      double jit,
      double serverThreads,
      double loadGenerator,
      double postgres,
      Map<Long, Long> serverThreadNanos,
      Map<Long, Long> postgresTicks) {

    static final Reading ZERO = new Reading(0, 0, 0, 0, 0, Map.of(), Map.of());

    /** What was spent since {@code earlier}; both must be readings of {@link #now()}. */
    Reading minus(Reading earlier) {
      return new Reading(
          jvm - earlier.jvm,
          jit - earlier.jit,
          serverThreadsSince(earlier),
          loadGenerator - earlier.loadGenerator,
          postgres < 0 || earlier.postgres < 0
              ? -1
              : since(postgresTicks, earlier.postgresTicks) / TICKS_PER_SECOND,
          Map.of(),
          Map.of());
    }

    /**
     * Per thread, not the difference of two sums: Jetty stops idle threads, and a stopped thread's
     * time would otherwise come off the total (the sum once went negative). What a stopped thread
     * spent since {@code earlier} is lost; a thread started since counts whole.
     */
    private double serverThreadsSince(Reading earlier) {
      return since(serverThreadNanos, earlier.serverThreadNanos) / 1e9;
    }

    /**
     * The same per process for PostgreSQL: the connection pool closes connections idle for a minute
     * (during a raw embedder leg, say), and their backends' time left the sum with them.
     */
    private static long since(Map<Long, Long> now, Map<Long, Long> earlier) {
      long total = 0;
      for (Map.Entry<Long, Long> t : now.entrySet()) {
        // A number reused by a newer process could read less than before: counted from zero.
        long before = earlier.getOrDefault(t.getKey(), 0L);
        total += t.getValue() >= before ? t.getValue() - before : t.getValue();
      }
      return total;
    }

    /** Two spans added up (of {@link #minus}). */
    Reading plus(Reading other) {
      return new Reading(
          jvm + other.jvm,
          jit + other.jit,
          serverThreads + other.serverThreads,
          loadGenerator + other.loadGenerator,
          postgres < 0 || other.postgres < 0 ? -1 : postgres + other.postgres,
          Map.of(),
          Map.of());
    }

    /** This JVM's CPU without the compiler's, plus PostgreSQL's when known. */
    double work() {
      return jvm - jit + Math.max(0, postgres);
    }
  }

  static Reading now() {
    Map<Long, Long> server = serverThreadNanos();
    Map<Long, Long> postgres = postgresTicks();
    return new Reading(
        jvmSeconds(),
        jitSeconds(),
        server.values().stream().mapToLong(Long::longValue).sum() / 1e9,
        threadSeconds("(bench|HttpClient)-.*"),
        postgres == null
            ? -1
            : postgres.values().stream().mapToLong(Long::longValue).sum() / TICKS_PER_SECOND,
        server,
        postgres == null ? Map.of() : postgres);
  }

  /**
   * CPU time of the JIT compiler's threads so far (utime + stime of this process's threads named
   * {@code C1/C2 CompilerThre…}), 0 where /proc cannot be read. Not the compilation MXBean: it
   * reports elapsed time, which on a loaded machine exceeds the compiler's CPU and made the
   * difference negative.
   */
  static double jitSeconds() {
    return threadSeconds("C\\d CompilerThre.*");
  }

  /** CPU time so far of this process's threads whose name (its first 15 characters) matches. */
  private static double threadSeconds(String nameRegex) {
    long ticks = 0;
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc/self/task"), "[0-9]*")) {
      for (Path t : tasks) {
        ticks += ticks(t.resolve("stat"), comm -> comm.matches(nameRegex));
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return ticks / TICKS_PER_SECOND;
  }

  private static double jvmSeconds() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1e9;
    }
    return -1;
  }

  /**
   * Jetty's request threads ({@code dw-*}): what the server spends on HTTP requests, without the
   * load generator's threads in the same JVM.
   */
  private static Map<Long, Long> serverThreadNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<Long, Long> cpu = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("dw-")) {
        long nanos = threads.getThreadCpuTime(info.getThreadId());
        cpu.put(info.getThreadId(), Math.max(0, nanos));
      }
    }
    return cpu;
  }

  /**
   * Counts only the PostgreSQL backends of the database at {@code jdbcUrl} (and the server's shared
   * processes: postmaster, WAL writer, checkpointer...), so that other work on the same server,
   * such as another database's test suite, is not charged to the bench.
   */
  static void countPostgresOf(String jdbcUrl) {
    String path = jdbcUrl.replaceFirst("^jdbc:postgresql://[^/]*/", "").replaceFirst("[?].*$", "");
    database = path.isEmpty() || path.contains("/") ? null : path;
  }

  private static volatile String database;

  /** A client backend's or autovacuum worker's title names its database; shared processes don't. */
  private static final Pattern DATABASE_IN_TITLE =
      Pattern.compile("^postgres: [^:]*: (?:autovacuum worker (\\S+)|\\S+ (\\S+) \\S+)");

  private static boolean counted(Path process) {
    String only = database;
    if (only == null) {
      return true;
    }
    try {
      return counts(Files.readString(process.resolve("cmdline")).replace('\0', ' ').strip(), only);
    } catch (IOException e) {
      return false; // it ended between listing and reading
    }
  }

  /** Whether a PostgreSQL process with this title works for {@code database} or for all. */
  static boolean counts(String title, String database) {
    Matcher m = DATABASE_IN_TITLE.matcher(title);
    if (!m.find() || title.matches("^postgres: [^:]*: [a-z ]+$")) {
      return true; // postmaster or a shared background process
    }
    return database.equals(m.group(1) != null ? m.group(1) : m.group(2));
  }

  /**
   * utime + stime by process id of the processes named {@code postgres} that {@link #counted}
   * keeps; null where /proc cannot be read.
   */
  private static Map<Long, Long> postgresTicks() {
    Map<Long, Long> ticks = new HashMap<>();
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path p : procs) {
        long t = ticks(p.resolve("stat"), "postgres"::equals);
        if (t > 0 && counted(p)) {
          ticks.put(Long.parseLong(p.getFileName().toString()), t);
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return ticks;
  }

  /** utime + stime of the process or thread whose stat file this is, if its name matches. */
  private static long ticks(Path stat, Predicate<String> name) {
    String s;
    try {
      s = Files.readString(stat);
    } catch (IOException e) {
      return 0; // it ended between listing and reading
    }
    // Format: pid (comm) state ppid ... utime is field 14, stime 15; comm may hold spaces.
    int open = s.indexOf('(');
    int close = s.lastIndexOf(')');
    if (open < 0 || close < open || !name.test(s.substring(open + 1, close))) {
      return 0;
    }
    String[] rest = s.substring(close + 2).split(" ");
    return Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
  }
}
