package dev.minirag.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthConfigTest {
  private static AuthConfig config(Map<String, Object> values) {
    return new ObjectMapper().convertValue(values, AuthConfig.class);
  }

  @Test
  void insecureCookiesOnlyForPlainHttpLocalhost() {
    assertThatCode(
            () ->
                config(Map.of("cookieSecure", false, "publicBaseUrl", "http://localhost:8080"))
                    .validate())
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                config(Map.of("cookieSecure", false, "publicBaseUrl", "http://127.0.0.1:8080"))
                    .validate())
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                config(Map.of("cookieSecure", false, "publicBaseUrl", "https://rag.example.com"))
                    .validate())
        .hasMessageContaining("MINIRAG_COOKIE_SECURE");
    assertThatThrownBy(
            () ->
                config(Map.of("cookieSecure", false, "publicBaseUrl", "http://rag.example.com"))
                    .validate())
        .hasMessageContaining("MINIRAG_COOKIE_SECURE");
    assertThatCode(() -> config(Map.of("publicBaseUrl", "https://rag.example.com")).validate())
        .doesNotThrowAnyException();
  }
}
