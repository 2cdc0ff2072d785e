package dev.minirag.users;

import java.util.UUID;

/**
 * A sign-in whose (issuer, subject) is unknown, with the email of an account that is already linked
 * to another identity (or whose email the provider does not vouch for). Linking it would hand the
 * account to whoever controls that email at this provider, so the sign-in is refused.
 */
public class IdentityConflictException extends RuntimeException {
  private final UUID userId;

  public IdentityConflictException(UUID userId, String reason) {
    super(reason);
    this.userId = userId;
  }

  public UUID userId() {
    return userId;
  }
}
