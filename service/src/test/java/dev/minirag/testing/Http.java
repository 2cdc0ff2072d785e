package dev.minirag.testing;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Calls the app under test; every response is buffered so its pooled connection is released. */
public final class Http {
  private final DropwizardAppExtension<?> app;

  public Http(DropwizardAppExtension<?> app) {
    this.app = app;
  }

  public String url(String path) {
    return "http://localhost:" + app.getLocalPort() + path;
  }

  public Response get(String path) {
    return send("GET", path, null, Map.of());
  }

  public Response send(String method, String path, Entity<?> body, Map<String, String> headers) {
    Invocation.Builder req = app.client().target(url(path)).request();
    headers.forEach(req::header);
    Response r = body == null ? req.method(method) : req.method(method, body);
    r.bufferEntity();
    return r;
  }
}
