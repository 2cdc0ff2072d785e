package dev.minirag.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The few Stripe API calls billing makes, spoken over real HTTP on 127.0.0.1 (stripe-java's
 * form-encoded requests, Stripe's JSON answers and error shape), recording every request. Tests set
 * what a subscription "is" in Stripe; {@code /_test/...} lets a browser test do the same.
 */
public class LocalStripe implements BeforeAllCallback, AfterAllCallback {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param form the decoded form fields, e.g. {@code line_items[0][price]}
   */
  public record Request(
      String method,
      String path,
      Map<String, String> form,
      String idempotencyKey,
      String authorization) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, ObjectNode> subscriptions = new ConcurrentHashMap<>();
  private final Map<String, String> sessionsByKey = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();
  private final Map<String, Hold> holds = new ConcurrentHashMap<>();
  // Several threads: a held read must not stop the others being answered.
  private final ExecutorService executor = Executors.newCachedThreadPool();

  /** A read of a subscription answered late, with what Stripe held when the read arrived. */
  public static final class Hold {
    private final AtomicInteger countdown;
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    private Hold(int nth) {
      countdown = new AtomicInteger(nth);
    }

    /** Waits until the held read reached this server (and saw its state). */
    public void awaitArrival() throws InterruptedException {
      if (!arrived.await(15, TimeUnit.SECONDS)) {
        throw new AssertionError("the read to hold never came");
      }
    }

    public void release() {
      released.countDown();
    }
  }

  public LocalStripe() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** The next {@code n} API calls answer 500 (Stripe having a bad minute). */
  public void failNext(int n) {
    failures.set(n);
  }

  /** Holds the {@code nth} read of the subscription from now on until {@link Hold#release()}. */
  public Hold holdRead(String subscription, int nth) {
    Hold hold = new Hold(nth);
    holds.put(subscription, hold);
    return hold;
  }

  /** What Stripe will answer for this subscription from now on. */
  public void subscription(
      String id,
      String customer,
      String status,
      String priceId,
      long periodEnd,
      boolean livemode,
      String organizationId) {
    ObjectNode s = JSON.createObjectNode();
    s.put("id", id)
        .put("object", "subscription")
        .put("customer", customer)
        .put("status", status)
        .put("livemode", livemode);
    ObjectNode metadata = s.putObject("metadata");
    if (organizationId != null) {
      metadata.put(WebhookEvents.ORGANIZATION_KEY, organizationId);
    }
    ObjectNode items = s.putObject("items");
    items
        .put("object", "list")
        .put("has_more", false)
        .put("url", "/v1/subscription_items?subscription=" + id);
    ObjectNode item = items.putArray("data").addObject();
    item.put("id", "si_" + id)
        .put("object", "subscription_item")
        .put("current_period_end", periodEnd);
    item.putObject("price").put("id", priceId).put("object", "price");
    subscriptions.put(id, s);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            handle(exchange);
          } catch (RuntimeException e) {
            e.printStackTrace();
            send(exchange, 500, error("api_error", "local stripe failed: " + e));
          }
        });
    server.setExecutor(executor);
    server.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    holds.values().forEach(Hold::release);
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getPath();
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (path.startsWith("/_test/")) {
      control(ex, method, path, body);
      return;
    }
    requests.add(
        new Request(
            method,
            path,
            form(body),
            ex.getRequestHeaders().getFirst("Idempotency-Key"),
            ex.getRequestHeaders().getFirst("Authorization")));
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      send(ex, 500, error("api_error", "An unknown error occurred"));
      return;
    }
    if (method.equals("POST") && path.equals("/v1/checkout/sessions")) {
      String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
      // Stripe answers a repeated idempotency key with the first result.
      String id =
          key == null
              ? "cs_test_" + ids.incrementAndGet()
              : sessionsByKey.computeIfAbsent(key, k -> "cs_test_" + ids.incrementAndGet());
      send(
          ex,
          200,
          JSON.createObjectNode()
              .put("id", id)
              .put("object", "checkout.session")
              .put("url", "https://checkout.stripe.test/c/pay/" + id));
    } else if (method.equals("POST") && path.equals("/v1/billing_portal/sessions")) {
      String id = "bps_" + ids.incrementAndGet();
      send(
          ex,
          200,
          JSON.createObjectNode()
              .put("id", id)
              .put("object", "billing_portal.session")
              .put("url", "https://billing.stripe.test/p/session/" + id));
    } else if (method.equals("GET") && path.startsWith("/v1/subscriptions/")) {
      String id = path.substring("/v1/subscriptions/".length());
      ObjectNode held = subscriptions.get(id);
      ObjectNode s = held == null ? null : held.deepCopy(); // the state as this read arrives
      holdIfAsked(id);
      if (s == null) {
        send(ex, 404, error("invalid_request_error", "No such subscription"));
      } else {
        send(ex, 200, s);
      }
    } else {
      send(
          ex,
          404,
          error("invalid_request_error", "Unrecognized request URL (" + method + " " + path + ")"));
    }
  }

  private void holdIfAsked(String id) {
    Hold hold = holds.get(id);
    if (hold == null || hold.countdown.decrementAndGet() != 0) {
      return;
    }
    holds.remove(id, hold);
    hold.arrived.countDown();
    try {
      if (!hold.released.await(15, TimeUnit.SECONDS)) {
        throw new IllegalStateException("held read of " + id + " never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * PUT /_test/subscriptions/{id} {customer,status,priceId,periodEnd,organizationId}; GET
   * /_test/requests.
   */
  private void control(HttpExchange ex, String method, String path, String body)
      throws IOException {
    if (method.equals("PUT") && path.startsWith("/_test/subscriptions/")) {
      JsonNode b = JSON.readTree(body);
      subscription(
          path.substring("/_test/subscriptions/".length()),
          b.path("customer").asText(),
          b.path("status").asText(),
          b.path("priceId").asText(),
          b.path("periodEnd").asLong(),
          false,
          b.path("organizationId").asText(null));
      send(ex, 200, JSON.createObjectNode().put("ok", true));
    } else if (method.equals("GET") && path.equals("/_test/requests")) {
      send(ex, 200, JSON.valueToTree(requests));
    } else {
      send(ex, 404, error("invalid_request_error", "no such control"));
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    if (body.isEmpty()) {
      return out;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      out.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static JsonNode error(String type, String message) {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("error").put("type", type).put("message", message);
    return root;
  }

  private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.getResponseHeaders().set("Request-Id", "req_local_" + System.nanoTime());
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  /** For tests that list what was sent, in order. */
  public List<Request> all() {
    return new ArrayList<>(requests);
  }
}
