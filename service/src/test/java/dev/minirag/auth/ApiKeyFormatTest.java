package dev.minirag.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.apikeys.ApiKeyFormat;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyFormatTest {

  @Test
  void generatedKeysHaveAVisiblePrefixAndOnlyTheHashIsKept() {
    ApiKeyFormat.Generated g = ApiKeyFormat.generate();
    assertThat(g.plaintext()).matches("mrk_[a-z0-9]{12}_[0-9a-f]{64}");
    assertThat(g.plaintext()).startsWith("mrk_" + g.prefix() + "_");
    ApiKeyFormat.Parsed p = ApiKeyFormat.parse(g.plaintext()).orElseThrow();
    assertThat(p.prefix()).isEqualTo(g.prefix());
    assertThat(g.secretHash()).hasSize(64).isNotEqualTo(p.secret()).doesNotContain(p.secret());
    assertThat(ApiKeyFormat.matches(p.secret(), g.secretHash())).isTrue();
  }

  @Test
  void wrongSecretDoesNotMatch() {
    ApiKeyFormat.Generated g = ApiKeyFormat.generate();
    String secret = ApiKeyFormat.parse(g.plaintext()).orElseThrow().secret();
    String flipped = (secret.charAt(0) == 'a' ? "b" : "a") + secret.substring(1);
    assertThat(ApiKeyFormat.matches(flipped, g.secretHash())).isFalse();
  }

  @Test
  void malformedKeysAreNotParsed() {
    assertThat(ApiKeyFormat.parse(null)).isEmpty();
    assertThat(ApiKeyFormat.parse("mrk_short_abc")).isEmpty();
    assertThat(ApiKeyFormat.parse("xyz_abcdefghijkl_" + "0".repeat(64))).isEmpty();
    assertThat(ApiKeyFormat.parse("mrk_ABCDEFGHIJKL_" + "0".repeat(64))).isEmpty();
  }

  @Test
  void keysAreUnique() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      assertThat(seen.add(ApiKeyFormat.generate().prefix())).isTrue();
    }
  }
}
