package dev.minirag.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.common.ApiError;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves the single-page console outside /api: existing files pass to the asset servlet, client
 * routes (no file extension) get index.html so deep links survive a reload, and anything else gets
 * the service's JSON error shape instead of a container error page.
 */
public class ConsoleFilter implements Filter {

  private final ObjectMapper json;
  private final ClassLoader loader = ConsoleFilter.class.getClassLoader();

  public ConsoleFilter(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    String path = request.getRequestURI();
    if (isServerPath(path)) {
      chain.doFilter(req, res);
      return;
    }
    String method = request.getMethod();
    if (path.equals("/ask") && !method.equals("GET") && !method.equals("HEAD")) {
      // The predecessor's clients POST questions to /ask; it lives on under /api. A browser's GET
      // of /ask is the console's Ask screen.
      request.getRequestDispatcher("/api/ask").forward(req, res);
      return;
    }
    if (path.equals("/health") && (method.equals("GET") || method.equals("HEAD"))) {
      // Probes written for the predecessor ask /health; they get the health JSON, not the console.
      request.getRequestDispatcher("/api/v1/health").forward(req, res);
      return;
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      response.setHeader("Allow", "GET, HEAD");
      writeError(response, 405, "Method not allowed");
      return;
    }
    if (path.equals("/") || exists(path)) {
      chain.doFilter(req, res);
      return;
    }
    if (lastSegment(path).contains(".") || path.contains("..")) {
      writeError(response, 404, "Not found");
      return;
    }
    request.getRequestDispatcher("/index.html").forward(req, res);
  }

  private static boolean isServerPath(String path) {
    return path.equals("/api") || path.startsWith("/api/") || path.equals("/metrics");
  }

  private boolean exists(String path) {
    return !path.contains("..")
        && loader.getResource("console" + path) != null
        && !path.endsWith("/");
  }

  private static String lastSegment(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private void writeError(HttpServletResponse response, int status, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    json.writeValue(response.getOutputStream(), ApiError.of(status, message, null));
  }
}
