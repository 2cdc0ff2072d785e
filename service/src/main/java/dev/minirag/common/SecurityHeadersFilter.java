package dev.minirag.common;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Baseline browser hardening on every response; API answers are never cached. */
public class SecurityHeadersFilter implements Filter {

  static final String CSP =
      "default-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

  /** Browsers that saw the service over https once keep using https for a year. */
  static final String HSTS = "max-age=31536000; includeSubDomains";

  private final boolean https;

  /**
   * @param https whether the service's public URL is https (then Strict-Transport-Security is sent)
   */
  public SecurityHeadersFilter(boolean https) {
    this.https = https;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletResponse response = (HttpServletResponse) res;
    if (https) {
      response.setHeader("Strict-Transport-Security", HSTS);
    }
    response.setHeader("Content-Security-Policy", CSP);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    if (isApi((HttpServletRequest) req)) {
      response.setHeader("Cache-Control", "no-store");
    }
    chain.doFilter(req, res);
  }

  static boolean isApi(HttpServletRequest request) {
    String path = request.getRequestURI();
    return path.startsWith("/api/") || path.equals("/api") || path.equals("/metrics");
  }
}
