package io.redlocklab.harness.scenario;

import io.redlocklab.harness.checker.AvailabilityWindow;
import io.redlocklab.harness.checker.CheckSettings;
import io.redlocklab.harness.cluster.LockServer;
import io.redlocklab.harness.lockclient.LockClientTraits;
import io.redlocklab.harness.mode.LockMode;
import io.redlocklab.harness.nemesis.Fault;
import io.redlocklab.harness.nemesis.FaultType;
import io.redlocklab.harness.nemesis.PausePoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated scenario file: what to run, against which modes, with which faults, and what the
 * theory predicts per mode. Immutable. Everything the runner needs per mode is one call away.
 */
public final class Scenario {

  private final String name;
  private final String title;
  private final String description;
  private final List<String> sources;
  private final Path file;
  private final List<LockMode> modes;
  private final TopologySpec topology;
  private final Workload workload;
  private final Map<String, Boolean> respectValidity;
  private final List<Fault> faults;
  private final AvailabilityWindow window;
  private final double minSuccessRate;
  private final Map<String, Prediction> predictions;
  private final String compareWith;
  private final SweepPoint sweep;

  Scenario(
      String name,
      String title,
      String description,
      List<String> sources,
      Path file,
      List<LockMode> modes,
      TopologySpec topology,
      Workload workload,
      Map<String, Boolean> respectValidity,
      List<Fault> faults,
      AvailabilityWindow window,
      double minSuccessRate,
      Map<String, Prediction> predictions,
      String compareWith,
      SweepPoint sweep) {
    this.name = name;
    this.title = title;
    this.description = description;
    this.sources = List.copyOf(sources);
    this.file = file;
    this.modes = List.copyOf(modes);
    this.topology = topology;
    this.workload = workload;
    this.respectValidity = Map.copyOf(respectValidity);
    this.faults = List.copyOf(faults);
    this.window = window;
    this.minSuccessRate = minSuccessRate;
    this.predictions = Map.copyOf(predictions);
    this.compareWith = compareWith;
    this.sweep = sweep;
  }

  /** The sweep row this scenario is, if its file declares a sweep. */
  public Optional<SweepPoint> sweep() {
    return Optional.ofNullable(sweep);
  }

  /** Lower-case words joined by '-', also used for file names. */
  public String name() {
    return name;
  }

  public String title() {
    return title;
  }

  public String description() {
    return description;
  }

  /** The sources and citations behind the scenario. */
  public List<String> sources() {
    return sources;
  }

  /** The file it was loaded from. */
  public Path file() {
    return file;
  }

  /**
   * The scenario this one is the counterpart of ({@code compare_with}): the same faults with the
   * clients as threads instead of processes, or the like; the report notes where they disagree.
   */
  public Optional<String> compareWith() {
    return Optional.ofNullable(compareWith);
  }

  /** The modes to run, in the file's order. */
  public List<LockMode> modes() {
    return modes;
  }

  public TopologySpec topology() {
    return topology;
  }

  /** The seed given in the file. */
  public long seed() {
    return workload.seed();
  }

  /** The workload as run in {@code mode} (respect_validity may differ per mode). */
  public Workload workload(LockMode mode) {
    return workload.withRespectValidity(
        respectValidity.getOrDefault(mode.id(), workload.respectValidity()));
  }

  /** Every fault of the file, including those limited to other modes. */
  public List<Fault> allFaults() {
    return faults;
  }

  /** The faults that apply to {@code mode}, in the file's order. */
  public List<Fault> faults(LockMode mode) {
    return faults.stream().filter(f -> f.appliesTo(mode.id())).toList();
  }

  /**
   * Why this scenario cannot act on {@code mode}'s lock client as written, from the traits the mode
   * declares; empty when everything applies. Such a cell is reported not applicable, never run
   * without the fault and never counted as a pass.
   */
  public Optional<String> notApplicable(LockMode mode) {
    for (Fault fault : faults(mode)) {
      Optional<String> why = notApplicable(fault, mode);
      if (why.isPresent()) {
        return why;
      }
    }
    if (workload.watchdog() && !mode.traits().watchdog()) {
      return Optional.of(mode.id() + " has no watchdog, so the workload's watchdog cannot apply");
    }
    return Optional.empty();
  }

