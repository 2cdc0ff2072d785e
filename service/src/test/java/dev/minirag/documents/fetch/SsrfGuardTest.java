package dev.minirag.documents.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SsrfGuardTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.8.9.10",
        "10.0.0.1",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.1.1",
        "169.254.169.254",
        "169.254.0.1",
        "100.64.0.1",
        "100.127.255.254",
        "0.0.0.0",
        "0.1.2.3",
        "224.0.0.1",
        "239.255.255.250",
        "255.255.255.255",
        "240.0.0.1",
        "192.0.2.1",
        "198.18.0.1",
        "192.0.0.192",
        "::",
        "::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "::ffff:10.0.0.1",
        "::127.0.0.1",
        "64:ff9b::a9fe:a9fe",
        "2002:7f00:1::",
        "fe80::1",
        "fc00::1",
        "fd00:ec2::254",
        "fec0::1",
        "ff02::1",
        "2001:db8::1",
        "2001:0:4136:e378::1"
      })
  void refusesNonPublicAddresses(String address) throws UnknownHostException {
    assertThat(SsrfGuard.isPublic(InetAddress.getByName(address))).as(address).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "93.184.216.34",
        "8.8.8.8",
        "1.1.1.1",
        "172.32.0.1",
        "100.128.0.1",
        "192.169.0.1",
        "2606:4700:4700::1111",
        "2a00:1450:4001:80b::200e",
        "::ffff:8.8.8.8",
        "64:ff9b::808:808"
      })
  void admitsPublicAddresses(String address) throws UnknownHostException {
    assertThat(SsrfGuard.isPublic(InetAddress.getByName(address))).as(address).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1/",
        "http://localhost:8080/admin",
        "http://[::1]/",
        "http://0.0.0.0/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fd00:ec2::254]/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://2130706433/",
        "https://10.1.2.3:8443/x"
      })
  void refusesUrlsThatReachInside(String url) {
    SsrfGuard guard = new SsrfGuard(List.of());

    assertThatThrownBy(() -> guard.check(URI.create(url)))
        .as(url)
        .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("cannot be fetched");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://example.com/file",
        "file:///etc/passwd",
        "gopher://example.com/",
        "/relative/path",
        "http://user:pass@example.com/",
        "mailto:someone@example.com",
        "http:///nohost",
        "http://127.1/" // java.net.URI finds no host in it; refused before any lookup
      })
  void refusesInvalidUrls(String url) {
    SsrfGuard guard = new SsrfGuard(List.of());

    assertThatThrownBy(() -> guard.check(URI.create(url)))
        .as(url)
        .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void allowListAdmitsCidrsAddressesAndHostNames() {
    assertThat(new SsrfGuard(List.of("127.0.0.0/8")).check(URI.create("http://127.0.0.1/")))
        .containsExactly(InetAddress.getLoopbackAddress());
    assertThat(new SsrfGuard(List.of("127.0.0.1")).check(URI.create("http://127.0.0.1:9/")))
        .hasSize(1);
    assertThat(new SsrfGuard(List.of("LOCALHOST")).check(URI.create("http://localhost/")))
        .isNotEmpty();
    assertThat(new SsrfGuard(List.of("::1/128")).check(URI.create("http://[::1]/"))).hasSize(1);

    SsrfGuard onlyTen = new SsrfGuard(List.of("10.0.0.0/8"));
    assertThat(onlyTen.check(URI.create("http://10.9.8.7/"))).hasSize(1);
    assertThatThrownBy(() -> onlyTen.check(URI.create("http://127.0.0.1/")))
        .isInstanceOf(FetchException.class);
  }

  @Test
  void unresolvableHostIsABadGateway() {
    assertThatThrownBy(
            () -> new SsrfGuard(List.of()).check(URI.create("http://no-such-host.invalid/")))
        .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.status()).isEqualTo(502))
        .hasMessageContaining("could not be resolved");
  }
}
