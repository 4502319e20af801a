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
 * Turns fault entries (docs/FAULTS.md) into nemeses. Validation needs only the topology, the
 * backend's capabilities and the scenario's length, so a scenario is rejected with a one-line
 * {@link InputException} before any process starts; building the nemeses then needs the running
 * cluster.
 */
public final class NemesisFactory {

  /** Every fault type, in the order of docs/FAULTS.md. */
  public static final List<String> TYPES =
      List.of(
          "partition",
          "latency",
          "lost-replies",
          "reset-peer",
          "pause-node",
          "crash-node",
          "failover",
          "cut-replication",
          "clock-jump",
          "clock-drift",
          "client-clock",
          "client-pause",
          "resource-delay");

  private static final long MAX_LATENCY_MILLIS = 600_000;

  /** A validated fault, waiting for the running cluster. */
  @FunctionalInterface
  private interface Recipe {
    Nemesis create(String name, NemesisContext context);
  }

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

  /** Checks every fault; the first problem is a one-line {@link InputException}. Starts nothing. */
  public void validate(List<Fault> faults) {
    recipes(faults);
  }

  /** One nemesis, named after its type. */
  public Nemesis create(Fault fault, NemesisContext context) {
    return parse(fault, "fault " + fault.type()).create(fault.type(), context);
  }

  /**
   * The faults as a timeline over the scenario, not started yet. Names are the types; a type used
   * again gets a suffix ({@code partition}, {@code partition-2}).
   */
  public Timeline timeline(List<Fault> faults, NemesisContext context) {
    List<Recipe> recipes = recipes(faults);
    List<String> names = names(faults);
    List<Timeline.Entry> entries = new ArrayList<>();
    for (int i = 0; i < faults.size(); i++) {
      Fault fault = faults.get(i);
      entries.add(
          new Timeline.Entry(
              recipes.get(i).create(names.get(i), context),
              fault.atMillis(),
              fault.durationMillis(),
              fault.repeatEveryMillis()));
    }
    return new Timeline(entries, scenarioMillis, context.clock());
  }

  /** Every fault checked and parsed, before any nemesis exists. */
  private List<Recipe> recipes(List<Fault> faults) {
    List<Recipe> recipes = new ArrayList<>();
    for (int i = 0; i < faults.size(); i++) {
      recipes.add(parse(faults.get(i), where(i, faults.get(i))));
    }
    return recipes;
  }

  static List<String> names(List<Fault> faults) {
    Map<String, Integer> seen = new HashMap<>();
    List<String> names = new ArrayList<>();
    for (Fault fault : faults) {
      int count = seen.merge(fault.type(), 1, Integer::sum);
      names.add(count == 1 ? fault.type() : fault.type() + "-" + count);
    }
    return names;
  }

  private static String where(int index, Fault fault) {
    return "faults[" + index + "] (" + fault.type() + ")";
  }

