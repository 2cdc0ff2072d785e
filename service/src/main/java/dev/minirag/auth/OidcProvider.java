package dev.minirag.auth;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.pac4j.core.client.IndirectClient;
import org.pac4j.core.http.callback.NoParameterCallbackUrlResolver;
import org.pac4j.oidc.client.GoogleOidcClient;
import org.pac4j.oidc.client.OidcClient;
import org.pac4j.oidc.config.OidcConfiguration;
import org.pac4j.oidc.config.PrivateKeyJWTClientAuthnMethodConfig;
import org.pac4j.oidc.metadata.StaticOidcOpMetadataResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured sign-in provider. We read its discovery document ourselves (at start, then on a
 * schedule) and give pac4j a fixed copy: left to itself pac4j reads it lazily on the first sign-in
 * (a request that then fails with a 500 when the provider is down) and picks the token endpoint's
 * client authentication from the provider's list. Until a document has been read, the provider is
 * unavailable: sign-in attempts land on the console's sign-in screen and the health check says so.
 */
final class OidcProvider {
  private static final Logger LOG = LoggerFactory.getLogger(OidcProvider.class);

  static final String GOOGLE_ISSUER = "https://accounts.google.com";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final String name;
  private final String setting;
  private final AuthConfig.ProviderConfig settings;
  private final String issuer;
  private final String callbackUrl;
  private final PrivateKeyJWTClientAuthnMethodConfig clientKey;
  private final HttpClient http;
  private final Clock clock;
  private final AtomicReference<IndirectClient> client = new AtomicReference<>();
  private volatile Instant loadedAt;
  private volatile String problem;

  /**
   * @param setting the environment prefix of this provider's settings (OIDC, GOOGLE), named in
   *     errors
   */
  OidcProvider(
      String name,
      String setting,
      AuthConfig.ProviderConfig settings,
      String issuer,
      String callbackUrl,
      Clock clock) {
    this.name = name;
    this.setting = setting;
    this.settings = settings;
    this.issuer = issuer.replaceAll("/+$", "");
    this.callbackUrl = callbackUrl;
    this.clock = clock;
    this.clientKey =
        settings.getTokenAuthMethod() == TokenAuthMethod.PRIVATE_KEY_JWT
            ? ClientKeys.load(settings.getPrivateKeyFile(), settings.getPrivateKeyId(), setting)
            : null;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  String name() {
    return name;
  }

  /** Empty while no discovery document has been read: the provider is unavailable. */
  Optional<IndirectClient> client() {
    return Optional.ofNullable(client.get());
  }

  boolean allowsUnverifiedEmail() {
    return settings.isAllowUnverifiedEmail();
  }

  Optional<Instant> loadedAt() {
    return Optional.ofNullable(loadedAt);
  }

  /** Why the last read of the discovery document failed, or empty when it succeeded. */
  Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  /** A refreshed document that could not be used: the previous client stays. */
  void rejected(String why) {
    problem = why;
  }

  String issuer() {
    return issuer;
  }

  /**
   * Reads the discovery document and, when it is usable, swaps in a client built on it. A provider
   * that cannot be reached keeps its previous client (if any) and records why. A provider that does
   * not support the configured client authentication throws: at start that refuses to start.
   */
  void refresh() {
    OIDCProviderMetadata metadata;
    try {
      metadata = fetch();
    } catch (IOException | ParseException e) {
      problem = "discovery document of " + issuer + " could not be read: " + e.getMessage();
      LOG.warn("Sign-in provider {}: {}", name, problem);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problem = "interrupted while reading the discovery document of " + issuer;
      return;
    }
    checkClientAuthentication(metadata);
    client.set(build(metadata));
    loadedAt = clock.instant();
    problem = null;
  }

  private OIDCProviderMetadata fetch() throws IOException, InterruptedException, ParseException {
    URI discovery = URI.create(issuer + "/.well-known/openid-configuration");
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(discovery)
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(discovery + " answered HTTP " + r.statusCode());
    }
    return OIDCProviderMetadata.parse(r.body());
  }

  private void checkClientAuthentication(OIDCProviderMetadata metadata) {
    List<ClientAuthenticationMethod> supported = metadata.getTokenEndpointAuthMethods();
    TokenAuthMethod wanted = settings.getTokenAuthMethod();
    // Absent means client_secret_basic only (OpenID Connect Discovery 1.0, section 3).
    boolean ok =
        supported == null || supported.isEmpty()
            ? wanted == TokenAuthMethod.CLIENT_SECRET_BASIC
            : supported.contains(wanted.nimbus());
    if (!ok) {
      throw new IllegalStateException(
          "Refusing to start: "
              + setting
              + "_TOKEN_AUTH_METHOD is "
              + wanted.wire()
              + " but the provider "
              + issuer
              + " supports only "
              + (supported == null || supported.isEmpty() ? "[client_secret_basic]" : supported)
              + " at its token endpoint (token_endpoint_auth_methods_supported): set "
              + setting
              + "_TOKEN_AUTH_METHOD to one of those, and configure the client at the provider to match");
    }
  }

  private IndirectClient build(OIDCProviderMetadata metadata) {
    OidcConfiguration c = new OidcConfiguration();
    c.setClientId(settings.getClientId());
    c.setSecret(settings.getClientSecret());
    c.setScope("openid email profile");
    c.setUseNonce(true);
    c.setClientAuthenticationMethod(settings.getTokenAuthMethod().nimbus());
    c.setPrivateKeyJWTClientAuthnMethodConfig(clientKey);
    c.setDiscoveryURI(issuer + "/.well-known/openid-configuration");
    StaticOidcOpMetadataResolver resolver = new StaticOidcOpMetadataResolver(c, metadata);
    c.setOpMetadataResolver(resolver);
    resolver.init();
    OidcClient built =
        OidcProviders.GOOGLE.equals(name) ? new GoogleOidcClient(c) : new OidcClient(c);
    built.setName(name);
    built.setCallbackUrl(callbackUrl);
    built.setCallbackUrlResolver(new NoParameterCallbackUrlResolver());
    built.init();
    return built;
  }
}
