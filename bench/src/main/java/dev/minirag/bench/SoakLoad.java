package dev.minirag.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.eval.BeirDataset;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed-rate (open-loop) mix of asks, searches, ingests and listings spread round-robin over the
 * serving nodes. Latency counts from the moment a request was due, so a stalled node shows as
 * latency rather than as fewer requests. A failed call on a node killed while it was in flight is
 * counted apart; any other failure (an exception or a non-2xx answer) is an error.
 */
final class SoakLoad {

  /** Out of every 20 requests: 9 searches, 5 asks, 4 listings, 2 ingests. */
  static final List<String> MIX = mix();

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();
  private final List<SoakNodes.Node> nodes;
  private final String key;
  private final List<String> queries;
  private final List<BeirDataset.Doc> docs;
  private final AtomicInteger nextDoc;
  private final AtomicLong sequence = new AtomicLong();
  private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Integer>> errors = new ConcurrentHashMap<>();
  private final Map<String, String> firstError = new ConcurrentHashMap<>();
  private final AtomicInteger inFlightOnKilled = new AtomicInteger();

  SoakLoad(
      List<SoakNodes.Node> nodes,
      String key,
      List<String> queries,
      List<BeirDataset.Doc> docs,
      int firstUnusedDoc) {
    this.nodes = nodes;
    this.key = key;
    this.queries = queries;
    this.docs = docs;
    this.nextDoc = new AtomicInteger(firstUnusedDoc);
    for (String route : MIX) {
      latencies.putIfAbsent(route, java.util.Collections.synchronizedList(new ArrayList<>()));
    }
  }

  /** Sends {@code ratePerSecond} requests a second on {@code pool} until {@code stopAtNanos}. */
  void run(double ratePerSecond, long stopAtNanos, ExecutorService pool, Runnable everySecond)
      throws InterruptedException {
    long interval = (long) (1e9 / ratePerSecond);
    long due = System.nanoTime();
    long nextTick = due + 1_000_000_000L;
    while (due < stopAtNanos) {
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      long dueAt = due;
      pool.execute(() -> one(dueAt));
      due += interval;
      if (due >= nextTick) {
        everySecond.run();
        nextTick += 1_000_000_000L;
      }
    }
  }

  private void one(long dueAt) {
    long n = sequence.getAndIncrement();
    String route = MIX.get((int) (n % MIX.size()));
    SoakNodes.Node node = pick(n);
    if (node == null) {
      count(route, "no node serving", null);
      return;
    }
    try {
      HttpResponse<String> r =
          http.send(request(route, node, n), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 == 2) {
        latencies.get(route).add(System.nanoTime() - dueAt);
      } else if (node.killed) {
        inFlightOnKilled.incrementAndGet();
      } else {
        count(route, Integer.toString(r.statusCode()), r.body());
      }
    } catch (Exception e) {
      if (node.killed) {
        inFlightOnKilled.incrementAndGet();
      } else {
        count(route, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
      }
    }
  }

  /** Round-robin over the nodes still serving (a load balancer drops a dead one). */
  private SoakNodes.Node pick(long n) {
    List<SoakNodes.Node> serving = nodes.stream().filter(SoakNodes.Node::serving).toList();
    return serving.isEmpty() ? null : serving.get((int) (n % serving.size()));
  }

  private HttpRequest request(String route, SoakNodes.Node node, long n) throws Exception {
    String query = queries.get((int) (n % queries.size()));
    HttpRequest.Builder b =
        HttpRequest.newBuilder().timeout(Duration.ofSeconds(60)).header("X-API-Key", key);
    return switch (route) {
      case "POST /api/v1/search" ->
          json(b.uri(node.api("/api/v1/search")), Map.of("query", query, "k", 10));
      case "POST /api/v1/ask" -> json(b.uri(node.api("/api/v1/ask")), Map.of("question", query));
      case "GET /api/v1/sources" -> b.uri(node.api("/api/v1/sources?limit=20")).GET().build();
      case "POST /api/v1/sources/text" -> {
        BeirDataset.Doc d = docs.get(Math.floorMod(nextDoc.getAndIncrement(), docs.size()));
        // A document used twice would be answered as a duplicate; the run number keeps it new.
        String title = d.title().isBlank() ? "Soak document " + n : d.title();
        yield json(
            b.uri(node.api("/api/v1/sources/text")),
            Map.of("title", title, "text", d.text() + "\n\n(soak request " + n + ")"));
      }
      default -> throw new IllegalArgumentException(route);
    };
  }

  private static HttpRequest json(HttpRequest.Builder b, Object body) throws Exception {
    return b.header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
        .build();
  }

  private void count(String route, String what, String body) {
    errors.computeIfAbsent(route, r -> new ConcurrentHashMap<>()).merge(what, 1, Integer::sum);
    if (body != null) {
      firstError.putIfAbsent(
          route + " " + what, body.length() > 300 ? body.substring(0, 300) : body);
    }
  }

  int errorCount() {
    return errors.values().stream()
        .flatMap(m -> m.values().stream())
        .mapToInt(Integer::intValue)
        .sum();
  }

  int inFlightOnKilled() {
    return inFlightOnKilled.get();
  }

  /** Per route: requests answered, errors by kind, latency percentiles. */
  Map<String, Object> summary() {
    Map<String, Object> routes = new TreeMap<>();
    for (String route : latencies.keySet()) {
      long[] sorted;
      synchronized (latencies.get(route)) {
        sorted = latencies.get(route).stream().mapToLong(Long::longValue).toArray();
      }
      Arrays.sort(sorted);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ok", sorted.length);
      m.put("errors", errors.getOrDefault(route, Map.of()));
      if (sorted.length > 0) {
        m.put("p50Ms", LoadStats.ms(sorted, 50));
        m.put("p99Ms", LoadStats.ms(sorted, 99));
        m.put("maxMs", Math.round(sorted[sorted.length - 1] / 1e6));
      }
      routes.put(route, m);
    }
    if (!firstError.isEmpty()) {
      routes.put("firstErrors", new TreeMap<>(firstError));
    }
    return routes;
  }

  private static List<String> mix() {
    List<String> m = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      m.add(
          i % 20 < 9
              ? "POST /api/v1/search"
              : i < 14
                  ? "POST /api/v1/ask"
                  : i < 18 ? "GET /api/v1/sources" : "POST /api/v1/sources/text");
    }
    // Interleaved so a short run still sees every kind: search, ask, list, search, ingest...
    List<String> spread = new ArrayList<>();
    for (int i = 0; i < m.size(); i++) {
      spread.add(m.get((i * 7) % m.size()));
    }
    return List.copyOf(spread);
  }
}
