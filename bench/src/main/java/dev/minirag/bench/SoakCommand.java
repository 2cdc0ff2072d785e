package dev.minirag.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.minirag.app.Core;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.cli.InProcessApp;
import dev.minirag.eval.BeirDataset;
import dev.minirag.eval.Machine;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code soak --data <BEIR dir> [--nodes N] [--seconds S] [--rate R] config.yml}: N server
 * processes of this jar on one database under a fixed-rate mixed load; per route p50/p99 and
 * errors, each node's heap after a full collection per window (first vs last), the database's
 * connections, and with several nodes: a document added on one node found identically on all, and
 * one node killed with SIGKILL part-way. Exits non-zero when a pass condition fails.
 */
public class SoakCommand extends ConfiguredCommand<MiniRagConfiguration> {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Shorter runs report the heap but do not judge it: caches and compiled code still settle in the
   * first minutes, so a smoke run would measure warm-up, not a leak.
   */
  static final int HEAP_JUDGED_FROM_SECONDS = 300;

  public SoakCommand() {
    super("soak", "Fixed-rate mixed load on one or more server processes of this jar");
  }

  @Override
  public void configure(Subparser p) {
    super.configure(p);
    p.addArgument("--data").required(true).help("BEIR directory: documents and queries");
    p.addArgument("--nodes").type(Integer.class).setDefault(1).help("server processes");
    p.addArgument("--seconds").type(Integer.class).setDefault(600).help("length of the load");
    p.addArgument("--rate").type(Double.class).setDefault(8.0).help("requests per second, all");
    p.addArgument("--docs").type(Integer.class).setDefault(300).help("documents added first");
    p.addArgument("--node-heap").setDefault("512m").help("each node's -Xmx");
    p.addArgument("--no-kill")
        .action(Arguments.storeTrue())
        .help("with several nodes, do not kill the last one at 80 % of the run");
    p.addArgument("--json").help("write the results as JSON to this file");
  }

  @Override
  protected void run(
      Bootstrap<MiniRagConfiguration> bootstrap, Namespace ns, MiniRagConfiguration config)
      throws Exception {
    PrintStream out = System.out;
    int nodeCount = ns.getInt("nodes");
    int seconds = ns.getInt("seconds");
    double rate = ns.getDouble("rate");
    BeirDataset data = BeirDataset.load(Path.of(ns.getString("data")), null, null);
    List<String> queries = new ArrayList<>(data.queries().values());
    int seed = Math.min(ns.getInt("docs"), data.corpus().size());
    if (nodeCount < 1 || seconds < 1 || !(rate > 0) || seed < 1) {
      throw new IllegalArgumentException(
          "--nodes, --seconds, --rate and --docs must be positive (and the data hold documents)");
    }

    String key;
    try (InProcessApp app = new InProcessApp(bootstrap, config)) {
      Core core = app.core();
      UUID ws = core.workspaces().createTemporary("soak " + Instant.now());
      key = core.apiKeys().create(ws, "soak", List.of("read", "write"), 1, null).plaintext();
    }
    Path work = Files.createTempDirectory("minirag-soak-");
    // Rate limits stay on (their cost is part of every request) but never refuse the load.
    Map<String, String> env = Map.of("LIMIT_REQUESTS_PER_MINUTE", "1000000000");
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("date", Instant.now().toString());
    report.put("machine", Machine.facts());
    report.put("dataset", data.name());
    report.put(
        "run",
        Map.of(
            "nodes",
            nodeCount,
            "seconds",
            seconds,
            "ratePerSecond",
            rate,
            "seedDocuments",
            seed,
            "nodeHeap",
            ns.getString("node_heap"),
            "mix",
            "9 search : 5 ask : 4 list : 2 ingest"));
    List<String> failures = new ArrayList<>();
    try (SoakNodes nodes =
            new SoakNodes(ns.getString("file"), work, nodeCount, ns.getString("node_heap"), env);
        Connection db = connect(config)) {
      nodes.awaitHealthy(240);
      out.printf(Locale.ROOT, "soak: %d node(s) up, logs in %s%n", nodeCount, work);
      ExecutorService pool = LoadStats.daemonPool(64);
      seed(nodes.all().get(0), key, data.corpus().subList(0, seed), pool);
      out.printf(
          Locale.ROOT, "soak: %d documents added; %.1f requests/s for %d s%n", seed, rate, seconds);

      SoakLoad load = new SoakLoad(nodes.all(), key, queries, data.corpus(), seed);
      Samples samples = new Samples(nodes, db, nodeCount > 1 ? new Consistency(nodes, key) : null);
      long start = System.nanoTime();
      long end = start + TimeUnit.SECONDS.toNanos(seconds);
      int window = Math.max(5, Math.min(60, seconds / 5));
      long killAt =
          nodeCount > 1 && !ns.getBoolean("no_kill")
              ? start + (long) (0.8 * (end - start))
              : Long.MAX_VALUE;
      int[] tick = {0};
      load.run(
          rate,
          end,
          pool,
          () -> {
            tick[0]++;
            if (System.nanoTime() >= killAt && samples.killed == null) {
              samples.kill(tick[0]);
              out.printf(Locale.ROOT, "soak: killed %s at %d s%n", samples.killed, tick[0]);
            }
            if (tick[0] % window == 0) {
              int second = tick[0];
              pool.execute(() -> samples.take(second));
            }
          });
      pool.shutdown();
      if (!pool.awaitTermination(120, TimeUnit.SECONDS)) {
        failures.add("requests still running 120 s after the load stopped");
      }
      if (samples.lastSecond < seconds) {
        samples.take(seconds); // the last window's sample, unless the load already took it
      }

      report.put("routes", load.summary());
      report.put("errors", load.errorCount());
      report.put("inFlightOnKilledNode", load.inFlightOnKilled());
      report.put("samples", samples.report(failures, seconds >= HEAP_JUDGED_FROM_SECONDS));
      if (load.errorCount() > 0) {
        failures.add(load.errorCount() + " failed requests");
      }
    }
    deleteIndexes(work);
    report.put("failures", failures);
    report.put("machineAfter", Machine.facts());
    out.println(JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    BenchCommand.writeReport(bootstrap, ns, report, out);
    if (!failures.isEmpty()) {
      throw new IllegalStateException("soak failed: " + String.join("; ", failures));
    }
    out.println("soak: passed");
  }

  /** The nodes' Lucene directories go; their logs stay for a look after a failure. */
  private static void deleteIndexes(Path work) throws java.io.IOException {
    try (var files = Files.walk(work)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (!p.equals(work) && !p.getFileName().toString().endsWith(".log")) {
          Files.delete(p);
        }
      }
    }
  }

