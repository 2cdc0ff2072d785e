package dev.minirag.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class TraceContextTest {

  @AfterEach
  void clear() {
    LogContext.clear();
  }

  @Test
  void aValidTraceparentIsContinuedWithANewSpan() {
    MDC.put(LogContext.REQUEST, "req-1");
    TraceContext.begin("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    var headers = TraceContext.outboundHeaders();

    assertThat(headers.get("X-Request-Id")).isEqualTo("req-1");
    assertThat(headers.get("traceparent"))
        .matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01")
        .doesNotContain("00f067aa0ba902b7");
  }

  @Test
  void anInvalidOrMissingTraceparentStartsANewTrace() {
    for (String bad :
        new String[] {
          null,
          "",
          "garbage",
          "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
          "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
          "00-4bf92f35-00f067aa0ba902b7-01\r\nX: y"
        }) {
      TraceContext.begin(bad);
      String traceparent = TraceContext.outboundHeaders().get("traceparent");
      assertThat(traceparent).as(String.valueOf(bad)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
      assertThat(traceparent).doesNotStartWith("00-00000000000000000000000000000000");
    }
  }

  @Test
  void aCurrentSpanIsTheParentTheOtherSideSees() {
    MDC.put(LogContext.REQUEST, "req-2");
    TraceContext.begin(null);
    var span =
        Span.wrap(
            SpanContext.create(
                "4bf92f3577b34da6a3ce929d0e0e4736",
                "00f067aa0ba902b7",
                TraceFlags.getDefault(),
                TraceState.getDefault()));
    try (Scope ignored = span.makeCurrent()) {
      assertThat(TraceContext.outboundHeaders())
          .containsEntry("X-Request-Id", "req-2")
          .containsEntry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
    }
  }

  @Test
  void useLendsASpansIdsToLogLinesAndGivesThemBack() {
    TraceContext.begin(null);
    String trace = MDC.get(TraceContext.TRACE_ID);
    String span = MDC.get(TraceContext.SPAN_ID);
    try (TraceContext.Restore ignored =
        TraceContext.use("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7")) {
      assertThat(MDC.get(TraceContext.SPAN_ID)).isEqualTo("00f067aa0ba902b7");
    }
    assertThat(MDC.get(TraceContext.TRACE_ID)).isEqualTo(trace);
    assertThat(MDC.get(TraceContext.SPAN_ID)).isEqualTo(span);
  }

  @Test
  void outsideARequestNothingIsSent() {
    assertThat(TraceContext.outboundHeaders()).isEmpty();
  }
}
