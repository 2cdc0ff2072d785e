package dev.minirag.documents.fetch;

import dev.minirag.common.ConcurrencyLimit;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Fetches a user-supplied URL without becoming a proxy into our network. Redirects are followed by
 * hand so every hop passes the {@link SsrfGuard}; bodies are streamed under a size cap; each hop
 * has a deadline covering headers and body; only document content types are accepted. No proxy is
 * used and no compression is requested, so what we count is what we get.
 *
 * <p>DNS rebinding: java.net.http cannot be told which address to connect to, so the connection is
 * not pinned to the address the guard checked. The client resolves the host again through the same
 * JVM resolver cache (InetAddress caches successful lookups for 30 s by default), so the answer it
 * uses is normally the one we checked; a host with a short TTL that changes its answer between the
 * check and the connect when the cache entry expires is the residual risk. Running fetches from a
 * network without access to internal services (an egress proxy or firewall) closes it.
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

  private final FetchConfig config;
  private final SsrfGuard guard;
  private final HttpClient client;
  private final ConcurrencyLimit slots;

  public UrlFetcher(FetchConfig config) {
    this.config = config;
    this.guard = new SsrfGuard(config.allowList());
    // Each fetch holds a request thread and a connection for up to the timeouts: bound how many
    // run at once, so slow sites cannot tie up the whole server.
    this.slots =
        new ConcurrencyLimit(
            config.maxConcurrent(),
            SLOT_WAIT,
            Duration.ofSeconds(5),
            "Too many URL fetches are in progress; try again in a few seconds.");
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(HttpClient.Builder.NO_PROXY)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
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
      guard.check(current);
      HttpResponse<byte[]> response = send(current, ifNoneMatch, ifModifiedSince);
      int status = response.statusCode();
      HttpHeaders headers = response.headers();
      if (REDIRECTS.contains(status)) {
        if (redirects >= config.maxRedirects()) {
          throw new FetchException(
              502,
              "The URL redirected more than " + config.maxRedirects() + " times.",
              status,
              null);
        }
        current = redirectTarget(current, headers, status);
        continue;
      }
      String etag = headers.firstValue("ETag").orElse(null);
      String lastModified = headers.firstValue("Last-Modified").orElse(null);
      if (status == 304) {
        return new FetchedResource(new byte[0], null, current, etag, lastModified, true);
      }
      if (status < 200 || status > 299) {
        throw new FetchException(
            502, host(current) + " answered HTTP " + status + " for the URL.", status, null);
      }
      String type = headers.firstValue("Content-Type").orElse(null);
      return new FetchedResource(response.body(), type, current, etag, lastModified, false);
    }
  }

  private HttpResponse<byte[]> send(URI uri, String ifNoneMatch, String ifModifiedSince) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .GET()
            .timeout(config.readTimeout())
            .header("User-Agent", config.userAgent())
            .header("Accept", String.join(", ", ACCEPTED_TYPES) + ", */*;q=0.1");
    if (ifNoneMatch != null) {
      request.header("If-None-Match", ifNoneMatch);
    }
    if (ifModifiedSince != null) {
      request.header("If-Modified-Since", ifModifiedSince);
    }
    CompletableFuture<HttpResponse<byte[]>> exchange =
        client.sendAsync(request.build(), bodyHandler(host(uri)));
    long deadline = config.connectTimeout().plus(config.readTimeout()).toMillis();
    try {
      return exchange.get(deadline, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw timedOut(uri, e);
    } catch (ExecutionException e) {
      throw translate(uri, e.getCause());
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new FetchException(503, "The fetch was interrupted.");
    }
  }

  /** Decides from the status line and headers whether the body is worth reading at all. */
  private BodyHandler<byte[]> bodyHandler(String host) {
    return info -> {
      if (info.statusCode() < 200 || info.statusCode() > 299) {
        return Bodies.none();
      }
      String type = mediaType(info.headers());
      if (!ACCEPTED.contains(type)) {
        return Bodies.failing(
            new FetchException(
                415,
                "The URL's content type ("
                    + (type.isEmpty() ? "none" : type)
                    + ") is not a document type we can index."));
      }
      if (declaredLength(info.headers()) > config.maxBytes()) {
        return Bodies.failing(Bodies.tooLarge(config.maxBytes(), host));
      }
      return Bodies.capped(config.maxBytes(), host);
    };
  }

  private static URI redirectTarget(URI from, HttpHeaders headers, int status) {
    String location =
        headers
            .firstValue("Location")
            .orElseThrow(
                () ->
                    new FetchException(
                        502, host(from) + " sent a redirect without a location.", status, null));
    try {
      return from.resolve(location.strip());
    } catch (IllegalArgumentException e) {
      throw new FetchException(502, host(from) + " sent an invalid redirect.", status, e);
    }
  }

  private static String mediaType(HttpHeaders headers) {
    String value = headers.firstValue("Content-Type").orElse("");
    return value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
  }

  private static long declaredLength(HttpHeaders headers) {
    try {
      return headers.firstValueAsLong("Content-Length").orElse(-1);
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
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof FetchException e) {
        return e;
      }
    }
    String host = host(uri);
    if (failure instanceof HttpConnectTimeoutException) {
      return new FetchException(504, "Connecting to " + host + " timed out.", null, failure);
    }
    if (failure instanceof HttpTimeoutException) {
      return timedOut(uri, failure);
    }
    if (failure instanceof ConnectException || failure.getCause() instanceof ConnectException) {
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
