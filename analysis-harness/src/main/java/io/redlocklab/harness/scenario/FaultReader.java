package io.redlocklab.harness.scenario;

import io.redlocklab.harness.Errors;
import io.redlocklab.harness.mode.LockMode;
import io.redlocklab.harness.nemesis.Fault;
import io.redlocklab.harness.nemesis.FaultType;
import io.redlocklab.harness.nemesis.NodeTarget;
import io.redlocklab.harness.nemesis.PausePoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one {@code faults:} entry against the vocabulary of {@link FaultType} (docs/FAULTS.md): its
 * type, keys and value types, and its node and client indices against every mode it applies to.
 * Every check that depends on the file happens here, once, with the file:line of the offending
 * value; the nemesis factory checks only what the chosen backend can do.
 */
final class FaultReader {

  private static final long MAX_MS = 3_600_000;
  private static final long MAX_LATENCY_MS = 600_000;

  private final List<LockMode> scenarioModes;
  private final int clients;
  private final long scenarioMillis;
  private final boolean replicas;
  private final boolean processClients;

  FaultReader(
      List<LockMode> scenarioModes,
      int clients,
      long scenarioMillis,
      boolean replicas,
      boolean processClients) {
    this.scenarioModes = scenarioModes;
    this.clients = clients;
    this.scenarioMillis = scenarioMillis;
    this.replicas = replicas;
    this.processClients = processClients;
  }

  Fault read(YamlNode entry, int index) {
    entry.requireMapping("type: ..., at_ms: ..., and the type's keys (docs/FAULTS.md)");
    FaultType type = FaultType.of(entry.require("type", "a fault type").choice(FaultType.ids()));
    List<String> allowed = new ArrayList<>(FaultType.COMMON_KEYS);
    allowed.addAll(type.keys());
    entry.rejectUnknownKeys(allowed);
    String where = entry.where() + " (faults[" + index + "] " + type + ")";
    checkClientKind(entry, type);

    long at = entry.require("at_ms", "ms from the start of the workload").integer(0, MAX_MS);
    if (at >= scenarioMillis) {
      throw entry
          .get("at_ms")
          .error(
              "at_ms " + at + " is not before the end of the workload",
              "less than duration_ms " + scenarioMillis);
    }
    YamlNode durationNode = entry.get("duration_ms");
    if (durationNode == null && !type.allowsZeroDuration()) {
      throw entry.error(
          "fault " + type + " has no 'duration_ms'", "'duration_ms': how long it lasts");
    }
    long duration =
        durationNode == null
            ? 0
            : durationNode.integer(type.allowsZeroDuration() ? 0 : 1, scenarioMillis);
    YamlNode repeatNode = entry.get("repeat_every_ms");
    long repeat = repeatNode == null ? 0 : repeatNode.integer(duration + 1, MAX_MS);
    if (repeat > 0 && !type.canRepeat()) {
      throw repeatNode.error(type + " cannot repeat", "no repeat_every_ms (one replica per node)");
    }

    List<LockMode> modes = modes(entry.get("modes"));
    int minNodes = modes.stream().mapToInt(LockMode::nodes).min().orElse(1);
    if (type.needsReplicas()) {
      for (LockMode mode : modes) {
        if (!replicas && !mode.needsReplica()) {
          throw entry
              .keyNode("type")
              .error(
                  type + " needs replicas but mode " + mode.id() + " has none",
                  "topology: {replicas: true}, or 'modes:' limited to modes with replicas");
        }
      }
    }

    Map<String, Object> params = new LinkedHashMap<>();
    for (String key : type.keys()) {
      YamlNode value = entry.get(key);
      if (value != null) {
        params.put(key, param(type, key, value, minNodes, modes));
      }
    }
    checkCombination(entry, type, params, modes);
    checkSplitBrain(entry, type, params);
    List<String> modeIds =
        entry.has("modes") ? modes.stream().map(LockMode::id).toList() : List.of();
    return new Fault(type, at, duration, repeat, params, modeIds, where);
  }

