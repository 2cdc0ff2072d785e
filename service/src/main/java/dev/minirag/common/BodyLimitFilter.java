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
import java.util.Locale;

/**
 * Caps request bodies before anything parses them: JSON at one size, everything else (multipart
 * uploads) at another. A declared Content-Length over the cap is refused at once, unread; a body
 * without one (chunked) is counted as it streams and refused when it passes the cap, so no body is
 * ever read whole into memory just to find out it is too large. The answer is 413 in the one error
 * shape.
 */
public final class BodyLimitFilter implements Filter {

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
    boolean isJson = isJson(request.getContentType());
    long limit = isJson ? maxJsonBytes : maxOtherBytes;
    if (request.getContentLengthLong() > limit) {
      HttpServletResponse response = (HttpServletResponse) res;
      // The unread body stays on the wire: do not offer the connection for another request.
      response.setHeader("Connection", "close");
      response.setStatus(413);
      response.setContentType("application/json");
      json.writeValue(response.getOutputStream(), ApiError.of(413, tooLarge(isJson, limit), null));
      return;
    }
    chain.doFilter(new Capped(request, limit, tooLarge(isJson, limit)), res);
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
