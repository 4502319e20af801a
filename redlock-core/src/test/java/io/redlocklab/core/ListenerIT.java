package io.redlocklab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redlocklab.testkit.RedisNodes;
import io.redlocklab.testkit.WithRedisNodes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

@WithRedisNodes(count = 3)
class ListenerIT {

  @Test
  void reportsEveryLeaseEventWithTheStateAfterIt(RedisNodes nodes) {
    List<String> events = new CopyOnWriteArrayList<>();
    RedlockListener listener =
        new RedlockListener() {
          @Override
          public void acquired(Lease lease) {
            events.add("acquired " + lease.resource());
          }

          @Override
          public void acquireFailed(String resource, RedlockException reason) {
            events.add("failed " + resource + " " + reason.getClass().getSimpleName());
          }

          @Override
          public void requestsSent(String resource) {
            events.add("sent " + resource);
          }

          @Override
          public void extended(Lease lease) {
            events.add(
                "extended "
                    + (lease.remainingValidity().toMillis() > 20_000
                        ? "to the new ttl"
                        : "too early"));
          }

          @Override
          public void released(Lease lease, int nodesReleased) {
            events.add("released " + nodesReleased);
          }
        };
    RedlockConfig.Builder config =
        new Cluster(nodes).config().ttl(Duration.ofSeconds(5)).nodeTimeout(Duration.ofMillis(200));
    try (Redlock client = Redlock.create(config.listener(listener).build());
        Redlock rival = Redlock.create(new Cluster(nodes).config().build())) {
      Lease lease = client.acquire("observed", Duration.ZERO);
      lease.extend(Duration.ofSeconds(30));
      try (Lease held = rival.acquire("taken", Duration.ZERO)) {
        assertThatThrownBy(() -> client.acquire("taken", Duration.ZERO))
            .isInstanceOf(LockTakenException.class);
      }
      lease.release();
    }

    assertThat(events)
        .containsExactly(
            "sent observed",
            "acquired observed",
            "extended to the new ttl",
            "sent taken",
            "failed taken LockTakenException",
            "released 3");
  }
}