  private static Connection connect(MiniRagConfiguration config) throws Exception {
    var f = config.getDatabase();
    return DriverManager.getConnection(f.getUrl(), f.getUser(), f.getPassword());
  }

  /** The first documents, added through the first node before the load starts. */
  private static void seed(
      SoakNodes.Node node, String key, List<BeirDataset.Doc> docs, ExecutorService pool)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    List<Future<?>> added = new ArrayList<>();
    for (BeirDataset.Doc d : docs) {
      added.add(
          pool.submit(
              () -> {
                post(
                    http,
                    node,
                    key,
                    "/api/v1/sources/text",
                    Map.of("title", d.title().isBlank() ? d.id() : d.title(), "text", d.text()),
                    Duration.ofSeconds(120));
                return null;
              }));
      if (added.size() % 4 == 0) {
        added.get(added.size() - 4).get(); // at most a few at once: seeding is not the load
      }
    }
    for (Future<?> f : added) {
      f.get();
    }
  }

  /** A JSON POST with the run's key that must answer 2xx; its body. */
  private static String post(
      HttpClient http, SoakNodes.Node n, String key, String path, Object body, Duration timeout)
      throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(n.api(path))
                .timeout(timeout)
                .header("X-API-Key", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          n.name + " " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /** Heap after GC per node, database connections and consistency checks, per window. */
  private static final class Samples {
    final SoakNodes nodes;
    final Connection db;
    final Consistency consistency;
    final Map<String, Map<Integer, Long>> heap = new LinkedHashMap<>();
    final List<Map<String, Object>> connections = new ArrayList<>();
    volatile String killed;
    volatile int killedAtSecond;
    volatile int lastSecond;

    Samples(SoakNodes nodes, Connection db, Consistency consistency) {
      this.nodes = nodes;
      this.db = db;
      this.consistency = consistency;
    }

    void kill(int second) {
      SoakNodes.Node last = nodes.all().get(nodes.all().size() - 1);
      try {
        nodes.kill(last);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      killed = last.name;
      killedAtSecond = second;
    }

    synchronized void take(int second) {
      lastSecond = second;
      for (SoakNodes.Node n : nodes.all()) {
        if (n.serving()) {
          try {
            heap.computeIfAbsent(n.name, k -> new LinkedHashMap<>())
                .put(second, nodes.heapAfterGcMiB(n));
          } catch (Exception e) {
            heap.computeIfAbsent(n.name, k -> new LinkedHashMap<>()).put(second, -1L);
          }
        }
      }
      try (ResultSet rs =
          db.createStatement()
              .executeQuery(
                  "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")) {
        rs.next();
        connections.add(Map.of("second", second, "connections", rs.getLong(1)));
      } catch (Exception e) {
        connections.add(Map.of("second", second, "error", e.toString()));
      }
      if (consistency != null) {
        consistency.check(second);
      }
    }

    Map<String, Object> report(List<String> failures, boolean judgeHeap) {
      Map<String, Object> m = new LinkedHashMap<>();
      Map<String, Object> heapReport = new LinkedHashMap<>();
      heap.forEach(
          (node, series) -> {
            List<Long> values = new ArrayList<>(series.values());
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("afterGcMiBBySecond", series);
            if (values.size() >= 2 && !node.equals(killed)) {
              double ratio = values.get(values.size() - 1) / (double) values.get(0);
              h.put("lastOverFirst", Math.round(ratio * 1000) / 1000.0);
              if (judgeHeap && ratio > 1.10) {
                failures.add(node + " heap after GC grew " + ratio + "x");
              }
            }
            heapReport.put(node, h);
          });
      m.put("heap", heapReport);
      m.put("databaseConnections", connections);
      if (consistency != null) {
        m.put("consistency", consistency.report(failures));
      }
      if (killed != null) {
        m.put("killed", Map.of("node", killed, "atSecond", killedAtSecond));
      }
      return m;
    }
  }

  /**
   * A document with a word of its own, added on one node; every serving node must then answer a
   * search for that word with the same hits, within the index poll interval plus a margin.
   */
  private static final class Consistency {
    final SoakNodes nodes;
    final String key;
    final HttpClient http = HttpClient.newHttpClient();
    final List<Long> visibleAfterMillis = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    int checks;

    Consistency(SoakNodes nodes, String key) {
      this.nodes = nodes;
      this.key = key;
    }

    void check(int second) {
      List<SoakNodes.Node> serving = nodes.all().stream().filter(SoakNodes.Node::serving).toList();
      if (serving.size() < 2) {
        return;
      }
      checks++;
      String word = "soakmark" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "q");
      try {
        SoakNodes.Node writer = serving.get(checks % serving.size());
        post(
            writer,
            "/api/v1/sources/text",
            Map.of(
                "title",
                "Marker " + word,
                "text",
                "The " + word + " was logged at second " + second + "."));
        long added = System.nanoTime();
        long deadline = added + TimeUnit.SECONDS.toNanos(10);
        while (true) {
          // Measured from when the round of searches began: a slow search is latency, not lag.
          long round = System.nanoTime();
          List<List<String>> answers = new ArrayList<>();
          for (SoakNodes.Node n : serving) {
            List<String> ids = new ArrayList<>();
            JSON.readTree(post(n, "/api/v1/search", Map.of("query", word, "mode", "bm25")))
                .path("hits")
                .forEach(h -> ids.add(h.path("chunkId").asText()));
            answers.add(ids);
          }
          if (answers.stream().allMatch(a -> a.size() == 1 && a.equals(answers.get(0)))) {
            visibleAfterMillis.add((round - added) / 1_000_000);
            return;
          }
          if (System.nanoTime() > deadline) {
            problems.add("second " + second + ": nodes differ 10 s after the add: " + answers);
            return;
          }
          Thread.sleep(50);
        }
      } catch (Exception e) {
        if (serving.stream().allMatch(SoakNodes.Node::serving)) {
          problems.add("second " + second + ": " + e);
        } else {
          checks--; // a node was killed under this check: that is the kill's count, not a lag
        }
      }
    }

    private String post(SoakNodes.Node n, String path, Object body) throws Exception {
      return SoakCommand.post(http, n, key, path, body, Duration.ofSeconds(60));
    }

    Map<String, Object> report(List<String> failures) {
      failures.addAll(problems);
      if (checks == 0) {
        failures.add("no consistency check ran");
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("checks", checks);
      // A round of searches that began this long after the add's answer found it on every node.
      m.put("sameOnEveryNodeAfterMs", visibleAfterMillis);
      m.put("maxMs", visibleAfterMillis.stream().mapToLong(Long::longValue).max().orElse(-1));
      m.put("problems", problems);
      return m;
    }
  }
}
