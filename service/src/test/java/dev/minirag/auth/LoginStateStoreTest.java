package dev.minirag.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LoginStateStoreTest {

  private static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-12-05T12:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final TestClock clock = new TestClock();

  @Test
  void aFloodFromOneAddressDropsOnlyThatAddressesOldestLogins() {
    LoginStateStore store = new LoginStateStore(clock, 10, 100);
    store.put("alice-login", "192.0.2.10", "state", "s-alice");
    store.put("bob-login", "198.51.100.7", "state", "s-bob");

    for (int i = 0; i < 5_000; i++) {
      store.put("flood-" + i, "203.0.113.66", "state", "x");
    }

    assertThat(store.get("alice-login", "state")).contains("s-alice");
    assertThat(store.get("bob-login", "state")).contains("s-bob");
    assertThat(store.size()).isEqualTo(12);
    // the flooder keeps only its ten newest
    assertThat(store.contains("flood-4989")).isFalse();
    assertThat(IntStream.range(4990, 5000).allMatch(i -> store.contains("flood-" + i))).isTrue();
  }

  @Test
  void anIpv6SubscriberCountsAsOneClientWhateverAddressOfItsSlash64ItUses() {
    LoginStateStore store = new LoginStateStore(clock, 10, 100);
    store.put("victim", "2001:db8:aaaa:1::5", "state", "v");
    for (int i = 0; i < 1_000; i++) {
      store.put("flood-" + i, "2001:db8:bbbb:2:" + Integer.toHexString(i) + "::1", "state", "x");
    }
    assertThat(store.get("victim", "state")).contains("v");
    assertThat(store.size()).isEqualTo(11);
    assertThat(LoginStateStore.clientKey("[2001:db8:bbbb:2::1]"))
        .isEqualTo(LoginStateStore.clientKey("2001:db8:bbbb:2:ffff::9"));
  }

  @Test
  void pastTheOverallCapTheOldestLoginGoesFirstNotEveryone() {
    LoginStateStore store = new LoginStateStore(clock, 10, 50);
    List<String> ids = IntStream.range(0, 60).mapToObj(i -> "login-" + i).toList();
    for (int i = 0; i < ids.size(); i++) {
      store.put(ids.get(i), "10.0.0." + i, "state", "s" + i);
    }
    assertThat(store.size()).isEqualTo(50);
    assertThat(store.contains("login-9")).isFalse();
    assertThat(store.get("login-10", "state")).contains("s10");
    assertThat(store.get("login-59", "state")).contains("s59");
  }

  @Test
  void aLoginExpiresAfterTenMinutesAndIsPurgedByTheNextOne() {
    LoginStateStore store = new LoginStateStore(clock, 10, 50);
    store.put("old", "10.0.0.1", "state", "s");
    store.put("old", "10.0.0.1", "nonce", "n");
    assertThat(store.get("old", "nonce")).contains("n");
    clock.now = clock.now.plus(LoginStateStore.TTL).plus(Duration.ofSeconds(1));
    assertThat(store.get("old", "state")).isEmpty();
    store.put("new", "10.0.0.1", "state", "s2");
    assertThat(store.contains("old")).isFalse();
    assertThat(store.size()).isEqualTo(1);
  }
}
