package dev.minirag.bench;

import dev.minirag.eval.EvalService;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs a fixed number of calls at a fixed concurrency and summarizes their latencies. */
final class LoadStats {

  private LoadStats() {}

  /** A failing call stops the run: a benchmark of errors measures nothing. */
  interface Call {
    void run(int i) throws Exception;
  }

  static Map<String, Object> run(int requests, int concurrency, Call call) throws Exception {
    long start = System.nanoTime();
    long[] nanos = latencies(requests, concurrency, call);
    double wall = (System.nanoTime() - start) / 1e9;
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("concurrency", concurrency);
    m.put("requests", requests);
    m.put("p50Ms", ms(sorted, 50));
    m.put("p95Ms", ms(sorted, 95));
    m.put("p99Ms", ms(sorted, 99));
    m.put("maxMs", Math.round(sorted[sorted.length - 1] / 10_000.0) / 100.0);
    m.put("throughputPerSecond", Math.round(requests / wall * 10) / 10.0);
    return m;
  }

  /**
   * The callers' threads, one pool a concurrency for the whole run: threads that lived only as long
   * as one run would take their CPU time with them before {@link CpuClock} reads it.
   */
  private static final Map<Integer, ExecutorService> CALLERS = new ConcurrentHashMap<>();

  /** Each call's latency in nanoseconds, in call order. */
  static long[] latencies(int requests, int concurrency, Call call) throws Exception {
    long[] nanos = new long[requests];
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = CALLERS.computeIfAbsent(concurrency, LoadStats::daemonPool);
    Callable<Void> worker =
        () -> {
          int i;
          while ((i = next.getAndIncrement()) < requests) {
            long t = System.nanoTime();
            call.run(i);
            nanos[i] = System.nanoTime() - t;
          }
          return null;
        };
    List<Future<Void>> futures = pool.invokeAll(java.util.Collections.nCopies(concurrency, worker));
    for (Future<Void> f : futures) {
      f.get();
    }
    return nanos;
  }

  /** Threads that never keep the JVM alive after the command returns. */
  static ExecutorService daemonPool(int threads) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, "bench-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  static double ms(long[] sorted, int p) {
    return EvalService.percentileMs(sorted, p);
  }
}
