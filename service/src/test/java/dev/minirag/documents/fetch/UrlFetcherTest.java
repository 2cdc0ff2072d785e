package dev.minirag.documents.fetch;

import static dev.minirag.documents.fetch.LocalServer.redirect;
import static dev.minirag.documents.fetch.LocalServer.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.minirag.documents.IngestConfig;
import dev.minirag.logging.LogContext;
import dev.minirag.logging.TraceContext;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class UrlFetcherTest {

  private static final FetchConfig LOCAL =
      new IngestConfig()
          .fetch()
          .withAllowList(List.of("127.0.0.1/32"))
          .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));

  private final LocalServer server = new LocalServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private static FetchException failure(UrlFetcher fetcher, URI uri) {
    return catchThrowableOfType(FetchException.class, () -> fetcher.fetch(uri, null, null));
  }

  @Test
  void fetchesFromAnAllowListedAddress() {
    server.on(
        "/page.html",
        ex -> {
          ex.getResponseHeaders().set("ETag", "\"v1\"");
          ex.getResponseHeaders().set("Last-Modified", "Wed, 01 May 2024 10:00:00 GMT");
          send(ex, 200, "text/html; charset=utf-8", "<h1>Hi</h1>");
        });

    FetchedResource r = new UrlFetcher(LOCAL).fetch(server.uri("/page.html"), null, null);

    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("<h1>Hi</h1>");
    assertThat(r.contentType()).isEqualTo("text/html; charset=utf-8");
    assertThat(r.finalUri()).isEqualTo(server.uri("/page.html"));
    assertThat(r.etag()).isEqualTo("\"v1\"");
    assertThat(r.lastModified()).isEqualTo("Wed, 01 May 2024 10:00:00 GMT");
    assertThat(r.notModified()).isFalse();
  }

  @Test
  void connectsToTheAddressTheGuardCheckedAndKeepsTheHostName() throws Exception {
    // A rebinding host: the check sees 127.0.0.1 (allow-listed here, as a public address would be);
    // any later lookup answers 127.0.0.2, where an "internal" server listens on the same port.
    List<String> hosts = new CopyOnWriteArrayList<>();
    server.on(
        "/page.txt",
        ex -> {
          hosts.add(ex.getRequestHeaders().getFirst("Host"));
          send(ex, 200, "text/plain", "public page");
        });
    AtomicInteger internalHits = new AtomicInteger();
    HttpServer internal =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getByName("127.0.0.2"), server.port()), 0);
    internal.createContext(
        "/",
        ex -> {
          internalHits.incrementAndGet();
          send(ex, 200, "text/plain", "internal secrets");
        });
    internal.start();
    AtomicInteger lookups = new AtomicInteger();
    SsrfGuard.Resolver rebinding =
        host -> {
          if (!host.equals("rebind.example")) {
            throw new UnknownHostException(host);
          }
          String address = lookups.getAndIncrement() == 0 ? "127.0.0.1" : "127.0.0.2";
          return new InetAddress[] {InetAddress.getByName(address)};
        };
    try {
      URI uri = URI.create("http://rebind.example:" + server.port() + "/page.txt");
      FetchedResource r = new UrlFetcher(LOCAL, rebinding).fetch(uri, null, null);

      assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("public page");
      assertThat(hosts).containsExactly("rebind.example:" + server.port());
      assertThat(internalHits).hasValue(0);
      assertThat(lookups).hasValue(1);
    } finally {
      internal.stop(0);
    }
  }

  @Test
  void aFetchOnARequestsBehalfCarriesItsRequestIdAndTraceparent() {
    List<String> seen = new CopyOnWriteArrayList<>();
    server.on(
        "/traced.txt",
        ex -> {
          seen.add(ex.getRequestHeaders().getFirst("X-Request-Id"));
          seen.add(ex.getRequestHeaders().getFirst("traceparent"));
          send(ex, 200, "text/plain", "traced");
        });
    MDC.put(LogContext.REQUEST, "req-fetch-1");
    TraceContext.begin("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    try {
      new UrlFetcher(LOCAL).fetch(server.uri("/traced.txt"), null, null);
    } finally {
      LogContext.clear();
    }

    assertThat(seen.get(0)).isEqualTo("req-fetch-1");
    assertThat(seen.get(1)).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-").endsWith("-01");
  }

  @Test
  void refusesLoopbackWithoutTheAllowListAndSendsNothing() {
    server.on("/page.html", ex -> send(ex, 200, "text/html", "secret"));
    UrlFetcher fetcher = new UrlFetcher(new IngestConfig().fetch());

    FetchException e = failure(fetcher, server.uri("/page.html"));

    assertThat(e.status()).isEqualTo(400);
    assertThat(server.requests()).isZero();
  }

  @Test
  void checksEveryRedirectHop() {
    server.on("/to-metadata", ex -> redirect(ex, 302, "http://169.254.169.254/latest/meta-data/"));
    server.on("/to-ipv6-loopback", ex -> redirect(ex, 301, "http://[::1]:" + server.port() + "/x"));

    UrlFetcher fetcher = new UrlFetcher(LOCAL);

    assertThat(failure(fetcher, server.uri("/to-metadata")).status()).isEqualTo(400);
    assertThat(failure(fetcher, server.uri("/to-ipv6-loopback")).status()).isEqualTo(400);
  }

  @Test
  void followsRelativeRedirectsUpToTheCap() {
    server.on("/a", ex -> redirect(ex, 301, "/b"));
    server.on("/b", ex -> redirect(ex, 307, server.uri("/doc.txt").toString()));
    server.on("/doc.txt", ex -> send(ex, 200, "text/plain", "final"));
    server.on("/loop", ex -> redirect(ex, 302, "/loop"));

    FetchedResource r =
        new UrlFetcher(LOCAL.withMaxRedirects(2)).fetch(server.uri("/a"), null, null);
    assertThat(r.finalUri()).isEqualTo(server.uri("/doc.txt"));
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("final");

    FetchException tooShort = failure(new UrlFetcher(LOCAL.withMaxRedirects(1)), server.uri("/a"));
    assertThat(tooShort.status()).isEqualTo(502);

    int before = server.requests();
    FetchException loop = failure(new UrlFetcher(LOCAL.withMaxRedirects(3)), server.uri("/loop"));
    assertThat(loop.status()).isEqualTo(502);
    assertThat(loop.getMessage()).contains("more than 3 times");
    assertThat(server.requests() - before).isEqualTo(4);
  }

  @Test
  void refusesBodiesOverTheCapWhetherDeclaredOrStreamed() {
    byte[] big = new byte[300_000];
    server.on(
        "/declared",
        ex -> {
          ex.getResponseHeaders().set("Content-Type", "text/plain");
          ex.sendResponseHeaders(200, big.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(big);
          }
        });
    server.on(
        "/chunked",
        ex -> {
          ex.getResponseHeaders().set("Content-Type", "text/plain");
          ex.sendResponseHeaders(200, 0); // chunked: no length announced
          try (OutputStream out = ex.getResponseBody()) {
            for (int i = 0; i < 30; i++) {
              out.write(new byte[10_000]);
            }
          } catch (java.io.IOException clientHungUp) {
            // expected: the fetcher stops reading at the cap
          }
        });
    UrlFetcher fetcher = new UrlFetcher(LOCAL.withMaxBytes(100_000));

    FetchException declared = failure(fetcher, server.uri("/declared"));
    FetchException streamed = failure(fetcher, server.uri("/chunked"));

    assertThat(declared.status()).isEqualTo(413);
    assertThat(streamed.status()).isEqualTo(413);
    assertThat(streamed.getMessage()).contains("100000 bytes");
  }

  @Test
  void slowServersTimeOut() {
    server.on(
        "/slow-headers",
        ex -> {
          sleep(5_000);
          send(ex, 200, "text/plain", "late");
        });
    server.on(
        "/slow-body",
        ex -> {
          ex.getResponseHeaders().set("Content-Type", "text/plain");
          ex.sendResponseHeaders(200, 0);
          try (OutputStream out = ex.getResponseBody()) {
            for (int i = 0; i < 50; i++) {
              out.write('x');
              out.flush();
              sleep(100);
            }
          } catch (java.io.IOException clientHungUp) {
            // expected after the timeout
          }
        });
    FetchConfig hurried = LOCAL.withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500));
    UrlFetcher fetcher = new UrlFetcher(hurried);

    long started = System.nanoTime();
    FetchException headers = failure(fetcher, server.uri("/slow-headers"));
    FetchException body = failure(fetcher, server.uri("/slow-body"));
    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(headers.status()).isEqualTo(504);
    assertThat(body.status()).isEqualTo(504);
    assertThat(elapsedMillis).isLessThan(4_000);
  }

  @Test
  void conditionalRequestsGetNotModified() {
    server.on(
        "/doc.md",
        ex -> {
          ex.getResponseHeaders().set("ETag", "\"v2\"");
          if ("\"v2\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
            ex.sendResponseHeaders(304, -1);
          } else {
            send(ex, 200, "text/markdown", "# Doc");
          }
        });
    UrlFetcher fetcher = new UrlFetcher(LOCAL);

    FetchedResource first = fetcher.fetch(server.uri("/doc.md"), null, null);
    FetchedResource again = fetcher.fetch(server.uri("/doc.md"), first.etag(), null);

    assertThat(first.notModified()).isFalse();
    assertThat(again.notModified()).isTrue();
    assertThat(again.body()).isEmpty();
    assertThat(again.etag()).isEqualTo("\"v2\"");
  }

  @Test
  void refusesContentTypesWeCannotIndex() {
    server.on("/logo.png", ex -> send(ex, 200, "image/png", "not really a png"));
    server.on("/untyped", ex -> send(ex, 200, null, "who knows"));
    UrlFetcher fetcher = new UrlFetcher(LOCAL);

    FetchException png = failure(fetcher, server.uri("/logo.png"));

    assertThat(png.status()).isEqualTo(415);
    assertThat(png.getMessage()).contains("image/png");
    assertThat(failure(fetcher, server.uri("/untyped")).status()).isEqualTo(415);
  }

  @Test
  void upstreamErrorsAreBadGatewayWithTheirStatus() {
    server.on("/gone", ex -> send(ex, 404, "text/html", "nope"));

    FetchException e = failure(new UrlFetcher(LOCAL), server.uri("/gone"));

    assertThat(e.status()).isEqualTo(502);
    assertThat(e.upstreamStatus()).hasValue(404);
    assertThat(e.isUnreachable()).isFalse();
  }

  @Test
  void closedPortIsUnreachable() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    FetchException e =
        failure(new UrlFetcher(LOCAL), URI.create("http://127.0.0.1:" + port + "/x"));

    assertThat(e.status()).isEqualTo(502);
    assertThat(e.isUnreachable()).isTrue();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
