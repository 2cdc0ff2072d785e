package dev.minirag.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A raw HTTP client for auth tests: no redirects followed, no cookie jar, headers exactly as given.
 */
public final class Api {

  public record Resp(int status, Map<String, List<String>> headers, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst()
          .orElse(null);
    }

    public List<String> all(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .toList();
    }

    /** The value of a cookie this response sets, or null. */
    public String setCookie(String name) {
      for (String c : all("Set-Cookie")) {
        if (c.startsWith(name + "=")) {
          return c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'));
        }
      }
      return null;
    }

    public String setCookieLine(String name) {
      return all("Set-Cookie").stream()
          .filter(c -> c.startsWith(name + "="))
          .findFirst()
          .orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private final String base;

  public Api(String base) {
    this.base = base;
  }

  public Api(int port) {
    this("http://127.0.0.1:" + port);
  }

  public Resp get(String path, Map<String, String> headers) {
    return send("GET", path, headers, null);
  }

  /** A multipart/form-data body with one file part. */
  public record FilePart(String field, String fileName, String content) {
    static final String BOUNDARY = "minirag-test-boundary";

    String encode() {
      return "--"
          + BOUNDARY
          + "\r\nContent-Disposition: form-data; name=\""
          + field
          + "\"; filename=\""
          + fileName
          + "\"\r\nContent-Type: text/plain\r\n\r\n"
          + content
          + "\r\n--"
          + BOUNDARY
          + "--\r\n";
    }
  }

  /** A body sent as it is, with its own Content-Type (e.g. an archive upload). */
  public record RawBody(String contentType, byte[] bytes) {}

  public Resp send(String method, String path, Map<String, String> headers, Object body) {
    try {
      String url = path.startsWith("http") ? path : base + path;
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
      Map<String, String> h = new LinkedHashMap<>(headers);
      HttpRequest.BodyPublisher pub = HttpRequest.BodyPublishers.noBody();
      if (body instanceof RawBody raw) {
        pub = HttpRequest.BodyPublishers.ofByteArray(raw.bytes());
        h.putIfAbsent("Content-Type", raw.contentType());
      } else if (body instanceof FilePart part) {
        pub = HttpRequest.BodyPublishers.ofString(part.encode());
        h.putIfAbsent("Content-Type", "multipart/form-data; boundary=" + FilePart.BOUNDARY);
      } else if (body != null) {
        pub =
            HttpRequest.BodyPublishers.ofString(
                body instanceof String s ? s : JSON.writeValueAsString(body));
        h.putIfAbsent("Content-Type", "application/json");
      }
      h.forEach(b::header);
      HttpRequest request = b.method(method, pub).build();
      HttpResponse<String> r;
      try {
        r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException stale) {
        // The server may close a kept-alive connection after answering early (e.g. 401 before
        // reading
        // a body); the client then fails on reuse. One retry on a fresh connection.
        r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      }
      return new Resp(r.statusCode(), r.headers().map(), r.body());
    } catch (Exception e) {
      throw new AssertionError(method + " " + path + " failed: " + e, e);
    }
  }

  /**
   * Headers for a cookie session, with the CSRF header that goes with it. The token goes under both
   * names (Secure mode's {@code __Host-} one and the plain one), so a test works whatever the app's
   * MINIRAG_COOKIE_SECURE; the service reads only its own name (SecureSessionCookieIT checks that).
   */
  public static Map<String, String> session(String token, String csrf) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(
        "Cookie",
        SessionCookies.sessionName(true)
            + "="
            + token
            + "; "
            + SessionCookies.sessionName(false)
            + "="
            + token
            + "; "
            + SessionCookies.CSRF
            + "="
            + csrf);
    h.put(SessionCookies.CSRF_HEADER, csrf);
    return h;
  }

  /** The session a sign-in's callback response set, as {@link #session} headers. */
  public static Map<String, String> sessionOf(Resp callback) {
    return session(callback.setCookie("__Host-minirag_session"), callback.setCookie("csrf_token"));
  }

  public static Map<String, String> key(String apiKey) {
    return Map.of("X-API-Key", apiKey);
  }

  public static Map<String, String> with(Map<String, String> headers, String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return h;
  }
}
