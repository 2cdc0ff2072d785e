package dev.minirag.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.app.Core;
import dev.minirag.quota.LimitsConfig;
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

/**
 * What limits cost a search: {@code /search} at concurrency 4 with enforcement on (the per-minute
 * bucket in PostgreSQL, the daily counter, the limits lookup) and off, in rounds of the same
 * process that alternate which leg goes first, so that machine noise and drift fall on both alike.
 * With enforcement off the daily counter still counts (that is what {@code LIMITS_ENABLED=false}
 * does), so the ratio is the cost of checking.
 */
final class LimitsBench {
  private static final int ROUNDS = 5;
  private static final int CONCURRENCY = 4;

  private LimitsBench() {}

  static Map<String, Object> run(
      LimitsConfig limits,
      int port,
      Core core,
      UUID ws,
      List<String> queries,
      int requests,
      PrintStream out)
      throws Exception {
    ObjectMapper json = new ObjectMapper();
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .executor(LoadStats.daemonPool(CONCURRENCY))
            .build();
    URI search = URI.create("http://127.0.0.1:" + port + "/api/v1/search");
    String key = core.apiKeys().create(ws, "bench-limits", List.of("read"), 1, null).plaintext();
    LoadStats.Call call =
        i ->
            BenchCommand.post(
                http,
                search,
                key,
                json.writeValueAsString(Map.of("query", queries.get(i % queries.size()), "k", 10)));
    boolean original = limits.enabled;
    Map<String, List<Double>> ms = new LinkedHashMap<>();
    for (String name : List.of("p50On", "p50Off", "p99On", "p99Off")) {
      ms.put(name, new ArrayList<>());
    }
    try {
      // Long enough a warm-up that the first measured round is not still compiling.
      LoadStats.run(Math.max(400, requests / 2), CONCURRENCY, call);
      for (int round = 0; round < ROUNDS; round++) {
        // On-off, then off-on: whatever drifts during a round falls on both legs alike.
        boolean onFirst = round % 2 == 0;
        for (boolean enabled : new boolean[] {onFirst, !onFirst}) {
          limits.enabled = enabled;
          Map<String, Object> r = LoadStats.run(requests, CONCURRENCY, call);
          String leg = enabled ? "On" : "Off";
          ms.get("p50" + leg).add(((Number) r.get("p50Ms")).doubleValue());
          ms.get("p99" + leg).add(((Number) r.get("p99Ms")).doubleValue());
        }
      }
    } finally {
      limits.enabled = original;
    }
    double p50 = median(ms.get("p50On")) / median(ms.get("p50Off"));
    double ratio = median(ms.get("p99On")) / median(ms.get("p99Off"));
    out.printf(
        Locale.ROOT,
        "  limits: /search at c=%d, %d alternating rounds: p99 on %s off %s ms, on/off %.3f; p50 on/off %.3f%n",
        CONCURRENCY,
        ROUNDS,
        ms.get("p99On"),
        ms.get("p99Off"),
        ratio,
        p50);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("concurrency", CONCURRENCY);
    result.put("rounds", ROUNDS);
    result.put("requestsPerLeg", requests);
    result.put("p99MsOn", ms.get("p99On"));
    result.put("p99MsOff", ms.get("p99Off"));
    result.put("p50MsOn", ms.get("p50On"));
    result.put("p50MsOff", ms.get("p50Off"));
    result.put("p50OnOverOff", Math.round(p50 * 1000) / 1000.0);
    result.put("p99OnOverOff", Math.round(ratio * 1000) / 1000.0);
    result.put("target", "p99 with limits on / off <= 1.05 at concurrency 4");
    return result;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
