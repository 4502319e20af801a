package io.redlocklab.examples;

import io.redlocklab.core.FencingMode;
import io.redlocklab.core.Lease;
import io.redlocklab.core.LockTakenException;
import io.redlocklab.core.RedisNode;
import io.redlocklab.core.Redlock;
import io.redlocklab.core.RedlockConfig;
import java.time.Duration;
import java.util.List;

/** The README's library example, compiled and run by {@code QuickStartIT}. */
public final class QuickStart {

  private QuickStart() {}

  public static long protectedWork(List<RedisNode> masters) {
    // README:begin
    RedlockConfig config =
        RedlockConfig.builder()
            .nodes(masters) // N independent masters, e.g. 5
            .ttl(Duration.ofSeconds(10))
            .nodeTimeout(Duration.ofMillis(50))
            .fencing(FencingMode.QUORUM) // tokens for a resource that checks them
            .build();

    try (Redlock redlock = Redlock.create(config);
        Lease lease = redlock.acquire("invoice-42", Duration.ofSeconds(2))) {
      if (lease.remainingValidity().compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalStateException("too little validity left to start");
      }
      long token = lease.fencingToken().orElseThrow();
      // ... write to the protected resource, passing `token` so it can reject stale writers ...
      return token;
    } catch (LockTakenException busy) {
      // someone else holds it; busy.nodeOutcomes() tells what each node said
      return -1;
    }
    // README:end
  }
}
