package dev.minirag.logging;

import static org.assertj.core.api.Assertions.assertThat;

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
  void outsideARequestNothingIsSent() {
    assertThat(TraceContext.outboundHeaders()).isEmpty();
  }
}
