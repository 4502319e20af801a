package io.redlocklab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.redlocklab.core.NodeOutcome.Status;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnreachableSentinelTest {

  @Test
  void sentinelsThatDoNotAnswerMakeTheNodeAnErrorNotACrash() {
    RedlockConfig config =
        RedlockConfig.builder()
            .sentinelNode("orders", List.of(RedisNode.of("127.0.0.1", 1)))
            .nodeTimeout(Duration.ofMillis(50))
            .build();

    // Creating the client asks no sentinel; the first call does, and fails like a dead node.
    try (Redlock client = Redlock.create(config)) {
      QuorumUnreachableException failure =
          catchThrowableOfType(
              QuorumUnreachableException.class, () -> client.acquire("r", Duration.ZERO));

      assertThat(failure.nodeOutcomes()).hasSize(1);
      NodeOutcome outcome = failure.nodeOutcomes().get(0);
      assertThat(outcome.node()).isEqualTo("sentinel:orders@127.0.0.1:1");
      assertThat(outcome.status()).isEqualTo(Status.ERROR);
      assertThat(outcome.detail()).contains("All sentinels down");
    }
  }
}