  private Recipe parse(Fault fault, String where) {
    FaultParams p = new FaultParams(where, fault.params());
    if (!TYPES.contains(fault.type())) {
      throw p.error("unknown type; use one of " + String.join(", ", TYPES));
    }
    checkTiming(fault, p);
    int nodes = topology.masters();
    int clients = topology.clients();
    Recipe recipe =
        switch (fault.type()) {
          case "partition" -> {
            List<int[]> cut =
                p.has("sees")
                    ? p.cutLinksFromViews("sees", clients, nodes)
                    : pairs(
                        p.indices("nodes", nodes, "node"),
                        p.indicesOrAll("clients", clients, "client"));
            if (p.has("sees") && (p.has("nodes") || p.has("clients"))) {
              throw p.error("give either 'sees' or 'nodes'/'clients', not both");
            }
            if (cut.isEmpty()) {
              throw p.error("'sees' leaves every link up: nothing to cut");
            }
            boolean drop = p.choice("mode", "refuse", "refuse", "drop").equals("drop");
            yield (name, context) -> new PartitionNemesis(name, context, cut, drop);
          }
          case "latency" -> {
            List<int[]> links =
                pairs(
                    p.indices("nodes", nodes, "node"),
                    p.indicesOrAll("clients", clients, "client"));
            long latency = p.millis("latency_ms", 1, MAX_LATENCY_MILLIS);
            long jitter = p.millis("jitter_ms", 0, latency, 0);
            Set<Link.Direction> directions =
                directions(p.choice("direction", "downstream", "downstream", "upstream", "both"));
            yield (name, context) ->
                new LatencyNemesis(
                    name, context, LinkSelection.clientNodes(links), latency, jitter, directions);
          }
          case "lost-replies" -> {
            List<int[]> links =
                pairs(
                    p.indices("nodes", nodes, "node"),
                    p.indicesOrAll("clients", clients, "client"));
            yield (name, context) ->
                new LostRepliesNemesis(name, context, LinkSelection.clientNodes(links));
          }
          case "reset-peer" -> {
            List<int[]> links =
                pairs(
                    p.indices("nodes", nodes, "node"),
                    p.indicesOrAll("clients", clients, "client"));
            long timeout = p.millis("timeout_ms", 0, 60_000, 0);
            yield (name, context) ->
                new ResetPeerNemesis(name, context, LinkSelection.clientNodes(links), timeout);
          }
          case "pause-node" -> {
            requires(p, Capability.PROCESS_CONTROL, "signals server processes");
            List<Integer> targets = p.indices("nodes", nodes, "node");
            yield (name, context) -> new PauseNodeNemesis(name, context, targets);
          }
          case "crash-node" -> {
            requires(p, Capability.PROCESS_CONTROL, "kills and restarts server processes");
            List<Integer> targets = p.indices("nodes", nodes, "node");
            yield (name, context) -> new CrashNodeNemesis(name, context, targets);
          }
          case "failover" -> {
            requires(p, Capability.PROCESS_CONTROL, "kills the master");
            requiresReplicas(p);
            if (fault.repeatEveryMillis() > 0) {
              throw p.error("cannot repeat: a node has one replica to promote");
            }
            List<Integer> targets = p.indices("nodes", nodes, "node");
            yield (name, context) -> new FailoverNemesis(name, context, targets);
          }
          case "cut-replication" -> {
            requiresReplicas(p);
            List<Integer> targets = p.indices("nodes", nodes, "node");
            yield (name, context) -> new CutReplicationNemesis(name, context, targets);
          }
          case "clock-jump" -> {
            requiresServerClocks(p);
            List<Integer> targets = p.indices("nodes", nodes, "node");
            long jump = p.millis("jump_ms", -86_400_000L, 86_400_000L);
            if (jump == 0) {
              throw p.error("jump_ms must not be 0");
            }
            yield (name, context) -> ServerClockNemesis.jump(name, context, targets, jump);
          }
          case "clock-drift" -> {
            requiresServerClocks(p);
            List<Integer> targets = p.indices("nodes", nodes, "node");
            double rate = p.rate("rate");
            yield (name, context) -> ServerClockNemesis.drift(name, context, targets, rate);
          }
          case "client-clock" -> {
            List<Integer> targets = p.indicesOrAll("clients", clients, "client");
            double rate = p.rate("rate");
            yield (name, context) -> new ClientClockNemesis(name, context, targets, rate);
          }
          case "client-pause" -> {
            List<Integer> targets = p.indicesOrAll("clients", clients, "client");
            PausePoint point =
                PausePoint.parse(p.choice("point", null, PausePoint.ids()), p::error);
            long pause = p.millis("pause_ms", 1, Long.MAX_VALUE);
            if (pause > scenarioMillis) {
              throw p.error(
                  "pause_ms " + pause + " is longer than the scenario (" + scenarioMillis + " ms)");
            }
            yield (name, context) -> new ClientPauseNemesis(name, context, targets, point, pause);
          }
          case "resource-delay" -> {
            List<Integer> targets = p.indicesOrAll("clients", clients, "client");
            long latency = p.millis("latency_ms", 1, MAX_LATENCY_MILLIS);
            long jitter = p.millis("jitter_ms", 0, latency, 0);
            yield (name, context) ->
                new LatencyNemesis(
                    name,
                    context,
                    LinkSelection.resource(targets),
                    latency,
                    jitter,
                    EnumSet.of(Link.Direction.UPSTREAM));
          }
          default -> throw new IllegalStateException(fault.type());
        };
    p.rejectUnread();
    return recipe;
  }

  private void checkTiming(Fault fault, FaultParams p) {
    if (fault.atMillis() >= scenarioMillis) {
      throw p.error(
          "at_ms "
              + fault.atMillis()
              + " is not before the end of the scenario ("
              + scenarioMillis
              + " ms)");
    }
    if (fault.durationMillis() > scenarioMillis) {
      throw p.error(
          "duration_ms "
              + fault.durationMillis()
              + " is longer than the scenario ("
              + scenarioMillis
              + " ms)");
    }
    boolean zeroAllowed = fault.type().equals("crash-node") || fault.type().equals("failover");
    if (!zeroAllowed && fault.durationMillis() == 0) {
      throw p.error("duration_ms must be > 0");
    }
  }

  private void requires(FaultParams p, Capability capability, String why) {
    if (!capabilities.contains(capability)) {
      throw p.error("the chosen backend cannot run it (it " + why + "); use the local backend");
    }
  }

  private void requiresReplicas(FaultParams p) {
    if (!topology.replicas()) {
      throw p.error("needs replicas: set replicas on in the topology");
    }
  }

  private void requiresServerClocks(FaultParams p) {
    if (!capabilities.contains(Capability.SERVER_CLOCK)) {
      throw p.error("the chosen backend cannot move server clocks; use the local backend");
    }
    if (!topology.serverClocks()) {
      throw p.error(
          "needs server clocks: the topology must start its servers under the clock shim");
    }
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
