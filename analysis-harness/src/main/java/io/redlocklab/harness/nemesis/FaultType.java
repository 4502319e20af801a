package io.redlocklab.harness.nemesis;

import io.redlocklab.harness.cluster.Capability;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fault vocabulary of docs/FAULTS.md, listed once: each type's name in scenario files, the keys
 * it takes beyond the common ones, the keys it requires, and what it needs from the topology and
 * the backend. {@code FaultReader} checks a scenario's entries against it; {@link NemesisFactory}
 * turns each type into its nemesis.
 */
public enum FaultType {
  PARTITION("partition", List.of("nodes", "clients", "sees", "mode"), List.of("nodes")),
  LATENCY(
      "latency",
      List.of("nodes", "clients", "latency_ms", "jitter_ms", "direction"),
      List.of("nodes", "latency_ms")),
  LOST_REPLIES("lost-replies", List.of("nodes", "clients"), List.of("nodes")),
  RESET_PEER("reset-peer", List.of("nodes", "clients", "timeout_ms"), List.of("nodes")),
  PAUSE_NODE("pause-node", List.of("nodes"), List.of("nodes"), Need.PROCESS_CONTROL),
  CRASH_NODE(
      "crash-node", List.of("nodes"), List.of("nodes"), Need.PROCESS_CONTROL, Need.NO_DURATION),
  FAILOVER(
      "failover",
      List.of("nodes"),
      List.of("nodes"),
      Need.PROCESS_CONTROL,
      Need.NO_DURATION,
      Need.ONCE,
      Need.REPLICAS),
  SENTINEL_FAILOVER(
      "sentinel-failover",
      List.of("how", "clients"),
      List.of(),
      Need.PROCESS_CONTROL,
      Need.NO_DURATION,
      Need.ONCE,
      Need.SENTINEL),
  CUT_REPLICATION("cut-replication", List.of("nodes"), List.of("nodes"), Need.REPLICAS),
  REPLICA_LAG(
      "replica-lag",
      List.of("nodes", "latency_ms", "jitter_ms"),
      List.of("nodes", "latency_ms"),
      Need.REPLICAS),
  CLOCK_JUMP(
      "clock-jump", List.of("nodes", "jump_ms"), List.of("nodes", "jump_ms"), Need.SERVER_CLOCK),
  CLOCK_DRIFT("clock-drift", List.of("nodes", "rate"), List.of("nodes", "rate"), Need.SERVER_CLOCK),
  CLIENT_CLOCK("client-clock", List.of("clients", "rate"), List.of("rate")),
  CLIENT_PAUSE(
      "client-pause", List.of("clients", "point", "pause_ms"), List.of("point", "pause_ms")),
  RESOURCE_DELAY(
      "resource-delay", List.of("clients", "latency_ms", "jitter_ms"), List.of("latency_ms")),
  PROCESS_PAUSE(
      "process-pause", List.of("clients", "point", "pause_ms"), List.of(), Need.PROCESS_CLIENTS),
  PROCESS_CRASH("process-crash", List.of("clients", "point"), List.of(), Need.PROCESS_CLIENTS);

  /** The keys every entry may have, whatever its type. */
  public static final List<String> COMMON_KEYS =
      List.of("type", "at_ms", "duration_ms", "repeat_every_ms", "modes");

  /** What a type needs beyond its keys. */
  private enum Need {
    /** {@code duration_ms} may be omitted or 0. */
    NO_DURATION,
    /** {@code repeat_every_ms} is not allowed. */
    ONCE,
    /** Every master has an async replica. */
    REPLICAS,
    /** The mode runs under Sentinel. */
    SENTINEL,
    /** The backend can signal, kill and restart server processes. */
    PROCESS_CONTROL,
    /** The servers run under the clock shim, on a backend that can move their clocks. */
    SERVER_CLOCK,
    /** The clients run as child processes ({@code clients_as: processes}). */
    PROCESS_CLIENTS
  }

  private final String id;
  private final List<String> keys;
  private final List<String> required;
  private final Set<Need> needs;

  FaultType(String id, List<String> keys, List<String> required, Need... needs) {
    this.id = id;
    this.keys = keys;
    this.required = required;
    this.needs = Set.of(needs);
  }

  /** The name scenario files use, e.g. {@code crash-node}. */
  public String id() {
    return id;
  }

  /** The type's own keys, in the order of docs/FAULTS.md. */
  public List<String> keys() {
    return keys;
  }

  /** The first key this type requires that {@code given} lacks. A partition may use 'sees'. */
  public Optional<String> missingKey(Set<String> given) {
    if (this == PARTITION && given.contains("sees")) {
      return Optional.empty();
    }
    return required.stream().filter(key -> !given.contains(key)).findFirst();
  }

  /** True when {@code duration_ms} may be omitted or 0 (the fault is a single event). */
  public boolean allowsZeroDuration() {
    return needs.contains(Need.NO_DURATION);
  }

  public boolean canRepeat() {
    return !needs.contains(Need.ONCE);
  }

  /** True for faults that only a Sentinel topology has: other modes report them not applicable. */
  public boolean needsSentinel() {
    return needs.contains(Need.SENTINEL);
  }

  /**
   * True for faults on the client-to-node links or the node servers, which name quorum nodes: a
   * Sentinel client's links lead to both servers and the sentinels instead (the node moves at a
   * failover), so Sentinel modes report them not applicable. Its replication link is its own, so
   * cut-replication applies.
   */
  public boolean actsOnNodes() {
    return keys.contains("nodes") && this != CUT_REPLICATION && this != REPLICA_LAG;
  }

  public boolean needsReplicas() {
    return needs.contains(Need.REPLICAS);
  }

  /** True for faults that move a server clock: the servers must run under the clock shim. */
  public boolean movesServerClock() {
    return needs.contains(Need.SERVER_CLOCK);
  }

  /** True for faults that signal client JVMs: the scenario must run its clients as processes. */
  public boolean needsProcessClients() {
    return needs.contains(Need.PROCESS_CLIENTS);
  }

  /** The backend capability the nemesis needs, if any. */
  public Optional<Capability> capability() {
    if (needs.contains(Need.PROCESS_CONTROL)) {
      return Optional.of(Capability.PROCESS_CONTROL);
    }
    return movesServerClock() ? Optional.of(Capability.SERVER_CLOCK) : Optional.empty();
  }

  /** Every name, in the order of docs/FAULTS.md. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(FaultType::id).toList();
  }

  /** The type named {@code id}; an unknown name is a programming error (files are checked). */
  public static FaultType of(String id) {
    return Arrays.stream(values())
        .filter(type -> type.id.equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown fault type '" + id + "'"));
  }

  @Override
  public String toString() {
    return id;
  }
}
