package dev.minirag.audit;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * Remembers the client address and user agent of the request on this thread, so {@link AuditLog}
 * can record them without every caller passing them. Resources run on the request thread.
 */
public class AuditContext implements Filter {

  public record Client(String ip, String userAgent) {}

  private static final ThreadLocal<Client> CURRENT = new ThreadLocal<>();
  private static final int MAX_AGENT = 300;

  public static Client current() {
    Client c = CURRENT.get();
    return c == null ? new Client(null, null) : c;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) req;
    String agent = http.getHeader("User-Agent");
    if (agent != null && agent.length() > MAX_AGENT) {
      agent = agent.substring(0, MAX_AGENT);
    }
    CURRENT.set(new Client(http.getRemoteAddr(), agent));
    try {
      chain.doFilter(req, res);
    } finally {
      CURRENT.remove();
    }
  }
}
