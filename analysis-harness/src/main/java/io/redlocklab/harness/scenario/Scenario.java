package io.redlocklab.harness.scenario;

import io.redlocklab.harness.checker.AvailabilityWindow;
import io.redlocklab.harness.checker.CheckSettings;
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
    LockClientTraits traits = mode.traits();
    for (Fault fault : faults(mode)) {
      if (fault.type().needsSentinel() && !mode.sentinel()) {
        return Optional.of(
            fault.where()
                + ": "
                + mode.id()
                + " has no sentinels, so Sentinel cannot fail it over");
      }
      if (fault.type().actsOnNodes() && mode.sentinel()) {
        return Optional.of(
            fault.where()
                + ": under Sentinel every client shares the servers' proxies, so "
                + fault.type()
                + " cannot act on "
                + mode.id()
                + " as written (docs/CLUSTER.md)");
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
    }
    if (workload.watchdog() && !traits.watchdog()) {
      return Optional.of(mode.id() + " has no watchdog, so the workload's watchdog cannot apply");
    }
    return Optional.empty();
  }

  /** True when the masters (and replicas) must get async replicas in {@code mode}. */
  public boolean replicas(LockMode mode) {
    return topology.replicas() || mode.needsReplica();
  }

  /** True when some fault of {@code mode} moves a server clock. */
  public boolean needsServerClocks(LockMode mode) {
    return faults(mode).stream().anyMatch(f -> f.type().movesServerClock());
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
