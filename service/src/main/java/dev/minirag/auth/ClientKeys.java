package dev.minirag.auth;

import com.nimbusds.jose.JWSAlgorithm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.pac4j.oidc.config.PrivateKeyJWTClientAuthnMethodConfig;

/**
 * Reads the key that signs private_key_jwt client assertions: PKCS#8 PEM, RSA (RS256) or EC P-256
 * (ES256).
 */
final class ClientKeys {

  private ClientKeys() {}

  static PrivateKeyJWTClientAuthnMethodConfig load(String file, String keyId, String setting) {
    if (file == null || file.isBlank()) {
      throw new IllegalStateException(
          "Refusing to start: "
              + setting
              + "_TOKEN_AUTH_METHOD is private_key_jwt but "
              + setting
              + "_PRIVATE_KEY_FILE is not set");
    }
    String pem;
    try {
      pem = Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new IllegalStateException(
          "Refusing to start: " + setting + "_PRIVATE_KEY_FILE cannot be read: " + e.getMessage(),
          e);
    }
    if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new IllegalStateException(
          "Refusing to start: "
              + setting
              + "_PRIVATE_KEY_FILE is not a PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----); convert it with `openssl pkcs8 -topk8 -nocrypt`");
    }
    byte[] der =
        Base64.getMimeDecoder()
            .decode(pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").trim());
    for (String type : new String[] {"RSA", "EC"}) {
      try {
        PrivateKey key = KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
        JWSAlgorithm alg = type.equals("RSA") ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
        return new PrivateKeyJWTClientAuthnMethodConfig(
            alg, key, keyId == null || keyId.isBlank() ? null : keyId);
      } catch (GeneralSecurityException e) {
        // not this key type: try the next
      }
    }
    throw new IllegalStateException(
        "Refusing to start: "
            + setting
            + "_PRIVATE_KEY_FILE holds neither an RSA nor an EC private key");
  }
}