  /** A split brain keeps some clients, never none or all, on the old master's side. */
  private void checkSplitBrain(YamlNode entry, FaultType type, Map<String, Object> params) {
    if (type != FaultType.SENTINEL_FAILOVER) {
      return;
    }
    boolean splitBrain = "split-brain".equals(params.get("how"));
    Object side = params.get("clients");
    if (splitBrain && side == null) {
      throw entry
          .keyNode("how")
          .error(
              "sentinel-failover how: split-brain names no clients to stay with the old master",
              "clients: [0] (some, not all, of the " + clients + " clients)");
    }
    if (!splitBrain && side != null) {
      throw entry
          .keyNode("clients")
          .error(
              "sentinel-failover takes 'clients' only with how: split-brain",
              "how: split-brain, or no 'clients'");
    }
    if (splitBrain
        && ("all".equals(side) || side instanceof List<?> list && list.size() >= clients)) {
      throw entry
          .get("clients")
          .error(
              "a split brain leaves every client with the old master: none follows the new one",
              "fewer than all " + clients + " clients");
    }
  }

  /** Process faults need client processes; a thread pause cannot reach into a child JVM. */
  private void checkClientKind(YamlNode entry, FaultType type) {
    if (type.needsProcessClients() && !processClients) {
      throw entry
          .keyNode("type")
          .error(
              type + " acts on client processes but the clients run as threads",
              "workload: {clients_as: processes}");
    }
    if (type == FaultType.CLIENT_PAUSE && processClients) {
      throw entry
          .keyNode("type")
          .error(
              "client-pause parks a harness thread but the clients run as processes",
              "process-pause, or workload: {clients_as: threads}");
    }
  }

  private List<LockMode> modes(YamlNode node) {
    if (node == null) {
      return scenarioModes;
    }
    List<String> ids = scenarioModes.stream().map(LockMode::id).toList();
    List<LockMode> modes = new ArrayList<>();
    for (YamlNode item : node.items("mode ids of this scenario")) {
      String id = item.choice(ids);
      modes.add(scenarioModes.get(ids.indexOf(id)));
    }
    if (modes.isEmpty()) {
      throw node.error("'modes' is empty", "at least one mode id of this scenario");
    }
    return modes;
  }

  private Object param(
      FaultType type, String key, YamlNode value, int minNodes, List<LockMode> modes) {
    return switch (key) {
      case "nodes" -> isLeader(value) ? leader(type, value) : nodeIndices(value, minNodes, modes);
      case "clients" -> indices(value, clients, "client", null);
      case "sees" -> views(value, minNodes, modes);
      case "latency_ms" -> value.integer(1, MAX_LATENCY_MS);
      case "jitter_ms" -> value.integer(0, MAX_LATENCY_MS);
      case "timeout_ms" -> value.integer(0, 60_000);
      case "pause_ms" -> value.integer(1, scenarioMillis);
      case "jump_ms" -> nonZero(value, value.integer(-86_400_000L, 86_400_000L));
      case "rate" -> value.number(1e-3, 1000, "a clock rate > 0 (1 = real time)");
      case "direction" -> value.choice(List.of("downstream", "upstream", "both"));
      case "point" -> value.choice(PausePoint.ids());
      case "mode" -> value.choice(List.of("refuse", "drop"));
      case "how" -> value.choice(List.of("kill", "isolate", "split-brain"));
      default -> throw new IllegalStateException(key);
    };
  }

  /** {@code nodes}: like {@link #indices}, but a word other than all or leader says both. */
  private static Object nodeIndices(YamlNode value, int count, List<LockMode> modes) {
    if (value.isScalar()) {
      String text = value.string("node indices");
      if (!text.equals("all") && !text.matches("[+]?[0-9_]+")) {
        throw value.error(
            "'nodes' is the text '" + Errors.printable(text, YamlSource.MAX_QUOTED) + "'",
            "node indices, all, or leader");
      }
    }
    return indices(value, count, "node", modes);
  }

  private static boolean isLeader(YamlNode value) {
    return value.isScalar() && NodeTarget.LEADER.equals(value.string("leader"));
  }

  /** {@code nodes: leader}: the node is chosen by its role when the fault starts. */
  private static Object leader(FaultType type, YamlNode value) {
    if (!NodeTarget.CHOOSES_LEADER.contains(type)) {
      throw value.error(
          type + " cannot choose its node by role",
          "node indices or all; 'nodes: leader' is for "
              + String.join(", ", NodeTarget.CHOOSES_LEADER.stream().map(FaultType::id).toList()));
    }
    return NodeTarget.LEADER;
  }

