package dev.minirag.testing;

import io.dropwizard.core.setup.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;

/** Enumerates the API from Jersey's resource model, so a new endpoint cannot escape a test. */
public final class ApiResources {

  public record Endpoint(String method, String path) {}

  /** An endpoint with the Java method and resource class that serve it (for annotation checks). */
  public record Operation(
      String method, String path, java.lang.reflect.Method javaMethod, Class<?> resourceClass) {}

  private ApiResources() {}

  public static List<Endpoint> endpoints(Environment env) {
    List<Endpoint> out = new ArrayList<>();
    var config = env.jersey().getResourceConfig();
    List<Object> components = new ArrayList<>(config.getInstances());
    components.addAll(config.getClasses());
    for (Object component : components) {
      Class<?> type = component instanceof Class<?> c ? c : component.getClass();
      if (!Resource.isAcceptable(type) || type.getAnnotation(jakarta.ws.rs.Path.class) == null) {
        continue;
      }
      collect(Resource.from(type), "", out);
    }
    return out;
  }

  /** Every resource method with its Java method, from the same model as {@link #endpoints}. */
  public static List<Operation> operations(Environment env) {
    List<Operation> out = new ArrayList<>();
    var config = env.jersey().getResourceConfig();
    List<Object> components = new ArrayList<>(config.getInstances());
    components.addAll(config.getClasses());
    for (Object component : components) {
      Class<?> type = component instanceof Class<?> c ? c : component.getClass();
      if (!Resource.isAcceptable(type) || type.getAnnotation(jakarta.ws.rs.Path.class) == null) {
        continue;
      }
      collectOperations(Resource.from(type), "", type, out);
    }
    // Jersey keeps its components in hash sets: without a fixed order a seeded fuzzer would draw
    // its random inputs for different operations from one run to the next.
    out.sort(
        java.util.Comparator.comparing(Operation::path)
            .thenComparing(Operation::method)
            .thenComparing(op -> op.javaMethod().toGenericString()));
    return out;
  }

  private static void collectOperations(
      Resource resource, String prefix, Class<?> type, List<Operation> out) {
    String path = join(prefix, resource.getPath());
    for (ResourceMethod m : resource.getResourceMethods()) {
      out.add(new Operation(m.getHttpMethod(), path, m.getInvocable().getDefinitionMethod(), type));
    }
    for (Resource child : resource.getChildResources()) {
      collectOperations(child, path, type, out);
    }
  }

  /** Paths in OpenAPI form, excluding the OpenAPI document itself. */
  public static Set<String> paths(Environment env) {
    Set<String> paths = new TreeSet<>();
    for (Endpoint e : endpoints(env)) {
      if (!e.path().startsWith("/openapi")) {
        paths.add(e.path());
      }
    }
    return paths;
  }

  private static void collect(Resource resource, String prefix, List<Endpoint> out) {
    String path = join(prefix, resource.getPath());
    for (ResourceMethod m : resource.getResourceMethods()) {
      out.add(new Endpoint(m.getHttpMethod(), path));
    }
    for (Resource child : resource.getChildResources()) {
      collect(child, path, out);
    }
  }

  private static String join(String prefix, String path) {
    if (path == null || path.isEmpty()) {
      return prefix.isEmpty() ? "/" : prefix;
    }
    String p = path.startsWith("/") ? path : "/" + path;
    if (p.endsWith("/") && p.length() > 1) {
      p = p.substring(0, p.length() - 1);
    }
    // Jersey regex templates like {id: [0-9a-f-]+} appear in OpenAPI as {id}.
    p = p.replaceAll("\\{\\s*([A-Za-z0-9_]+)\\s*:[^}]*}", "{$1}");
    if (p.equals("/")) {
      return prefix.isEmpty() ? "/" : prefix;
    }
    return (prefix.equals("/") ? "" : prefix) + p;
  }
}
