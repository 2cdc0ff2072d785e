package dev.minirag.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A real HTTP server on 127.0.0.1 whose pages a test can change; honours If-None-Match. */
public class LocalSite implements BeforeAllCallback, AfterAllCallback {

  public record Page(String contentType, byte[] body, String etag) {}

  private final Map<String, Page> pages = new ConcurrentHashMap<>();
  private final Map<String, Integer> failing = new ConcurrentHashMap<>();
  private final HttpServer server;

  /** Binds at construction, so URLs are known while a test class builds its app configuration. */
  public LocalSite() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void put(String path, String contentType, String body) {
    put(path, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  public void put(String path, String contentType, byte[] body) {
    failing.remove(path);
    pages.put(
        path,
        new Page(
            contentType, body, "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\""));
  }

  /** The path answers this error status (e.g. 503) until {@link #put} gives it a page again. */
  public void fail(String path, int status) {
    failing.put(path, status);
  }

  /** The page answers 404 from now on. */
  public void remove(String path) {
    pages.remove(path);
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            Integer status = failing.get(exchange.getRequestURI().getPath());
            if (status != null) {
              exchange.sendResponseHeaders(status, -1);
              return;
            }
            Page page = pages.get(exchange.getRequestURI().getPath());
            if (page == null) {
              exchange.sendResponseHeaders(404, -1);
              return;
            }
            exchange.getResponseHeaders().set("ETag", page.etag());
            if (page.etag().equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
              exchange.sendResponseHeaders(304, -1);
              return;
            }
            exchange.getResponseHeaders().set("Content-Type", page.contentType());
            exchange.sendResponseHeaders(200, page.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(page.body());
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    server.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.stop(0);
  }
}
