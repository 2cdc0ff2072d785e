package dev.minirag.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrencyLimitTest {

  @Test
  void refusesWith503AndRetryAfterWhenEverySlotIsTaken() {
    ConcurrencyLimit limit =
        new ConcurrencyLimit(2, Duration.ZERO, Duration.ofSeconds(7), "busy, come back");
    ConcurrencyLimit.Permit a = limit.acquire();
    ConcurrencyLimit.Permit b = limit.acquire();

    ApiException e = catchThrowableOfType(ApiException.class, limit::acquire);

    assertThat(e.status()).isEqualTo(503);
    assertThat(e.getMessage()).isEqualTo("busy, come back");
    assertThat(e.messageIsPublic()).isTrue();
    assertThat(e.headers()).containsEntry("Retry-After", "7");
    a.close();
    b.close();
  }

  @Test
  void closingAPermitTwiceGivesBackOneSlot() {
    ConcurrencyLimit limit = new ConcurrencyLimit(2, Duration.ZERO, Duration.ofSeconds(1), "busy");
    ConcurrencyLimit.Permit a = limit.acquire();
    limit.acquire();

    a.close();
    a.close();

    assertThat(limit.available()).isEqualTo(1);
  }

  @Test
  void aCallerWaitsForASlotFreedWithinTheWait() throws Exception {
    ConcurrencyLimit limit =
        new ConcurrencyLimit(1, Duration.ofSeconds(5), Duration.ofSeconds(1), "busy");
    ConcurrencyLimit.Permit held = limit.acquire();
    CompletableFuture<ConcurrencyLimit.Permit> waiter =
        CompletableFuture.supplyAsync(limit::acquire);
    Thread.sleep(100);
    assertThat(waiter).isNotDone();

    held.close();

    waiter.get(5, TimeUnit.SECONDS).close();
    assertThat(limit.available()).isEqualTo(1);
  }
}
