package dev.minirag.bench;

import dev.minirag.app.Core;
import dev.minirag.quota.LimitsConfig;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What limits cost a search: {@code /search} at concurrency 4 with enforcement on (the per-minute
 * bucket in PostgreSQL, the daily counter, the limits lookup) and off ({@link OnOffRounds}). With
 * enforcement off the daily counter still counts (that is what {@code LIMITS_ENABLED=false} does),
 * so the ratio is the cost of checking.
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
    LoadStats.Call call = OnOffRounds.searches(core, ws, port, queries, CONCURRENCY);
    Map<String, Object> result =
        OnOffRounds.run(
            "limits",
            limits::setEnabled,
            limits.isEnabled(),
            call,
            CONCURRENCY,
            ROUNDS,
            requests,
            out);
    result.put("target", "p99 with limits on / off <= 1.05 at concurrency 4");
    return result;
  }
}
