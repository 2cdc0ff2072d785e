package dev.minirag.users;

/**
 * Who a sign-in provider says is signing in.
 *
 * @param issuer the provider's issuer as configured (the ID token's {@code iss} was checked against
 *     it)
 * @param subject the provider's stable id for the person ({@code sub})
 * @param emailVerified whether the provider vouches for the email ({@code email_verified} true)
 */
public record ProviderIdentity(
    String issuer, String subject, String email, boolean emailVerified, String displayName) {

  public ProviderIdentity {
    if (issuer == null || issuer.isBlank() || issuer.length() > 2048) {
      throw new IllegalArgumentException("issuer must be 1 to 2048 characters");
    }
    if (subject == null || subject.isBlank() || subject.length() > 255) {
      throw new IllegalArgumentException("subject must be 1 to 255 characters");
    }
  }
}
