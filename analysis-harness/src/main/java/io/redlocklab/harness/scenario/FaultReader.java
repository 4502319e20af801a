package io.redlocklab.harness.scenario;

import io.redlocklab.harness.mode.LockMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one {@code faults:} entry against docs/FAULTS.md: its type, keys and value types, and its
 * node and client indices against every mode it applies to. The nemesis factory checks the rest
 * (backend capabilities) before anything starts.
 */
final class FaultReader {

  /** Every fault type and its type-specific keys, in the order of docs/FAULTS.md. */
  static final Map<String, List<String>> KEYS = keys();

  static final List<String> COMMON =
      List.of("type", "at_ms", "duration_ms", "repeat_every_ms", "modes");

  private static final long MAX_MS = 3_600_000;

  private final List<LockMode> scenarioModes;
  private final int clients;
  private final long scenarioMillis;
  private final boolean replicas;

  FaultReader(List<LockMode> scenarioModes, int clients, long scenarioMillis, boolean replicas) {
    this.scenarioModes = scenarioModes;
    this.clients = clients;
    this.scenarioMillis = scenarioMillis;
    this.replicas = replicas;
  }

  ScenarioFault read(YamlNode entry, int index) {
    entry.requireMapping("type: ..., at_ms: ..., and the type's keys (docs/FAULTS.md)");
    String type = entry.require("type", "a fault type").choice(List.copyOf(KEYS.keySet()));
    List<String> allowed = new ArrayList<>(COMMON);
    allowed.addAll(KEYS.get(type));
    entry.rejectUnknownKeys(allowed);
    String where = entry.where() + " (faults[" + index + "] " + type + ")";

    long at = entry.require("at_ms", "ms from the start of the workload").integer(0, MAX_MS);
    if (at >= scenarioMillis) {
      throw entry
          .get("at_ms")
          .error(
              "at_ms " + at + " is not before the end of the workload",
              "less than duration_ms " + scenarioMillis);
    }
    boolean zeroDurationAllowed = type.equals("crash-node") || type.equals("failover");
    YamlNode durationNode = entry.get("duration_ms");
    if (durationNode == null && !zeroDurationAllowed) {
      throw entry.error(
          "fault " + type + " has no 'duration_ms'", "'duration_ms': how long it lasts");
    }
    long duration =
        durationNode == null
            ? 0
            : durationNode.integer(zeroDurationAllowed ? 0 : 1, scenarioMillis);
    YamlNode repeatNode = entry.get("repeat_every_ms");
    long repeat = repeatNode == null ? 0 : repeatNode.integer(duration + 1, MAX_MS);
    if (repeat > 0 && type.equals("failover")) {
      throw repeatNode.error("failover cannot repeat", "no repeat_every_ms (one replica per node)");
    }

    List<LockMode> modes = modes(entry.get("modes"));
    int minNodes = modes.stream().mapToInt(LockMode::nodes).min().orElse(1);
    if ((type.equals("failover") || type.equals("cut-replication"))) {
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
    for (String key : KEYS.get(type)) {
      YamlNode value = entry.get(key);
      if (value != null) {
        params.put(key, param(key, value, minNodes, modes));
      }
    }
    checkRequired(entry, type, params);
    List<String> modeIds =
        entry.has("modes") ? modes.stream().map(LockMode::id).toList() : List.of();
    return new ScenarioFault(type, at, duration, repeat, params, modeIds, where);
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

  private Object param(String key, YamlNode value, int minNodes, List<LockMode> modes) {
    return switch (key) {
      case "nodes" -> indices(value, minNodes, "node", modes);
      case "clients" -> indices(value, clients, "client", null);
      case "sees" -> views(value, minNodes, modes);
      case "latency_ms" -> value.integer(1, 600_000);
      case "jitter_ms", "timeout_ms" -> value.integer(0, 600_000);
      case "pause_ms" -> value.integer(1, scenarioMillis);
      case "jump_ms" -> nonZero(value, value.integer(-86_400_000L, 86_400_000L));
      case "rate" -> value.number(1e-3, 1000, "a clock rate > 0 (1 = real time)");
      case "direction" -> value.choice(List.of("downstream", "upstream", "both"));
      case "point" -> value.choice(List.of("after-acquire", "during-acquire", "before-release"));
      case "mode" -> value.choice(List.of("refuse", "drop"));
      default -> throw new IllegalStateException(key);
    };
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

  private static void checkRequired(YamlNode entry, String type, Map<String, Object> params) {
    Set<String> needed =
        switch (type) {
          case "partition" -> params.containsKey("sees") ? Set.of() : Set.of("nodes");
          case "latency", "resource-delay" ->
              type.equals("latency") ? Set.of("nodes", "latency_ms") : Set.of("latency_ms");
          case "lost-replies",
              "reset-peer",
              "pause-node",
              "crash-node",
              "failover",
              "cut-replication" ->
              Set.of("nodes");
          case "clock-jump" -> Set.of("nodes", "jump_ms");
          case "clock-drift" -> Set.of("nodes", "rate");
          case "client-clock" -> Set.of("rate");
          case "client-pause" -> Set.of("point", "pause_ms");
          default -> Set.of();
        };
    for (String key : KEYS.get(type)) {
      if (needed.contains(key) && !params.containsKey(key)) {
        throw entry.error(
            "fault " + type + " has no '" + key + "'", "'" + key + "' (docs/FAULTS.md)");
      }
    }
    if (type.equals("partition")
        && params.containsKey("sees")
        && (params.containsKey("nodes") || params.containsKey("clients"))) {
      throw entry
          .keyNode("sees")
          .error(
              "partition gives both 'sees' and 'nodes'/'clients'",
              "either 'sees' or 'nodes' (+ 'clients')");
    }
  }

  private static Map<String, List<String>> keys() {
    Map<String, List<String>> keys = new LinkedHashMap<>();
    keys.put("partition", List.of("nodes", "clients", "sees", "mode"));
    keys.put("latency", List.of("nodes", "clients", "latency_ms", "jitter_ms", "direction"));
    keys.put("lost-replies", List.of("nodes", "clients"));
    keys.put("reset-peer", List.of("nodes", "clients", "timeout_ms"));
    keys.put("pause-node", List.of("nodes"));
    keys.put("crash-node", List.of("nodes"));
    keys.put("failover", List.of("nodes"));
    keys.put("cut-replication", List.of("nodes"));
    keys.put("clock-jump", List.of("nodes", "jump_ms"));
    keys.put("clock-drift", List.of("nodes", "rate"));
    keys.put("client-clock", List.of("clients", "rate"));
    keys.put("client-pause", List.of("clients", "point", "pause_ms"));
    keys.put("resource-delay", List.of("clients", "latency_ms", "jitter_ms"));
    return java.util.Collections.unmodifiableMap(keys);
  }
}
