package io.redlocklab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redlocklab.core.NodeOutcome.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RepliesTest {

  @Test
  void numbersAndNilMapToOkAndRefused() {
    assertThat(Replies.counted(7L)).isEqualTo(7L);
    assertThat(Replies.counted(null)).isNull();
    assertThat(Replies.applied(1L)).isEqualTo(1L);
    assertThat(Replies.applied(0L)).isNull();
    assertThat(Replies.setNx("OK")).isEqualTo(1L);
    assertThat(Replies.setNx(null)).isNull();
  }

  @Test
  void anyOtherShapeIsASurpriseNotARefusal() {
    assertThatThrownBy(() -> Replies.counted("7")).hasMessageContaining("unexpected reply 7");
    assertThatThrownBy(() -> Replies.applied(2L)).hasMessageContaining("expected 0 or 1");
    assertThatThrownBy(() -> Replies.applied(null)).isInstanceOf(RedlockException.class);
    assertThatThrownBy(() -> Replies.setNx("QUEUED")).hasMessageContaining("OK or nil");
  }

  @Test
  void aSurpriseBecomesAnErrorOutcome() {
    NodeConnection node =
        new NodeConnection(RedisNode.of("127.0.0.1", 1), Duration.ofMillis(50), 1);
    try (node) {
      NodeReply reply =
          node.call(
              0,
              MonotonicClock.system(),
              (n, redis) -> Replies.counted("surprise"),
              NodeConnection.Delivery.AT_MOST_ONCE);
      assertThat(reply.outcome().status()).isEqualTo(Status.ERROR);
      assertThat(reply.outcome().detail()).contains("unexpected reply surprise");
    }
  }
}
