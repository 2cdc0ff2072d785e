package dev.minirag.tracing;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * OpenTelemetry traces. Off (no SDK, no export thread) while {@link #endpoint} is empty. Only the
 * values that decide whether and where to export are typed here; every other {@code OTEL_*}
 * variable of the SDK's autoconfiguration (headers, timeout, sampler, resource attributes, batch
 * sizes) is read by the SDK itself once tracing is on.
 */
public class TracingConfig {

  /**
   * OTLP/HTTP base URL, e.g. {@code http://collector:4318}; spans go to its {@code /v1/traces}.
   * Empty or null: tracing is off.
   */
  @JsonProperty
  @Pattern(regexp = "|https?://\\S+", message = "must be empty (tracing off) or an http(s) URL")
  private String endpoint;

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * The exporter sends with the JDK's HTTP client, which speaks OTLP over HTTP only: a gRPC
   * collector port (4317) is refused at start instead of failing every export.
   */
  @JsonProperty
  @NotNull
  @Pattern(
      regexp = "http/protobuf",
      message =
          "must be http/protobuf (OTLP over gRPC is not supported: use the collector's port 4318)")
  private String protocol = "http/protobuf";

  public String getProtocol() {
    return protocol;
  }

  @JsonProperty @NotBlank private String serviceName = "mini-rag";

  public String getServiceName() {
    return serviceName;
  }

  public boolean enabled() {
    return endpoint != null && !endpoint.isBlank();
  }
}
