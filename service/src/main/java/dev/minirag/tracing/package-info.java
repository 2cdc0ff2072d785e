/**
 * OpenTelemetry traces, off unless {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set: {@link
 * dev.minirag.tracing.Tracing} (the SDK's lifecycle and the spans the features open), the server
 * span of each API request ({@link dev.minirag.tracing.ServerSpanFilter}, named by {@link
 * dev.minirag.tracing.RouteSpanFilter}) and one span per SQL statement ({@link
 * dev.minirag.tracing.StatementSpans}). Span names and attributes are listed in docs/operations.md,
 * "How to read a trace". Depends on {@code logging} and {@code common} only.
 */
package dev.minirag.tracing;
