package dev.minirag.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pac4j.core.client.IndirectClient;
import org.pac4j.core.http.callback.NoParameterCallbackUrlResolver;
import org.pac4j.oidc.client.GoogleOidcClient;
import org.pac4j.oidc.client.OidcClient;
import org.pac4j.oidc.config.OidcConfiguration;

/** The configured pac4j clients by name: "oidc" (any issuer, discovered) and "google". */
public class OidcProviders {

  public static final String OIDC = "oidc";
  public static final String GOOGLE = "google";

  private final Map<String, IndirectClient> clients = new LinkedHashMap<>();

  public OidcProviders(AuthConfig config) {
    if (config.oidcEnabled()) {
      String issuer = config.getOidc().getIssuer().replaceAll("/+$", "");
      OidcConfiguration oidc = base(config.getOidc());
      oidc.setDiscoveryURI(issuer + "/.well-known/openid-configuration");
      add(OIDC, new OidcClient(oidc), config);
    }
    if (config.googleEnabled()) {
      add(GOOGLE, new GoogleOidcClient(base(config.getGoogle())), config);
    }
  }

  private static OidcConfiguration base(AuthConfig.ProviderConfig p) {
    OidcConfiguration c = new OidcConfiguration();
    c.setClientId(p.getClientId());
    c.setSecret(p.getClientSecret());
    c.setScope("openid email profile");
    c.setUseNonce(true);
    return c;
  }

  private void add(String name, OidcClient client, AuthConfig config) {
    client.setName(name);
    client.setCallbackUrl(callbackUrl(config, name));
    client.setCallbackUrlResolver(new NoParameterCallbackUrlResolver());
    clients.put(name, client);
  }

  public static String callbackUrl(AuthConfig config, String provider) {
    return config.getPublicBaseUrl() + "/api/v1/auth/callback/" + provider;
  }

  public Optional<IndirectClient> client(String name) {
    return Optional.ofNullable(clients.get(name));
  }

  public Set<String> names() {
    return clients.keySet();
  }

  public boolean any() {
    return !clients.isEmpty();
  }
}
