package dev.minirag.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.app.Core;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The cost of one switch (limits, tracing) on a request: the same calls at a fixed concurrency with
 * the switch on and off, in many short rounds of one process that alternate which leg goes first
 * (on-off, then off-on). The machine is shared: short alternating rounds put both legs through the
 * same moments of load, so drift and bursts fall on both alike. The headline ratios compare the
 * percentiles of all the latencies of each leg pooled over the rounds; each round's p99 is kept
 * too, to show the spread.
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
      int requestsPerRound,
      PrintStream out)
      throws Exception {
    long[][] pooled = {new long[0], new long[0]}; // [on, off]
    List<List<Double>> roundP99 = List.of(new ArrayList<>(), new ArrayList<>());
    try {
      turn.accept(true);
      // Long enough a warm-up that the first measured round is not still compiling.
      LoadStats.run(Math.max(400, requestsPerRound), concurrency, call);
      for (int round = 0; round < rounds; round++) {
        boolean onFirst = round % 2 == 0;
        for (boolean on : new boolean[] {onFirst, !onFirst}) {
          turn.accept(on);
          long[] nanos = LoadStats.latencies(requestsPerRound, concurrency, call);
          int leg = on ? 0 : 1;
          pooled[leg] = concat(pooled[leg], nanos);
          Arrays.sort(nanos);
          roundP99.get(leg).add(LoadStats.ms(nanos, 99));
        }
      }
    } finally {
      turn.accept(restore);
    }
    Arrays.sort(pooled[0]);
    Arrays.sort(pooled[1]);
    double p50 = LoadStats.ms(pooled[0], 50) / LoadStats.ms(pooled[1], 50);
    double p99 = LoadStats.ms(pooled[0], 99) / LoadStats.ms(pooled[1], 99);
    out.printf(
        Locale.ROOT,
        "  %s: /search at c=%d, %d alternating rounds of %d: p99 on %.1f off %.1f ms, on/off %.3f;"
            + " p50 on %.1f off %.1f ms, on/off %.3f%n",
        what,
        concurrency,
        rounds,
        requestsPerRound,
        LoadStats.ms(pooled[0], 99),
        LoadStats.ms(pooled[1], 99),
        p99,
        LoadStats.ms(pooled[0], 50),
        LoadStats.ms(pooled[1], 50),
        p50);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("concurrency", concurrency);
    result.put("rounds", rounds);
    result.put("requestsPerRound", requestsPerRound);
    result.put("p99MsOn", LoadStats.ms(pooled[0], 99));
    result.put("p99MsOff", LoadStats.ms(pooled[1], 99));
    result.put("p50MsOn", LoadStats.ms(pooled[0], 50));
    result.put("p50MsOff", LoadStats.ms(pooled[1], 50));
    result.put("roundP99MsOn", roundP99.get(0));
    result.put("roundP99MsOff", roundP99.get(1));
    result.put("p50OnOverOff", Math.round(p50 * 1000) / 1000.0);
    result.put("p99OnOverOff", Math.round(p99 * 1000) / 1000.0);
    return result;
  }

  static long[] concat(long[] a, long[] b) {
    long[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
