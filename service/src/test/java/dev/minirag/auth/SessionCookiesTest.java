package dev.minirag.auth;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionCookiesTest {

  @Test
  void aSecureSessionCookieCarriesTheHostPrefixWithPathRootAndNoDomain() {
    SessionCookies cookies = new SessionCookies(true);
    NewCookie c = cookies.session("tok", Duration.ofHours(1));
    assertThat(c.getName()).isEqualTo("__Host-minirag_session");
    assertThat(cookies.sessionName()).isEqualTo("__Host-minirag_session");
    assertThat(c.isSecure()).isTrue();
    assertThat(c.getPath()).isEqualTo("/");
    assertThat(c.getDomain()).isNull();
    assertThat(cookies.expireSession().getName()).isEqualTo("__Host-minirag_session");
    assertThat(cookies.expireSession().isSecure()).isTrue();
  }

  @Test
  void aPlainHttpSessionCookieKeepsThePlainName() {
    SessionCookies cookies = new SessionCookies(false);
    NewCookie c = cookies.session("tok", Duration.ofHours(1));
    assertThat(c.getName()).isEqualTo("minirag_session");
    assertThat(cookies.sessionName()).isEqualTo("minirag_session");
    assertThat(c.isSecure()).isFalse();
    assertThat(cookies.expireSession().getName()).isEqualTo("minirag_session");
  }

  @Test
  void aSecureLoginStateCookieCarriesTheHostPrefixWithPathRootAndNoDomain() {
    SessionCookies cookies = new SessionCookies(true);
    NewCookie c = cookies.loginState("login-id");
    assertThat(c.getName()).isEqualTo("__Host-minirag_login");
    assertThat(cookies.loginStateName()).isEqualTo("__Host-minirag_login");
    assertThat(c.isSecure()).isTrue();
    assertThat(c.isHttpOnly()).isTrue();
    assertThat(c.getPath()).isEqualTo("/");
    assertThat(c.getDomain()).isNull();
    assertThat(cookies.expireLoginState().getName()).isEqualTo("__Host-minirag_login");
    assertThat(cookies.expireLoginState().isSecure()).isTrue();
  }

  @Test
  void aPlainHttpLoginStateCookieKeepsThePlainName() {
    SessionCookies cookies = new SessionCookies(false);
    assertThat(cookies.loginState("login-id").getName()).isEqualTo("minirag_login");
    assertThat(cookies.loginState("login-id").isSecure()).isFalse();
    assertThat(cookies.expireLoginState().getName()).isEqualTo("minirag_login");
  }
}
