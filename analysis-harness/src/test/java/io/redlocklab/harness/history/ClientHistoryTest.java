package io.redlocklab.harness.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientHistoryTest {

  @Test
  void writesTheConventionsOpsDescribes() {
    MemorySink sink = new MemorySink();
    AtomicLong clock = new AtomicLong();
    ClientHistory client =
        new ClientHistory(sink, clock::incrementAndGet, 2, "redlock-5", "lock-set");

    client.acquireInvoked();
    client.acquired("v1", 7L, 500L, List.of("node0=OK"));
    client.readInvoked("v1", 7L);
    client.readOk("v1", 7L, 3);
    client.writeInvoked("v1", 7L, "c2-1");
    client.fenced(Ops.WRITE, "v1", 7L, "c2-1", "newer (8, ab) seen");
    client.skipped(Ops.WRITE, "v1", 7L, "3 ms validity left");
    client.releaseInvoked("v1", 7L);
    client.released("v1", 7L, "released on 5 nodes");

    List<HistoryRecord> records = sink.records();
    assertThat(records).extracting(HistoryRecord::process).containsOnly("client-2");
    assertThat(records)
        .extracting(HistoryRecord::timeNanos)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(records.get(1).validUntilNanos()).isEqualTo(500);
    assertThat(records.get(3).detail()).isEqualTo("size=3");
    assertThat(Ops.isFencedRejection(records.get(5))).isTrue();
    assertThat(records.get(5).value()).isEqualTo("c2-1");
    assertThat(Ops.isSkipped(records.get(6))).isTrue();
    assertThat(records.get(6).detail()).isEqualTo("skipped: 3 ms validity left");
    assertThat(Ops.isSkipped(records.get(5))).isFalse();
  }

  @Test
  void elementsRoundTripAndRejectCommas() {
    assertThat(Ops.splitElements(Ops.joinElements(List.of("c0-1", "c1-2"))))
        .containsExactly("c0-1", "c1-2");
    assertThat(Ops.splitElements("")).isEmpty();
    assertThat(Ops.splitElements(null)).isEmpty();
    assertThatThrownBy(() -> Ops.joinElements(List.of("a,b")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void runHeaderAndFinalReadAreWorkloadRecords() {
    HistoryRecord header = Ops.runStarted(1, "gc-pause", "redlock-5", 606);
    HistoryRecord finalRead = Ops.finalRead(2, "redlock-5", "lock-set", List.of("c0-1"));

    assertThat(header.detail()).isEqualTo("scenario=gc-pause mode=redlock-5 seed=606");
    assertThat(finalRead.process()).isEqualTo(Ops.WORKLOAD);
    assertThat(finalRead.op()).isEqualTo(Ops.FINAL_READ);
    assertThat(finalRead.value()).isEqualTo("c0-1");
  }
}
