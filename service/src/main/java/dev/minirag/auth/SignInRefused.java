package dev.minirag.auth;

import dev.minirag.common.ApiException;

/**
 * A browser sign-in that did not succeed, with the code the console's sign-in screen explains
 * ({@code /sign-in?error=<code>}). API clients get the same status and message in the error shape.
 */
final class SignInRefused extends ApiException {
  static final String SIGN_IN_FAILED = "sign_in_failed";
  static final String EMAIL_UNVERIFIED = "email_unverified";
  static final String PROVIDER_UNAVAILABLE = "provider_unavailable";
  static final String IDENTITY_CONFLICT = "identity_conflict";

  private final String code;

  SignInRefused(int status, String code, String message) {
    super(status, message);
    this.code = code;
  }

  static SignInRefused unavailable() {
    return new SignInRefused(
            503, PROVIDER_UNAVAILABLE, "The sign-in provider is unavailable; try again later")
        .withRetryAfter();
  }

  private SignInRefused withRetryAfter() {
    withHeader("Retry-After", String.valueOf(OidcProviders.RETRY.toSeconds()));
    return this;
  }

  String code() {
    return code;
  }

  /** Says only which step failed, never the provider's own words: those go to the log. */
  @Override
  public boolean messageIsPublic() {
    return true;
  }
}
