package dev.minirag.testing;

import no.nav.security.mock.oauth2.MockOAuth2Server;

/** A real OIDC server in the test's process (mock-oauth2-server), for the sign-in tests. */
public final class OidcProviders {
  private OidcProviders() {}

  /** Started on a free port; the caller shuts it down after its tests. */
  public static MockOAuth2Server started() {
    MockOAuth2Server server = new MockOAuth2Server();
    server.start();
    return server;
  }
}
