package io.redlocklab.harness.nemesis;

import io.redlocklab.harness.InputException;
import io.redlocklab.harness.cluster.Capability;
import io.redlocklab.harness.cluster.Link;
import io.redlocklab.harness.cluster.Topology;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns faults into nemeses. A {@link Fault} from a scenario file is already checked against the
 * scenario; what is left is what the chosen backend can do, so {@link #validate} rejects a scenario
 * with a one-line {@link InputException} (prefixed with the entry's {@code file:line}) before any
 * process starts. Building the nemeses then needs the running cluster.
 */
public final class NemesisFactory {

  private final Topology topology;
  private final Set<Capability> capabilities;
  private final long scenarioMillis;

  /**
   * @param capabilities what the chosen backend can do ({@code ClusterBackend.capabilities()})
   * @param scenarioMillis how long the workload runs
   */
  public NemesisFactory(Topology topology, Set<Capability> capabilities, long scenarioMillis) {
    if (scenarioMillis <= 0) {
      throw new InputException("scenario duration must be > 0 ms, was " + scenarioMillis);
    }
    this.topology = topology;
    this.capabilities =
        capabilities.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(capabilities);
    this.scenarioMillis = scenarioMillis;
  }

  /** Checks that the backend can run every fault; starts nothing. */
  public void validate(List<Fault> faults) {
    faults.forEach(this::checkBackend);
  }

  /** One nemesis, named after its type. */
  public Nemesis create(Fault fault, NemesisContext context) {
    checkBackend(fault);
    return nemesis(fault, fault.type().id(), context);
  }

  /**
   * The faults as a timeline over the scenario, not started yet. Names are the types; a type used
   * again gets a suffix ({@code partition}, {@code partition-2}).
   */
  public Timeline timeline(List<Fault> faults, NemesisContext context) {
    validate(faults);
    List<String> names = names(faults);
    List<Timeline.Entry> entries = new ArrayList<>();
    for (int i = 0; i < faults.size(); i++) {
      Fault fault = faults.get(i);
      entries.add(
          new Timeline.Entry(
              nemesis(fault, names.get(i), context),
              fault.atMillis(),
              fault.durationMillis(),
              fault.repeatEveryMillis()));
    }
    return new Timeline(entries, scenarioMillis, context.clock());
  }

  static List<String> names(List<Fault> faults) {
    Map<FaultType, Integer> seen = new HashMap<>();
    List<String> names = new ArrayList<>();
    for (Fault fault : faults) {
      int count = seen.merge(fault.type(), 1, Integer::sum);
      names.add(count == 1 ? fault.type().id() : fault.type().id() + "-" + count);
    }
    return names;
  }

  private void checkBackend(Fault fault) {
    fault
        .type()
        .capability()
        .filter(capability -> !capabilities.contains(capability))
        .ifPresent(
            capability -> {
              throw new InputException(
                  fault.where()
                      + ": the chosen backend cannot "
                      + does(fault.type())
                      + "; use the"
                      + " local backend");
            });
  }

  /** What a type does that needs a backend capability, for the error message. */
  private static String does(FaultType type) {
    return switch (type) {
      case PAUSE_NODE -> "run it (it signals server processes)";
      case CRASH_NODE -> "run it (it kills and restarts server processes)";
      case FAILOVER, SENTINEL_FAILOVER -> "run it (it kills the master)";
      default -> "move server clocks";
    };
  }

  private Nemesis nemesis(Fault fault, String name, NemesisContext context) {
    int nodes = topology.masters();
    int clients = topology.clients();
    return switch (fault.type()) {
      case PARTITION -> {
        boolean drop = fault.text("mode", "refuse").equals("drop");
        if (fault.has("sees")) {
          List<int[]> cut = cutLinks(fault.views(), nodes);
          yield new PartitionNemesis(name, context, cluster -> cut, drop);
        }
        NodeTarget target = NodeTarget.of(fault, nodes);
        List<Integer> cutClients = fault.indices("clients", clients);
        yield new PartitionNemesis(
            name, context, cluster -> pairs(target.resolve(cluster), cutClients), drop);
      }
      case LATENCY ->
          new LatencyNemesis(
              name,
              context,
              LinkSelection.clientNodes(clientNodePairs(fault)),
              fault.millis("latency_ms", 0),
              fault.millis("jitter_ms", 0),
              directions(fault.text("direction", "downstream")));
      case LOST_REPLIES ->
          new LostRepliesNemesis(name, context, LinkSelection.clientNodes(clientNodePairs(fault)));
      case RESET_PEER ->
          new ResetPeerNemesis(
              name,
              context,
              LinkSelection.clientNodes(clientNodePairs(fault)),
              fault.millis("timeout_ms", 0));
      case PAUSE_NODE -> new PauseNodeNemesis(name, context, NodeTarget.of(fault, nodes));
      case CRASH_NODE -> new CrashNodeNemesis(name, context, NodeTarget.of(fault, nodes));
      case FAILOVER -> new FailoverNemesis(name, context, fault.indices("nodes", nodes));
      case SENTINEL_FAILOVER ->
          new SentinelFailoverNemesis(
              name,
              context,
              SentinelFailoverNemesis.How.of(fault.text("how", "kill")),
              fault.indices("clients", clients));
      case CUT_REPLICATION ->
          new CutReplicationNemesis(name, context, fault.indices("nodes", nodes));
      case REPLICA_LAG ->
          new LatencyNemesis(
              name,
              context,
              LinkSelection.replication(fault.indices("nodes", nodes)),
              fault.millis("latency_ms", 0),
              fault.millis("jitter_ms", 0),
              EnumSet.of(Link.Direction.DOWNSTREAM));
      case CLOCK_JUMP ->
          ServerClockNemesis.jump(
              name, context, fault.indices("nodes", nodes), fault.millis("jump_ms", 0));
      case CLOCK_DRIFT ->
          ServerClockNemesis.drift(
              name, context, fault.indices("nodes", nodes), fault.number("rate"));
      case CLIENT_CLOCK ->
          new ClientClockNemesis(
              name, context, fault.indices("clients", clients), fault.number("rate"));
      case CLIENT_PAUSE ->
          new ClientPauseNemesis(
              name,
              context,
              fault.indices("clients", clients),
              PausePoint.of(fault.text("point", null)),
              fault.millis("pause_ms", 0));
      case PROCESS_PAUSE ->
          new ProcessPauseNemesis(
              name,
              context,
              fault.indices("clients", clients),
              fault.pausePoint().orElse(null),
              fault.millis("pause_ms", 0));
      case PROCESS_CRASH ->
          new ProcessCrashNemesis(
              name, context, fault.indices("clients", clients), fault.pausePoint().orElseThrow());
      case RESOURCE_DELAY ->
          new LatencyNemesis(
              name,
              context,
              LinkSelection.resource(fault.indices("clients", clients)),
              fault.millis("latency_ms", 0),
              fault.millis("jitter_ms", 0),
              EnumSet.of(Link.Direction.UPSTREAM));
    };
  }

  /** Every (client, node) link of the fault's {@code nodes} and {@code clients}. */
  private List<int[]> clientNodePairs(Fault fault) {
    return pairs(
        fault.indices("nodes", topology.masters()), fault.indices("clients", topology.clients()));
  }

  /**
   * Client k (list position) keeps the links to the nodes of {@code views[k]}; the rest are cut.
   */
  static List<int[]> cutLinks(List<List<Integer>> views, int nodes) {
    List<int[]> cut = new ArrayList<>();
    for (int client = 0; client < views.size(); client++) {
      for (int node = 0; node < nodes; node++) {
        if (!views.get(client).contains(node)) {
          cut.add(new int[] {client, node});
        }
      }
    }
    return cut;
  }

  private static List<int[]> pairs(List<Integer> nodes, List<Integer> clients) {
    List<int[]> pairs = new ArrayList<>();
    for (int client : clients) {
      for (int node : nodes) {
        pairs.add(new int[] {client, node});
      }
    }
    return pairs;
  }

  private static Set<Link.Direction> directions(String direction) {
    return switch (direction) {
      case "upstream" -> EnumSet.of(Link.Direction.UPSTREAM);
      case "both" -> EnumSet.allOf(Link.Direction.class);
      default -> EnumSet.of(Link.Direction.DOWNSTREAM);
    };
  }
}
