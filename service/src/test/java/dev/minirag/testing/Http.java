package dev.minirag.testing;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Calls the app under test; every response is buffered so its pooled connection is released. */
public final class Http {
  private final DropwizardAppExtension<?> app;
  private Map<String, String> defaults = Map.of();

  public Http(DropwizardAppExtension<?> app) {
    this.app = app;
  }

  /** Headers sent with every request from now on (e.g. credentials); per-call headers win. */
  public Http as(Map<String, String> headers) {
    this.defaults = Map.copyOf(headers);
    return this;
  }

  public Map<String, String> defaults() {
    return defaults;
  }

  public String url(String path) {
    return "http://localhost:" + app.getLocalPort() + path;
  }

  public Response get(String path) {
    return send("GET", path, null, Map.of());
  }

  public Response send(String method, String path, Entity<?> body, Map<String, String> headers) {
    Invocation.Builder req = app.client().target(url(path)).request();
    defaults.forEach(
        (k, v) -> {
          if (!headers.containsKey(k)) {
            req.header(k, v);
          }
        });
    headers.forEach(req::header);
    Response r = body == null ? req.method(method) : req.method(method, body);
    r.bufferEntity();
    return r;
  }
}
