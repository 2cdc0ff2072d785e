package dev.minirag.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;

/** The route template a request matched, for names that must not multiply with ids. */
public final class RouteTemplates {

  private RouteTemplates() {}

  /**
   * The matched template under {@code /api} ({@code /api/v1/sources/{sourceId}}), or null when no
   * resource method matched.
   */
  public static String of(ContainerRequestContext request) {
    if (!(request.getUriInfo() instanceof ExtendedUriInfo info)) {
      return null;
    }
    List<UriTemplate> templates = info.getMatchedTemplates();
    if (templates.isEmpty() || info.getMatchedResourceMethod() == null) {
      return null;
    }
    StringBuilder route = new StringBuilder("/api");
    for (int i = templates.size() - 1; i >= 0; i--) {
      String t = templates.get(i).getTemplate();
      if (!t.isEmpty() && !t.equals("/")) {
        route.append(t.startsWith("/") ? "" : "/").append(t);
      }
    }
    return route.toString();
  }
}
