package dev.minirag.auth;

import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured sign-in providers by name: "oidc" (any issuer, discovered) and "google". Their
 * discovery documents are read when this is built, so a provider that does not support the
 * configured client authentication stops the start with a message naming the setting; afterwards a
 * background task reads them again every {@code providerMetadataRefresh}, and every {@link #RETRY}
 * while a provider has never been reached.
 */
public class OidcProviders implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(OidcProviders.class);

  public static final String OIDC = "oidc";
  public static final String GOOGLE = "google";
  static final Duration RETRY = Duration.ofSeconds(30);

  private final Map<String, OidcProvider> providers = new LinkedHashMap<>();
  private final Duration refresh;
  private final Clock clock;
  private ScheduledExecutorService scheduler;

  public OidcProviders(AuthConfig config, Clock clock) {
    this.refresh = config.getProviderMetadataRefresh();
    this.clock = clock;
    if (config.oidcEnabled()) {
      add(
          new OidcProvider(
              OIDC,
              "OIDC",
              config.getOidc(),
              config.getOidc().getIssuer(),
              callbackUrl(config, OIDC),
              clock));
    }
    if (config.googleEnabled()) {
      String issuer = config.getGoogle().getIssuer();
      add(
          new OidcProvider(
              GOOGLE,
              "GOOGLE",
              config.getGoogle(),
              issuer == null || issuer.isBlank() ? OidcProvider.GOOGLE_ISSUER : issuer,
              callbackUrl(config, GOOGLE),
              clock));
    }
  }

  private void add(OidcProvider provider) {
    provider.refresh();
    providers.put(provider.name(), provider);
  }

  public static String callbackUrl(AuthConfig config, String provider) {
    return config.getPublicBaseUrl() + "/api/v1/auth/callback/" + provider;
  }

  Optional<OidcProvider> provider(String name) {
    return Optional.ofNullable(providers.get(name));
  }

  Collection<OidcProvider> all() {
    return providers.values();
  }

  public Set<String> names() {
    return providers.keySet();
  }

  public boolean any() {
    return !providers.isEmpty();
  }

  @Override
  public void start() {
    if (providers.isEmpty()) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "oidc-metadata-refresh");
              t.setDaemon(true);
              return t;
            });
    long every = Math.min(RETRY.toMillis(), refresh.toMillis());
    scheduler.scheduleWithFixedDelay(this::refreshDue, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Reads again the documents that are due; a failure is logged and the last good document kept.
   */
  void refreshDue() {
    Instant now = clock.instant();
    for (OidcProvider p : providers.values()) {
      boolean due = p.loadedAt().map(at -> !at.plus(refresh).isAfter(now)).orElse(true);
      if (!due) {
        continue;
      }
      try {
        p.refresh();
      } catch (RuntimeException e) {
        // e.g. the provider dropped the configured client authentication: keep signing in with the
        // last document it accepted, and say so in the log and the health check.
        LOG.error(
            "Sign-in provider {}: refreshed discovery document not used: {}",
            p.name(),
            e.getMessage());
        p.rejected("refreshed discovery document not used: " + e.getMessage());
      }
    }
  }

  @Override
  public void stop() throws InterruptedException {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
