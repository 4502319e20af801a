package io.redlocklab.harness.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redlocklab.harness.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlHistoryTest {

  @TempDir Path dir;

  private static final HistoryRecord FULL =
      new HistoryRecord(
          42,
          HistoryRecord.OK,
          "client-1",
          Ops.ACQUIRE,
          "redlock-5",
          "lock-set",
          "9f3a",
          17L,
          1_000_042L,
          List.of("node0=OK", "node1=TIMEOUT"),
          null,
          "");

  @Test
  void writesOneRecordPerLineAndReadsItBack() throws Exception {
    Path file = dir.resolve("h.jsonl");
    HistoryRecord nemesis = HistoryRecord.nemesis(50, "partition", "start: cut c0-n1");
    try (JsonlHistoryWriter writer = JsonlHistoryWriter.open(file)) {
      writer.append(FULL);
      writer.append(nemesis);
      assertThat(writer.lines()).isEqualTo(2);
    }

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .startsWith("{")
        .contains("\"leaseValue\":\"9f3a\"")
        .doesNotContain("\"value\"")
        .doesNotContain("null");
    assertThat(JsonlHistory.read(file)).containsExactly(FULL, nemesis);
  }

  @Test
  void gzipsWhenTheNameSaysSo() throws Exception {
    Path file = dir.resolve("h.jsonl.gz");
    try (JsonlHistoryWriter writer = JsonlHistoryWriter.open(file)) {
      writer.append(FULL);
    }
    byte[] bytes = Files.readAllBytes(file);
    assertThat(bytes[0] & 0xff).isEqualTo(0x1f);
    assertThat(JsonlHistory.read(file)).containsExactly(FULL);
  }

  @Test
  void concurrentAppendsEachGetTheirOwnLine() throws Exception {
    Path file = dir.resolve("h.jsonl");
    int threads = 8;
    int each = 500;
    try (JsonlHistoryWriter writer = JsonlHistoryWriter.open(file)) {
      List<Thread> started = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int client = t;
        Thread thread =
            new Thread(
                () -> {
                  for (int i = 0; i < each; i++) {
                    writer.append(
                        new HistoryRecord(
                            i,
                            HistoryRecord.INVOKE,
                            Ops.client(client),
                            Ops.WRITE,
                            "m",
                            "r",
                            "v",
                            null,
                            null,
                            List.of(),
                            "c" + client + "-" + i,
                            null));
                  }
                });
        started.add(thread);
        thread.start();
      }
      for (Thread thread : started) {
        thread.join();
      }
    }
    List<HistoryRecord> records = JsonlHistory.read(file);
    assertThat(records).hasSize(threads * each);
    Set<String> elements = new HashSet<>();
    records.forEach(r -> elements.add(r.value()));
    assertThat(elements).hasSize(threads * each);
  }

  @Test
  void aBrokenLineIsReportedWithItsLineNumber() throws Exception {
    Path file = dir.resolve("h.jsonl");
    Files.writeString(
        file,
        "{\"timeNanos\":1,\"type\":\"ok\",\"process\":\"client-0\",\"op\":\"acquire\"}\n"
            + "\n{not json\n");

    assertThatThrownBy(() -> JsonlHistory.read(file))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith(file + ":3: not a history record");
  }

  @Test
  void aMissingFileIsBadInput() {
    assertThatThrownBy(() -> JsonlHistory.read(dir.resolve("nope.jsonl")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("no such history file");
  }

  @Test
  void memorySinkAndTeeKeepEveryRecordInOrder() {
    MemorySink a = new MemorySink();
    MemorySink b = new MemorySink();
    HistorySink both = HistorySinks.tee(a, b);
    both.append(FULL);
    both.append(HistoryRecord.nemesis(1, "x", "stop"));

    assertThat(a.records()).isEqualTo(b.records()).hasSize(2);
    assertThat(a.records().get(0)).isEqualTo(FULL);
  }
}
