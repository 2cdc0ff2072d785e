package dev.minirag.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.logging.LogContext;
import dev.minirag.logging.TraceContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class TracingTest {

  /** Keeps what the SDK exports. */
  static final class Exported implements SpanExporter {
    final List<SpanData> spans = new CopyOnWriteArrayList<>();

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      spans.addAll(batch);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }

    SpanData named(String name) {
      return spans.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
    }
  }

  private final Exported exported = new Exported();
  private final Tracing tracing =
      Tracing.of(
          OpenTelemetrySdk.builder()
              .setTracerProvider(
                  SdkTracerProvider.builder()
                      .addSpanProcessor(SimpleSpanProcessor.create(exported))
                      .build())
              .build());

  @AfterEach
  void clear() {
    tracing.stop();
    MDC.clear();
  }

  @Test
  void withoutAnEndpointThereIsNoSdkAndNoExportThread() {
    TracingConfig config = new TracingConfig();
    config.setEndpoint("");
    long exportThreads = exportThreads();
    Tracing off = Tracing.start(config, "test");

    assertThat(off).isSameAs(Tracing.OFF);
    assertThat(off.isOn()).isFalse();
    assertThat(off.root("job embed")).isSameAs(TracedSpan.NONE);
    // another test's batching SDK may still be winding down, but none was started here
    assertThat(exportThreads()).isLessThanOrEqualTo(exportThreads);
  }

  @Test
  void withAnEndpointTheSdkExportsFromOneBackgroundThread() {
    TracingConfig config = new TracingConfig();
    config.setEndpoint("http://127.0.0.1:9"); // nothing is exported in this test
    Tracing on = Tracing.start(config, "test");
    try {
      assertThat(on.isOn()).isTrue();
      assertThat(exportThreads()).isPositive();
    } finally {
      on.stop();
    }
    assertThat(on.isOn()).isFalse();
  }

  private static long exportThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("BatchSpanProcessor"))
        .count();
  }

  @Test
  void aSpanNeedsAParentSoWorkOutsideATraceStartsNone() {
    assertThat(tracing.span("search")).isSameAs(TracedSpan.NONE);
    assertThat(exported.spans).isEmpty();
  }

  @Test
  void logLinesAndOutboundHeadersCarryTheCurrentSpanAndGetTheParentBack() {
    MDC.put(LogContext.REQUEST, "req-7");
    MDC.put(LogContext.WORKSPACE, "ws-1");
    String rootSpan;
    String childSpan;
    String traceparentInChild;
    try (TracedSpan root = tracing.root("job embed")) {
      rootSpan = MDC.get(TraceContext.SPAN_ID);
      try (TracedSpan child = tracing.span("fetch", SpanKind.CLIENT)) {
        childSpan = MDC.get(TraceContext.SPAN_ID);
        traceparentInChild = TraceContext.outboundHeaders().get("traceparent");
      }
      assertThat(MDC.get(TraceContext.SPAN_ID)).as("the parent's id is back").isEqualTo(rootSpan);
    }
    assertThat(MDC.get(TraceContext.SPAN_ID)).isNull();
    assertThat(MDC.get(TraceContext.TRACE_ID)).isNull();

    SpanData root = exported.named("job embed");
    SpanData fetch = exported.named("fetch");
    assertThat(root.getSpanId()).isEqualTo(rootSpan);
    assertThat(fetch.getSpanId()).isEqualTo(childSpan);
    assertThat(fetch.getParentSpanId()).isEqualTo(root.getSpanId());
    assertThat(fetch.getTraceId()).isEqualTo(root.getTraceId());
    assertThat(fetch.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(traceparentInChild)
        .isEqualTo(
            "00-"
                + fetch.getTraceId()
                + "-"
                + fetch.getSpanId()
                + "-"
                + fetch.getSpanContext().getTraceFlags().asHex());
    assertThat(fetch.getSpanContext().isSampled()).isTrue();
    for (SpanData span : List.of(root, fetch)) {
      assertThat(span.getAttributes().get(Tracing.REQUEST_ID)).isEqualTo("req-7");
      assertThat(span.getAttributes().get(Tracing.WORKSPACE_ID)).isEqualTo("ws-1");
    }
  }

  @Test
  void anotherThreadContinuesTheTraceAndTheLogContext() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (TracedSpan root = tracing.root("search")) {
      MDC.put(LogContext.REQUEST, "req-8");
      Map<String, String> seen =
          pool.submit(
                  tracing.propagate(
                      () -> {
                        try (TracedSpan leg = tracing.span("search.vector")) {
                          return MDC.getCopyOfContextMap();
                        }
                      }))
              .get();
      assertThat(seen).containsEntry(LogContext.REQUEST, "req-8");
      // the pool thread has its own context back once the task is done
      assertThat(pool.submit(MDC::getCopyOfContextMap).get()).isNullOrEmpty();
    } finally {
      pool.shutdownNow();
    }
    SpanData leg = exported.named("search.vector");
    assertThat(leg.getParentSpanId()).isEqualTo(exported.named("search").getSpanId());
    assertThat(leg.getAttributes().get(Tracing.REQUEST_ID)).isEqualTo("req-8");
  }

  @Test
  void pausedRecordsNothing() {
    tracing.pause(true);
    assertThat(tracing.isOn()).isFalse();
    assertThat(tracing.root("job embed")).isSameAs(TracedSpan.NONE);
    tracing.pause(false);
    try (TracedSpan root = tracing.root("job embed")) {
      assertThat(root).isNotSameAs(TracedSpan.NONE);
    }
    assertThat(exported.spans).hasSize(1);
  }

  @Test
  void stopExportsWhatIsStillQueued() {
    Exported later = new Exported();
    Tracing batching =
        Tracing.of(
            OpenTelemetrySdk.builder()
                .setTracerProvider(
                    SdkTracerProvider.builder()
                        .addSpanProcessor(
                            BatchSpanProcessor.builder(later)
                                .setScheduleDelay(Duration.ofHours(1))
                                .build())
                        .build())
                .build());
    try (TracedSpan root = batching.root("job reindex")) {
      root.set("minirag.job_id", "j-1");
    }
    assertThat(later.spans).isEmpty();

    batching.stop();

    assertThat(later.spans).extracting(SpanData::getName).containsExactly("job reindex");
    assertThat(batching.isOn()).isFalse();
  }

  @Test
  void aStatementsOperationIsItsFirstKeywordAfterComments() {
    assertThat(StatementSpans.operation("/* SearchHitsDao.load */ SELECT 1")).isEqualTo("SELECT");
    assertThat(StatementSpans.operation("-- note\n  (select 1)")).isEqualTo("SELECT");
    assertThat(StatementSpans.operation("WITH x AS (SELECT 1) INSERT")).isEqualTo("WITH");
    assertThat(StatementSpans.operation("/* unterminated")).isEqualTo("SQL");
    assertThat(StatementSpans.operation("")).isEqualTo("SQL");
  }
}
