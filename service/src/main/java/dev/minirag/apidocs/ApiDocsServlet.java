package dev.minirag.apidocs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.common.ApiError;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The API reference at {@code /api/docs}: Swagger UI from its WebJar (nothing from a CDN), started
 * by a script file of ours that points it at {@code /api/openapi.json}. Only the files the page
 * needs are served; anything else under {@code /api/docs/} is a 404 in the one error shape.
 */
public class ApiDocsServlet extends HttpServlet {

  /**
   * The service's policy, with {@code data:} images allowed: Swagger UI's stylesheet draws its
   * icons as inline SVG data URLs. Scripts and styles still come from the service only.
   */
  static final String CSP =
      "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none';"
          + " base-uri 'self'; form-action 'self'";

  private static final String OURS = "apidocs/";

  private static final Map<String, String> FILES =
      Map.of(
          "index.html", "text/html; charset=utf-8",
          "swagger-initializer.js", "text/javascript; charset=utf-8",
          "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
          "swagger-ui.css", "text/css; charset=utf-8",
          "index.css", "text/css; charset=utf-8",
          "favicon-32x32.png", "image/png",
          "favicon-16x16.png", "image/png");

  private final ObjectMapper json;
  private final String webjar;
  private final ClassLoader loader = ApiDocsServlet.class.getClassLoader();

  public ApiDocsServlet(ObjectMapper json) {
    this.json = json;
    this.webjar = "META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/";
  }

  static String swaggerUiVersion() {
    try (InputStream in =
        ApiDocsServlet.class
            .getClassLoader()
            .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("the swagger-ui WebJar is not on the class path");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String rest = req.getPathInfo() == null ? "" : req.getPathInfo();
    String name = rest.isEmpty() || rest.equals("/") ? "index.html" : rest.substring(1);
    String type = FILES.get(name);
    String resource =
        name.equals("index.html") || name.equals("swagger-initializer.js")
            ? OURS + name
            : webjar + name;
    try (InputStream in = type == null ? null : loader.getResourceAsStream(resource)) {
      if (in == null) {
        resp.setStatus(404);
        resp.setContentType("application/json");
        json.writeValue(resp.getOutputStream(), ApiError.of(404, "Not found", null));
        return;
      }
      resp.setHeader("Content-Security-Policy", CSP);
      resp.setContentType(type);
      in.transferTo(resp.getOutputStream());
    }
  }
}
