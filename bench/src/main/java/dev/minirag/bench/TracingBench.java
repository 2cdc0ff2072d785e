package dev.minirag.bench;

import com.sun.net.httpserver.HttpServer;
import dev.minirag.app.Core;
import dev.minirag.tracing.Tracing;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What tracing costs a search: {@code /search} at concurrency 4 with spans recorded and exported
 * and with recording paused ({@link OnOffRounds}). The spans go over OTLP/HTTP to a sink on
 * 127.0.0.1 that reads and acknowledges each export as a collector would, so the on leg pays for
 * building, batching, encoding and sending them. Twenty rounds: tracing's cost is small against the
 * machine's noise, and short alternating rounds pooled are what makes it visible.
 */
final class TracingBench {
  private static final int ROUNDS = 20;
  private static final int CONCURRENCY = 4;

  private TracingBench() {}

  /** The OTLP endpoint a run exports to; it counts what it receives. */
  static final class Sink implements AutoCloseable {
    private final HttpServer server;
    final AtomicLong exports = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();

    Sink() {
      try {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext(
          "/v1/traces",
          exchange -> {
            try (exchange;
                InputStream in = exchange.getRequestBody()) {
              bytes.addAndGet(in.transferTo(java.io.OutputStream.nullOutputStream()));
              exports.incrementAndGet();
              // An empty ExportTraceServiceResponse: full success.
              exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
              exchange.sendResponseHeaders(200, -1);
            }
          });
      server.start();
    }

    String endpoint() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  static Map<String, Object> run(
      Tracing tracing,
      Sink sink,
      int port,
      Core core,
      UUID ws,
      List<String> queries,
      int requests,
      PrintStream out)
      throws Exception {
    tracing.pause(false);
    if (!tracing.isOn()) {
      throw new IllegalStateException("tracing did not start: nothing to compare");
    }
    LoadStats.Call call = OnOffRounds.searches(core, ws, port, queries, CONCURRENCY);
    long exportsBefore = sink.exports.get();
    Map<String, Object> result =
        OnOffRounds.run(
            "tracing", on -> tracing.pause(!on), false, call, CONCURRENCY, ROUNDS, requests, out);
    result.put("otlpExports", sink.exports.get() - exportsBefore);
    result.put("otlpBytes", sink.bytes.get());
    result.put("target", "p99 with tracing on / off <= 1.05 at concurrency 4");
    return result;
  }
}
