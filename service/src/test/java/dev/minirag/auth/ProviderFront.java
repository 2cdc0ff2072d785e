package dev.minirag.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * Stands in front of mock-oauth2-server the way a real provider behaves where the mock is lenient:
 * its discovery document advertises the given {@code token_endpoint_auth_methods_supported} (the
 * mock advertises none, which is why pac4j's choice from that list was never exercised), and its
 * token endpoint refuses a client that does not authenticate with the expected method and secret,
 * as Keycloak does ({@code unauthorized_client}). Everything else is the mock's.
 */
final class ProviderFront implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MockOAuth2Server mock;
  private final String issuerId;
  private final List<String> advertised;
  private final String expectedMethod;
  private final String clientId;
  private final String secret;
  private final HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  /** Verifies private_key_jwt client assertions when set. */
  private volatile java.security.interfaces.RSAPublicKey clientPublicKey;

  /** The client authentication method each token request used, in order. */
  final List<String> tokenRequests = new CopyOnWriteArrayList<>();

  ProviderFront(
      MockOAuth2Server mock,
      String issuerId,
      List<String> advertised,
      String expectedMethod,
      String clientId,
      String secret) {
    this.mock = mock;
    this.issuerId = issuerId;
    this.advertised = advertised;
    this.expectedMethod = expectedMethod;
    this.clientId = clientId;
    this.secret = secret;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/" + issuerId + "/.well-known/openid-configuration", this::discovery);
    server.createContext("/" + issuerId + "/token", this::token);
    server.start();
  }

  ProviderFront expectingClientKey(java.security.interfaces.RSAPublicKey key) {
    this.clientPublicKey = key;
    return this;
  }

  /** What the service is configured with as its issuer (discovery is read from here). */
  String issuer() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + issuerId;
  }

  private void discovery(HttpExchange ex) throws IOException {
    String body =
        http(HttpRequest.newBuilder(mock.wellKnownUrl(issuerId).uri()).GET().build()).body();
    ObjectNode doc = (ObjectNode) JSON.readTree(body);
    doc.putPOJO("token_endpoint_auth_methods_supported", advertised);
    doc.put("token_endpoint", issuer() + "/token");
    reply(ex, 200, JSON.writeValueAsString(doc));
  }

  private void token(HttpExchange ex) throws IOException {
    String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> params = parse(form);
    String authorization = ex.getRequestHeaders().getFirst("Authorization");
    String used =
        authorization != null && authorization.startsWith("Basic ")
            ? "client_secret_basic"
            : params.containsKey("client_assertion")
                ? "private_key_jwt"
                : params.containsKey("client_secret") ? "client_secret_post" : "none";
    tokenRequests.add(used);
    boolean ok =
        used.equals(expectedMethod)
            && switch (used) {
              case "client_secret_basic" -> basic(authorization).equals(clientId + ":" + secret);
              case "client_secret_post" ->
                  clientId.equals(params.get("client_id"))
                      && secret.equals(params.get("client_secret"));
              case "private_key_jwt" -> validAssertion(params);
              default -> false;
            };
    if (!ok) {
      reply(
          ex,
          401,
          "{\"error\":\"unauthorized_client\",\"error_description\":\"Invalid client or Invalid client credentials\"}");
      return;
    }
    if (used.equals("private_key_jwt")) {
      // checked above; the mock only needs to know which client this is
      form = form.replaceAll("(^|&)client_assertion(_type)?=[^&]*", "") + "&client_id=" + clientId;
    }
    HttpRequest.Builder forward =
        HttpRequest.newBuilder(mock.tokenEndpointUrl(issuerId).uri())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (authorization != null) {
      forward.header("Authorization", authorization);
    }
    HttpResponse<String> r = http(forward.build());
    reply(ex, r.statusCode(), r.body());
  }

  /**
   * RFC 7523: signed by the client's key, issued by and about the client, for this token endpoint.
   */
  private boolean validAssertion(Map<String, String> params) {
    try {
      com.nimbusds.jwt.SignedJWT jwt =
          com.nimbusds.jwt.SignedJWT.parse(params.get("client_assertion"));
      var claims = jwt.getJWTClaimsSet();
      return clientPublicKey != null
          && "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
              .equals(params.get("client_assertion_type"))
          && jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(clientPublicKey))
          && clientId.equals(claims.getIssuer())
          && clientId.equals(claims.getSubject())
          && claims.getAudience().contains(issuer() + "/token")
          && claims.getExpirationTime().toInstant().isAfter(java.time.Instant.now());
    } catch (java.text.ParseException | com.nimbusds.jose.JOSEException e) {
      return false;
    }
  }

  private static String basic(String authorization) {
    String decoded =
        new String(
            Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
    int colon = decoded.indexOf(':');
    return URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8)
        + ":"
        + URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
  }

  private static Map<String, String> parse(String form) {
    return java.util.Arrays.stream(form.split("&"))
        .filter(p -> p.contains("="))
        .collect(
            Collectors.toMap(
                p -> URLDecoder.decode(p.substring(0, p.indexOf('=')), StandardCharsets.UTF_8),
                p -> URLDecoder.decode(p.substring(p.indexOf('=') + 1), StandardCharsets.UTF_8),
                (a, b) -> b));
  }

  private HttpResponse<String> http(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
