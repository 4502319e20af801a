package io.redlocklab.harness.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpsKilledTest {

  @Test
  void aKillRecordNamesItsClient() {
    assertThat(Ops.killedClient(Ops.clientKilled(5, "process-crash", 12, "at after-acquire")))
        .isEqualTo(12);
  }

  @Test
  void otherNemesisRecordsNameNoKilledClient() {
    assertThat(Ops.killedClient(HistoryRecord.nemesis(5, "process-pause", "client 0 SIGSTOP")))
        .isEqualTo(-1);
    assertThat(Ops.killedClient(HistoryRecord.nemesis(5, "x", "client x killed (SIGKILL)")))
        .isEqualTo(-1);
  }
}
