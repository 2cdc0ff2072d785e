package dev.minirag.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;

/** Sign-in settings, all from the environment (see config.yml, block "auth"). */
public class AuthConfig {

  /** MINIRAG_PUBLIC_URL: the browser-facing origin, used to build OAuth callback URLs. */
  @NotBlank @JsonProperty private String publicBaseUrl = "http://127.0.0.1:8080";

  /**
   * MINIRAG_BOOTSTRAP_ADMIN_EMAIL: who becomes system admin on signing in (outside development mode
   * nobody else does).
   */
  @JsonProperty private String bootstrapAdminEmail;

  public String getBootstrapAdminEmail() {
    return bootstrapAdminEmail;
  }

  /** MINIRAG_SESSION_TTL: how long a session cookie/JWT lives. */
  @NotNull @JsonProperty private Duration sessionTtl = Duration.days(7);

  /**
   * API_KEY_CACHE_TTL: how long a verified API key is trusted without reading its row again (0
   * reads it on every request). A revocation made on this node takes effect at once; one made on
   * another node, by the operator command or in the database is seen within this time. Expiry is
   * checked on every request.
   */
  @NotNull @JsonProperty private Duration apiKeyCacheTtl = Duration.seconds(2);

  private static final java.time.Duration MAX_API_KEY_CACHE_TTL = java.time.Duration.ofMinutes(1);

  public java.time.Duration getApiKeyCacheTtl() {
    return java.time.Duration.ofMillis(apiKeyCacheTtl.toMilliseconds());
  }

  /** INVITATION_TTL_DAYS: how long an invitation to a workspace can be accepted. */
  @Min(1)
  @Max(365)
  @JsonProperty
  private int invitationTtlDays = 14;

  public java.time.Duration getInvitationTtl() {
    return java.time.Duration.ofDays(invitationTtlDays);
  }

  /** MINIRAG_COOKIE_SECURE: false is accepted only for a plain-HTTP loopback publicBaseUrl. */
  @JsonProperty private boolean cookieSecure = true;

  @Valid @NotNull @JsonProperty private ProviderConfig oidc = new ProviderConfig();

  @Valid @NotNull @JsonProperty private ProviderConfig google = new ProviderConfig();

  /**
   * OIDC_METADATA_REFRESH: how often each provider's discovery document is read again (it is read
   * once at start; a provider unreachable at start is retried sooner, see OidcProviders).
   */
  @NotNull @JsonProperty private Duration providerMetadataRefresh = Duration.hours(1);

  /**
   * A generic OIDC provider (issuer, when set, is discovered) or Google (issuer defaults to
   * Google's; tests point it elsewhere).
   */
  public static class ProviderConfig {
    @JsonProperty private String issuer;
    @JsonProperty private String clientId;
    @JsonProperty private String clientSecret;

    /**
     * OIDC_TOKEN_AUTH_METHOD: client_secret_basic (default), client_secret_post or private_key_jwt.
     */
    @NotNull @JsonProperty
    private TokenAuthMethod tokenAuthMethod = TokenAuthMethod.CLIENT_SECRET_BASIC;

    /**
     * OIDC_PRIVATE_KEY_FILE: PKCS#8 PEM (RSA or EC) signing the client assertion for
     * private_key_jwt.
     */
    @JsonProperty private String privateKeyFile;

    /** OIDC_PRIVATE_KEY_ID: the "kid" the provider registered for that key (optional). */
    @JsonProperty private String privateKeyId;

    /**
     * OIDC_ALLOW_UNVERIFIED_EMAIL: accept a sign-in whose email_verified claim is not true. Off by
     * default: accounts are found by email, so an unverified address would let anyone who can type
     * it at the provider sign in as its owner.
     */
    @JsonProperty private boolean allowUnverifiedEmail;

    public ProviderConfig() {}

    public ProviderConfig(String issuer, String clientId, String clientSecret) {
      this.issuer = issuer;
      this.clientId = clientId;
      this.clientSecret = clientSecret;
    }

    public String getIssuer() {
      return issuer;
    }

    public String getClientId() {
      return clientId;
    }

    public String getClientSecret() {
      return clientSecret;
    }

    public TokenAuthMethod getTokenAuthMethod() {
      return tokenAuthMethod;
    }

    public String getPrivateKeyFile() {
      return privateKeyFile;
    }

    public String getPrivateKeyId() {
      return privateKeyId;
    }

    public boolean isAllowUnverifiedEmail() {
      return allowUnverifiedEmail;
    }

    public boolean hasClient() {
      return clientId != null
          && !clientId.isBlank()
          && clientSecret != null
          && !clientSecret.isBlank();
    }
  }

  public String getPublicBaseUrl() {
    return publicBaseUrl.endsWith("/")
        ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
        : publicBaseUrl;
  }

  public java.time.Duration getSessionTtl() {
    return java.time.Duration.ofMillis(sessionTtl.toMilliseconds());
  }

  public boolean isCookieSecure() {
    return cookieSecure;
  }

  public ProviderConfig getOidc() {
    return oidc;
  }

  public ProviderConfig getGoogle() {
    return google;
  }

  public java.time.Duration getProviderMetadataRefresh() {
    return java.time.Duration.ofMillis(providerMetadataRefresh.toMilliseconds());
  }

  public boolean oidcEnabled() {
    return oidc.hasClient() && oidc.getIssuer() != null && !oidc.getIssuer().isBlank();
  }

  public boolean googleEnabled() {
    return google.hasClient();
  }

  public boolean anyProvider() {
    return oidcEnabled() || googleEnabled();
  }

  /** Refuses an insecure cookie anywhere but plain-HTTP loopback, naming the setting. */
  public void validate() {
    if (getApiKeyCacheTtl().compareTo(MAX_API_KEY_CACHE_TTL) > 0) {
      throw new IllegalStateException(
          "Refusing to start: API_KEY_CACHE_TTL (auth.apiKeyCacheTtl) is "
              + apiKeyCacheTtl
              + "; a revoked key must stop working within a minute, so at most 60s");
    }
    if (cookieSecure) {
      return;
    }
    URI base = URI.create(getPublicBaseUrl());
    String host = base.getHost() == null ? "" : base.getHost();
    boolean loopback =
        host.equals("localhost")
            || host.equals("127.0.0.1")
            || host.equals("[::1]")
            || host.equals("::1");
    if (!"http".equals(base.getScheme()) || !loopback) {
      throw new IllegalStateException(
          "Refusing to start: MINIRAG_COOKIE_SECURE (auth.cookieSecure) is false but MINIRAG_PUBLIC_URL"
              + " (auth.publicBaseUrl) is not a plain-HTTP localhost URL");
    }
  }
}
