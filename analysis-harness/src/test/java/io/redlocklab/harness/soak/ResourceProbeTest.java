package io.redlocklab.harness.soak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Clients per node: only connections that stayed (2 s or more) count. */
class ResourceProbeTest {

  private static String client(int id, int age) {
    return "id="
        + id
        + " addr=127.0.0.1:5"
        + id
        + " laddr=127.0.0.1:6379 fd=8 name= age="
        + age
        + " idle=0 flags=N db=0 cmd=client|list user=default\n";
  }

  @Test
  void countsOnlyConnectionsAtLeastTwoSecondsOld() {
    String list = client(1, 40) + client(2, 2) + client(3, 1) + client(4, 0) + client(5, 0);

    assertThat(ResourceProbe.settledClients(list)).isEqualTo(2);
  }

  @Test
  void aBurstOfFreshConnectionsAfterAResumeIsNotCountedButOldOnesAre() {
    StringBuilder list = new StringBuilder(client(1, 12));
    for (int id = 2; id < 140; id++) {
      list.append(client(id, 0));
    }
    assertThat(ResourceProbe.settledClients(list.toString())).isEqualTo(1);

    StringBuilder leaked = new StringBuilder();
    for (int id = 1; id < 140; id++) {
      leaked.append(client(id, 30));
    }
    assertThat(ResourceProbe.settledClients(leaked.toString())).isEqualTo(139);
  }

  @Test
  void idleIsNotMistakenForAge() {
    assertThat(ResourceProbe.settledClients("id=1 age=0 idle=99 flags=N\n")).isZero();
  }
}
