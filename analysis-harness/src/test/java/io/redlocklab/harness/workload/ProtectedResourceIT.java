package io.redlocklab.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.redlocklab.core.RedisNode;
import io.redlocklab.harness.workload.ProtectedResource.Result;
import io.redlocklab.testkit.RedisNodes;
import io.redlocklab.testkit.WithRedisNodes;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fenced resource check: newest (token, value) wins; older tokens and a second holder at the
 * same token are rejected.
 */
@WithRedisNodes(count = 1)
class ProtectedResourceIT {

  @Test
  void rejectsOlderTokensAndASecondHolderAtTheSameToken(RedisNodes nodes) {
    RedisNode endpoint = RedisNode.of("127.0.0.1", nodes.node(0).proxyPort());
    try (ProtectedResource first = new ProtectedResource(endpoint, "r", Duration.ofSeconds(2));
        ProtectedResource second = new ProtectedResource(endpoint, "r", Duration.ofSeconds(2))) {
      assertThat(first.write(5L, "lease-a", Set.of("a1"))).isInstanceOf(Result.Applied.class);
      assertThat(first.read(5L, "lease-a")).isEqualTo(new Result.Applied(Set.of("a1")));

      assertThat(second.write(4L, "lease-old", Set.of("x")))
          .isInstanceOf(Result.Fenced.class)
          .extracting(r -> ((Result.Fenced) r).why())
          .asString()
          .startsWith("stale token 4 < 5");
      assertThat(second.read(5L, "lease-b"))
          .isInstanceOf(Result.Fenced.class)
          .extracting(r -> ((Result.Fenced) r).why())
          .asString()
          .contains("second holder at token 5");

      assertThat(second.write(6L, "lease-b", Set.of("a1", "b1")))
          .isInstanceOf(Result.Applied.class);
      assertThat(first.write(5L, "lease-a", Set.of("a1", "a2"))).isInstanceOf(Result.Fenced.class);
      assertThat(
              ProtectedResource.finalElements(
                  RedisNode.of("127.0.0.1", nodes.node(0).directPort()), "r"))
          .containsExactlyInAnyOrder("a1", "b1");
    }
  }

  @Test
  void unfencedAccessIsPlainReadAndWrite(RedisNodes nodes) {
    RedisNode endpoint = RedisNode.of("127.0.0.1", nodes.node(0).proxyPort());
    try (ProtectedResource client =
        new ProtectedResource(endpoint, "plain", Duration.ofSeconds(2))) {
      assertThat(client.read(null, "v")).isEqualTo(new Result.Applied(Set.of()));
      client.write(null, "v", Set.of("e1"));
      assertThat(client.read(null, "other")).isEqualTo(new Result.Applied(Set.of("e1")));
    }
  }

  @Test
  void aCutLinkIsAFailureNotAnUnknownOutcome(RedisNodes nodes) throws Exception {
    nodes.node(0).proxy().disable();
    RedisNode endpoint = RedisNode.of("127.0.0.1", nodes.node(0).proxyPort());
    try (ProtectedResource client =
        new ProtectedResource(endpoint, "cut", Duration.ofMillis(500))) {
      assertThat(client.write(null, "v", Set.of("e1"))).isInstanceOf(Result.Failed.class);
    }
  }
}
