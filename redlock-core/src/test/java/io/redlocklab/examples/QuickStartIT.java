package io.redlocklab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.core.RedisNode;
import io.redlocklab.testkit.RedisNodes;
import io.redlocklab.testkit.WithRedisNodes;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@WithRedisNodes(count = 5)
class QuickStartIT {

  @Test
  void theReadmeExampleAcquiresAFencedLeaseAndReleasesIt(RedisNodes nodes) {
    List<RedisNode> masters =
        IntStream.range(0, nodes.size())
            .mapToObj(i -> RedisNode.of("127.0.0.1", nodes.node(i).proxyPort()))
            .toList();

    long first = QuickStart.protectedWork(masters);
    long second = QuickStart.protectedWork(masters);

    assertThat(first).isPositive();
    assertThat(second).isGreaterThan(first);
  }
}
