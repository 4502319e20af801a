package io.redlocklab.harness.nemesis;

import io.redlocklab.harness.cluster.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Adds latency (± jitter, Toxiproxy's own randomness) to links, per direction: client→node links
 * for {@code latency}, client→resource links for {@code resource-delay}. Verified by the PING round
 * trip through each link rising by at least the configured delay (minus jitter) over its baseline;
 * latency already on a link (an overlapping fault) lowers that bound by twice its jitter, since the
 * baseline and the check each draw it anew.
 */
final class LatencyNemesis extends BaseNemesis {

  private static final long TOLERANCE_NANOS = 2_000_000;

  private final LinkSelection selection;
  private final long latencyMillis;
  private final long jitterMillis;
  private final Set<Link.Direction> directions;
  private final List<Link> delayed = new ArrayList<>();
  private List<Link> measured = List.of();
  private List<Long> baseline = List.of();
  private List<Long> otherJitterMillis = List.of();

  LatencyNemesis(
      String name,
      NemesisContext context,
      LinkSelection selection,
      long latencyMillis,
      long jitterMillis,
      Set<Link.Direction> directions) {
    super(name, context);
    this.selection = selection;
    this.latencyMillis = latencyMillis;
    this.jitterMillis = jitterMillis;
    this.directions = Set.copyOf(directions);
  }

  @Override
  String describe() {
    return latencyMillis
        + " ms ± "
        + jitterMillis
        + " ms "
        + directionNames()
        + " on "
        + LinkSelection.names(selection.select(context.cluster()));
  }

  @Override
  void inject() {
    List<Link> links = selection.select(context.cluster());
    measured = Probes.answering(links);
    baseline = Probes.inParallel(measured, link -> Probes.minPingNanos(link.endpoint(), 2_000, 5));
    otherJitterMillis = measured.stream().map(Link::latencyJitterMillis).toList();
    for (Link link : links) {
      delayed.add(link);
      for (Link.Direction direction : directions) {
        link.addLatency(toxic(direction), direction, latencyMillis, jitterMillis);
      }
    }
  }

  @Override
  String verify() {
    int timeout = (int) Math.min(Integer.MAX_VALUE, 2 * (latencyMillis + jitterMillis) + 2_000);
    List<Long> rtts =
        Probes.inParallel(measured, link -> Probes.pingNanos(link.endpoint(), timeout));
    long expected =
        (latencyMillis - jitterMillis) * 1_000_000L * directions.size() - TOLERANCE_NANOS;
    long minRise = Long.MAX_VALUE;
    long maxRise = Long.MIN_VALUE;
    if (measured.isEmpty()) {
      return "toxics in place; no link measurable" + Probes.unmeasured(delayed, measured);
    }
    for (int i = 0; i < measured.size(); i++) {
      long rise = rtts.get(i) - baseline.get(i);
      if (rise < expected - 2 * otherJitterMillis.get(i) * 1_000_000L) {
        throw notInEffect(
            "PING round trip through "
                + measured.get(i).name()
                + " rose by only "
                + Probes.millis(rise)
                + " ("
                + Probes.millis(baseline.get(i))
                + " → "
                + Probes.millis(rtts.get(i))
                + ")");
      }
      minRise = Math.min(minRise, rise);
      maxRise = Math.max(maxRise, rise);
    }
    String range =
        minRise == maxRise
            ? Probes.millis(minRise)
            : Probes.millis(minRise) + " to " + Probes.millis(maxRise);
    return "PING round trip rose by "
        + range
        + " on "
        + measured.size()
        + " link(s) (configured "
        + latencyMillis
        + " ± "
        + jitterMillis
        + " ms × "
        + directions.size()
        + " direction(s))"
        + Probes.unmeasured(delayed, measured);
  }

  @Override
  String heal() {
    for (Link link : delayed) {
      for (Link.Direction direction : directions) {
        link.removeToxic(toxic(direction));
      }
    }
    String healed = LinkSelection.names(delayed);
    delayed.clear();
    return "removed latency from " + healed;
  }

  private String directionNames() {
    return directions.size() == 2
        ? "both ways"
        : directions.iterator().next().name().toLowerCase(Locale.ROOT);
  }

  private String toxic(Link.Direction direction) {
    return name + "-latency-" + direction.name().toLowerCase(Locale.ROOT);
  }
}
