package dev.minirag.documents.fetch;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How remote documents are fetched.
 *
 * @param connectTimeout time to open a connection
 * @param readTimeout time from sending a request to the last byte of its response, per hop
 * @param maxBytes largest body accepted; larger ones are abandoned mid-stream
 * @param maxRedirects redirects followed before giving up
 * @param allowList CIDRs ({@code 10.1.0.0/16}), single addresses ({@code 127.0.0.1}) or exact host
 *     names ({@code wiki.internal}) admitted even though private, loopback or otherwise reserved
 * @param userAgent the User-Agent header sent
 * @param maxConcurrent fetches one fetcher runs at once; more are refused with 503 and Retry-After
 */
public record FetchConfig(
    Duration connectTimeout,
    Duration readTimeout,
    long maxBytes,
    int maxRedirects,
    List<String> allowList,
    String userAgent,
    int maxConcurrent) {

  public FetchConfig {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(userAgent, "userAgent");
    allowList = allowList == null ? List.of() : List.copyOf(allowList);
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent must be at least 1");
    }
    if (maxBytes <= 0 || maxRedirects < 0) {
      throw new IllegalArgumentException("maxBytes must be positive and maxRedirects not negative");
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive");
    }
    if (readTimeout.isNegative() || readTimeout.isZero()) {
      throw new IllegalArgumentException("readTimeout must be positive");
    }
  }

  /** The configured limits (ingest config), with the service's User-Agent. */
  public static FetchConfig of(
      Duration connectTimeout,
      Duration readTimeout,
      long maxBytes,
      int maxRedirects,
      List<String> allowList,
      int maxConcurrent) {
    return new FetchConfig(
        connectTimeout,
        readTimeout,
        maxBytes,
        maxRedirects,
        allowList,
        "Mini-RAG document fetcher",
        maxConcurrent);
  }

  public FetchConfig withAllowList(List<String> value) {
    return new FetchConfig(
        connectTimeout, readTimeout, maxBytes, maxRedirects, value, userAgent, maxConcurrent);
  }

  public FetchConfig withTimeouts(Duration connect, Duration read) {
    return new FetchConfig(
        connect, read, maxBytes, maxRedirects, allowList, userAgent, maxConcurrent);
  }

  public FetchConfig withMaxBytes(long value) {
    return new FetchConfig(
        connectTimeout, readTimeout, value, maxRedirects, allowList, userAgent, maxConcurrent);
  }

  public FetchConfig withMaxRedirects(int value) {
    return new FetchConfig(
        connectTimeout, readTimeout, maxBytes, value, allowList, userAgent, maxConcurrent);
  }

  public FetchConfig withMaxConcurrent(int value) {
    return new FetchConfig(
        connectTimeout, readTimeout, maxBytes, maxRedirects, allowList, userAgent, value);
  }
}
