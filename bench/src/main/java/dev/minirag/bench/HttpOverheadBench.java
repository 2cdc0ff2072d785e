package dev.minirag.bench;

import dev.minirag.app.Core;
import dev.minirag.search.SearchRequest;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What the HTTP path costs a search: the same searches in-process ({@code SearchService}, the
 * floor) and over HTTP with a read key, at one concurrency, in short rounds of one process that
 * alternate which leg goes first, so drift and bursts of a shared machine fall on both alike. Per
 * leg: throughput (requests over the leg's wall time, summed over rounds), pooled latency
 * percentiles, and CPU per request ({@link CpuClock}): this JVM's (server and load generator), the
 * JIT compiler's share of it, Jetty's request threads' alone, and PostgreSQL's. The headline CPU
 * figure is the JVM's without the compiler's plus PostgreSQL's.
 */
final class HttpOverheadBench {

  private HttpOverheadBench() {}

  private static final String[] LEGS = {"inProcess", "http"};

  static Map<String, Object> run(
      Core core,
      UUID ws,
      int port,
      List<String> queries,
      int concurrency,
      int rounds,
      int requestsPerRound,
      int warmUpRounds,
      PrintStream out)
      throws Exception {
    LoadStats.Call floor =
        i -> core.search().search(ws, SearchRequest.of(queries.get(i % queries.size()), 10, null));
    LoadStats.Call http = OnOffRounds.searches(core, ws, port, queries, concurrency);
    return run(
        floor,
        http,
        concurrency,
        rounds,
        requestsPerRound,
        rounds * requestsPerRound,
        warmUpRounds,
        out);
  }

  /**
   * The same comparison for any pair of calls that do the same search, in-process ({@code floor})
   * and over HTTP; the calls of round r get indices from r × {@code requestsPerRound} on, so rounds
   * go on through the queries instead of repeating the first ones.
   *
   * @param warmUpRequests requests a leg in each warm-up round
   */
  static Map<String, Object> run(
      LoadStats.Call floor,
      LoadStats.Call http,
      int concurrency,
      int rounds,
      int requestsPerRound,
      int warmUpRequests,
      int warmUpRounds,
      PrintStream out)
      throws Exception {
    LoadStats.Call[] calls = {floor, http};
    List<Map<String, Object>> warmUp =
        warmUp(calls, concurrency, warmUpRequests, warmUpRounds, out);

    long[][] pooled = {new long[0], new long[0]};
    double[] wall = new double[2];
    CpuClock.Reading[] cpu = {CpuClock.Reading.ZERO, CpuClock.Reading.ZERO};
    List<List<Double>> roundThroughput = List.of(new ArrayList<>(), new ArrayList<>());
    for (int round = 0; round < rounds; round++) {
      int first = round % 2;
      int offset = round * requestsPerRound;
      for (int leg : new int[] {first, 1 - first}) {
        LoadStats.Call call = calls[leg];
        CpuClock.Reading before = CpuClock.now();
        long start = System.nanoTime();
        long[] nanos =
            LoadStats.latencies(requestsPerRound, concurrency, i -> call.run(offset + i));
        double secs = (System.nanoTime() - start) / 1e9;
        CpuClock.Reading used = CpuClock.now().minus(before);
        wall[leg] += secs;
        cpu[leg] = cpu[leg].plus(used);
        pooled[leg] = OnOffRounds.concat(pooled[leg], nanos);
        roundThroughput.get(leg).add(round1(requestsPerRound / secs));
      }
    }
    int total = rounds * requestsPerRound;
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("concurrency", concurrency);
    result.put("rounds", rounds);
    result.put("requestsPerRound", requestsPerRound);
    result.put("warmUp", warmUp);
    double[] throughput = new double[2];
    double[] p99 = new double[2];
    double[] cpuPerRequest = new double[2];
    for (int leg = 0; leg < 2; leg++) {
      Arrays.sort(pooled[leg]);
      throughput[leg] = total / wall[leg];
      p99[leg] = LoadStats.ms(pooled[leg], 99);
      double pg = cpu[leg].postgres() < 0 ? Double.NaN : cpu[leg].postgres();
      cpuPerRequest[leg] = cpu[leg].work() * 1000 / total;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("throughputPerSecond", round1(throughput[leg]));
      m.put("roundThroughputPerSecond", roundThroughput.get(leg));
      m.put("p50Ms", LoadStats.ms(pooled[leg], 50));
      m.put("p95Ms", LoadStats.ms(pooled[leg], 95));
      m.put("p99Ms", p99[leg]);
      m.put("cpuMsPerRequestJvm", round2(cpu[leg].jvm() * 1000 / total));
      m.put("cpuMsPerRequestJit", round2(cpu[leg].jit() * 1000 / total));
      m.put("cpuMsPerRequestServerThreads", round2(cpu[leg].serverThreads() * 1000 / total));
      m.put("cpuMsPerRequestPostgres", Double.isNaN(pg) ? null : round2(pg * 1000 / total));
      m.put("cpuMsPerRequest", round2(cpuPerRequest[leg]));
      m.put("cpuMsPerRequestLoadGenerator", round2(cpu[leg].loadGenerator() * 1000 / total));
      result.put(LEGS[leg], m);
    }
    // In-process the bench's threads run the searches themselves; over HTTP they and the client's
    // threads only generate load, which a real client spends on its own machine.
    double serverSide = cpuPerRequest[1] - cpu[1].loadGenerator() * 1000 / total;
    result.put("cpuMsPerRequestHttpServerSide", round2(serverSide));
    result.put("cpuPerRequestInProcessOverHttpServerSide", round3(cpuPerRequest[0] / serverSide));
    result.put("throughputHttpOverInProcess", round3(throughput[1] / throughput[0]));
    result.put("p99HttpOverInProcess", round3(p99[1] / p99[0]));
    result.put("cpuPerRequestInProcessOverHttp", round3(cpuPerRequest[0] / cpuPerRequest[1]));
    result.put(
        "target",
        "at concurrency 4: HTTP /search throughput >= 0.9 x in-process, p99 <= 1.2 x in-process p99");
    out.printf(
        Locale.ROOT,
        "  overhead c=%d, %d alternating rounds of %d: /s in-process %.1f HTTP %.1f (%.3f); p99 %.1f"
            + " vs %.1f ms (%.3f); CPU ms/request in-process %.2f HTTP %.2f (in-process/HTTP %.3f),"
            + " HTTP without the load generator %.2f (%.3f)%n",
        concurrency,
        rounds,
        requestsPerRound,
        throughput[0],
        throughput[1],
        throughput[1] / throughput[0],
        p99[0],
        p99[1],
        p99[1] / p99[0],
        cpuPerRequest[0],
        cpuPerRequest[1],
        cpuPerRequest[0] / cpuPerRequest[1],
        serverSide,
        cpuPerRequest[0] / serverSide);
    return result;
  }

  /**
   * Both legs, in turn, round after round until the JIT compiler spends under 5 % of a round's CPU
   * (at most {@code maxRounds} rounds of {@code requests} a leg). Over HTTP, Jetty's, Jersey's,
   * Jackson's and the HTTP client's code is far larger than the floor's: after one round of 1,500
   * requests a leg the compiler still spent 4-6 ms of CPU per HTTP request through the measured
   * rounds (against ~1.5 on the floor), a cost a server that has been up for minutes no longer
   * pays, and which the throughput figures (not the CPU ones) were charged.
   */
  private static List<Map<String, Object>> warmUp(
      LoadStats.Call[] calls, int concurrency, int requests, int maxRounds, PrintStream out)
      throws Exception {
    List<Map<String, Object>> done = new ArrayList<>();
    for (int round = 1; round <= maxRounds; round++) {
      CpuClock.Reading before = CpuClock.now();
      long start = System.nanoTime();
      for (LoadStats.Call call : calls) {
        LoadStats.run(requests, concurrency, call);
      }
      double secs = (System.nanoTime() - start) / 1e9;
      CpuClock.Reading used = CpuClock.now().minus(before);
      double share = used.jvm() > 0 ? used.jit() / used.jvm() : 0;
      done.add(
          Map.of(
              "requestsPerLeg",
              requests,
              "seconds",
              round2(secs),
              "jitSeconds",
              round2(used.jit()),
              "jitShareOfJvmCpu",
              round3(share)));
      out.printf(
          Locale.ROOT,
          "  overhead warm-up round %d: %d requests a leg in %.1f s, JIT %.1f s (%.1f %% of this"
              + " JVM's CPU)%n",
          round,
          requests,
          secs,
          used.jit(),
          share * 100);
      if (share < 0.05) {
        break;
      }
    }
    return done;
  }

  private static double round1(double d) {
    return Math.round(d * 10) / 10.0;
  }

  private static double round2(double d) {
    return Math.round(d * 100) / 100.0;
  }

  private static double round3(double d) {
    return Math.round(d * 1000) / 1000.0;
  }
}