  /** {@code all}, one index or a list of distinct indices below {@code count}. */
  private static Object indices(YamlNode value, int count, String what, List<LockMode> modes) {
    if (value.isScalar() && "all".equals(value.string("all"))) {
      return "all";
    }
    List<YamlNode> items = value.isSequence() ? value.items(what + " indices") : List.of(value);
    if (items.isEmpty()) {
      throw value.error("the list of " + what + "s is empty", what + " indices or all");
    }
    List<Integer> indices = new ArrayList<>();
    for (YamlNode item : items) {
      int index = (int) item.integer(0, Integer.MAX_VALUE);
      if (index >= count) {
        throw item.error(
            what + " " + index + " does not exist" + inModes(what, modes),
            what + " indices 0.." + (count - 1) + " (or 'modes:' to limit the fault)");
      }
      if (indices.contains(index)) {
        throw item.error(what + " " + index + " is named twice", "distinct indices");
      }
      indices.add(index);
    }
    return value.isSequence() ? List.copyOf(indices) : indices.get(0);
  }

  /** {@code sees}: per client (list position), the nodes it can still reach. */
  private Object views(YamlNode value, int nodes, List<LockMode> modes) {
    List<YamlNode> perClient =
        value.items("per client, the nodes it reaches, e.g. [[0,1,2],[2,3,4]]");
    if (perClient.isEmpty() || perClient.size() > clients) {
      throw value.error(
          "'sees' has " + perClient.size() + " views for " + clients + " clients",
          "1.." + clients + " lists of node indices");
    }
    List<Object> views = new ArrayList<>();
    for (YamlNode view : perClient) {
      if (view.isScalar() && "all".equals(view.string("node indices"))) {
        throw view.error(
            "a view in 'sees' is 'all'", "the list of node indices the client reaches");
      }
      Object nodesSeen = indices(view, nodes, "node", modes);
      views.add(nodesSeen instanceof List<?> ? nodesSeen : List.of(nodesSeen));
    }
    return List.copyOf(views);
  }

  private static String inModes(String what, List<LockMode> modes) {
    if (modes == null || !what.equals("node")) {
      return "";
    }
    return " in every mode ("
        + String.join(", ", modes.stream().map(m -> m.id() + " has " + m.nodes()).toList())
        + ")";
  }

  private static long nonZero(YamlNode node, long value) {
    if (value == 0) {
      throw node.error("jump_ms is 0", "a non-zero jump in ms (negative = backwards)");
    }
    return value;
  }

  /** The rules that involve more than one key. */
  private static void checkCombination(
      YamlNode entry, FaultType type, Map<String, Object> params, List<LockMode> modes) {
    type.missingKey(params.keySet())
        .ifPresent(
            key -> {
              throw entry.error(
                  "fault " + type + " has no '" + key + "'", "'" + key + "' (docs/FAULTS.md)");
            });
    if (type == FaultType.PROCESS_PAUSE
        && params.containsKey("point") != params.containsKey("pause_ms")) {
      throw entry.error(
          "process-pause gives "
              + (params.containsKey("point") ? "'point'" : "'pause_ms'")
              + " without the other",
          "'point' and 'pause_ms' (stop at the point), or neither (stopped for duration_ms)");
    }
    if (params.containsKey("jitter_ms")
        && (long) params.get("jitter_ms") > (long) params.get("latency_ms")) {
      throw entry
          .get("jitter_ms")
          .error(
              "jitter_ms "
                  + params.get("jitter_ms")
                  + " is more than latency_ms "
                  + params.get("latency_ms"),
              "a jitter in 0..latency_ms");
    }
    if (params.containsKey("sees")) {
      if (params.containsKey("nodes") || params.containsKey("clients")) {
        throw entry
            .keyNode("sees")
            .error(
                "partition gives both 'sees' and 'nodes'/'clients'",
                "either 'sees' or 'nodes' (+ 'clients')");
      }
      for (LockMode mode : modes) {
        if (!cutsALink((List<?>) params.get("sees"), mode.nodes())) {
          throw entry
              .get("sees")
              .error(
                  "'sees' leaves every link up in mode " + mode.id() + ": nothing to cut",
                  "views that leave out at least one node");
        }
      }
    }
  }

  private static boolean cutsALink(List<?> views, int nodes) {
    return views.stream().anyMatch(view -> ((List<?>) view).size() < nodes);
  }
}
