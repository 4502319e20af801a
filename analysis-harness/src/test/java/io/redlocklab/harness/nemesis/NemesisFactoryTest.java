package io.redlocklab.harness.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redlocklab.harness.InputException;
import io.redlocklab.harness.cluster.Capability;
import io.redlocklab.harness.cluster.Topology;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NemesisFactoryTest {

  private static final long SCENARIO_MILLIS = 10_000;
  private final Topology fiveNodesTwoClients = Topology.builder().masters(5).clients(2).build();
  private final NemesisFactory factory =
      new NemesisFactory(fiveNodesTwoClients, EnumSet.allOf(Capability.class), SCENARIO_MILLIS);

  private static Map<String, Object> entry(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  private void assertRejected(Map<String, Object> entry, String message) {
    assertThatThrownBy(() -> factory.validate(List.of(Fault.fromMap(entry))))
        .isInstanceOf(InputException.class)
        .hasMessage(message);
  }

  @Test
  void acceptsOneOfEachType() {
    Topology topology =
        Topology.builder().masters(3).clients(2).replicas(true).serverClocks(true).build();
    NemesisFactory all =
        new NemesisFactory(topology, EnumSet.allOf(Capability.class), SCENARIO_MILLIS);
    List<Fault> faults =
        List.of(
            Fault.fromMap(
                entry(
                    "type",
                    "partition",
                    "at_ms",
                    0,
                    "duration_ms",
                    100,
                    "nodes",
                    List.of(0),
                    "clients",
                    List.of(1))),
            Fault.fromMap(
                entry(
                    "type",
                    "partition",
                    "at_ms",
                    0,
                    "duration_ms",
                    100,
                    "sees",
                    List.of(List.of(0, 1), List.of(1, 2)),
                    "mode",
                    "drop")),
            Fault.fromMap(
                entry(
                    "type",
                    "latency",
                    "at_ms",
                    0,
                    "duration_ms",
                    100,
                    "nodes",
                    "all",
                    "latency_ms",
                    50,
                    "jitter_ms",
                    10,
                    "direction",
                    "both")),
            Fault.fromMap(
                entry("type", "lost-replies", "at_ms", 0, "duration_ms", 100, "nodes", 1)),
            Fault.fromMap(
                entry(
                    "type",
                    "reset-peer",
                    "at_ms",
                    0,
                    "duration_ms",
                    100,
                    "nodes",
                    List.of(2),
                    "timeout_ms",
                    10)),
            Fault.fromMap(
                entry("type", "pause-node", "at_ms", 0, "duration_ms", 100, "nodes", List.of(0))),
            Fault.fromMap(
                entry("type", "crash-node", "at_ms", 0, "duration_ms", 0, "nodes", List.of(0))),
            Fault.fromMap(entry("type", "failover", "at_ms", 0, "nodes", List.of(0))),
            Fault.fromMap(
                entry(
                    "type",
                    "cut-replication",
                    "at_ms",
                    0,
                    "duration_ms",
                    100,
                    "nodes",
                    List.of(0))),
            Fault.fromMap(
                entry(
                    "type",
                    "clock-jump",
                    "at_ms",
                    0,
                    "duration_ms",
                    100,
                    "nodes",
                    List.of(0),
                    "jump_ms",
                    -5000)),
            Fault.fromMap(
                entry(
                    "type",
                    "clock-drift",
                    "at_ms",
                    0,
                    "duration_ms",
                    100,
                    "nodes",
                    List.of(0),
                    "rate",
                    1.5)),
            Fault.fromMap(
                entry("type", "client-clock", "at_ms", 0, "duration_ms", 100, "rate", 0.5)),
            Fault.fromMap(
                entry(
                    "type",
                    "client-pause",
                    "at_ms",
                    0,
                    "duration_ms",
                    100,
                    "point",
                    "during-acquire",
                    "pause_ms",
                    500)),
            Fault.fromMap(
                entry(
                    "type",
                    "resource-delay",
                    "at_ms",
                    0,
                    "duration_ms",
                    100,
                    "clients",
                    List.of(0),
                    "latency_ms",
                    300)));

    assertThatCode(() -> all.validate(faults)).doesNotThrowAnyException();
    assertThat(faults.stream().map(Fault::type).distinct())
        .containsExactlyInAnyOrderElementsOf(NemesisFactory.TYPES);
  }

  @Test
  void rejectsAnUnknownType() {
    assertRejected(
        entry("type", "meteor", "at_ms", 0, "duration_ms", 10),
        "faults[0] (meteor): unknown type; use one of " + String.join(", ", NemesisFactory.TYPES));
  }

  @Test
  void rejectsANodeThatDoesNotExist() {
    assertRejected(
        entry("type", "partition", "at_ms", 0, "duration_ms", 10, "nodes", List.of(1, 5)),
        "faults[0] (partition): node 5 does not exist (nodes are 0..4)");
  }

  @Test
  void rejectsAClientThatDoesNotExist() {
    assertRejected(
        entry(
            "type",
            "partition",
            "at_ms",
            0,
            "duration_ms",
            10,
            "nodes",
            List.of(1),
            "clients",
            List.of(2)),
        "faults[0] (partition): client 2 does not exist (clients are 0..1)");
  }

  @Test
  void rejectsARateOfZeroOrLess() {
    assertRejected(
        entry("type", "client-clock", "at_ms", 0, "duration_ms", 10, "rate", 0),
        "faults[0] (client-clock): rate must be > 0 (and at most 1000), was 0");
    assertRejected(
        entry("type", "client-clock", "at_ms", 0, "duration_ms", 10, "rate", -1.5),
        "faults[0] (client-clock): rate must be > 0 (and at most 1000), was -1.5");
  }

  @Test
  void rejectsAPauseLongerThanTheScenario() {
    assertRejected(
        entry(
            "type",
            "client-pause",
            "at_ms",
            0,
            "duration_ms",
            100,
            "point",
            "after-acquire",
            "pause_ms",
            20_000),
        "faults[0] (client-pause): pause_ms 20000 is longer than the scenario (10000 ms)");
    assertRejected(
        entry("type", "pause-node", "at_ms", 0, "duration_ms", 20_000, "nodes", List.of(0)),
        "faults[0] (pause-node): duration_ms 20000 is longer than the scenario (10000 ms)");
  }

  @Test
  void rejectsFailoverWithoutReplicas() {
    assertRejected(
        entry("type", "failover", "at_ms", 0, "nodes", List.of(0)),
        "faults[0] (failover): needs replicas: set replicas on in the topology");
    assertRejected(
        entry("type", "cut-replication", "at_ms", 0, "duration_ms", 10, "nodes", List.of(0)),
        "faults[0] (cut-replication): needs replicas: set replicas on in the topology");
  }

  @Test
  void rejectsClockFaultsWithoutServerClocks() {
    assertRejected(
        entry(
            "type",
            "clock-jump",
            "at_ms",
            0,
            "duration_ms",
            10,
            "nodes",
            List.of(0),
            "jump_ms",
            100),
        "faults[0] (clock-jump): needs server clocks: the topology must start its servers under the"
            + " clock shim");
  }

  @Test
  void rejectsProcessFaultsOnABackendWithoutProcessControl() {
    NemesisFactory external =
        new NemesisFactory(fiveNodesTwoClients, EnumSet.noneOf(Capability.class), SCENARIO_MILLIS);

    assertThatThrownBy(
            () ->
                external.validate(
                    List.of(
                        Fault.fromMap(
                            entry("type", "crash-node", "at_ms", 0, "nodes", List.of(0))))))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "faults[0] (crash-node): the chosen backend cannot run it (it kills and restarts server"
                + " processes); use the local backend");
  }

  @Test
  void rejectsUnknownKeysSoTyposDoNotBecomeDefaults() {
    assertRejected(
        entry(
            "type",
            "latency",
            "at_ms",
            0,
            "duration_ms",
            10,
            "nodes",
            List.of(0),
            "latency_ms",
            5,
            "jiter_ms",
            2),
        "faults[0] (latency): unknown key 'jiter_ms'");
  }

  @Test
  void rejectsMissingOrBadValues() {
    assertRejected(
        entry("type", "latency", "at_ms", 0, "duration_ms", 10, "nodes", List.of(0)),
        "faults[0] (latency): 'latency_ms' is missing");
    assertRejected(
        entry("type", "partition", "at_ms", 0, "duration_ms", 10),
        "faults[0] (partition): 'nodes' is missing (a list of node indices, or all)");
    assertRejected(
        entry("type", "partition", "at_ms", 0, "nodes", List.of(0)),
        "faults[0] (partition): duration_ms must be > 0");
    assertRejected(
        entry("type", "partition", "at_ms", 10_000, "duration_ms", 10, "nodes", List.of(0)),
        "faults[0] (partition): at_ms 10000 is not before the end of the scenario (10000 ms)");
    assertRejected(
        entry(
            "type",
            "latency",
            "at_ms",
            0,
            "duration_ms",
            10,
            "nodes",
            List.of(0),
            "latency_ms",
            5,
            "direction",
            "sideways"),
        "faults[0] (latency): direction must be one of downstream, upstream, both, was 'sideways'");
    assertRejected(
        entry(
            "type", "client-pause", "at_ms", 0, "duration_ms", 10, "pause_ms", 5, "point", "lunch"),
        "faults[0] (client-pause): point must be one of after-acquire, during-acquire,"
            + " before-release, was 'lunch'");
    assertRejected(
        entry("type", "clock-jump", "at_ms", 0, "duration_ms", 10, "nodes", List.of(0)),
        "faults[0] (clock-jump): needs server clocks: the topology must start its servers under the"
            + " clock shim");
  }

  @Test
  void rejectsBadCommonKeys() {
    assertThatThrownBy(() -> Fault.fromMap(entry("type", "partition", "at_ms", -1)))
        .isInstanceOf(InputException.class)
        .hasMessage("fault partition: at_ms must be >= 0, was -1");
    assertThatThrownBy(
            () ->
                Fault.fromMap(
                    entry(
                        "type",
                        "partition",
                        "at_ms",
                        0,
                        "duration_ms",
                        100,
                        "repeat_every_ms",
                        100)))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "fault partition: repeat_every_ms must be greater than duration_ms (100), was 100");
    assertThatThrownBy(() -> Fault.fromMap(entry("at_ms", 0)))
        .isInstanceOf(InputException.class)
        .hasMessage("fault: 'type' is missing");
    assertThatThrownBy(() -> Fault.fromMap(entry("type", "partition", "at_ms", "soon")))
        .isInstanceOf(InputException.class)
        .hasMessage("fault partition: at_ms must be a whole number of ms, was 'soon'");
  }

  @Test
  void kleppmannsViewsCutExactlyTheUnseenLinks() {
    // Client 0 sees A,B,C; client 1 sees C,D,E: C is the only node both reach.
    FaultParams params =
        new FaultParams("test", Map.of("sees", List.of(List.of(0, 1, 2), List.of(2, 3, 4))));

    List<int[]> cut = params.cutLinksFromViews("sees", 2, 5);

    assertThat(cut)
        .extracting(pair -> pair[0] + "-" + pair[1])
        .containsExactly("0-3", "0-4", "1-0", "1-1");
  }

  @Test
  void kleppmannsViewsAlsoAsAMapByClient() {
    FaultParams params = new FaultParams("test", Map.of("sees", Map.of(1, List.of(2, 3, 4))));

    assertThat(params.cutLinksFromViews("sees", 2, 5))
        .extracting(pair -> pair[0] + "-" + pair[1])
        .containsExactly("1-0", "1-1");
  }

  @Test
  void failoverCannotRepeat() {
    Topology replicated = Topology.builder().masters(3).replicas(true).build();
    NemesisFactory withReplicas =
        new NemesisFactory(replicated, EnumSet.allOf(Capability.class), SCENARIO_MILLIS);

    assertThatThrownBy(
            () ->
                withReplicas.validate(
                    List.of(
                        Fault.fromMap(
                            entry(
                                "type",
                                "failover",
                                "at_ms",
                                0,
                                "duration_ms",
                                10,
                                "repeat_every_ms",
                                1000,
                                "nodes",
                                List.of(0))))))
        .isInstanceOf(InputException.class)
        .hasMessage("faults[0] (failover): cannot repeat: a node has one replica to promote");
  }

  @Test
  void namesTheSecondFaultOfATypeApart() {
    List<Fault> faults =
        List.of(
            Fault.of("client-pause", 0, 10, Map.of("point", "after-acquire", "pause_ms", 5)),
            Fault.of("client-pause", 20, 10, Map.of("point", "before-release", "pause_ms", 5)));

    assertThat(NemesisFactory.names(faults)).containsExactly("client-pause", "client-pause-2");
  }
}
