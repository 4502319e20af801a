package io.redlocklab.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redlocklab.core.RedisNode;
import io.redlocklab.harness.HarnessException;
import io.redlocklab.harness.history.HistoryRecord;
import io.redlocklab.harness.lockclient.Endpoint;
import io.redlocklab.harness.nemesis.PausePoint;
import io.redlocklab.harness.scenario.Workload;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ControlChannelTest {

  private static ControlMessage roundTrip(ControlMessage message) {
    String line = ControlChannel.encode(message);
    assertThat(line).doesNotContain("\n");
    return ControlChannel.decode(line);
  }

  @Test
  void aConfigCarriesTheWholeWorkloadAndTheEndpoints() {
    Workload workload =
        new Workload(
            3,
            Duration.ofMillis(1000),
            Duration.ofMillis(100),
            Duration.ofMillis(8000),
            5,
            -7,
            false,
            Duration.ofMillis(50),
            Duration.ofMillis(3000),
            true,
            "lock-set",
            Duration.ofMillis(100),
            true);
    ChildConfig config =
        ChildConfig.of(
            2,
            "redlock-5",
            List.of(new Endpoint("127.0.0.1", 7001), new Endpoint("127.0.0.1", 7002)),
            Optional.of("mymaster"),
            Map.of("127.0.0.1:7001", "127.0.0.1:7101"),
            new RedisNode("127.0.0.1", 7100, "secret"),
            workload,
            123_456_789L,
            0.5);

    ChildConfig back = roundTrip(ControlMessage.config(config)).config();

    assertThat(back).isEqualTo(config);
    assertThat(back.workload().workload()).isEqualTo(workload);
    assertThat(back.resourceNode()).isEqualTo(new RedisNode("127.0.0.1", 7100, "secret"));
  }

  @Test
  void aHistoryRecordKeepsItsTimeAndFields() {
    HistoryRecord record =
        new HistoryRecord(
            42L,
            "ok",
            "client-1",
            "acquire",
            "redlock-5",
            "lock-set",
            "v1",
            9L,
            99L,
            List.of("n0=OK"),
            null,
            "");

    assertThat(roundTrip(ControlMessage.record(record)).record()).isEqualTo(record);
  }

  @Test
  void pointsHellosAndGapsRoundTrip() {
    assertThat(roundTrip(ControlMessage.atPoint(ControlMessage.POINT, PausePoint.BEFORE_RELEASE)))
        .satisfies(m -> assertThat(m.pausePoint()).isEqualTo(PausePoint.BEFORE_RELEASE));
    assertThat(roundTrip(ControlMessage.hello(3, 77L, 1234L)))
        .isEqualTo(ControlMessage.hello(3, 77L, 1234L));
    assertThat(roundTrip(ControlMessage.resumed(PausePoint.AFTER_ACQUIRE, 2_500_000_000L)).nanos())
        .isEqualTo(2_500_000_000L);
    assertThat(roundTrip(ControlMessage.rate(2.0)).rate()).isEqualTo(2.0);
  }

  @Test
  void aLineThatIsNoMessageIsOneClearError() {
    assertThatThrownBy(() -> ControlChannel.decode("{\"kind\":\"go\",\"bogus\":1}"))
        .isInstanceOf(HarnessException.class)
        .hasMessageStartingWith("not a control message");
  }
}
