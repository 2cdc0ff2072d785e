package dev.minirag.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Caps request bodies before anything parses them: JSON at one size, everything else (multipart
 * uploads) at another. A declared Content-Length over the cap is refused at once, unread; a body
 * without one (chunked) is counted as it streams and refused when it passes the cap, so no body is
 * ever read whole into memory just to find out it is too large. The answer is 413 in the one error
 * shape; a Content-Type no reader could decode (wildcard, malformed, unknown charset) is 415.
 */
public final class BodyLimitFilter implements Filter {

  /** type/subtype of RFC 6838 token characters: no wildcard, no missing half. */
  private static final Pattern MEDIA_TYPE =
      Pattern.compile("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+");

  private final long maxJsonBytes;
  private final long maxOtherBytes;
  private final ObjectMapper json;

  public BodyLimitFilter(long maxJsonBytes, long maxOtherBytes, ObjectMapper json) {
    this.maxJsonBytes = maxJsonBytes;
    this.maxOtherBytes = maxOtherBytes;
    this.json = json;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    // The raw header: Jetty's getContentType() itself throws on a charset this JVM lacks.
    String contentType = request.getHeader("Content-Type");
    String unreadable = unreadableContentType(contentType);
    if (unreadable != null) {
      refuse((HttpServletResponse) res, 415, unreadable);
      return;
    }
    boolean isJson = isJson(contentType);
    long limit = isJson ? maxJsonBytes : maxOtherBytes;
    if (request.getContentLengthLong() > limit) {
      refuse((HttpServletResponse) res, 413, tooLarge(isJson, limit));
      return;
    }
    chain.doFilter(new Capped(request, limit, tooLarge(isJson, limit)), res);
  }

  private void refuse(HttpServletResponse response, int status, String message) throws IOException {
    // The unread body stays on the wire: do not offer the connection for another request.
    response.setHeader("Connection", "close");
    response.setStatus(status);
    response.setContentType("application/json");
    json.writeValue(response.getOutputStream(), ApiError.of(status, message, null));
  }

  /**
   * Why no reader could decode a body of this type, or null: a wildcard or malformed media type, or
   * a charset this JVM does not have (parsers would otherwise fail deep inside with a 500).
   */
  static String unreadableContentType(String contentType) {
    if (contentType == null) {
      return null;
    }
    String[] parts = contentType.split(";");
    String type = parts[0].strip();
    if (!MEDIA_TYPE.matcher(type).matches()) {
      return "The Content-Type '" + type + "' is not a concrete media type.";
    }
    for (int i = 1; i < parts.length; i++) {
      String[] param = parts[i].split("=", 2);
      if (param[0].strip().equalsIgnoreCase("charset")) {
        String charset = param.length < 2 ? "" : param[1].strip().replace("\"", "");
        try {
          if (!Charset.isSupported(charset)) {
            return "The charset '" + charset + "' is not supported.";
          }
        } catch (IllegalCharsetNameException e) {
          return "The charset '" + charset + "' is not a valid charset name.";
        }
      }
    }
    return null;
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || type.endsWith("+json");
  }

  private static String tooLarge(boolean isJson, long limit) {
    return (isJson ? "The JSON body" : "The request body")
        + " is larger than the limit of "
        + limit
        + " bytes.";
  }

  /** Thrown from a read that passes the cap; the API's exception mappers answer it as 413. */
  static final class BodyTooLargeException extends ApiException {
    BodyTooLargeException(String message) {
      super(413, message);
    }
  }

  /** The cap's exception when a parser wrapped it in its own, or null. */
  static BodyTooLargeException tooLargeCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BodyTooLargeException e) {
        return e;
      }
    }
    return null;
  }

  private static final class Capped extends HttpServletRequestWrapper {
    private final long limit;
    private final String message;
    private ServletInputStream stream;

    Capped(HttpServletRequest request, long limit, String message) {
      super(request);
      this.limit = limit;
      this.message = message;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new CountingStream(super.getInputStream(), limit, message);
      }
      return stream;
    }
  }

  private static final class CountingStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long limit;
    private final String message;
    private long count;

    CountingStream(ServletInputStream in, long limit, String message) {
      this.in = in;
      this.limit = limit;
      this.message = message;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        counted(n);
      }
      return n;
    }

    private void counted(int n) {
      count += n;
      if (count > limit) {
        throw new BodyTooLargeException(message);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
