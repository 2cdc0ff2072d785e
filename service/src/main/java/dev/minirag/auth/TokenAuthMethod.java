package dev.minirag.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the service authenticates itself at the provider's token endpoint. Chosen by configuration:
 * pac4j would otherwise take the first entry of the provider's {@code
 * token_endpoint_auth_methods_supported} that it knows, which for Keycloak, Okta and Entra is
 * {@code private_key_jwt}.
 */
public enum TokenAuthMethod {
  CLIENT_SECRET_BASIC(ClientAuthenticationMethod.CLIENT_SECRET_BASIC),
  CLIENT_SECRET_POST(ClientAuthenticationMethod.CLIENT_SECRET_POST),
  PRIVATE_KEY_JWT(ClientAuthenticationMethod.PRIVATE_KEY_JWT);

  private final ClientAuthenticationMethod nimbus;

  TokenAuthMethod(ClientAuthenticationMethod nimbus) {
    this.nimbus = nimbus;
  }

  public ClientAuthenticationMethod nimbus() {
    return nimbus;
  }

  @JsonValue
  public String wire() {
    return nimbus.getValue();
  }

  /**
   * Blank means the default, {@code client_secret_basic}, the method every provider must support.
   */
  @JsonCreator
  public static TokenAuthMethod fromWire(String value) {
    if (value == null || value.isBlank()) {
      return CLIENT_SECRET_BASIC;
    }
    return Arrays.stream(values())
        .filter(m -> m.wire().equalsIgnoreCase(value.trim()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown token endpoint authentication method '"
                        + value
                        + "', expected one of "
                        + Arrays.stream(values())
                            .map(TokenAuthMethod::wire)
                            .collect(Collectors.joining(", "))));
  }
}
