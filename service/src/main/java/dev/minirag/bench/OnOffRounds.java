package dev.minirag.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.app.Core;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The cost of one switch (limits, tracing) on a request: the same calls at a fixed concurrency with
 * the switch on and off, in rounds of one process that alternate which leg goes first (on-off, then
 * off-on), so that machine noise and drift fall on both legs alike. Each leg's p50 and p99 are kept
 * per round; the ratios compare the medians over rounds.
 */
final class OnOffRounds {

  private OnOffRounds() {}

  /** {@code /search} calls over HTTP with a read key of {@code ws}, cycling through the queries. */
  static LoadStats.Call searches(
      Core core, UUID ws, int port, List<String> queries, int concurrency) {
    ObjectMapper json = new ObjectMapper();
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .executor(LoadStats.daemonPool(concurrency))
            .build();
    URI search = URI.create("http://127.0.0.1:" + port + "/api/v1/search");
    String key = core.apiKeys().create(ws, "bench-on-off", List.of("read"), 1, null).plaintext();
    return i ->
        BenchCommand.post(
            http,
            search,
            key,
            json.writeValueAsString(Map.of("query", queries.get(i % queries.size()), "k", 10)));
  }

  static Map<String, Object> run(
      String what,
      Consumer<Boolean> turn,
      boolean restore,
      LoadStats.Call call,
      int concurrency,
      int rounds,
      int requests,
      PrintStream out)
      throws Exception {
    Map<String, List<Double>> ms = new LinkedHashMap<>();
    for (String name : List.of("p50On", "p50Off", "p99On", "p99Off")) {
      ms.put(name, new ArrayList<>());
    }
    try {
      turn.accept(true);
      // Long enough a warm-up that the first measured round is not still compiling.
      LoadStats.run(Math.max(400, requests / 2), concurrency, call);
      for (int round = 0; round < rounds; round++) {
        boolean onFirst = round % 2 == 0;
        for (boolean on : new boolean[] {onFirst, !onFirst}) {
          turn.accept(on);
          Map<String, Object> r = LoadStats.run(requests, concurrency, call);
          String leg = on ? "On" : "Off";
          ms.get("p50" + leg).add(((Number) r.get("p50Ms")).doubleValue());
          ms.get("p99" + leg).add(((Number) r.get("p99Ms")).doubleValue());
        }
      }
    } finally {
      turn.accept(restore);
    }
    double p50 = median(ms.get("p50On")) / median(ms.get("p50Off"));
    double p99 = median(ms.get("p99On")) / median(ms.get("p99Off"));
    out.printf(
        Locale.ROOT,
        "  %s: /search at c=%d, %d alternating rounds: p99 on %s off %s ms, on/off %.3f; p50 on/off %.3f%n",
        what,
        concurrency,
        rounds,
        ms.get("p99On"),
        ms.get("p99Off"),
        p99,
        p50);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("concurrency", concurrency);
    result.put("rounds", rounds);
    result.put("requestsPerLeg", requests);
    result.put("p99MsOn", ms.get("p99On"));
    result.put("p99MsOff", ms.get("p99Off"));
    result.put("p50MsOn", ms.get("p50On"));
    result.put("p50MsOff", ms.get("p50Off"));
    result.put("p50OnOverOff", Math.round(p50 * 1000) / 1000.0);
    result.put("p99OnOverOff", Math.round(p99 * 1000) / 1000.0);
    return result;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
