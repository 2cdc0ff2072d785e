package dev.minirag.eval;

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
 * bucket in PostgreSQL, the daily counter, the limits lookup) and off, in alternating rounds of the
 * same process so that machine noise falls on both alike. With enforcement off the daily counter
 * still counts (that is what {@code LIMITS_ENABLED=false} does), so the ratio is the cost of checking.
 */
final class LimitsBench {
  private static final int ROUNDS = 3;
  private static final int CONCURRENCY = 4;

  private LimitsBench() {}

  static Map<String, Object> run(LimitsConfig limits, int port, Core core, UUID ws, List<String> queries, int requests, PrintStream out)
      throws Exception {
    ObjectMapper json = new ObjectMapper();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1)
        .executor(LoadStats.daemonPool(CONCURRENCY)).build();
    URI search = URI.create("http://127.0.0.1:" + port + "/api/v1/search");
    String key = core.apiKeys().create(ws, "bench-limits", List.of("read"), 1, null).plaintext();
    LoadStats.Call call = i -> BenchCommand.post(http, search, key, json.writeValueAsString(Map.of("query", queries.get(i % queries.size()), "k", 10)));
    boolean original = limits.enabled;
    List<Double> on = new ArrayList<>();
    List<Double> off = new ArrayList<>();
    try {
      LoadStats.run(50, 2, call);
      for (int round = 0; round < ROUNDS; round++) {
        limits.enabled = true;
        on.add(((Number) LoadStats.run(requests, CONCURRENCY, call).get("p99Ms")).doubleValue());
        limits.enabled = false;
        off.add(((Number) LoadStats.run(requests, CONCURRENCY, call).get("p99Ms")).doubleValue());
      }
    } finally {
      limits.enabled = original;
    }
    double ratio = median(on) / median(off);
    out.printf(Locale.ROOT, "  limits: /search p99 at c=%d on %s ms, off %s ms (medians of %d rounds): on/off %.3f%n",
        CONCURRENCY, on, off, ROUNDS, ratio);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("concurrency", CONCURRENCY);
    result.put("p99MsOn", on);
    result.put("p99MsOff", off);
    result.put("p99OnOverOff", Math.round(ratio * 1000) / 1000.0);
    result.put("target", "p99 with limits on / off <= 1.05 at concurrency 4");
    return result;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
