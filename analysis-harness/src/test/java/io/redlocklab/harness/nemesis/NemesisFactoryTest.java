package io.redlocklab.harness.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redlocklab.harness.InputException;
import io.redlocklab.harness.cluster.Capability;
import io.redlocklab.harness.cluster.Topology;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NemesisFactoryTest {

  private static final long SCENARIO_MILLIS = 10_000;
  private static final Topology TOPOLOGY = Topology.builder().masters(5).clients(2).build();

  private static NemesisFactory factory(Set<Capability> capabilities) {
    return new NemesisFactory(TOPOLOGY, capabilities, SCENARIO_MILLIS);
  }

  /** As the scenario loader builds it: the entry's file:line in front. */
  private static Fault fromFile(FaultType type, String where) {
    return new Fault(type, 0, 100, 0, Map.of(), List.of(), where);
  }

  @Test
  void aBackendWithEveryCapabilityRunsEveryType() {
    List<Fault> faults =
        Arrays.stream(FaultType.values()).map(type -> fromFile(type, "s.yaml:1")).toList();

    assertThatCode(() -> factory(EnumSet.allOf(Capability.class)).validate(faults))
        .doesNotThrowAnyException();
  }

  @Test
  void onlyProcessAndServerClockFaultsNeedACapability() {
    NemesisFactory linksOnly = factory(EnumSet.noneOf(Capability.class));

    List<FaultType> refused =
        Arrays.stream(FaultType.values())
            .filter(
                type -> {
                  try {
                    linksOnly.validate(List.of(fromFile(type, "s.yaml:1")));
                    return false;
                  } catch (InputException e) {
                    return true;
                  }
                })
            .toList();

    assertThat(refused)
        .containsExactly(
            FaultType.PAUSE_NODE,
            FaultType.CRASH_NODE,
            FaultType.FAILOVER,
            FaultType.SENTINEL_FAILOVER,
            FaultType.CLOCK_JUMP,
            FaultType.CLOCK_DRIFT);
  }

  @Test
  void aBackendErrorCarriesTheFileAndLineOfTheFault() {
    Fault crash = fromFile(FaultType.CRASH_NODE, "scenarios/x.yaml:17 (faults[1] crash-node)");

    assertThatThrownBy(() -> factory(EnumSet.noneOf(Capability.class)).validate(List.of(crash)))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "scenarios/x.yaml:17 (faults[1] crash-node): the chosen backend cannot run it (it kills"
                + " and restarts server processes); use the local backend");
  }

  @Test
  void serverClockFaultsNeedABackendThatMovesClocks() {
    Fault jump = fromFile(FaultType.CLOCK_JUMP, "scenarios/x.yaml:9 (faults[0] clock-jump)");

    assertThatThrownBy(
            () -> factory(EnumSet.of(Capability.PROCESS_CONTROL)).validate(List.of(jump)))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "scenarios/x.yaml:9 (faults[0] clock-jump): the chosen backend cannot move server"
                + " clocks; use the local backend");
  }

  @Test
  void aFaultTakesOnlyTheKeysOfItsType() {
    assertThatThrownBy(
            () ->
                Fault.of(
                    FaultType.LATENCY, 0, 10, Map.of("nodes", 0, "latency_ms", 5, "jiter_ms", 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fault latency: latency takes no 'jiter_ms'");
  }

  @Test
  void kleppmannsViewsCutExactlyTheUnseenLinks() {
    // Client 0 sees A,B,C; client 1 sees C,D,E: C is the only node both reach.
    List<int[]> cut = NemesisFactory.cutLinks(List.of(List.of(0, 1, 2), List.of(2, 3, 4)), 5);

    assertThat(cut)
        .extracting(pair -> pair[0] + "-" + pair[1])
        .containsExactly("0-3", "0-4", "1-0", "1-1");
  }

  @Test
  void indicesAreReadAsTheReaderStoresThem() {
    Fault fault =
        Fault.of(FaultType.LATENCY, 0, 10, Map.of("nodes", List.of(3, 1), "clients", "all"));

    assertThat(fault.indices("nodes", 5)).containsExactly(3, 1);
    assertThat(fault.indices("clients", 3)).containsExactly(0, 1, 2);
    assertThat(Fault.of(FaultType.PAUSE_NODE, 0, 10, Map.of("nodes", 4)).indices("nodes", 5))
        .containsExactly(4);
  }

  @Test
  void namesTheSecondFaultOfATypeApart() {
    List<Fault> faults =
        List.of(
            Fault.of(FaultType.CLIENT_PAUSE, 0, 10, Map.of("point", "after-acquire")),
            Fault.of(FaultType.CLIENT_PAUSE, 20, 10, Map.of("point", "before-release")));

    assertThat(NemesisFactory.names(faults)).containsExactly("client-pause", "client-pause-2");
  }
}
