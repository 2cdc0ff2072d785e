package dev.minirag.auth;

import com.codahale.metrics.health.HealthCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * Unhealthy while a configured sign-in provider has never been reached (nobody can sign in with
 * it); healthy, with the reason in the message, when only a later refresh failed (sign-in goes on
 * with the last document read). Shown by /api/v1/health, left out of the admin port's /healthcheck.
 */
public class SignInProvidersHealthCheck extends HealthCheck {
  public static final String NAME = "sign_in_providers";

  private final OidcProviders providers;

  public SignInProvidersHealthCheck(OidcProviders providers) {
    this.providers = providers;
  }

  @Override
  protected Result check() {
    List<String> down = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (OidcProvider p : providers.all()) {
      if (p.client().isEmpty()) {
        down.add(p.name() + " unavailable: " + p.problem().orElse("not loaded yet"));
      } else {
        p.problem()
            .ifPresent(
                why ->
                    notes.add(
                        p.name()
                            + " uses its document of "
                            + p.loadedAt().orElseThrow()
                            + "; "
                            + why));
      }
    }
    if (!down.isEmpty()) {
      return Result.unhealthy(String.join("; ", down));
    }
    return notes.isEmpty()
        ? Result.healthy(
            providers.names().isEmpty() ? "none configured" : "reachable: " + providers.names())
        : Result.healthy(String.join("; ", notes));
  }
}
