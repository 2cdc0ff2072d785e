package dev.minirag.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code mrk_<prefix>_<secret>}: a 12-character visible prefix (finds the row, safe to show and
 * log) and a 256-bit secret in hex. Only SHA-256 of the secret is stored; a slow hash adds nothing
 * for a random 256-bit secret and would cost every request.
 */
public final class ApiKeyFormat {

  public record Parsed(String prefix, String secret) {}

  public record Generated(String plaintext, String prefix, String secretHash) {}

  private static final Pattern FORMAT = Pattern.compile("mrk_([a-z0-9]{12})_([0-9a-f]{64})");
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeyFormat() {}

  public static Generated generate() {
    StringBuilder prefix = new StringBuilder(12);
    for (int i = 0; i < 12; i++) {
      prefix.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String hex = HexFormat.of().formatHex(secret);
    return new Generated("mrk_" + prefix + "_" + hex, prefix.toString(), hash(hex));
  }

  public static Optional<Parsed> parse(String plaintext) {
    if (plaintext == null) {
      return Optional.empty();
    }
    Matcher m = FORMAT.matcher(plaintext.trim());
    return m.matches() ? Optional.of(new Parsed(m.group(1), m.group(2))) : Optional.empty();
  }

  public static String hash(String secret) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Constant-time comparison of the secret's hash with the stored hash. */
  public static boolean matches(String secret, String storedHash) {
    return MessageDigest.isEqual(
        hash(secret).getBytes(StandardCharsets.US_ASCII),
        storedHash.getBytes(StandardCharsets.US_ASCII));
  }
}