  /**
   * Why {@code fault} cannot act on {@code mode}'s lock client; empty when it can. The soak asks
   * this of every fault type before drawing it.
   */
  public static Optional<String> notApplicable(Fault fault, LockMode mode) {
    LockClientTraits traits = mode.traits();
    if (fault.choosesLeader() && !mode.server().hasLeader()) {
      return Optional.of(
          fault.where()
              + ": nodes: leader, but "
              + mode.id()
              + "'s "
              + mode.server().title()
              + " servers elect no leader, so no node can be chosen by that role");
    }
    Optional<String> etcd = notOnEtcd(fault, mode);
    if (etcd.isPresent()) {
      return etcd;
    }
    if (fault.type().needsSentinel() && !mode.sentinel()) {
      return Optional.of(
          fault.where() + ": " + mode.id() + " has no sentinels, so Sentinel cannot fail it over");
    }
    if (fault.type().actsOnNodes() && mode.sentinel()) {
      return Optional.of(
          fault.where()
              + ": under Sentinel a client's links lead to both servers and to the sentinels, not"
              + " to a quorum node, so "
              + fault.type()
              + " cannot act on "
              + mode.id()
              + " as written (docs/CLUSTER.md)");
    }
    Optional<String> server = notOnServer(fault, mode);
    if (server.isPresent()) {
      return server;
    }
    if (fault.type() == FaultType.CLIENT_CLOCK && !traits.injectedClock()) {
      return Optional.of(
          fault.where()
              + ": "
              + mode.id()
              + " does not measure validity on an injected clock, so a client-clock fault"
              + " cannot act on it");
    }
    Optional<PausePoint> point = fault.pausePoint();
    if (point.isPresent() && !traits.pausePoints().contains(point.get())) {
      return Optional.of(
          fault.where()
              + ": "
              + mode.id()
              + " has no hook at "
              + point.get()
              + ", so a "
              + fault.type()
              + " there cannot act on it");
    }
    return Optional.empty();
  }

  /** Why {@code fault} cannot act on a mode whose lock servers are not Redis; empty if it can. */
  private static Optional<String> notOnServer(Fault fault, LockMode mode) {
    if (mode.server() == LockServer.REDIS || mode.server() == LockServer.ETCD) {
      return Optional.empty();
    }
    String why =
        switch (fault.type()) {
          case FAILOVER, SENTINEL_FAILOVER, CUT_REPLICATION, REPLICA_LAG ->
              "acts on Redis replicas or Sentinel, which " + mode.id() + " does not have";
          case CLOCK_JUMP, CLOCK_DRIFT ->
              "moves only CLOCK_REALTIME (the shim), which "
                  + mode.id()
                  + "'s lock never reads: "
                  + (mode.server() == LockServer.ZOOKEEPER
                      ? "ZooKeeper expires sessions on System.nanoTime (CLOCK_MONOTONIC)"
                      : "a PostgreSQL advisory lock has no expiry at all");
          case LATENCY, LOST_REPLIES, RESET_PEER ->
              "is verified with Redis commands through the link, which a "
                  + mode.server().title()
                  + " server does not answer";
          default -> null;
        };
    return Optional.ofNullable(why).map(w -> fault.where() + ": " + fault.type() + " " + w);
  }

  /** Why {@code fault} cannot act on an etcd mode's servers; empty if it can. */
  private static Optional<String> notOnEtcd(Fault fault, LockMode mode) {
    if (mode.server() != LockServer.ETCD) {
      return Optional.empty();
    }
    if (fault.type().movesServerClock()) {
      return Optional.of(
          fault.where()
              + ": etcd is a Go binary that reads the clock through the vDSO, not libc, so the"
              + " LD_PRELOAD clock shim cannot move its clock (EtcdClockShimIT shows it does not)");
    }
    if (fault.type().needsSentinel() || fault.type().needsReplicas()) {
      return Optional.of(
          fault.where() + ": " + fault.type() + " is a Redis replication fault; etcd has none");
    }
    if (fault.type() == FaultType.LATENCY) {
      return Optional.of(
          fault.where()
              + ": latency is verified by Redis PING round trips rising over a baseline, which"
              + " etcd does not answer; no etcd round-trip measure exists yet (not run)");
    }
    if (fault.type() == FaultType.LOST_REPLIES || fault.type() == FaultType.RESET_PEER) {
      return Optional.of(
          fault.where()
              + ": "
              + fault.type()
              + " is verified by a Redis SET through the link and EXISTS on the server, which"
              + " etcd does not answer; no etcd write-and-look probe exists yet (not run)");
    }
    return Optional.empty();
  }

  /** True when the masters (and replicas) must get async replicas in {@code mode}. */
  public boolean replicas(LockMode mode) {
    return topology.replicas() || mode.needsReplica();
  }

  /** True when some fault of {@code mode} moves a server clock. */
  public boolean needsServerClocks(LockMode mode) {
    return mode.server() == LockServer.REDIS
        && faults(mode).stream().anyMatch(f -> f.type().movesServerClock());
  }

  public Prediction prediction(LockMode mode) {
    return Objects.requireNonNull(predictions.get(mode.id()), mode.id());
  }

  /** How to judge {@code mode}'s history. */
  public CheckSettings checkSettings(LockMode mode) {
    return new CheckSettings(
        mode.fenced(),
        window,
        minSuccessRate,
        CheckSettings.DEFAULT_MAX_EXAMPLES,
        crashRecoveryMillis(workload));
  }

  /**
   * The lease of a killed holder expires at most one TTL after its last grant or renewal; the
   * others then need one retry (backoff ≤ think/2) and a round trip: half a TTL, at least 500 ms,
   * covers those.
   */
  static long crashRecoveryMillis(Workload workload) {
    long ttl = workload.ttl().toMillis();
    return ttl + Math.max(500, ttl / 2);
  }

  @Override
  public String toString() {
    return name + " (" + file + ")";
  }
}
