package dev.minirag.tracing;

import dev.minirag.logging.LogContext;
import dev.minirag.logging.TraceContext;
import io.dropwizard.lifecycle.Managed;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The service's tracer. Built from {@link TracingConfig}: with no OTLP endpoint it is {@link #OFF}
 * (no SDK, no export thread; every span is {@link TracedSpan#NONE}). With one, the OpenTelemetry
 * SDK is configured by its autoconfiguration (so the standard {@code OTEL_*} variables apply) and
 * spans go out in batches from one background thread; {@link #stop} flushes and shuts it down.
 *
 * <p>Every span carries the request id and, once the caller is known, the workspace id from the log
 * context, and while it is current its ids are the ones on log lines ({@link TraceContext}).
 */
public final class Tracing implements Managed {

  public static final AttributeKey<String> REQUEST_ID =
      AttributeKey.stringKey("minirag.request_id");
  public static final AttributeKey<String> WORKSPACE_ID =
      AttributeKey.stringKey("minirag.workspace_id");

  public static final Tracing OFF = new Tracing(null);

  private static final Logger LOG = LoggerFactory.getLogger(Tracing.class);
  private static final String SCOPE = "dev.minirag";
  private static final long SHUTDOWN_SECONDS = 10;

  private final OpenTelemetrySdk sdk;
  private final Tracer tracer;
  private volatile boolean recording;

  private Tracing(OpenTelemetrySdk sdk) {
    this.sdk = sdk;
    this.tracer = sdk == null ? null : sdk.getTracer(SCOPE);
    this.recording = sdk != null;
  }

  /** {@link #OFF} unless {@code config} names an endpoint; {@code version} goes on the resource. */
  public static Tracing start(TracingConfig config, String version) {
    if (!config.enabled()) {
      return OFF;
    }
    // Our typed settings win over the environment (a config override in a test, say); the SDK
    // reads every other OTEL_* variable itself. Metrics and logs have their own paths
    // (Prometheus, stdout), so only traces are exported.
    Map<String, String> ours =
        Map.of(
            "otel.exporter.otlp.endpoint",
            config.getEndpoint(),
            "otel.exporter.otlp.protocol",
            config.getProtocol(),
            "otel.service.name",
            config.getServiceName(),
            "otel.traces.exporter",
            "otlp",
            "otel.metrics.exporter",
            "none",
            "otel.logs.exporter",
            "none");
    OpenTelemetrySdk sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesCustomizer(properties -> ours)
            .addResourceCustomizer(
                (resource, properties) ->
                    resource.merge(
                        Resource.create(
                            Attributes.of(AttributeKey.stringKey("service.version"), version))))
            .disableShutdownHook() // the lifecycle's stop() flushes, after the server stopped
            .build()
            .getOpenTelemetrySdk();
    LOG.info("Tracing on: spans go to {} as {}", config.getEndpoint(), config.getServiceName());
    return new Tracing(sdk);
  }

  /** Tracing through an SDK built elsewhere (tests export to memory); {@link #stop} shuts it. */
  public static Tracing of(OpenTelemetrySdk sdk) {
    return new Tracing(java.util.Objects.requireNonNull(sdk, "sdk"));
  }

  /** Whether spans are recorded and exported. */
  public boolean isOn() {
    return recording;
  }

  /**
   * Stops or resumes recording without rebuilding the SDK. Only the tracing benchmark uses it, to
   * compare tracing on and off in one process: while paused every span is {@link TracedSpan#NONE},
   * exactly as with tracing off, and the export thread idles.
   */
  public void pause(boolean paused) {
    recording = sdk != null && !paused;
  }

  /**
   * A span for work done on behalf of the current one, made current until closed; {@link
   * TracedSpan#NONE} when nothing is being traced here (tracing off, or a background thread with no
   * span of its own), so work outside a trace never starts a stray one.
   */
  public TracedSpan span(String name) {
    return span(name, SpanKind.INTERNAL);
  }

  public TracedSpan span(String name, SpanKind kind) {
    if (!recording || !Span.current().getSpanContext().isValid()) {
      return TracedSpan.NONE;
    }
    return open(tracer.spanBuilder(name).setSpanKind(kind).startSpan());
  }

  /** A span that starts a trace of its own: a job taken from the queue. */
  public TracedSpan root(String name) {
    if (!recording) {
      return TracedSpan.NONE;
    }
    return open(tracer.spanBuilder(name).setNoParent().startSpan());
  }

  /**
   * {@code task} as it should run on another thread: with this thread's trace (its spans' parent)
   * and log context (request and workspace ids on its lines).
   */
  public <T> Callable<T> propagate(Callable<T> task) {
    Context context = Context.current();
    Map<String, String> log = MDC.getCopyOfContextMap();
    return () -> {
      Map<String, String> before = MDC.getCopyOfContextMap();
      setLogContext(log);
      try (Scope ignored = context.makeCurrent()) {
        return task.call();
      } finally {
        setLogContext(before);
      }
    };
  }

  private static void setLogContext(Map<String, String> values) {
    if (values == null) {
      MDC.clear();
    } else {
      MDC.setContextMap(values);
    }
  }

  Tracer tracer() {
    return tracer;
  }

  /** Request and workspace ids from the log context, on every span that has them. */
  static void tagWithRequest(Span span) {
    String requestId = MDC.get(LogContext.REQUEST);
    if (requestId != null) {
      span.setAttribute(REQUEST_ID, requestId);
    }
    String workspaceId = MDC.get(LogContext.WORKSPACE);
    if (workspaceId != null) {
      span.setAttribute(WORKSPACE_ID, workspaceId);
    }
  }

  private static TracedSpan open(Span span) {
    tagWithRequest(span);
    return new Live(span);
  }

  /** A recording span, current on its thread from creation to {@link #close}. */
  private static final class Live implements TracedSpan {
    private final Span span;
    private final Scope scope;
    private final TraceContext.Restore logIds;

    Live(Span span) {
      this.span = span;
      this.scope = span.makeCurrent();
      SpanContext ids = span.getSpanContext();
      this.logIds = TraceContext.use(ids.getTraceId(), ids.getSpanId());
    }

    @Override
    public TracedSpan set(String key, String value) {
      if (value != null) {
        span.setAttribute(key, value);
      }
      return this;
    }

    @Override
    public TracedSpan set(String key, long value) {
      span.setAttribute(key, value);
      return this;
    }

    @Override
    public TracedSpan set(String key, boolean value) {
      span.setAttribute(key, value);
      return this;
    }

    @Override
    public void fail(Throwable error) {
      span.recordException(error);
      span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
    }

    @Override
    public void close() {
      logIds.close();
      scope.close();
      span.end();
    }
  }

  @Override
  public void start() {}

  /** Exports what is still queued (up to 10 s), then stops the export thread. */
  @Override
  public void stop() {
    recording = false;
    if (sdk == null) {
      return;
    }
    CompletableResultCode done = sdk.shutdown().join(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
    if (!done.isSuccess()) {
      LOG.warn("Tracing: not every span could be exported before shutdown");
    }
  }
}
