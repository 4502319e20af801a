package io.redlocklab.harness.lockclient;

import io.redlocklab.core.MonotonicClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Lock-client contexts for the contract ITs, with the losses each client reported. */
final class Contexts {

  private Contexts() {}

  /** Losses reported through {@link LeaseEvents#lost}, as "value: why". */
  static final class Losses implements LeaseEvents {
    final List<String> lost = new CopyOnWriteArrayList<>();

    @Override
    public void requestsSent() {}

    @Override
    public void extended(String value, Long token, long believedUntilNanos) {}

    @Override
    public void lost(String value, Long token, String why) {
      lost.add(value + ": " + why);
    }
  }

  static LockClientContext of(
      int client, List<Endpoint> servers, Duration ttl, LeaseEvents events) {
    return new LockClientContext(
        client,
        servers,
        Optional.empty(),
        Map.of(),
        ttl,
        Duration.ofMillis(500),
        false,
        Duration.ofMillis(20),
        42 + client,
        MonotonicClock.system(),
        events);
  }
}
