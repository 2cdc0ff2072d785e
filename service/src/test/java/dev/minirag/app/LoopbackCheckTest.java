package dev.minirag.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoopbackCheckTest {

  @Test
  void onlyLoopbackAddressesCount() {
    assertThat(LoopbackCheck.isLoopback("127.0.0.1")).isTrue();
    assertThat(LoopbackCheck.isLoopback("::1")).isTrue();
    assertThat(LoopbackCheck.isLoopback("localhost")).isTrue();
    assertThat(LoopbackCheck.isLoopback("0.0.0.0")).isFalse();
    assertThat(LoopbackCheck.isLoopback("10.1.2.3")).isFalse();
    assertThat(LoopbackCheck.isLoopback("")).isFalse();
    assertThat(LoopbackCheck.isLoopback(null)).as("no bind host means every interface").isFalse();
  }
}
