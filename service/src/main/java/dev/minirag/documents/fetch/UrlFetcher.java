package dev.minirag.documents.fetch;

import dev.minirag.common.ConcurrencyLimit;
import dev.minirag.logging.TraceContext;
import dev.minirag.tracing.TracedSpan;
import dev.minirag.tracing.Tracing;
import io.opentelemetry.api.trace.SpanKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Fetches a user-supplied URL without becoming a proxy into our network. Redirects are followed by
 * hand so every hop passes the {@link SsrfGuard}; bodies are streamed under a size cap; each hop
 * has a deadline covering headers and body; only document content types are accepted. No proxy is
 * used and no compression is requested, so what we count is what we get.
 *
 * <p>DNS rebinding: each hop connects only to the addresses the guard resolved and checked (the
 * connection's resolver is pinned to them), so a host cannot answer the check with a public address
 * and the connect with an internal one. The URL's host name still goes out as the Host header, the
 * TLS SNI name and the name the certificate is verified against.
 */
public final class UrlFetcher {

  /** Media types we can index; anything else is refused with 415 before its body is read. */
  public static final List<String> ACCEPTED_TYPES =
      List.of(
          "text/html",
          "application/xhtml+xml",
          "text/plain",
          "text/markdown",
          "text/x-markdown",
          "application/pdf",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "application/vnd.openxmlformats-officedocument.presentationml.presentation",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "application/epub+zip",
          "text/vtt",
          "application/x-subrip",
          "text/srt");

  private static final Set<String> ACCEPTED = Set.copyOf(ACCEPTED_TYPES);
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  /** How long a fetch may wait for a free slot before it is refused as busy. */
  private static final Duration SLOT_WAIT = Duration.ofSeconds(1);

  /**
   * Aborts exchanges that pass their deadline (the client's timeouts bound each read, not the
   * whole).
   */
  private static final ScheduledExecutorService DEADLINES =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "url-fetch-deadline");
            t.setDaemon(true);
            return t;
          });

  private final FetchConfig config;
  private final SsrfGuard guard;
  private final ConcurrencyLimit slots;
  private final Tracing tracing;

  public UrlFetcher(FetchConfig config) {
    this(config, Tracing.OFF);
  }

  /** Each hop is a {@code fetch} span, and the fetched site is sent its id as traceparent. */
  public UrlFetcher(FetchConfig config, Tracing tracing) {
    this(config, SsrfGuard.SYSTEM_DNS, tracing);
  }

  /** With the resolver the guard (and so every connection) uses: tests answer host names here. */
  UrlFetcher(FetchConfig config, SsrfGuard.Resolver resolver) {
    this(config, resolver, Tracing.OFF);
  }

  private UrlFetcher(FetchConfig config, SsrfGuard.Resolver resolver, Tracing tracing) {
    this.config = config;
    this.tracing = tracing;
    this.guard = new SsrfGuard(config.allowList(), resolver);
    // Each fetch holds a request thread and a connection for up to the timeouts: bound how many
    // run at once, so slow sites cannot tie up the whole server.
    this.slots =
        new ConcurrencyLimit(
            config.maxConcurrent(),
            SLOT_WAIT,
            Duration.ofSeconds(5),
            "Too many URL fetches are in progress; try again in a few seconds.");
  }

  /**
   * Fetches {@code uri}, following redirects.
   *
   * @param ifNoneMatch an ETag from an earlier fetch, or null
   * @param ifModifiedSince a Last-Modified value from an earlier fetch, or null
   * @throws FetchException see that class for the statuses
   * @throws dev.minirag.common.ApiException 503 with {@code Retry-After} when {@link
   *     FetchConfig#maxConcurrent()} fetches are already running
   */
  public FetchedResource fetch(URI uri, String ifNoneMatch, String ifModifiedSince) {
    try (ConcurrencyLimit.Permit slot = slots.acquire()) {
      return fetchHops(uri, ifNoneMatch, ifModifiedSince);
    }
  }

  private FetchedResource fetchHops(URI uri, String ifNoneMatch, String ifModifiedSince) {
    URI current = uri;
    for (int redirects = 0; ; redirects++) {
      List<InetAddress> checked = guard.check(current);
      Reply reply = tracedSend(current, checked, ifNoneMatch, ifModifiedSince);
      int status = reply.status();
      if (REDIRECTS.contains(status)) {
        if (redirects >= config.maxRedirects()) {
          throw new FetchException(
              502,
              "The URL redirected more than " + config.maxRedirects() + " times.",
              status,
              null);
        }
        current = redirectTarget(current, reply.location(), status);
        continue;
      }
      if (status == 304) {
        return new FetchedResource(
            new byte[0], null, current, reply.etag(), reply.lastModified(), true);
      }
      if (status < 200 || status > 299) {
        throw new FetchException(
            502, host(current) + " answered HTTP " + status + " for the URL.", status, null);
      }
      return new FetchedResource(
          reply.body(), reply.contentType(), current, reply.etag(), reply.lastModified(), false);
    }
  }

  /** One hop's answer; the body only for a 2xx. */
  private record Reply(
      int status,
      String location,
      String etag,
      String lastModified,
      String contentType,
      byte[] body) {}

  /** One hop as a span: the host (never the path or query, which may carry tokens) and status. */
  private Reply tracedSend(
      URI uri, List<InetAddress> checked, String ifNoneMatch, String ifModifiedSince) {
    try (TracedSpan span =
        tracing
            .span("fetch", SpanKind.CLIENT)
            .set("http.request.method", "GET")
            .set("server.address", uri.getHost())) {
      try {
        Reply reply = send(uri, checked, ifNoneMatch, ifModifiedSince);
        span.set("http.response.status_code", reply.status());
        return reply;
      } catch (RuntimeException e) {
        span.fail(e);
        throw e;
      }
    }
  }

  private Reply send(
      URI uri, List<InetAddress> checked, String ifNoneMatch, String ifModifiedSince) {
    HttpGet get = new HttpGet(uri);
    get.setHeader("User-Agent", config.userAgent());
    get.setHeader("Accept", String.join(", ", ACCEPTED_TYPES) + ", */*;q=0.1");
    if (ifNoneMatch != null) {
      get.setHeader("If-None-Match", ifNoneMatch);
    }
    if (ifModifiedSince != null) {
      get.setHeader("If-Modified-Since", ifModifiedSince);
    }
    TraceContext.addTo(get::setHeader);
    AtomicBoolean pastDeadline = new AtomicBoolean();
    long deadline = config.connectTimeout().plus(config.readTimeout()).toMillis();
    ScheduledFuture<?> abort =
        DEADLINES.schedule(
            () -> {
              pastDeadline.set(true);
              get.cancel();
            },
            deadline,
            TimeUnit.MILLISECONDS);
    CloseableHttpClient client = pinnedClient(checked);
    try {
      ClassicHttpResponse response = client.executeOpen(null, get, null);
      try {
        return read(uri, response);
      } finally {
        get.cancel(); // whatever was not read is dropped with the connection, never drained
        closeQuietly(response);
      }
    } catch (FetchException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw pastDeadline.get() ? timedOut(uri, e) : translate(uri, e);
    } finally {
      abort.cancel(false);
      client.close(CloseMode.IMMEDIATE);
    }
  }

  private static void closeQuietly(ClassicHttpResponse response) {
    try {
      response.close();
    } catch (IOException | RuntimeException alreadyAborted) {
      // the exchange was cancelled on purpose; its connection is gone either way
    }
  }

  /** A client for one hop whose every connection goes to the checked addresses. */
  private CloseableHttpClient pinnedClient(List<InetAddress> checked) {
    InetAddress[] addresses = checked.toArray(InetAddress[]::new);
    DnsResolver pinned =
        new DnsResolver() {
          @Override
          public InetAddress[] resolve(String host) {
            return addresses.clone();
          }

          @Override
          public String resolveCanonicalHostname(String host) {
            return host;
          }
        };
    ConnectionConfig connection =
        ConnectionConfig.custom()
            .setConnectTimeout(Timeout.of(config.connectTimeout()))
            .setSocketTimeout(Timeout.of(config.readTimeout()))
            .build();
    return HttpClients.custom()
        .setConnectionManager(
            PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(pinned)
                .setDefaultConnectionConfig(connection)
                .build())
        .setDefaultRequestConfig(
            RequestConfig.custom().setResponseTimeout(Timeout.of(config.readTimeout())).build())
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableContentCompression()
        .disableCookieManagement()
        .disableAuthCaching()
        .build();
  }

  /** Decides from the status line and headers whether the body is worth reading at all. */
  private Reply read(URI uri, ClassicHttpResponse response) throws IOException {
    int status = response.getCode();
    String location = value(response, "Location");
    String etag = value(response, "ETag");
    String lastModified = value(response, "Last-Modified");
    String contentType = value(response, "Content-Type");
    if (status < 200 || status > 299) {
      return new Reply(status, location, etag, lastModified, contentType, null);
    }
    String type =
        contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!ACCEPTED.contains(type)) {
      throw new FetchException(
          415,
          "The URL's content type ("
              + (type.isEmpty() ? "none" : type)
              + ") is not a document type we can index.");
    }
    if (declaredLength(response) > config.maxBytes()) {
      throw tooLarge(config.maxBytes(), host(uri));
    }
    HttpEntity entity = response.getEntity();
    byte[] body =
        entity == null
            ? new byte[0]
            : readCapped(entity.getContent(), config.maxBytes(), host(uri));
    return new Reply(status, location, etag, lastModified, contentType, body);
  }

  /** Reads the body, giving up as soon as it passes {@code maxBytes}. */
  private static byte[] readCapped(InputStream in, long maxBytes, String host) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16_384];
    long received = 0;
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      received += n;
      if (received > maxBytes) {
        throw tooLarge(maxBytes, host);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  static FetchException tooLarge(long maxBytes, String host) {
    return new FetchException(
        413, "The document at " + host + " is larger than the limit of " + maxBytes + " bytes.");
  }

  private static String value(ClassicHttpResponse response, String name) {
    Header header = response.getFirstHeader(name);
    return header == null ? null : header.getValue();
  }

  private static URI redirectTarget(URI from, String location, int status) {
    if (location == null) {
      throw new FetchException(
          502, host(from) + " sent a redirect without a location.", status, null);
    }
    try {
      return from.resolve(location.strip());
    } catch (IllegalArgumentException e) {
      throw new FetchException(502, host(from) + " sent an invalid redirect.", status, e);
    }
  }

  private static long declaredLength(ClassicHttpResponse response) {
    try {
      String value = value(response, "Content-Length");
      return value == null ? -1 : Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private FetchException timedOut(URI uri, Throwable cause) {
    return new FetchException(
        504,
        host(uri)
            + " did not answer within "
            + config.connectTimeout().plus(config.readTimeout()).toSeconds()
            + " s.",
        null,
        cause);
  }

  private FetchException translate(URI uri, Throwable failure) {
    String host = host(uri);
    if (failure instanceof ConnectTimeoutException) {
      return new FetchException(504, "Connecting to " + host + " timed out.", null, failure);
    }
    if (failure instanceof SocketTimeoutException) {
      return timedOut(uri, failure);
    }
    if (failure instanceof ConnectException) {
      return new FetchException(502, "Could not connect to " + host + ".", null, failure);
    }
    if (failure instanceof SSLException) {
      return new FetchException(
          502, "The secure connection to " + host + " failed.", null, failure);
    }
    if (failure instanceof IOException) {
      return new FetchException(502, "The connection to " + host + " failed.", null, failure);
    }
    return new FetchException(502, "Fetching from " + host + " failed.", null, failure);
  }

  private static String host(URI uri) {
    return uri.getHost() == null ? "the server" : uri.getHost();
  }
}
